import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { csvRowToRecord, looksBibliographic, mapColumns, type ColumnMap } from './csvColumns';
import { ImportParseError, quoteLine, type RecordSink } from './types';
import { unreadYear } from './normalize';

/**
 * Picks the separator of the header line: the most frequent of comma, semicolon and tab
 * outside quotes. Papaparse can guess too, but only from its first chunk and it prefers
 * comma on ties, which misreads "title;abstract;doi" headers that contain commas in quotes.
 */
export function detectDelimiter(headerLine: string, filename?: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  if (filename?.toLowerCase().endsWith('.tsv') && counts['\t'] > 0) return '\t';
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ',';
}

/** Maps character offsets in the streamed text to 1-based line numbers, dropping text already passed. */
class LineTracker {
  private chunks: { start: number; text: string }[] = [];
  private total = 0;
  private pos = 0;
  private line = 1;

  add(text: string): void {
    this.chunks.push({ start: this.total, text });
    this.total += text.length;
  }

  /** Line at `offset`, skipping blank lines that papaparse skipped before a row. */
  rowStartLine(offset: number): number {
    this.advanceTo(offset);
    for (;;) {
      const ch = this.charAt(this.pos);
      if (ch !== '\n' && ch !== '\r') return this.line;
      this.advanceTo(this.pos + (ch === '\r' && this.charAt(this.pos + 1) === '\n' ? 2 : 1));
    }
  }

  private charAt(offset: number): string | undefined {
    for (const c of this.chunks) if (offset < c.start + c.text.length && offset >= c.start) return c.text[offset - c.start];
    return undefined;
  }

  private advanceTo(offset: number): void {
    while (this.pos < offset && this.chunks.length) {
      const c = this.chunks[0];
      const end = Math.min(offset, c.start + c.text.length);
      for (let i = this.pos - c.start; i < end - c.start; i++) {
        const code = c.text.charCodeAt(i);
        if (code === 10 || (code === 13 && c.text.charCodeAt(i + 1) !== 10)) this.line++;
      }
      this.pos = end;
      if (this.pos >= c.start + c.text.length) this.chunks.shift();
    }
  }
}

/** Parses CSV/TSV text chunks with papaparse; the header row picks the columns. */
export async function parseCsvStream(
  chunks: AsyncIterable<string>,
  sink: RecordSink,
  opts: { delimiter: string },
): Promise<void> {
  const tracker = new LineTracker();
  async function* tracked(): AsyncGenerator<string> {
    for await (const chunk of chunks) {
      tracker.add(chunk);
      yield chunk;
    }
  }
  let columns: ColumnMap | null = null;
  let headerLength = 0;
  let previousCursor = 0;
  const outcome: { fatal: ImportParseError | null } = { fatal: null };
  const input = Readable.from(tracked());
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(input as unknown as NodeJS.ReadableStream, {
      delimiter: opts.delimiter,
      skipEmptyLines: true,
      step(results, parser) {
        const line = tracker.rowStartLine(previousCursor);
        previousCursor = results.meta.cursor;
        const quoteError = results.errors.find((e) => e.type === 'Quotes');
        if (quoteError) {
          outcome.fatal = new ImportParseError(
            line,
            'A quoted field in this row is never closed: the file looks cut off (truncated) or is not valid CSV.',
          );
          parser.abort();
          return;
        }
        const row = results.data;
        if (!columns) {
          columns = mapColumns(row);
          headerLength = row.length;
          if (!looksBibliographic(columns)) {
            outcome.fatal = new ImportParseError(
              line,
              `The header row has no title, abstract, DOI or PMID column (${quoteLine(row.join(opts.delimiter), 80)}).`,
            );
            parser.abort();
          }
          return;
        }
        if (row.length !== headerLength) {
          sink.problem({ line, message: `This row has ${row.length} fields; the header has ${headerLength}. It was imported as far as it could be read.` });
        }
        const rec = csvRowToRecord(row, columns, line);
        if (!rec.title) sink.problem({ line, message: 'This row has no title.' });
        const year = unreadYear(columns.year >= 0 ? row[columns.year] : '', rec.year, line);
        if (year) sink.problem(year);
        sink.record(rec);
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
  }).finally(() => input.destroy()); // an aborted parse leaves the file open otherwise
  if (outcome.fatal) throw outcome.fatal;
}
