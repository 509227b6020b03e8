/**
 * Small helpers for the workspace modules: ids, a stable hash, and defensive readers. Any
 * member's client can write anything into the document, so every read tolerates garbage.
 */
import * as Y from 'yjs';
import { WS, WorkspaceError } from './schema';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** A 16-character random id (80 bits), as the server's ids; works in browsers and Node. */
export function newWorkspaceId(): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The id to use: the caller's (checked) or a fresh one. */
export function pickId(id: string | undefined): string {
  if (id === undefined) return newWorkspaceId();
  if (!ID_RE.test(id)) throw new WorkspaceError('bad_id', 'Ids are 1–64 letters, digits, _ or -.');
  return id;
}

/** cyrb53: a fast 53-bit string hash, as base-36 text (stable across browsers and Node). */
export function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The current time as ISO text. */
export const nowIso = () => new Date().toISOString();

/** A string field, or `fallback` when absent or not a string. */
export const str = (m: Y.Map<unknown>, k: string, fallback = ''): string => {
  const v = m.get(k);
  return typeof v === 'string' ? v : fallback;
};

/** A finite number field, or `fallback`. */
export const num = (m: Y.Map<unknown>, k: string, fallback = 0): number => {
  const v = m.get(k);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
};

/** A string-or-null field (null when absent or of another type). */
export const strOrNull = (m: Y.Map<unknown>, k: string): string | null => {
  const v = m.get(k);
  return typeof v === 'string' ? v : null;
};

/** The nested Y.Map stored under `id` in a top-level map, or null when absent or malformed. */
export function entry(doc: Y.Doc, map: keyof typeof WS, id: string): Y.Map<unknown> | null {
  const v = doc.getMap(WS[map]).get(id);
  return v instanceof Y.Map ? (v as Y.Map<unknown>) : null;
}

/** Every well-formed entry of a top-level map, sorted by id so all replicas iterate alike. */
export function entries(doc: Y.Doc, map: keyof typeof WS): [string, Y.Map<unknown>][] {
  const out: [string, Y.Map<unknown>][] = [];
  for (const [id, v] of doc.getMap(WS[map])) if (v instanceof Y.Map) out.push([id, v as Y.Map<unknown>]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Trims and bounds a required name. */
export function cleanName(name: string, max: number, what: string): string {
  const n = name.trim();
  if (!n) throw new WorkspaceError('empty_name', `Give the ${what} a name.`);
  if (n.length > max) throw new WorkspaceError('too_long', `A ${what} name has at most ${max} characters.`);
  return n;
}

/** Bounds an optional free text. */
export function bounded(text: string, max: number, what: string): string {
  if (text.length > max) throw new WorkspaceError('too_long', `The ${what} has at most ${max} characters.`);
  return text;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;
// Distinct, readable code colours (≥ 3:1 against white for the highlight underline).
export const CODE_PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e', '#7f7f7f'];

/** A '#rrggbb' colour, checked (or one from the palette when none is given). */
export function cleanColour(colour: string | undefined, seed: string): string {
  if (colour === undefined) return CODE_PALETTE[parseInt(hash53(seed), 36) % CODE_PALETTE.length]!;
  if (!COLOUR.test(colour)) throw new WorkspaceError('bad_colour', "A colour is written '#rrggbb'.");
  return colour.toLowerCase();
}

/** True for a '#rrggbb' colour. */
export const isColour = (c: string) => COLOUR.test(c);
