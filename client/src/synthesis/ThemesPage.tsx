/**
 * /projects/:pid/synthesis/themes — analytical themes over descriptive themes over codes, built
 * together live. Codes not yet in a theme wait under "Not in a theme yet". Every move can be made
 * by dragging or from each node's "Move to…" menu; the result is announced and focus follows the
 * moved node. Other people's new comments on themes are announced politely.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { useProject } from '../projects/context';
import { Checkbox } from '../ui/fields';
import { Page } from '../ui/Page';
import { announceNewComments } from './comments';
import { CreateThemeForm } from './CreateThemeForm';
import { workspaceErrorText } from './errors';
import { createAnnouncer, idPart, useMe, usePeers, useSynthesisLocation, useWorkspaceVersion, useWs } from './live';
import { useHideSensitive } from './prefs';
import { SynthesisNav } from './SynthesisNav';
import { TreeItem, useDropTarget } from './ThemeNode';
import { ThemesProvider, useThemes, type ThemesContextValue } from './themesContext';
import { allQuotes, sameModel, themesModel, type ThemesModel } from './themesModel';
import './synthesis.css';
import './themes.css';

const EMPTY: ThemesModel = { roots: [], node: new Map(), children: new Map(), parent: new Map(), themes: [], codesUnder: new Map(), detached: [] };

/** The themes page. */
export function ThemesPage() {
  const { project } = useProject();
  const me = useMe();
  useSynthesisLocation('synthesis-themes');
  const { doc } = useWorkspaceVersion();
  const model = useWs(themesModel, EMPTY, sameModel);
  const quotes = useWs(allQuotes, [], (a, b) => JSON.stringify(a) === JSON.stringify(b));
  const peers = usePeers();
  const [hide, setHide] = useHideSensitive(me().id);
  const [dragging, setDragging] = createSignal<string | null>(null);
  const [moveError, setMoveError] = createSignal('');
  const announcer = createAnnouncer();
  const nameOf = (id: string | null) => (id ? (model().node.get(id)?.name ?? '') : '');
  announceNewComments(
    () => me().id,
    announcer.say,
    (c) => (c.target?.kind === 'theme' && model().node.get(c.target.themeId)?.type === 'theme' ? t('syn.comments.onTheme', { name: nameOf(c.target.themeId) }) : null),
  );

  const ctx: ThemesContextValue = {
    doc,
    model,
    quotes,
    peers,
    me,
    hideSensitive: hide,
    dragging,
    setDragging,
    say: announcer.say,
    codeName: (id) => nameOf(id),
    move(id, parent, index) {
      const d = doc();
      if (!d) return;
      const before = model().parent.get(id) ?? null;
      try {
        W.moveNode(d, id, parent, index);
        setMoveError('');
        announcer.say(
          parent === before
            ? t('syn.move.reordered', { name: nameOf(id) })
            : parent === null
              ? t('syn.move.movedTop', { name: nameOf(id) })
              : t('syn.move.moved', { name: nameOf(id), into: nameOf(parent) }),
        );
        // The node is drawn again in its new place: keep the keyboard with it.
        queueMicrotask(() => document.getElementById(`node-${idPart(id)}`)?.focus());
      } catch (err) {
        setMoveError(workspaceErrorText(err));
      }
    },
  };

  return (
    <Page title={t('syn.themes.title')}>
      <SynthesisNav pid={project().id} />
      <p>{t('syn.themes.intro')}</p>
      <div class="visually-hidden" aria-live="polite" data-testid="announcer">
        {announcer.message()}
      </div>
      <Checkbox id="hide-sensitive" label={t('syn.pref.hideSensitive')} checked={hide()} onChecked={setHide} />
      <ThemesProvider value={ctx}>
        <Show when={me().canEdit}>
          <CreateThemeForm />
        </Show>
        <Show when={me().canEdit}>
          <p class="hint">{t('syn.themes.moveHelp')}</p>
        </Show>
        <div role="alert" class="alert-region">
          <Show when={moveError()}>
            <p class="form-alert">{moveError()}</p>
          </Show>
        </div>
        <Show when={model().detached.length}>
          <p class="meta">{t('syn.themes.detached', { count: model().detached.length })}</p>
        </Show>
        <Tree />
      </ThemesProvider>
    </Page>
  );
}

function Tree() {
  const ctx = useThemes();
  const themes = createMemo(() => ctx.model().roots.filter((id) => ctx.model().node.get(id)?.type === 'theme'), [], { equals: (a, b) => a.join() === b.join() });
  const unsorted = createMemo(() => ctx.model().roots.filter((id) => ctx.model().node.get(id)?.type === 'code'), [], { equals: (a, b) => a.join() === b.join() });
  const top = useDropTarget(() => null);
  return (
    <>
      <section aria-labelledby="tree-h" class="syn-tree-wrap">
        <h2 id="tree-h">{t('syn.themes.tree')}</h2>
        <Show when={themes().length} fallback={<p class="meta">{t('syn.themes.none')}</p>}>
          <ul class="syn-tree syn-tree-root" data-testid="theme-tree">
            <For each={themes()}>{(id) => <TreeItem id={id} />}</For>
          </ul>
        </Show>
        {/* Below the tree, so appearing when a drag starts does not shift the themes above it. */}
        <Show when={ctx.dragging()}>
          <div class="syn-drop-top" classList={{ 'drop-over': top.over() }} {...top.handlers}>
            {t('syn.move.dropTop')}
          </div>
        </Show>
      </section>
      <section aria-labelledby="unsorted-h" class="panel">
        <h2 id="unsorted-h">{t('syn.themes.unsorted', { count: unsorted().length })}</h2>
        <Show when={unsorted().length} fallback={<p class="meta">{t('syn.themes.allSorted')}</p>}>
          <ul class="syn-tree" data-testid="unsorted">
            <For each={unsorted()}>{(id) => <TreeItem id={id} />}</For>
          </ul>
        </Show>
      </section>
    </>
  );
}
