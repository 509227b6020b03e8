/**
 * /projects/:pid/synthesis/sense-check — member checking, made for co-researchers: one theme at a
 * time in plain words, with its quotes; a clear choice (rings true / partly / not), an optional
 * comment, "Skip this one", and a calm "Pause". Answers are saved the moment they are given (in the
 * person's own document), so pausing loses nothing. Sensitive quotes stay folded behind their
 * content note unless the person chooses to read them.
 */
import { A } from '@solidjs/router';
import { createEffect, createMemo, createSignal, onCleanup, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { useProject } from '../projects/context';
import { Checkbox } from '../ui/fields';
import { Page } from '../ui/Page';
import { useFeedback } from './feedback';
import { createAnnouncer, useMe, useSynthesisLocation, useWs } from './live';
import { useHideSensitive } from './prefs';
import { SenseCheckCard, type CardView } from './SenseCheckCard';
import { SynthesisNav } from './SynthesisNav';
import './synthesis.css';
import './themes.css';

/** The cards with what each needs to show: quotes with their source, and the ideas (codes) inside. */
function readCards(doc: import('yjs').Doc): CardView[] {
  const sources = new Map(W.listSources(doc).map((s) => [s.id, s]));
  const codes = new Map(W.listCodes(doc).map((c) => [c.id, c]));
  return W.senseCheckCards(doc, { hideSensitive: false }).map((c) => ({
    id: c.theme.id,
    name: c.theme.name,
    description: c.theme.description,
    version: c.theme.version,
    path: c.path,
    ideas: W.descendantCodeIds(doc, c.theme.id).flatMap((id) => {
      const code = codes.get(id);
      return code ? [{ id, name: code.name, plain: code.plain }] : [];
    }),
    quotes: c.excerpts.map((x) => ({
      key: `${x.sourceId}:${x.start}-${x.end}`,
      text: x.text,
      source: sources.get(x.sourceId)?.title ?? '',
      sensitive: x.sensitive,
      contentNote: sources.get(x.sourceId)?.contentNote ?? '',
    })),
  }));
}

/** The sense-check page. */
export function SenseCheckPage() {
  const { project, workspace } = useProject();
  const me = useMe();
  useSynthesisLocation('sense-check');
  const pid = project().id;
  const cards = useWs(readCards, [], (a, b) => JSON.stringify(a) === JSON.stringify(b));
  const store = useFeedback(pid, me().id);
  const [hide, setHide] = useHideSensitive(me().id);
  const [current, setCurrent] = createSignal<string | null>(null);
  const [paused, setPaused] = createSignal(false);
  const announcer = createAnnouncer();
  let pausedHeading: HTMLHeadingElement | undefined;

  // Start at the first theme not answered yet, once both documents have arrived — or, offline,
  // after a moment with what this device has kept.
  const [waited, setWaited] = createSignal(false);
  const wait = setTimeout(() => setWaited(true), 1500);
  onCleanup(() => clearTimeout(wait));
  createEffect(() => {
    const list = cards();
    if (!list.length || (current() && list.some((c) => c.id === current()))) return;
    if (!waited() && (!workspace()?.synced() || !store.handle.synced())) return;
    const answered = store.answers();
    setCurrent((list.find((c) => !answered.has(c.id)) ?? list[0]!).id);
  });
  const index = createMemo(() => cards().findIndex((c) => c.id === current()));
  const counts = createMemo(() => {
    let answered = 0;
    let skipped = 0;
    for (const c of cards()) {
      const a = store.answers().get(c.id);
      if (a && 'skipped' in a && a.skipped) skipped++;
      else if (a) answered++;
    }
    return { answered, skipped };
  });
  let navigated = false;
  const go = (i: number) => {
    const c = cards()[i];
    navigated = true;
    if (c) setCurrent(c.id);
  };
  const pause = () => {
    setPaused(true);
    queueMicrotask(() => pausedHeading?.focus());
  };

  return (
    <Page title={t('syn.check.title')}>
      <SynthesisNav pid={pid} />
      <div class="visually-hidden" aria-live="polite" data-testid="announcer">
        {announcer.message()}
      </div>
      <Show
        when={!paused()}
        fallback={
          <section class="panel syn-calm" aria-labelledby="paused-h" data-testid="paused">
            <h2 id="paused-h" tabindex="-1" ref={pausedHeading}>
              {t('syn.check.pausedTitle')}
            </h2>
            <p>{t('syn.check.pausedSaved')}</p>
            <p>{t('syn.check.pausedCounts', { answered: counts().answered, skipped: counts().skipped, total: cards().length })}</p>
            <p>{t('syn.check.pausedBack')}</p>
            <div class="inline-form">
              <button type="button" class="btn" onClick={() => setPaused(false)}>
                {t('syn.check.carryOn')}
              </button>
              <A href={`/projects/${encodeURIComponent(pid)}`} class="btn">
                {t('syn.check.leave')}
              </A>
            </div>
          </section>
        }
      >
        <section class="panel syn-calm" aria-labelledby="check-about-h">
          <h2 id="check-about-h">{t('syn.check.aboutTitle')}</h2>
          <p>{t('syn.check.about')}</p>
          <p>{t('syn.check.noRush')}</p>
          <Checkbox id="hide-sensitive" label={t('syn.pref.hideSensitive')} checked={hide()} onChecked={setHide} />
          <p class="hint">{t('syn.pref.hideSensitiveHint')}</p>
        </section>
        <Show when={!me().canSenseCheck}>
          <p class="panel">{t('syn.check.observer')}</p>
        </Show>
        <Show when={cards().length} fallback={<p class="panel">{workspace()?.synced() ? t('syn.check.noThemes') : t('app.loading')}</p>}>
          <Show when={index() >= 0 ? cards()[index()]!.id : null} keyed>
            {(id) => (
              <SenseCheckCard
                card={() => cards().find((c) => c.id === id) ?? cards()[0]!}
                index={index()}
                total={cards().length}
                cards={cards()}
                store={store}
                canAnswer={me().canSenseCheck}
                fold={hide()}
                onGo={go}
                onPause={pause}
                say={announcer.say}
                autoFocus={navigated}
              />
            )}
          </Show>
        </Show>
      </Show>
    </Page>
  );
}
