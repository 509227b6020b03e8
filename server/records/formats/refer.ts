import type { ParsedRecord } from '../../../shared/records';
import { normalizeDoi, parseYear, splitKeywords, squash } from './normalize';
import { labelsFromNotes } from './priorLabels';
import { allOf, firstOf, TaggedLineParser, type TagFields, type TaggedDialect } from './tagged';
import { emptyRecord, type RecordSink } from './types';

/**
 * refer / EndNote "%" tagged text (.enw, .txt): "%T title", "%A author"; a line without
 * "%" continues the previous field; blank lines separate records.
 */
export const REFER_DIALECT: TaggedDialect = {
  name: 'refer',
  yearTags: ['D'],
  splitTag(line) {
    const m = /^%([A-Za-z0-9@!#$&()*+^~>\]|?]) ?(.*)$/.exec(line);
    return m ? [m[1], m[2].trim()] : null;
  },
  isContinuation: (line) => !line.startsWith('%'),
  listTags: new Set(['A', 'E', 'K', 'U']),
  toRecord: referFieldsToRecord,
};

/** Maps refer tags to a ParsedRecord. */
export function referFieldsToRecord(fields: TagFields, line: number): ParsedRecord {
  const rec = emptyRecord(line);
  rec.type = firstOf(fields, '0');
  rec.title = squash(firstOf(fields, 'T'));
  rec.abstract = allOf(fields, 'X').join('\n');
  rec.authors = allOf(fields, 'A');
  rec.year = parseYear(firstOf(fields, 'D')) ?? parseYear(firstOf(fields, '8'));
  rec.journal = squash(firstOf(fields, 'J', 'B'));
  rec.volume = firstOf(fields, 'V');
  rec.issue = firstOf(fields, 'N');
  rec.pages = firstOf(fields, 'P');
  rec.doi = normalizeDoi(firstOf(fields, 'R')) ?? normalizeDoi(allOf(fields, 'U').find((u) => /doi\.org\//i.test(u)));
  rec.keywords = allOf(fields, 'K').flatMap(splitKeywords);
  rec.url = firstOf(fields, 'U');
  rec.language = firstOf(fields, 'G');
  rec.sourceId = firstOf(fields, 'F', 'M');
  rec.notes = allOf(fields, 'Z').join('\n');
  rec.priorLabels = labelsFromNotes(rec.notes);
  return rec;
}

/** A parser for refer text. */
export function createReferParser(sink: RecordSink): TaggedLineParser {
  return new TaggedLineParser(REFER_DIALECT, sink);
}
