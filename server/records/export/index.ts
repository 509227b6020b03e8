/** Writers for exporting records back to RIS and CSV. */
export { toRis, risChunks, annotatedRisChunks, recordToRis, risType } from './ris';
export { toCsv, csvChunks, CSV_COLUMNS } from './csv';
