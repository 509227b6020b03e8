/**
 * A theme's description, co-edited live: a plain textarea bound to the theme's Y.Text. Each local
 * edit is applied as the smallest delete + insert; a remote edit replaces the value and moves the
 * caret along with the text, so it stays where this person was typing. Who else is typing here
 * comes from awareness (`editing: {target: 'theme', id, typing}`).
 */
import { createEffect, createSignal, onCleanup, onMount, Show } from 'solid-js';
import type * as Y from 'yjs';
import * as W from '../../../shared/workspace';
import { formatList, t } from '../i18n';
import { useProject } from '../projects/context';
import { idPart, peerNames, setEditing, type Peer } from './live';
import { diffText, transformPosition, type DeltaOp } from './textBinding';

const TYPING_IDLE_MS = 2500;
// Marks our own transactions, so the observer does not write them back into the textarea.
const LOCAL = Symbol('description-editor');

/** The live description editor of theme `themeId` (read-only when `readOnly`). */
export function DescriptionEditor(props: { doc: Y.Doc; themeId: string; themeName: string; peers: Peer[]; readOnly: boolean }) {
  const { workspace } = useProject();
  const ytext = W.themeDescription(props.doc, props.themeId);
  const id = `desc-${idPart(props.themeId)}`;
  const [error, setError] = createSignal('');
  let area!: HTMLTextAreaElement;
  let shadow = ytext?.toString() ?? '';
  let idle: ReturnType<typeof setTimeout> | undefined;

  onMount(() => {
    if (!ytext) return;
    area.value = shadow;
    const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
      if (tr.origin === LOCAL) return;
      const focused = document.activeElement === area;
      const [s, e, dir] = [area.selectionStart, area.selectionEnd, area.selectionDirection];
      const delta = event.delta as DeltaOp[];
      shadow = ytext.toString();
      area.value = shadow;
      if (focused) area.setSelectionRange(transformPosition(s, delta), transformPosition(e, delta, e > s), dir ?? 'none');
    };
    ytext.observe(onChange);
    onCleanup(() => ytext.unobserve(onChange));
  });
  onCleanup(() => clearTimeout(idle));

  const onInput = () => {
    if (!ytext) return;
    const next = area.value;
    const change = diffText(shadow, next);
    if (!change) return;
    if (next.length > W.LIMITS.descriptionChars) {
      area.value = shadow;
      setError(t('syn.error.too_long'));
      return;
    }
    setError('');
    props.doc.transact(() => {
      if (change.remove) ytext.delete(change.index, change.remove);
      if (change.insert) ytext.insert(change.index, change.insert);
    }, LOCAL);
    shadow = next;
    setEditing(workspace(), { target: 'theme', id: props.themeId, typing: true });
    clearTimeout(idle);
    idle = setTimeout(() => setEditing(workspace(), { target: 'theme', id: props.themeId }), TYPING_IDLE_MS);
  };

  const onFocus = () => setEditing(workspace(), { target: 'theme', id: props.themeId });
  const onBlur = () => {
    clearTimeout(idle);
    setEditing(workspace(), null);
  };
  const typing = () => peerNames(props.peers, (p) => p.editing?.target === 'theme' && p.editing.id === props.themeId && p.editing.typing === true);
  const editing = () => peerNames(props.peers, (p) => p.editing?.target === 'theme' && p.editing.id === props.themeId && p.editing.typing !== true);
  // Typing indicators come and go quickly; only the start is worth announcing.
  const [spoken, setSpoken] = createSignal('');
  createEffect(() => {
    const names = typing();
    setSpoken(names.length ? t('syn.desc.typing', { names: formatList(names) }) : '');
  });

  return (
    <div class="field syn-desc">
      <label for={id}>{t('syn.desc.label', { theme: props.themeName })}</label>
      <p id={`${id}-hint`} class="hint">{props.readOnly ? t('syn.desc.readOnly') : t('syn.desc.hint')}</p>
      <Show when={error()}>
        <p class="field-error" role="alert">{error()}</p>
      </Show>
      <textarea
        ref={area}
        id={id}
        rows={4}
        readOnly={props.readOnly}
        aria-describedby={`${id}-hint ${id}-who`}
        onInput={onInput}
        onFocus={onFocus}
        onBlur={onBlur}
        data-testid="theme-description"
      />
      <p id={`${id}-who`} class="meta syn-who" aria-live="polite" data-testid="typing">
        {spoken()}
        <Show when={!typing().length && editing().length}>{t('syn.desc.editing', { names: formatList(editing()) })}</Show>
      </p>
    </div>
  );
}
