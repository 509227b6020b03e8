/**
 * The server's view of a project's workspace document: read it (live copy, or a temporary one
 * loaded from SQLite) and keep the `themes` table in step with its resolved theme tree, so that
 * feedback can be validated and summarised from SQLite. Theme changes are batched (typing in a
 * description changes the version on every key) and each batch appends events.
 */
import * as Y from 'yjs';
import type { Deps } from '../context';
import { workspaceDocName } from '../../shared/docnames';
import { themeTree, type TreeNode } from '../../shared/workspace';
import { DocStore } from '../sync/store';
import { appendEvent } from '../audit/events';
import * as repo from './repo';

/** Runs `fn` on the project's workspace document: the live copy if loaded, else a copy from SQLite. */
export function withWorkspace<T>(deps: Deps, pid: string, fn: (doc: Y.Doc) => T): T {
  const name = workspaceDocName(pid);
  const live = deps.sync.loadedDocs(name).find((d) => d.name === name);
  if (live) return fn(live.doc);
  const doc = new Y.Doc();
  try {
    new DocStore(deps.db).loadInto(name, doc);
    return fn(doc);
  } finally {
    doc.destroy();
  }
}

interface Pending {
  actors: Set<string>;
  timer: NodeJS.Timeout;
}

/** Keeps the themes table in step with workspace documents; one per server. */
export class ThemeIndex {
  private readonly pending = new Map<string, Pending>();
  private readonly reconciled = new Set<string>();
  /** called after a batch changed the themes table (the sense-check summaries refresh) */
  onChanged: (pid: string) => void = () => undefined;

  constructor(
    private readonly deps: Deps,
    private readonly batchMs = 300,
  ) {}

  /** A workspace document changed (already persisted): schedule a batch for its project. */
  changed(pid: string, actor: string | null): void {
    let p = this.pending.get(pid);
    if (!p) {
      const timer = setTimeout(() => this.flush(pid), this.batchMs);
      timer.unref();
      this.pending.set(pid, (p = { actors: new Set(), timer }));
    }
    if (actor) p.actors.add(actor);
  }

  /** Applies a project's pending batch now (e.g. before validating feedback against it). */
  flush(pid: string): void {
    const p = this.pending.get(pid);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(pid);
    // The server may have shut down while the batch waited.
    if (!this.deps.db.open) return;
    // The live copy when still loaded, else the stored one (an idle document may have been unloaded).
    this.safely(pid, () => withWorkspace(this.deps, pid, (doc) => this.apply(pid, doc, p.actors)));
  }

  /** Brings the themes table in step with `doc` now; true when anything changed. */
  apply(pid: string, doc: Y.Doc, actors: Set<string> = new Set()): boolean {
    const { db } = this.deps;
    const seen = new Map<string, repo.ThemeRow>();
    const rows: Omit<repo.ThemeRow, 'revision' | 'deleted' | 'changedAt'>[] = [];
    const walk = (nodes: TreeNode[], parentId: string | null) => {
      for (const n of nodes) {
        if (n.type !== 'theme') continue;
        rows.push({ themeId: n.id, name: n.name, kind: n.kind, parentId, position: rows.length, version: n.version });
        walk(n.children, n.id);
      }
    };
    walk(themeTree(doc).roots, null);
    for (const r of repo.listThemes(db, pid)) seen.set(r.themeId, r);
    const actorId = actors.size === 1 ? [...actors][0]! : null;
    const editors = [...actors];
    let changed = false;
    db.transaction(() => {
      for (const row of rows) {
        const before = seen.get(row.themeId) ?? null;
        seen.delete(row.themeId);
        if (before && !before.deleted && before.name === row.name && before.kind === row.kind && before.parentId === row.parentId && before.position === row.position && before.version === row.version) continue;
        repo.saveTheme(db, pid, row, before);
        changed = true;
        if (before && !before.deleted && before.version === row.version && before.name === row.name) continue; // moved or reordered only
        const type = !before ? 'theme.created' : before.deleted ? 'theme.restored' : 'theme.changed';
        const brief = (t: { name: string; version: string }) => ({ name: t.name, version: t.version });
        appendEvent(db, { projectId: pid, actorId, type, entity: 'theme', entityId: row.themeId, before: before ? brief(before) : null, after: { ...brief(row), editors } });
      }
      for (const gone of seen.values()) {
        if (gone.deleted) continue;
        repo.markThemeDeleted(db, pid, gone.themeId);
        appendEvent(db, { projectId: pid, actorId, type: 'theme.deleted', entity: 'theme', entityId: gone.themeId, before: { name: gone.name, version: gone.version }, after: { editors } });
        changed = true;
      }
    })();
    if (changed) this.onChanged(pid);
    return changed;
  }

  /**
   * The current row of a theme, or null when the workspace has no such theme. Pending changes are
   * applied first; a theme missing from the table is looked for in the stored document once per
   * project (covers a crash between persisting an update and recording its themes).
   */
  currentTheme(pid: string, themeId: string): repo.ThemeRow | null {
    this.flush(pid);
    let row = repo.findTheme(this.deps.db, pid, themeId);
    if ((!row || row.deleted) && !this.reconciled.has(pid)) {
      this.reconciled.add(pid);
      this.safely(pid, () => withWorkspace(this.deps, pid, (doc) => this.apply(pid, doc)));
      row = repo.findTheme(this.deps.db, pid, themeId);
    }
    return row && !row.deleted ? row : null;
  }

  /** Runs a step that reads member-written data; a failure is logged, never thrown into the sync server. */
  safely(pid: string, step: () => void): void {
    try {
      step();
    } catch (e) {
      console.error(`themes: could not record the theme tree of project ${pid}`, e);
    }
  }

  /** Drops timers (server shutdown). */
  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }
}

const indexes = new WeakMap<Deps, ThemeIndex>();

/** The server's one ThemeIndex (created on first use). */
export function themeIndex(deps: Deps): ThemeIndex {
  let idx = indexes.get(deps);
  if (!idx) indexes.set(deps, (idx = new ThemeIndex(deps)));
  return idx;
}
