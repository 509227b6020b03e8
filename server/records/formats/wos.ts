import type { ParsedRecord } from '../../../shared/records';
import { joinPages, normalizeDoi, normalizePmid, parseYear, splitKeywords, squash } from './normalize';
import { allOf, firstOf, TaggedLineParser, type TagFields, type TaggedDialect } from './tagged';
import { emptyRecord, type RecordSink } from './types';

/**
 * Web of Science / Zoological Record "field tagged" export (.ciw, or .txt): a two-character
 * tag, a space, the value; wrapped lines are indented by three spaces; "ER" ends a record,
 * "FN"/"VR" open and "EF" closes the file.
 */
export const WOS_DIALECT: TaggedDialect = {
  name: 'Web of Science',
  yearTags: ['PY'],
  splitTag(line) {
    const m = /^([A-Z][A-Z0-9])(?: (.*))?$/.exec(line.trimEnd());
    return m ? [m[1], (m[2] ?? '').trim()] : null;
  },
  isContinuation: (line) => line.startsWith('   '),
  listTags: new Set(['AU', 'AF', 'BA', 'BF', 'CA', 'GP', 'CR', 'C1', 'C3', 'RP', 'EM', 'FU']),
  recordEndTag: 'ER',
  fileTags: new Set(['FN', 'VR', 'EF']),
  toRecord: wosFieldsToRecord,
};

/** Maps Web of Science tags to a ParsedRecord. */
export function wosFieldsToRecord(fields: TagFields, line: number): ParsedRecord {
  const rec = emptyRecord(line);
  rec.type = firstOf(fields, 'PT');
  rec.title = squash(firstOf(fields, 'TI'));
  rec.abstract = allOf(fields, 'AB').join('\n');
  const full = allOf(fields, 'AF');
  rec.authors = full.length ? full : allOf(fields, 'AU');
  rec.year = parseYear(firstOf(fields, 'PY')) ?? parseYear(firstOf(fields, 'PD', 'EA'));
  rec.journal = squash(firstOf(fields, 'SO', 'SE', 'J9'));
  rec.volume = firstOf(fields, 'VL');
  rec.issue = firstOf(fields, 'IS');
  rec.pages = joinPages(firstOf(fields, 'BP'), firstOf(fields, 'EP')) || firstOf(fields, 'AR');
  rec.doi = normalizeDoi(firstOf(fields, 'DI', 'DL'));
  rec.pmid = normalizePmid(firstOf(fields, 'PM'));
  rec.keywords = [...splitKeywords(allOf(fields, 'DE').join('; ')), ...splitKeywords(allOf(fields, 'ID').join('; '))];
  rec.url = firstOf(fields, 'UR');
  rec.language = firstOf(fields, 'LA');
  rec.sourceId = firstOf(fields, 'UT', 'AN');
  rec.notes = allOf(fields, 'NT').join('\n');
  return rec;
}

/** A parser for Web of Science field-tagged text. */
export function createWosParser(sink: RecordSink): TaggedLineParser {
  return new TaggedLineParser(WOS_DIALECT, sink);
}
