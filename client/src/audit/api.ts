/** The audit log over HTTP: one newest-first page at a time, and the CSV download's address. */
import { AUDIT_KINDS, type AuditKind, type AuditPage } from '../../../shared/audit';
import { api, seg } from '../api/client';

/** Events per page on the Activity page. */
export const ACTIVITY_PAGE = 50;

/** A kind from the page address, or null for all activity (unknown values included). */
export const parseKind = (raw: string | undefined): AuditKind | null => ((AUDIT_KINDS as readonly string[]).includes(raw ?? '') ? (raw as AuditKind) : null);

/** The newest events (of one kind), older than `before` when given. */
export function listActivity(pid: string, kind: AuditKind | null, before: number | null): Promise<AuditPage> {
  const q = new URLSearchParams({ order: 'desc', limit: String(ACTIVITY_PAGE) });
  if (kind) q.set('kind', kind);
  if (before !== null) q.set('before', String(before));
  return api.get<AuditPage>(`/api/projects/${seg(pid)}/audit?${q}`);
}

/** Where the whole log downloads as CSV. */
export const activityCsvUrl = (pid: string) => `/api/projects/${seg(pid)}/audit.csv`;
