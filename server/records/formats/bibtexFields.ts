import type { ParsedRecord } from '../../../shared/records';
import type { BibtexEntry } from './bibtex';
import { latexToUnicode } from './latex';
import { normalizeDoi, normalizePmid, parseYear, splitKeywords, squash } from './normalize';
import { labelsFromNotes } from './priorLabels';
import { emptyRecord } from './types';

/** Maps a BibTeX entry (Zotero, Scopus, Rayyan, JabRef field names) to a ParsedRecord. */
export function bibtexEntryToRecord(entry: BibtexEntry): ParsedRecord {
  const f = entry.fields;
  const text = (...names: string[]): string => {
    for (const n of names) {
      const v = f.get(n);
      if (v && v.trim()) return squash(latexToUnicode(v));
    }
    return '';
  };
  const verbatim = (...names: string[]): string => {
    for (const n of names) {
      const v = f.get(n);
      if (v && v.trim()) return v.trim();
    }
    return '';
  };
  const rec = emptyRecord(entry.line);
  rec.type = entry.type;
  rec.sourceId = entry.key;
  rec.title = text('title');
  rec.abstract = latexToUnicode(verbatim('abstract')).trim();
  rec.authors = splitBibtexNames(f.get('author') ?? '').map((a) => squash(latexToUnicode(a)));
  rec.year = parseYear(verbatim('year')) ?? parseYear(verbatim('date'));
  const isProceedings = entry.type === 'inproceedings' || entry.type === 'incollection';
  rec.journal = text('journal', 'journaltitle', ...(isProceedings ? ['booktitle'] : []));
  rec.volume = text('volume');
  rec.issue = text('number', 'issue');
  rec.pages = text('pages').replace(/\s*-{1,3}\s*/g, '-');
  rec.doi = normalizeDoi(verbatim('doi'));
  rec.pmid = normalizePmid(verbatim('pmid')) ?? (/pubmed/i.test(verbatim('eprinttype')) ? normalizePmid(verbatim('eprint')) : null);
  rec.keywords = splitKeywords(latexToUnicode(verbatim('keywords', 'keyword', 'author_keywords')));
  rec.url = verbatim('url');
  rec.language = text('language', 'langid');
  rec.notes = [verbatim('note'), verbatim('annote'), verbatim('annotation')].filter(Boolean).map(latexToUnicode).join('\n');
  rec.priorLabels = labelsFromNotes(rec.notes);
  return rec;
}

/** Splits a BibTeX name list on " and " outside braces ("{World Health Organization} and Smith, J"). */
export function splitBibtexNames(raw: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0 && /\s/.test(ch)) {
      const m = /^\s+and\s+/i.exec(raw.slice(i, i + 24));
      if (m) {
        names.push(raw.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  names.push(raw.slice(start));
  return names.map((n) => n.trim()).filter(Boolean);
}
