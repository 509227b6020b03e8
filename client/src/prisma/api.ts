/** Typed calls for the PRISMA flow: the report, the drawn SVG, the lead-entered numbers, record lists. */
import type { PrismaManual, PrismaRecordsPage, PrismaReport } from '../../../shared/prisma/report';
import { api, ApiError, seg } from '../api/client';

const base = (pid: string) => `/api/projects/${seg(pid)}`;

/** The SVG's address; `download` asks the server for an attachment. */
export const prismaSvgUrl = (pid: string, download = false) => `${base(pid)}/prisma.svg${download ? '?download=1' : ''}`;

/** The live flow with links, problems and unsettled counts (403 `blinded` while hidden). */
export const getPrismaReport = (pid: string) => api.get<PrismaReport>(`${base(pid)}/prisma.json`);

/** The drawn diagram as SVG text (the same errors as the JSON API). */
export async function getPrismaSvg(pid: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(prismaSvgUrl(pid), { credentials: 'same-origin', headers: { accept: 'image/svg+xml' } });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  if (res.ok) return text;
  let body: { error?: { code?: string; message?: string } } | null = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the status
  }
  throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? res.statusText);
}

/** Saves the lead-entered numbers (lead only); returns what is stored. */
export const patchPrismaManual = (pid: string, manual: Partial<PrismaManual>) =>
  api.patch<{ manual: PrismaManual }>(`${base(pid)}/prisma`, manual).then((r) => r.manual);

/** One page of the records behind a number. */
export function getPrismaRecords(pid: string, count: string, item: string | null, cursor: number, limit: number) {
  const q = new URLSearchParams({ count, cursor: String(cursor), limit: String(limit) });
  if (item) q.set('item', item);
  return api.get<PrismaRecordsPage>(`${base(pid)}/prisma/records?${q}`);
}
