/** The workspace helpers on one or two Y.Docs: sources, coding, merges, splits, the tree, versions, comments, feedback. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as W from '../../shared/workspace';

const TEXT = 'We waited two years for papers.\r\nThe peer worker spoke Tigrinya, so I could finally explain.\nI felt I belonged.';

function base() {
  const doc = new Y.Doc();
  const src = W.addSource(doc, { recordId: 'rec1', title: 'Study A', text: TEXT }, 'u1');
  return { doc, src };
}
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
};
const span = (src: string, text: string, phrase: string) => ({ sourceId: src, start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });

describe('sources and coding', () => {
  it('normalises line endings once, so offsets mean the same for everyone, and checks spans', () => {
    const { doc, src } = base();
    const text = W.getSource(doc, src)!.text;
    expect(text).not.toContain('\r');
    const code = W.createCode(doc, { name: 'Language access' }, 'u1');
    const a = W.applyCode(doc, span(src, text, 'spoke Tigrinya'), code, 'u1');
    expect(W.annotationsOf(doc, src)).toMatchObject([{ id: a, quote: 'spoke Tigrinya', codeIds: [code] }]);
    expect(() => W.applyCode(doc, { sourceId: src, start: 5, end: 5 }, code, 'u1')).toThrow(W.WorkspaceError);
    expect(() => W.applyCode(doc, { sourceId: src, start: 0, end: text.length + 1 }, code, 'u1')).toThrow(/not inside/);
    expect(() => W.applyCode(doc, { sourceId: 'nope', start: 0, end: 2 }, code, 'u1')).toThrow(/No such source/);
    expect(() => W.removeSource(doc, src)).toThrow(/coded/);
    expect(() => W.addSource(doc, { recordId: 'r', title: 'x', text: '   ' }, 'u1')).toThrow(/no text/);
  });

  it('the same span coded by two people at once is one excerpt with both codes', () => {
    const { doc: a, src } = base();
    const b = new Y.Doc();
    sync(a, b);
    const text = W.getSource(a, src)!.text;
    const c1 = W.createCode(a, { name: 'Waiting' }, 'u1');
    const c2 = W.createCode(b, { name: 'Uncertainty' }, 'u2');
    sync(a, b);
    W.applyCode(a, span(src, text, 'waited two years'), c1, 'u1');
    W.applyCode(b, span(src, text, 'waited two years'), c2, 'u2');
    sync(a, b);
    const xs = W.codedExcerpts(a);
    expect(xs).toHaveLength(1);
    expect(xs[0]!.codeIds).toEqual([c1, c2].sort());
    expect(xs[0]!.annotationIds).toHaveLength(2);
    expect(xs[0]!.authors.sort()).toEqual(['u1', 'u2']);
  });
});

describe('merge, split, delete', () => {
  it('a code applied while it is merged elsewhere lands on the merged code', () => {
    const { doc: a, src } = base();
    const text = W.getSource(a, src)!.text;
    const from = W.createCode(a, { name: 'Belonging' }, 'u1');
    const into = W.createCode(a, { name: 'Connection' }, 'u1');
    const b = new Y.Doc();
    sync(a, b);
    W.mergeCodes(a, from, into);
    W.applyCode(b, span(src, text, 'I felt I belonged'), from, 'u2');
    sync(a, b);
    expect(W.listCodes(a).map((c) => c.id)).toEqual([into]);
    expect(W.excerptsForCode(a, into).map((x) => x.text)).toEqual(['I felt I belonged']);
    expect(W.excerptsForCode(a, from)).toEqual(W.excerptsForCode(a, into));
  });

  it('merging A into B and B into A at once keeps one code (the smaller id) with everything', () => {
    const { doc: a, src } = base();
    const text = W.getSource(a, src)!.text;
    const x = W.createCode(a, { id: 'code-x', name: 'X' }, 'u1');
    const y = W.createCode(a, { id: 'code-y', name: 'Y' }, 'u1');
    W.applyCode(a, span(src, text, 'waited'), x, 'u1');
    W.applyCode(a, span(src, text, 'belonged'), y, 'u1');
    const b = new Y.Doc();
    sync(a, b);
    W.mergeCodes(a, x, y);
    W.mergeCodes(b, y, x);
    sync(a, b);
    for (const d of [a, b]) {
      expect(W.listCodes(d).map((c) => [c.id, c.excerptCount])).toEqual([['code-x', 2]]);
    }
  });

  it('splits a code: the chosen excerpts move to the new sibling code', () => {
    const { doc, src } = base();
    const text = W.getSource(doc, src)!.text;
    const t = W.createTheme(doc, { name: 'Navigating systems', kind: 'descriptive' }, 'u1');
    const c = W.createCode(doc, { name: 'Barriers', parentId: t }, 'u1');
    const a1 = W.applyCode(doc, span(src, text, 'waited two years'), c, 'u1');
    W.applyCode(doc, span(src, text, 'spoke Tigrinya'), c, 'u1');
    const [n] = W.splitCode(doc, c, [{ name: 'Legal waiting', annotationIds: [a1] }], 'u1');
    expect(W.excerptsForCode(doc, n!).map((x) => x.text)).toEqual(['waited two years']);
    expect(W.excerptsForCode(doc, c).map((x) => x.text)).toEqual(['spoke Tigrinya']);
    const theme = W.themeTree(doc).roots[0] as W.TreeTheme;
    expect(theme.children.map((k) => k.id)).toEqual([c, n]);
    expect(() => W.splitCode(doc, c, [{ name: 'bad', annotationIds: [a1] }], 'u1')).toThrow(/not coded/);
  });

  it('deleting a code removes its uses and the codes merged into it; deleting a theme lifts its children', () => {
    const { doc, src } = base();
    const text = W.getSource(doc, src)!.text;
    const top = W.createTheme(doc, { name: 'Top', kind: 'analytical' }, 'u1');
    const mid = W.createTheme(doc, { name: 'Mid', kind: 'descriptive', parentId: top }, 'u1');
    const keep = W.createCode(doc, { name: 'Keep', parentId: mid }, 'u1');
    const gone = W.createCode(doc, { name: 'Gone', parentId: mid }, 'u1');
    const merged = W.createCode(doc, { name: 'Merged', parentId: mid }, 'u1');
    W.mergeCodes(doc, merged, gone);
    W.applyCode(doc, span(src, text, 'waited'), gone, 'u1');
    W.applyCode(doc, span(src, text, 'belonged'), keep, 'u1');
    W.applyCode(doc, span(src, text, 'belonged'), gone, 'u1');
    W.deleteCode(doc, gone);
    expect(W.listCodes(doc).map((c) => c.name)).toEqual(['Keep']);
    expect(W.codedExcerpts(doc).map((x) => x.text)).toEqual(['belonged']);
    W.deleteTheme(doc, mid);
    const tree = W.themeTree(doc);
    expect(tree.roots).toHaveLength(1);
    expect((tree.roots[0] as W.TreeTheme).children.map((c) => c.id)).toEqual([keep]);
  });
});

describe('theme tree', () => {
  it('refuses a move into its own subtree, and cuts a loop made by two people at once', () => {
    const a = new Y.Doc();
    const p = W.createTheme(a, { id: 'p', name: 'P', kind: 'analytical' }, 'u1');
    const q = W.createTheme(a, { id: 'q', name: 'Q', kind: 'descriptive', parentId: p }, 'u1');
    const code = W.createCode(a, { name: 'c', parentId: q }, 'u1');
    expect(() => W.moveNode(a, p, q)).toThrow(/inside itself/);
    W.moveNode(a, q, null);
    const b = new Y.Doc();
    sync(a, b);
    W.moveNode(a, p, q);
    W.moveNode(b, q, p);
    sync(a, b);
    for (const d of [a, b]) {
      const tree = W.themeTree(d);
      // Equal clocks: the higher id (q) yields and sits at the top; p stays under it. The code is still there.
      expect(tree.detached).toEqual(['q']);
      expect(tree.roots.map((n) => n.id)).toEqual(['q']);
      const qNode = tree.roots[0] as W.TreeTheme;
      expect(qNode.children.map((n) => n.id).sort()).toEqual([code, 'p'].sort());
    }
  });

  it('survives what a hostile client can write: a 5,000-level chain, garbage fields, loops through missing parents', () => {
    const doc = new Y.Doc();
    const themes = doc.getMap(W.WS.themes);
    doc.transact(() => {
      for (let i = 0; i < 5000; i++) {
        const m = new Y.Map<unknown>();
        themes.set(`t${i}`, m);
        m.set('name', i % 7 ? `level ${i}` : 42);
        m.set('parentId', i === 0 ? null : `t${i - 1}`);
        m.set('pos', i % 5 ? i : 'not a number');
        m.set('description', i % 3 ? new Y.Text('x') : 'plain string');
      }
      const junk = new Y.Map<unknown>();
      themes.set('junk', junk);
      junk.set('parentId', 'missing');
      doc.getMap(W.WS.codes).set('loose', 'not a map');
    });
    const code = W.createCode(doc, { name: 'deep code', parentId: 't4999' }, 'u');
    const tree = W.themeTree(doc);
    const ids: string[] = [];
    let deepest = 0;
    const walk = (nodes: W.TreeNode[]) => nodes.forEach((n) => (ids.push(n.id), (deepest = Math.max(deepest, n.depth)), n.type === 'theme' && walk(n.children)));
    walk(tree.roots);
    expect(ids).toHaveLength(5002);
    expect(new Set(ids).size).toBe(5002);
    expect(ids).toContain(code);
    expect(deepest).toBeLessThanOrEqual(W.MAX_DEPTH);
    expect(tree.detached).toContain('t32');
    expect(W.themeVersions(doc).size).toBe(5001);
  });

  it('orders siblings by index and survives moving to the front repeatedly', () => {
    const doc = new Y.Doc();
    const t = W.createTheme(doc, { name: 'T', kind: 'descriptive' }, 'u1');
    const ids = [0, 1, 2, 3].map((i) => W.createCode(doc, { name: `c${i}`, parentId: t }, 'u1'));
    W.moveNode(doc, ids[3]!, t, 0);
    W.moveNode(doc, ids[2]!, t, 1);
    const kids = () => ((W.themeTree(doc).roots[0] as W.TreeTheme).children.map((c) => c.name));
    expect(kids()).toEqual(['c3', 'c2', 'c0', 'c1']);
    for (let i = 0; i < 30; i++) W.moveNode(doc, ids[i % 4]!, t, 0);
    expect(new Set(kids()).size).toBe(4);
    expect(kids()[0]).toBe(`c${29 % 4}`);
  });

  it('a theme version changes with name, description and codes, not with order or kind', () => {
    const doc = new Y.Doc();
    const t = W.createTheme(doc, { name: 'Belonging', kind: 'descriptive', description: 'Feeling part of a place.' }, 'u1');
    const c1 = W.createCode(doc, { name: 'Peers', parentId: t }, 'u1');
    const c2 = W.createCode(doc, { name: 'Faith', parentId: t }, 'u1');
    const v = () => W.themeVersion(doc, t)!;
    const v1 = v();
    W.moveNode(doc, c2, t, 0);
    expect(v()).toBe(v1);
    W.updateTheme(doc, t, { kind: 'analytical' });
    expect(v()).toBe(v1);
    W.editDescription(doc, t, 0, 0, 'Slowly ');
    const v2 = v();
    expect(v2).not.toBe(v1);
    W.updateCode(doc, c1, { name: 'Peer workers' });
    const v3 = v();
    expect(v3).not.toBe(v2);
    W.moveNode(doc, c1, null);
    expect(v()).not.toBe(v3);
    W.updateTheme(doc, t, { name: 'Belonging and home' });
    expect(W.themeVersion(doc, 'unknown')).toBeNull();
    expect(new Set([v1, v2, v3, v()]).size).toBe(4);
  });
});

describe('comments and sense-check', () => {
  it('threads comments by target; only authors change their comments', () => {
    const { doc, src } = base();
    const t = W.createTheme(doc, { name: 'T', kind: 'descriptive' }, 'u1');
    const first = W.addComment(doc, { kind: 'theme', themeId: t }, 'Is this analytical?', { id: 'u1', name: 'Amal' }, { id: 'c1' });
    W.addComment(doc, { kind: 'theme', themeId: t }, 'I think so', { id: 'u2', name: 'Ben' }, { replyTo: first, id: 'c2' });
    W.addComment(doc, { kind: 'span', sourceId: src, start: 0, end: 5 }, 'Check', { id: 'u2', name: 'Ben' });
    W.addComment(doc, { kind: 'code', codeId: 'k' }, 'Define it', { id: 'u2', name: 'Ben' });
    expect(W.thread(doc, { kind: 'theme', themeId: t }).map((c) => c.text)).toEqual(['Is this analytical?', 'I think so']);
    expect(W.thread(doc, { kind: 'span', sourceId: src, start: 0, end: 5 })).toHaveLength(1);
    expect([...W.threads(doc).keys()].sort()).toEqual(['code:k', `span:${src}:0-5`, `theme:${t}`].sort());
    expect(() => W.editComment(doc, first, 'hijack', 'u2')).toThrow(/author/);
    W.editComment(doc, first, 'Is this analytical, or descriptive?', 'u1');
    W.setCommentResolved(doc, first, true, 'u2');
    expect(W.thread(doc, { kind: 'theme', themeId: t })[0]).toMatchObject({ text: 'Is this analytical, or descriptive?', resolved: true });
    W.deleteComment(doc, first, 'u1');
    expect(W.thread(doc, { kind: 'theme', themeId: t })[0]).toMatchObject({ deleted: true, text: '' });
    expect(() => W.addComment(doc, { kind: 'theme', themeId: t }, '   ', { id: 'u1', name: 'Amal' })).toThrow(W.WorkspaceError);
  });

  it('sense-check cards hide excerpts from sensitive sources unless asked, with their content notes', () => {
    const { doc, src } = base();
    const text = W.getSource(doc, src)!.text;
    const hard = W.addSource(doc, { recordId: 'rec2', title: 'Study B', text: 'Detention was the worst time.', sensitive: true, contentNote: 'detention' }, 'u1');
    const t = W.createTheme(doc, { name: 'Waiting', kind: 'descriptive' }, 'u1');
    const c = W.createCode(doc, { name: 'Limbo', parentId: t }, 'u1');
    W.applyCode(doc, span(src, text, 'waited two years'), c, 'u1');
    W.applyCode(doc, { sourceId: hard, start: 0, end: 9 }, c, 'u1');
    const [hidden] = W.senseCheckCards(doc, { hideSensitive: true });
    expect(hidden).toMatchObject({ hidden: 1, contentNotes: ['detention'] });
    expect(hidden!.excerpts.map((x) => x.text)).toEqual(['waited two years']);
    expect(W.senseCheckCards(doc, { hideSensitive: false })[0]!.excerpts).toHaveLength(2);
  });

  it('feedback values: DESIGN’s answer, a skip as "no answer", and what is refused', () => {
    const priv = new Y.Doc();
    W.giveFeedback(priv, 't1', { resonance: 'partly', comment: 'Mostly' }, 'abc123');
    W.skipTheme(priv, 't2', 'abc123');
    expect([...W.myFeedback(priv).keys()]).toEqual(['t1', 't2']);
    const ok = (v: unknown) => W.senseCheckValue.safeParse(v).success;
    expect(ok({ resonance: 'resonates', comment: '', at: 'x' })).toBe(true);
    expect(ok({ skipped: true, at: 'x' })).toBe(true);
    expect(ok({ resonance: 'maybe', comment: '', at: 'x' })).toBe(false);
    expect(ok({ skipped: true, resonance: 'not', comment: '', at: 'x' })).toBe(false);
    expect(ok({ resonance: 'not', comment: '', at: 'x', version: 'NOT A VERSION' })).toBe(false);
    expect(ok({ resonance: 'not', at: 'x' })).toBe(false);
  });
});

describe('one name, one code or theme', () => {
  it('createCode and createTheme refuse a name in use, whatever its case and spacing, naming the one that has it', () => {
    const { doc } = base();
    const code = W.createCode(doc, { name: 'Family as interpreters' }, 'u1');
    for (const name of ['Family as interpreters', 'family as INTERPRETERS', '  Family   as\tinterpreters ']) {
      let err: unknown;
      try {
        W.createCode(doc, { name }, 'u2');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(W.DuplicateNameError);
      expect(err).toMatchObject({ code: 'duplicate_code', existingId: code, existingName: 'Family as interpreters' });
    }
    const theme = W.createTheme(doc, { name: 'Language barriers', kind: 'descriptive' }, 'u1');
    expect(() => W.createTheme(doc, { name: 'language  barriers', kind: 'analytical' }, 'u1')).toThrow(expect.objectContaining({ code: 'duplicate_theme', existingId: theme }));
    // Codes and themes are separate lists: a code may share its theme's name.
    expect(() => W.createCode(doc, { name: 'Language barriers', parentId: theme }, 'u1')).not.toThrow();
    expect(W.listCodes(doc)).toHaveLength(2);
    expect(W.flattenThemes(W.themeTree(doc))).toHaveLength(1);
  });

  it('renames and splits are checked too; a merged-away or deleted code frees its name', () => {
    const { doc, src } = base();
    const a = W.createCode(doc, { name: 'Waiting' }, 'u1');
    const b = W.createCode(doc, { name: 'Papers' }, 'u1');
    expect(() => W.updateCode(doc, b, { name: 'WAITING' })).toThrow(W.DuplicateNameError);
    W.updateCode(doc, a, { name: 'waiting', definition: 'Case change of its own name is fine' });
    W.applyCode(doc, span(src, TEXT, 'We waited'), a, 'u1');
    const id2 = W.applyCode(doc, span(src, TEXT, 'two years'), a, 'u1');
    expect(() => W.splitCode(doc, a, [{ name: 'Papers', annotationIds: [id2] }], 'u1')).toThrow(W.DuplicateNameError);
    expect(W.listCodes(doc)).toHaveLength(2); // nothing half-made
    const t1 = W.createTheme(doc, { name: 'Trust', kind: 'descriptive' }, 'u1');
    const t2 = W.createTheme(doc, { name: 'Hope', kind: 'descriptive' }, 'u1');
    expect(() => W.updateTheme(doc, t2, { name: ' trust ' })).toThrow(W.DuplicateNameError);
    W.updateTheme(doc, t1, { name: 'Trust', kind: 'analytical' });
    W.mergeCodes(doc, b, a);
    expect(W.createCode(doc, { name: 'Papers' }, 'u1')).toBeTruthy();
  });

  it('the same name made at once on two devices: both kept, told apart alike on every replica', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const first = W.createCode(a, { id: 'code-a', name: 'Language barriers' }, 'u1');
    const second = W.createCode(b, { id: 'code-b', name: 'language barriers' }, 'u2');
    W.createTheme(a, { id: 'th-a', name: 'Trust', kind: 'descriptive' }, 'u1');
    W.createTheme(b, { id: 'th-b', name: 'Trust', kind: 'descriptive' }, 'u2');
    sync(a, b);
    for (const d of [a, b]) {
      const labels = new Map(W.listCodes(d).map((c) => [c.id, c.label]));
      expect([labels.get(first), labels.get(second)].filter((l) => / \(2\)$/.test(l!))).toHaveLength(1);
      expect([...W.themeLabels(d).values()].sort()).toEqual(['Trust', 'Trust (2)']);
    }
    expect(W.listCodes(a).map((c) => c.label)).toEqual(W.listCodes(b).map((c) => c.label));
    // Either can still be edited without a rename being forced on it.
    W.updateCode(a, second, { definition: 'Kept apart for now' });
  });
});
