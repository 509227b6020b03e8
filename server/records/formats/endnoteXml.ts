import { XMLParser } from 'fast-xml-parser';
import type { ParsedRecord } from '../../../shared/records';
import { normalizeDoi, normalizePmid, parseYear, squash, unreadYear } from './normalize';
import { labelsFromNotes } from './priorLabels';
import { emptyRecord, ImportParseError, type RecordSink, type TextParser } from './types';

type XmlNode = string | { [key: string]: XmlNode | XmlNode[] };

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  trimValues: false, // EndNote splits titles into <style> runs; trimming would glue words together
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['style', 'author', 'keyword', 'url'].includes(name),
});

const RECORD_OPEN = /<record[\s>]/g;
const RECORD_CLOSE = '</record>';

/**
 * EndNote XML (EndNote and Mendeley flavours). The file is cut into <record> elements as
 * text arrives and each element is parsed and validated on its own with fast-xml-parser,
 * so memory holds one record, not the whole tree.
 */
export class EndnoteXmlParser implements TextParser {
  private buffer = '';
  private bufferLine = 1;
  private sawRoot = false;
  private lastRecordEndLine = 1;
  private sawRootClose = false;

  constructor(private readonly sink: RecordSink) {}

  push(text: string): void {
    this.buffer += text;
    if (!this.sawRoot && /<xml[\s>]|<records[\s>]/.test(this.buffer)) this.sawRoot = true;
    this.drain();
  }

  end(): void {
    this.drain();
    RECORD_OPEN.lastIndex = 0;
    const open = RECORD_OPEN.exec(this.buffer);
    if (open) {
      const line = this.bufferLine + countNewlines(this.buffer, 0, open.index);
      throw new ImportParseError(line, 'The last <record>, which starts here, is never closed: the file looks cut off (truncated). Export or download it again.');
    }
    if (this.sawRoot && !this.sawRootClose) {
      throw new ImportParseError(
        this.lastRecordEndLine,
        'The file ends after this line without closing </records>: it looks cut off (truncated). Export or download it again.',
      );
    }
  }

  private drain(): void {
    const buf = this.buffer;
    let pos = 0;
    let line = this.bufferLine;
    let pending = false;
    for (;;) {
      RECORD_OPEN.lastIndex = pos;
      const open = RECORD_OPEN.exec(buf);
      if (!open) break;
      line += countNewlines(buf, pos, open.index);
      pos = open.index;
      const close = buf.indexOf(RECORD_CLOSE, open.index);
      if (close < 0) {
        pending = true;
        break;
      }
      const end = close + RECORD_CLOSE.length;
      this.handleRecord(buf.slice(open.index, end), line);
      line += countNewlines(buf, open.index, end);
      this.lastRecordEndLine = line;
      pos = end;
    }
    if (!pending) {
      if (/<\/records>|<\/xml>/.test(buf.slice(pos))) this.sawRootClose = true;
      // keep only a tail that might hold a cut "<record"
      const keep = Math.max(pos, buf.length - 16);
      line += countNewlines(buf, pos, keep);
      pos = keep;
    }
    this.bufferLine = line;
    this.buffer = buf.slice(pos);
  }

  private handleRecord(text: string, line: number): void {
    let parsed: XmlNode;
    try {
      parsed = xml.parse(text, true) as XmlNode;
    } catch (err) {
      const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
      this.sink.problem({ line, message: `This <record> is not well-formed XML (${detail}); it was skipped.` });
      return;
    }
    const node = child(parsed, 'record');
    const rec = endnoteRecordToParsed(node, line);
    if (!rec.title) this.sink.problem({ line, message: 'This record has no title.' });
    const year = unreadYear(field(node, 'dates', 'year'), rec.year, line);
    if (year) this.sink.problem(year);
    this.sink.record(rec);
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let cur: XmlNode | undefined = node;
  for (const name of path) {
    if (cur === undefined || typeof cur === 'string') return undefined;
    const next: XmlNode | XmlNode[] | undefined = cur[name];
    cur = Array.isArray(next) ? next[0] : next;
  }
  return cur;
}

function children(node: XmlNode | undefined, ...path: string[]): XmlNode[] {
  const parent = child(node, ...path.slice(0, -1));
  if (!parent || typeof parent === 'string') return [];
  const found = parent[path[path.length - 1]];
  if (found === undefined) return [];
  return Array.isArray(found) ? found : [found];
}

/** The text of an element: its own text plus the text of its <style> runs, entities decoded. */
function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return decodeCharRefs(node);
  let out = '';
  const own = node['#text'];
  if (typeof own === 'string') out += own;
  for (const style of children(node, 'style')) out += textOf(style);
  return decodeCharRefs(out);
}

function decodeCharRefs(text: string): string {
  return text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_m, code: string) =>
    String.fromCodePoint(code[0].toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : Number(code)),
  );
}

function field(node: XmlNode | undefined, ...path: string[]): string {
  return squash(textOf(child(node, ...path)));
}

/** Maps one parsed <record> element to a ParsedRecord. */
export function endnoteRecordToParsed(node: XmlNode | undefined, line: number): ParsedRecord {
  const rec = emptyRecord(line);
  const refType = child(node, 'ref-type');
  rec.type = refType && typeof refType !== 'string' ? String(refType['@_name'] ?? textOf(refType)) : textOf(refType);
  rec.title = field(node, 'titles', 'title');
  rec.abstract = textOf(child(node, 'abstract')).replace(/\r\n?/g, '\n').trim();
  rec.authors = children(node, 'contributors', 'authors', 'author').map((a) => squash(textOf(a))).filter(Boolean);
  rec.year = parseYear(field(node, 'dates', 'year')) ?? parseYear(field(node, 'dates', 'pub-dates', 'date'));
  rec.journal =
    field(node, 'periodical', 'full-title') || field(node, 'titles', 'secondary-title') || field(node, 'periodical', 'abbr-1');
  rec.volume = field(node, 'volume');
  rec.issue = field(node, 'number') || field(node, 'issue');
  rec.pages = field(node, 'pages');
  rec.keywords = children(node, 'keywords', 'keyword').map((k) => squash(textOf(k))).filter(Boolean);
  rec.url = children(node, 'urls', 'related-urls', 'url').map((u) => squash(textOf(u)))[0] ?? '';
  rec.language = field(node, 'language');
  rec.sourceId = field(node, 'rec-number');
  rec.notes = textOf(child(node, 'notes')).replace(/\r\n?/g, '\n').trim();
  rec.doi = normalizeDoi(field(node, 'electronic-resource-num'));
  const provider = `${field(node, 'remote-database-provider')} ${field(node, 'remote-database-name')}`;
  const accession = field(node, 'accession-num');
  if (/^\d{1,8}$/.test(accession) && (!provider.trim() || /nlm|pubmed|medline/i.test(provider))) {
    rec.pmid = normalizePmid(accession);
  }
  rec.priorLabels = labelsFromNotes(rec.notes);
  return rec;
}
