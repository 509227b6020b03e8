import type { PriorLabel } from '../../../shared/records';

const RAYYAN_WORDS: Record<string, PriorLabel['label']> = {
  included: 'include',
  excluded: 'exclude',
  maybe: 'maybe',
};

/**
 * Reads Rayyan's `RAYYAN-INCLUSION: {"Alice"=>"Excluded", "Bob "=>"Included"}` from a notes
 * field: one label per reviewer, names trimmed (Rayyan keeps trailing spaces users typed).
 */
export function rayyanLabels(notes: string): PriorLabel[] {
  const block = /RAYYAN-INCLUSION:\s*\{([^}]*)\}/.exec(notes);
  if (!block) return [];
  const labels: PriorLabel[] = [];
  for (const m of block[1].matchAll(/"((?:[^"\\]|\\.)*)"\s*=>\s*"((?:[^"\\]|\\.)*)"/g)) {
    const label = RAYYAN_WORDS[m[2].trim().toLowerCase()];
    if (label) labels.push({ tool: 'rayyan', reviewer: m[1].trim(), label, raw: m[2] });
  }
  return labels;
}

/** Reads ASReview's export notes (`ASReview_relevant`, `ASReview_irrelevant`); "not seen" is no label. */
export function asreviewNoteLabel(notes: string): PriorLabel | null {
  const m = /ASReview_(relevant|irrelevant)\b/.exec(notes);
  if (!m) return null;
  return { tool: 'asreview', reviewer: null, label: m[1] === 'relevant' ? 'include' : 'exclude', raw: m[0] };
}

/**
 * An ASReview-style label column value (1/0, also yes/no, true/false) as a PriorLabel;
 * empty cells and -1 (ASReview's "unlabelled") give null.
 */
export function labelColumnValue(value: string): PriorLabel | null {
  const v = value.trim().toLowerCase();
  if (['1', '1.0', 'yes', 'true', 'y', 'included', 'include'].includes(v)) {
    return { tool: 'asreview', reviewer: null, label: 'include', raw: value.trim() };
  }
  if (['0', '0.0', 'no', 'false', 'n', 'excluded', 'exclude'].includes(v)) {
    return { tool: 'asreview', reviewer: null, label: 'exclude', raw: value.trim() };
  }
  return null;
}

/** All prior labels a notes field carries, whichever tool wrote them. */
export function labelsFromNotes(notes: string): PriorLabel[] {
  // most notes carry no labels; two substring searches are cheaper than the patterns
  if (!notes || (!notes.includes('RAYYAN-INCLUSION') && !notes.includes('ASReview_'))) return [];
  const labels = rayyanLabels(notes);
  const asreview = asreviewNoteLabel(notes);
  if (asreview) labels.push(asreview);
  return labels;
}
