/**
 * Screening values as they live in a reviewer's private document (DESIGN section 3) and the
 * board document's schema. The server validates with these schemas before projecting to SQLite.
 */
import { z } from './zod';
import type { Stage } from './api';
import type { BoardAgreement } from './agreement/report';

export const DECISIONS = ['include', 'exclude', 'maybe'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Value of `Y.Map('decisions:<stage>')` in `p/<pid>/u/<uid>`, keyed by record id. */
export const decisionValue = z.object({
  decision: z.enum(DECISIONS),
  reasons: z.array(z.string().max(200)).max(20),
  note: z.string().max(5000),
  at: z.string().max(40),
});
export type DecisionValue = z.infer<typeof decisionValue>;

/** Value of `Y.Map('votes')`, keyed `<stage>:<recordId>`. */
export const voteValue = z.object({
  vote: z.enum(['include', 'exclude']),
  comment: z.string().max(5000),
  at: z.string().max(40),
});
export type VoteValue = z.infer<typeof voteValue>;

/** Value of `Y.Map('feedback')`, keyed by theme id. */
export const feedbackValue = z.object({
  resonance: z.enum(['resonates', 'partly', 'not']),
  comment: z.string().max(5000),
  at: z.string().max(40),
});

/** Name of the Y.Map holding a stage's decisions in a private document. */
export const decisionsMapName = (stage: Stage) => `decisions:${stage}` as const;

/**
 * `Y.Map('rejected')` in a private document, written by the server: key = `<map>:<key>` of an
 * entry it refused, value = why. Cleared when a valid value replaces the entry.
 */
export interface RejectedEntry {
  message: string;
  at: string;
}

/** A reviewer's decision as others may see it after unblinding. */
export interface ReviewerDecision {
  userId: string;
  name: string;
  decision: Decision;
  reasons: string[];
  note: string;
  at: string;
  /** the independent judgement as at unblinding, when the reviewer changed it afterwards */
  original?: { decision: Decision; reasons: string[]; note: string; at: string } | null;
}

export type RecordStatus = 'pending' | 'agreed' | 'conflict' | 'resolved';

export interface ConflictItem {
  recordId: string;
  title: string;
  decisions: ReviewerDecision[];
  votes: { include: number; exclude: number; voters: { userId: string; name: string; vote: 'include' | 'exclude'; comment: string }[] };
  status: 'open' | 'resolved';
  resolution: { decision: 'include' | 'exclude'; reason: string; source: 'lead' | 'quorum'; by: string | null; at: string } | null;
}

/** One reviewer's progress on a stage (visible only where the blinding rule allows). */
export interface ReviewerProgress {
  userId: string;
  name: string;
  decided: number;
  assigned: number;
}

/**
 * Value of `Y.Map('stages')` in the board document, keyed by stage. What is present depends on
 * the viewer's audience: fields derived from others' decisions are absent while the stage is
 * blinded for that viewer.
 */
export interface BoardStage {
  stage: Stage;
  /** records in the stage; null for 'ft' while 'ta' is blinded for this viewer (its records come from others' 'ta' decisions) */
  total: number | null;
  unblinded: boolean;
  unblindedAt: string | null;
  /** true when this viewer sees live figures (not blinded) */
  visible: boolean;
  progress?: ReviewerProgress[];
  counts?: {
    agreedInclude: number; agreedExclude: number; conflicts: number; resolved: number; pending: number;
    /** records that someone who screens them has not decided yet (unblinding shows them others' decisions on these) */
    unscreened?: number;
  };
  conflicts?: ConflictItem[];
  /** the pilot round's records and conflicts, once a lead unblinded the pilot (title/abstract only) */
  pilot?: { recordIds: string[]; conflicts: ConflictItem[] };
  /** live agreement (current decisions), only in views that may see this stage */
  agreement?: BoardAgreement;
}
