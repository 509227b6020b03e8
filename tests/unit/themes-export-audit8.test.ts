/**
 * The themes export keeps the whole codebook, not only what is coded: six themes and no passages
 * export six themes; codes with no passages and co-written descriptions travel in CSV, JSON and
 * .qdc alike; the CSV opens in Excel as UTF-8 (byte-order mark) with Arabic and dashes intact.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import Papa from 'papaparse';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import * as W from '../../shared/workspace';
import { runMigrations } from '../../server/db/migrate';
import { exportFrom, THEME_CSV_COLUMNS, toCsv, type ExportTheme } from '../../server/themes/export';
import { toQdc } from '../../server/themes/qdc';
import { loadSchema, validate } from '../fixtures/refi-qda/validate';

const db = new Database(':memory:');
runMigrations(db, join(import.meta.dirname, '../../migrations'));
const project = { id: 'p1', title: 'Peer support — review' };
const by = 'u1';

const parse = (csv: string) => Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });

/** Six themes (three levels), codes with and without passages, nothing coded in most of it. */
function workspace(): Y.Doc {
  const d = new Y.Doc();
  const top = W.createTheme(d, { name: 'Rebuilding a life', kind: 'analytical', description: 'Beyond the studies — agency returns through others.' }, by);
  const limbo = W.createTheme(d, { name: 'Living in limbo', kind: 'descriptive', parentId: top, description: 'Time stops while waiting for papers.' }, by);
  W.createTheme(d, { name: 'الانتماء', kind: 'descriptive', parentId: top, description: 'الشعور بالانتماء إلى مكان.' }, by);
  const deep = W.createTheme(d, { name: 'Waiting rooms', kind: 'descriptive', parentId: limbo }, by);
  W.createTheme(d, { name: 'Trust', kind: 'descriptive' }, by);
  W.createTheme(d, { name: 'Hope', kind: 'analytical', description: 'Café talk, naïve or not.' }, by);
  W.createCode(d, { name: 'Papers', parentId: limbo, definition: 'Any mention of documents', plain: 'Waiting for the right papers' }, by);
  W.createCode(d, { name: 'Interpreters', parentId: deep, definition: '=not a formula' }, by);
  W.createCode(d, { name: 'Unsorted idea' }, by);
  return d;
}

describe('themes CSV export (audit 8)', () => {
  it('starts with a UTF-8 byte-order mark and keeps non-ASCII text intact', () => {
    const csv = toCsv(exportFrom({ db }, workspace(), project));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).startsWith(THEME_CSV_COLUMNS.join(','))).toBe(true);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = bytes.toString('utf8');
    expect(back).toContain('الشعور بالانتماء إلى مكان.');
    expect(back).toContain('Beyond the studies — agency');
    expect(back).toContain('Café talk, naïve or not.');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('has every theme and code, with descriptions and the theme path, when nothing is coded', () => {
    const x = exportFrom({ db }, workspace(), project);
    expect(x.totals).toMatchObject({ themes: 6, codes: 3, excerpts: 0, codings: 0 });
    const rows = parse(toCsv(x)).data;
    expect(Object.keys(rows[0]!)).toEqual([...THEME_CSV_COLUMNS]);
    // One row for each code, and one for each theme without codes of its own.
    expect(rows.map((r) => [r.theme_path, r.code])).toEqual([
      ['Rebuilding a life', ''],
      ['Rebuilding a life > Living in limbo', 'Papers'],
      ['Rebuilding a life > Living in limbo > Waiting rooms', 'Interpreters'],
      ['Rebuilding a life > الانتماء', ''],
      ['Trust', ''],
      ['Hope', ''],
      ['', 'Unsorted idea'],
    ]);
    expect(rows.every((r) => r.excerpt === '' && r.study_title === '' && r.start === '' && r.sensitive === '')).toBe(true);
    const themes = new Set(rows.map((r) => r.theme).filter(Boolean));
    expect(themes).toEqual(new Set(['Rebuilding a life', 'Living in limbo', 'Waiting rooms', 'الانتماء', 'Trust', 'Hope']));
    expect(rows[0]).toMatchObject({ theme_kind: 'analytical', theme_description: 'Beyond the studies — agency returns through others.' });
    expect(rows[1]).toMatchObject({
      theme: 'Living in limbo',
      theme_kind: 'descriptive',
      theme_description: 'Time stops while waiting for papers.',
      code_definition: 'Any mention of documents',
      code_plain_language: 'Waiting for the right papers',
    });
    expect(rows[3]!.theme_description).toBe('الشعور بالانتماء إلى مكان.');
    expect(rows[6]).toMatchObject({ theme: '', theme_kind: '', theme_description: '' });
    // A definition a spreadsheet would run as a formula is written quoted, read back as text.
    expect(rows[2]!.code_definition).toBe("'=not a formula");
  });

  it('a coded code gives one row per passage; its uncoded siblings still have their row', () => {
    const d = workspace();
    const src = W.addSource(d, { recordId: 'rec-unknown', title: 'Haile 2019 — findings', text: 'Waiting for papers felt endless. يا رب' }, by);
    const papers = W.listCodes(d).find((c) => c.name === 'Papers')!.id;
    W.applyCode(d, { sourceId: src, start: 0, end: 18 }, papers, by);
    W.applyCode(d, { sourceId: src, start: 33, end: 38 }, papers, by);
    const rows = parse(toCsv(exportFrom({ db }, d, project))).data;
    const coded = rows.filter((r) => r.excerpt);
    expect(coded.map((r) => [r.code, r.excerpt, r.source_title, r.study_title])).toEqual([
      ['Papers', 'Waiting for papers', 'Haile 2019 — findings', 'Haile 2019 — findings'],
      ['Papers', 'يا رب', 'Haile 2019 — findings', 'Haile 2019 — findings'],
    ]);
    expect(rows.filter((r) => r.code === 'Papers' && !r.excerpt)).toEqual([]);
    expect(rows.filter((r) => !r.excerpt).map((r) => r.code || r.theme)).toEqual(['Rebuilding a life', 'Interpreters', 'الانتماء', 'Trust', 'Hope', 'Unsorted idea']);
  });
});

describe('themes JSON and .qdc exports keep the whole codebook (audit 8)', () => {
  it('JSON has every theme with its description and every code, coded or not', () => {
    const x = exportFrom({ db }, workspace(), project);
    const all: ExportTheme[] = [];
    const walk = (t: ExportTheme) => (all.push(t), t.themes.forEach(walk));
    x.themes.forEach(walk);
    expect(all.map((t) => [t.name, t.description])).toEqual([
      ['Rebuilding a life', 'Beyond the studies — agency returns through others.'],
      ['Living in limbo', 'Time stops while waiting for papers.'],
      ['Waiting rooms', ''],
      ['الانتماء', 'الشعور بالانتماء إلى مكان.'],
      ['Trust', ''],
      ['Hope', 'Café talk, naïve or not.'],
    ]);
    const codes = [...all.flatMap((t) => t.codes), ...x.unsortedCodes];
    expect(codes.map((c) => [c.name, c.excerpts.length])).toEqual([
      ['Papers', 0],
      ['Interpreters', 0],
      ['Unsorted idea', 0],
    ]);
    expect(JSON.parse(JSON.stringify(x)).themes[0].themes[0].codes[0].plain).toBe('Waiting for the right papers');
  });

  it('.qdc holds every theme (with its description) and every uncoded code, and is valid', () => {
    const xml = toQdc(exportFrom({ db }, workspace(), project));
    expect(validate(loadSchema(join(import.meta.dirname, '../fixtures/refi-qda/Codebook.xsd')), xml)).toEqual([]);
    const names = [...xml.matchAll(/<Code guid="[^"]+" name="([^"]+)" isCodable="(true|false)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(names).toEqual([
      'Rebuilding a life:false',
      'Living in limbo:false',
      'Waiting rooms:false',
      'Interpreters:true',
      'Papers:true',
      'الانتماء:false',
      'Trust:false',
      'Hope:false',
      'Unsorted idea:true',
    ]);
    expect(xml).toContain('Time stops while waiting for papers.');
    expect(xml).toContain('الشعور بالانتماء إلى مكان.');
    expect(xml).toContain('In plain language: Waiting for the right papers');
  });
});
