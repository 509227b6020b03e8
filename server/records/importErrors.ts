/**
 * How a failed import is told: the parser's reason as a 400, a line prefix only where one line is
 * to blame, and a `format` field only where choosing another file format could help (an empty,
 * binary or cut-off file stays broken whatever the settings say).
 */
import { AppError } from '../errors';
import type { ImportParseError, SourceFormat } from './formats';

// Failures that detection got wrong (or could not decide): a declared format may fix them.
const DETECTION_FAILURES = [/format was not recognised/i, /^No .+ records were found/i];

/** Thousands separators, as the page shows numbers ("line 8,324"). */
export const lineNumber = (n: number): string => n.toLocaleString('en-US');

/** The 400 for a file that cannot be imported at all. */
export function unreadableFile(e: ImportParseError, declared: SourceFormat | undefined): AppError {
  const fields: Record<string, string> = {};
  if (e.line > 0) fields.line = String(e.line);
  if (declared) fields.format = 'The file format was chosen by hand: try “Find out automatically”, or another format.';
  else if (DETECTION_FAILURES.some((re) => re.test(e.message))) fields.format = 'Choosing the file format by hand may help.';
  const message = e.line > 0 ? `Line ${lineNumber(e.line)}: ${e.message}` : e.message;
  return new AppError(400, 'unreadable_file', message, fields);
}

/** The client went away (cancelled, or closed the page) before the import was saved: nothing was added. */
export class ImportCancelled extends AppError {
  constructor() {
    super(400, 'cancelled', 'The import was cancelled before it was saved. Nothing from it was added.');
  }
}
