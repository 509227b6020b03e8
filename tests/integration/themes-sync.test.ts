/**
 * Five real y-websocket clients (lead, reviewers, co-researchers) edit the workspace at once
 * through the shared helpers — codes, spans, theme moves that can loop, description typing —
 * and must converge, with a tree that has no cycle and loses no code; a sixth client that joins
 * afterwards gets the same state from the env.server, and the env.server's theme records match the tree.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import * as W from '../../shared/workspace';
import { useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced } from '../helpers/sync';
import { listThemes } from '../../server/themes/repo';
import { prng } from '../helpers/random';

const env = useTestServer();

const canonical = (v: unknown) =>
  JSON.stringify(v, (_k, val) => (val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : 1))) : val));
const state = (d: Y.Doc) => canonical({ maps: Object.fromEntries(Object.values(W.WS).map((n) => [n, d.getMap(n).toJSON()])), tree: W.themeTree(d) });

const WORDS = ['limbo', 'belonging', 'trust', 'interpreters', 'hope', 'family', 'stigma'];

/** One random edit through the helpers; false when a helper refused it (e.g. a move into its own subtree). */
function edit(d: Y.Doc, r: () => number, by: string, step: number): boolean {
  const s = W.resolveStructure(d);
  const themes = [...s.themes.keys()];
  const codes = [...s.codes.keys()];
  const src = W.listSources(d)[Math.floor(r() * 2)]!;
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const x = r();
  try {
    if (x < 0.1) W.createTheme(d, { name: `${pick(WORDS)} ${step}`, kind: r() < 0.3 ? 'analytical' : 'descriptive', parentId: r() < 0.5 ? (pick(themes) ?? null) : null }, by);
    else if (x < 0.25) W.createCode(d, { name: `${pick(WORDS)} ${by.slice(0, 4)} ${step}`, parentId: pick(themes) ?? null }, by);
    else if (x < 0.45 && codes.length) {
      const start = Math.floor(r() * (src.text.length - 12));
      W.applyCode(d, { sourceId: src.id, start, end: start + 3 + Math.floor(r() * 9) }, pick(codes)!, by);
    } else if (x < 0.65 && themes.length > 1) W.moveNode(d, pick(themes)!, r() < 0.9 ? pick(themes)! : null, Math.floor(r() * 3));
    else if (x < 0.72 && codes.length) W.moveNode(d, pick(codes)!, pick(themes) ?? null);
    else if (x < 0.9 && themes.length) {
      const t = pick(themes)!;
      W.editDescription(d, t, Math.floor(r() * (W.themeDescription(d, t)!.length + 1)), r() < 0.2 ? 3 : 0, `${pick(WORDS)} `);
    } else if (x < 0.95 && codes.length > 1) W.mergeCodes(d, pick(codes)!, pick(codes)!);
    else if (codes.length) W.updateCode(d, pick(codes)!, { name: `${pick(WORDS)} renamed ${step}` });
    else return false;
    return true;
  } catch (e) {
    if (e instanceof W.WorkspaceError) return false;
    throw e;
  }
}

describe('workspace over the real sync env.server', () => {
  it('5 clients editing at once converge; the tree has no cycle and no lost code; the env.server agrees', async () => {
    const people = [await signUp(env.server.url, 'Lead')];
    for (let i = 0; i < 4; i++) people.push(await signUp(env.server.url, `Member ${i + 1}`));
    const pid = await projectWith(people[0]!, people.slice(1).map((client, i) => ({ client, role: i % 2 ? 'co_researcher' : 'reviewer' })));
    const clients = await Promise.all(people.map((p) => connectDoc(p, `p/${pid}/workspace`)));
    clients.forEach(env.track);
    await Promise.all(clients.map((c) => synced(c)));
    const lead = clients[0]!.doc;
    for (const [i, text] of ['People waited years for papers; time felt suspended and plans were impossible.', 'Peer workers who spoke Dari and Pashto helped people trust services again.'].entries()) {
      W.addSource(lead, { recordId: `rec${i}`, title: `Study ${i}`, text }, people[0]!.user.id);
    }
    const a = W.createTheme(lead, { id: 'theme-a', name: 'Waiting', kind: 'descriptive' }, 'lead');
    const b = W.createTheme(lead, { id: 'theme-b', name: 'Trust', kind: 'descriptive' }, 'lead');
    await eventually(() => clients.every((c) => W.listSources(c.doc).length === 2 && W.resolveStructure(c.doc).themes.size === 2), 5000, 'seeded');

    // Two people offline: one puts Waiting under Trust, the other Trust under Waiting. Back online, the
    // loop is cut the same way everywhere: equal move clocks, so the higher id (theme-b) goes to the top.
    clients[0]!.provider.disconnect();
    clients[1]!.provider.disconnect();
    W.moveNode(clients[0]!.doc, a, b);
    W.moveNode(clients[1]!.doc, b, a);
    clients[0]!.provider.connect();
    clients[1]!.provider.connect();
    await eventually(() => clients.every((c) => W.themeTree(c.doc).detached.join() === b), 5000, 'loop cut alike');
    expect(clients.map((c) => W.themeTree(c.doc).roots.map((n) => n.id))).toEqual(clients.map(() => [b]));

    // Everyone at once: random edits (moves included, which can loop again) with random pauses.
    let applied = 0;
    await Promise.all(
      clients.map(async (c, i) => {
        const r = prng(100 + i);
        for (let step = 0; step < 60; step++) {
          applied += edit(c.doc, r, people[i]!.user.id, step) ? 1 : 0;
          if (r() < 0.3) await new Promise((res) => setTimeout(res, Math.floor(r() * 15)));
        }
      }),
    );
    expect(applied).toBeGreaterThan(200);
    await eventually(() => new Set(clients.map((c) => state(c.doc))).size === 1, 15000, 'all five converge');

    const late = await connectDoc(people[3]!, `p/${pid}/workspace`);
    env.track(late);
    await synced(late);
    await eventually(() => state(late.doc) === state(lead), 5000, 'a late joiner gets the same state');

    const tree = W.themeTree(lead);
    const seen = new Set<string>();
    const walk = (nodes: W.TreeNode[]) => {
      for (const n of nodes) {
        expect(seen.has(n.id), `${n.id} appears once`).toBe(false);
        seen.add(n.id);
        if (n.type === 'theme') walk(n.children);
      }
    };
    walk(tree.roots);
    const s = W.resolveStructure(lead);
    expect(new Set([...seen].filter((id) => s.themes.has(id)))).toEqual(new Set(s.themes.keys()));
    // No lost codes: every code in the document is in the tree or merged into one that is.
    for (const id of lead.getMap(W.WS.codes).keys()) expect(seen.has(s.resolveCode(id)!), id).toBe(true);
    // The env.server's theme records follow the converged tree (names and versions).
    const expected = W.flattenThemes(tree).map(({ theme }) => `${theme.id}|${theme.name}|${theme.version}`).sort();
    await eventually(
      () => canonical(listThemes(env.server.db, pid).filter((t) => !t.deleted).map((t) => `${t.themeId}|${t.name}|${t.version}`).sort()) === canonical(expected),
      5000,
      'env.server theme records',
    );
  }, 60_000);
});
