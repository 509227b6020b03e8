/**
 * Acting on one disputed record: a reviewer changing their own decision after the discussion
 * (written into their private `decisions:<stage>` map; the first, independent decision is kept on
 * the server), and the lead recording the final decision with a reason.
 */
import { createSignal, For, Show } from 'solid-js';
import { decisionsMapName, type ConflictItem, type DecisionValue, type RejectedEntry } from '../../../shared/screening';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { RadioGroup, TextArea } from '../ui/fields';
import { resolveConflict } from './api';
import { fromY, idPart, useConflicts } from './live';
import { decisionWord } from './Voting';

/** "Change my decision": a disclosure with the reviewer's own decision form. */
export function ChangeMyDecision(props: { item: ConflictItem }) {
  const ctx = useConflicts();
  const base = `change-${idPart(props.item.recordId)}`;
  const map = ctx.mine.doc.getMap<DecisionValue>(decisionsMapName(ctx.stage));
  const rejected = ctx.mine.doc.getMap<RejectedEntry>('rejected');
  const refusal = fromY(rejected, () => rejected.get(`${decisionsMapName(ctx.stage)}:${props.item.recordId}`));
  const current = () => map.get(props.item.recordId) ?? props.item.decisions.find((d) => d.userId === ctx.me.id);
  const [open, setOpen] = createSignal(false);
  const [decision, setDecision] = createSignal<string>('');
  const [reasons, setReasons] = createSignal<string[]>([]);
  const [note, setNote] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();
  let toggle!: HTMLButtonElement;

  const start = () => {
    const c = current();
    setDecision(c?.decision ?? '');
    setReasons(c?.reasons ?? []);
    setNote(c?.note ?? '');
    setSaved(undefined);
    setOpen(true);
    document.getElementById(`${base}-decision-${c?.decision ?? 'include'}`)?.focus();
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const d = decision() as DecisionValue['decision'];
    if (!['include', 'exclude', 'maybe'].includes(d)) { setError(t('conflicts.vote.choose')); return; }
    const chosen = d === 'exclude' ? reasons() : [];
    if (ctx.stage === 'ft' && d === 'exclude' && chosen.length === 0) { setError(t('conflicts.change.needReason')); return; }
    setError(undefined);
    map.set(props.item.recordId, { decision: d, reasons: chosen, note: note().trim(), at: new Date().toISOString() });
    setOpen(false);
    const message = t('conflicts.change.saved', { decision: t(decisionWord(d)) });
    setSaved(message);
    // Announced by the page: if the reviewers now agree, this card leaves the list at once.
    ctx.announce(message);
    toggle.focus();
  };
  const toggleReason = (r: string, on: boolean) => setReasons((list) => (on ? [...list, r] : list.filter((x) => x !== r)));

  return (
    <div class="change-decision">
      <FormAlert message={refusal() ? t('conflicts.change.refused', { reason: refusal()!.message }) : undefined} />
      <Show when={saved()}><p class="status-message">{saved()}</p></Show>
      <button type="button" class="btn" ref={toggle} aria-expanded={open() ? 'true' : 'false'} aria-controls={`${base}-form`}
        onClick={() => (open() ? setOpen(false) : start())}>
        {t('conflicts.change.open')}
      </button>
      <div id={`${base}-form`}>
        <Show when={open()}>
          <form onSubmit={submit} class="stack panel" noValidate>
            <p class="hint">{t('conflicts.change.hint')}</p>
            <FormAlert message={error()} />
            <RadioGroup id={`${base}-decision`} legend={t('conflicts.change.legend')} value={decision()} onValue={setDecision}
              choices={(['include', 'exclude', 'maybe'] as const).map((v) => ({ value: v, label: t(decisionWord(v)) }))} />
            <Show when={decision() === 'exclude' && ctx.project().exclusionReasons.length}>
              <fieldset class="field">
                <legend>{t('conflicts.change.reasons')}</legend>
                <For each={ctx.project().exclusionReasons}>
                  {(r, i) => (
                    <div class="checkbox">
                      <input type="checkbox" id={`${base}-reason-${i()}`} checked={reasons().includes(r)} onChange={(e) => toggleReason(r, e.currentTarget.checked)} />
                      <label for={`${base}-reason-${i()}`}><bdi>{r}</bdi></label>
                    </div>
                  )}
                </For>
              </fieldset>
            </Show>
            <TextArea id={`${base}-note`} label={t('conflicts.change.note')} optional rows={2} value={note()} onValue={setNote} maxLength={5000} />
            <div class="inline-form">
              <button type="submit" class="btn primary">{t('conflicts.change.submit')}</button>
              <button type="button" class="btn" onClick={() => { setOpen(false); toggle.focus(); }}>{t('conflicts.change.cancel')}</button>
            </div>
          </form>
        </Show>
      </div>
    </div>
  );
}

/**
 * The lead's final decision. Excluding a full text needs one of the project's exclusion reasons
 * (the list reviewers pick from): the PRISMA diagram counts the record under it. The note is separate.
 */
export function FinalDecision(props: { item: ConflictItem }) {
  const ctx = useConflicts();
  const base = `final-${idPart(props.item.recordId)}`;
  const reasons = () => ctx.project().exclusionReasons;
  const legacy = () => (props.item.resolution?.decision === 'exclude' && reasons().includes(props.item.resolution.reason) ? props.item.resolution.reason : '');
  const [decision, setDecision] = createSignal<string>(props.item.resolution?.decision ?? '');
  const [chosen, setChosen] = createSignal(ctx.exclusionReasonOf(props.item.recordId) ?? legacy());
  const [reason, setReason] = createSignal(props.item.resolution?.source === 'lead' ? props.item.resolution.reason : '');
  const [error, setError] = createSignal<string>();
  const [reasonError, setReasonError] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const needsReason = () => ctx.stage === 'ft' && decision() === 'exclude';
  // Radio values are indexes: reasons are free text, and become part of element ids.
  const chosenIndex = () => String(reasons().indexOf(chosen()));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setSaved(undefined);
    const d = decision();
    if (d !== 'include' && d !== 'exclude') { setError(t('conflicts.final.choose')); return; }
    const exclusionReason = needsReason() && reasons().includes(chosen()) ? chosen() : undefined;
    if (needsReason() && reasons().length && !exclusionReason) {
      setError(undefined);
      setReasonError(t('conflicts.final.needReason'));
      document.getElementById(`${base}-why-0`)?.focus();
      return;
    }
    setError(undefined);
    setReasonError(undefined);
    setBusy(true);
    try {
      const r = await resolveConflict(ctx.pid, ctx.stage, props.item.recordId, { decision: d, reason: reason().trim() || undefined, exclusionReason });
      ctx.setExclusionReason(props.item.recordId, r.exclusionReason ?? null);
      setSaved(t('conflicts.final.saved', { decision: t(decisionWord(d)) }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${base}-h`} class="final-decision">
      <h3 id={`${base}-h`}>{t('conflicts.final.title')}</h3>
      <form onSubmit={submit} class="stack" noValidate>
        <FormAlert message={error()} />
        <RadioGroup id={`${base}-decision`} legend={t('conflicts.final.legend')} value={decision()} onValue={setDecision}
          choices={[
            { value: 'include', label: t('conflicts.decision.include') },
            { value: 'exclude', label: t('conflicts.decision.exclude') },
          ]} />
        <Show when={needsReason()}>
          <Show when={reasons().length} fallback={<p class="hint">{t('conflicts.final.noReasons')}</p>}>
            <RadioGroup id={`${base}-why`} legend={t('conflicts.final.exclusionReason')} hint={t('conflicts.final.exclusionReasonHint')}
              error={reasonError()} value={chosenIndex()} onValue={(i) => { setChosen(reasons()[Number(i)] ?? ''); setReasonError(undefined); }}
              choices={reasons().map((r, i) => ({ value: String(i), label: r }))} />
          </Show>
        </Show>
        <TextArea id={`${base}-reason`} label={t('conflicts.final.reason')} hint={t('conflicts.final.reasonHint')} optional rows={2}
          value={reason()} onValue={setReason} maxLength={2000} />
        <StatusMessage message={saved()} />
        <button type="submit" class="btn primary" aria-disabled={busy() ? 'true' : undefined}>{t('conflicts.final.submit')}</button>
      </form>
    </section>
  );
}
