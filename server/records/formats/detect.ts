import { headerKey, looksBibliographic, mapColumns } from './csvColumns';
import { detectDelimiter } from './csv';
import type { SourceFormat } from './types';

/** A format recognised from content, with the 1-based line that gave it away. */
export interface ContentEvidence {
  format: SourceFormat;
  line: number;
}

const LINE_RULES: [SourceFormat, RegExp][] = [
  ['ris', /^TY {1,2}-( |$)/],
  ['nbib', /^PMID- ?\d/],
  ['wos', /^(FN (Clarivate|Thomson|ISI)|PT [JBSP]$)/],
  ['bibtex', /^\s*@\s*[A-Za-z]+\s*[{(]/],
];

const EXTENSIONS: Record<string, SourceFormat> = {
  ris: 'ris',
  nbib: 'nbib',
  medline: 'nbib',
  bib: 'bibtex',
  bibtex: 'bibtex',
  xml: 'endnote-xml',
  csv: 'csv',
  tsv: 'csv',
  ciw: 'wos',
  enw: 'refer',
};

/** Recognises a format from the first decoded text of a file, or null. */
export function detectFormatFromContent(head: string): ContentEvidence | null {
  const text = head.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (/^<\?xml|^<xml[\s>]/i.test(start)) {
    return /<records?[\s>]/.test(start) ? { format: 'endnote-xml', line: 1 } : null;
  }
  const lines = text.split(/\r\n|\r|\n/, 400);
  // The last line of the sample may be cut in half; trust only complete ones.
  if (lines.length > 1) lines.pop();
  let referLines = 0;
  for (let i = 0; i < lines.length; i++) {
    for (const [format, rule] of LINE_RULES) if (rule.test(lines[i])) return { format, line: i + 1 };
    if (/^%[0TA] \S/.test(lines[i]) && ++referLines >= 2) return { format: 'refer', line: i + 1 };
  }
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  if (firstIdx >= 0 && looksLikeCsvHeader(lines[firstIdx])) return { format: 'csv', line: firstIdx + 1 };
  return null;
}

function looksLikeCsvHeader(line: string): boolean {
  const delimiter = detectDelimiter(line);
  if (!line.includes(delimiter)) return false;
  const cells = line.split(delimiter).map((c) => c.replace(/^"|"$/g, ''));
  return looksBibliographic(mapColumns(cells)) && cells.every((c) => headerKey(c).length < 80);
}

/** The format a file name's extension suggests, or null (".txt" says nothing). */
export function formatFromFilename(filename?: string): SourceFormat | null {
  const ext = filename?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return ext ? (EXTENSIONS[ext] ?? null) : null;
}

/** Detects the format from content first, the file name's extension second. */
export function detectFormat(head: string, filename?: string): SourceFormat | null {
  return detectFormatFromContent(head)?.format ?? formatFromFilename(filename);
}
