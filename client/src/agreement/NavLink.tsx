/** The project navigation's "Agreement" link: shown only when this user may see some figures. */
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { currentUser } from '../auth/session';
import { t } from '../i18n';
import { agreementVisible, useBoardStages } from './board';

/** A nav list item linking to the agreement page, once the board says there is something to see. */
export function AgreementNavLink(props: { pid: string }) {
  const stages = useBoardStages(props.pid, currentUser()!.id);
  return (
    <Show when={agreementVisible(stages())}>
      <li>
        <A href={`/projects/${encodeURIComponent(props.pid)}/agreement`}>{t('nav.agreement')}</A>
      </li>
    </Show>
  );
}
