import type { ParsedRecord } from '../../../shared/records';
import { LineSplitter } from './lines';
import { ImportParseError, type RecordSink, type TextParser } from './types';
import { unreadYear } from './normalize';

/** Tag → values, in file order. */
export type TagFields = Map<string, string[]>;

/** What differs between the line-tagged formats (MEDLINE, Web of Science, refer). */
export interface TaggedDialect {
  /** Human name for messages, e.g. "MEDLINE". */
  name: string;
  /** Splits a tag line into tag and value, or null when the line carries no tag. */
  splitTag(line: string): [string, string] | null;
  /** True for a line that continues the previous tag's value. */
  isContinuation(line: string): boolean;
  /** Tags whose continuation lines are new items (one author a line) rather than wrapped text. */
  listTags: ReadonlySet<string>;
  /** A tag that opens a new record even without a blank line before it. */
  recordStartTag?: string;
  /** A tag that closes a record (WoS "ER"); without one, blank lines close records. */
  recordEndTag?: string;
  /** File-level tags outside records (WoS "FN", "VR", "EF"). */
  fileTags?: ReadonlySet<string>;
  toRecord(fields: TagFields, line: number): ParsedRecord;
  /** The tags holding the year, best first: one holding text but no year is reported. */
  yearTags: readonly string[];
}

/** A push parser for formats where each line starts with a tag and wrapped lines are indented. */
export class TaggedLineParser implements TextParser {
  private readonly lines = new LineSplitter((line, n) => this.onLine(line, n));
  private fields: TagFields | null = null;
  private startLine = 0;
  private lastTag = '';

  constructor(
    private readonly dialect: TaggedDialect,
    private readonly sink: RecordSink,
  ) {}

  push(text: string): void {
    this.lines.push(text);
  }

  end(): void {
    this.lines.end();
    if (!this.fields) return;
    if (this.dialect.recordEndTag) {
      throw new ImportParseError(
        this.startLine,
        `The last ${this.dialect.name} record, which starts here, has no end marker ("${this.dialect.recordEndTag}" line): ` +
          'the file looks cut off (truncated). Export or download it again.',
      );
    }
    this.finish();
  }

  private onLine(line: string, n: number): void {
    const d = this.dialect;
    if (!line.trim()) {
      if (!d.recordEndTag && this.fields) this.finish();
      return;
    }
    if (this.fields && d.isContinuation(line)) {
      this.continueValue(line.trim());
      return;
    }
    const tagged = d.splitTag(line);
    if (!tagged) {
      if (this.fields) this.sink.problem({ line: n, message: `A ${d.name} line without a tag was ignored.` });
      return;
    }
    const [tag, value] = tagged;
    if (d.fileTags?.has(tag) && !this.fields) return;
    if (tag === d.recordEndTag) {
      if (this.fields) this.finish();
      return;
    }
    if (this.fields && tag === d.recordStartTag && this.fields.has(tag)) this.finish();
    if (!this.fields) {
      this.fields = new Map();
      this.startLine = n;
    }
    const values = this.fields.get(tag);
    if (values) values.push(value);
    else this.fields.set(tag, [value]);
    this.lastTag = tag;
  }

  private continueValue(text: string): void {
    const values = this.fields?.get(this.lastTag);
    if (!values) return;
    if (this.dialect.listTags.has(this.lastTag)) values.push(text);
    else values[values.length - 1] = `${values[values.length - 1]} ${text}`.trim();
  }

  private finish(): void {
    const fields = this.fields;
    this.fields = null;
    if (!fields) return;
    const rec = this.dialect.toRecord(fields, this.startLine);
    if (!rec.title) this.sink.problem({ line: this.startLine, message: 'This record has no title.' });
    const year = unreadYear(firstOf(fields, ...this.dialect.yearTags), rec.year, this.startLine);
    if (year) this.sink.problem(year);
    this.sink.record(rec);
  }
}

/** The first non-empty value among the tags, trimmed. */
export function firstOf(fields: TagFields, ...tags: string[]): string {
  for (const tag of tags) for (const v of fields.get(tag) ?? []) if (v.trim()) return v.trim();
  return '';
}

/** Every non-empty value of the tags, trimmed, in tag order. */
export function allOf(fields: TagFields, ...tags: string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) for (const v of fields.get(tag) ?? []) if (v.trim()) out.push(v.trim());
  return out;
}
