/** Words for records: duplicate reasons, prior labels from other tools, authors, citation lines, record types and what a search looked for. */
import type { PriorLabel } from '../../../shared/records';
import { formatList, t, type MessageKey } from '../i18n';
import type { RecordItem, RecordPage } from './api';

const REASON: Record<string, MessageKey> = {
  doi: 'records.reason.doi',
  pmid: 'records.reason.pmid',
  fuzzy: 'records.reason.fuzzy',
  manual: 'records.reason.manual',
};

/** Why a record was linked as a duplicate, in words. */
export const reasonText = (reason: string | null) => (reason && REASON[reason] ? t(REASON[reason]!) : t('records.reason.manual'));

const LABEL: Record<string, MessageKey> = { include: 'records.label.include', exclude: 'records.label.exclude', maybe: 'records.label.maybe' };

/** A prior label's word ("include"). */
export const labelWord = (label: string) => (LABEL[label] ? t(LABEL[label]!) : label);

/** A tool's name as people write it. */
export const toolName = (tool: string) => (tool === 'rayyan' ? 'Rayyan' : tool === 'asreview' ? 'ASReview' : tool);

/** "Rayyan: include (47)" for a filter option. */
export const labelOption = (tool: string, label: string, n: number) => t('records.filter.labelOption', { tool: toolName(tool), label: labelWord(label), n });

const LABEL_COUNT: Record<PriorLabel['label'], MessageKey> = { include: 'records.labels.include', exclude: 'records.labels.exclude', maybe: 'records.labels.maybe' };

/** A short summary of a record's prior labels: "Rayyan: 2 include labels and 1 exclude label". */
export function labelSummary(labels: PriorLabel[]): string {
  const byTool = new Map<string, Map<PriorLabel['label'], number>>();
  for (const l of labels) {
    const m = byTool.get(l.tool) ?? new Map<PriorLabel['label'], number>();
    m.set(l.label, (m.get(l.label) ?? 0) + 1);
    byTool.set(l.tool, m);
  }
  // Always include, exclude, maybe: records side by side read alike whatever order the file had.
  const order = Object.keys(LABEL_COUNT) as PriorLabel['label'][];
  return [...byTool]
    .map(([tool, m]) => t('records.labels.tool', { tool: toolName(tool), labels: formatList(order.filter((l) => m.has(l)).map((l) => t(LABEL_COUNT[l], { count: m.get(l)! }))) }))
    .join('; ');
}

// Names are often "Family, Given", so a comma between authors would blur where one name ends.
const AUTHOR_SEPARATOR = '; ';

/**
 * Authors in one style wherever records are shown: in full on the record's own page; 'short' (list
 * lines, cards, tables) the first three, then "and N more".
 */
export function authorList(authors: string[], length: 'short' | 'full'): string {
  if (length === 'full' || authors.length <= 3) return authors.join(AUTHOR_SEPARATOR);
  return t('records.authorsMore', { authors: authors.slice(0, 3).join(AUTHOR_SEPARATOR), count: authors.length - 3 });
}

/** "Journal · 2021 · 147(5) · 12–20" from what the record has. */
export function citationLine(r: Pick<RecordItem, 'journal' | 'year' | 'volume' | 'issue' | 'pages'>): string {
  const vol = r.volume ? (r.issue ? `${r.volume}(${r.issue})` : r.volume) : '';
  return [r.journal, r.year === null ? '' : String(r.year), vol, r.pages].filter(Boolean).join(' · ');
}

/** The duplicate status of a record in words. */
export function duplicateStatus(r: RecordItem): string {
  if (r.duplicateOf) return r.duplicateConfirmedAt ? t('records.dup.isConfirmed', { reason: reasonText(r.duplicateReason) }) : t('records.dup.is', { reason: reasonText(r.duplicateReason) });
  if (r.duplicateCount) return t('records.dup.has', { count: r.duplicateCount });
  return t('records.dup.none');
}

/** A score (0–1) as a percentage, for fuzzy matches. */
export const scoreText = (score: number | null) => (score === null ? '' : t('records.score', { percent: Math.round(score * 100) }));

const quoted = (w: string) => `“${w}”`;

/**
 * What a search was taken to mean, in a sentence: always when it used OR or left words out, else
 * only when the words differ from what was typed (punctuation dropped); null otherwise.
 */
export function searchedFor(typed: string, search: NonNullable<RecordPage['search']>): string | null {
  const clauses = search.clauses ?? search.words.map((w) => [w]);
  const excluded = search.excluded ?? [];
  const without = formatList(excluded.map(quoted), 'disjunction');
  const words = formatList(clauses.map((c) => formatList(c.map(quoted), 'disjunction')));
  if (excluded.length) return clauses.length ? t('records.search.meaningWithout', { words, without }) : t('records.search.onlyWithout', { without });
  if (clauses.some((c) => c.length > 1)) return t('records.search.meaning', { words });
  if (!clauses.length) return null;
  const plainTyped = typed.replace(/"/g, ' ').trim().split(/\s+/).join(' ').toLowerCase();
  if (plainTyped === search.words.join(' ').toLowerCase()) return null;
  return t('records.search.searchedFor', { words });
}

// Type codes of RIS (TY), Web of Science (PT) and BibTeX entry types; other files (PubMed, CSV,
// EndNote XML) already name the type in words, which are shown as they are.
const TYPE: Record<string, MessageKey> = {
  JOUR: 'records.type.journal', JFULL: 'records.type.journal', EJOUR: 'records.type.journal', J: 'records.type.journal', article: 'records.type.journal',
  ABST: 'records.type.abstract', INPR: 'records.type.inPress',
  BOOK: 'records.type.book', EBOOK: 'records.type.book', EDBOOK: 'records.type.book', B: 'records.type.book', book: 'records.type.book',
  CHAP: 'records.type.chapter', ECHAP: 'records.type.chapter', inbook: 'records.type.chapter', incollection: 'records.type.chapter',
  CONF: 'records.type.conference', CPAPER: 'records.type.conference', inproceedings: 'records.type.conference', conference: 'records.type.conference',
  proceedings: 'records.type.proceedings',
  THES: 'records.type.thesis', phdthesis: 'records.type.thesis', mastersthesis: 'records.type.thesis', thesis: 'records.type.thesis',
  RPRT: 'records.type.report', techreport: 'records.type.report', report: 'records.type.report',
  GEN: 'records.type.generic', misc: 'records.type.generic',
  MGZN: 'records.type.magazine', NEWS: 'records.type.news', DATA: 'records.type.dataset', DBASE: 'records.type.dataset', dataset: 'records.type.dataset',
  ELEC: 'records.type.web', WEB: 'records.type.web', BLOG: 'records.type.web', online: 'records.type.web', electronic: 'records.type.web',
  PAT: 'records.type.patent', P: 'records.type.patent', patent: 'records.type.patent',
  UNPB: 'records.type.unpublished', unpublished: 'records.type.unpublished', MANSCPT: 'records.type.manuscript',
  PCOMM: 'records.type.communication', SLIDE: 'records.type.slides', SER: 'records.type.serial', S: 'records.type.serial',
  GOVDOC: 'records.type.govdoc', STAT: 'records.type.legal', BILL: 'records.type.legal', CASE: 'records.type.legal', LEGAL: 'records.type.legal',
  STAND: 'records.type.standard', GRANT: 'records.type.grant', COMP: 'records.type.software', software: 'records.type.software',
  VIDEO: 'records.type.video', MPCT: 'records.type.video', SOUND: 'records.type.audio', MAP: 'records.type.map',
  PAMP: 'records.type.pamphlet', booklet: 'records.type.pamphlet', manual: 'records.type.manual',
  ENCYC: 'records.type.encyclopedia', DICT: 'records.type.dictionary', CTLG: 'records.type.catalogue', HEAR: 'records.type.hearing',
};

/** A record's type in plain words, with the file's code when the words replace one (null when shown as is). */
export function recordType(raw: string): { text: string; code: string | null } {
  const code = raw.trim();
  // Case matters: "J" is Web of Science's journal code, while a CSV's "Article" is already words.
  const key = Object.hasOwn(TYPE, code) ? TYPE[code] : undefined;
  return key ? { text: t(key), code } : { text: code, code: null };
}
