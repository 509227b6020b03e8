/**
 * Who may see which PRISMA numbers (the blinding rule, DESIGN section 2). Identification numbers
 * (records identified, duplicates, records screened) come from imports only and are open to every
 * member. Every later number is derived from screening decisions: 'ta' ones need 'ta' visible to
 * the user, 'ft' ones need both stages visible. The diagram as a whole needs both stages visible,
 * so a screening reviewer gets 403 `blinded` until the lead has unblinded 'ta' and 'ft'; a lead
 * who screens neither stage sees it live.
 */
import type { Deps } from '../context';
import type { RecordCountId } from '../../shared/prisma/report';
import { requireUnblindedFor } from '../screening/service';
import { requireMember } from '../projects/policy';

const IDENTIFICATION: ReadonlySet<RecordCountId> = new Set(['identified', 'registers', 'duplicates', 'screened']);
const TITLE_ABSTRACT: ReadonlySet<RecordCountId> = new Set(['excludedScreening', 'sought']);

/** The whole flow (JSON and SVG): a member who may see others' decisions at both stages. */
export function requireFlowVisible(deps: Deps, userId: string, pid: string): void {
  requireUnblindedFor(deps, userId, pid, 'ta');
  requireUnblindedFor(deps, userId, pid, 'ft');
}

/** The records behind one number: as open as the decisions it is derived from. */
export function requireCountVisible(deps: Deps, userId: string, pid: string, count: RecordCountId): void {
  requireMember(deps.db, pid, userId);
  if (IDENTIFICATION.has(count)) return;
  requireUnblindedFor(deps, userId, pid, 'ta');
  if (TITLE_ABSTRACT.has(count)) return;
  requireUnblindedFor(deps, userId, pid, 'ft');
}
