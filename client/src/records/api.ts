/** Typed calls for records: the filtered list, one record, facets, duplicate review and exports. */
import type { ConfirmDuplicatesBody, MergeDuplicateBody, SplitDuplicateBody, Stage } from '../../../shared/api';
import type { MergeDifference, StoredRecord } from '../../../shared/records';
import type { Resource } from 'solid-js';
import { api, ApiError, seg } from '../api/client';

/** A record as GET /records returns it: the stored record plus its review state (server/records/search.ts ListedRecord). */
export interface RecordItem extends StoredRecord {
  duplicateConfirmedAt: string | null;
  duplicateConfirmedBy: { id: string; name: string } | null;
  duplicateCount: number;
}

/** A duplicate group: the primary record and those linked to it. */
export interface DuplicateGroup {
  primary: RecordItem;
  duplicates: RecordItem[];
  reasons: string[];
  score: number | null;
  confirmed: boolean;
}

/** The list filters, as in the page address. */
export interface RecordQuery {
  q?: string;
  source?: string;
  duplicates?: '' | 'only' | 'exclude';
  label?: string;
  import?: string;
  /** 'relevance' ranks by the search words (bm25); absent or 'arrival' is import order */
  sort?: '' | 'arrival' | 'relevance';
  /** leaves out this primary record and its duplicates */
  notInGroup?: string;
}

/** One page of GET /records. */
export interface RecordPage {
  records: RecordItem[];
  nextCursor: string | null;
  /** every matching record, not just this page */
  total: number;
  /** the order used: 'relevance' only when there were words to rank by ('queue' for a stage) */
  sort?: 'arrival' | 'relevance' | 'queue';
  /** the words searched for; `ignored` when text was typed but had none (so nothing was filtered) */
  /** what the search was taken to mean: all clauses needed (any term of one), excluded terms left out */
  search?: { words: string[]; clauses?: string[][]; excluded?: string[]; ignored: boolean };
}

/** What the filter menus offer. */
export interface Facets {
  sources: { source: string; n: number }[];
  imports: { id: string; source: string; filename: string | null; format: string; parsed: number; added: number; duplicates: number; createdAt: string }[];
  labels: { tool: string; label: 'include' | 'exclude' | 'maybe'; n: number; reviewers: string[] }[];
  total: number;
  duplicates: number;
}

const base = (pid: string) => `/api/projects/${seg(pid)}`;

/** A resource's latest value, or undefined while it failed (reading a failed resource would throw). */
export const latest = <T,>(r: Resource<T>): T | undefined => (r.error ? undefined : r.latest);

/** The filters as query parameters (empty ones left out). */
export function queryString(q: RecordQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v) params.set(k, v);
  return params.toString();
}

/** One page of matching records. */
export const listRecords = (pid: string, q: RecordQuery, cursor: string | null, limit = 50) =>
  api.get<RecordPage>(`${base(pid)}/records?${queryString(q, { limit: String(limit), cursor: cursor ?? '' })}`);

/** One record with its group. */
export const getRecordDetail = (pid: string, rid: string) =>
  api.get<{ record: RecordItem; duplicates: RecordItem[]; primary: RecordItem | null; group: DuplicateGroup | null }>(`${base(pid)}/records/${seg(rid)}`);

/** Sources, imports and prior labels of the project. */
export const getFacets = (pid: string) => api.get<Facets>(`${base(pid)}/records/facets`);

/** One page of duplicate groups. */
export const listGroups = (pid: string, status: string, reason: string, cursor: string | null, limit = 20) =>
  api.get<{ groups: DuplicateGroup[]; nextCursor: string | null; total: number; totals: { groups: number; duplicates: number; unconfirmed: number } }>(
    `${base(pid)}/duplicates?${queryString({}, { status, reason, cursor: cursor ?? '', limit: String(limit) })}`,
  );

/*
 * The three changes send what the page showed, so that a group another lead changed meanwhile is
 * refused (409 group_changed, see isGroupChanged) instead of changed unseen.
 */

/** Confirms a group (lead): the one with these duplicates, as shown. */
export const confirmGroup = (pid: string, group: DuplicateGroup) =>
  api.post<{ group: DuplicateGroup }>(`${base(pid)}/duplicates/confirm`, { primaryId: group.primary.id, duplicateIds: group.duplicates.map((d) => d.id) } satisfies ConfirmDuplicatesBody);

/** Splits a duplicate out of the group it was shown in (lead). */
export const splitRecord = (pid: string, recordId: string, primaryId: string) =>
  api.post<{ recordId: string; formerPrimaryId: string; group: DuplicateGroup | null }>(`${base(pid)}/duplicates/split`, { recordId, primaryId } satisfies SplitDuplicateBody);

/** True when the server refused a change because the group is no longer as the page showed it. */
export const isGroupChanged = (err: unknown) => err instanceof ApiError && err.code === 'group_changed';

/** The group a record is in now (null when none, or the record is gone): for reloading a stale view. */
export async function groupNow(pid: string, rid: string): Promise<DuplicateGroup | null> {
  try {
    return (await getRecordDetail(pid, rid)).group;
  } catch (err) {
    // A record removed with its import has no group any more; anything else is a real failure.
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export type { MergeDifference };

/** What a merge would do. */
export interface MergePreview {
  primary: RecordItem;
  duplicate: RecordItem;
  moving: number;
  screening: Record<Stage, { inStage: boolean; decisions: number; othersHidden: boolean } | null>;
  /** facts that differ between the two (servers before this field existed leave it out) */
  differences?: MergeDifference[];
}

/** Asks what merging would do (lead). */
export const mergePreview = (pid: string, primaryId: string, duplicateId: string) =>
  api.get<MergePreview>(`${base(pid)}/duplicates/merge-preview?${queryString({}, { primaryId, duplicateId })}`);

/** The answer to a merge: the group now, and the records that joined it besides the merged one (its duplicates or followers). */
export interface MergeResult {
  primaryId: string;
  duplicateId: string;
  moved: string[];
  group: DuplicateGroup;
}

/** Merges a record into a group (lead); `duplicateOf` is its link as the preview showed it. */
export const mergeRecords = (pid: string, primaryId: string, duplicateId: string, duplicateOf: string | null) =>
  api.post<MergeResult>(`${base(pid)}/duplicates/merge`, { primaryId, duplicateId, duplicateOf } satisfies MergeDuplicateBody);

/** The export address for these choices. */
export function exportUrl(pid: string, opts: { format: 'ris' | 'csv'; stage: '' | Stage; decision: string }, filters: RecordQuery | null): string {
  const extra: Record<string, string> = { format: opts.format, stage: opts.stage, decision: opts.stage ? opts.decision : '' };
  return `${base(pid)}/export?${queryString(filters ?? {}, extra)}`;
}

/** Downloads an export: fetched first, so a refusal (e.g. still blinded) shows as a message, not a broken file. */
export async function downloadExport(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? res.statusText);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'coreview-export';
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
