/**
 * Bibliographic records as parsed from search exports and as stored.
 * Parsers in server/records/formats produce ParsedRecord; the records service stores them.
 */

/** A screening label another tool (Rayyan, ASReview, ...) had put on a record before import. */
export interface PriorLabel {
  /** e.g. 'rayyan' | 'asreview' */
  tool: string;
  /** reviewer name as the tool wrote it (trimmed), or null when the tool records none */
  reviewer: string | null;
  /** normalised: 'include' | 'exclude' | 'maybe'; the tool's own word is kept in `raw` */
  label: 'include' | 'exclude' | 'maybe';
  raw: string;
}

/** One record parsed from an export file. Empty string / empty array / null where absent. */
export interface ParsedRecord {
  title: string;
  abstract: string;
  /** "Family, Given" or as the exporter wrote them, in order */
  authors: string[];
  year: number | null;
  journal: string;
  volume: string;
  issue: string;
  pages: string;
  /** normalised lower-case DOI without https://doi.org/ prefix, or null */
  doi: string | null;
  pmid: string | null;
  keywords: string[];
  url: string;
  /** the exporter's reference type (RIS TY, BibTeX entry type, ...) */
  type: string;
  language: string;
  /** id the exporting tool gave the record (RIS ID, BibTeX key, CSV record_id, ...) */
  sourceId: string;
  /** free-text notes kept as they were (RIS N1, BibTeX note, ...) */
  notes: string;
  priorLabels: PriorLabel[];
  /** 1-based line in the decoded file where the record starts, for error messages */
  line: number;
}

/** A problem in an import file, with the 1-based line it was found at. */
export interface ParseProblem {
  line: number;
  message: string;
}

export type ImportFormat = 'ris' | 'bibtex' | 'nbib' | 'csv' | 'endnote-xml';

/** A record as stored and served by the records API: the parsed fields plus where it came from and its duplicate link. */
export interface StoredRecord extends Omit<ParsedRecord, 'line'> {
  id: string;
  /** order of arrival in the project */
  seq: number;
  importId: string;
  /** the source database named at import */
  source: string;
  /** the primary record of its duplicate group, when this one is a duplicate */
  duplicateOf: string | null;
  duplicateReason: string | null;
  duplicateScore: number | null;
  /** the record this one followed into its group when a lead merged that record in, or null */
  duplicateVia: string | null;
}

/**
 * The members of a duplicate group that belong with `rid`: linked to it through `via`, or to a
 * record itself linked to it (a record merged in with its duplicates, then merged on). They move
 * with `rid` when it is merged elsewhere or split out; in the group's arrival order.
 */
export function followersIn(members: readonly { id: string; via: string | null }[], rid: string): string[] {
  const anchors = new Set([rid]);
  const out: string[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of members) {
      if (m.via !== null && anchors.has(m.via) && !anchors.has(m.id)) {
        anchors.add(m.id);
        out.push(m.id);
        grew = true;
      }
    }
  }
  return out;
}

/** A fact on which the two records of a merge disagree (the merge preview's warning). */
export interface MergeDifference {
  field: 'doi' | 'pmid' | 'year' | 'firstAuthor';
  primary: string;
  duplicate: string;
}

/** An import as `GET /api/projects/:pid/imports` lists it. */
export interface ImportItem {
  id: string;
  source: string;
  format: string;
  filename: string | null;
  encoding: string | null;
  parsed: number;
  added: number;
  duplicates: number;
  problems: ParseProblem[];
  sha256: string | null;
  createdAt: string;
  /** name of the person who imported it */
  by: string;
}

/** An earlier import of the same file into the project (same SHA-256), as import answers name it. */
export interface RepeatOf {
  importId: string;
  at: string;
  source: string;
  filename: string | null;
  /** name of the person who imported it */
  by: string;
}

/**
 * Why an import cannot be removed. `count` is how many of its records are affected, or null when
 * the person asking may not know (a lead who screens a stage that is still blinded).
 */
export interface ImportBlocker {
  code: 'screened' | 'decisions' | 'votes' | 'resolutions' | 'fulltexts' | 'discussions' | 'synthesis' | 'pilot';
  count: number | null;
  message: string;
}

/** GET /api/projects/:pid/imports/:iid/removal-preview: what removing the import would do, or why it cannot. */
export interface ImportRemovalPreview {
  importId: string;
  source: string;
  filename: string | null;
  /** records that leave the project with the import */
  records: number;
  /** records of other imports that were linked as duplicates of them: they stay */
  staying: number;
  /** records of other imports that become their group's primary record, screened in place of a removed one */
  promoted: { id: string; title: string }[];
  /** empty when the import can be removed */
  blockers: ImportBlocker[];
}
