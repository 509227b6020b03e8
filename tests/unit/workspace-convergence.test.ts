/**
 * Five replicas of the workspace document edit at once through the shared helpers while their
 * updates are delivered in a seeded random order (out of order, interleaved with edits). At the
 * end every replica must be identical, and the resolved theme tree must have no cycle and lose
 * no theme or code.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as W from '../../shared/workspace';
import { prng } from '../helpers/random';

/** JSON with object keys sorted, so two replicas' states compare regardless of insertion order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : 1))) : val,
  );
}

const state = (d: Y.Doc) => canonical(Object.fromEntries(Object.values(W.WS).map((n) => [n, d.getMap(n).toJSON()])));

/** Collects every node of the tree, checking depth and that nothing appears twice. */
function walk(tree: W.ThemeTree) {
  const themes: string[] = [];
  const codes: string[] = [];
  const seen = new Set<string>();
  const visit = (nodes: W.TreeNode[], depth: number) => {
    for (const n of nodes) {
      if (seen.has(n.id)) throw new Error(`node ${n.id} appears twice (a cycle or a duplicate)`);
      seen.add(n.id);
      expect(n.depth).toBe(depth);
      if (n.type === 'theme') {
        themes.push(n.id);
        visit(n.children, depth + 1);
      } else codes.push(n.id);
    }
  };
  visit(tree.roots, 0);
  return { themes, codes };
}

interface Sim {
  docs: Y.Doc[];
  inbox: Uint8Array[][];
  rnd: () => number;
  createdCodes: Set<string>;
  deletedCodes: Set<string>;
  createdThemes: Set<string>;
  deletedThemes: Set<string>;
}

function setup(n: number, seed: number): Sim {
  const rnd = prng(seed);
  const docs = Array.from({ length: n }, (_, i) => {
    const d = new Y.Doc();
    d.clientID = 1000 + i; // deterministic tie-breaks between replicas
    return d;
  });
  const inbox: Uint8Array[][] = docs.map(() => []);
  docs.forEach((d, i) =>
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      docs.forEach((_, j) => j !== i && inbox[j]!.push(u));
    }),
  );
  return { docs, inbox, rnd, createdCodes: new Set(), deletedCodes: new Set(), createdThemes: new Set(), deletedThemes: new Set() };
}

/** Delivers one random pending update to a random replica (any order: Yjs buffers what it cannot apply yet). */
function deliverOne(s: Sim): boolean {
  const busy = s.inbox.map((q, i) => (q.length ? i : -1)).filter((i) => i >= 0);
  if (busy.length === 0) return false;
  const j = busy[Math.floor(s.rnd() * busy.length)]!;
  const q = s.inbox[j]!;
  const [u] = q.splice(Math.floor(s.rnd() * q.length), 1);
  Y.applyUpdate(s.docs[j]!, u!, 'remote');
  return true;
}

const pick = <T>(rnd: () => number, xs: T[]): T | undefined => (xs.length ? xs[Math.floor(rnd() * xs.length)] : undefined);
const WORDS = ['belonging', 'trust', 'language', 'waiting', 'peer support', 'stigma', 'family', 'hope'];

/** One random edit at replica `i` through the helpers; returns false when the helper refused it. */
function randomEdit(s: Sim, i: number, step: number): boolean {
  const d = s.docs[i]!;
  const r = s.rnd;
  const by = `user${i}`;
  const id = `r${i}s${step}`;
  const tree = W.resolveStructure(d);
  const themes = [...tree.themes.keys()];
  const codes = [...tree.codes.keys()];
  const sources = W.listSources(d);
  const x = r();
  try {
    if (x < 0.1 && themes.length < 6) {
      s.createdThemes.add(W.createTheme(d, { id, name: pick(r, WORDS)!, kind: r() < 0.4 ? 'analytical' : 'descriptive', parentId: r() < 0.5 ? (pick(r, themes) ?? null) : null }, by));
    } else if (x < 0.2 && codes.length < 25) {
      s.createdCodes.add(W.createCode(d, { id, name: `${pick(r, WORDS)} ${step}`, parentId: r() < 0.7 ? (pick(r, themes) ?? null) : null }, by));
    } else if (x < 0.38) {
      const src = pick(r, sources)!;
      const start = Math.floor(r() * (src.text.length - 10));
      const code = pick(r, codes);
      if (!code) return false;
      W.applyCode(d, { sourceId: src.id, start, end: start + 1 + Math.floor(r() * 9) }, code, by, { id });
    } else if (x < 0.56) {
      // Theme moves, including ones that loop once two replicas' moves meet.
      const t = pick(r, themes);
      if (!t) return false;
      W.moveNode(d, t, r() < 0.85 ? (pick(r, themes.filter((o) => o !== t)) ?? null) : null, Math.floor(r() * 4));
    } else if (x < 0.64) {
      const c = pick(r, codes);
      if (!c) return false;
      W.moveNode(d, c, pick(r, themes) ?? null, Math.floor(r() * 4));
    } else if (x < 0.78) {
      const t = pick(r, themes);
      const text = t ? W.themeDescription(d, t) : null;
      if (!t || !text) return false;
      if (text.length > 20 && r() < 0.3) W.editDescription(d, t, Math.floor(r() * text.length), 1 + Math.floor(r() * 5), '');
      else W.editDescription(d, t, Math.floor(r() * (text.length + 1)), 0, `${pick(r, WORDS)} `);
    } else if (x < 0.84) {
      const c = pick(r, codes);
      if (c) W.updateCode(d, c, { name: `${pick(r, WORDS)} (renamed ${step})` });
      const t = pick(r, themes);
      if (t) W.updateTheme(d, t, { name: `${pick(r, WORDS)} theme ${step}` });
    } else if (x < 0.9) {
      const a = pick(r, codes);
      const b = pick(r, codes);
      if (!a || !b) return false;
      W.mergeCodes(d, a, b);
    } else if (x < 0.93) {
      const c = pick(r, codes);
      const ex = c ? W.excerptsForCode(d, c) : [];
      if (!c || ex.length < 2) return false;
      for (const nid of W.splitCode(d, c, [{ id: `${id}x`, name: `split ${step}`, annotationIds: ex[0]!.annotationIds }], by)) s.createdCodes.add(nid);
    } else if (x < 0.95) {
      const c = pick(r, codes);
      if (!c) return false;
      for (const [cid] of d.getMap(W.WS.codes)) if (tree.resolveCode(cid) === c) s.deletedCodes.add(cid);
      W.deleteCode(d, c);
    } else if (x < 0.97) {
      const t = pick(r, themes);
      if (!t) return false;
      s.deletedThemes.add(t);
      W.deleteTheme(d, t);
    } else {
      const src = pick(r, sources)!;
      W.addComment(d, r() < 0.5 ? { kind: 'theme', themeId: pick(r, themes) ?? 'none' } : { kind: 'span', sourceId: src.id, start: 0, end: 5 }, `note ${step}`, { id: by, name: by }, { id });
    }
    return true;
  } catch (e) {
    if (e instanceof W.WorkspaceError) return false;
    throw e;
  }
}

describe('workspace convergence under concurrent edits (5 replicas, seeded delivery order)', () => {
  for (const seed of [1, 42, 2024]) {
    it(`seed ${seed}: replicas end identical; the tree has no cycle and loses nothing`, () => {
      const s = setup(5, seed);
      const d0 = s.docs[0]!;
      for (let k = 0; k < 3; k++) {
        W.addSource(d0, { id: `src${k}`, recordId: `rec${k}`, title: `Study ${k}`, text: `Participants said ${WORDS.join(' and ')} mattered. `.repeat(4) }, 'user0');
      }
      while (deliverOne(s));
      let applied = 0;
      for (let step = 0; step < 2500; step++) {
        if (s.rnd() < 0.35) applied += randomEdit(s, Math.floor(s.rnd() * 5), step) ? 1 : 0;
        else for (let k = Math.floor(s.rnd() * 8); k >= 0; k--) deliverOne(s);
      }
      while (deliverOne(s));
      // Then a three-way loop made at once: A under B, B under C, C under A on three replicas.
      const [a, b, c] = [...W.resolveStructure(d0).themes.keys()];
      for (const t of [a, b, c]) W.moveNode(d0, t!, null);
      while (deliverOne(s));
      W.moveNode(s.docs[1]!, a!, b!);
      W.moveNode(s.docs[2]!, b!, c!);
      W.moveNode(s.docs[3]!, c!, a!);
      while (deliverOne(s));
      const finalLoops = W.themeTree(d0).detached.length;

      expect(applied).toBeGreaterThan(500);
      const first = state(d0);
      const firstTree = canonical(W.themeTree(d0));
      for (const d of s.docs.slice(1)) {
        expect(state(d)).toBe(first);
        expect(canonical(W.themeTree(d))).toBe(firstTree);
        expect(canonical(W.codedExcerpts(d))).toBe(canonical(W.codedExcerpts(d0)));
      }
      // The loop was made, and cut (else this test would not test loop resolution).
      expect(finalLoops).toBeGreaterThan(0);
      // Equal move clocks (all three moved from the same state): the highest id yields, on every replica.
      expect(W.themeTree(d0).detached).toContain([a!, b!, c!].sort().at(-1));

      const tree = W.themeTree(d0);
      const { themes, codes } = walk(tree);
      const struct = W.resolveStructure(d0);
      // Every theme in the document is in the tree, once; every theme created and not deleted is there.
      expect(new Set(themes)).toEqual(new Set(d0.getMap(W.WS.themes).keys()));
      for (const t of s.createdThemes) if (!s.deletedThemes.has(t)) expect(themes).toContain(t);
      // No lost codes: each code created and not deleted is in the tree, or merged into one that is.
      const inTree = new Set(codes);
      expect(inTree.size).toBe(struct.codes.size);
      for (const c of s.createdCodes) {
        if (s.deletedCodes.has(c)) continue;
        const live = struct.resolveCode(c);
        expect(live, `code ${c}`).not.toBeNull();
        expect(inTree.has(live!), `code ${c} → ${live}`).toBe(true);
      }
      // Every excerpt's codes are codes of the tree.
      for (const x of W.codedExcerpts(d0)) for (const c of x.codeIds) expect(inTree.has(c)).toBe(true);
    });
  }
});
