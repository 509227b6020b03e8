import { bibtexEntryToRecord } from './bibtexFields';
import { ImportParseError, quoteLine, type RecordSink, type TextParser } from './types';
import { unreadYear } from './normalize';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A raw BibTeX entry: type, key and field values as written (LaTeX not yet decoded). */
export interface BibtexEntry {
  type: string;
  key: string;
  fields: Map<string, string>;
  line: number;
}

/**
 * A streaming BibTeX parser: text outside "@type{...}" is comment, as in BibTeX itself;
 * @string macros and "#" concatenation are resolved; each complete entry is mapped to a
 * record as soon as its closing brace arrives.
 */
export class BibtexParser implements TextParser {
  private buffer = '';
  /** line number of buffer[0] */
  private bufferLine = 1;
  private readonly macros = new Map<string, string>(MONTHS.map((m, i) => [m, String(i + 1)]));

  constructor(private readonly sink: RecordSink) {}

  push(text: string): void {
    this.buffer += text;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
  }

  private drain(atEnd: boolean): void {
    let pos = 0;
    let counted = 0;
    let line = this.bufferLine;
    const buf = this.buffer;
    for (;;) {
      const at = buf.indexOf('@', pos);
      if (at < 0) {
        pos = buf.length;
        break;
      }
      line += countNewlines(buf, counted, at);
      counted = at;
      const entryLine = line;
      const close = findEntryEnd(buf, at);
      if (close === 'incomplete') {
        if (atEnd) {
          throw new ImportParseError(
            entryLine,
            'The last BibTeX entry, which starts here, is never closed (unbalanced braces): the file looks cut off (truncated).',
          );
        }
        pos = at;
        break;
      }
      if (close === 'not-an-entry') {
        pos = at + 1;
        continue;
      }
      this.handleEntry(buf.slice(at, close + 1), entryLine);
      pos = close + 1;
    }
    this.bufferLine = line + countNewlines(buf, counted, pos);
    this.buffer = buf.slice(pos);
  }

  private handleEntry(raw: string, line: number): void {
    const head = /^@\s*([A-Za-z][\w-]*)\s*[{(]/.exec(raw);
    if (!head) return;
    const type = head[1].toLowerCase();
    if (type === 'comment' || type === 'preamble') return;
    const body = raw.slice(head[0].length, -1);
    try {
      if (type === 'string') {
        const [name, value] = parseAssignment(body, this.macros);
        this.macros.set(name, value);
        return;
      }
      const entry = parseEntryBody(type, body, line, this.macros);
      const rec = bibtexEntryToRecord(entry);
      if (!rec.title) this.sink.problem({ line, message: 'This entry has no title.' });
      const year = unreadYear(entry.fields.get('year'), rec.year, line);
      if (year) this.sink.problem(year);
      this.sink.record(rec);
    } catch (err) {
      const where = err instanceof EntrySyntaxError ? `: ${err.message}` : '';
      this.sink.problem({ line, message: `This BibTeX entry could not be read${where}; it was skipped.` });
    }
  }
}

class EntrySyntaxError extends Error {}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Index of the delimiter closing the entry that starts at `at`. */
function findEntryEnd(buf: string, at: number): number | 'incomplete' | 'not-an-entry' {
  const head = /^@\s*[A-Za-z][\w-]*\s*([{(])/.exec(buf.slice(at, at + 200));
  if (!head) return buf.length - at < 200 && /^@\s*[\w-]*\s*$/.test(buf.slice(at)) ? 'incomplete' : 'not-an-entry';
  const open = head[1];
  const closer = open === '{' ? '}' : ')';
  let depth = 0;
  for (let i = at + head[0].length; i < buf.length; i++) {
    const ch = buf.charCodeAt(i);
    if (ch === 123) depth++;
    else if (ch === 125) {
      if (depth === 0 && closer === '}') return i;
      depth--;
    } else if (ch === 41 && depth === 0 && closer === ')') return i;
  }
  return 'incomplete';
}

/** Parses "key, name = value, ..." of one entry. */
function parseEntryBody(type: string, body: string, line: number, macros: Map<string, string>): BibtexEntry {
  const comma = body.indexOf(',');
  const key = (comma < 0 ? body : body.slice(0, comma)).trim();
  if (key.includes('=')) throw new EntrySyntaxError('the citation key is missing');
  const fields = new Map<string, string>();
  let rest = comma < 0 ? '' : body.slice(comma + 1);
  while (rest.trim()) {
    const [name, value, remaining] = parseField(rest, macros);
    if (name) fields.set(name, value);
    rest = remaining;
  }
  return { type, key, fields, line };
}

function parseAssignment(body: string, macros: Map<string, string>): [string, string] {
  const [name, value] = parseField(body, macros);
  return [name, value];
}

/** Reads one "name = value # value," returning name, joined value and the unread rest. */
function parseField(text: string, macros: Map<string, string>): [string, string, string] {
  // Scopus writes field names with spaces ("funding_text 1"), so allow them inside a name
  const m = /^\s*,?\s*([^=,{}"#\s](?:[^=,{}"#]*[^=,{}"#\s])?)\s*=\s*/.exec(text);
  if (!m) {
    if (/^[\s,]*$/.test(text)) return ['', '', ''];
    throw new EntrySyntaxError(`expected "name = value" near ${quoteLine(text.trim(), 40)}`);
  }
  let i = m[0].length;
  const parts: string[] = [];
  for (;;) {
    while (/\s/.test(text[i] ?? '')) i++;
    const ch = text[i];
    if (ch === '{' || ch === '"') {
      const end = ch === '{' ? matchBrace(text, i) : matchQuote(text, i);
      if (end < 0) throw new EntrySyntaxError(`unbalanced ${ch} in field ${m[1]}`);
      parts.push(text.slice(i + 1, end));
      i = end + 1;
    } else {
      const word = /^[^\s,#}]+/.exec(text.slice(i))?.[0] ?? '';
      if (!word) throw new EntrySyntaxError(`field ${m[1]} has no value`);
      parts.push(/^\d+$/.test(word) ? word : (macros.get(word.toLowerCase()) ?? word));
      i += word.length;
    }
    while (/\s/.test(text[i] ?? '')) i++;
    if (text[i] === '#') {
      i++;
      continue;
    }
    break;
  }
  return [m[1].toLowerCase(), parts.join(''), text.slice(i)];
}

function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    // BibTeX counts braces literally, even escaped ones, so do the same
    if (ch === 123) depth++;
    else if (ch === 125 && --depth === 0) return i;
  }
  return -1;
}

function matchQuote(text: string, open: number): number {
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 123) depth++;
    else if (ch === 125) depth--;
    else if (ch === 34 && depth === 0) return i;
  }
  return -1;
}
