/** Who screens a stage: every reviewer, plus the leads and co-researchers a lead ticks here. */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Stage } from '../../../shared/api';
import { errorMessage } from '../api/errors';
import { formatList, t } from '../i18n';
import { listMembers } from '../members/api';
import { roleName } from '../members/roleText';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { getScreeners, setScreeners } from './api';

/** The lead's form for a stage's screeners. */
export function ScreenersForm(props: { pid: string; stage: Stage; onSaved: () => void }) {
  const [data, { mutate }] = createResource(
    () => [props.pid, props.stage] as const,
    async ([pid, stage]) => ({ members: await listMembers(pid), screeners: await getScreeners(pid, stage) }),
  );
  const [picked, setPicked] = createSignal<Set<string> | null>(null);
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const chosen = () => picked() ?? new Set(data()?.screeners.filter((s) => s.role !== 'reviewer').map((s) => s.userId) ?? []);
  const optional = () => data()?.members.filter((m) => m.role === 'lead' || m.role === 'co_researcher') ?? [];
  const reviewers = () => data()?.members.filter((m) => m.role === 'reviewer') ?? [];

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(undefined);
    setBusy(true);
    try {
      const screeners = await setScreeners(props.pid, props.stage, [...chosen()]);
      mutate((d) => (d ? { ...d, screeners } : d));
      setPicked(null);
      setSaved(t('stages.screenersSaved'));
      props.onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={data()} fallback={<Show when={data.error} fallback={<p class="meta">{t('app.loading')}</p>}><p role="alert">{errorMessage(data.error)}</p></Show>}>
      <form class="stack" onSubmit={onSubmit}>
        <FormAlert message={error()} />
        <p>
          {reviewers().length
            ? t('stages.reviewersScreen', { names: formatList(reviewers().map((r) => r.name)) })
            : t('stages.noReviewers')}
        </p>
        <fieldset>
          <legend>{t('stages.addScreeners')}</legend>
          <p class="hint">{t('stages.addScreenersHint')}</p>
          <For each={optional()}>
            {(m) => (
              <div class="checkbox">
                <input
                  type="checkbox"
                  id={`screener-${props.stage}-${m.userId}`}
                  checked={chosen().has(m.userId)}
                  onChange={(e) => {
                    const next = new Set(chosen());
                    if (e.currentTarget.checked) next.add(m.userId);
                    else next.delete(m.userId);
                    setPicked(next);
                  }}
                />
                <label for={`screener-${props.stage}-${m.userId}`}>
                  <bdi>{m.name}</bdi> ({roleName(m.role)})
                </label>
              </div>
            )}
          </For>
        </fieldset>
        <button type="submit" class="btn" disabled={busy()}>
          {t('stages.saveScreeners')}
        </button>
        <StatusMessage message={saved()} />
      </form>
    </Show>
  );
}
