import type { ParsedRecord } from '../../../shared/records';
import { findPmidInText, joinPages, normalizeDoi, normalizePmid, parseYear, squash } from './normalize';
import { labelsFromNotes } from './priorLabels';
import { emptyRecord } from './types';

/** A tag we know but do not map; its continuation lines are dropped with it. */
export const UNUSED = 0;
/** A tag outside the RIS vocabulary. */
export const NO_SLOT = -1;

/** Tags that keep only their first non-empty value. */
const SINGLE = ['TY', 'TI', 'T1', 'CT', 'BT', 'ST', 'PY', 'Y1', 'DA', 'T2', 'JF', 'JO', 'JA', 'J2', 'J1', 'VL', 'IS', 'CP', 'SP', 'EP', 'LA', 'ID', 'AN', 'DO', 'DI'];
/** Tags whose every value is kept. */
const LIST = ['AU', 'A1', 'KW', 'UR', 'L1', 'L2', 'L3', 'L4', 'LK', 'AB', 'N2', 'N1', 'M3', 'DB', 'DP', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'U1', 'U2', 'M2'];
/** List tags whose untagged continuation lines are further items (EndNote writes one keyword a line). */
const ITEM_CONTINUATION = new Set(['AU', 'A1', 'KW', 'UR', 'L1', 'L2', 'L3', 'L4', 'LK']);

const KNOWN_UNMAPPED =
  'A2 A3 A4 AD AV CA CN CY ED ET FN H1 H2 LB M1 M4 NV OP PB PP RI RN RP SE SN SV T3 TA TT U3 U4 U5 VO WP WT WV Y2 Y3 ' +
  // Web of Science's RIS carries some of its own field tags
  'PU PI PA J9 JI WC SC GA UT PM OA HC HP EI BN';

const SLOTS = [...SINGLE, ...LIST];
const SINGLE_COUNT = SINGLE.length;
const code = (tag: string): number => tag.charCodeAt(0) * 256 + tag.charCodeAt(1);

/** Tag (as two char codes) → slot: 1-based index into SLOTS, UNUSED, or NO_SLOT. */
const SLOT_BY_CODE = new Int8Array(65536).fill(NO_SLOT);
for (const tag of KNOWN_UNMAPPED.split(' ')) SLOT_BY_CODE[code(tag)] = UNUSED;
SLOTS.forEach((tag, i) => (SLOT_BY_CODE[code(tag)] = i + 1));

/** Slot of a tag given as its two character codes. */
export function slotOfCode(tagCode: number): number {
  return SLOT_BY_CODE[tagCode];
}

/** Slot of a two-letter tag. */
export function slotOfTag(tag: string): number {
  return tag.length === 2 ? SLOT_BY_CODE[code(tag)] : NO_SLOT;
}

const slot = (tag: string): number => SLOTS.indexOf(tag) + 1;
const S = Object.fromEntries(SLOTS.map((t) => [t, slot(t)])) as Record<string, number>;
const ITEM_SLOTS = new Set([...ITEM_CONTINUATION].map(slot));

/**
 * Collects one RIS record's values by slot, without a Map or a string per unused tag (the
 * hot path of a 100,000-record import), then maps them to a ParsedRecord.
 */
export class RisRecordBuilder {
  private first: (string | undefined)[] = new Array(SINGLE_COUNT + 1);
  private lists: (string[] | undefined)[] = new Array(SLOTS.length + 1);
  private lastSlot = UNUSED;
  /** false when the last tag repeated a single-valued tag whose value was not kept */
  private lastKept = false;
  private line = 0;

  /** Starts a new record at `line`. */
  reset(line: number): void {
    this.first = new Array(SINGLE_COUNT + 1);
    this.lists = new Array(SLOTS.length + 1);
    this.lastSlot = UNUSED;
    this.lastKept = false;
    this.line = line;
  }

  /** Adds a tag's value. */
  add(slotId: number, raw: string): void {
    this.lastSlot = slotId;
    if (slotId <= UNUSED) return;
    const value = raw.trim();
    if (slotId <= SINGLE_COUNT) {
      const kept = this.first[slotId];
      this.lastKept = kept === undefined || kept === '';
      if (this.lastKept) this.first[slotId] = value;
      return;
    }
    const list = this.lists[slotId];
    if (list) list.push(value);
    else this.lists[slotId] = [value];
  }

  /** An untagged line: a new item for list tags like KW, else more text of the last value. */
  continueLine(line: string): void {
    const text = line.trim();
    const s = this.lastSlot;
    if (!text || s <= UNUSED) return;
    if (s <= SINGLE_COUNT) {
      if (this.lastKept) this.first[s] = this.first[s] ? `${this.first[s]}\n${text}` : text;
      return;
    }
    const list = this.lists[s] ?? (this.lists[s] = []);
    if (ITEM_SLOTS.has(s) || list.length === 0) list.push(text);
    else list[list.length - 1] = list[list.length - 1] ? `${list[list.length - 1]}\n${text}` : text;
  }

  private one(a: number, b = 0, c = 0): string {
    const f = this.first;
    return f[a] || (b && f[b]) || (c && f[c]) || '';
  }

  /** The values of a list slot without empty ones; the stored array itself when it has none. */
  private list(slotId: number): string[] {
    const l = this.lists[slotId];
    if (!l) return NONE;
    return l.includes('') ? l.filter(Boolean) : l;
  }

  /** The record's own year field as written (PY, else Y1), for reporting one that is not a year. */
  yearText(): string {
    return this.one(S.PY, S.Y1);
  }

  /** Maps the collected values to a ParsedRecord. */
  build(): ParsedRecord {
    const rec = emptyRecord(this.line);
    rec.type = this.one(S.TY);
    const isBook = rec.type.length >= 4 && /^(BOOK|EBOOK|EDBOOK)$/i.test(rec.type);
    rec.title = squash(this.one(S.TI, S.T1, S.CT) || (isBook ? this.one(S.BT) : '') || this.one(S.ST));
    const ab = this.list(S.AB);
    rec.abstract = (ab.length ? ab : this.list(S.N2)).join('\n');
    rec.authors = authorsInFileOrder(this.list(S.AU), this.list(S.A1));
    rec.year = parseYear(this.one(S.PY)) ?? parseYear(this.one(S.Y1)) ?? parseYear(this.one(S.DA));
    rec.journal = squash(this.one(S.T2, S.JF, S.JO) || this.one(S.JA, S.J2, S.J1) || (isBook ? '' : this.one(S.BT)));
    rec.volume = this.one(S.VL);
    rec.issue = this.one(S.IS, S.CP);
    rec.pages = joinPages(this.one(S.SP), this.one(S.EP));
    const keywords = this.list(S.KW);
    rec.keywords = keywords.length ? keywords : [];
    rec.url = this.list(S.UR)[0] ?? this.list(S.L2)[0] ?? this.list(S.LK)[0] ?? this.list(S.L1)[0] ?? '';
    rec.language = this.one(S.LA);
    const notes = this.list(S.N1);
    rec.notes = notes.length === 1 ? notes[0] : notes.join('\n');
    rec.doi = normalizeDoi(this.one(S.DO, S.DI)) ?? this.doiFromLinks();
    rec.pmid = this.pmid(rec.notes);
    // AN is the record's id in its database, unless it is the PubMed id, which has its own field
    const an = this.one(S.AN);
    rec.sourceId = this.one(S.ID) || (rec.pmid !== null && normalizePmid(an) === rec.pmid ? '' : an);
    if (rec.notes) rec.priorLabels = labelsFromNotes(rec.notes);
    return rec;
  }

  private doiFromLinks(): string | null {
    for (const slotId of [S.M3, S.UR, S.L1, S.L2, S.L3, S.L4, S.LK]) {
      for (const v of this.list(slotId)) {
        if (/doi\.org\/|^doi:|^10\.\d{4,9}\//i.test(v)) {
          const doi = normalizeDoi(v);
          if (doi) return doi;
        }
      }
    }
    return null;
  }

  /**
   * PubMed ids hide in AN (PubMed, Ovid MEDLINE, EndNote), in "12345 [PMID]" custom fields,
   * in "PMID: 12345" notes and in PubMed links. Accession numbers of other databases
   * (EBSCO, Embase) can also be short digit strings, so AN only counts without such a source.
   */
  private pmid(notes: string): string | null {
    const an = this.one(S.AN);
    if (/^\d{1,8}$/.test(an) && !this.fromNonPubmedDatabase()) return normalizePmid(an);
    const lists = this.lists;
    for (const slotId of PMID_FIELD_SLOTS) {
      const values = lists[slotId];
      if (!values) continue;
      for (const v of values) {
        const m = PMID_FIELD.exec(v);
        if (m) return normalizePmid(m[1]);
      }
    }
    if (notes.includes('PMID')) {
      const found = findPmidInText(notes);
      if (found) return found;
    }
    for (const slotId of [S.UR, S.L2, S.LK]) {
      for (const v of this.list(slotId)) if (v.includes('pubmed')) return findPmidInText(v);
    }
    return null;
  }

  private fromNonPubmedDatabase(): boolean {
    const names = [...this.list(S.DB), ...this.list(S.DP)];
    return names.length > 0 && /ebsco|cinahl|embase|psycinfo|scopus|proquest/i.test(names.join(' '));
  }
}

const PMID_FIELD = /^\s*(\d{1,9})\s*\[PMID\]/i;
const NONE: string[] = [];
const PMID_FIELD_SLOTS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'U1', 'U2', 'M2'].map(slot);

/** AU and A1 both mean "author"; some exporters mix them, so keep their order in the file. */
function authorsInFileOrder(au: string[], a1: string[]): string[] {
  if (!au.length) return a1.length ? a1 : [];
  if (!a1.length) return au;
  const seen = new Set(au);
  return [...au, ...a1.filter((a) => !seen.has(a))];
}
