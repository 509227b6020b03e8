/** Combining marks for LaTeX accent commands. */
const ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
};

/** Letter-like commands and text symbols. */
const SYMBOLS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł',
  i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ',
  textless: '<', textgreater: '>', textasciitilde: '~', textasciicircum: '^', textbackslash: '\\',
  textendash: '–', textemdash: '—', textquoteright: '’', textquoteleft: '‘', textquotedblleft: '“',
  textquotedblright: '”', textregistered: '®', texttrademark: '™', textcopyright: '©', textdegree: '°',
  textmu: 'µ', textbullet: '•', textperiodcentered: '·', textpm: '±', pm: '±', times: '×', deg: '°',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ',
  sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ',
  Omega: 'Ω', le: '≤', leq: '≤', ge: '≥', geq: '≥', to: '→', rightarrow: '→', infty: '∞',
  ldots: '…', dots: '…', textellipsis: '…', S: '§', P: '¶', dag: '†', ddag: '‡', euro: '€', pounds: '£',
};

/** Commands whose argument is kept as plain text. */
const WRAPPERS = new Set([
  'emph', 'textit', 'textbf', 'textsc', 'textrm', 'textsf', 'texttt', 'textup', 'textnormal', 'mathrm',
  'mathit', 'mathbf', 'mathsf', 'mathtt', 'mbox', 'text', 'textsuperscript', 'textsubscript', 'uppercase',
  'lowercase', 'url', 'href', 'enquote', 'NoCaseChange', 'ensuremath',
]);

/**
 * Turns the LaTeX found in BibTeX values into plain Unicode: accents and escapes decoded,
 * formatting commands and case-protecting braces removed. Unknown commands keep their
 * argument text so no words are lost.
 */
export function latexToUnicode(input: string): string {
  if (!/[\\{}$~]/.test(input)) return input;
  let text = input.replace(/\\([&%$#_{}])/g, (_m, ch: string) => `\u0000${ch}`);
  // Accents: \'e  \'{e}  {\'e}  \c{c}  \c c
  text = text.replace(
    /\\(['`^"~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))|\\([uvHckrdb])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+([A-Za-z]))/g,
    (_m, sym: string, braced1: string, bare1: string, word: string, braced2: string, bare2: string) => {
      const accent = ACCENTS[sym ?? word];
      let base = braced1 ?? bare1 ?? braced2 ?? bare2 ?? '';
      if (base === '\\i') base = 'i';
      if (base === '\\j') base = 'j';
      return `${base}${accent}`.normalize('NFC');
    },
  );
  text = text.replace(/\\([A-Za-z]+)\s*(\{\})?/g, (m, name: string) => {
    if (name in SYMBOLS) return SYMBOLS[name];
    if (WRAPPERS.has(name)) return '';
    return m.replace(/^\\/, '').replace(/\{\}$/, '');
  });
  text = text.replace(/\$/g, '').replace(/[{}]/g, '').replace(/~/g, ' ');
  return text.replace(/\u0000(.)/g, '$1');
}
