/**
 * The themes page's view of the workspace: the resolved tree flattened into lookups (node by id,
 * children, parent), the targets a node may move to, and each theme's supporting quotes.
 */
import type * as Y from 'yjs';
import * as W from '../../../shared/workspace';

/** A supporting quote as the pages show it. */
export interface QuoteView {
  key: string;
  text: string;
  source: string;
  sensitive: boolean;
  contentNote: string;
  codeIds: string[];
}

/** Lookups over the resolved tree. */
export interface ThemesModel {
  roots: string[];
  node: Map<string, W.TreeNode>;
  children: Map<string, string[]>;
  parent: Map<string, string | null>;
  /** every theme, depth first, with its depth and its label (for "Move to…": same-name themes told apart) */
  themes: { id: string; name: string; depth: number }[];
  /** ids of the codes under each theme, at any depth */
  codesUnder: Map<string, Set<string>>;
  detached: string[];
}

/** Builds the lookups from the workspace. */
export function themesModel(doc: Y.Doc): ThemesModel {
  const tree = W.themeTree(doc);
  const labels = W.themeLabels(doc);
  const m: ThemesModel = { roots: tree.roots.map((n) => n.id), node: new Map(), children: new Map(), parent: new Map(), themes: [], codesUnder: new Map(), detached: tree.detached };
  const walk = (nodes: W.TreeNode[], parent: string | null, ancestors: string[]) => {
    for (const n of nodes) {
      m.node.set(n.id, n);
      m.parent.set(n.id, parent);
      if (n.type === 'code') {
        for (const a of ancestors) m.codesUnder.get(a)!.add(n.id);
        continue;
      }
      m.themes.push({ id: n.id, name: labels.get(n.id) ?? n.name, depth: n.depth });
      m.children.set(n.id, n.children.map((c) => c.id));
      m.codesUnder.set(n.id, new Set());
      walk(n.children, n.id, [...ancestors, n.id]);
    }
  };
  walk(tree.roots, null, []);
  return m;
}

/** True when `id` is `ancestor` or lies below it. */
export function isInside(m: ThemesModel, id: string, ancestor: string): boolean {
  for (let cur: string | null | undefined = id; cur; cur = m.parent.get(cur)) if (cur === ancestor) return true;
  return false;
}

/** The themes a node may move under (not itself or, for a theme, anything inside it). */
export function moveTargets(m: ThemesModel, id: string): { id: string; name: string; depth: number }[] {
  return m.themes.filter((th) => !isInside(m, th.id, id) && th.id !== m.parent.get(id));
}

/** Every coded excerpt as a quote, with its source's title and content note. */
export function allQuotes(doc: Y.Doc): QuoteView[] {
  const sources = new Map(W.listSources(doc).map((s) => [s.id, s]));
  return W.codedExcerpts(doc).map((x) => ({
    key: `${x.sourceId}:${x.start}-${x.end}`,
    text: x.text,
    source: sources.get(x.sourceId)?.title ?? '',
    sensitive: x.sensitive,
    contentNote: sources.get(x.sourceId)?.contentNote ?? '',
    codeIds: x.codeIds,
  }));
}

/** The quotes supporting a theme: excerpts carrying any code under it. */
export function quotesFor(m: ThemesModel, quotes: QuoteView[], themeId: string): QuoteView[] {
  const codes = m.codesUnder.get(themeId);
  return codes?.size ? quotes.filter((q) => q.codeIds.some((c) => codes.has(c))) : [];
}

/** Node equality for memos: same structure and names means the page need not redraw. */
export function sameModel(a: ThemesModel, b: ThemesModel): boolean {
  return JSON.stringify([a.roots, [...a.children], [...a.node.values()].map(shallow)]) === JSON.stringify([b.roots, [...b.children], [...b.node.values()].map(shallow)]);
}

function shallow(n: W.TreeNode): unknown[] {
  return n.type === 'code' ? [n.id, n.name, n.colour, n.excerptCount] : [n.id, n.name, n.kind, n.version];
}
