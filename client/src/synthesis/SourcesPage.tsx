/**
 * /projects/:pid/synthesis/sources — the findings text of each included study, ready to code.
 * Lists the sources (who is reading which, how much is coded, which are marked sensitive) and,
 * for members who code, the form to add one.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { formatList, t } from '../i18n';
import { useProject } from '../projects/context';
import { Page } from '../ui/Page';
import { AddSourceForm } from './AddSourceForm';
import { peerNames, useMe, usePeers, useSynthesisLocation, useWs } from './live';
import { SynthesisNav } from './SynthesisNav';
import './synthesis.css';

/** The sources page. */
export function SourcesPage() {
  const { project } = useProject();
  const me = useMe();
  useSynthesisLocation('synthesis-sources');
  const pid = () => project().id;
  const sources = useWs((d) => W.listSources(d).map(({ text, ...rest }) => ({ ...rest, characters: text.length })), []);
  const coded = useWs((d) => {
    const n = new Map<string, number>();
    for (const x of W.codedExcerpts(d)) n.set(x.sourceId, (n.get(x.sourceId) ?? 0) + 1);
    return n;
  }, new Map<string, number>());
  const peers = usePeers();
  const readers = (sid: string) => peerNames(peers(), (p) => p.page === 'synthesis-code' && p.detail === sid);

  return (
    <Page title={t('syn.sources.title')}>
      <SynthesisNav pid={pid()} />
      <p>{t('syn.sources.intro')}</p>
      <section aria-labelledby="sources-h" class="panel">
        <h2 id="sources-h">{t('syn.sources.list')}</h2>
        <Show when={sources().length} fallback={<p class="meta">{t('syn.sources.none')}</p>}>
          <ul class="card-list" data-testid="sources">
            <For each={sources()}>
              {(s) => (
                <li class="card syn-source">
                  <h3 class="card-title">
                    <A href={`/projects/${encodeURIComponent(pid())}/synthesis/code/${encodeURIComponent(s.id)}`}>
                      <bdi>{s.title}</bdi>
                    </A>
                  </h3>
                  <p class="card-text meta">
                    {t('syn.sources.meta', { characters: s.characters, coded: coded().get(s.id) ?? 0 })}
                  </p>
                  <Show when={s.sensitive}>
                    <p class="card-text">
                      <span class="syn-badge">{t('syn.sensitive.badge')}</span> <bdi>{s.contentNote}</bdi>
                    </p>
                  </Show>
                  <Show when={readers(s.id).length}>
                    <p class="card-text meta">{t('syn.sources.readers', { names: formatList(readers(s.id)) })}</p>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <Show when={me().canEdit} fallback={<p class="meta">{t('syn.readOnly')}</p>}>
        <AddSourceForm pid={pid()} userId={me().id} />
      </Show>
    </Page>
  );
}
