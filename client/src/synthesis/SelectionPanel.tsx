/**
 * The selection panel: what is selected (quoted), buttons to move either end by a word, the codes
 * already on exactly this span (removable), and the codes to apply — existing ones to tick, or a
 * new one made on the spot, and a way to comment on it instead. Reached from the text with Enter.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { formatList, t } from '../i18n';
import { useProject } from '../projects/context';
import type { CodingState } from './coding';
import { workspaceErrorText } from './errors';
import type { Me } from './live';

const FILTER_FROM = 8;

/** The panel for the current selection. */
export function SelectionPanel(props: {
  state: CodingState;
  sourceId: string;
  codes: W.CodeView[];
  annotations: W.AnnotationView[];
  me: Me;
  say: (text: string) => void;
  afterApply: () => void;
  headingRef: (el: HTMLHeadingElement) => void;
  firstControl: (fn: () => HTMLElement | undefined) => void;
  /** opens the box for a comment on the selection */
  onComment: () => void;
}) {
  const { workspace } = useProject();
  const st = props.state;
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  const [newName, setNewName] = createSignal('');
  const [filter, setFilter] = createSignal('');
  const [error, setError] = createSignal('');
  // A code already called what was typed: offered instead of making a second of the same name.
  const [existing, setExisting] = createSignal<{ id: string; name: string } | null>(null);
  let panel!: HTMLElement;
  props.firstControl(() => panel?.querySelector<HTMLElement>('.syn-apply input, #new-code-name') ?? undefined);

  const sel = () => st.selection();
  const quote = () => {
    const s = sel();
    return s ? st.text.slice(s.start, s.end) : '';
  };
  const exact = createMemo(() => {
    const s = sel();
    return s ? props.annotations.find((a) => a.start === s.start && a.end === s.end) : undefined;
  });
  const shown = () => {
    const f = filter().trim().toLocaleLowerCase();
    return f ? props.codes.filter((c) => c.name.toLocaleLowerCase().includes(f)) : props.codes;
  };
  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const apply = (ids: string[]) => {
    const doc = workspace()?.doc;
    const s = sel();
    if (!doc || !s || !ids.length) return;
    try {
      doc.transact(() => ids.forEach((id) => W.applyCode(doc, { sourceId: props.sourceId, ...s }, id, props.me.id)));
      const names = ids.map((id) => W.listCodes(doc).find((c) => c.id === id)?.name ?? '');
      props.say(t('syn.sel.applied', { codes: formatList(names) }));
      setChosen(new Set<string>());
      setError('');
      setExisting(null);
      st.select(null);
      props.afterApply();
    } catch (err) {
      setError(workspaceErrorText(err));
    }
  };
  const createAndApply = (e: Event) => {
    e.preventDefault();
    const doc = workspace()?.doc;
    if (!doc || !sel()) return;
    try {
      const id = W.createCode(doc, { name: newName() }, props.me.id);
      setNewName('');
      apply([id]);
    } catch (err) {
      if (err instanceof W.DuplicateNameError) {
        setError('');
        setExisting({ id: err.existingId, name: err.existingName });
        queueMicrotask(() => document.getElementById('use-existing-code')?.focus());
      } else setError(workspaceErrorText(err));
    }
  };
  const useExisting = () => {
    const e = existing();
    if (!e) return;
    setNewName('');
    apply([e.id]);
  };
  const remove = (codeId: string) => {
    const a = exact();
    const doc = workspace()?.doc;
    if (!a || !doc) return;
    const name = props.codes.find((c) => c.id === codeId)?.name ?? '';
    W.removeCode(doc, a.id, codeId);
    props.say(t('syn.sel.removed', { code: name }));
  };

  return (
    <section ref={panel} aria-labelledby="sel-h" class="panel syn-selection" data-testid="selection-panel">
      <h2 id="sel-h" tabindex="-1" ref={props.headingRef}>
        {t('syn.sel.title')}
      </h2>
      <Show when={sel()} fallback={<p class="meta">{t('syn.sel.none')}</p>}>
        <blockquote class="syn-sel-quote">
          <p class="prose">
            <bdi>{quote().length > 400 ? `${quote().slice(0, 397)}…` : quote()}</bdi>
          </p>
        </blockquote>
        <p class="meta">{t('syn.sel.size', { characters: quote().length })}</p>
        <div role="group" aria-label={t('syn.sel.adjust')} class="syn-adjust">
          <button type="button" class="btn small" onClick={() => st.adjust('start', -1)}>{t('syn.sel.startEarlier')}</button>
          <button type="button" class="btn small" onClick={() => st.adjust('start', 1)}>{t('syn.sel.startLater')}</button>
          <button type="button" class="btn small" onClick={() => st.adjust('end', -1)}>{t('syn.sel.endEarlier')}</button>
          <button type="button" class="btn small" onClick={() => st.adjust('end', 1)}>{t('syn.sel.endLater')}</button>
        </div>
        <Show when={exact()}>
          {(a) => (
            <div>
              <h3>{t('syn.sel.already')}</h3>
              <ul class="plain-list">
                <For each={a().codeIds}>
                  {(cid) => {
                    const name = () => props.codes.find((c) => c.id === cid)?.name ?? '?';
                    return (
                      <li>
                        <bdi>{name()}</bdi>{' '}
                        <button type="button" class="link-button" onClick={() => remove(cid)} aria-label={t('syn.sel.removeCode', { code: name() })}>
                          {t('syn.sel.remove')}
                        </button>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </div>
          )}
        </Show>
        <Show when={error()}>
          <p role="alert" class="field-error">{error()}</p>
        </Show>
        <Show when={props.codes.length}>
          <fieldset class="syn-apply">
            <legend>{t('syn.sel.apply')}</legend>
            <Show when={props.codes.length >= FILTER_FROM}>
              <div class="field">
                <label for="code-filter">{t('syn.sel.filter')}</label>
                <input id="code-filter" type="text" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
              </div>
            </Show>
            <For each={shown()}>
              {(c) => (
                <div class="checkbox">
                  <input type="checkbox" id={`apply-${c.id}`} checked={chosen().has(c.id)} onChange={(e) => toggle(c.id, e.currentTarget.checked)} />
                  <label for={`apply-${c.id}`}>
                    <span class="syn-swatch" aria-hidden="true" style={{ 'background-color': c.colour }} /> <bdi>{c.label}</bdi>
                  </label>
                </div>
              )}
            </For>
            <button type="button" class="btn primary" disabled={!chosen().size} onClick={() => apply([...chosen()])}>
              {t('syn.sel.applyChosen')}
            </button>
          </fieldset>
        </Show>
        <form class="syn-new-code" onSubmit={createAndApply}>
          <div class="field">
            <label for="new-code-name">{t('syn.sel.newCode')}</label>
            <input id="new-code-name" type="text" value={newName()} onInput={(e) => (setNewName(e.currentTarget.value), setExisting(null))} maxLength={W.LIMITS.nameChars} />
          </div>
          <Show when={existing()}>
            {(e) => (
              <div class="syn-exists" data-testid="code-exists">
                <p role="alert">{t('syn.sel.exists', { name: e().name })}</p>
                <button type="button" id="use-existing-code" class="btn primary" onClick={useExisting}>
                  {t('syn.sel.useExisting', { name: e().name })}
                </button>
              </div>
            )}
          </Show>
          <button type="submit" class="btn" disabled={!newName().trim()}>
            {t('syn.sel.createApply')}
          </button>
        </form>
        <div class="syn-adjust">
          <button type="button" class="btn small" onClick={() => props.onComment()}>
            {t('syn.spanComments.commentSelection')}
          </button>
          <button type="button" class="link-button" onClick={() => (st.select(null), props.afterApply())}>
            {t('syn.sel.clear')}
          </button>
        </div>
      </Show>
    </section>
  );
}
