import type { ParsedRecord, PriorLabel } from '../../../shared/records';
import { joinPages, normalizeDoi, normalizePmid, parseYear, splitAuthorList, splitKeywords, squash } from './normalize';
import { labelColumnValue, labelsFromNotes } from './priorLabels';
import { emptyRecord } from './types';

/**
 * Header aliases per field, best first, compared after lower-casing and turning every run of
 * non-alphanumerics into one space (so "Journal/Book" is "journal book", "record_id" is
 * "record id"). Sources: Scopus, PubMed, IEEE, Embase, Web of Science, Zotero, Rayyan,
 * ASReview and generic exports in ../shared/data.
 */
const ALIASES = {
  title: ['title', 'document title', 'article title', 'primary title', 'ti', 'titles'],
  abstract: ['abstract', 'abstract note', 'ab', 'abstracts', 'n2'],
  authors: ['authors', 'author', 'author names', 'au', 'first authors', 'author full names', 'af'],
  year: ['year', 'publication year', 'py', 'pub year', 'year published', 'pubyear', 'date', 'publication date', 'y1'],
  journal: ['journal', 'source title', 'publication title', 'journal book', 'journal title', 'secondary title', 'jt', 'so', 'journal name', 't2'],
  volume: ['volume', 'vl', 'vol', 'vi'],
  issue: ['issue', 'number', 'is', 'ip', 'no'],
  pages: ['pages', 'pg', 'page', 'page range'],
  startPage: ['start page', 'page start', 'sp', 'bp', 'first page'],
  endPage: ['end page', 'page end', 'ep', 'last page'],
  doi: ['doi', 'di', 'do'],
  pmid: ['pmid', 'pubmed id', 'pubmedid', 'pm'],
  keywords: ['keywords', 'author keywords', 'keyword', 'kw', 'de', 'manual tags', 'mesh terms'],
  url: ['url', 'link', 'links', 'pdf link', 'ur'],
  type: ['document type', 'type of reference', 'type', 'item type', 'publication type', 'ty', 'pt'],
  language: ['language', 'la', 'language of original document'],
  sourceId: ['record id', 'id', 'key', 'eid', 'accession number', 'ui', 'ut', 'unique id'],
  notes: ['notes', 'note', 'extra', 'n1'],
  label: ['label included', 'included', 'final included', 'label', 'included label', 'included final', 'include', 'label abstract screening'],
  /** Embase puts "Journal (2014) 3:3 (152-160)" in one Source column. */
  citation: ['source', 'citation'],
  /** DOIs hidden in link columns when there is no DOI column. */
  link: ['open url link', 'link', 'url'],
} as const;

type Field = keyof typeof ALIASES;

/** Which column index holds each field (-1 when absent). */
export type ColumnMap = Record<Field, number>;

/** Normalises a header cell for alias lookup. */
export function headerKey(header: string): string {
  return header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Finds the column for each field from the header row; the first alias present wins. */
export function mapColumns(headers: string[]): ColumnMap {
  const keys = headers.map(headerKey);
  const map = {} as ColumnMap;
  for (const field of Object.keys(ALIASES) as Field[]) {
    map[field] = -1;
    for (const alias of ALIASES[field]) {
      const idx = keys.indexOf(alias);
      if (idx >= 0) {
        map[field] = idx;
        break;
      }
    }
  }
  return map;
}

/** True when the header has at least one column that identifies a bibliographic record. */
export function looksBibliographic(map: ColumnMap): boolean {
  return map.title >= 0 || map.abstract >= 0 || map.doi >= 0 || map.pmid >= 0;
}

/**
 * Spreadsheet-safe CSV writers (Coreview's own, papaparse's escapeFormulae, many others) put a "'"
 * before a cell starting with = + - @ so spreadsheets do not run it; reading it back takes it off,
 * or an abstract starting "- " would come back as "'- ".
 */
function unescapeFormula(value: string): string {
  return /^'[=+\-@\t\r]./.test(value) ? value.slice(1) : value;
}

/** Builds a ParsedRecord from one CSV row. */
export function csvRowToRecord(row: string[], map: ColumnMap, line: number): ParsedRecord {
  const cell = (field: Field): string => (map[field] >= 0 ? unescapeFormula((row[map[field]] ?? '').trim()) : '');
  const rec = emptyRecord(line);
  rec.title = squash(cell('title'));
  rec.abstract = cell('abstract');
  rec.authors = listCell(cell('authors'), splitAuthorList);
  rec.year = parseYear(cell('year'));
  rec.journal = squash(cell('journal'));
  rec.volume = cell('volume');
  rec.issue = cell('issue');
  rec.pages = cell('pages') || joinPages(cell('startPage'), cell('endPage'));
  rec.doi = normalizeDoi(cell('doi')) ?? doiFromLink(cell('link'));
  rec.pmid = normalizePmid(cell('pmid'));
  rec.keywords = listCell(cell('keywords'), keywordCell);
  rec.url = cell('url');
  rec.type = cell('type');
  rec.language = cell('language');
  rec.sourceId = cell('sourceId');
  rec.notes = cell('notes');
  if (!rec.journal || rec.year === null) fillFromCitation(rec, cell('citation'));
  rec.priorLabels = labelsOf(cell('label'), rec.notes);
  return rec;
}

function labelsOf(labelCell: string, notes: string): PriorLabel[] {
  const labels = labelsFromNotes(notes);
  const column = labelCell ? labelColumnValue(labelCell) : null;
  if (column && !labels.some((l) => l.tool === 'asreview')) labels.push(column);
  return labels;
}

/** ASReview writes list columns as Python literals: "['Marx, Karl', 'Lindgren, Astrid']". */
/**
 * Keywords of one cell. Coreview's own CSV puts one keyword per line when a keyword holds a ";"
 * (no database export in ../shared/data breaks lines in a keyword cell), so lines come first.
 */
function keywordCell(value: string): string[] {
  return value.includes('\n') ? value.split(/\r?\n/).map((k) => k.trim()).filter(Boolean) : splitKeywords(value);
}

function listCell(value: string, split: (v: string) => string[]): string[] {
  if (value.startsWith('[') && value.endsWith(']')) {
    const items = [...value.slice(1, -1).matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2]).trim());
    if (items.length) return items.filter(Boolean);
  }
  return split(value);
}

function doiFromLink(link: string): string | null {
  if (!/doi/i.test(link)) return null;
  let text = link;
  try {
    text = decodeURIComponent(link);
  } catch {
    // keep the raw link
  }
  const m = /(?:doi[:=/]\s*)(10\.\d{4,9}\/[^\s&"<>]+)/i.exec(text);
  return m ? normalizeDoi(m[1]) : null;
}

/** "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014" → journal, year, volume, issue, pages. */
function fillFromCitation(rec: ParsedRecord, citation: string): void {
  const m = /^(.+?)\s*\((\d{4})\)\s*([^:\s(]+)?(?::([^\s(]+))?\s*(?:\(([^)]*)\))?/.exec(citation);
  if (!m) return;
  rec.journal ||= squash(m[1]);
  rec.year ??= Number(m[2]);
  rec.volume ||= m[3] ?? '';
  rec.issue ||= m[4] ?? '';
  rec.pages ||= m[5] ?? '';
}
