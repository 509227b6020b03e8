/**
 * HTTP calls for synthesis: which studies a source can belong to (those finally included at full
 * text, else any record), .docx text extraction, and the themes export addresses.
 */
import { api, ApiError, seg } from '../api/client';
import { listRecords } from '../records/api';

/** A study a source can be added for. */
export interface Study {
  id: string;
  title: string;
  year: number | null;
}

/** GET /decisions: the final decision per record (null while pending, in dispute, or blind to this user). */
interface FinalDecisionsView {
  blinded: boolean;
  records: { recordId: string; final: 'include' | 'exclude' | null }[];
}

const base = (pid: string) => `/api/projects/${seg(pid)}`;
const MAX_INCLUDED = 300;

/**
 * Studies for the "add a source" form. `included` is true when they are the full-text
 * inclusions; when there are none yet (or the stage is still blind to this user) every record is
 * offered instead, so a team can start synthesis on the studies it has chosen by hand.
 */
export async function listStudies(pid: string): Promise<{ included: boolean; studies: Study[] }> {
  let ids: string[] = [];
  try {
    const view = await api.get<FinalDecisionsView>(`${base(pid)}/decisions?stage=ft`);
    ids = view.records.filter((r) => r.final === 'include').map((r) => r.recordId);
  } catch (err) {
    // 403 blinded / not a screener: fall back to every record below.
    if (!(err instanceof ApiError) || err.status === 0) throw err;
  }
  if (ids.length) {
    const details = await Promise.all(
      ids.slice(0, MAX_INCLUDED).map((rid) =>
        api.get<{ record: { id: string; title: string; year: number | null } }>(`${base(pid)}/records/${seg(rid)}`).then(
          (r) => r.record,
          () => null,
        ),
      ),
    );
    const studies = details.filter((r): r is NonNullable<typeof r> => !!r).map((r) => ({ id: r.id, title: r.title, year: r.year }));
    if (studies.length) return { included: true, studies };
  }
  const page = await listRecords(pid, {}, null, 500);
  return { included: false, studies: page.records.map((r) => ({ id: r.id, title: r.title, year: r.year })) };
}

/** Sends a .docx to the server and returns its plain text. */
export async function extractDocx(pid: string, file: File): Promise<{ text: string; characters: number; warnings: string[] }> {
  let res: Response;
  try {
    res = await fetch(`${base(pid)}/sources/extract`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      body: file,
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const body = (await res.json().catch(() => null)) as { text?: string; characters?: number; warnings?: string[]; error?: { code?: string; message?: string } } | null;
  if (!res.ok || typeof body?.text !== 'string') {
    throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? res.statusText);
  }
  return { text: body.text, characters: body.characters ?? body.text.length, warnings: body.warnings ?? [] };
}

export const EXPORT_FORMATS = ['json', 'csv', 'qdc'] as const;
/** One export format of the themes. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The address of the themes export in one format. */
export const themesExportUrl = (pid: string, format: ExportFormat) => `${base(pid)}/themes/export?format=${format}`;
