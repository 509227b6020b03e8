import type { ImportFormat, ParsedRecord, ParseProblem } from '../../../shared/records';

/**
 * Every format the parsers read: the HTTP-level ImportFormat plus two tagged formats that
 * are cheap to support (Web of Science `.ciw` field-tagged and refer/EndNote `%T` files).
 */
export type SourceFormat = ImportFormat | 'wos' | 'refer';

/** Text encodings the decoder recognises. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A file that cannot be imported at all; `line` is the 1-based line of the first bad input. */
export class ImportParseError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'ImportParseError';
    this.line = line;
  }
}

/** A file read as UTF-8 (its first bytes were) holds bytes further on that are not UTF-8. */
export class NotUtf8Error extends Error {
  constructor() {
    super('The file is not UTF-8.');
    this.name = 'NotUtf8Error';
  }
}

/** Where a format parser sends what it finds. */
export interface RecordSink {
  record(rec: ParsedRecord): void;
  problem(p: ParseProblem): void;
}

/** A push parser: decoded text goes in chunk by chunk, records come out through the sink. */
export interface TextParser {
  push(text: string): void;
  /** Flush the last record; throws ImportParseError when the input ends mid-record. */
  end(): void;
}

/** A fresh record with every field empty, starting at `line`. */
export function emptyRecord(line: number): ParsedRecord {
  return {
    title: '',
    abstract: '',
    authors: [],
    year: null,
    journal: '',
    volume: '',
    issue: '',
    pages: '',
    doi: null,
    pmid: null,
    keywords: [],
    url: '',
    type: '',
    language: '',
    sourceId: '',
    notes: '',
    priorLabels: [],
    line,
  };
}

/** Shortens a line for quoting it in an error message. */
export function quoteLine(text: string, max = 60): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine);
}
