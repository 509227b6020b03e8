/**
 * Lets people choose the interface language. Only locales a native speaker has checked are
 * offered, so with English alone it renders nothing; it appears once a second table is checked.
 */
import { For, Show } from 'solid-js';
import { locale, LOCALES, setLocale, t } from '../i18n';

/** A labelled language select (hidden while only one checked locale exists). */
export function LanguagePicker() {
  const offered = Object.values(LOCALES).filter((l) => l.checked);
  return (
    <Show when={offered.length > 1}>
      <div class="language-picker">
        <label for="language">{t('app.language')}</label>
        <select id="language" value={locale().code} onChange={(e) => setLocale(e.currentTarget.value)}>
          <For each={offered}>
            {(l) => (
              <option value={l.code} lang={l.code} dir={l.dir}>
                {l.nativeName}
              </option>
            )}
          </For>
        </select>
      </div>
    </Show>
  );
}
