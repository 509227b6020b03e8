/**
 * One theme of the tree: its name and kind, a live co-edited description, supporting quotes,
 * comments, and its sub-themes and codes. Themes and codes move by drag-and-drop onto a theme, or
 * with the "Move to…" menu and up/down buttons (MoveControls) — the same moves, either way.
 */
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { DescriptionEditor } from './DescriptionEditor';
import { workspaceErrorText } from './errors';
import { idPart } from './live';
import { MoveControls } from './MoveControls';
import { Quote } from './Quote';
import { ThemeComments } from './ThemeComments';
import { useThemes } from './themesContext';
import { isInside, quotesFor } from './themesModel';

const QUOTES_SHOWN = 5;

/** Drag-and-drop handlers that make an element a drop target for theme `themeId` (null = top level). */
export function useDropTarget(themeId: () => string | null) {
  const ctx = useThemes();
  const [over, setOver] = createSignal(false);
  const allowed = () => {
    const d = ctx.dragging();
    const to = themeId();
    return !!d && (to === null || !isInside(ctx.model(), to, d));
  };
  return {
    over,
    handlers: {
      onDragOver: (e: DragEvent) => {
        if (!allowed()) return;
        e.preventDefault();
        e.stopPropagation();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent) => {
        setOver(false);
        const d = ctx.dragging();
        if (!d || !allowed()) return;
        e.preventDefault();
        e.stopPropagation();
        ctx.setDragging(null);
        ctx.move(d, themeId());
      },
    },
  };
}

/** Drag handlers for a node that can be picked up. */
function dragSource(id: string) {
  const ctx = useThemes();
  return {
    draggable: (ctx.me().canEdit ? 'true' : 'false') as 'true' | 'false',
    onDragStart: (e: DragEvent) => {
      e.stopPropagation();
      e.dataTransfer?.setData('text/plain', id);
      if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      ctx.setDragging(id);
    },
    onDragEnd: () => ctx.setDragging(null),
  };
}

/** A theme or a code, whichever `id` is. */
export function TreeItem(props: { id: string }) {
  const ctx = useThemes();
  const type = () => ctx.model().node.get(props.id)?.type;
  return (
    <Switch>
      <Match when={type() === 'theme'}>
        <ThemeNode id={props.id} />
      </Match>
      <Match when={type() === 'code'}>
        <CodeLeaf id={props.id} />
      </Match>
    </Switch>
  );
}

function CodeLeaf(props: { id: string }) {
  const ctx = useThemes();
  const code = () => ctx.model().node.get(props.id) as W.TreeCode | undefined;
  return (
    <Show when={code()}>
      {(c) => (
        <li class="syn-node syn-code-leaf" {...dragSource(props.id)} data-testid="code-leaf">
          <p class="syn-leaf-name" id={`node-${idPart(props.id)}`} tabindex="-1">
            <span class="syn-swatch" aria-hidden="true" style={{ 'background-color': c().colour }} /> <span class="visually-hidden">{t('syn.tree.code')}</span>
            <bdi>{c().name}</bdi> <span class="meta">{t('syn.codes.count', { count: c().excerptCount })}</span>
          </p>
          <Show when={ctx.me().canEdit}>
            <MoveControls id={props.id} name={c().name} />
          </Show>
        </li>
      )}
    </Show>
  );
}

function ThemeNode(props: { id: string }) {
  const ctx = useThemes();
  const theme = () => ctx.model().node.get(props.id) as W.TreeTheme | undefined;
  const kids = createMemo(() => ctx.model().children.get(props.id) ?? [], [], { equals: (a, b) => a.join() === b.join() });
  const quotes = createMemo(() => quotesFor(ctx.model(), ctx.quotes(), props.id));
  const [allQuotes, setAllQuotes] = createSignal(false);
  const [renaming, setRenaming] = createSignal(false);
  const [name, setName] = createSignal('');
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  const [error, setError] = createSignal('');
  const drop = useDropTarget(() => props.id);
  const hid = `node-${idPart(props.id)}`;
  const level = () => `h${Math.min(6, 3 + (theme()?.depth ?? 0))}`;

  const rename = (e: Event) => {
    e.preventDefault();
    const doc = ctx.doc();
    if (!doc) return;
    try {
      W.updateTheme(doc, props.id, { name: name() });
      setRenaming(false);
      setError('');
    } catch (err) {
      setError(workspaceErrorText(err));
    }
  };
  const remove = () => {
    const doc = ctx.doc();
    if (!doc) return;
    const n = theme()?.name ?? '';
    W.deleteTheme(doc, props.id);
    ctx.say(t('syn.theme.deleted', { name: n }));
  };

  return (
    <Show when={theme()}>
      {(th) => (
        <li class="syn-node syn-theme" data-kind={th().kind} data-name={th().name} data-testid="theme-node">
          <div class="syn-theme-head" classList={{ 'drop-over': drop.over() }} {...dragSource(props.id)} {...drop.handlers}>
            <Dynamic component={level()} id={hid} tabindex="-1" class="syn-theme-name">
              <bdi>{th().name}</bdi> <span class="syn-kind">{th().kind === 'analytical' ? t('syn.theme.analytical') : t('syn.theme.descriptive')}</span>
            </Dynamic>
            <Show when={ctx.me().canEdit}>
              <div class="syn-theme-actions">
                <MoveControls id={props.id} name={th().name} />
                <button type="button" class="btn small" onClick={() => (setName(th().name), setRenaming(!renaming()))} aria-expanded={renaming()}>
                  {t('syn.theme.rename')}
                </button>
                <button type="button" class="btn small danger" onClick={() => setConfirmDelete(true)}>
                  {t('syn.theme.delete')}
                </button>
              </div>
            </Show>
          </div>
          <Show when={error()}>
            <p role="alert" class="field-error">{error()}</p>
          </Show>
          <Show when={renaming()}>
            <form class="inline-form" onSubmit={rename}>
              <label for={`${hid}-rename`}>{t('syn.theme.newName')}</label>
              <input id={`${hid}-rename`} type="text" value={name()} onInput={(e) => setName(e.currentTarget.value)} maxLength={W.LIMITS.nameChars} />
              <button type="submit" class="btn small">{t('syn.theme.saveName')}</button>
            </form>
          </Show>
          <Show when={confirmDelete()}>
            <div class="confirm" role="group" aria-label={t('syn.theme.delete')}>
              <p>{t('syn.theme.deleteConfirm', { name: th().name })}</p>
              <button type="button" class="btn small danger" onClick={remove}>{t('syn.theme.deleteYes')}</button>
              <button type="button" class="btn small" onClick={() => setConfirmDelete(false)}>{t('syn.theme.deleteNo')}</button>
            </div>
          </Show>
          <Show when={ctx.doc()}>
            {(doc) => <DescriptionEditor doc={doc()} themeId={props.id} themeName={th().name} peers={ctx.peers()} readOnly={!ctx.me().canEdit} />}
          </Show>
          <details class="syn-details" open>
            <summary>{t('syn.theme.quotes', { count: quotes().length })}</summary>
            <Show when={quotes().length} fallback={<p class="meta">{t('syn.theme.noQuotes')}</p>}>
              <For each={allQuotes() ? quotes() : quotes().slice(0, QUOTES_SHOWN)}>
                {(q) => <Quote text={q.text} source={q.source} sensitive={q.sensitive} contentNote={q.contentNote} fold={ctx.hideSensitive()} codes={q.codeIds.map(ctx.codeName).join(', ')} />}
              </For>
              <Show when={quotes().length > QUOTES_SHOWN}>
                <button type="button" class="link-button" onClick={() => setAllQuotes(!allQuotes())}>
                  {allQuotes() ? t('syn.theme.fewerQuotes') : t('syn.theme.allQuotes', { count: quotes().length })}
                </button>
              </Show>
            </Show>
          </details>
          <ThemeComments themeId={props.id} themeName={th().name} />
          <Show when={kids().length}>
            <ul class="syn-tree" aria-label={t('syn.tree.inside', { name: th().name })}>
              <For each={kids()}>{(id) => <TreeItem id={id} />}</For>
            </ul>
          </Show>
        </li>
      )}
    </Show>
  );
}
