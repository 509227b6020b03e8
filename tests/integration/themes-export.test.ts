/** Themes export (JSON, CSV, REFI-QDA codebook) and .docx text extraction, through real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import JSZip from 'jszip';
import * as Y from 'yjs';
import Papa from 'papaparse';
import * as W from '../../shared/workspace';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { connectDoc, eventually, synced, type SyncClient } from '../helpers/sync';
import { blankRecord, insertImport } from '../../server/records/store';
import { loadSchema, validate } from '../fixtures/refi-qda/validate';
import type { ThemesExport, ExportTheme, ExportCode } from '../../server/themes/export';

let server: TestServer;
let lead: Client & { user: { id: string } };
let obs: Client;
let stranger: Client;
let pid: string;
let ws: SyncClient;

const A = 'Participants described waiting for papers as a life on hold. Interpreters were rarely offered.';
const B = 'Detention left lasting fear. Peer groups in Arabic gave a sense of home and of hope.';
/** What was coded, as the reviewers see it: each row is one span with the codes applied to it (after merges). */
const CODED: { source: 'A' | 'B'; phrase: string; codes: string[] }[] = [
  { source: 'A', phrase: 'waiting for papers', codes: ['Limbo', 'Bureaucracy'] },
  { source: 'A', phrase: 'a life on hold', codes: ['Limbo'] }, // coded "On hold", merged into Limbo
  { source: 'A', phrase: 'Interpreters were rarely offered', codes: ['Language barriers'] },
  { source: 'B', phrase: 'Detention left lasting fear', codes: ['Fear'] },
  { source: 'B', phrase: 'Peer groups in Arabic', codes: ['Limbo', 'Language barriers'] },
];

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lead');
  obs = await signUp(server.url, 'Observer');
  stranger = await signUp(server.url, 'Stranger');
  pid = await projectWith(lead, [{ client: obs, role: 'observer' }]);
  const [recA, recB] = server.db.transaction(() =>
    insertImport(server.db, {
      projectId: pid,
      userId: lead.user.id,
      source: 'MEDLINE',
      format: 'ris',
      filename: null,
      encoding: 'utf-8',
      problems: [],
      records: [
        { record: blankRecord('Waiting in limbo: asylum seekers’ health', { authors: ['Haile, S.', 'Osman, A.'], year: 2019 }), duplicate: null },
        { record: blankRecord('Peer support after detention', { authors: ['Karimi, F.'], year: 2021 }), duplicate: null },
      ],
    }),
  )().ids;
  ws = await connectDoc(lead, `p/${pid}/workspace`);
  await synced(ws);
  const d = ws.doc;
  const by = lead.user.id;
  const src = {
    A: W.addSource(d, { recordId: recA!, title: 'Haile 2019 findings', text: A }, by),
    B: W.addSource(d, { recordId: recB!, title: 'Karimi 2021 findings', text: B, sensitive: true, contentNote: 'detention' }, by),
  };
  const at = W.createTheme(d, { name: 'Rebuilding a life', kind: 'analytical', description: 'Going beyond: agency returns through others.' }, by);
  const dt1 = W.createTheme(d, { name: 'Living in limbo', kind: 'descriptive', parentId: at }, by);
  const dt2 = W.createTheme(d, { name: 'Language & belonging', kind: 'descriptive', parentId: at }, by);
  const ids = {
    Limbo: W.createCode(d, { name: 'Limbo', parentId: dt1, definition: 'Time suspended' }, by),
    Bureaucracy: W.createCode(d, { name: 'Bureaucracy', parentId: dt1 }, by),
    'On hold': W.createCode(d, { name: 'On hold', parentId: dt1 }, by),
    'Language barriers': W.createCode(d, { name: 'Language barriers', parentId: dt2, plain: 'Not being understood' }, by),
    Fear: W.createCode(d, { name: 'Fear' }, by),
    Scrap: W.createCode(d, { name: 'Scrap' }, by),
  };
  const spanOf = (s: 'A' | 'B', phrase: string) => {
    const text = s === 'A' ? A : B;
    return { sourceId: src[s], start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length };
  };
  W.applyCode(d, spanOf('A', 'waiting for papers'), ids.Limbo, by);
  W.applyCode(d, spanOf('A', 'waiting for papers'), ids.Bureaucracy, by);
  W.applyCode(d, spanOf('A', 'a life on hold'), ids['On hold'], by);
  W.applyCode(d, spanOf('A', 'Interpreters were rarely offered'), ids['Language barriers'], by);
  W.applyCode(d, spanOf('B', 'Detention left lasting fear'), ids.Fear, by);
  W.applyCode(d, spanOf('B', 'Peer groups in Arabic'), ids.Limbo, by);
  W.applyCode(d, spanOf('B', 'Peer groups in Arabic'), ids['Language barriers'], by);
  W.applyCode(d, spanOf('B', 'sense of home'), ids.Scrap, by);
  W.mergeCodes(d, ids['On hold'], ids.Limbo);
  W.deleteCode(d, ids.Scrap);
  // The server holds everything the lead wrote before anyone exports.
  const served = () => server.hub.loadedDocs(`p/${pid}/workspace`)[0]?.doc;
  await eventually(() => !!served() && Buffer.from(Y.encodeStateVector(served()!)).equals(Buffer.from(Y.encodeStateVector(d))), 5000, 'server caught up');
});
afterAll(async () => {
  ws?.destroy();
  await server.close();
});

/** The (code, excerpt) pairs the scenario defines, counted from CODED alone. */
const expectedPairs = () => CODED.flatMap((c) => c.codes.map((code) => `${code}|${c.phrase}`)).sort();

describe('themes export', () => {
  it('JSON: themes → codes → every coded excerpt with its study', async () => {
    const r = await obs.get(`/api/projects/${pid}/themes/export?format=json`);
    expect(r.status).toBe(200);
    const x = r.body as ThemesExport;
    const pairs: string[] = [];
    const codes = (cs: ExportCode[]) => cs.forEach((c) => c.excerpts.forEach((e) => pairs.push(`${c.name}|${e.text}`)));
    const walk = (t: ExportTheme) => (codes(t.codes), t.themes.forEach(walk));
    x.themes.forEach(walk);
    codes(x.unsortedCodes);
    expect(pairs.sort()).toEqual(expectedPairs());
    expect(x.totals).toEqual({ themes: 3, codes: 4, excerpts: CODED.length, codings: expectedPairs().length });
    expect(x.themes.map((t) => [t.name, t.kind, t.themes.map((s) => s.name)])).toEqual([['Rebuilding a life', 'analytical', ['Living in limbo', 'Language & belonging']]]);
    expect(x.unsortedCodes.map((c) => c.name)).toEqual(['Fear']);
    const fear = x.unsortedCodes[0]!.excerpts[0]!;
    expect(fear).toMatchObject({ sensitive: true, study: { title: 'Peer support after detention', authors: ['Karimi, F.'], year: 2021 } });
  });

  it('CSV: one row per coded excerpt and code, with theme path and study', async () => {
    const r = await lead.get(`/api/projects/${pid}/themes/export?format=csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="themes-.*\.csv"/);
    const rows = Papa.parse<Record<string, string>>(r.body as string, { header: true, skipEmptyLines: true }).data;
    // Rows without a passage carry themes with no codes of their own (tests/unit/themes-export-audit8).
    expect(rows.filter((row) => row.excerpt).map((row) => `${row.code}|${row.excerpt}`).sort()).toEqual(expectedPairs());
    expect(rows.filter((row) => !row.excerpt).map((row) => row.theme_path)).toEqual(['Rebuilding a life']);
    const limbo = rows.find((row) => row.code === 'Limbo' && row.excerpt === 'waiting for papers')!;
    expect(limbo).toMatchObject({
      theme_path: 'Rebuilding a life > Living in limbo',
      theme: 'Living in limbo',
      theme_kind: 'descriptive',
      code_definition: 'Time suspended',
      study_title: 'Waiting in limbo: asylum seekers’ health',
      study_authors: 'Haile, S.; Osman, A.',
      study_year: '2019',
      sensitive: 'no',
    });
    expect(A.slice(Number(limbo.start), Number(limbo.end))).toBe('waiting for papers');
  });

  it('QDC: a REFI-QDA codebook that satisfies Codebook.xsd and holds every theme and code', async () => {
    const r = await lead.get(`/api/projects/${pid}/themes/export?format=qdc`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/xml/);
    const xml = r.body as string;
    expect(validate(loadSchema(join(import.meta.dirname, '../fixtures/refi-qda/Codebook.xsd')), xml)).toEqual([]);
    const names = [...xml.matchAll(/<Code guid="[^"]+" name="([^"]+)" isCodable="(true|false)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(names.sort()).toEqual(
      ['Rebuilding a life:false', 'Living in limbo:false', 'Language &amp; belonging:false', 'Limbo:true', 'Bureaucracy:true', 'Language barriers:true', 'Fear:true'].sort(),
    );
    expect((xml.match(/<Set /g) ?? []).length).toBe(3);
  });

  it('refuses strangers, anonymous callers and unknown formats; an empty workspace has no codebook', async () => {
    expect((await stranger.get(`/api/projects/${pid}/themes/export?format=json`)).status).toBe(404);
    const anon = await fetch(`${server.url}/api/projects/${pid}/themes/export`);
    expect(anon.status).toBe(401);
    const bad = await lead.get(`/api/projects/${pid}/themes/export?format=xlsx`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_format');
    const empty = await projectWith(lead, [], 'Empty');
    expect((await lead.get(`/api/projects/${empty}/themes/export?format=json`)).body.totals).toEqual({ themes: 0, codes: 0, excerpts: 0, codings: 0 });
    const none = await lead.get(`/api/projects/${empty}/themes/export?format=qdc`);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('nothing_to_export');
  });
});

/** A minimal Word document with these paragraphs (and optionally an extra large entry). */
async function docx(paragraphs: string[], extra?: { name: string; data: string }): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  if (extra) zip.file(extra.name, extra.data);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('POST /sources/extract (.docx → text)', () => {
  const url = () => `/api/projects/${pid}/sources/extract`;

  it('returns the text of a .docx, sent raw or as a form field', async () => {
    const file = await docx(['Findings', 'Participants valued peer workers who shared their language — الانتماء.']);
    const r = await lead.request('POST', url(), file);
    expect(r.status).toBe(200);
    expect(r.body.text).toBe('Findings\n\nParticipants valued peer workers who shared their language — الانتماء.');
    expect(r.body.characters).toBe(r.body.text.length);
    const form = new FormData();
    form.append('file', new Blob([file as BlobPart]), 'study.docx');
    const m = await fetch(server.url + url(), { method: 'POST', body: form, headers: { cookie: lead.cookie, origin: server.url } });
    expect(m.status).toBe(200);
    expect(((await m.json()) as { text: string }).text).toBe(r.body.text);
    // The text goes straight into a source, unchanged.
    const id = W.addSource(ws.doc, { recordId: 'r', title: 'From docx', text: r.body.text }, lead.user.id);
    expect(W.getSource(ws.doc, id)!.text).toBe(r.body.text);
  });

  it('clear 4xx answers: not a docx, empty, too large, a zip bomb, an observer', async () => {
    const notDocx = await lead.request('POST', url(), new TextEncoder().encode('%PDF-1.7 not a word file'));
    expect(notDocx.status).toBe(400);
    expect(notDocx.body.error.code).toBe('bad_docx');
    const zipNoWord = await (async () => {
      const z = new JSZip();
      z.file('hello.txt', 'hi');
      return z.generateAsync({ type: 'uint8array' });
    })();
    expect((await lead.request('POST', url(), zipNoWord)).body.error.code).toBe('bad_docx');
    const empty = await lead.request('POST', url(), new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('empty_file');
    expect((await lead.request('POST', url(), await docx([' ']))).body.error.code).toBe('empty_file');
    const big = await lead.request('POST', url(), new Uint8Array(9 * 1024 * 1024));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too_large');
    const bomb = await lead.request('POST', url(), await docx(['x'], { name: 'word/media/zeros.bin', data: '\0'.repeat(70 * 1024 * 1024) }));
    expect(bomb.status).toBe(413);
    expect(bomb.body.error.message).toMatch(/unpacks/);
    const o = await obs.request('POST', url(), await docx(['x']));
    expect(o.status).toBe(403);
    expect((await fetch(server.url + url(), { method: 'POST', body: 'x', headers: { origin: server.url } })).status).toBe(401);
  }, 60_000);
});
