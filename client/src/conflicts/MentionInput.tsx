/**
 * A comment box with an accessible @mention autocomplete: typing "@" and part of a name opens a
 * list of matching members. The textarea stays a textbox (aria-autocomplete, aria-activedescendant
 * pointing into a listbox); arrow keys move, Enter or Tab picks, Escape closes; a polite status
 * says how many people match. Mouse users can click a name.
 */
import { createSignal, For, Show } from 'solid-js';
import type { Mentionable } from '../../../shared/discussions';
import { t } from '../i18n';

/** The "@query" being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1 || (at > 0 && /[\p{L}\p{N}_]/u.test(before[at - 1]!))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /\s\s/.test(query)) return null;
  return { start: at, query };
}

/** Members whose name (or a word in it) starts with the query. */
export function matchMembers(members: Mentionable[], query: string, selfId?: string): Mentionable[] {
  const q = query.trimStart().toLocaleLowerCase();
  return members
    .filter((m) => m.userId !== selfId)
    .filter((m) => {
      const name = m.name.toLocaleLowerCase();
      return name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
    })
    .slice(0, 8);
}

/** A labelled textarea with mention suggestions. */
export function MentionInput(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValue: (v: string) => void;
  members: Mentionable[];
  selfId?: string;
  onSubmit?: () => void;
  rows?: number;
}) {
  let area!: HTMLTextAreaElement;
  const [query, setQuery] = createSignal<{ start: number; query: string } | null>(null);
  const [active, setActive] = createSignal(0);
  const listId = `${props.id}-mentions`;
  const matches = () => {
    const q = query();
    return q ? matchMembers(props.members, q.query, props.selfId) : [];
  };
  const open = () => query() !== null && matches().length > 0;

  const refresh = () => {
    const q = mentionQuery(area.value, area.selectionStart ?? area.value.length);
    setQuery(q);
    setActive(0);
  };
  const pick = (m: Mentionable) => {
    const q = query();
    if (!q) return;
    const caret = area.selectionStart ?? area.value.length;
    const next = `${area.value.slice(0, q.start)}@${m.name} ${area.value.slice(caret)}`;
    const pos = q.start + m.name.length + 2;
    props.onValue(next);
    area.value = next;
    area.setSelectionRange(pos, pos);
    setQuery(null);
    area.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (open()) {
      const n = matches().length;
      if (e.key === 'ArrowDown') return void (e.preventDefault(), setActive((active() + 1) % n));
      if (e.key === 'ArrowUp') return void (e.preventDefault(), setActive((active() - 1 + n) % n));
      if (e.key === 'Enter' || e.key === 'Tab') return void (e.preventDefault(), pick(matches()[active()]!));
      if (e.key === 'Escape') return void (e.preventDefault(), setQuery(null));
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && props.onSubmit) {
      e.preventDefault();
      props.onSubmit();
    }
  };
  const describedBy = () => [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div class="field mention-field" classList={{ invalid: !!props.error }}>
      <label for={props.id}>{props.label}</label>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="hint">{props.hint}</p>
      </Show>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error">{props.error}</p>
      </Show>
      <textarea
        ref={area}
        id={props.id}
        rows={props.rows ?? 3}
        value={props.value}
        aria-autocomplete="list"
        aria-controls={open() ? listId : undefined}
        aria-activedescendant={open() ? `${listId}-${active()}` : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy()}
        onInput={(e) => {
          props.onValue(e.currentTarget.value);
          refresh();
        }}
        onKeyDown={onKeyDown}
        onClick={refresh}
        onBlur={() => setQuery(null)}
      />
      <Show when={open()}>
        <ul id={listId} role="listbox" class="mention-list" aria-label={t('conflicts.mention.list')}>
          <For each={matches()}>
            {(m, i) => (
              <li
                id={`${listId}-${i()}`}
                role="option"
                aria-selected={i() === active() ? 'true' : 'false'}
                classList={{ active: i() === active() }}
                // mousedown, not click: keeps focus in the textarea so the caret position is known
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(m);
                }}
              >
                <bdi>{m.name}</bdi>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="visually-hidden" aria-live="polite">
        {query() === null ? '' : matches().length ? t('conflicts.mention.count', { count: matches().length }) : t('conflicts.mention.none')}
      </div>
    </div>
  );
}
