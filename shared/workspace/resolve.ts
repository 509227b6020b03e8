/**
 * Read-time resolution of what concurrent edits can leave behind, computed the same way on every
 * replica from the converged maps (so every replica shows the same tree):
 * - merged codes: a code's `mergedInto` chain is followed; a chain into a deleted code stops before
 *   it; a merge cycle (A→B and B→A at once) resolves to its smallest id;
 * - parents: a parent that is missing or not a theme means the root;
 * - cycles from concurrent moves: in each loop, the node whose move came last (highest moveClock,
 *   then highest id) yields and is attached to the root;
 * - depth: a theme nested deeper than MAX_DEPTH levels is attached to the root (readers recurse
 *   over the tree, and any member's client can write a chain thousands of levels deep).
 * Nothing is ever lost.
 */
import type * as Y from 'yjs';
import { entries, num, strOrNull } from './util';

/** A function mapping any code id to the live code it counts as, or null for an unknown id. */
export type CodeResolver = (id: string) => string | null;

/** Builds the merge resolver for the document's current state. */
export function codeResolver(doc: Y.Doc): CodeResolver {
  const codes = new Map(entries(doc, 'codes'));
  const memo = new Map<string, string>();
  return (id: string) => {
    if (!codes.has(id)) return null;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur = id;
    let result: string;
    for (;;) {
      const m = memo.get(cur);
      if (m !== undefined) {
        result = m;
        break;
      }
      path.push(cur);
      onPath.add(cur);
      const next = strOrNull(codes.get(cur)!, 'mergedInto');
      if (next === null || next === cur || !codes.has(next)) {
        result = cur;
        break;
      }
      if (onPath.has(next)) {
        const cycle = path.slice(path.indexOf(next));
        result = cycle.reduce((a, b) => (a < b ? a : b));
        break;
      }
      cur = next;
    }
    for (const p of path) memo.set(p, result);
    return result;
  };
}

/** The resolved structure: live themes and codes, effective parents and ordered children. */
export interface Structure {
  themes: Map<string, Y.Map<unknown>>;
  /** codes that are not merged into another */
  codes: Map<string, Y.Map<unknown>>;
  /** effective parent of every live theme and code (null = root) */
  parentOf: Map<string, string | null>;
  /** ordered child ids per parent ('' = root) */
  children: Map<string, string[]>;
  detached: string[];
  resolveCode: CodeResolver;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Resolves merges, parents and cycles into a tree structure. */
export function resolveStructure(doc: Y.Doc): Structure {
  const themes = new Map(entries(doc, 'themes'));
  const resolveCode = codeResolver(doc);
  const codes = new Map(entries(doc, 'codes').filter(([id]) => resolveCode(id) === id));
  const parentOf = new Map<string, string | null>();
  for (const [id, m] of themes) {
    const p = strOrNull(m, 'parentId');
    parentOf.set(id, p !== null && p !== id && themes.has(p) ? p : null);
  }
  const detached = [...breakCycles(themes, parentOf), ...capDepth(themes, parentOf)].sort(cmp);
  for (const [id, m] of codes) {
    const p = strOrNull(m, 'parentId');
    parentOf.set(id, p !== null && themes.has(p) ? p : null);
  }
  const children = new Map<string, string[]>();
  const pos = (id: string) => num((themes.get(id) ?? codes.get(id))!, 'pos');
  for (const [id, p] of parentOf) {
    const key = p ?? '';
    const list = children.get(key);
    if (list) list.push(id);
    else children.set(key, [id]);
  }
  for (const list of children.values()) list.sort((a, b) => pos(a) - pos(b) || cmp(a, b));
  return { themes, codes, parentOf, children, detached, resolveCode };
}

/**
 * Cuts every parent loop among themes. A parent graph gives each node one parent, so each
 * connected part holds at most one loop and cutting one never creates another: the result does
 * not depend on the order the loops are found in.
 */
function breakCycles(themes: Map<string, Y.Map<unknown>>, parentOf: Map<string, string | null>): string[] {
  const state = new Map<string, 1 | 2>();
  const detached: string[] = [];
  const rank = (id: string) => num(themes.get(id)!, 'moveClock');
  for (const start of [...themes.keys()].sort(cmp)) {
    const path: string[] = [];
    let cur: string | null = start;
    while (cur !== null && !state.has(cur)) {
      state.set(cur, 1);
      path.push(cur);
      cur = parentOf.get(cur) ?? null;
    }
    if (cur !== null && state.get(cur) === 1) {
      const loop = path.slice(path.indexOf(cur));
      const loser = loop.reduce((a, b) => (rank(a) > rank(b) || (rank(a) === rank(b) && a > b) ? a : b));
      parentOf.set(loser, null);
      detached.push(loser);
    }
    for (const id of path) state.set(id, 2);
  }
  return detached;
}

/** Deepest level a theme may sit at (0 = top); thematic synthesis needs about three. */
export const MAX_DEPTH = 32;

/** Attaches themes at level MAX_DEPTH to the root, pass after pass, until none is that deep. */
function capDepth(themes: Map<string, Y.Map<unknown>>, parentOf: Map<string, string | null>): string[] {
  const cut: string[] = [];
  const ids = [...themes.keys()].sort(cmp);
  for (;;) {
    const depth = new Map<string, number>();
    const depthOf = (id: string): number => {
      const chain: string[] = [];
      let cur: string | null = id;
      while (cur !== null && !depth.has(cur)) {
        chain.push(cur);
        cur = parentOf.get(cur) ?? null;
      }
      let d = cur === null ? -1 : depth.get(cur)!;
      for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i]!, ++d);
      return depth.get(id)!;
    };
    const over = ids.filter((id) => depthOf(id) === MAX_DEPTH);
    if (over.length === 0) return cut;
    for (const id of over) parentOf.set(id, null);
    cut.push(...over);
  }
}

/** True when `id` is `ancestor` or lies below it in the resolved tree. */
export function isWithin(s: Structure, id: string, ancestor: string): boolean {
  let cur: string | null = id;
  for (let guard = 0; cur !== null && guard <= s.parentOf.size; guard++) {
    if (cur === ancestor) return true;
    cur = s.parentOf.get(cur) ?? null;
  }
  return false;
}

/** The next move clock: one more than any in the document (ties between replicas break by id). */
export function nextClock(doc: Y.Doc): number {
  let max = 0;
  for (const map of ['themes', 'codes'] as const) for (const [, m] of entries(doc, map)) max = Math.max(max, num(m, 'moveClock'));
  return max + 1;
}

/** `count` increasing sibling positions for inserting at `index` under `parentId` (end when index is absent). */
export function positionsAt(s: Structure, parentId: string | null, index: number | undefined, count: number, moving?: string): number[] {
  const siblings = (s.children.get(parentId ?? '') ?? []).filter((id) => id !== moving);
  const posOf = (id: string) => num((s.themes.get(id) ?? s.codes.get(id))!, 'pos');
  const n = siblings.length;
  const i = index === undefined ? n : Math.max(0, Math.min(n, Math.floor(index)));
  const lo = i > 0 ? posOf(siblings[i - 1]!) : n > 0 ? posOf(siblings[0]!) - 1 : 0;
  const hi = i < n ? posOf(siblings[i]!) : lo + count + 1;
  return Array.from({ length: count }, (_, k) => lo + ((hi - lo) * (k + 1)) / (count + 1));
}

/** A sibling position for inserting at `index` under `parentId` (end when index is absent). */
export function positionAt(s: Structure, parentId: string | null, index: number | undefined, moving?: string): number {
  return positionsAt(s, parentId, index, 1, moving)[0]!;
}
