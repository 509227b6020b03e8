/** The synthesis section's own navigation: sources, themes, checking themes, and the summary. */
import { A } from '@solidjs/router';
import { For } from 'solid-js';
import { t, type MessageKey } from '../i18n';

const LINKS: [string, MessageKey][] = [
  ['sources', 'syn.nav.sources'],
  ['themes', 'syn.nav.themes'],
  ['sense-check', 'syn.nav.senseCheck'],
  ['summary', 'syn.nav.summary'],
];

/** Tabs between the synthesis pages of project `pid`. */
export function SynthesisNav(props: { pid: string }) {
  return (
    <nav aria-label={t('syn.nav.label')}>
      <ul class="nav-list tabs">
        <For each={LINKS}>
          {([path, key]) => (
            <li>
              <A href={`/projects/${encodeURIComponent(props.pid)}/synthesis/${path}`}>{t(key)}</A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
