/**
 * The REFI-QDA codebook exchange format (`.qdc`, namespace urn:QDA-XML:codebook:1.0, Codebook.xsd
 * of the REFI-QDA standard): themes become non-codable codes holding their sub-themes and codes,
 * so NVivo, ATLAS.ti, MAXQDA or QualCoder import the hierarchy; each theme is also a Set of the
 * codes under it (how those tools show code groups). GUIDs derive from the Coreview ids, so
 * exporting twice yields the same GUIDs and a re-import updates rather than duplicates.
 */
import { createHash } from 'node:crypto';
import { isColour } from '../../shared/workspace';
import type { ExportCode, ExportTheme, ThemesExport } from './export';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** A name-based (version 5 style) UUID for a Coreview id, upper case as REFI examples write them. */
export function guidFor(kind: 'theme' | 'code' | 'set', id: string): string {
  const h = createHash('sha1').update(`coreview:${kind}:${id}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex').toUpperCase();
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

// Characters XML 1.0 cannot carry at all are dropped (a pasted control character must not break the file).
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes element text. */
export const xmlText = (s: string) => s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Escapes an attribute value (line breaks and tabs kept as character references). */
export const xmlAttr = (s: string) => xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

/** True when the export has at least one code or theme (Codebook.xsd requires one Code). */
export const hasCodebookContent = (x: ThemesExport) => x.themes.length + x.unsortedCodes.length > 0;

/** Writes the codebook. Call only when hasCodebookContent(x). */
export function toQdc(x: ThemesExport): string {
  const out: string[] = [];
  const pad = (depth: number) => '  '.repeat(depth);
  const description = (text: string, depth: number) => {
    if (text.trim()) out.push(`${pad(depth)}<Description>${xmlText(text)}</Description>`);
  };
  const code = (c: ExportCode, depth: number) => {
    const colour = isColour(c.colour) ? ` color="${c.colour.toUpperCase()}"` : '';
    const text = [c.definition.trim(), c.plain.trim() ? `In plain language: ${c.plain.trim()}` : ''].filter(Boolean).join('\n\n');
    const head = `${pad(depth)}<Code guid="${guidFor('code', c.id)}" name="${xmlAttr(c.name)}" isCodable="true"${colour}`;
    if (!text) return void out.push(`${head}/>`);
    out.push(`${head}>`);
    description(text, depth + 1);
    out.push(`${pad(depth)}</Code>`);
  };
  const theme = (t: ExportTheme, depth: number) => {
    const head = `${pad(depth)}<Code guid="${guidFor('theme', t.id)}" name="${xmlAttr(t.name)}" isCodable="false"`;
    const text = [`${t.kind === 'analytical' ? 'Analytical' : 'Descriptive'} theme.`, t.description.trim()].filter(Boolean).join('\n\n');
    out.push(`${head}>`);
    description(text, depth + 1);
    for (const sub of t.themes) theme(sub, depth + 1);
    for (const c of t.codes) code(c, depth + 1);
    out.push(`${pad(depth)}</Code>`);
  };
  const setMembers = (t: ExportTheme): string[] => [...t.codes.map((c) => c.id), ...t.themes.flatMap(setMembers)];
  const sets = (t: ExportTheme): void => {
    out.push(`${pad(2)}<Set guid="${guidFor('set', t.id)}" name="${xmlAttr(t.name)}">`);
    description(`Codes under the ${t.kind} theme “${t.name}”.`, 3);
    for (const id of setMembers(t)) out.push(`${pad(3)}<MemberCode guid="${guidFor('code', id)}"/>`);
    out.push(`${pad(2)}</Set>`);
    t.themes.forEach(sets);
  };

  out.push('<?xml version="1.0" encoding="utf-8"?>');
  out.push(
    `<CodeBook xmlns="${QDC_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QDC_NAMESPACE} Codebook.xsd" origin="Coreview">`,
  );
  out.push(`${pad(1)}<Codes>`);
  for (const t of x.themes) theme(t, 2);
  for (const c of x.unsortedCodes) code(c, 2);
  out.push(`${pad(1)}</Codes>`);
  if (x.themes.length) {
    out.push(`${pad(1)}<Sets>`);
    x.themes.forEach(sets);
    out.push(`${pad(1)}</Sets>`);
  }
  out.push('</CodeBook>');
  return `${out.join('\n')}\n`;
}
