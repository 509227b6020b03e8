/**
 * Themes as a tree: analytical themes over descriptive themes over codes. Each node stores its
 * `parentId`; moves are last-writer-wins per node and loops from concurrent moves are cut at read
 * time (resolve.ts), so `themeTree` is always a tree holding every live theme and code once.
 */
import * as Y from 'yjs';
import { LIMITS, THEME_KINDS, WS, WorkspaceError, type ThemeKind, type ThemeTree, type TreeNode, type TreeTheme } from './schema';
import { bounded, cleanName, entry, hash53, nowIso, pickId, str } from './util';
import { isWithin, nextClock, positionAt, positionsAt, resolveStructure, type Structure } from './resolve';
import { codedExcerpts } from './annotations';
import { nameKey, refuseTakenName } from './names';

/** What a client passes to createTheme. */
export interface ThemeInput {
  id?: string;
  name: string;
  kind: ThemeKind;
  parentId?: string | null;
  index?: number;
  description?: string;
}

/** Creates a theme (its description is a fresh Y.Text); returns its id. A name in use is refused. */
export function createTheme(doc: Y.Doc, input: ThemeInput, by: string): string {
  const id = pickId(input.id);
  const name = cleanName(input.name, LIMITS.nameChars, 'theme');
  refuseTakenName(doc, 'theme', name);
  if (!THEME_KINDS.includes(input.kind)) throw new WorkspaceError('bad_kind', 'A theme is analytical or descriptive.');
  const parentId = input.parentId ?? null;
  if (parentId !== null && !entry(doc, 'themes', parentId)) throw new WorkspaceError('bad_parent', 'Themes go under a theme or at the top.');
  const description = bounded(input.description ?? '', LIMITS.descriptionChars, 'description');
  const pos = positionAt(resolveStructure(doc), parentId, input.index);
  const clock = nextClock(doc);
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    doc.getMap(WS.themes).set(id, m);
    m.set('name', name);
    m.set('kind', input.kind);
    m.set('parentId', parentId);
    m.set('pos', pos);
    m.set('moveClock', clock);
    m.set('description', new Y.Text(description));
    m.set('createdBy', by);
    m.set('at', nowIso());
  });
  return id;
}

/** Renames a theme or changes its kind. */
export function updateTheme(doc: Y.Doc, id: string, patch: { name?: string; kind?: ThemeKind }): void {
  const m = entry(doc, 'themes', id);
  if (!m) throw new WorkspaceError('not_found', 'No such theme.');
  if (patch.kind !== undefined && !THEME_KINDS.includes(patch.kind)) throw new WorkspaceError('bad_kind', 'A theme is analytical or descriptive.');
  const name = patch.name === undefined ? undefined : cleanName(patch.name, LIMITS.nameChars, 'theme');
  if (name !== undefined && nameKey(name) !== nameKey(str(m, 'name'))) refuseTakenName(doc, 'theme', name, id);
  doc.transact(() => {
    if (name !== undefined) m.set('name', name);
    if (patch.kind !== undefined) m.set('kind', patch.kind);
  });
}

/** The theme's co-edited description, to bind an editor to (null for an unknown theme). */
export function themeDescription(doc: Y.Doc, id: string): Y.Text | null {
  const d = entry(doc, 'themes', id)?.get('description');
  return d instanceof Y.Text ? d : null;
}

/** Types into a description: deletes `deleteCount` characters at `index`, then inserts `insert`. */
export function editDescription(doc: Y.Doc, id: string, index: number, deleteCount: number, insert: string): void {
  const text = themeDescription(doc, id);
  if (!text) throw new WorkspaceError('not_found', 'No such theme.');
  const at = Math.max(0, Math.min(text.length, index));
  const del = Math.max(0, Math.min(text.length - at, deleteCount));
  if (text.length - del + insert.length > LIMITS.descriptionChars) throw new WorkspaceError('too_long', 'The description is too long.');
  doc.transact(() => {
    if (del > 0) text.delete(at, del);
    if (insert) text.insert(at, insert);
  });
}

/**
 * Moves a theme or a code under `parentId` (a theme; null = top level / unsorted) at `index`
 * among its new siblings. Moving a theme into its own subtree is refused here; the same loop made
 * by two people at once is cut when the tree is read.
 */
export function moveNode(doc: Y.Doc, id: string, parentId: string | null, index?: number): void {
  const s = resolveStructure(doc);
  const m = s.themes.get(id) ?? s.codes.get(id);
  if (!m) throw new WorkspaceError('not_found', 'No such theme or code.');
  if (parentId !== null && !s.themes.has(parentId)) throw new WorkspaceError('bad_parent', 'Move it under a theme or to the top.');
  if (parentId !== null && s.themes.has(id) && isWithin(s, parentId, id)) {
    throw new WorkspaceError('cycle', 'A theme cannot go inside itself or one of its own sub-themes.');
  }
  const pos = positionAt(s, parentId, index, id);
  const clock = nextClock(doc);
  doc.transact(() => {
    m.set('parentId', parentId);
    m.set('pos', pos);
    m.set('moveClock', clock);
  });
}

/** Deletes a theme; its sub-themes and codes move up to its parent (nothing below it is lost). */
export function deleteTheme(doc: Y.Doc, id: string): void {
  const s = resolveStructure(doc);
  if (!s.themes.has(id)) throw new WorkspaceError('not_found', 'No such theme.');
  const parent = s.parentOf.get(id) ?? null;
  const kids = s.children.get(id) ?? [];
  const positions = positionsAt(s, parent, (s.children.get(parent ?? '') ?? []).indexOf(id), kids.length, id);
  doc.transact(() => {
    kids.forEach((kid, i) => {
      const k = (s.themes.get(kid) ?? s.codes.get(kid))!;
      k.set('parentId', parent);
      k.set('pos', positions[i]!);
    });
    doc.getMap(WS.themes).delete(id);
  });
}

/** The resolved tree: every live theme and code once, no cycles, each theme with its version. */
export function themeTree(doc: Y.Doc): ThemeTree {
  const s = resolveStructure(doc);
  const counts = new Map<string, number>();
  for (const x of codedExcerpts(doc)) for (const c of x.codeIds) counts.set(c, (counts.get(c) ?? 0) + 1);
  const build = (id: string, depth: number): TreeNode => {
    const theme = s.themes.get(id);
    if (!theme) {
      const code = s.codes.get(id)!;
      return { type: 'code', id, name: str(code, 'name'), colour: str(code, 'colour'), depth, excerptCount: counts.get(id) ?? 0 };
    }
    const children = (s.children.get(id) ?? []).map((c) => build(c, depth + 1));
    const node: TreeTheme = {
      type: 'theme',
      id,
      name: str(theme, 'name'),
      kind: theme.get('kind') === 'analytical' ? 'analytical' : 'descriptive',
      description: descriptionOf(theme),
      version: '',
      depth,
      children,
    };
    node.version = versionOf(node);
    return node;
  };
  return { roots: (s.children.get('') ?? []).map((id) => build(id, 0)), detached: s.detached };
}

/**
 * A theme's version: a hash of its name, description and direct children (ids and names), so it
 * changes whenever those change and is the same on every replica without anyone writing it.
 * Sense-check feedback records the version it was given on.
 */
function versionOf(t: TreeTheme): string {
  const kids = t.children.map((c) => [c.type, c.id, c.name]).sort((a, b) => (a[1]! < b[1]! ? -1 : 1));
  return hash53(JSON.stringify([t.name, t.description, kids]));
}

/** Every theme's current version, by theme id. */
export function themeVersions(doc: Y.Doc): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (nodes: TreeNode[]) => {
    for (const n of nodes) if (n.type === 'theme') (out.set(n.id, n.version), walk(n.children));
  };
  walk(themeTree(doc).roots);
  return out;
}

/** One theme's current version, or null for an unknown theme. */
export function themeVersion(doc: Y.Doc, id: string): string | null {
  return themeVersions(doc).get(id) ?? null;
}

/** Every theme of the tree, depth first, with its path of ancestor names. */
export function flattenThemes(tree: ThemeTree): { theme: TreeTheme; path: string[] }[] {
  const out: { theme: TreeTheme; path: string[] }[] = [];
  const walk = (nodes: TreeNode[], path: string[]) => {
    for (const n of nodes) if (n.type === 'theme') (out.push({ theme: n, path }), walk(n.children, [...path, n.name]));
  };
  walk(tree.roots, []);
  return out;
}

/** The live codes under a theme, at any depth. */
export function descendantCodeIds(doc: Y.Doc, themeId: string, s: Structure = resolveStructure(doc)): string[] {
  return [...s.codes.keys()].filter((c) => isWithin(s, c, themeId) && c !== themeId);
}

function descriptionOf(theme: Y.Map<unknown>): string {
  const d = theme.get('description');
  return d instanceof Y.Text ? d.toString() : '';
}

