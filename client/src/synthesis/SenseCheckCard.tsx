/**
 * One theme in sense-check mode: where it sits, its name and description in plain words, the ideas
 * (codes) inside it and the quotes behind it, then the person's answer. Nothing moves on by itself
 * after an answer; "Skip this one" records "no answer" and goes to the next theme.
 */
import { createSignal, For, onMount, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t, type MessageKey } from '../i18n';
import { RadioGroup, TextArea } from '../ui/fields';
import type { FeedbackStore } from './feedback';
import { Quote } from './Quote';

/** What one card shows. */
export interface CardView {
  id: string;
  name: string;
  description: string;
  version: string;
  path: string[];
  ideas: { id: string; name: string; plain: string }[];
  quotes: { key: string; text: string; source: string; sensitive: boolean; contentNote: string }[];
}

export const RESONANCE_LABEL: Record<W.Resonance, MessageKey> = {
  resonates: 'syn.check.resonates',
  partly: 'syn.check.partly',
  not: 'syn.check.not',
};

/** Words for what this person gave on a theme, or "not yet". */
export function answerText(a: W.SenseCheckValue | undefined): string {
  if (!a) return t('syn.check.notYet');
  if ('skipped' in a && a.skipped) return t('syn.check.skipped');
  return t(RESONANCE_LABEL[(a as { resonance: W.Resonance }).resonance]);
}

/** The card for the current theme, with its answer form and the way to other themes. */
export function SenseCheckCard(props: {
  card: () => CardView;
  index: number;
  total: number;
  cards: CardView[];
  store: FeedbackStore;
  canAnswer: boolean;
  fold: boolean;
  onGo: (i: number) => void;
  onPause: () => void;
  say: (text: string) => void;
  /** true when the person moved here from another theme (then the new name gets focus) */
  autoFocus: boolean;
}) {
  const c = () => props.card();
  const given = () => props.store.answers().get(c().id);
  const prior = given();
  const [resonance, setResonance] = createSignal<string>(prior && !('skipped' in prior && prior.skipped) ? (prior as { resonance: string }).resonance : '');
  const [comment, setComment] = createSignal(prior?.comment ?? '');
  const [status, setStatus] = createSignal('');
  const [problem, setProblem] = createSignal('');
  let heading!: HTMLHeadingElement;
  // Moving between themes lands on the new theme's name, so it is read first.
  onMount(() => {
    if (props.autoFocus) heading.focus();
  });

  const sensitiveCount = () => c().quotes.filter((q) => q.sensitive).length;
  const changedSince = () => {
    const g = given();
    return !!g && !!g.version && g.version !== c().version;
  };
  const save = (e: Event) => {
    e.preventDefault();
    if (!resonance()) {
      setProblem(t('syn.check.chooseFirst'));
      return;
    }
    setProblem('');
    props.store.answer(c().id, { resonance: resonance() as W.Resonance, comment: comment().trim() }, c().version);
    const text = t('syn.check.saved', { answer: t(RESONANCE_LABEL[resonance() as W.Resonance]) });
    setStatus(text);
    props.say(text);
  };
  const skip = () => {
    props.store.skip(c().id, c().version, comment().trim());
    props.say(t('syn.check.skippedSaid'));
    if (props.index + 1 < props.total) props.onGo(props.index + 1);
    else setStatus(t('syn.check.skippedLast'));
  };
  const withdraw = () => {
    props.store.withdraw(c().id);
    setResonance('');
    setStatus(t('syn.check.withdrawn'));
  };

  return (
    <article class="panel syn-card" aria-labelledby="card-h" data-testid="sense-card">
      <p class="syn-progress" data-testid="progress">{t('syn.check.progress', { n: props.index + 1, total: props.total })}</p>
      <Show when={c().path.length}>
        <p class="meta">{t('syn.check.partOf', { path: c().path.join(' › ') })}</p>
      </Show>
      <h2 id="card-h" tabindex="-1" ref={heading}>
        <bdi>{c().name}</bdi>
      </h2>
      <p class="prose syn-plain">
        <Show when={c().description.trim()} fallback={<span class="meta">{t('syn.check.noDescription')}</span>}>
          <bdi>{c().description}</bdi>
        </Show>
      </p>
      <Show when={c().ideas.length}>
        <h3>{t('syn.check.ideas')}</h3>
        <ul class="plain-list">
          <For each={c().ideas}>
            {(idea) => (
              <li>
                <strong><bdi>{idea.name}</bdi></strong>
                <Show when={idea.plain}>{' — '}<bdi>{idea.plain}</bdi></Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>{t('syn.check.quotes', { count: c().quotes.length })}</h3>
      <Show when={sensitiveCount() && props.fold}>
        <p class="syn-note">{t('syn.check.foldedNote', { count: sensitiveCount() })}</p>
      </Show>
      <Show when={c().quotes.length} fallback={<p class="meta">{t('syn.theme.noQuotes')}</p>}>
        <For each={c().quotes}>{(q) => <Quote text={q.text} source={q.source} sensitive={q.sensitive} contentNote={q.contentNote} fold={props.fold} />}</For>
      </Show>

      <Show when={props.canAnswer}>
        <form class="stack syn-answer" onSubmit={save}>
          <Show when={given()}>
            <p data-testid="your-answer">
              {t('syn.check.yourAnswer', { answer: answerText(given()) })}{' '}
              <button type="button" class="link-button" onClick={withdraw}>
                {t('syn.check.withdraw')}
              </button>
            </p>
          </Show>
          <Show when={changedSince()}>
            <p class="syn-note">{t('syn.check.changedSince')}</p>
          </Show>
          <Show when={props.store.refusal(c().id)}>
            {(r) => (
              <p role="alert" class="form-alert">
                {t('syn.check.refused', { message: r().message })}
              </p>
            )}
          </Show>
          <RadioGroup
            id="resonance"
            legend={t('syn.check.question')}
            value={resonance()}
            onValue={(v) => (setResonance(v), setProblem(''))}
            error={problem() || undefined}
            choices={(['resonates', 'partly', 'not'] as const).map((v) => ({ value: v, label: t(RESONANCE_LABEL[v]) }))}
          />
          <TextArea id="check-comment" label={t('syn.check.comment')} hint={t('syn.check.commentHint')} optional value={comment()} onValue={setComment} rows={3} maxLength={5000} />
          <div class="inline-form">
            <button type="submit" class="btn primary">{t('syn.check.save')}</button>
            <button type="button" class="btn" onClick={skip}>{t('syn.check.skip')}</button>
          </div>
          <div role="status" class="status-region">
            <Show when={status()}>
              <p class="status-message">{status()}</p>
            </Show>
          </div>
        </form>
      </Show>

      <nav class="inline-form syn-card-nav" aria-label={t('syn.check.navLabel')}>
        <button type="button" class="btn" disabled={props.index <= 0} onClick={() => props.onGo(props.index - 1)}>
          {t('syn.check.previous')}
        </button>
        <button type="button" class="btn" disabled={props.index >= props.total - 1} onClick={() => props.onGo(props.index + 1)}>
          {t('syn.check.next')}
        </button>
        <button type="button" class="btn" onClick={props.onPause}>
          {t('syn.check.pause')}
        </button>
      </nav>
      <details class="syn-details">
        <summary>{t('syn.check.all')}</summary>
        <ol class="syn-all-themes">
          <For each={props.cards}>
            {(card, i) => (
              <li>
                <button type="button" class="link-button" aria-current={i() === props.index ? 'step' : undefined} onClick={() => props.onGo(i())}>
                  <bdi>{card.name}</bdi>
                </button>{' '}
                <span class="meta">{answerText(props.store.answers().get(card.id))}</span>
              </li>
            )}
          </For>
        </ol>
      </details>
    </article>
  );
}
