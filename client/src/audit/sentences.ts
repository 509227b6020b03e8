/**
 * Each audit event as one plain-language sentence and, where there is one, the page it concerns.
 * Reads only what the server stored in before/after plus the names it sent (subject, refs).
 */
import type { AuditEvent } from '../../../shared/audit';
import { formatList, t, type MessageKey } from '../i18n';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

const SETTING_LABEL: Record<string, MessageKey> = {
  title: 'projects.field.title',
  question: 'projects.field.question',
  criteria: 'settings.criteria',
  exclusionReasons: 'settings.exclusionReasons',
  highlightTerms: 'audit.field.highlightTerms',
  reviewersPerRecord: 'settings.reviewersPerRecord',
  assignment: 'settings.assignment',
  pilotSize: 'settings.pilotSize',
  maybeAs: 'audit.field.maybeAs',
  autoSettle: 'audit.field.autoSettle',
};

const stage = (v: unknown) => (v === 'ft' ? t('audit.stage.ft') : t('audit.stage.ta'));
const decision = (v: unknown) => (v === 'exclude' ? t('audit.decision.exclude') : t('audit.decision.include'));
const role = (v: unknown) => (v === 'lead' || v === 'reviewer' || v === 'co_researcher' || v === 'observer' ? t(`role.${v}`) : str(v));

/** Who acted: the actor's name, the theme's editors when several edited at once, else "Someone". */
export function actorOf(e: AuditEvent): string {
  if (e.actorName) return e.actorName;
  const editors = obj(e.after).editors;
  if (Array.isArray(editors) && editors.length) return formatList(editors.map((id) => e.refs[String(id)] ?? t('audit.someone')));
  return t('audit.someone');
}

/** The settings whose values differ between before and after, as labels (numbers with their change). */
function changedSettings(before: Obj, after: Obj): string[] {
  return Object.keys(after)
    .filter((k) => k in SETTING_LABEL && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => {
      const label = t(SETTING_LABEL[k]!);
      const [was, now] = [before[k], after[k]];
      return typeof was === 'number' && typeof now === 'number' ? t('audit.e.settingNumber', { label, before: was, after: now }) : label;
    });
}

/** The event as a sentence in the current language. */
export function sentenceOf(e: AuditEvent): string {
  const name = actorOf(e);
  const before = obj(e.before);
  const after = obj(e.after);
  const title = e.subject || (e.entity === 'record' ? t('audit.unknownRecord') : t('audit.untitled'));
  const ref = (id: unknown) => (typeof id === 'string' && e.refs[id]) || t('audit.unknownRecord');
  const person = (id: unknown) => (typeof id === 'string' && e.refs[id]) || t('audit.someone');
  switch (e.type) {
    case 'import.completed': {
      // Each part is its own plural: "1 new, 850 duplicates".
      const added = t('audit.e.importNew', { count: num(after.added) });
      const duplicates = t('audit.e.importDuplicates', { count: num(after.duplicates) });
      const params = { name, count: num(after.parsed), source: str(after.source), added, duplicates };
      return e.subject ? t('audit.e.importedFile', { ...params, file: e.subject }) : t('audit.e.imported', params);
    }
    case 'import.removed': {
      const params = { name, count: num(before.parsed), source: str(before.source) };
      const said = e.subject ? t('audit.e.importRemovedFile', { ...params, file: e.subject }) : t('audit.e.importRemoved', params);
      const promoted = Array.isArray(after.promoted) ? after.promoted.length : 0;
      return promoted ? `${said}. ${t('audit.e.importRemovedPromoted', { count: promoted })}` : said;
    }
    case 'import.renamed': {
      const params = { name, before: str(before.source), after: str(after.source) };
      return e.subject ? t('audit.e.importRenamedFile', { ...params, file: e.subject }) : t('audit.e.importRenamed', params);
    }
    case 'record.duplicate_merged':
      return t('audit.e.dupMerged', { name, title, primary: ref(after.duplicateOf) });
    case 'record.duplicate_moved':
      return t('audit.e.dupMoved', { name, title, primary: ref(after.duplicateOf) });
    case 'record.duplicate_split':
      return t('audit.e.dupSplit', { name, title, primary: ref(before.duplicateOf) });
    case 'record.duplicate_moved_back':
      return t('audit.e.dupMovedBack', { name, title, primary: ref(after.duplicateOf) });
    case 'record.duplicate_confirmed':
      return t('audit.e.dupConfirmed', { name, title, primary: ref(after.duplicateOf) });
    case 'record.resolved': {
      const params = { name, title, stage: stage(after.stage), decision: decision(after.decision) };
      if (after.source === 'quorum') return t('audit.e.resolvedVote', params);
      const said = str(after.reason) ? t('audit.e.resolvedReason', { ...params, reason: str(after.reason) }) : t('audit.e.resolved', params);
      return str(after.exclusionReason) ? `${said}. ${t('audit.e.resolvedWhy', { reason: str(after.exclusionReason) })}` : said;
    }
    case 'record.quorum_withdrawn':
      return t('audit.e.quorumWithdrawn', { title, stage: stage(before.stage) });
    case 'record.fulltext_uploaded':
      return t('audit.e.fulltextUploaded', { name, title });
    case 'record.fulltext_linked':
      return t('audit.e.fulltextLinked', { name, title, url: str(after.url) });
    case 'stage.unblinded':
      return t('audit.e.unblinded', { name, stage: stage(e.entityId) });
    case 'stage.pilot_unblinded':
      return t('audit.e.pilotUnblinded', { name });
    case 'stage.reassigned': {
      const params = { name, stage: stage(e.entityId), from: person(after.from), to: person(after.to) };
      return typeof after.moved === 'number' ? t('audit.e.reassigned', { ...params, count: after.moved }) : t('audit.e.reassignedHidden', params);
    }
    case 'stage.screeners_changed': {
      const ids = Array.isArray(e.after) ? (e.after as unknown[]) : [];
      if (!ids.length) return t('audit.e.screenersNone', { name, stage: stage(e.entityId) });
      return t('audit.e.screeners', { name, stage: stage(e.entityId), people: formatList(ids.map(person)) });
    }
    case 'member.joined':
      return t('audit.e.joined', { name, role: role(after.role) });
    case 'member.removed':
      return t('audit.e.removed', { name, member: e.subject ?? t('audit.someone'), role: role(before.role) });
    case 'member.role_changed':
      return t('audit.e.roleChanged', { name, member: e.subject ?? t('audit.someone'), before: role(before.role), after: role(after.role) });
    case 'invitation.created':
      return str(after.email) ? t('audit.e.invitedEmail', { name, role: role(after.role), email: str(after.email) }) : t('audit.e.invited', { name, role: role(after.role) });
    case 'project.created':
      return t('audit.e.projectCreated', { name });
    case 'project.settings_changed': {
      const fields = changedSettings(before, after);
      return fields.length ? t('audit.e.settings', { name, fields: formatList(fields) }) : t('audit.e.settingsNone', { name });
    }
    case 'prisma.updated':
      return t('audit.e.prisma', { name });
    case 'theme.created':
      return t('audit.e.themeCreated', { name, theme: title });
    case 'theme.changed':
      return str(before.name) && before.name !== after.name
        ? t('audit.e.themeRenamed', { name, theme: title, before: str(before.name) })
        : t('audit.e.themeChanged', { name, theme: title });
    case 'theme.deleted':
      return t('audit.e.themeDeleted', { name, theme: title });
    case 'theme.restored':
      return t('audit.e.themeRestored', { name, theme: title });
    default:
      return t('audit.e.other', { name, type: e.type });
  }
}

/** The page an event concerns, with the link's text; null when there is none. */
export function linkOf(e: AuditEvent, pid: string): { href: string; label: string } | null {
  const base = `/projects/${encodeURIComponent(pid)}`;
  if (e.entity === 'record' && e.entityId && e.subject !== null) return { href: `${base}/records/${encodeURIComponent(e.entityId)}`, label: t('audit.link.record') };
  // a removed import's records are gone: nothing to show
  if (e.entity === 'import' && e.entityId && !e.gone) return { href: `${base}/records?import=${encodeURIComponent(e.entityId)}`, label: t('audit.link.import') };
  if (e.entity === 'member' || e.entity === 'invitation') return { href: `${base}/members`, label: t('audit.link.members') };
  if (e.entity === 'stage') return { href: `${base}/stages`, label: t('audit.link.stages') };
  if (e.type === 'prisma.updated') return { href: `${base}/prisma`, label: t('audit.link.prisma') };
  if (e.entity === 'project') return { href: `${base}/settings`, label: t('audit.link.settings') };
  if (e.entity === 'theme') return { href: `${base}/synthesis/themes`, label: t('audit.link.themes') };
  return null;
}
