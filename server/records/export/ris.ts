import type { ParsedRecord } from '../../../shared/records';
import { asreviewNoteLabel } from '../formats/priorLabels';

/** Reference types of other formats (BibTeX, EndNote, WoS, PubMed) in RIS codes; unknown ones pass through. */
const RIS_TYPES: Record<string, string> = {
  article: 'JOUR',
  'journal article': 'JOUR',
  j: 'JOUR',
  inproceedings: 'CPAPER',
  conference: 'CPAPER',
  'conference paper': 'CPAPER',
  'conference proceedings': 'CONF',
  proceedings: 'CONF',
  book: 'BOOK',
  b: 'BOOK',
  incollection: 'CHAP',
  inbook: 'CHAP',
  'book section': 'CHAP',
  'book chapter': 'CHAP',
  phdthesis: 'THES',
  mastersthesis: 'THES',
  thesis: 'THES',
  techreport: 'RPRT',
  report: 'RPRT',
  misc: 'GEN',
  generic: 'GEN',
  unpublished: 'UNPB',
  review: 'JOUR',
};

const EOL = '\r\n';

/** The RIS TY code for a record's type. */
export function risType(type: string): string {
  const t = type.trim();
  if (!t) return 'GEN';
  return RIS_TYPES[t.toLowerCase()] ?? t;
}

/** One tag line per non-empty line of the value; RIS has no other way to carry line breaks. */
function tagLines(tag: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  let out = '';
  for (const line of String(value).split(/\r\n|\r|\n/)) {
    const text = line.trim();
    if (text) out += `${tag}  - ${text}${EOL}`;
  }
  return out;
}

/** Splits "start-end" pages into SP and EP; anything else goes into SP whole. */
function pageTags(pages: string): string {
  const m = /^([^-–]+?)\s*[-–]\s*([^-–]+)$/.exec(pages.trim());
  return m ? tagLines('SP', m[1]) + tagLines('EP', m[2]) : tagLines('SP', pages);
}

/**
 * ASReview's note for a label that came from elsewhere (a CSV's label_included column), so RIS
 * readers (ASReview's, Coreview's) keep it; nothing when the notes already say it.
 */
function asreviewNote(rec: ParsedRecord): string | null {
  const label = rec.priorLabels.find((l) => l.tool === 'asreview' && l.label !== 'maybe');
  if (!label || asreviewNoteLabel(rec.notes)) return null;
  return label.label === 'include' ? 'ASReview_relevant' : 'ASReview_irrelevant';
}

/** One record as RIS text, ending with "ER  - " and a blank line. */
export function recordToRis(rec: ParsedRecord, annotation: string | null = null): string {
  let out = `TY  - ${risType(rec.type)}${EOL}`;
  out += tagLines('TI', rec.title);
  for (const author of rec.authors) out += tagLines('AU', author);
  out += tagLines('PY', rec.year === null ? null : String(rec.year));
  out += tagLines('T2', rec.journal);
  out += tagLines('VL', rec.volume);
  out += tagLines('IS', rec.issue);
  out += pageTags(rec.pages);
  // repeated AB lines are joined with line breaks when read back, keeping paragraphs
  out += tagLines('AB', rec.abstract);
  for (const keyword of rec.keywords) out += tagLines('KW', keyword);
  out += tagLines('DO', rec.doi);
  // AN is where EndNote and Zotero put the PubMed id
  out += tagLines('AN', rec.pmid);
  out += tagLines('ID', rec.sourceId);
  out += tagLines('UR', rec.url);
  out += tagLines('LA', rec.language);
  out += tagLines('N1', rec.notes);
  out += tagLines('N1', asreviewNote(rec));
  // Coreview's own remark (duplicate of…, screening outcome) goes in RN, "research notes": reference
  // managers show it, and Coreview's importer leaves it out, so a re-import gives back the same notes.
  out += tagLines('RN', annotation);
  return `${out}ER  - ${EOL}${EOL}`;
}

/** Writes records as RIS text, one chunk per record, for streaming responses. */
export function* risChunks(records: Iterable<ParsedRecord>): Generator<string> {
  for (const rec of records) yield recordToRis(rec);
}

/** The same, each record with Coreview's remark on it (RN), if any. */
export function* annotatedRisChunks(rows: Iterable<{ record: ParsedRecord; note: string | null }>): Generator<string> {
  for (const { record, note } of rows) yield recordToRis(record, note);
}

/** Writes records as one RIS document. */
export function toRis(records: ParsedRecord[] | Iterable<ParsedRecord>): string {
  let out = '';
  for (const chunk of risChunks(records)) out += chunk;
  return out;
}
