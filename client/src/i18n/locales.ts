/**
 * The locales the client can run in, with the metadata layout needs (text direction).
 * A locale is listed for users only once a native speaker has checked its table (`checked`);
 * unchecked tables must not be offered as if they were real translations.
 */
import { en, type Messages } from './en';

/** Metadata and (partial) messages for one locale. */
export interface LocaleInfo {
  /** BCP 47 tag, used for <html lang> and Intl formatting */
  code: string;
  /** The language's own name for itself */
  nativeName: string;
  dir: 'ltr' | 'rtl';
  /** True once a native speaker has checked the table; only checked locales are offered in menus. */
  checked: boolean;
  messages: Partial<Messages>;
}

/**
 * All known locales. `en-XB` is a pseudo-locale: the English table laid out right-to-left, so
 * developers and tests can check RTL layout (open any page with `?locale=en-XB`) before real
 * RTL translations (Arabic, Dari, Farsi, Pashto…) arrive. It is never offered to users.
 */
export const LOCALES: Record<string, LocaleInfo> = {
  en: { code: 'en', nativeName: 'English', dir: 'ltr', checked: true, messages: en },
  'en-XB': { code: 'en-XB', nativeName: en['locale.pseudoRtl'], dir: 'rtl', checked: false, messages: {} },
};

/** The locale used when nothing else matches, and the fallback for missing keys. */
export const DEFAULT_LOCALE = 'en';
