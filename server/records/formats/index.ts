/** Parsers for bibliographic export files; see parseFile for the streaming entry point. */
export { parseFile, type ParseFileOptions, type ParseFileResult } from './parseFile';
export { detectFormat, detectFormatFromContent, formatFromFilename } from './detect';
export { detectEncoding, decodeFile } from './encoding';
export { ImportParseError, type SourceFormat, type TextEncoding } from './types';
export { normalizeDoi, normalizePmid } from './normalize';
export { rayyanLabels, asreviewNoteLabel } from './priorLabels';
