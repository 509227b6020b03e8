import { describe, expect, it } from 'vitest';
import { detectEncoding, detectFormat, normalizeDoi, normalizePmid } from '../../server/records/formats';
import { latexToUnicode } from '../../server/records/formats/latex';
import { LineSplitter } from '../../server/records/formats/lines';
import { parseYear, splitAuthorList, splitKeywords } from '../../server/records/formats/normalize';

describe('normalizeDoi', () => {
  const cases: [string, string | null][] = [
    ['10.1016/J.PSYNEUEN.2019.104501', '10.1016/j.psyneuen.2019.104501'],
    ['https://doi.org/10.1109/pic.2010.5687403', '10.1109/pic.2010.5687403'],
    ['http://dx.doi.org/10.1177/2325967120950040', '10.1177/2325967120950040'],
    ['doi:10.1038/labinvest.2010.177', '10.1038/labinvest.2010.177'],
    ['DOI: 10.1038/labinvest.2010.177.', '10.1038/labinvest.2010.177'],
    ['10.3969/j.issn.1003-0034.2018.11.004 [doi]', '10.3969/j.issn.1003-0034.2018.11.004'],
    ['10.1016/s0025-7753%2817%2930624-3', '10.1016/s0025-7753(17)30624-3'],
    ['10.1890/1051-0761(2001)011[1349:FEONPA]2.0.CO;2', '10.1890/1051-0761(2001)011[1349:feonpa]2.0.co;2'],
    ['10.1016/s0025-7753(17)30624-3).', '10.1016/s0025-7753(17)30624-3'],
    ['(see 10.1000/xyz123)', '10.1000/xyz123'],
    ['NA', null],
    ['', null],
  ];
  for (const [raw, want] of cases) it(JSON.stringify(raw), () => expect(normalizeDoi(raw)).toBe(want));
});

describe('normalizePmid and years', () => {
  it('keeps digits, drops prefixes and leading zeros', () => {
    expect(normalizePmid('PMID: 0012345')).toBe('12345');
    expect(normalizePmid('31851837 [PMID]')).toBe('31851837');
    expect(normalizePmid('WOS:000514379300001')).toBeNull();
  });
  it('finds the year in exporter date formats', () => {
    expect(['2014//', '2024/08//', 'DEC 16 2020', '2018 Nov 25', '10 15', 'Date of Publication: 1 Jul 2014'].map(parseYear)).toEqual([
      2014, 2024, 2020, 2018, null, 2014,
    ]);
    // a leading run of digits is a year only when it is four digits from 1500 to 2099
    expect(['2020', '1500', '2099', '1499', '2100', '20201 2019', '1999a', '0202 2003', '2019-2020'].map(parseYear)).toEqual([
      2020, 1500, 2099, null, null, 2019, 1999, 2003, 2019,
    ]);
  });
});

describe('authors and keywords in CSV cells', () => {
  it('splits the separators of each exporter', () => {
    expect(splitAuthorList('Abbott N.; Love T.')).toEqual(['Abbott N.', 'Love T.']);
    expect(splitAuthorList('Katicha, S.W. and Khoury, J. and Flintsch, G.')).toEqual(['Katicha, S.W.', 'Khoury, J.', 'Flintsch, G.']);
    expect(splitAuthorList('Tikka C, Verbeek JH, Kateman E, Ferrite S.')).toEqual(['Tikka C', 'Verbeek JH', 'Kateman E', 'Ferrite S.']);
    expect(splitAuthorList('Liu R., Adler D.G.')).toEqual(['Liu R.', 'Adler D.G.']);
    expect(splitAuthorList('van der Berg, Jan Peter')).toEqual(['van der Berg, Jan Peter']);
  });
  it('keeps commas inside parentheses of Embase index terms', () => {
    expect(splitKeywords('article, colonic duplication cyst (diagnosis, surgery), endoscopy')).toEqual([
      'article',
      'colonic duplication cyst (diagnosis, surgery)',
      'endoscopy',
    ]);
  });
});

describe('detectFormat: content first, extension second', () => {
  it('recognises each format from its first lines', () => {
    expect(detectFormat('\uFEFFTY  - JOUR\r\nTI  - x\r\n')).toBe('ris');
    expect(detectFormat('Record #1 of 2\nProvider: X\n1.\nTY  - JOUR\n')).toBe('ris');
    expect(detectFormat('\nPMID- 12230038\nOWN - NLM\n')).toBe('nbib');
    expect(detectFormat('FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n')).toBe('wos');
    expect(detectFormat('%T A title\n%A Guo, Wenbo\n%D 2021\n')).toBe('refer');
    expect(detectFormat('\n@ARTICLE{Li2020,\nauthor={Li, W.},\n')).toBe('bibtex');
    expect(detectFormat('<?xml version="1.0" encoding="UTF-8"?><xml><records><record>')).toBe('endnote-xml');
    expect(detectFormat('"Document Title",Authors,"DOI"\n"A",B,C\n')).toBe('csv');
    expect(detectFormat('title;abstract;doi\na;b;c\n')).toBe('csv');
  });
  it('falls back to the extension, and says nothing about .txt', () => {
    expect(detectFormat('', 'export.nbib')).toBe('nbib');
    expect(detectFormat('x', 'export.ciw')).toBe('wos');
    expect(detectFormat('hello', 'notes.txt')).toBeNull();
  });
});

describe('detectEncoding', () => {
  it('reads BOMs and the NUL pattern of BOM-less UTF-16', () => {
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x54]))).toMatchObject({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(Uint8Array.from([0xff, 0xfe, 0x54, 0]))).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(Buffer.from('TY  - JOUR\n', 'utf16le'))).toMatchObject({ encoding: 'utf-16le', bomLength: 0 });
    expect(detectEncoding(Buffer.from('TY  - JOUR\n', 'utf16le').swap16())).toMatchObject({ encoding: 'utf-16be' });
  });
  it('falls back to cp1252 for bytes that are not UTF-8, forgiving a cut sequence at the end', () => {
    expect(detectEncoding(Buffer.from('Caf\xe9 au lait', 'latin1')).encoding).toBe('windows-1252');
    const cut = Buffer.from('Ménière', 'utf8').subarray(0, 3);
    expect(detectEncoding(cut).encoding).toBe('utf-8');
  });
});

describe('LineSplitter', () => {
  function split(chunks: string[]): string[] {
    const out: string[] = [];
    const s = new LineSplitter((line, n) => out.push(`${n}:${line}`));
    for (const c of chunks) s.push(c);
    s.end();
    return out;
  }
  it('handles CRLF cut between chunks, bare CR and a last line without a break', () => {
    expect(split(['a\r', '\nb\rc\r\n', 'd'])).toEqual(['1:a', '2:b', '3:c', '4:d']);
    expect(split(['a\nb', 'c\n\nd\n'])).toEqual(['1:a', '2:bc', '3:', '4:d']);
  });
});

describe('latexToUnicode', () => {
  it('decodes accents, escapes and case braces', () => {
    expect(latexToUnicode('M{\\"u}ller and {\\\'E}mile \\c{c}a \\v{S}koda')).toBe('Müller and Émile ça Škoda');
    expect(latexToUnicode('{Cocker} {Spaniel} 50\\% \\& {\\textless}5 \\emph{in vivo} $\\beta$-cells')).toBe(
      'Cocker Spaniel 50% & <5 in vivo β-cells',
    );
    expect(latexToUnicode('Stra{\\ss}e {\\o}ster')).toBe('Straße øster');
  });
});
