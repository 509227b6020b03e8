/** Typed calls for screening: a screener's queue, their records in pages, and full texts. */
import type { Stage } from '../../../shared/api';
import type { ApiError as ApiErrorBody } from '../../../shared/api';
import { api, ApiError, seg } from '../api/client';

/** GET /stages/:stage/queue: the records this person screens, in order. */
export interface Queue {
  stage: Stage;
  screener: boolean;
  recordIds: string[];
  total: number | null;
  unblinded: boolean;
  /** present (and the queue empty) while title/abstract is still blinded for this person */
  opensAfterUnblinding?: 'ta';
}

/** The fields of a record the screening page shows. */
export interface ScreenRecord {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  year: number | null;
  journal: string;
  doi: string | null;
  url: string;
  keywords: string[];
}

/** A record's full text: an uploaded PDF or a link. */
export interface FullText {
  recordId: string;
  kind: 'file' | 'link';
  url: string | null;
  size: number | null;
  at: string;
}

const base = (pid: string) => `/api/projects/${seg(pid)}`;

/** This person's queue at a stage. */
export const getQueue = (pid: string, stage: Stage) => api.get<Queue>(`${base(pid)}/stages/${stage}/queue`);

/** Whether the signed-in person screens a stage; false when that cannot be found out (the way to screening is then hidden, not the page). */
export const screensStage = (pid: string, stage: Stage) => getQueue(pid, stage).then((q) => q.screener, () => false);

/** One page of the queue's records (cursor = offset into the queue). */
export const getRecordPage = (pid: string, stage: Stage, cursor: number, limit: number) =>
  api.get<{ records: ScreenRecord[]; nextCursor: string | null; total: number }>(
    `${base(pid)}/records?stage=${stage}&cursor=${cursor}&limit=${limit}`,
  );

/** One record by id (when the queue changed under a prefetched page). */
export const getRecord = (pid: string, rid: string) => api.get<{ record: ScreenRecord }>(`${base(pid)}/records/${seg(rid)}`).then((r) => r.record);

/** Full texts of the project (only once the full-text stage is known to this person). */
export const listFullTexts = (pid: string) => api.get<{ fulltexts: FullText[] }>(`${base(pid)}/fulltexts`).then((r) => r.fulltexts);

/** Where a record's PDF is read from. */
export const fullTextUrl = (pid: string, rid: string) => `${base(pid)}/records/${seg(rid)}/fulltext`;

/** Sends a non-JSON or PUT request (the shared wrapper covers JSON GET/POST/PATCH/DELETE) and parses JSON back. */
export async function send<T>(method: 'POST' | 'PUT', path: string, body: BodyInit, contentType: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': contentType }, body });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const data = (await res.json().catch(() => null)) as (T & ApiErrorBody) | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? `http_${res.status}`, data?.error?.message ?? res.statusText, data?.error?.fields ?? {});
  return data as T;
}

/** Uploads a PDF as a record's full text. */
export const uploadFullText = (pid: string, rid: string, file: Blob) =>
  send<{ fulltext: FullText }>('POST', fullTextUrl(pid, rid), file, 'application/pdf').then((r) => r.fulltext);

/** Links a record's full text to a web address instead. */
export const linkFullText = (pid: string, rid: string, url: string) =>
  send<{ fulltext: FullText }>('PUT', `${fullTextUrl(pid, rid)}-link`, JSON.stringify({ url }), 'application/json').then((r) => r.fulltext);
