import type { ParsedRecord } from '../../../shared/records';
import { LineSplitter } from './lines';
import { findPmidInText, joinPages, normalizeDoi, normalizePmid, parseYear, squash } from './normalize';
import { labelsFromNotes } from './priorLabels';
import { emptyRecord, ImportParseError, type RecordSink, type TextParser } from './types';

/** Tags of the RIS specification and the extras common exporters write. */
const KNOWN_TAGS = new Set(
  ('TY A1 A2 A3 A4 AB AD AN AU AV BT C1 C2 C3 C4 C5 C6 C7 C8 CA CN CP CT CY DA DB DI DO DP ED EP ET ' +
    'FN H1 H2 ID IS J1 J2 JA JF JO KW L1 L2 L3 L4 LA LB LK M1 M2 M3 M4 N1 N2 NV OP PB PP PY RI RN RP SE ' +
    'SN SP ST SV T1 T2 T3 TA TI TT U1 U2 U3 U4 U5 UR VL VO WP WT WV Y1 Y2 Y3 ER ' +
    // Web of Science's RIS carries some of its own field tags
    'PU PI PA J9 JI WC SC GA UT PM OA HC HP EI BN').split(' '),
);

/** Tags whose untagged continuation lines are further items (EndNote writes one keyword a line). */
const LIST_TAGS = new Set(['KW', 'AU', 'A1', 'A2', 'A3', 'A4', 'UR', 'L1', 'L2', 'L3', 'L4', 'LK']);

const LENIENT_TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/;

type Fields = Map<string, string[]>;

/** Parses RIS as written by Scopus, WoS, EndNote, Zotero, Ovid, ProQuest, Embase, Rayyan, ASReview. */
export class RisParser implements TextParser {
  private readonly lines = new LineSplitter((line, n) => this.onLine(line, n));
  private fields: Fields | null = null;
  private startLine = 0;
  private lastTag = '';
  private readonly unknownTagsSeen = new Set<string>();

  constructor(private readonly sink: RecordSink) {}

  push(text: string): void {
    this.lines.push(text);
  }

  end(): void {
    this.lines.end();
    if (this.fields) {
      throw new ImportParseError(
        this.startLine,
        `The file ends inside the record that starts at line ${this.startLine} (no "ER  -" line): it looks truncated.`,
      );
    }
  }

  private onLine(line: string, n: number): void {
    const tagged = splitTagLine(line);
    if (!tagged) {
      this.onUntaggedLine(line, n);
      return;
    }
    const [tag, value] = tagged;
    if (tag === 'ER') {
      if (this.fields) this.finish();
      else this.sink.problem({ line: n, message: 'An "ER  -" line without a record before it was ignored.' });
      return;
    }
    if (tag === 'TY' && this.fields) {
      this.sink.problem({ line: n, message: `The record at line ${this.startLine} has no "ER  -" line; it was closed here.` });
      this.finish();
    }
    if (!this.fields) {
      if (tag !== 'TY') {
        // Ovid writes "NL  - ..." after ER; such strays belong to no record
        this.sink.problem({ line: n, message: `A ${tag} line outside any record (before TY) was ignored.` });
        return;
      }
      this.fields = new Map();
      this.startLine = n;
    }
    if (!KNOWN_TAGS.has(tag) && !this.unknownTagsSeen.has(tag)) {
      this.unknownTagsSeen.add(tag);
      this.sink.problem({ line: n, message: `Unknown RIS tag ${tag} (kept out of the record).` });
    }
    const values = this.fields.get(tag);
    if (values) values.push(value);
    else this.fields.set(tag, [value]);
    this.lastTag = tag;
  }

  /** Continuation lines (EndNote, multi-line notes) belong to the last tag; text between records is exporter chatter. */
  private onUntaggedLine(line: string, n: number): void {
    if (!this.fields) return;
    const text = line.trim();
    if (!text) return;
    const values = this.fields.get(this.lastTag);
    if (!values) {
      this.sink.problem({ line: n, message: 'A line without a tag was ignored.' });
      return;
    }
    if (LIST_TAGS.has(this.lastTag)) values.push(text);
    else values[values.length - 1] = values[values.length - 1] ? `${values[values.length - 1]}\n${text}` : text;
  }

  private finish(): void {
    const fields = this.fields;
    this.fields = null;
    if (!fields) return;
    const rec = risFieldsToRecord(fields, this.startLine);
    if (!rec.title) this.sink.problem({ line: this.startLine, message: `The record at line ${this.startLine} has no title.` });
    this.sink.record(rec);
  }
}

/** Splits "XX  - value" into tag and trimmed value; null for a line that is not a tag line. */
function splitTagLine(line: string): [string, string] | null {
  // Fast path for the canonical "XX  - " layout, which nearly every line uses.
  if (line.length >= 5 && line.charCodeAt(2) === 32 && line.charCodeAt(3) === 32 && line.charCodeAt(4) === 45) {
    const tag = line.slice(0, 2);
    if (/^[A-Z][A-Z0-9]$/.test(tag) && (line.length === 5 || line.charCodeAt(5) === 32)) {
      return [tag, line.slice(6).trim()];
    }
  }
  const m = LENIENT_TAG_LINE.exec(line.trimEnd());
  return m ? [m[1], (m[2] ?? '').trim()] : null;
}

function first(fields: Fields, ...tags: string[]): string {
  for (const tag of tags) {
    for (const v of fields.get(tag) ?? []) if (v.trim()) return v.trim();
  }
  return '';
}

function all(fields: Fields, ...tags: string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) for (const v of fields.get(tag) ?? []) if (v.trim()) out.push(v.trim());
  return out;
}

/** Maps collected RIS tags to a ParsedRecord. */
export function risFieldsToRecord(fields: Fields, line: number): ParsedRecord {
  const rec = emptyRecord(line);
  rec.type = first(fields, 'TY');
  const isBook = /^(BOOK|EBOOK|EDBOOK)$/i.test(rec.type);
  rec.title = squash(first(fields, 'TI', 'T1', 'CT') || (isBook ? first(fields, 'BT') : '') || first(fields, 'ST'));
  rec.abstract = all(fields, 'AB').join('\n') || all(fields, 'N2').join('\n');
  rec.authors = authorsInFileOrder(fields);
  rec.year = parseYear(first(fields, 'PY')) ?? parseYear(first(fields, 'Y1')) ?? parseYear(first(fields, 'DA'));
  rec.journal = squash(first(fields, 'T2', 'JF', 'JO', 'JA', 'J2', 'J1') || (isBook ? '' : first(fields, 'BT')));
  rec.volume = first(fields, 'VL');
  rec.issue = first(fields, 'IS', 'CP');
  rec.pages = joinPages(first(fields, 'SP'), first(fields, 'EP'));
  rec.keywords = all(fields, 'KW');
  rec.url = first(fields, 'UR', 'L2', 'LK', 'L1');
  rec.language = first(fields, 'LA');
  rec.notes = all(fields, 'N1').join('\n');
  rec.doi = normalizeDoi(first(fields, 'DO', 'DI')) ?? doiFromLinks(all(fields, 'M3', 'UR', 'L1', 'L2', 'L3', 'L4', 'LK'));
  rec.pmid = pmidOf(fields, rec.notes);
  // AN is the record's id in its database, unless it is the PubMed id, which has its own field
  const an = first(fields, 'AN');
  rec.sourceId = first(fields, 'ID') || (rec.pmid !== null && normalizePmid(an) === rec.pmid ? '' : an);
  rec.priorLabels = labelsFromNotes(rec.notes);
  return rec;
}

/** AU and A1 both mean "author"; some exporters mix them, so keep their order in the file. */
function authorsInFileOrder(fields: Fields): string[] {
  const au = all(fields, 'AU');
  const a1 = all(fields, 'A1');
  if (!au.length) return a1;
  if (!a1.length) return au;
  const seen = new Set(au);
  return [...au, ...a1.filter((a) => !seen.has(a))];
}

function doiFromLinks(values: string[]): string | null {
  for (const v of values) {
    if (/doi\.org\/|^doi:|^10\.\d{4,9}\//i.test(v)) {
      const doi = normalizeDoi(v);
      if (doi) return doi;
    }
  }
  return null;
}

/**
 * PubMed ids hide in AN (PubMed, Ovid MEDLINE, EndNote), in "12345 [PMID]" custom fields,
 * in "PMID: 12345" notes and in PubMed links. Accession numbers of other databases
 * (EBSCO, Embase) can also be short digit strings, so AN only counts without such a source.
 */
function pmidOf(fields: Fields, notes: string): string | null {
  const source = all(fields, 'DB', 'DP').join(' ');
  const an = first(fields, 'AN');
  if (/^\d{1,8}$/.test(an) && !/ebsco|cinahl|embase|psycinfo|scopus|proquest/i.test(source)) return normalizePmid(an);
  for (const tag of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'U1', 'U2', 'M2']) {
    for (const v of fields.get(tag) ?? []) {
      const m = /^\s*(\d{1,9})\s*\[PMID\]/i.exec(v);
      if (m) return normalizePmid(m[1]);
    }
  }
  return findPmidInText(notes) ?? findPmidInText(all(fields, 'UR', 'L2', 'LK').join(' '));
}
