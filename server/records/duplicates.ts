/**
 * Reviewing duplicate groups: list them, and (lead only, each change audited and the board
 * refreshed) confirm a group, split a record out of its group, or merge a missed duplicate in.
 * Duplicates leave screening; PRISMA counts every record with `duplicate_of` as a duplicate.
 */
import type { Deps } from '../context';
import { STAGES, type Stage } from '../../shared/api';
import { appendEvent } from '../audit/events';
import { badRequest, conflict, notFound } from '../errors';
import { nowIso } from '../ids';
import { requireLead, requireMember } from '../projects/policy';
import { ensureAssignments } from '../screening/assignments';
import { lockedPilotSize, mayKnowStageRecords, pilotRecordIds, stageState, visibleRecords } from '../screening/stages';
import { listDecisions } from '../screening/repo';
import * as repo from './duplicatesRepo';
import { expectDuplicates, expectLink, groupChanged } from './groupGuard';
import { duplicatesOf, findListedRecord, type ListedRecord } from './search';
import type { MergeDifference } from '../../shared/records';

/** A duplicate group: its primary record and the records linked to it. */
export interface DuplicateGroup {
  primary: ListedRecord;
  duplicates: ListedRecord[];
  /** the reasons its links were made, e.g. ['doi', 'fuzzy'] */
  reasons: string[];
  /** the weakest link's score (fuzzy matches score below 1), or null */
  score: number | null;
  /** every link in the group was confirmed by a lead */
  confirmed: boolean;
}

const REASONS = ['doi', 'pmid', 'fuzzy', 'manual'] as const;

/** Reads and checks the groups list's filters; 400 for unknown values. */
export function parseGroupQuery(status: string | undefined, reason: string | undefined): repo.GroupQuery {
  const s = status || 'all';
  if (s !== 'all' && s !== 'confirmed' && s !== 'unconfirmed') throw badRequest("status must be 'confirmed', 'unconfirmed' or 'all'.", { status: 'unknown value' }, 'bad_filter');
  if (reason && !(REASONS as readonly string[]).includes(reason)) throw badRequest(`reason must be one of: ${REASONS.join(', ')}.`, { reason: 'unknown value' }, 'bad_filter');
  return { status: s, reason: (reason as repo.GroupQuery['reason']) || null };
}

/** A group from its primary's id, or null when the record has no duplicates. */
export function groupOf(deps: Pick<Deps, 'db'>, pid: string, primaryId: string): DuplicateGroup | null {
  const primary = findListedRecord(deps.db, pid, primaryId);
  if (!primary || primary.duplicateOf) return null;
  const duplicates = duplicatesOf(deps.db, pid, primaryId);
  if (!duplicates.length) return null;
  const scores = duplicates.map((d) => d.duplicateScore).filter((s): s is number => s !== null);
  return {
    primary,
    duplicates,
    reasons: [...new Set(duplicates.map((d) => d.duplicateReason ?? 'manual'))],
    score: scores.length ? Math.min(...scores) : null,
    confirmed: duplicates.every((d) => d.duplicateConfirmedAt !== null),
  };
}

/** One page of groups (any member may look; duplicates say nothing about anyone's decisions). */
export function listGroups(deps: Deps, userId: string, pid: string, q: repo.GroupQuery, afterSeq: number, limit: number) {
  requireMember(deps.db, pid, userId);
  const rows = repo.groupPrimaryIds(deps.db, pid, q, afterSeq, limit);
  const page = rows.slice(0, limit);
  return {
    groups: page.map((r) => groupOf(deps, pid, r.id)).filter((g): g is DuplicateGroup => !!g),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
    total: repo.countGroups(deps.db, pid, q),
    totals: repo.groupTotals(deps.db, pid),
  };
}

/**
 * Runs a change to duplicate links in one transaction. Once the pilot round was unblinded early (and
 * the stage not yet), its records must stay the same: a record moving into the pilot would show its
 * decisions to people still blind, so such a change is refused and rolled back.
 */
function change<T>(deps: Deps, pid: string, fn: () => T): T {
  const { db } = deps;
  const result = db.transaction(() => {
    const size = lockedPilotSize(db, pid);
    const before = size ? pilotRecordIds(db, pid, size).join() : '';
    const out = fn();
    if (size && pilotRecordIds(db, pid, size).join() !== before) {
      throw conflict('This would change which records are in the pilot round, which has already been unblinded. Unblind title/abstract screening first, or leave these records as they are.', 'pilot_locked');
    }
    return out;
  })();
  // Records entering or leaving the stages: fill balanced assignments, then redraw the board.
  for (const stage of STAGES) ensureAssignments(db, pid, stage);
  deps.board.refresh(pid);
  return result;
}

function audit(deps: Deps, pid: string, userId: string, type: string, rid: string, before: repo.LinkState, after: repo.LinkState): void {
  appendEvent(deps.db, { projectId: pid, actorId: userId, type, entity: 'record', entityId: rid, before, after });
}

function requireRecord(deps: Deps, pid: string, rid: string, what: string): repo.LinkState {
  const link = repo.linkOf(deps.db, pid, rid);
  if (!link) throw notFound(`No such ${what} in this project.`);
  return link;
}

/**
 * Confirms every link of a group (lead only); returns the group. With `seen` (the duplicates the lead
 * was shown), refuses with group_changed when the group has others now: confirming is vouching for them.
 */
export function confirmGroup(deps: Deps, userId: string, pid: string, primaryId: string, seen?: readonly string[]): DuplicateGroup {
  requireLead(deps.db, pid, userId);
  const at = nowIso();
  change(deps, pid, () => {
    const link = requireRecord(deps, pid, primaryId, 'record');
    const ids = repo.duplicateIdsOf(deps.db, pid, primaryId);
    // Before the refusals below: a primary merged away meanwhile is a changed group, not a caller's mistake.
    expectDuplicates(seen, ids);
    if (link.duplicateOf) throw conflict('This record is itself a duplicate; confirm the group from its primary record.', 'not_primary');
    if (!ids.length) throw conflict('This record has no duplicates to confirm.', 'not_a_group');
    for (const id of ids) {
      const before = repo.linkOf(deps.db, pid, id)!;
      if (before.confirmedAt) continue;
      const after = { ...before, confirmedAt: at, confirmedBy: userId };
      repo.writeLink(deps.db, pid, id, after);
      audit(deps, pid, userId, 'record.duplicate_confirmed', id, before, after);
    }
  });
  return groupOf(deps, pid, primaryId)!;
}

/**
 * Splits a duplicate out of its group (lead only): it becomes a primary record and joins screening.
 * The duplicates that came into the group with it (see mergeRecords) leave with it, back to their
 * own links to it: a wrong merge is undone by splitting the merged record out. With `seenPrimary`
 * (the group the lead saw it in), refuses with group_changed when it has since moved or been split.
 */
export function splitRecord(deps: Deps, userId: string, pid: string, recordId: string, seenPrimary?: string) {
  requireLead(deps.db, pid, userId);
  const { primaryId, followers } = change(deps, pid, () => {
    const before = requireRecord(deps, pid, recordId, 'record');
    expectLink(seenPrimary, before.duplicateOf);
    if (!before.duplicateOf) throw conflict('This record is not a duplicate of another record, so there is nothing to split.', 'not_duplicate');
    const primaryId = before.duplicateOf;
    const followers = repo.followersOf(deps.db, pid, primaryId, recordId);
    const after: repo.LinkState = { duplicateOf: null, reason: null, score: null, confirmedAt: null, confirmedBy: null, via: null };
    repo.writeLink(deps.db, pid, recordId, after);
    audit(deps, pid, userId, 'record.duplicate_split', recordId, before, after);
    for (const id of followers) {
      const was = repo.linkOf(deps.db, pid, id)!;
      const back = { ...was, duplicateOf: recordId, via: was.via === recordId ? null : was.via };
      repo.writeLink(deps.db, pid, id, back);
      audit(deps, pid, userId, 'record.duplicate_moved_back', id, was, back);
    }
    return { primaryId, followers };
  });
  return { recordId, formerPrimaryId: primaryId, movedBack: followers, group: groupOf(deps, pid, primaryId) };
}

/**
 * Merges a missed duplicate into a group (lead only). The merged record's own duplicates move to the
 * new primary — a duplicate always points at a primary — but keep their own links (reason, score,
 * whether a lead confirmed them) and remember the record they followed, so that splitting it out
 * again takes them back. A record with screening decisions may be merged: the decisions stay,
 * attributed to their reviewers, but the record leaves the stages. With `seenLink` (the duplicate's
 * link as the lead saw it; null: a record of its own), refuses with group_changed when that link, or
 * the target being a primary, is no longer so: the lead was told what the merge would move.
 */
export function mergeRecords(deps: Deps, userId: string, pid: string, primaryId: string, duplicateId: string, seenLink?: string | null) {
  requireLead(deps.db, pid, userId);
  if (primaryId === duplicateId) throw badRequest('A record cannot be a duplicate of itself.', { duplicateId: 'same record' }, 'same_record');
  const at = nowIso();
  const manual: repo.LinkState = { duplicateOf: primaryId, reason: 'manual', score: null, confirmedAt: at, confirmedBy: userId, via: null };
  const moved = change(deps, pid, () => {
    const primary = requireRecord(deps, pid, primaryId, 'primary record');
    const dup = requireRecord(deps, pid, duplicateId, 'record');
    // The lead saw a group of `primaryId`; its primary merged away meanwhile is a changed group too.
    if (seenLink !== undefined && primary.duplicateOf) throw groupChanged();
    expectLink(seenLink, dup.duplicateOf);
    if (primary.duplicateOf) throw conflict('The record to merge into is itself a duplicate; merge into its primary record instead.', 'not_primary');
    if (dup.duplicateOf === primaryId) throw conflict('This record is already in that group.', 'already_in_group');
    const moved = movingWith(deps, pid, duplicateId, dup.duplicateOf);
    repo.writeLink(deps.db, pid, duplicateId, manual);
    audit(deps, pid, userId, 'record.duplicate_merged', duplicateId, dup, manual);
    for (const id of moved) {
      const before = repo.linkOf(deps.db, pid, id)!;
      const after = { ...before, duplicateOf: primaryId, via: before.via ?? duplicateId };
      repo.writeLink(deps.db, pid, id, after);
      audit(deps, pid, userId, 'record.duplicate_moved', id, before, after);
    }
    return moved;
  });
  return { primaryId, duplicateId, moved, group: groupOf(deps, pid, primaryId)! };
}

/** The records that move when `rid` (a duplicate of `primaryOf`, or a primary) does: those that followed it into its group, or its duplicates. */
function movingWith(deps: Deps, pid: string, rid: string, primaryOf: string | null): string[] {
  return primaryOf ? repo.followersOf(deps.db, pid, primaryOf, rid) : repo.duplicateIdsOf(deps.db, pid, rid);
}

/**
 * What merging would do, for the lead's confirmation: the duplicates that move with the record and,
 * per stage, whether the record is being screened and how many decisions it has — counting others'
 * decisions only where the blinding rule lets this lead see them.
 */
export function mergePreview(deps: Deps, userId: string, pid: string, primaryId: string, duplicateId: string) {
  const role = requireLead(deps.db, pid, userId);
  const primary = findListedRecord(deps.db, pid, primaryId);
  const duplicate = findListedRecord(deps.db, pid, duplicateId);
  if (!primary || !duplicate) throw notFound('No such record in this project.');
  const screening = {} as Record<Stage, { inStage: boolean; decisions: number; othersHidden: boolean } | null>;
  for (const stage of STAGES) {
    if (!mayKnowStageRecords(deps.db, pid, stage, userId, role)) {
      screening[stage] = null;
      continue;
    }
    const visible = visibleRecords(deps.db, pid, stage, userId, role);
    const seeAll = visible === 'all' || visible.has(duplicateId);
    const decisions = listDecisions(deps.db, pid, stage).filter((d) => d.recordId === duplicateId && (seeAll || d.userId === userId)).length;
    const inStage = !duplicate.duplicateOf && (stage === 'ta' || stageState(deps.db, pid, stage).recordIds.includes(duplicateId));
    screening[stage] = { inStage, decisions, othersHidden: !seeAll };
  }
  return { primary, duplicate, moving: movingWith(deps, pid, duplicateId, duplicate.duplicateOf).length, screening, differences: differencesOf(primary, duplicate) };
}

/**
 * Facts that usually mean two different reports: different DOIs or PubMed ids, years more than one
 * apart (one year is online-first against print), different first authors' family names.
 */
export function differencesOf(a: ListedRecord, b: ListedRecord): MergeDifference[] {
  const out: MergeDifference[] = [];
  if (a.doi && b.doi && a.doi !== b.doi) out.push({ field: 'doi', primary: a.doi, duplicate: b.doi });
  if (a.pmid && b.pmid && a.pmid !== b.pmid) out.push({ field: 'pmid', primary: a.pmid, duplicate: b.pmid });
  if (a.year !== null && b.year !== null && Math.abs(a.year - b.year) > 1) out.push({ field: 'year', primary: String(a.year), duplicate: String(b.year) });
  const fa = a.authors[0] ?? '';
  const fb = b.authors[0] ?? '';
  if (fa && fb && familyName(fa) !== familyName(fb)) out.push({ field: 'firstAuthor', primary: fa, duplicate: fb });
  return out;
}

/** "Smith, J." / "J. Smith" / "Smith JA" → "smith", accents folded: initials are the short words. */
function familyName(author: string): string {
  const folded = author.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = (folded.includes(',') ? folded.split(',')[0]! : folded).match(/\p{L}+/gu) ?? [];
  const long = words.filter((w) => w.length > 2);
  return (folded.includes(',') ? words.join(' ') : long[long.length - 1]) ?? words[0] ?? '';
}
