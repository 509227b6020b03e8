/** Translated names of the record-backed PRISMA numbers, for record-list headings. */
import type { RecordCountId } from '../../../shared/prisma/report';
import { t, type MessageKey } from '../i18n';

const NAMES: Record<RecordCountId, MessageKey> = {
  identified: 'prisma.count.identified',
  registers: 'prisma.count.registers',
  duplicates: 'prisma.count.duplicates',
  screened: 'prisma.count.screened',
  excludedScreening: 'prisma.count.excludedScreening',
  sought: 'prisma.count.sought',
  notRetrieved: 'prisma.count.notRetrieved',
  assessed: 'prisma.count.assessed',
  excludedReports: 'prisma.count.excludedReports',
  included: 'prisma.count.included',
  includedReports: 'prisma.count.includedReports',
};

/** "Records screened", "Records identified from MEDLINE", "Reports excluded: Wrong setting"… */
export function countName(count: RecordCountId, item: string | null): string {
  if (item && (count === 'identified' || count === 'registers')) return t('prisma.count.identifiedFrom', { item });
  if (item && count === 'excludedReports') return t('prisma.count.excludedReportsFor', { item });
  return t(NAMES[count]);
}
