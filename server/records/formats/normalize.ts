import type { ParseProblem } from '../../../shared/records';

const DOI_PATTERN = /10\.\d{4,9}\/[^\s"<>]+/;

/**
 * Normalises a DOI as exporters write it (`https://doi.org/…`, `http://dx.doi.org/…`,
 * `doi:…`, `… [doi]`, percent-encoded) to the bare lower-case DOI, or null if none is there.
 */
export function normalizeDoi(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw.trim();
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // a stray % that is not an escape: keep the text as it is
    }
  }
  const match = DOI_PATTERN.exec(text);
  if (!match) return null;
  return match[0].replace(/[.,;:)\]}]+$/, (tail) => keepBalancedClosers(match[0], tail)).toLowerCase();
}

/** DOIs may end in ")" as in 10.1016/s0025-7753(17)30624-3; only strip closers without an opener. */
function keepBalancedClosers(doi: string, tail: string): string {
  const body = doi.slice(0, doi.length - tail.length);
  const opens = (body.match(/\(/g) ?? []).length - (body.match(/\)/g) ?? []).length;
  return tail.startsWith(')') && opens > 0 ? ')' : '';
}

/** A PubMed id as digits without leading zeros, or null. */
export function normalizePmid(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const match = /^\s*(?:PMID:?\s*)?0*(\d{1,9})\s*(?:\[PMID\]|\[pmid\])?\s*$/.exec(raw);
  return match ? match[1] : null;
}

/** Finds a PMID in free text such as "PMID: 12345" or a PubMed URL. */
export function findPmidInText(text: string): string | null {
  const match =
    /\bPMID:?\s*(\d{1,9})\b/.exec(text) ??
    /(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pubmed)\/(\d{1,9})\b/.exec(text);
  return match ? match[1] : null;
}

/** The first plausible four-digit year (1500–2099) in a date string, or null. */
/**
 * The problem to report when a record's year field holds text but no year (ASReview's test file
 * has "PY  - 10 15"): the record is kept, without a year, and the lead learns why.
 */
export function unreadYear(raw: string | null | undefined, year: number | null, line: number): ParseProblem | null {
  const text = raw?.trim();
  if (year !== null || !text) return null;
  return { line, message: `The year "${text.length > 40 ? `${text.slice(0, 40)}…` : text}" could not be read as a year; the record was imported without one.` };
}

export function parseYear(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const match = /(?:^|[^\d])(1[5-9]\d\d|20\d\d)(?!\d)/.exec(raw);
  return match ? Number(match[1]) : null;
}

/** Joins start and end page as "start-end", leaving a start that already holds a range. */
export function joinPages(start: string, end: string): string {
  const s = start.trim();
  const e = end.trim();
  // Ovid writes "SP  - No" / "EP  - Specified" when it has no pages
  if (/^no-?specified$/i.test(s) || (s.toLowerCase() === 'no' && e.toLowerCase() === 'specified')) return '';
  if (!s) return e;
  if (!e || s.includes('-') || s === e) return s;
  return `${s}-${e}`;
}

/**
 * Collapses runs of ASCII white space (wrapped lines, tabs, double spaces) and trims. Unicode
 * spaces such as the em spaces some publishers put in titles are content and stay.
 */
export function squash(text: string): string {
  // most values have nothing to collapse; skip the replace for them
  return /[ \t\n\r\f\v]{2}|[\t\n\r\f\v]/.test(text) ? text.replace(/[ \t\n\r\f\v]+/g, ' ').trim() : text.trim();
}

/**
 * Splits an author list as CSV exporters write it: "A; B" (Scopus, IEEE), "A and B"
 * (Rayyan, BibTeX), or "Tikka C, Verbeek JH" (PubMed). A single "Family, Given" is kept
 * whole: a comma only separates authors when every part ends in initials.
 */
export function splitAuthorList(raw: string): string[] {
  const text = raw.trim();
  if (!text) return [];
  let parts: string[];
  if (text.includes(';')) parts = text.split(';');
  else if (/\sand\s/i.test(text)) parts = text.split(/\s+and\s+/i);
  else if (text.includes('\n')) parts = text.split('\n');
  else if (text.includes(',')) {
    const commaParts = text.split(',').map((p) => p.trim()).filter(Boolean);
    const eachEndsInInitials = commaParts.length > 1 && commaParts.every((p) => /\S\s+(?:[A-Z]\.?-?){1,4}\.?$/.test(p));
    parts = eachEndsInInitials ? commaParts : [text];
  } else parts = [text];
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Splits a keyword cell on ";" (or, without one, on line breaks or commas outside parentheses). */
export function splitKeywords(raw: string): string[] {
  const text = raw.trim();
  if (!text) return [];
  const sep = text.includes(';') ? /;/ : text.includes('\n') ? /\n/ : /,(?![^()]*\))/;
  return text.split(sep).map((k) => k.trim()).filter(Boolean);
}
