/**
 * The PRISMA API of a project (server and client share it): the lead-entered numbers
 * (`GET`/`PATCH /api/projects/:pid/prisma`), the live flow (`GET .../prisma.json`), the records
 * behind a number (`GET .../prisma/records?count=&item=`) and the client route each number links to.
 */
import { z } from '../zod';
import type { PrismaJson, PrismaJsonBox } from './json';
import type { PrismaCountId } from './types';

const MAX_COUNT = 100_000_000;
const count = z.number().int().min(0).max(MAX_COUNT);
const name = z.string().trim().min(1).max(200);
const sourceCount = z.object({ source: name, n: count }).strict();
const reasonCount = z.object({ reason: name, n: count }).strict();

/**
 * Numbers only the lead can know, stored per project:
 * - `registers`: records from trial registers searched but not imported (register imports: `registerSources`);
 * - `registerSources`: import sources that are registers, drawn under "Registers" instead of "Databases";
 * - `notImported`: records a source returned that never reached Coreview (e.g. removed by an automation
 *   tool before import); added to that source's identified count so the flow still adds up;
 * - `automation`, `removedOther`: records removed before screening for those reasons;
 * - `includedStudies`: studies, when several included reports belong to one study (null = one per report);
 * - `notRetrievedReason`: the exclusion reason meaning "full text unavailable" (null = the project's
 *   reason named "Full text unavailable", case-insensitive, if any);
 * - `otherMethods`: the right-hand column (websites, citation searching…), or null when not used.
 */
export const prismaManual = z
  .object({
    registers: z.array(sourceCount).max(50),
    registerSources: z.array(name).max(50),
    notImported: z.array(sourceCount).max(50),
    automation: count,
    removedOther: count,
    includedStudies: count.nullable(),
    notRetrievedReason: name.nullable(),
    otherMethods: z
      .object({
        identified: z.array(sourceCount).max(50),
        sought: count,
        notRetrieved: count,
        assessed: count,
        excludedReports: z.array(reasonCount).max(100),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type PrismaManual = z.infer<typeof prismaManual>;

/** `PATCH /api/projects/:pid/prisma` body: any subset of the lead-entered numbers. */
export const patchPrismaBody = prismaManual.partial().strict();

/** What a project starts with: nothing entered. */
export const DEFAULT_PRISMA_MANUAL: PrismaManual = {
  registers: [],
  registerSources: [],
  notImported: [],
  automation: 0,
  removedOther: 0,
  includedStudies: null,
  notRetrievedReason: null,
  otherMethods: null,
};

/** The bucket for a full-text exclusion nobody gave a reason for (e.g. a 'maybe' counted as exclude). */
export const NO_REASON = 'No reason recorded';

/** Numbers backed by records in Coreview: these link to the list of records behind them. */
export const RECORD_COUNT_IDS = [
  'identified',
  'registers',
  'duplicates',
  'screened',
  'excludedScreening',
  'sought',
  'notRetrieved',
  'assessed',
  'excludedReports',
  'included',
  'includedReports',
] as const satisfies readonly PrismaCountId[];
export type RecordCountId = (typeof RECORD_COUNT_IDS)[number];

/**
 * The client page listing the records behind a number, e.g.
 * `/projects/p1/prisma/records?count=excludedReports&item=Wrong%20setting` (same query names as the API).
 */
export function prismaRecordsHref(projectId: string, countId: RecordCountId, item?: string | null): string {
  const q = new URLSearchParams({ count: countId });
  if (item) q.set('item', item);
  return `/projects/${encodeURIComponent(projectId)}/prisma/records?${q.toString().replace(/\+/g, '%20')}`;
}

/** A line of a box with the client route its number links to (null when Coreview has no records behind it). */
export type PrismaReportLine = PrismaJsonBox['lines'][number] & { href: string | null };

/** `GET /api/projects/:pid/prisma.json`. */
export interface PrismaReport extends Omit<PrismaJson, 'boxes'> {
  projectId: string;
  generatedAt: string;
  boxes: (Omit<PrismaJsonBox, 'lines'> & { lines: PrismaReportLine[] })[];
  /** the lead-entered numbers the counts include */
  manual: PrismaManual;
  /** the exclusion reason counted as "Reports not retrieved" (null: none, so that box stays 0) */
  notRetrievedReason: string | null;
  /** records not yet settled at each stage: the flow adds up once these are 0 */
  unsettled: { ta: { pending: number; conflict: number }; ft: { pending: number; conflict: number } };
}

/** `GET /api/projects/:pid/prisma/records?count=&item=&cursor=&limit=`. */
export interface PrismaRecordsPage {
  count: RecordCountId;
  item: string | null;
  /** records behind the number (all pages) */
  total: number;
  records: { id: string; title: string; source: string }[];
  nextCursor: string | null;
}
