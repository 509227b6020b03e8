/**
 * The co-edited workspace document `p/<pid>/workspace` (DESIGN section 3): the names of its
 * top-level maps, the fields of each entry, limits, and the views the read helpers return.
 * See README.md beside this file for the model and the reasons behind it.
 */
import type * as Y from 'yjs';

/** Top-level shared types of the workspace document. */
export const WS = {
  sources: 'sources',
  codes: 'codes',
  themes: 'themes',
  annotations: 'annotations',
  comments: 'comments',
  commentResolutions: 'commentResolutions',
} as const;

/** Limits the helpers enforce (a single Yjs update must stay under the sync server's 2 MiB frame). */
export const LIMITS = {
  sourceChars: 500_000,
  titleChars: 500,
  nameChars: 200,
  definitionChars: 5000,
  descriptionChars: 20_000,
  commentChars: 5000,
  contentNoteChars: 500,
} as const;

export const THEME_KINDS = ['analytical', 'descriptive'] as const;
/** Analytical themes "go beyond" the studies; descriptive themes stay close to them (Thomas & Harden 2008). */
export type ThemeKind = (typeof THEME_KINDS)[number];

/** Fields of a source entry: `Y.Map('sources')` → id → Y.Map of these. `text` never changes after creation. */
export interface SourceFields {
  recordId: string;
  title: string;
  text: string;
  sensitive: boolean;
  contentNote: string;
  addedBy: string;
  at: string;
}

/** Fields of a code entry: `Y.Map('codes')` → id → Y.Map of these. */
export interface CodeFields {
  name: string;
  /** '#rrggbb' */
  colour: string;
  definition: string;
  /** plain-language description for co-researchers */
  plain: string;
  /** the descriptive (or analytical) theme the code sits under; null = unsorted */
  parentId: string | null;
  /** order among siblings (fractional) */
  pos: number;
  /** Lamport-style clock of the last move: decides which move yields when concurrent moves loop */
  moveClock: number;
  /** set when merged: the code it now counts as (followed at read time) */
  mergedInto: string | null;
  createdBy: string;
  at: string;
}

/** Fields of a theme entry: `Y.Map('themes')` → id → Y.Map of these. */
export interface ThemeFields {
  name: string;
  kind: ThemeKind;
  parentId: string | null;
  pos: number;
  moveClock: number;
  /** co-edited description (bind an editor to it; who is typing comes from awareness) */
  description: Y.Text;
  createdBy: string;
  at: string;
}

/** Fields of an annotation: `Y.Map('annotations')` → id → Y.Map of these. */
export interface AnnotationFields {
  sourceId: string;
  /** UTF-16 offsets into the source's immutable text, end exclusive */
  start: number;
  end: number;
  /** the text covered when it was coded (a check on the offsets) */
  quote: string;
  /** code id → who applied it, when; a Y.Map so concurrent additions merge */
  codes: Y.Map<{ by: string; at: string }>;
  author: string;
  at: string;
}

/**
 * What a comment is about. Discussions of a record (`<stage>:<recordId>` threads, conflicts issue)
 * live in the same document's `Y.Map('discussionComments')` (and, from before, `Y.Map('discussions')`),
 * defined in shared/discussions.ts.
 */
export type CommentTarget =
  | { kind: 'span'; sourceId: string; start: number; end: number }
  | { kind: 'theme'; themeId: string }
  | { kind: 'code'; codeId: string };

/** Value of `Y.Map('comments')` → id → this plain object (replaced whole on edit, by its author). */
export interface CommentValue {
  target: CommentTarget;
  text: string;
  author: string;
  authorName: string;
  at: string;
  replyTo: string | null;
  /**
   * Where documents from before `commentResolutions` kept the resolved state; today's client writes
   * false and never rewrites it (clients from before still do, and the server then records their
   * resolve in `commentResolutions`). Read a comment's state with `isCommentResolved`.
   */
  resolved: boolean;
  editedAt: string | null;
  deleted: boolean;
}

/**
 * Value of `Y.Map('commentResolutions')` → comment id → this plain object (replaced whole): kept
 * apart from the comment so that resolving, open to every editor, never races the author's edit.
 */
export interface CommentResolution {
  resolved: boolean;
  /** who resolved or reopened it (the server checks it is the writer) */
  by: string;
  at: string;
}

/** A source as the read helpers return it. */
export interface SourceView extends SourceFields {
  id: string;
}

/** A live code (not merged away) with how many excerpts it codes. */
export interface CodeView {
  id: string;
  name: string;
  /** the name, or "name (2)" for a later code of the same name made at once elsewhere, for menus */
  label: string;
  colour: string;
  definition: string;
  plain: string;
  parentId: string | null;
  excerptCount: number;
  createdBy: string;
  at: string;
}

/** A coded span: annotations of the same span are merged; code ids are resolved through merges. */
export interface Excerpt {
  sourceId: string;
  recordId: string;
  start: number;
  end: number;
  text: string;
  codeIds: string[];
  annotationIds: string[];
  authors: string[];
  sensitive: boolean;
}

/** A comment as the read helpers return it; `resolved` is its state as `isCommentResolved` reads it. */
export interface CommentView extends CommentValue {
  id: string;
}

/** A theme node of the resolved tree. */
export interface TreeTheme {
  type: 'theme';
  id: string;
  name: string;
  kind: ThemeKind;
  description: string;
  /** changes whenever name, description or direct children change (see themeVersion) */
  version: string;
  depth: number;
  children: TreeNode[];
}

/** A code leaf of the resolved tree. */
export interface TreeCode {
  type: 'code';
  id: string;
  name: string;
  colour: string;
  depth: number;
  excerptCount: number;
}

export type TreeNode = TreeTheme | TreeCode;

/** The resolved theme tree: every live theme and code exactly once, never a cycle. */
export interface ThemeTree {
  /** top-level themes and unsorted codes, in order */
  roots: TreeNode[];
  /** themes attached to the root because concurrent moves made their parent chain loop (or nest too deep) */
  detached: string[];
}

/** Awareness fields the workspace client sets (besides `user`, which the server sets). */
export interface WorkspaceAwareness {
  location?: { page: string; detail?: string };
  /** what this person has open for editing; `typing` while keys are being pressed */
  editing?: { target: 'theme' | 'code' | 'source' | 'comment'; id: string; typing?: boolean };
}

/** Thrown by helpers when an edit is not allowed (bad span, move into own subtree, ...). */
export class WorkspaceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
