/** Typed calls for agreement figures: the whole stage, or the pilot round alone. */
import type { Stage } from '../../../shared/api';
import type { AgreementReport, PilotAgreementReport } from '../../../shared/agreement/report';
import { api, seg } from '../api/client';

/** The report's address; `csv` for the download link, `pilot` for the pilot round alone. */
export function agreementUrl(pid: string, stage: Stage, opts: { csv?: boolean; pilot?: boolean } = {}): string {
  const q = new URLSearchParams({ stage });
  if (opts.pilot) q.set('scope', 'pilot');
  if (opts.csv) q.set('format', 'csv');
  return `/api/projects/${seg(pid)}/agreement?${q}`;
}

/** The whole stage's figures (403 `blinded` while the stage is blind for this user). */
export const getAgreement = (pid: string, stage: Stage) => api.get<AgreementReport>(agreementUrl(pid, stage));

/** The pilot round's figures alone (open to every member once a lead unblinded the pilot). */
export const getPilotAgreement = (pid: string) => api.get<PilotAgreementReport>(agreementUrl(pid, 'ta', { pilot: true }));
