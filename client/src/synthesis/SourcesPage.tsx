/**
 * /projects/:pid/synthesis/sources — the findings text of each included study, ready to code.
 * Lists the sources (who is reading which, how much is coded, which are marked sensitive, with
 * a way to change that afterwards) and, for members who code, the form to add one.
 */
import { A } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { formatList, t } from '../i18n';
import { useProject } from '../projects/context';
import { StatusMessage } from '../ui/alerts';
import { Page } from '../ui/Page';
import { AddSourceForm } from './AddSourceForm';
import { EditSourceForm } from './EditSourceForm';
import { idPart, peerNames, useMe, usePeers, useSynthesisLocation, useWs } from './live';
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
  const ids = createMemo(() => sources().map((x) => x.id), [], { equals: (x, y) => x.join() === y.join() });
  const byId = createMemo(() => new Map(sources().map((x) => [x.id, x])));
  const [editing, setEditing] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal<string>();
  const open = (sid: string) => {
    setStatus(undefined);
    setEditing(sid);
    queueMicrotask(() => document.getElementById(`edit-${idPart(sid)}-title`)?.focus());
  };
  const done = (sid: string, saved: string | null) => {
    setEditing(null);
    if (saved) setStatus(t('syn.sources.saved', { title: saved }));
    queueMicrotask(() => document.getElementById(`edit-${idPart(sid)}-open`)?.focus());
  };

  return (
    <Page title={t('syn.sources.title')}>
      <SynthesisNav pid={pid()} />
      <p>{t('syn.sources.intro')}</p>
      <section aria-labelledby="sources-h" class="panel">
        <h2 id="sources-h">{t('syn.sources.list')}</h2>
        <Show when={sources().length} fallback={<p class="meta">{t('syn.sources.none')}</p>}>
          <ul class="card-list" data-testid="sources">
            {/* Rows keyed by id, so a change elsewhere does not rebuild a row whose form is open. */}
            <For each={ids()}>
              {(id) => (
                <Show when={byId().get(id)}>
                  {(s) => (
                    <li class="card syn-source">
                      <h3 class="card-title">
                        <A href={`/projects/${encodeURIComponent(pid())}/synthesis/code/${encodeURIComponent(id)}`}>
                          <bdi>{s().title}</bdi>
                        </A>
                      </h3>
                      <p class="card-text meta">{t('syn.sources.meta', { characters: s().characters, coded: coded().get(id) ?? 0 })}</p>
                      <Show when={s().sensitive}>
                        <p class="card-text" data-testid="content-note">
                          <span class="syn-badge">{t('syn.sensitive.badge')}</span> <bdi>{s().contentNote}</bdi>
                        </p>
                      </Show>
                      <Show when={readers(id).length}>
                        <p class="card-text meta">{t('syn.sources.readers', { names: formatList(readers(id)) })}</p>
                      </Show>
                      <Show when={me().canEdit}>
                        <Show
                          when={editing() === id}
                          fallback={
                            <button type="button" class="btn small" id={`edit-${idPart(id)}-open`} onClick={() => open(id)}>
                              {t('syn.sources.edit')}
                              <span class="visually-hidden"> {t('syn.sources.editOf', { title: s().title })}</span>
                            </button>
                          }
                        >
                          <EditSourceForm source={s()} onDone={(saved) => done(id, saved)} />
                        </Show>
                      </Show>
                    </li>
                  )}
                </Show>
              )}
            </For>
          </ul>
        </Show>
        <StatusMessage message={status()} />
      </section>
      <Show when={me().canEdit} fallback={<p class="meta">{t('syn.readOnly')}</p>}>
        <AddSourceForm pid={pid()} userId={me().id} />
      </Show>
    </Page>
  );
}
