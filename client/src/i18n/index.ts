/**
 * The one translation function. Every visible string goes through `t(key, params)`, which reads
 * the current locale signal, so JSX that calls it re-renders when the locale changes.
 */
import { createEffect, createRoot, createSignal } from 'solid-js';
import { en, type MessageKey, type PluralMessage } from './en';
import { DEFAULT_LOCALE, LOCALES, type LocaleInfo } from './locales';

export type { MessageKey } from './en';
export { LOCALES } from './locales';

const STORAGE_KEY = 'coreview.locale';

// Unicode first-strong isolate / pop directional isolate: keeps a user-supplied name written in
// one direction from scrambling the surrounding sentence in the other (e.g. an Arabic name in English).
const FSI = '\u2068';
const PDI = '\u2069';

function pickInitialLocale(): string {
  const fromUrl = new URLSearchParams(location.search).get('locale');
  if (fromUrl && LOCALES[fromUrl]) {
    try {
      localStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // storage may be disabled (private mode); the choice then lasts for this page only
    }
    return fromUrl;
  }
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && LOCALES[saved]) return saved;
  } catch {
    // ignore: fall through to the browser's languages
  }
  for (const lang of navigator.languages ?? []) {
    const exact = LOCALES[lang];
    if (exact?.checked) return exact.code;
    const base = LOCALES[lang.split('-')[0]!];
    if (base?.checked) return base.code;
  }
  return DEFAULT_LOCALE;
}

const [localeCode, setLocaleCode] = createSignal(pickInitialLocale());

/** The current locale's metadata (reactive). */
export const locale = (): LocaleInfo => LOCALES[localeCode()] ?? LOCALES[DEFAULT_LOCALE]!;

/** Switches the UI language and remembers the choice on this device. */
export function setLocale(code: string): void {
  if (!LOCALES[code]) return;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // ignore: the change still applies to this page
  }
  setLocaleCode(code);
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(code: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(code);
  if (!rules) {
    rules = new Intl.PluralRules(code);
    pluralRules.set(code, rules);
  }
  return rules.select(count);
}

/** Parameters for a message: strings are bidi-isolated, numbers are formatted for the locale. */
export type MessageParams = Record<string, string | number>;

/** Translates `key` into the current locale, filling {placeholders} from `params`. */
export function t(key: MessageKey, params?: MessageParams): string {
  const info = locale();
  const entry: string | PluralMessage = (info.messages[key] ?? en[key]) as string | PluralMessage;
  let text: string;
  if (typeof entry === 'string') {
    text = entry;
  } else {
    const count = typeof params?.count === 'number' ? params.count : 0;
    text = entry[pluralCategory(info.code, count)] ?? entry.other;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : FSI + value + PDI;
  });
}

/** Formats a number for the current locale. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale().code).format(n);
}

/** Formats an ISO date (or Date) as a medium-length date for the current locale. */
export function formatDate(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale().code, { dateStyle: 'medium' }).format(date);
}

/** Formats an ISO date-time for the current locale (date and time of day). */
export function formatDateTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale().code, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Joins items as a list in the current locale ("a, b and c"). */
export function formatList(items: string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(locale().code, { style: 'long', type }).format(items);
}

/** Keeps <html lang> and <html dir> in step with the locale; call once at start-up. */
export function bindDocumentLocale(): void {
  createRoot(() => {
    createEffect(() => {
      const info = locale();
      document.documentElement.lang = info.code;
      document.documentElement.dir = info.dir;
    });
  });
}
