/**
 * The counts of a PRISMA 2020 flow diagram for a new systematic review (Page et al., BMJ
 * 2021;372:n71, template "new systematic reviews which included searches of databases,
 * registers and other sources"). Field names are the stable ids of the numbers in the
 * diagram: `prismaSvg`'s `link` callback and `prisma.json` use them.
 */

/** Records found in one database, register or other source. `source` is user input. */
export interface SourceCount {
  source: string;
  n: number;
}

/** Reports excluded for one reason. `reason` is user input (the project's exclusion reasons). */
export interface ReasonCount {
  reason: string;
  n: number;
}

/** The right-hand column: records found by other methods (websites, organisations, citation searching…). */
export interface PrismaOtherMethods {
  /** records identified, per method or source */
  identified: SourceCount[];
  /** reports sought for retrieval */
  sought: number;
  /** reports not retrieved */
  notRetrieved: number;
  /** reports assessed for eligibility */
  assessed: number;
  /** reports excluded, per reason */
  excludedReports: ReasonCount[];
}

/** Every count in the PRISMA 2020 flow; all are non-negative integers. */
export interface PrismaCounts {
  /** records identified, per database (PRISMA asks for each database rather than a total) */
  identified: SourceCount[];
  /** records identified, per trial register; [] when none were searched */
  registers: SourceCount[];
  /** records removed before screening as duplicates */
  duplicates: number;
  /** records marked as ineligible by automation tools before screening */
  automation: number;
  /** records removed before screening for other reasons */
  removedOther: number;
  /** records screened (title/abstract) */
  screened: number;
  /** records excluded at title/abstract screening */
  excludedScreening: number;
  /** reports sought for retrieval */
  sought: number;
  /** reports not retrieved */
  notRetrieved: number;
  /** reports assessed for eligibility (full text) */
  assessed: number;
  /** reports excluded at full text, per reason */
  excludedReports: ReasonCount[];
  /** studies included in the review */
  included: number;
  /** reports of included studies (a study may have several reports) */
  includedReports: number;
  /** the "other methods" column; drawn only when it holds a count above zero */
  otherMethods?: PrismaOtherMethods;
}

/** Ids of the boxes drawn in the diagram (also the SVG element ids, prefixed "prisma-"). */
export const PRISMA_BOX_IDS = [
  'identified',
  'removed',
  'screened',
  'excludedScreening',
  'sought',
  'notRetrieved',
  'assessed',
  'excludedReports',
  'included',
  'otherIdentified',
  'otherSought',
  'otherNotRetrieved',
  'otherAssessed',
  'otherExcludedReports',
] as const;

/** A box of the diagram. */
export type PrismaBoxId = (typeof PRISMA_BOX_IDS)[number];

/**
 * Ids of the individual numbers in the diagram, passed to the `link` callback. A box such as
 * 'removed' holds several numbers ('duplicates', 'automation', 'removedOther'); per-source and
 * per-reason numbers share one id and are told apart by the item (source or reason).
 */
export type PrismaCountId =
  | 'identified'
  | 'registers'
  | 'duplicates'
  | 'automation'
  | 'removedOther'
  | 'screened'
  | 'excludedScreening'
  | 'sought'
  | 'notRetrieved'
  | 'assessed'
  | 'excludedReports'
  | 'included'
  | 'includedReports'
  | 'otherIdentified'
  | 'otherSought'
  | 'otherNotRetrieved'
  | 'otherAssessed'
  | 'otherExcludedReports';

/** The three phases PRISMA labels down the side of the diagram. */
export type PrismaPhase = 'identification' | 'screening' | 'included';
