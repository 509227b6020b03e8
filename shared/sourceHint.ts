/**
 * A guess at which database a search export came from, read from the start of the file, so
 * the Import page can fill in the source name (PRISMA counts records per source). Only what the
 * file states is used: a RIS "DB"/"DP" tag, a Web of Science or PubMed header, or a CSV header
 * only one database writes. Anything unclear gives null and the lead names the source.
 */

/** Names as the Import page suggests them, so one database gets one spelling across files. */
const PLATFORM_NAMES: [RegExp, (viaOvid: boolean) => string][] = [
  [/medline/i, (ovid) => (ovid ? 'MEDLINE via Ovid' : 'MEDLINE')],
  [/embase/i, (ovid) => (ovid ? 'Embase via Ovid' : 'Embase')],
  [/psyc\s*info/i, (ovid) => (ovid ? 'APA PsycINFO via Ovid' : 'APA PsycINFO')],
  [/cinahl/i, () => 'CINAHL via EBSCOhost'],
  [/^scopus$/i, () => 'Scopus'],
  [/web of science|web of knowledge/i, () => 'Web of Science Core Collection'],
];

/** The values of one RIS tag in the text, in file order. */
function tagValues(text: string, tag: string): string[] {
  const re = new RegExp(`^${tag} {2}-[ \\t]*(.+?)[ \\t]*$`, 'gm');
  return [...text.matchAll(re)].map((m) => m[1]);
}

/** "Ovid MEDLINE(R) <2019 to 2024>" → "Ovid MEDLINE": the name without years and marks. */
function cleanName(name: string): string {
  return name.replace(/<[^>]*>/g, '').replace(/\((R|TM)\)|[®™]/gi, '').replace(/\s+/g, ' ').trim();
}

/** One database name per record that names one, in the Import page's spelling where known. */
function namedSources(text: string): string[] {
  const viaOvid = /ovidsp|ovid\.com/i.test(text);
  const provider = tagValues(text, 'DP').map(cleanName).find((p) => !/^\d|^NLM$/i.test(p)) ?? '';
  return tagValues(text, 'DB').map((raw) => {
    const name = cleanName(raw);
    for (const [re, named] of PLATFORM_NAMES) if (re.test(name)) return named(viaOvid || /ovid/i.test(name));
    // EBSCO writes short database codes ("egh"); the platform is the better hint then
    if (/^[a-z]{2,4}$/.test(name)) return provider;
    return provider && !name.toLowerCase().includes(provider.toLowerCase()) ? `${name} via ${provider}` : name;
  }).filter(Boolean);
}

/** Ovid's links name the database segment ("…&D=psyc11"); the code says which database. */
const OVID_SEGMENTS: [RegExp, string][] = [
  [/^(med|pmnm|prem)/, 'MEDLINE via Ovid'],
  [/^psyc/, 'APA PsycINFO via Ovid'],
  [/^(emed|emez|oemez|emba|empp)/, 'Embase via Ovid'],
  [/^caba/, 'CAB Abstracts via Ovid'],
  [/^(coch|cctr)/, 'Cochrane CENTRAL via Ovid'],
];

/** The one name that at least half the records point to, else null. */
function agreed(names: string[], records: number): string | null {
  const distinct = new Set(names);
  return distinct.size === 1 && names.length * 2 >= records && !names[0].startsWith('?') ? names[0] : null;
}

/** The source named by a tagged (RIS) file's records: Embase.com or Ovid links, or DB/DP tags. */
function fromRisTags(text: string): string | null {
  const records = Math.max(1, (text.match(/^TY {2}-/gm) ?? []).length);
  const embaseLinks = (text.match(/^(UR|L2) {2}-.*\bembase\.com\//gm) ?? []).length;
  if (embaseLinks * 2 >= records) return 'Embase.com';
  const ovid = [...text.matchAll(/ovidweb\.cgi\?\S*?\bD=([a-z]+)/g)].map((m) => OVID_SEGMENTS.find(([re]) => re.test(m[1]))?.[1] ?? `?${m[1]}`);
  // a segment code not listed above is some other database: no guess, rather than a wrong one
  return agreed(ovid, records) ?? agreed(namedSources(text), records);
}

/** Web of Science's own accession prefixes ("UT WOS:…"): the collection the records came from. */
function fromWosAccessions(text: string): string {
  const prefixes = new Set([...text.matchAll(/^UT ([A-Z]+):/gm)].map((m) => m[1]));
  if (prefixes.size === 1 && prefixes.has('ZOOREC')) return 'Zoological Record via Web of Science';
  return prefixes.size === 1 && prefixes.has('MEDLINE') ? 'MEDLINE via Web of Science' : 'Web of Science Core Collection';
}

/** The header row of a CSV/TSV text, lower-cased cells. */
function headerCells(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const sep = first.includes('\t') ? '\t' : first.split(';').length > first.split(',').length ? ';' : ',';
  return first.split(sep).map((c) => c.replace(/^"|"$/g, '').trim().toLowerCase());
}

/** The database whose own CSV export has this header, if only one writes it. */
function fromCsvHeader(text: string): string | null {
  const h = new Set(headerCells(text));
  if (h.has('eid') || (h.has('author(s) id') && h.has('source title'))) return 'Scopus';
  if ([...h].some((c) => c.startsWith('emtree'))) return 'Embase.com';
  if (h.has('date added to xplore') || (h.has('document title') && h.has('publication title') && h.has('author affiliations'))) return 'IEEE Xplore';
  if (h.has('pmid') && h.has('citation') && h.has('journal/book')) return 'MEDLINE via PubMed';
  return null;
}

/** The source database a file's first part points to, or null when the file does not say. */
export function sourceHint(head: string): string | null {
  // the caller's slice may end inside a line: a cut "DB  - Sco" would look like a second database
  const cut = head.lastIndexOf('\n');
  const text = (cut > 0 ? head.slice(0, cut + 1) : head).replace(/^\uFEFF/, '').replace(/^\s+/, '');
  if (/^FN (Clarivate|Thomson)/i.test(text)) return fromWosAccessions(text);
  if (/^PMID- ?\d/.test(text)) return 'MEDLINE via PubMed';
  if (/^(TY|PT) {2}-/m.test(text.slice(0, 4096))) return fromRisTags(text);
  return fromCsvHeader(text);
}
