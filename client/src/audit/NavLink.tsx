/** The project navigation's "Activity" link: leads only, as only they may read the audit log. */
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { canManageProject, type Role } from '../../../shared/roles';
import { t } from '../i18n';

/** A nav list item linking to the Activity page, for leads. */
export function ActivityNavLink(props: { pid: string; role: Role }) {
  return (
    <Show when={canManageProject(props.role)}>
      <li>
        <A href={`/projects/${encodeURIComponent(props.pid)}/activity`}>{t('nav.activity')}</A>
      </li>
    </Show>
  );
}
