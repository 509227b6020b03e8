/** The form to make a theme: its name, its kind (analytical or descriptive) and where it goes. */
import { createSignal, For } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { RadioGroup } from '../ui/fields';
import { workspaceErrorText } from './errors';
import { useThemes } from './themesContext';

/** "New theme" form. */
export function CreateThemeForm() {
  const ctx = useThemes();
  const [name, setName] = createSignal('');
  const [kind, setKind] = createSignal<W.ThemeKind>('descriptive');
  const [parent, setParent] = createSignal('');
  const [error, setError] = createSignal('');
  const submit = (e: Event) => {
    e.preventDefault();
    const doc = ctx.doc();
    if (!doc) return;
    try {
      W.createTheme(doc, { name: name(), kind: kind(), parentId: parent() || null }, ctx.me().id);
      ctx.say(t('syn.theme.created', { name: name().trim() }));
      setName('');
      setError('');
    } catch (err) {
      setError(workspaceErrorText(err));
    }
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
          <input id="theme-name" type="text" value={name()} onInput={(e) => setName(e.currentTarget.value)} maxLength={W.LIMITS.nameChars} />
        </div>
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
