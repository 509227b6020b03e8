/** Words for records: duplicate reasons, prior labels from other tools, authors and citation lines. */
import type { PriorLabel } from '../../../shared/records';
import { formatList, formatNumber, t, type MessageKey } from '../i18n';
import type { RecordItem } from './api';

const REASON: Record<string, MessageKey> = {
  doi: 'records.reason.doi',
  pmid: 'records.reason.pmid',
  fuzzy: 'records.reason.fuzzy',
  manual: 'records.reason.manual',
};

/** Why a record was linked as a duplicate, in words. */
export const reasonText = (reason: string | null) => (reason && REASON[reason] ? t(REASON[reason]!) : t('records.reason.manual'));

const LABEL: Record<string, MessageKey> = { include: 'records.label.include', exclude: 'records.label.exclude', maybe: 'records.label.maybe' };

/** A prior label's word ("include"). */
export const labelWord = (label: string) => (LABEL[label] ? t(LABEL[label]!) : label);

/** A tool's name as people write it. */
export const toolName = (tool: string) => (tool === 'rayyan' ? 'Rayyan' : tool === 'asreview' ? 'ASReview' : tool);

/** "Rayyan: include (47)" for a filter option. */
export const labelOption = (tool: string, label: string, n: number) => t('records.filter.labelOption', { tool: toolName(tool), label: labelWord(label), n });

/** A short summary of a record's prior labels: "Rayyan: 2 include, 1 exclude". */
export function labelSummary(labels: PriorLabel[]): string {
  const byTool = new Map<string, Map<string, number>>();
  for (const l of labels) {
    const m = byTool.get(l.tool) ?? new Map<string, number>();
    m.set(l.label, (m.get(l.label) ?? 0) + 1);
    byTool.set(l.tool, m);
  }
  return [...byTool]
    .map(([tool, m]) => t('records.labels.tool', { tool: toolName(tool), labels: formatList([...m].map(([label, n]) => `${formatNumber(n)} ${labelWord(label)}`)) }))
    .join('; ');
}

/** Authors for a list line: the first three, then "and N more". */
export function authorsShort(authors: string[]): string {
  if (authors.length <= 3) return formatList(authors);
  return t('records.authorsMore', { authors: authors.slice(0, 3).join('; '), count: authors.length - 3 });
}

/** "Journal · 2021 · 147(5) · 12–20" from what the record has. */
export function citationLine(r: Pick<RecordItem, 'journal' | 'year' | 'volume' | 'issue' | 'pages'>): string {
  const vol = r.volume ? (r.issue ? `${r.volume}(${r.issue})` : r.volume) : '';
  return [r.journal, r.year === null ? '' : String(r.year), vol, r.pages].filter(Boolean).join(' · ');
}

/** The duplicate status of a record in words. */
export function duplicateStatus(r: RecordItem): string {
  if (r.duplicateOf) return r.duplicateConfirmedAt ? t('records.dup.isConfirmed', { reason: reasonText(r.duplicateReason) }) : t('records.dup.is', { reason: reasonText(r.duplicateReason) });
  if (r.duplicateCount) return t('records.dup.has', { count: r.duplicateCount });
  return t('records.dup.none');
}

/** A score (0–1) as a percentage, for fuzzy matches. */
export const scoreText = (score: number | null) => (score === null ? '' : t('records.score', { percent: Math.round(score * 100) }));
