/** Typed calls for disagreements: the conflicts list, the lead's final decision, records and their history. */
import type { Stage } from '../../../shared/api';
import type { RecordHistory } from '../../../shared/discussions';
import type { ConflictItem } from '../../../shared/screening';
import { api, seg } from '../api/client';

/** The disputed records of a stage (403 `blinded` while the stage is blind for this user). */
export const listConflicts = (pid: string, stage: Stage) =>
  api.get<{ conflicts: ConflictItem[] }>(`/api/projects/${seg(pid)}/conflicts?stage=${stage}`).then((r) => r.conflicts);

/** The lead's final decision on a disputed record. */
export const resolveConflict = (
  pid: string,
  stage: Stage,
  rid: string,
  body: { decision: 'include' | 'exclude'; reason?: string; exclusionReason?: string },
) => api.post<{ recordId: string; decision: string; exclusionReason: string | null }>(`/api/projects/${seg(pid)}/conflicts/${stage}/${seg(rid)}/resolve`, body);

/** The exclusion reasons leads chose when settling records of a stage, by record. */
export const listExclusionReasons = (pid: string, stage: Stage) =>
  api.get<{ reasons: Record<string, string> }>(`/api/projects/${seg(pid)}/conflicts/${stage}/exclusion-reasons`).then((r) => r.reasons);

/** The parts of a stored record the conflicts page shows. */
export interface RecordDetails {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  year: number | null;
  journal: string;
}

/** One record's bibliographic details. */
export const getRecord = (pid: string, rid: string) =>
  api.get<{ record: RecordDetails }>(`/api/projects/${seg(pid)}/records/${seg(rid)}`).then((r) => r.record);

/** A record's history, as far as the blinding rule lets this user see it. */
export const getHistory = (pid: string, rid: string) => api.get<RecordHistory>(`/api/projects/${seg(pid)}/records/${seg(rid)}/history`);
