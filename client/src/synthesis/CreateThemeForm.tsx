/** The form to make a theme: its name, its kind (analytical or descriptive) and where it goes. */
import { createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { RadioGroup } from '../ui/fields';
import { workspaceErrorText } from './errors';
import { idPart } from './live';
import { useThemes } from './themesContext';

/** "New theme" form. */
export function CreateThemeForm() {
  const ctx = useThemes();
  const [name, setName] = createSignal('');
  const [kind, setKind] = createSignal<W.ThemeKind>('descriptive');
  const [parent, setParent] = createSignal('');
  const [error, setError] = createSignal('');
  const [existing, setExisting] = createSignal<{ id: string; name: string } | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const doc = ctx.doc();
    if (!doc) return;
    try {
      W.createTheme(doc, { name: name(), kind: kind(), parentId: parent() || null }, ctx.me().id);
      ctx.say(t('syn.theme.created', { name: name().trim() }));
      setName('');
      // Each theme's kind is a fresh choice: carried over, the next one would silently be analytical.
      setKind('descriptive');
      setError('');
      setExisting(null);
    } catch (err) {
      if (err instanceof W.DuplicateNameError) {
        setError('');
        setExisting({ id: err.existingId, name: err.existingName });
        queueMicrotask(() => document.getElementById('show-existing-theme')?.focus());
      } else setError(workspaceErrorText(err));
    }
  };
  const showExisting = () => {
    const e = existing();
    if (!e) return;
    setExisting(null);
    document.getElementById(`node-${idPart(e.id)}`)?.focus();
  };
  return (
    <section aria-labelledby="new-theme-h" class="panel">
      <h2 id="new-theme-h">{t('syn.theme.new')}</h2>
      <form class="stack" onSubmit={submit}>
        <div role="alert" class="alert-region">
          {error() && <p class="form-alert">{error()}</p>}
        </div>
        <div class="field">
          <label for="theme-name">{t('syn.theme.name')}</label>
          <input id="theme-name" type="text" value={name()} onInput={(e) => (setName(e.currentTarget.value), setExisting(null))} maxLength={W.LIMITS.nameChars} />
        </div>
        <Show when={existing()}>
          {(e) => (
            <div class="syn-exists" data-testid="theme-exists">
              <p role="alert">{t('syn.theme.exists', { name: e().name })}</p>
              <button type="button" id="show-existing-theme" class="btn small" onClick={showExisting}>
                {t('syn.theme.showExisting', { name: e().name })}
              </button>
            </div>
          )}
        </Show>
        <RadioGroup
          id="theme-kind"
          legend={t('syn.theme.kind')}
          value={kind()}
          onValue={(v) => setKind(v as W.ThemeKind)}
          choices={[
            { value: 'descriptive', label: t('syn.theme.descriptive'), hint: t('syn.theme.descriptiveHint') },
            { value: 'analytical', label: t('syn.theme.analytical'), hint: t('syn.theme.analyticalHint') },
          ]}
        />
        <div class="field">
          <label for="theme-parent">{t('syn.theme.parent')}</label>
          <select id="theme-parent" value={parent()} onChange={(e) => setParent(e.currentTarget.value)}>
            <option value="">{t('syn.move.top')}</option>
            <For each={ctx.model().themes}>{(th) => <option value={th.id}>{`${'\u00a0\u00a0'.repeat(th.depth)}${th.name}`}</option>}</For>
          </select>
        </div>
        <button type="submit" class="btn primary" disabled={!name().trim()}>
          {t('syn.theme.create')}
        </button>
      </form>
    </section>
  );
}
