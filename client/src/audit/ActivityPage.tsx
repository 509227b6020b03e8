/**
 * Activity (leads only): the project's audit log, newest first, as sentences — who imported,
 * merged or split duplicates, unblinded, settled a disagreement, changed settings or members.
 * The kind filter lives in the address (?kind=), so a filtered view can be shared or reloaded.
 */
import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { AUDIT_KINDS, type AuditEvent, type AuditKind } from '../../../shared/audit';
import { canManageProject } from '../../../shared/roles';
import { errorMessage } from '../api/errors';
import { formatDateTime, t } from '../i18n';
import { useProject } from '../projects/context';
import { Page } from '../ui/Page';
import { activityCsvUrl, listActivity, parseKind } from './api';
import { linkOf, sentenceOf } from './sentences';
import { relativeTime } from './when';
import './audit.css';

/** The Activity page. */
export function ActivityPage() {
  const { project, role } = useProject();
  return (
    <Page title={t('audit.title')}>
      <Show when={canManageProject(role())} fallback={<p>{t('audit.leadsOnly')}</p>}>
        <ActivityLog pid={project().id} />
      </Show>
    </Page>
  );
}

function ActivityLog(props: { pid: string }) {
  const [params, setParams] = useSearchParams<{ kind?: string }>();
  const kind = createMemo(() => parseKind(params.kind));
  const [events, setEvents] = createSignal<AuditEvent[]>([]);
  const [next, setNext] = createSignal<number | null>(null);
  const [busy, setBusy] = createSignal<'first' | 'more' | null>('first');
  const [failure, setFailure] = createSignal<unknown>(null);
  const [status, setStatus] = createSignal('');
  let list: HTMLOListElement | undefined;
  // A newer request (another kind chosen meanwhile) wins; a late answer to an older one is dropped.
  let latest = 0;

  const shownText = (count: number, more: boolean) =>
    count === 0 ? (kind() ? t('audit.emptyKind') : t('audit.empty')) : more ? t('audit.shown', { count }) : t('audit.shownAll', { count });

  createEffect(
    on(kind, async (k) => {
      const ticket = ++latest;
      setBusy('first');
      setFailure(null);
      setStatus(t('audit.loading'));
      try {
        const page = await listActivity(props.pid, k, null);
        if (ticket !== latest) return;
        setEvents(page.events);
        setNext(page.nextBefore ?? null);
        setStatus(shownText(page.events.length, page.nextBefore != null));
      } catch (err) {
        if (ticket !== latest) return;
        setEvents([]);
        setNext(null);
        setFailure(err);
        setStatus('');
      }
      if (ticket === latest) setBusy(null);
    }),
  );

  const showOlder = async () => {
    const before = next();
    if (before === null || busy()) return;
    const ticket = latest;
    setBusy('more');
    setFailure(null);
    setStatus(t('audit.loadingMore'));
    try {
      const page = await listActivity(props.pid, kind(), before);
      if (ticket !== latest) return;
      const firstNew = events().length;
      setEvents([...events(), ...page.events]);
      setNext(page.nextBefore ?? null);
      setStatus(t('audit.loadedMore', { count: page.events.length }));
      // The button may vanish (no more pages); the reader continues at the first older event.
      (list?.children[firstNew] as HTMLElement | undefined)?.focus();
    } catch (err) {
      if (ticket === latest) {
        setFailure(err);
        setStatus('');
      }
    } finally {
      if (ticket === latest) setBusy(null);
    }
  };

  const onKind = (value: string) => setParams({ kind: parseKind(value) ?? undefined });

  return (
    <>
      <p>{t('audit.intro')}</p>
      <div class="activity-tools">
        <div class="field">
          <label for="activity-kind">{t('audit.kind')}</label>
          <select id="activity-kind" value={kind() ?? ''} onChange={(e) => onKind(e.currentTarget.value)}>
            <option value="">{t('audit.kind.all')}</option>
            <For each={AUDIT_KINDS}>{(k: AuditKind) => <option value={k}>{t(`audit.kind.${k}`)}</option>}</For>
          </select>
        </div>
        <div class="activity-download">
          <a class="btn" href={activityCsvUrl(props.pid)} download="activity.csv" aria-describedby="activity-download-hint">
            {t('audit.download')}
          </a>
          <p id="activity-download-hint" class="hint">
            {t('audit.downloadHint')}
          </p>
        </div>
      </div>
      <p role="status" class="activity-status">
        {status()}
      </p>
      <Show when={failure()}>
        <p role="alert">
          {t('audit.loadFailed')} {errorMessage(failure())}
        </p>
      </Show>
      <section aria-labelledby="activity-events-h" aria-busy={busy() !== null}>
        <h2 id="activity-events-h">{t('audit.listHeading')}</h2>
        <Show when={events().length > 0}>
          <ol class="activity-list" ref={list}>
            <For each={events()}>{(e) => <ActivityItem event={e} pid={props.pid} />}</For>
          </ol>
        </Show>
        <Show when={next() !== null && busy() !== 'first'}>
          <button type="button" class="btn" onClick={showOlder} aria-disabled={busy() === 'more'}>
            {t('audit.more')}
          </button>
        </Show>
      </section>
    </>
  );
}

function ActivityItem(props: { event: AuditEvent; pid: string }) {
  const id = () => `activity-${props.event.id}`;
  const link = () => linkOf(props.event, props.pid);
  return (
    <li tabindex="-1">
      <p id={id()} class="activity-sentence">
        {sentenceOf(props.event)}
      </p>
      <p class="activity-meta">
        <time datetime={props.event.at}>{relativeTime(props.event.at)}</time>
        <span class="activity-exact"> · {formatDateTime(props.event.at)}</span>
        <Show when={link()}>
          {(l) => (
            <>
              {' · '}
              <A href={l().href} aria-describedby={id()}>
                {l().label}
              </A>
            </>
          )}
        </Show>
      </p>
    </li>
  );
}
