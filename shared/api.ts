/**
 * The HTTP contract (DESIGN section 4): request schemas (zod) validated by the server and
 * reused by the client, and the response shapes both sides rely on.
 */
import { z } from './zod';
import { ROLES, type Role } from './roles';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export const signupBody = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(254),
  password: z
    .string()
    .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
    .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
  name: z.string().trim().min(1, 'Enter your name.').max(120),
});

export const loginBody = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(PASSWORD_MAX),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().max(PASSWORD_MAX),
  newPassword: signupBody.shape.password,
});

/** PATCH /api/me: the display name, by the same rules as at sign-up (a pseudonym is fine). */
export const updateMeBody = z.object({
  name: signupBody.shape.name,
});

export const STAGES = ['ta', 'ft'] as const;
export type Stage = (typeof STAGES)[number];

export const projectSettings = z.object({
  title: z.string().trim().min(1, 'Give the project a title.').max(300),
  question: z.string().max(5000),
  criteria: z.string().max(20000),
  exclusionReasons: z.array(z.string().trim().min(1).max(200)).max(100),
  highlightTerms: z.object({
    include: z.array(z.string().trim().min(1).max(100)).max(500),
    exclude: z.array(z.string().trim().min(1).max(100)).max(500),
  }),
  reviewersPerRecord: z.number().int().min(1).max(3),
  assignment: z.enum(['all', 'balanced']),
  pilotSize: z.number().int().min(0).max(1000),
  /** how a 'maybe' counts when looking for disagreement */
  maybeAs: z.enum(['include', 'exclude']),
  /** settle a conflict automatically once `quorum` votes are in and one side has at least `majority` of them */
  autoSettle: z.object({
    enabled: z.boolean(),
    quorum: z.number().int().min(1).max(50),
    majority: z.number().min(0.5).max(1),
  }),
});
export type ProjectSettings = z.infer<typeof projectSettings>;

/** Settings a new project starts with; the lead edits them before screening. */
export const DEFAULT_PROJECT_SETTINGS: Omit<ProjectSettings, 'title'> = {
  question: '',
  criteria: '',
  exclusionReasons: [
    'Wrong population',
    'Wrong phenomenon of interest',
    'Wrong study design',
    'Wrong setting',
    'Not peer reviewed',
    'Full text unavailable',
  ],
  highlightTerms: { include: [], exclude: [] },
  reviewersPerRecord: 2,
  assignment: 'all',
  pilotSize: 0,
  maybeAs: 'include',
  autoSettle: { enabled: false, quorum: 3, majority: 0.66 },
};

export const createProjectBody = projectSettings.partial().extend({ title: projectSettings.shape.title });
export const patchProjectBody = projectSettings.partial();

export const roleSchema = z.enum(ROLES);
export const createInvitationBody = z.object({
  role: roleSchema,
  email: z.string().trim().toLowerCase().email().max(254).optional(),
});
export const patchMemberBody = z.object({ role: roleSchema });

/** The most characters an import's source (database) name may have. */
export const SOURCE_NAME_MAX = 200;

/** A source name as stored: spaces trimmed and runs of them made one ("Scopus  " and "Scopus" are one source). */
export const tidySourceName = (name: string) => name.trim().replace(/\s+/g, ' ');

/** PATCH /api/projects/:pid/imports/:iid: a new source name, by the rules at import (tidied, 1–200 characters). */
export const renameImportBody = z.object({
  source: z
    .string()
    .transform(tidySourceName)
    .pipe(z.string()
    .min(1, 'Name the database or source these records came from (e.g. "MEDLINE via Ovid").')
    .max(SOURCE_NAME_MAX, `The source name is too long (${SOURCE_NAME_MAX} characters at most).`)),
});

/** A record id as the duplicate routes take it. */
const recordId = z.string().min(1).max(64);

/**
 * Duplicate review. Two leads (or two tabs) may change a group at once, so each body may say what the
 * lead saw; when that is no longer so the server refuses with 409 `group_changed` instead of acting on
 * records the lead never saw. Left out, the server acts on the group as it is now (older API users).
 */
export const confirmDuplicatesBody = z.object({
  primaryId: recordId,
  /** the group's duplicates as shown, in any order */
  duplicateIds: z.array(recordId).max(10_000).optional(),
});
export const splitDuplicateBody = z.object({
  recordId,
  /** the primary of the group the record was shown in */
  primaryId: recordId.optional(),
});
export const mergeDuplicateBody = z.object({
  primaryId: recordId,
  duplicateId: recordId,
  /** the duplicate's link as shown: its primary, or null when it was a record of its own */
  duplicateOf: recordId.nullable().optional(),
});
export type ConfirmDuplicatesBody = z.infer<typeof confirmDuplicatesBody>;
export type SplitDuplicateBody = z.infer<typeof splitDuplicateBody>;
export type MergeDuplicateBody = z.infer<typeof mergeDuplicateBody>;

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Project extends ProjectSettings {
  id: string;
  createdAt: string;
}

/** GET /api/projects/:pid → { project, role } */
export interface ProjectWithRole {
  project: Project;
  role: Role;
}

/** GET /api/projects → { projects } */
export interface ProjectListItem {
  id: string;
  title: string;
  question: string;
  role: Role;
  createdAt: string;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

/** GET /api/invitations/:token → a preview shown before accepting. */
export interface InvitationPreview {
  projectId: string;
  projectTitle: string;
  role: Role;
  invitedBy: string;
  expiresAt: string;
}

export interface ApiError {
  /** some errors carry more (e.g. a refused password: `triesLeft`, `until`) */
  error: { code: string; message: string; fields?: Record<string, string>; [more: string]: unknown };
}

/**
 * Awareness state in a sync document. `user` is written by the server from the session,
 * never trusted from the client; the client sets `location` (and, in the workspace, what it edits).
 */
export interface AwarenessState {
  user?: { id: string; name: string; color: string };
  location?: { page: string; detail?: string };
}
