/**
 * The pilot round on its own: the same figures over the pilot records only, frozen when the pilot
 * (or, failing that, the stage) was unblinded, and now.
 */
import { Show } from 'solid-js';
import type { AgreementRater, PilotAgreement } from '../../../shared/agreement/report';
import { formatDate, t } from '../i18n';
import { agreementUrl } from './api';
import type { Cats } from './PairSection';
import { Snapshots } from './Snapshots';

/** The pilot section; `onlyPilot` when the rest of the stage is still hidden from this user. */
export function PilotSection(props: { pid: string; pilot: PilotAgreement; raters: AgreementRater[]; cats: Cats; onlyPilot?: boolean }) {
  const u = () => props.pilot.unblinding;
  const atLabel = () => (u()?.scope === 'pilot' ? t('agreement.col.atPilotUnblinding') : t('agreement.col.atUnblinding'));
  return (
    <section class="pilot" aria-labelledby="pilot-h" data-testid="pilot">
      <h2 id="pilot-h">{t('agreement.pilot.heading')}</h2>
      <p>{t('agreement.pilot.intro', { count: props.pilot.recordIds.length })}</p>
      <Show when={props.onlyPilot}>
        <p>{t('agreement.pilot.onlyPilot')}</p>
      </Show>
      <p class="meta">
        {u()
          ? t(u()!.scope === 'pilot' ? 'agreement.pilot.openedOn' : 'agreement.pilot.stageOpenedOn', { date: formatDate(u()!.at) })
          : t('agreement.pilot.notYet')}
      </p>
      <p>
        <a class="btn small" href={agreementUrl(props.pid, 'ta', { pilot: true, csv: true })} download="">
          {t('agreement.pilot.csv')}
        </a>
      </p>
      <Snapshots id="pilot" level={3} raters={props.raters} cats={props.cats} now={props.pilot.now} at={props.pilot.atUnblinding} atLabel={atLabel()} />
    </section>
  );
}
