/**
 * Sense-check feedback service: validates one entry of a private document's `feedback` map and
 * writes it (with its history) to SQLite. The sync projection calls it; so would any HTTP route.
 */
import type { Deps } from '../context';
import { canVote } from '../../shared/roles';
import { senseCheckValue } from '../../shared/workspace';
import { findProject, findRole } from '../projects/repo';
import { insertRejected } from '../screening/repo';
import { themeIndex } from './workspace';
import * as repo from './repo';

/** Result of projecting one feedback entry. */
export type FeedbackResult = { ok: true; changed: boolean } | { ok: false; reason: string };

/** Projects one feedback entry (null = withdrawn) for `userId` on `themeId`, if valid. */
export function projectFeedback(deps: Deps, pid: string, userId: string, themeId: string, raw: unknown): FeedbackResult {
  const checked = check(deps, pid, userId, themeId, raw);
  if (!checked.ok) {
    insertRejected(deps.db, pid, userId, `feedback:${themeId}`, raw, checked.reason);
    return checked;
  }
  const { db } = deps;
  const changed = db.transaction(() => {
    const before = repo.findFeedback(db, pid, themeId, userId);
    if (same(before, checked.value)) return false;
    repo.writeFeedback(db, pid, themeId, userId, before, checked.value);
    return true;
  })();
  return { ok: true, changed };
}

type Checked = { ok: true; value: repo.FeedbackRow | null } | { ok: false; reason: string };

function check(deps: Deps, pid: string, userId: string, themeId: string, raw: unknown): Checked {
  if (!findProject(deps.db, pid)) return { ok: false, reason: 'Unknown project.' };
  if (!canVote(findRole(deps.db, pid, userId))) return { ok: false, reason: 'Your role cannot give sense-check feedback.' };
  if (raw === null || raw === undefined) return { ok: true, value: null };
  const parsed = senseCheckValue.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, reason: "Not valid sense-check feedback: resonance is 'resonates', 'partly' or 'not' (or skipped: true), with a comment and a time." };
  }
  const theme = themeIndex(deps).currentTheme(pid, themeId);
  if (!theme) return { ok: false, reason: 'Unknown theme: it is not in this project’s workspace.' };
  const v = parsed.data;
  const skipped = 'skipped' in v && v.skipped === true;
  return {
    ok: true,
    value: {
      resonance: skipped ? null : (v as { resonance: repo.FeedbackRow['resonance'] }).resonance,
      skipped,
      comment: v.comment ?? '',
      // The version the person saw; without one, the version current when it arrived.
      themeVersion: v.version ?? theme.version,
      at: v.at,
    },
  };
}

function same(a: repo.FeedbackRow | null, b: repo.FeedbackRow | null): boolean {
  if (!a || !b) return a === b;
  return a.resonance === b.resonance && a.skipped === b.skipped && a.comment === b.comment && a.themeVersion === b.themeVersion && a.at === b.at;
}
