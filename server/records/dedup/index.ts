/** Duplicate detection across imports. */
export { DedupIndex, type DedupMatch, type DedupRecord } from './dedupIndex';
export { featuresOf, type MatchFeatures } from './features';
export { foldText, familyName } from './normalize';
