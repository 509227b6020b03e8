/** Duplicate detection across imports. */
export { DedupIndex, type DedupMatch, type DedupRecord } from './dedupIndex';
export { featuresOf, type MatchFeatures, type Interner } from './features';
export { foldText, familyName } from './normalize';
