/**
 * Binding a plain <textarea> to a Y.Text: local edits become the smallest delete + insert (so two
 * people typing in different places never overwrite each other), and remote edits move the caret
 * the way the text moved, so it stays where the person was typing.
 */

/** The one change that turns `before` into `after`: delete `remove` characters at `index`, then insert `insert`. */
export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

/** The minimal single change between two strings (common prefix and suffix kept). */
export function diffText(before: string, after: string): TextChange | null {
  if (before === after) return null;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Do not split a surrogate pair: Y.Text would store half a character.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { index: prefix, remove: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** One operation of a Yjs text delta. */
export type DeltaOp = { retain?: number; insert?: string | object; delete?: number };

/**
 * Where a caret at `pos` ends up after a remote `delta`. Text inserted exactly at the caret goes
 * before it only when `stickRight` (the end of a selection), so another person's typing right
 * where you stand does not push your caret along.
 */
export function transformPosition(pos: number, delta: DeltaOp[], stickRight = false): number {
  let old = 0; // position in the text as it was before the delta
  let out = pos;
  for (const op of delta) {
    if (old > pos) break; // later operations are all after the caret
    if (op.retain !== undefined) old += op.retain;
    else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (old < pos || (stickRight && old === pos)) out += len;
    } else if (op.delete !== undefined) {
      if (old < pos) out -= Math.min(op.delete, pos - old);
      old += op.delete;
    }
  }
  return Math.max(0, out);
}
