/**
 * Themes export: the resolved theme tree → codes → coded excerpts, each excerpt with its study
 * (record title, authors, year). One model, written as JSON, CSV (one row per coded excerpt and
 * code, and per uncoded code or codeless theme) or the REFI-QDA codebook (qdc.ts).
 */
import Papa from 'papaparse';
import type * as Y from 'yjs';
import type { Deps } from '../context';
import { codedExcerpts, listCodes, listSources, themeTree, type TreeNode } from '../../shared/workspace';
import { findProject } from '../projects/repo';
import { requireMember } from '../projects/policy';
import { findRecord } from '../records/repo';
import { notFound } from '../errors';
import { SPREADSHEET_SAFE } from '../http/csv';
import { nowIso } from '../ids';
import { withWorkspace } from './workspace';

export interface ExportStudy {
  recordId: string;
  title: string;
  authors: string[];
  year: number | null;
}

export interface ExportExcerpt {
  sourceId: string;
  sourceTitle: string;
  study: ExportStudy;
  start: number;
  end: number;
  text: string;
  sensitive: boolean;
}

export interface ExportCode {
  id: string;
  name: string;
  colour: string;
  definition: string;
  plain: string;
  excerpts: ExportExcerpt[];
}

export interface ExportTheme {
  id: string;
  name: string;
  kind: 'analytical' | 'descriptive';
  description: string;
  version: string;
  themes: ExportTheme[];
  codes: ExportCode[];
}

/** The whole export: nested themes, codes outside any theme, and totals. */
export interface ThemesExport {
  project: { id: string; title: string };
  exportedAt: string;
  themes: ExportTheme[];
  unsortedCodes: ExportCode[];
  /** excerpts = distinct coded spans; codings = (excerpt, code) pairs, one CSV row each */
  totals: { themes: number; codes: number; excerpts: number; codings: number };
}

/** Builds the export for a member of the project (observers included). */
export function buildExport(deps: Deps, userId: string, pid: string): ThemesExport {
  requireMember(deps.db, pid, userId);
  const project = findProject(deps.db, pid);
  if (!project) throw notFound('No such project.');
  return withWorkspace(deps, pid, (doc) => exportFrom(deps, doc, { id: pid, title: project.title }));
}

/** The export model of a workspace document. */
export function exportFrom(deps: Pick<Deps, 'db'>, doc: Y.Doc, project: { id: string; title: string }): ThemesExport {
  const sources = new Map(listSources(doc).map((s) => [s.id, s]));
  const studies = new Map<string, ExportStudy>();
  const studyOf = (recordId: string, fallbackTitle: string): ExportStudy => {
    let s = studies.get(recordId);
    if (!s) {
      const r = recordId ? findRecord(deps.db, project.id, recordId) : null;
      s = r ? { recordId, title: r.title, authors: r.authors, year: r.year } : { recordId, title: fallbackTitle, authors: [], year: null };
      studies.set(recordId, s);
    }
    return s;
  };
  const byCode = new Map<string, ExportExcerpt[]>();
  const all = codedExcerpts(doc);
  for (const x of all) {
    const source = sources.get(x.sourceId)!;
    const excerpt: ExportExcerpt = {
      sourceId: x.sourceId,
      sourceTitle: source.title,
      study: studyOf(x.recordId, source.title),
      start: x.start,
      end: x.end,
      text: x.text,
      sensitive: x.sensitive,
    };
    for (const c of x.codeIds) byCode.set(c, [...(byCode.get(c) ?? []), excerpt]);
  }
  const codes = new Map(listCodes(doc).map((c) => [c.id, c]));
  const totals = { themes: 0, codes: 0, excerpts: all.length, codings: 0 };
  const code = (id: string): ExportCode => {
    const c = codes.get(id)!;
    const excerpts = byCode.get(id) ?? [];
    totals.codes++;
    totals.codings += excerpts.length;
    return { id, name: c.name, colour: c.colour, definition: c.definition, plain: c.plain, excerpts };
  };
  const theme = (n: Extract<TreeNode, { type: 'theme' }>): ExportTheme => {
    totals.themes++;
    return {
      id: n.id,
      name: n.name,
      kind: n.kind,
      description: n.description,
      version: n.version,
      themes: n.children.flatMap((c) => (c.type === 'theme' ? [theme(c)] : [])),
      codes: n.children.flatMap((c) => (c.type === 'code' ? [code(c.id)] : [])),
    };
  };
  const roots = themeTree(doc).roots;
  return {
    project,
    exportedAt: nowIso(),
    themes: roots.flatMap((n) => (n.type === 'theme' ? [theme(n)] : [])),
    unsortedCodes: roots.flatMap((n) => (n.type === 'code' ? [code(n.id)] : [])),
    totals,
  };
}

/**
 * CSV columns: one row per coded excerpt and code. A code with no passages yet still has a row
 * (passage columns empty), and so does a theme with no codes of its own, so that the whole
 * codebook and every co-written description travel with the file, not only what is coded.
 */
export const THEME_CSV_COLUMNS = [
  'theme_path',
  'theme',
  'theme_kind',
  'theme_description',
  'code',
  'code_definition',
  'code_plain_language',
  'excerpt',
  'study_title',
  'study_authors',
  'study_year',
  'record_id',
  'source_title',
  'start',
  'end',
  'sensitive',
] as const;

/**
 * The export as CSV: a UTF-8 byte-order mark first (as the records and activity CSVs), without
 * which Excel reads the file as the local code page and garbles Arabic, accents and dashes;
 * CRLF; cells that spreadsheets would run as formulas are quoted.
 */
export function toCsv(x: ThemesExport): string {
  const rows: string[][] = [];
  const themeCells = (path: string[], t: ExportTheme | null) => [path.join(' > '), t?.name ?? '', t?.kind ?? '', t?.description ?? ''];
  // empty cells for what a row without a passage lacks: every column from the excerpt on
  const noPassage: string[] = Array(THEME_CSV_COLUMNS.length - THEME_CSV_COLUMNS.indexOf('excerpt')).fill('');
  const codeRows = (c: ExportCode, path: string[], theme: ExportTheme | null) => {
    const head = [...themeCells(path, theme), c.name, c.definition, c.plain];
    if (!c.excerpts.length) rows.push([...head, ...noPassage]);
    for (const e of c.excerpts) {
      rows.push([
        ...head,
        e.text,
        e.study.title,
        e.study.authors.join('; '),
        e.study.year === null ? '' : String(e.study.year),
        e.study.recordId,
        e.sourceTitle,
        String(e.start),
        String(e.end),
        e.sensitive ? 'yes' : 'no',
      ]);
    }
  };
  const walk = (t: ExportTheme, path: string[]) => {
    const here = [...path, t.name];
    if (!t.codes.length) rows.push([...themeCells(here, t), '', '', '', ...noPassage]);
    for (const c of t.codes) codeRows(c, here, t);
    for (const sub of t.themes) walk(sub, here);
  };
  for (const t of x.themes) walk(t, []);
  for (const c of x.unsortedCodes) codeRows(c, [], null);
  return `\uFEFF${Papa.unparse({ fields: [...THEME_CSV_COLUMNS], data: rows }, SPREADSHEET_SAFE)}\r\n`;
}
