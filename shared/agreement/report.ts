/**
 * The agreement report of `GET /api/projects/:pid/agreement?stage=` and the live summary on the
 * board (`BoardStage.agreement`): typed here so the client can use them. Undefined figures are
 * null, never NaN. Figures are computed by the pure functions of this folder.
 */
import type { Stage } from '../api';
import type { AgreementBatch } from './drift';
import type { MultiRaterAgreement } from './fleiss';
import type { KrippendorffResult } from './krippendorff';
import type { PairAgreement } from './pair';

/** The three decisions as categories, in the order every table uses. */
export const THREE_CATEGORIES = ['include', 'exclude', 'maybe'] as const;
/** The two normalised categories ('maybe' counted per the project's `maybeAs`), in table order. */
export const TWO_CATEGORIES = ['include', 'exclude'] as const;

/** A person whose decisions are rated: a current screener, or someone who decided at the stage before. */
export interface AgreementRater {
  userId: string;
  name: string;
}

/** One pair of raters (a before b in the raters' order); tables have rows = a, columns = b. */
export interface PairFigures {
  a: string;
  b: string;
  /** over include / exclude / maybe */
  three: PairAgreement;
  /** over include / exclude, 'maybe' counted as the project's `maybeAs` */
  two: PairAgreement;
}

/** Fleiss' kappa (with AC1 and Brennan–Prediger) and Krippendorff's alpha for one category set. */
export interface MultiFigures {
  /**
   * Fleiss needs the same number of ratings per record: it uses the records with the most common
   * number of ratings (≥ 2; ties → the larger), reported as `fleiss.raters` and `fleiss.subjects`.
   * Null when no record has two ratings.
   */
  fleiss: MultiRaterAgreement | null;
  /** every rating, missing ones tolerated */
  krippendorff: KrippendorffResult;
}

/** Every figure for the decisions as they stood at one moment. */
export interface AgreementSnapshot {
  /** decisions counted (records × raters) */
  decisions: number;
  /** every pair of raters, in raters' order; a pair with n = 0 has null figures */
  pairs: PairFigures[];
  /** only when there are more than two raters */
  multi: { three: MultiFigures; two: MultiFigures } | null;
}

/** Agreement over time for one pair: its doubly rated records in the order the second rating came in. */
export interface PairDrift {
  a: string;
  b: string;
  three: AgreementBatch[];
  two: AgreementBatch[];
}

/**
 * The pilot round's figures (title/abstract only): the same figures over the pilot records alone
 * (the first `pilotSize` records, which every screener screens).
 */
export interface PilotAgreement {
  /** the pilot records, in order */
  recordIds: string[];
  /**
   * The moment that froze the independent pilot judgements: the pilot's own early unblinding, else
   * the whole stage's; null while neither happened.
   */
  unblinding: { scope: 'pilot' | 'stage'; at: string; lastDecisionEvent: number } | null;
  /** pilot decisions replayed up to that moment; null before it */
  atUnblinding: AgreementSnapshot | null;
  /** the current decisions on the pilot records */
  now: AgreementSnapshot;
}

/** `GET /api/projects/:pid/agreement?stage=` (JSON). */
export interface AgreementReport {
  scope: 'stage';
  stage: Stage;
  maybeAs: 'include' | 'exclude';
  categories: { three: string[]; two: string[] };
  raters: AgreementRater[];
  unblinded: boolean;
  unblindedAt: string | null;
  /** decision event id the unblinding froze (the independent judgements); null before unblinding */
  lastDecisionEvent: number | null;
  /** the decisions replayed up to the unblinding; null before unblinding */
  atUnblinding: AgreementSnapshot | null;
  /** the current decisions */
  now: AgreementSnapshot;
  /** current decisions, ordered by when each pair's later decision was recorded (server order) */
  drift: { batchSize: number; pairs: PairDrift[] };
  /** the pilot round on its own ('ta' with a pilot size above 0), else null */
  pilot: PilotAgreement | null;
}

/**
 * `GET /api/projects/:pid/agreement?stage=ta&scope=pilot`: the pilot figures alone, for members who
 * may see the pilot (a lead unblinded it early) but not yet the whole stage.
 */
export interface PilotAgreementReport {
  scope: 'pilot';
  stage: 'ta';
  maybeAs: 'include' | 'exclude';
  categories: { three: string[]; two: string[] };
  raters: AgreementRater[];
  pilot: PilotAgreement;
}

/** One pair on the board: the `now` figures over the two normalised categories. */
export interface BoardPairAgreement {
  a: string;
  b: string;
  aName: string;
  bName: string;
  n: number;
  percentAgreement: number | null;
  kappa: number | null;
  pabak: number | null;
  gwetAC1: number | null;
}

/**
 * `BoardStage.agreement`: live figures (current decisions, include/exclude with 'maybe' counted
 * per `maybeAs`), present only in views where the blinding rule lets the viewer see them.
 */
export interface BoardAgreement {
  categories: 'two';
  pairs: BoardPairAgreement[];
  overall: {
    /** records with at least two ratings */
    n: number;
    /** share of those on which every rating agrees */
    percentAgreement: number | null;
    /** Cohen's kappa with two raters, Fleiss' kappa with more */
    kappa: number | null;
    /** Krippendorff's alpha over every rating */
    alpha: number | null;
  };
}
