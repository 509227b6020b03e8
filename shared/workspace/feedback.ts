/**
 * Sense-check feedback. A co-researcher's answers live in their private document
 * `p/<pid>/u/<uid>` in `Y.Map('feedback')`, key = theme id (DESIGN section 3). The value is
 * DESIGN's `{resonance, comment, at}` with two optional additions: `version` (the theme version
 * the person saw) and the "no answer" form `{skipped: true, comment?, at, version?}`. The server
 * projects valid entries to SQLite and summarises them per theme in the board's `senseCheck` map.
 */
import { z } from '../zod';
import type * as Y from 'yjs';
import { feedbackValue } from '../screening';
import type { Excerpt, ThemeKind, TreeTheme } from './schema';
import { codedExcerpts } from './annotations';
import { descendantCodeIds, flattenThemes, themeTree } from './tree';
import { listSources } from './sources';

/** Private-document map of a person's sense-check answers. */
export const FEEDBACK_MAP = 'feedback';
/** Board-document map of per-theme summaries (not blinded: feedback is shared with the team). */
export const SENSE_CHECK_MAP = 'senseCheck';

export const RESONANCES = ['resonates', 'partly', 'not'] as const;
export type Resonance = (typeof RESONANCES)[number];

const version = z.string().regex(/^[0-9a-z]{1,16}$/).optional();

/** An answer: DESIGN's value, plus the version of the theme it was given on. */
export const feedbackAnswer = feedbackValue.extend({ version, skipped: z.literal(false).optional() }).strict();
/** "No answer": the person chose to skip this theme (never pushed to answer). */
export const feedbackSkip = z
  .object({ skipped: z.literal(true), comment: z.string().max(5000).optional(), at: z.string().max(40), version })
  .strict();
/** Every value the server accepts in `Y.Map('feedback')`. */
export const senseCheckValue = z.union([feedbackAnswer, feedbackSkip]);
export type SenseCheckValue = z.infer<typeof senseCheckValue>;

/** Records an answer on a theme, tied to the version shown (themeVersion of the workspace). */
export function giveFeedback(priv: Y.Doc, themeId: string, answer: { resonance: Resonance; comment: string }, version: string): void {
  const value: SenseCheckValue = { resonance: answer.resonance, comment: answer.comment, at: new Date().toISOString(), version };
  priv.getMap<SenseCheckValue>(FEEDBACK_MAP).set(themeId, value);
}

/** Records "no answer" on a theme (a skip is a choice, and is counted as such). */
export function skipTheme(priv: Y.Doc, themeId: string, version: string, comment = ''): void {
  const value: SenseCheckValue = { skipped: true, comment, at: new Date().toISOString(), version };
  priv.getMap<SenseCheckValue>(FEEDBACK_MAP).set(themeId, value);
}

/** Takes back one's feedback on a theme. */
export function withdrawFeedback(priv: Y.Doc, themeId: string): void {
  priv.getMap(FEEDBACK_MAP).delete(themeId);
}

/** The well-formed answers in a private document, by theme id. */
export function myFeedback(priv: Y.Doc): Map<string, SenseCheckValue> {
  const out = new Map<string, SenseCheckValue>();
  for (const [k, v] of priv.getMap(FEEDBACK_MAP)) {
    const p = senseCheckValue.safeParse(v);
    if (p.success) out.set(k, p.data);
  }
  return out;
}

/** Key of a refused feedback entry in the private document's `rejected` map. */
export const rejectedFeedbackKey = (themeId: string) => `${FEEDBACK_MAP}:${themeId}`;

/** What sense-check mode shows for one theme; sensitive excerpts are withheld unless asked for. */
export interface SenseCheckCard {
  theme: TreeTheme;
  /** ancestor theme names, outermost first */
  path: string[];
  excerpts: Excerpt[];
  /** excerpts withheld because their source is marked sensitive */
  hidden: number;
  /** the content notes of the withheld (or shown) sensitive sources, so people can choose */
  contentNotes: string[];
}

/** The cards for sense-check mode, in tree order. */
export function senseCheckCards(ws: Y.Doc, opts: { hideSensitive: boolean }): SenseCheckCard[] {
  const notes = new Map(listSources(ws).map((s) => [s.id, s.contentNote]));
  const all = codedExcerpts(ws);
  return flattenThemes(themeTree(ws)).map(({ theme, path }) => {
    const codes = new Set(descendantCodeIds(ws, theme.id));
    const mine = all.filter((x) => x.codeIds.some((c) => codes.has(c)));
    const sensitive = mine.filter((x) => x.sensitive);
    const contentNotes = [...new Set(sensitive.map((x) => notes.get(x.sourceId) ?? '').filter(Boolean))];
    const excerpts = opts.hideSensitive ? mine.filter((x) => !x.sensitive) : mine;
    return { theme, path, excerpts, hidden: mine.length - excerpts.length, contentNotes };
  });
}

/** One person's feedback as the lead's summary shows it (names are shared with the team). */
export interface SenseCheckResponse {
  userId: string;
  name: string;
  resonance: Resonance | null;
  skipped: boolean;
  comment: string;
  at: string;
  /** the theme version the feedback was given on */
  version: string;
  onCurrentVersion: boolean;
}

/** Value of the board's `Y.Map('senseCheck')`, keyed by theme id. */
export interface SenseCheckSummary {
  themeId: string;
  name: string;
  kind: ThemeKind;
  /** current version, and how many times it has changed since the server first saw the theme */
  version: string;
  revision: number;
  changedAt: string;
  counts: { resonates: number; partly: number; not: number; skipped: number };
  onCurrentVersion: number;
  onEarlierVersion: number;
  /** true when the theme changed after at least one piece of feedback was given */
  changedAfterFeedback: boolean;
  /** feedback that carries a comment, oldest first */
  comments: SenseCheckResponse[];
}
