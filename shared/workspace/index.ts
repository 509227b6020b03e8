/** The workspace document's schema and helpers, for the client, the server and tests. */
export * from './schema';
export { newWorkspaceId, hash53, isColour, CODE_PALETTE } from './util';
export * from './sources';
export * from './codes';
export * from './annotations';
export * from './tree';
export * from './comments';
export * from './feedback';
export { DuplicateNameError, distinctLabels, findNamed, nameKey, themeLabels } from './names';
export { codeResolver, resolveStructure, MAX_DEPTH, type Structure, type CodeResolver } from './resolve';
