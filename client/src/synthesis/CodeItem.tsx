/**
 * One code in the codes panel: colour, name and excerpt count always shown (the colour is never the
 * only sign); opening it shows the definitions, and for editors the forms to rename and describe it,
 * merge it into another code, split some of its excerpts off into a new code, or delete it; and
 * the comments on it. Whoever has the code's form open is shown to the others.
 */
import { createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { formatList, t } from '../i18n';
import { useProject } from '../projects/context';
import { codeConversations } from './comments';
import { DeleteCode } from './DeleteCode';
import { workspaceErrorText } from './errors';
import { idPart, setEditing, type Me } from './live';
import { TargetComments } from './TargetComments';

/** The fields of a code's edit form. */
type Field = 'name' | 'colour' | 'definition' | 'plain';

/** One code, with its edit, merge and split forms. */
export function CodeItem(props: { code: W.CodeView; codes: W.CodeView[]; me: Me; say: (text: string) => void; editors: string[]; onDeleted: () => void }) {
  const { workspace } = useProject();
  const id = props.code.id;
  const base = `code-${idPart(id)}`;
  // What the person typed, per field; a field not typed in shows the code as it is now (someone
  // may change it meanwhile). Drafts are dropped when the code is closed, never when it opens: the
  // browser fires 'toggle' a task after the form is already open and editable, so text typed or
  // pasted in between would be overwritten (and then saved as the old value).
  const [draft, setDraft] = createSignal<Partial<Record<Field, string>>>({});
  const edit = (field: Field) => (e: { currentTarget: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.currentTarget.value }));
  const name = () => draft().name ?? props.code.name;
  const colour = () => draft().colour ?? props.code.colour;
  const definition = () => draft().definition ?? props.code.definition;
  const plain = () => draft().plain ?? props.code.plain;
  const [into, setInto] = createSignal('');
  const [splitName, setSplitName] = createSignal('');
  const [moving, setMoving] = createSignal<ReadonlySet<string>>(new Set());
  const [error, setError] = createSignal('');
  const [open, setOpen] = createSignal(false);

  const guard = (fn: (doc: import('yjs').Doc) => void) => {
    const doc = workspace()?.doc;
    if (!doc) return;
    try {
      fn(doc);
      setError('');
    } catch (err) {
      setError(workspaceErrorText(err));
    }
  };
  const onOpen = (isOpen: boolean) => {
    setOpen(isOpen);
    // Reopened later, the forms start from the code as it is then.
    if (!isOpen) setDraft({});
  };
  const save = (e: Event) => {
    e.preventDefault();
    guard((doc) => {
      W.updateCode(doc, id, { name: name(), colour: colour(), definition: definition(), plain: plain() });
      props.say(t('syn.codes.saved', { code: name().trim() }));
    });
  };
  const merge = () =>
    guard((doc) => {
      const target = props.codes.find((c) => c.id === into());
      if (!target) return;
      W.mergeCodes(doc, id, target.id);
      props.say(t('syn.codes.merged', { from: props.code.name, into: target.name }));
    });
  const split = (e: Event) => {
    e.preventDefault();
    guard((doc) => {
      if (!moving().size) return;
      W.splitCode(doc, id, [{ name: splitName(), annotationIds: [...moving()] }], props.me.id);
      props.say(t('syn.codes.split', { code: splitName().trim(), count: moving().size }));
      setSplitName('');
      setMoving(new Set<string>());
    });
  };
  const uses = () => {
    void props.code.excerptCount; // re-read when the code's passages change
    const doc = workspace()?.doc;
    if (!doc) return [];
    return W.listSources(doc).flatMap((s) => W.annotationsOf(doc, s.id).filter((a) => a.codeIds.includes(id)).map((a) => ({ ...a, title: s.title })));
  };

  return (
    <li class="syn-code" data-code-id={id}>
      <details onToggle={(e) => onOpen(e.currentTarget.open)}>
        <summary>
          <span class="syn-swatch" aria-hidden="true" style={{ 'background-color': props.code.colour }} /> <bdi class="syn-code-name">{props.code.name}</bdi>{' '}
          <span class="meta">{t('syn.codes.count', { count: props.code.excerptCount })}</span>
        </summary>
        <div class="stack syn-code-body" onFocusIn={() => props.me.canEdit && setEditing(workspace(), { target: 'code', id })} onFocusOut={(e) => !e.currentTarget.contains(e.relatedTarget as Node) && setEditing(workspace(), null)}>
          <Show when={props.code.plain}>
            <p>
              <strong>{t('syn.codes.plainShort')}</strong> <bdi>{props.code.plain}</bdi>
            </p>
          </Show>
          <Show when={props.code.definition}>
            <p>
              <strong>{t('syn.codes.definitionShort')}</strong> <bdi>{props.code.definition}</bdi>
            </p>
          </Show>
          <Show when={error()}>
            <p role="alert" class="field-error">{error()}</p>
          </Show>
          <Show when={props.me.canEdit}>
            <form class="stack" onSubmit={save}>
              <div class="field">
                <label for={`${base}-name`}>{t('syn.codes.name')}</label>
                <input id={`${base}-name`} type="text" value={name()} onInput={edit('name')} maxLength={W.LIMITS.nameChars} />
              </div>
              <div class="field">
                <label for={`${base}-colour`}>{t('syn.codes.colour')}</label>
                <input id={`${base}-colour`} type="color" class="syn-colour" value={colour()} onInput={edit('colour')} />
              </div>
              <div class="field">
                <label for={`${base}-def`}>{t('syn.codes.definition')}</label>
                <textarea id={`${base}-def`} rows={3} value={definition()} onInput={edit('definition')} />
              </div>
              <div class="field">
                <label for={`${base}-plain`}>{t('syn.codes.plain')}</label>
                <p id={`${base}-plain-hint`} class="hint">{t('syn.codes.plainHint')}</p>
                <textarea id={`${base}-plain`} rows={2} value={plain()} onInput={edit('plain')} aria-describedby={`${base}-plain-hint`} />
              </div>
              <button type="submit" class="btn small">{t('syn.codes.save')}</button>
            </form>
            <Show when={props.codes.length > 1}>
              <div class="field">
                <label for={`${base}-into`}>{t('syn.codes.mergeInto')}</label>
                <p id={`${base}-into-hint`} class="hint">{t('syn.codes.mergeHint')}</p>
                <div class="inline-form">
                  <select id={`${base}-into`} value={into()} onChange={(e) => setInto(e.currentTarget.value)} aria-describedby={`${base}-into-hint`}>
                    <option value="">{t('syn.codes.chooseCode')}</option>
                    <For each={props.codes.filter((c) => c.id !== id)}>{(c) => <option value={c.id}>{c.label}</option>}</For>
                  </select>
                  <button type="button" class="btn small" disabled={!into()} onClick={merge}>{t('syn.codes.merge')}</button>
                </div>
              </div>
            </Show>
            <Show when={props.code.excerptCount > 1}>
              <form class="stack" onSubmit={split}>
                <fieldset>
                  <legend>{t('syn.codes.splitTitle')}</legend>
                  <p class="hint">{t('syn.codes.splitHint')}</p>
                  <For each={uses()}>
                    {(a) => (
                      <div class="checkbox">
                        <input type="checkbox" id={`${base}-mv-${idPart(a.id)}`} checked={moving().has(a.id)} onChange={(e) => setMoving((m) => { const n = new Set(m); if (e.currentTarget.checked) n.add(a.id); else n.delete(a.id); return n; })} />
                        <label for={`${base}-mv-${idPart(a.id)}`}>
                          <bdi>{a.quote.length > 90 ? `${a.quote.slice(0, 87)}…` : a.quote}</bdi> <span class="meta">({a.title})</span>
                        </label>
                      </div>
                    )}
                  </For>
                </fieldset>
                <div class="field">
                  <label for={`${base}-split-name`}>{t('syn.codes.splitName')}</label>
                  <input id={`${base}-split-name`} type="text" value={splitName()} onInput={(e) => setSplitName(e.currentTarget.value)} maxLength={W.LIMITS.nameChars} />
                </div>
                <button type="submit" class="btn small" disabled={!moving().size || !splitName().trim()}>{t('syn.codes.splitDo')}</button>
              </form>
            </Show>
            <DeleteCode code={props.code} say={props.say} onDeleted={props.onDeleted} />
          </Show>
        </div>
        {/* Outside the body: commenting is not editing the code, so it does not say so to others.
            Mounted only while open: every code reading every comment on each change would add up. */}
        <Show when={open()}>
          <TargetComments
            target={{ kind: 'code', codeId: id }}
            read={(d) => codeConversations(d, id)}
            label={t('syn.comments.yoursCode', { code: props.code.name })}
            me={props.me}
            say={props.say}
            base={`cc-${idPart(id)}`}
            testid="code-comments"
          />
        </Show>
      </details>
      <Show when={props.editors.length}>
        <p class="meta syn-editing">{t('syn.codes.editing', { names: formatList(props.editors) })}</p>
      </Show>
    </li>
  );
}
