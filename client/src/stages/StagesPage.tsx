/**
 * /projects/:pid/stages — the two screening stages at a glance. Leads manage them here (who
 * screens, unblinding, the settings that shape screening); everyone else sees what the blinding
 * rule lets them see. All live figures come from the board, which the server fills per audience.
 */
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { STAGES, type Project } from '../../../shared/api';
import { canManageProject } from '../../../shared/roles';
import { splitServerError } from '../api/errors';
import { formatNumber, t } from '../i18n';
import { patchProject } from '../projects/api';
import { useLocationInProject, useProject } from '../projects/context';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { RadioGroup } from '../ui/fields';
import { Page } from '../ui/Page';
import { useBoard } from './board';
import { StageSection } from './StageSection';
import './stages.css';

/** The stage page. */
export function StagesPage() {
  const { project, role } = useProject();
  useLocationInProject('stages');
  const board = useBoard(() => project().id);
  const lead = () => canManageProject(role());
  return (
    <Page title={t('stages.title')}>
      <p>{t('stages.intro')}</p>
      <p class="meta" role="status">
        {board.status() === 'connected' ? t('stages.live') : board.status() === 'offline' ? t('stages.offline') : ''}
      </p>
      <ScreeningSettings project={project()} lead={lead()} />
      <For each={STAGES}>{(stage) => <StageSection project={project()} stage={stage} board={board.stages().get(stage)} taUnblinded={board.stages().get('ta')?.unblinded === true} lead={lead()} />}</For>
    </Page>
  );
}

/** The settings that shape screening, with a link to change them; leads set how "maybe" counts here. */
function ScreeningSettings(props: { project: Project; lead: boolean }) {
  const { setProject } = useProject();
  const p = () => props.project;
  const [maybeAs, setMaybeAs] = createSignal<string>(p().maybeAs);
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(undefined);
    try {
      const res = await patchProject(p().id, { maybeAs: maybeAs() as Project['maybeAs'] });
      setProject(res.project, res.role);
      setSaved(t('settings.saved'));
    } catch (err) {
      setError(splitServerError(err, []).message);
    }
  };
  return (
    <section class="panel" aria-labelledby="screening-settings-heading">
      <h2 id="screening-settings-heading">{t('stages.settings')}</h2>
      <dl class="settings-list">
        <dt>{t('settings.reviewersPerRecord')}</dt>
        <dd>{formatNumber(p().reviewersPerRecord)}</dd>
        <dt>{t('settings.assignment')}</dt>
        <dd>{p().assignment === 'all' ? t('settings.assignment.all') : t('settings.assignment.balanced')}</dd>
        <dt>{t('settings.pilotSize')}</dt>
        <dd>{p().pilotSize ? formatNumber(p().pilotSize) : t('stages.noPilot')}</dd>
        <dt>{t('settings.exclusionReasons')}</dt>
        <dd>{formatNumber(p().exclusionReasons.length)}</dd>
        <Show when={!props.lead}>
          <dt>{t('stages.maybeAs')}</dt>
          <dd>{p().maybeAs === 'include' ? t('stages.maybeAs.include') : t('stages.maybeAs.exclude')}</dd>
        </Show>
      </dl>
      <Show when={props.lead}>
        <form class="stack" onSubmit={onSubmit}>
          <FormAlert message={error()} />
          <RadioGroup
            id="maybe-as"
            legend={t('stages.maybeAs')}
            hint={t('stages.maybeAsHint')}
            value={maybeAs()}
            onValue={setMaybeAs}
            choices={[
              { value: 'include', label: t('stages.maybeAs.include') },
              { value: 'exclude', label: t('stages.maybeAs.exclude') },
            ]}
          />
          <button type="submit" class="btn">
            {t('stages.saveMaybeAs')}
          </button>
          <StatusMessage message={saved()} />
        </form>
        <p>
          <A href={`/projects/${encodeURIComponent(p().id)}/settings`}>{t('stages.changeSettings')}</A>
        </p>
      </Show>
    </section>
  );
}
