/**
 * One name, one code (and one name, one theme). Two codes called "Language barriers" split the
 * coding between them and make every menu ambiguous, so creating or renaming to a name already in
 * use is refused with the existing entry's id (the forms offer to use it instead). Two people
 * choosing the same name on two devices at once still make two (neither saw the other's):
 * `distinctLabels` tells those apart in the same way on every replica.
 */
import type * as Y from 'yjs';
import { WorkspaceError } from './schema';
import { resolveStructure } from './resolve';
import { str } from './util';

/** Refusal of a name already taken; `existingId` is the code or theme that has it. */
export class DuplicateNameError extends WorkspaceError {
  constructor(
    readonly existingId: string,
    readonly existingName: string,
    what: 'code' | 'theme',
  ) {
    super(`duplicate_${what}`, `There is already a ${what} called “${existingName}”.`);
  }
}

/**
 * The form two names share when people would call them the same: case, surrounding and repeated
 * spaces ignored. toLowerCase, not toLocaleLowerCase, so every replica agrees whatever its locale.
 */
export const nameKey = (name: string): string => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The live code (merged ones excluded) or theme with this name, other than `except`, or null. */
export function findNamed(doc: Y.Doc, what: 'code' | 'theme', name: string, except?: string): { id: string; name: string } | null {
  const s = resolveStructure(doc);
  const key = nameKey(name);
  for (const [id, m] of what === 'code' ? s.codes : s.themes) {
    if (id !== except && nameKey(str(m, 'name')) === key) return { id, name: str(m, 'name') };
  }
  return null;
}

/** Throws DuplicateNameError when another live code or theme already has this name. */
export function refuseTakenName(doc: Y.Doc, what: 'code' | 'theme', name: string, except?: string): void {
  const taken = findNamed(doc, what, name, except);
  if (taken) throw new DuplicateNameError(taken.id, taken.name, what);
}

/**
 * A label per entry that tells same-name entries apart: the first made (by time, then id) keeps
 * its name, later ones read "Name (2)", "Name (3)"… Every replica orders them alike.
 */
export function distinctLabels(items: readonly { id: string; name: string; at?: string }[]): Map<string, string> {
  const groups = new Map<string, { id: string; name: string; at?: string }[]>();
  for (const it of items) {
    const key = nameKey(it.name);
    const group = groups.get(key);
    if (group) group.push(it);
    else groups.set(key, [it]);
  }
  const out = new Map<string, string>();
  for (const group of groups.values()) {
    group.sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? -1 : (a.at ?? '') > (b.at ?? '') ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    group.forEach((it, i) => out.set(it.id, i === 0 ? it.name : `${it.name} (${i + 1})`));
  }
  return out;
}

/** Labels for every live theme (see distinctLabels). */
export function themeLabels(doc: Y.Doc): Map<string, string> {
  return distinctLabels([...resolveStructure(doc).themes].map(([id, m]) => ({ id, name: str(m, 'name'), at: str(m, 'at') })));
}
