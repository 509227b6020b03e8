/**
 * The audit log as the Activity page and tools read it: `GET /api/projects/:pid/audit`.
 * Each event says who changed what, when, with before/after as stored.
 */
import { z } from './zod';

/**
 * The kinds of event a lead can filter by. The mapping from event types lives in SQL (the
 * generated column `events.kind`, migrations/0015_events_kind.sql) so that an index serves it.
 */
export const AUDIT_KINDS = ['records', 'duplicates', 'screening', 'members', 'settings', 'synthesis', 'other'] as const;
/** One of AUDIT_KINDS. */
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The most events one page holds. */
export const AUDIT_PAGE_MAX = 500;

const id = z.coerce.number().int().min(0);

/** Query parameters: `order` asc (oldest first, the default) or desc; `after`/`before` exclusive event ids; `limit` 1–500; `kind`. */
export const auditQuery = z.object({
  order: z.enum(['asc', 'desc']).default('asc'),
  after: id.optional(),
  before: id.optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_MAX),
  kind: z.enum(AUDIT_KINDS).optional(),
});
/** Parsed audit query. */
export type AuditQuery = z.infer<typeof auditQuery>;

/** One event of the log. */
export interface AuditEvent {
  id: number;
  projectId: string;
  type: string;
  kind: AuditKind;
  entity: string;
  entityId: string | null;
  actorId: string | null;
  /** the actor's display name; "former member" once the account is gone; null when no person acted (a vote settled it) */
  actorName: string | null;
  /** what the entity is called: a record's title, a member's name, an import's file name, a theme's name */
  subject: string | null;
  /** names for the ids before/after mention (people moved between, screeners, a duplicate group's record) */
  refs: Record<string, string>;
  before: unknown;
  after: unknown;
  at: string;
  /** present (true) when the import the event concerns was removed since: nothing to link to */
  gone?: boolean;
}

/**
 * One page: `limit` events unless it is the last. `nextBefore` (order=desc) or `nextAfter`
 * (order=asc) continues the walk; null when nothing is left.
 */
export interface AuditPage {
  events: AuditEvent[];
  nextBefore?: number | null;
  nextAfter?: number | null;
}
