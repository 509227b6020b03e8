/**
 * The live "who is here" list, driven by Yjs awareness on the workspace document. People joining
 * or leaving the project are also announced politely for screen-reader users; moving between its
 * pages is not news.
 */
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { AwarenessState, User } from '../../../shared/api';
import { formatList, locale, t, type MessageKey } from '../i18n';
import type { SyncHandle } from '../sync/docs';
import { presenceChanges, presentPeople, PresenceNews, type PresentPerson } from './presence';

const WHERE: Record<string, MessageKey> = {
  workspace: 'workspace.where.workspace',
  settings: 'workspace.where.settings',
  members: 'workspace.where.members',
  invite: 'workspace.where.invite',
  conflicts: 'workspace.where.conflicts',
  screen: 'workspace.where.screen',
  records: 'workspace.where.records',
  import: 'workspace.where.import',
  duplicates: 'workspace.where.duplicates',
  stages: 'workspace.where.stages',
  agreement: 'workspace.where.agreement',
  prisma: 'workspace.where.prisma',
  'synthesis-sources': 'workspace.where.synthesis-sources',
  'synthesis-code': 'workspace.where.synthesis-code',
  'synthesis-themes': 'workspace.where.synthesis-themes',
  'sense-check': 'workspace.where.sense-check',
  'synthesis-summary': 'workspace.where.synthesis-summary',
};

/** Presence panel for one open document. */
export function Presence(props: { handle: SyncHandle; me: User }) {
  const awareness = props.handle.awareness;
  const read = () =>
    presentPeople(awareness.getStates() as Map<number, AwarenessState>, awareness.clientID, props.me, new Intl.Collator(locale().code));
  const [people, setPeople] = createSignal<PresentPerson[]>(read());
  const [announcement, setAnnouncement] = createSignal('');
  // The burst of states after (re)connecting is "who was already here", not news to announce;
  // and losing our own connection empties the list, which is not everyone leaving.
  let settled = false;
  let settle: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(props.handle.status, (status) => {
      clearTimeout(settle);
      settled = false;
      if (status === 'connected') settle = setTimeout(() => (settled = true), 2000);
    }),
  );

  const news = new PresenceNews(
    ({ joined, left }) =>
      setAnnouncement([...joined.map((p) => t('workspace.joined', { name: p.name })), ...left.map((p) => t('workspace.left', { name: p.name }))].join(' ')),
    (id) => people().some((p) => p.id === id),
  );
  const onChange = () => {
    const next = read();
    const changes = presenceChanges(people(), next);
    setPeople(next);
    news.change(changes, settled);
  };
  awareness.on('change', onChange);
  onCleanup(() => {
    clearTimeout(settle);
    news.dispose();
    awareness.off('change', onChange);
  });

  return (
    <section aria-labelledby="presence-heading" class="panel presence">
      <h2 id="presence-heading">{t('workspace.presence')}</h2>
      <p class="meta">{t('workspace.presenceCount', { count: people().length })}</p>
      <ul class="presence-list" data-testid="presence-list">
        <For each={people()}>
          {(person) => (
            <li class="presence-person" data-user-id={person.id}>
              <span class="presence-dot" aria-hidden="true" style={person.color ? { 'background-color': person.color } : undefined} />
              <span class="presence-name">
                {person.isSelf ? t('workspace.you', { name: person.name }) : <bdi>{person.name}</bdi>}
              </span>
              <Show when={person.pages.length}>
                <span class="meta">
                  {t('workspace.where', { places: formatList(person.pages.map((p) => (WHERE[p] ? t(WHERE[p]!) : p))) })}
                </span>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <div class="visually-hidden" aria-live="polite">
        {announcement()}
      </div>
    </section>
  );
}
