/**
 * The screening keyboard map: one table drives both the key handler and the on-screen key list,
 * so what is shown is what works. Keys are read by character first and by physical key second,
 * so they also work on keyboards whose layout types other letters (Arabic, Cyrillic, …).
 */
import type { MessageKey } from '../i18n';

export type Action =
  | { type: 'decide'; decision: 'include' | 'exclude' | 'maybe' }
  | { type: 'reason'; index: number }
  | { type: 'note' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'undo' }
  | { type: 'help' };

/** The keys shown on screen and in the help dialog, with what they do. */
export const KEY_LIST: { keys: string[]; label: MessageKey }[] = [
  { keys: ['i'], label: 'screen.key.include' },
  { keys: ['e'], label: 'screen.key.exclude' },
  { keys: ['m'], label: 'screen.key.maybe' },
  { keys: ['1', '…', '9'], label: 'screen.key.reason' },
  { keys: ['n'], label: 'screen.key.note' },
  { keys: ['j', '→'], label: 'screen.key.next' },
  { keys: ['k', '←'], label: 'screen.key.previous' },
  { keys: ['u'], label: 'screen.key.undo' },
  { keys: ['?'], label: 'screen.key.help' },
];

const BY_CHAR: Record<string, Action> = {
  i: { type: 'decide', decision: 'include' },
  e: { type: 'decide', decision: 'exclude' },
  m: { type: 'decide', decision: 'maybe' },
  n: { type: 'note' },
  j: { type: 'next' },
  k: { type: 'previous' },
  u: { type: 'undo' },
  '?': { type: 'help' },
};

const BY_CODE: Record<string, Action> = {
  KeyI: BY_CHAR.i!,
  KeyE: BY_CHAR.e!,
  KeyM: BY_CHAR.m!,
  KeyN: BY_CHAR.n!,
  KeyJ: BY_CHAR.j!,
  KeyK: BY_CHAR.k!,
  KeyU: BY_CHAR.u!,
};

/**
 * The action for a key press, or null. `rtl`: in a right-to-left layout the left arrow points
 * forward, so ← is "next" and → is "previous".
 */
export function actionFor(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, rtl: boolean): Action | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'ArrowRight') return { type: rtl ? 'previous' : 'next' };
  if (e.key === 'ArrowLeft') return { type: rtl ? 'next' : 'previous' };
  // Digits by character, or by physical key where the layout types something else there (French: &é"…).
  const digit = /^[1-9]$/.test(e.key) ? Number(e.key) : /^Digit[1-9]$/.test(e.code) && !e.shiftKey && !/^[0-9]$/.test(e.key) ? Number(e.code.slice(-1)) : 0;
  if (digit) return { type: 'reason', index: digit - 1 };
  const byChar = BY_CHAR[e.key.toLowerCase()];
  if (byChar && (e.key === '?' || !e.shiftKey)) return byChar;
  // The physical key only for characters outside ASCII, so AZERTY's "," (where QWERTY has "m") stays a comma.
  if (e.shiftKey || e.key.length !== 1 || e.key.charCodeAt(0) < 128) return null;
  return BY_CODE[e.code] ?? null;
}
