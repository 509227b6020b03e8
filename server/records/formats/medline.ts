import type { ParsedRecord } from '../../../shared/records';
import { normalizeDoi, normalizePmid, parseYear, squash } from './normalize';
import { labelsFromNotes } from './priorLabels';
import { allOf, firstOf, TaggedLineParser, type TagFields, type TaggedDialect } from './tagged';
import { emptyRecord, type RecordSink } from './types';

/**
 * PubMed's MEDLINE format (.nbib / .txt): a tag of up to four letters padded to four
 * columns, "- ", the value; wrapped lines are indented by six spaces; records are
 * separated by blank lines and start with PMID.
 */
export const MEDLINE_DIALECT: TaggedDialect = {
  name: 'MEDLINE',
  yearTags: ['DP'],
  splitTag(line) {
    if (line.charCodeAt(4) !== 45 || line.charCodeAt(5) !== 32) {
      // "PMID-12345" without the space after the dash also occurs
      const loose = /^([A-Z]{2,4}) *-\s?(.*)$/.exec(line);
      return loose ? [loose[1], loose[2].trim()] : null;
    }
    const tag = line.slice(0, 4).trimEnd();
    return /^[A-Z]{2,4}$/.test(tag) ? [tag, line.slice(6).trim()] : null;
  },
  isContinuation: (line) => line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9,
  listTags: new Set<string>(),
  recordStartTag: 'PMID',
  toRecord: medlineFieldsToRecord,
};

/** Maps MEDLINE tags to a ParsedRecord. */
export function medlineFieldsToRecord(fields: TagFields, line: number): ParsedRecord {
  const rec = emptyRecord(line);
  rec.pmid = normalizePmid(firstOf(fields, 'PMID'));
  rec.sourceId = firstOf(fields, 'PMID');
  rec.title = squash(firstOf(fields, 'TI', 'BTI', 'TT'));
  rec.abstract = allOf(fields, 'AB').join('\n');
  const full = allOf(fields, 'FAU');
  rec.authors = [...(full.length ? full : allOf(fields, 'AU')), ...allOf(fields, 'CN')];
  rec.year = parseYear(firstOf(fields, 'DP')) ?? parseYear(firstOf(fields, 'DEP', 'EDAT'));
  rec.journal = firstOf(fields, 'JT', 'TA');
  rec.volume = firstOf(fields, 'VI');
  rec.issue = firstOf(fields, 'IP');
  rec.pages = firstOf(fields, 'PG');
  rec.doi = doiAmong(allOf(fields, 'LID', 'AID'));
  rec.keywords = [...allOf(fields, 'OT'), ...allOf(fields, 'MH')];
  rec.type = firstOf(fields, 'PT');
  rec.language = firstOf(fields, 'LA');
  rec.notes = allOf(fields, 'GN').join('\n');
  rec.priorLabels = labelsFromNotes(rec.notes);
  return rec;
}

/** LID and AID hold "value [kind]"; only the "[doi]" ones are DOIs (others are PIIs). */
function doiAmong(values: string[]): string | null {
  for (const v of values) if (/\[doi\]\s*$/i.test(v)) return normalizeDoi(v.replace(/\[doi\]\s*$/i, ''));
  return null;
}

/** A parser for MEDLINE text. */
export function createMedlineParser(sink: RecordSink): TaggedLineParser {
  return new TaggedLineParser(MEDLINE_DIALECT, sink);
}
