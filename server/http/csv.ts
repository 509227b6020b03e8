/** How the server writes CSV downloads (records, activity): papaparse settings shared by every writer. */

/**
 * CRLF line ends, and cells starting with = + - @ (then more) quoted: spreadsheets run those as
 * formulas, and papaparse prefixes a quote. A lone "-" (pages unknown) is harmless and stays as it is.
 */
export const SPREADSHEET_SAFE = {
  newline: '\r\n',
  escapeFormulae: /^[=+\-@\t\r]./,
};
