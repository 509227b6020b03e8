/**
 * The wording of the PRISMA 2020 template, keyed so a caller can translate any of it
 * (`prismaSvg(counts, { labels })`). English defaults follow the template's own text.
 */

/** Every piece of fixed text in the diagram, in English, as the PRISMA 2020 template words it. */
export const DEFAULT_PRISMA_LABELS = {
  title: 'PRISMA 2020 flow diagram',
  headerDatabases: 'Identification of studies via databases and registers',
  headerOther: 'Identification of studies via other methods',
  phaseIdentification: 'Identification',
  phaseScreening: 'Screening',
  phaseIncluded: 'Included',
  identified: 'Records identified from:',
  databases: 'Databases',
  registers: 'Registers',
  removed: 'Records removed before screening:',
  duplicates: 'Duplicate records removed',
  automation: 'Records marked as ineligible by automation tools',
  removedOther: 'Records removed for other reasons',
  screened: 'Records screened',
  excludedScreening: 'Records excluded',
  sought: 'Reports sought for retrieval',
  notRetrieved: 'Reports not retrieved',
  assessed: 'Reports assessed for eligibility',
  excludedReports: 'Reports excluded',
  included: 'Studies included in review',
  includedReports: 'Reports of included studies',
  otherIdentified: 'Records identified from:',
  otherNone: 'Other sources',
  /** shown as "(n = 12)" */
  n: 'n',
  source: 'Template: PRISMA 2020, Page MJ et al. BMJ 2021;372:n71',
} as const;

/** Key of a piece of fixed text in the diagram. */
export type PrismaLabelKey = keyof typeof DEFAULT_PRISMA_LABELS;

/** Caller overrides for the fixed text, e.g. a translation. */
export type PrismaLabels = Partial<Record<PrismaLabelKey, string>>;

/** The defaults with the caller's overrides applied (blank overrides are ignored). */
export function resolveLabels(overrides?: PrismaLabels): Record<PrismaLabelKey, string> {
  const labels: Record<PrismaLabelKey, string> = { ...DEFAULT_PRISMA_LABELS };
  for (const key of Object.keys(DEFAULT_PRISMA_LABELS) as PrismaLabelKey[]) {
    const value = overrides?.[key];
    if (typeof value === 'string' && value.trim() !== '') labels[key] = value;
  }
  return labels;
}
