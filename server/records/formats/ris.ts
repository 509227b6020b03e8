import { LineSplitter } from './lines';
import { NO_SLOT, RisRecordBuilder, slotOfCode, slotOfTag, UNUSED } from './risFields';
import { ImportParseError, type RecordSink, type TextParser } from './types';
import { unreadYear } from './normalize';

const LENIENT_TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/;
const TAG_TY = slotOfTag('TY');
const TAG_ER = -2;

/**
 * Parses RIS as written by Scopus, WoS, EndNote, Zotero, Ovid, ProQuest, Embase, Rayyan and
 * ASReview: BOMs, CRLF or bare CR, text before the first record, untagged continuation lines,
 * repeated and empty tags, unknown tags (reported once each as a problem).
 */
export class RisParser implements TextParser {
  private readonly lines = new LineSplitter((line, n) => this.onLine(line, n));
  private readonly builder = new RisRecordBuilder();
  private open = false;
  private startLine = 0;
  private readonly unknownTagsSeen = new Set<string>();

  constructor(private readonly sink: RecordSink) {}

  push(text: string): void {
    if (!this.lines.carrying && text.charCodeAt(text.length - 1) === 10 && !text.includes('\r')) this.scan(text);
    else this.lines.push(text);
  }

  end(): void {
    this.lines.end();
    if (this.open) {
      // the reader gets "Line N:" in front: the message need not repeat it
      throw new ImportParseError(
        this.startLine,
        'The last record, which starts here, has no end marker ("ER  -" line): the file looks cut off (truncated). Export or download it again.',
      );
    }
  }

  /**
   * Pieces from the UTF-8 decoder end at a line end; without CRs or a half line carried over,
   * their lines are read in place instead of being cut into strings first.
   */
  private scan(text: string): void {
    let n = this.lines.lastLine;
    for (let start = 0, nl = text.indexOf('\n'); nl >= 0; start = nl + 1, nl = text.indexOf('\n', start)) this.lineAt(text, start, nl, ++n);
    this.lines.skipTo(n);
  }

  private onLine(line: string, n: number): void {
    this.lineAt(line, 0, line.length, n);
  }

  /** One line: `text` from `s` to `e` (exclusive, without the line break). */
  private lineAt(text: string, s: number, e: number, n: number): void {
    let slot: number;
    let value: string;
    if (isCanonicalTagLine(text, s, e)) {
      const code = text.charCodeAt(s) * 256 + text.charCodeAt(s + 1);
      slot = code === ER_CODE ? TAG_ER : slotOfCode(code);
      // unused tags (most of a Scopus or WoS record) never get their value cut out
      value = slot > UNUSED && e - s > 6 ? text.slice(s + 6, e) : '';
      if (slot === NO_SLOT) slot = this.unknownTag(text.slice(s, s + 2), n);
    } else {
      const line = text.slice(s, e);
      const m = LENIENT_TAG_LINE.exec(line.trimEnd());
      if (!m) {
        if (this.open) this.builder.continueLine(line);
        return;
      }
      slot = m[1] === 'ER' ? TAG_ER : slotOfTag(m[1]);
      value = m[2] ?? '';
      if (slot === NO_SLOT) slot = this.unknownTag(m[1], n);
    }
    if (slot === TAG_ER) {
      if (this.open) this.finish();
      else this.sink.problem({ line: n, message: 'An end marker ("ER  -" line) with no record before it was ignored.' });
      return;
    }
    if (slot === TAG_TY && this.open) {
      this.sink.problem({
        line: this.startLine,
        message: `This record has no end marker ("ER  -" line); it was ended where the next record starts, at line ${n.toLocaleString('en-US')}, and imported.`,
      });
      this.finish();
    }
    if (!this.open) {
      if (slot !== TAG_TY) {
        // Ovid writes "NL  - ..." after ER; such strays belong to no record
        this.sink.problem({ line: n, message: `A line outside any record (tag ${text.slice(s, s + 2)}, before a "TY  -" line starts a record) was ignored.` });
        return;
      }
      this.open = true;
      this.startLine = n;
      this.builder.reset(n);
    }
    this.builder.add(slot, value);
  }

  private unknownTag(tag: string, n: number): number {
    if (!this.unknownTagsSeen.has(tag)) {
      this.unknownTagsSeen.add(tag);
      this.sink.problem({ line: n, message: `Unknown RIS tag ${tag}: its lines were left out of the records (reported once).` });
    }
    return UNUSED;
  }

  private finish(): void {
    this.open = false;
    const rec = this.builder.build();
    if (!rec.title) this.sink.problem({ line: this.startLine, message: 'This record has no title.' });
    const year = unreadYear(this.builder.yearText(), rec.year, this.startLine);
    if (year) this.sink.problem(year);
    this.sink.record(rec);
  }
}

const ER_CODE = 69 * 256 + 82;

/** "XX  - value" or "XX  -" from `s` to `e`: upper-case letter, letter or digit, two spaces, dash, space or end. */
function isCanonicalTagLine(text: string, s: number, e: number): boolean {
  if (e - s < 5 || text.charCodeAt(s + 2) !== 32 || text.charCodeAt(s + 3) !== 32 || text.charCodeAt(s + 4) !== 45) return false;
  const c0 = text.charCodeAt(s);
  const c1 = text.charCodeAt(s + 1);
  return c0 >= 65 && c0 <= 90 && ((c1 >= 65 && c1 <= 90) || (c1 >= 48 && c1 <= 57)) && (e - s === 5 || text.charCodeAt(s + 5) === 32);
}
