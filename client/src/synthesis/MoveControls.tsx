/**
 * The keyboard (and pointer) way to do what drag-and-drop does: a "Move to…" menu of the themes a
 * node may go under (or the top level), and buttons to move it up or down among its neighbours.
 */
import { createSignal, For, Show } from 'solid-js';
import { t } from '../i18n';
import { idPart } from './live';
import { moveTargets } from './themesModel';
import { useThemes } from './themesContext';

const TOP = '__top__';

/** Move controls for node `id` (`name` names it for screen readers). */
export function MoveControls(props: { id: string; name: string }) {
  const ctx = useThemes();
  const [target, setTarget] = createSignal('');
  const base = `move-${idPart(props.id)}`;
  const parent = () => ctx.model().parent.get(props.id) ?? null;
  const siblings = () => (parent() === null ? ctx.model().roots : (ctx.model().children.get(parent()!) ?? []));
  const index = () => siblings().indexOf(props.id);
  const go = () => {
    const to = target();
    if (!to) return;
    setTarget('');
    ctx.move(props.id, to === TOP ? null : to);
  };
  return (
    <div class="syn-move" role="group" aria-label={t('syn.move.group', { name: props.name })}>
      <label for={base}>{t('syn.move.to')}</label>
      <select id={base} value={target()} onChange={(e) => setTarget(e.currentTarget.value)}>
        <option value="">{t('syn.move.choose')}</option>
        <Show when={parent() !== null}>
          <option value={TOP}>{ctx.model().node.get(props.id)?.type === 'code' ? t('syn.move.unsorted') : t('syn.move.top')}</option>
        </Show>
        <For each={moveTargets(ctx.model(), props.id)}>
          {(th) => <option value={th.id}>{`${'\u00a0\u00a0'.repeat(th.depth)}${th.name}`}</option>}
        </For>
      </select>
      <button type="button" class="btn small" disabled={!target()} onClick={go}>
        {t('syn.move.do')}
      </button>
      <button type="button" class="btn small" disabled={index() <= 0} onClick={() => ctx.move(props.id, parent(), index() - 1)} aria-label={t('syn.move.upNamed', { name: props.name })}>
        {t('syn.move.up')}
      </button>
      <button type="button" class="btn small" disabled={index() < 0 || index() >= siblings().length - 1} onClick={() => ctx.move(props.id, parent(), index() + 1)} aria-label={t('syn.move.downNamed', { name: props.name })}>
        {t('syn.move.down')}
      </button>
    </div>
  );
}
