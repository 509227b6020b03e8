/**
 * The codes panel: make a code (name, optional plain-language description), and for each code its
 * colour, number of excerpts and descriptions, with editing, merging, splitting, deleting and
 * comments (CodeItem).
 */
import { createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { useProject } from '../projects/context';
import { CodeItem } from './CodeItem';
import { workspaceErrorText } from './errors';
import { peerNames, usePeers, type Me } from './live';

/** The list of codes with its "new code" form. */
export function CodesPanel(props: { codes: W.CodeView[]; me: Me; say: (text: string) => void }) {
  const { workspace } = useProject();
  const [name, setName] = createSignal('');
  const [plain, setPlain] = createSignal('');
  const [error, setError] = createSignal('');
  const [existing, setExisting] = createSignal<{ id: string; name: string } | null>(null);
  const peers = usePeers();
  const editors = (id: string) => peerNames(peers(), (p) => p.editing?.target === 'code' && p.editing.id === id);
  const create = (e: Event) => {
    e.preventDefault();
    const doc = workspace()?.doc;
    if (!doc) return;
    try {
      W.createCode(doc, { name: name(), plain: plain() }, props.me.id);
      props.say(t('syn.codes.created', { code: name().trim() }));
      setName('');
      setPlain('');
      setError('');
      setExisting(null);
    } catch (err) {
      if (err instanceof W.DuplicateNameError) {
        setError('');
        setExisting({ id: err.existingId, name: err.existingName });
        queueMicrotask(() => document.getElementById('show-existing-code')?.focus());
      } else setError(workspaceErrorText(err));
    }
  };
  // Opens the code of that name in the list above and takes the keyboard there.
  const showExisting = () => {
    const e = existing();
    const item = e && document.querySelector<HTMLDetailsElement>(`li[data-code-id="${CSS.escape(e.id)}"] > details`);
    if (!item) return;
    item.open = true;
    item.querySelector('summary')?.focus();
    setExisting(null);
  };
  return (
    <section aria-labelledby="codes-h" class="panel" data-testid="codes-panel">
      <h2 id="codes-h" tabindex="-1">
        {t('syn.codes.title', { count: props.codes.length })}
      </h2>
      <Show when={props.codes.length} fallback={<p class="meta">{t('syn.codes.none')}</p>}>
        <ul class="syn-code-list">
          <For each={props.codes.map((c) => c.id)}>
            {(id) => {
              const code = () => props.codes.find((c) => c.id === id);
              return <Show when={code()}>{(c) => <CodeItem code={c()} codes={props.codes} me={props.me} say={props.say} editors={editors(id)} onDeleted={() => document.getElementById('codes-h')?.focus()} />}</Show>;
            }}
          </For>
        </ul>
      </Show>
      <Show when={props.me.canEdit}>
        <form class="stack syn-form" onSubmit={create}>
          <h3>{t('syn.codes.new')}</h3>
          <Show when={error()}>
            <p role="alert" class="field-error">{error()}</p>
          </Show>
          <div class="field">
            <label for="code-new-name">{t('syn.codes.newName')}</label>
            <input id="code-new-name" type="text" value={name()} onInput={(e) => (setName(e.currentTarget.value), setExisting(null))} maxLength={W.LIMITS.nameChars} />
          </div>
          <Show when={existing()}>
            {(e) => (
              <div class="syn-exists">
                <p role="alert">{t('syn.codes.exists', { name: e().name })}</p>
                <button type="button" id="show-existing-code" class="btn small" onClick={showExisting}>
                  {t('syn.codes.showExisting', { name: e().name })}
                </button>
              </div>
            )}
          </Show>
          <div class="field">
            <label for="code-new-plain">
              {t('syn.codes.plain')} <span class="optional">{t('form.optional')}</span>
            </label>
            <p id="code-new-plain-hint" class="hint">{t('syn.codes.plainHint')}</p>
            <textarea id="code-new-plain" rows={2} value={plain()} onInput={(e) => setPlain(e.currentTarget.value)} aria-describedby="code-new-plain-hint" />
          </div>
          <button type="submit" class="btn" disabled={!name().trim()}>
            {t('syn.codes.create')}
          </button>
        </form>
      </Show>
    </section>
  );
}
