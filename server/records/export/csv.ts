import Papa from 'papaparse';
import type { ParsedRecord } from '../../../shared/records';
import { SPREADSHEET_SAFE } from '../../http/csv';

/** Column names of the CSV export; they are among the header aliases the CSV importer reads. */
export const CSV_COLUMNS = [
  'record_id',
  'title',
  'abstract',
  'authors',
  'year',
  'journal',
  'volume',
  'issue',
  'pages',
  'doi',
  'pmid',
  'keywords',
  'url',
  'type',
  'language',
  'notes',
  'label_included',
] as const;

/**
 * Authors joined by "; ". A lone author whose name contains " and " gets a trailing ";"
 * so that reading the file back does not split "Smith and Jones Ltd" in two.
 */
function authorCell(authors: string[]): string {
  if (authors.length === 1 && /\sand\s/i.test(authors[0])) return `${authors[0]};`;
  return authors.join('; ');
}

/** Keywords joined by "; ", or one per line when a keyword holds a ";" itself, so reading back splits them right. */
function keywordCell(keywords: string[]): string {
  return keywords.join(keywords.some((k) => k.includes(';')) ? '\n' : '; ');
}

/** ASReview's own convention: 1 included, 0 excluded, empty when the record carries no ASReview label. */
function labelCell(rec: ParsedRecord): string {
  const label = rec.priorLabels.find((l) => l.tool === 'asreview' && l.label !== 'maybe');
  return label ? (label.label === 'include' ? '1' : '0') : '';
}

function row(rec: ParsedRecord): string[] {
  return [
    rec.sourceId,
    rec.title,
    rec.abstract,
    authorCell(rec.authors),
    rec.year === null ? '' : String(rec.year),
    rec.journal,
    rec.volume,
    rec.issue,
    rec.pages,
    rec.doi ?? '',
    rec.pmid ?? '',
    keywordCell(rec.keywords),
    rec.url,
    rec.type,
    rec.language,
    rec.notes,
    labelCell(rec),
  ];
}


/** Writes records as CSV in chunks of rows (header first), each ending with a line break. */
export function* csvChunks(records: Iterable<ParsedRecord>, rowsPerChunk = 500): Generator<string> {
  yield `${Papa.unparse([[...CSV_COLUMNS]], SPREADSHEET_SAFE)}\r\n`;
  let batch: string[][] = [];
  for (const rec of records) {
    batch.push(row(rec));
    if (batch.length >= rowsPerChunk) {
      yield `${Papa.unparse(batch, SPREADSHEET_SAFE)}\r\n`;
      batch = [];
    }
  }
  if (batch.length) yield `${Papa.unparse(batch, SPREADSHEET_SAFE)}\r\n`;
}

/** Writes records as one CSV document with a header row. */
export function toCsv(records: ParsedRecord[] | Iterable<ParsedRecord>): string {
  let out = '';
  for (const chunk of csvChunks(records)) out += chunk;
  return out;
}
