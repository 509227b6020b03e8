/**
 * /projects/:pid/agreement/:stage — agreement between reviewers: per pair, percent agreement,
 * Cohen's kappa (SE, 95% CI), PABAK, Gwet's AC1 and Scott's pi; Fleiss and Krippendorff with more
 * than two; contingency tables; "at unblinding" beside "now"; drift over batches; the pilot round.
 * The report comes over HTTP and is fetched again whenever the board's live figures change.
 * While the stage is blind for this user the page explains that calmly and shows nothing else
 * (except the pilot round, once a lead opened it to everyone).
 */
import { useParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { Stage } from '../../../shared/api';
import type { AgreementReport } from '../../../shared/agreement/report';
import { currentUser } from '../auth/session';
import { formatDate, locale, t, type MessageKey } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { RadioGroup } from '../ui/fields';
import { Page } from '../ui/Page';
import { isBlinded, latestOf, ReportStates } from '../ui/ReportStates';
import { agreementUrl, getAgreement, getPilotAgreement } from './api';
import { useBoardStages } from './board';
import { Explain } from './Explain';
import type { Cats } from './PairSection';
import { PilotSection } from './PilotSection';
import { Snapshots } from './Snapshots';
import './agreement.css';

const STAGE_NAME: Record<Stage, MessageKey> = { ta: 'agreement.stage.ta', ft: 'agreement.stage.ft' };

/** The agreement page (keyed on the stage, so switching stage rebuilds it). */
export function AgreementPage() {
  const params = useParams<{ stage?: string }>();
  const stage = (): Stage => (params.stage === 'ft' ? 'ft' : 'ta');
  return (
    <Show when={stage()} keyed>
      {(s) => <StageAgreement stage={s} />}
    </Show>
  );
}

function StageAgreement(props: { stage: Stage }) {
  useLocationInProject('agreement');
  const { project } = useProject();
  const pid = project().id;
  const stage = props.stage;
  const board = useBoardStages(pid, currentUser()!.id);

  const [report, { refetch }] = createResource(() => getAgreement(pid, stage));
  // The pilot alone, for people who may see it (a lead opened it) while the stage stays blind to them.
  const pilotOnly = () => stage === 'ta' && isBlinded(report) && !!board().ta?.pilot;
  const [pilot, { refetch: refetchPilot }] = createResource(pilotOnly, () => getPilotAgreement(pid));

  // Live: the board carries this viewer's figures (or pilot conflicts); when they change, ask again.
  const liveKey = createMemo(() => {
    const b = board()[stage];
    return b ? JSON.stringify([b.visible, b.unblinded, b.agreement ?? null, b.pilot?.conflicts ?? null, board().ta?.visible]) : '';
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(liveKey, (key) => {
      if (!key) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        void refetch();
        if (pilotOnly()) void refetchPilot();
      }, 250);
    }, { defer: true }),
  );
  onCleanup(() => clearTimeout(timer));

  const [updated, setUpdated] = createSignal<Date>();
  createEffect(() => {
    if (report.state === 'ready') setUpdated(new Date());
  });
  const time = (d: Date) => new Intl.DateTimeFormat(locale().code, { timeStyle: 'medium' }).format(d);

  const [cats, setCats] = createSignal<Cats>('two');
  const heading = () => t('agreement.heading', { stage: t(STAGE_NAME[stage]) });
  const current = () => latestOf(report);
  const pilotCurrent = () => latestOf(pilot);
  // The report's rule for 'maybe' is the one its figures used; the project's is the fallback.
  const maybeAs = () => current()?.maybeAs ?? pilotCurrent()?.maybeAs ?? project().maybeAs;

  return (
    <Page title={heading()}>
      <nav aria-label={t('agreement.stages')}>
        <ul class="nav-list tabs">
          <For each={['ta', 'ft'] as Stage[]}>
            {(s) => (
              <li>
                {/* A plain link (the router still handles it): /agreement alone shows 'ta', which <A> would not mark current. */}
                <a href={`/projects/${encodeURIComponent(pid)}/agreement/${s}`} aria-current={s === stage ? 'page' : undefined}>
                  {t(STAGE_NAME[s])}
                </a>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <ReportStates
        report={report}
        messages="agreement"
        whileBlinded={
          <Show when={pilotOnly() && pilotCurrent()}>
            {(p) => (
              <div class="agreement">
                <CategoryChoice cats={cats()} setCats={setCats} maybeAs={maybeAs()} />
                <PilotSection pid={pid} pilot={p().pilot} raters={p().raters} cats={cats()} onlyPilot />
                <Explain maybeAs={maybeAs()} />
              </div>
            )}
          </Show>
        }
      >
        {(r) => (
          <div class="agreement">
            <p>{t('agreement.intro')}</p>
            <p class="meta">
              {r().unblinded && r().unblindedAt ? t('agreement.status.unblinded', { date: formatDate(r().unblindedAt!) }) : t('agreement.status.live')}{' '}
              {t('agreement.live')}
            </p>
            <p role="status" class="meta" data-testid="updated">
              {/* Show calls its children untracked: only inside JSX does the time follow each update. */}
              <Show when={updated()}>{(d) => <>{t('agreement.status.updated', { time: time(d()) })}</>}</Show>
            </p>
            <div class="toolbar">
              <CategoryChoice cats={cats()} setCats={setCats} maybeAs={maybeAs()} />
              <a class="btn" href={agreementUrl(pid, stage, { csv: true })} download="">
                {t('agreement.csv')}
              </a>
            </div>
            <StageFigures report={r()} cats={cats()} />
            <Show when={r().pilot}>{(p) => <PilotSection pid={pid} pilot={p()} raters={r().raters} cats={cats()} />}</Show>
            <Explain maybeAs={maybeAs()} />
          </div>
        )}
      </ReportStates>
    </Page>
  );
}

/** The whole stage's figures, or a plain sentence when there are none yet. */
function StageFigures(props: { report: AgreementReport; cats: Cats }) {
  const anyOverlap = () => props.report.now.pairs.some((p) => p.three.n > 0) || !!props.report.atUnblinding?.pairs.some((p) => p.three.n > 0);
  return (
    <Show when={props.report.raters.length > 1} fallback={<p class="panel">{t('agreement.noRaters')}</p>}>
      <Show when={anyOverlap()}>
        <Snapshots
          id="stage"
          level={2}
          raters={props.report.raters}
          cats={props.cats}
          now={props.report.now}
          at={props.report.atUnblinding}
          atLabel={t('agreement.col.atUnblinding')}
          drift={props.report.drift}
        />
      </Show>
      <Show when={!anyOverlap()}>
        <p class="panel">{t('agreement.none')}</p>
      </Show>
    </Show>
  );
}

/** Two categories (maybe counted per the project's rule) or three. */
function CategoryChoice(props: { cats: Cats; setCats: (c: Cats) => void; maybeAs: 'include' | 'exclude' }) {
  return (
    <RadioGroup
      id="agreement-cats"
      legend={t('agreement.categories')}
      value={props.cats}
      onValue={(v) => props.setCats(v as Cats)}
      choices={[
        { value: 'two', label: t('agreement.categories.two', { maybeAs: t(`agreement.maybeAs.${props.maybeAs}`) }) },
        { value: 'three', label: t('agreement.categories.three') },
      ]}
    />
  );
}
