/** The project navigation's "PRISMA flow" link: shown only when this user may see the flow. */
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { currentUser } from '../auth/session';
import { t } from '../i18n';
import { prismaVisible, useBoardStages } from '../agreement/board';

/** A nav list item linking to the PRISMA page, once both stages are visible to this user. */
export function PrismaNavLink(props: { pid: string }) {
  const stages = useBoardStages(props.pid, currentUser()!.id);
  return (
    <Show when={prismaVisible(stages())}>
      <li>
        <A href={`/projects/${encodeURIComponent(props.pid)}/prisma`}>{t('nav.prisma')}</A>
      </li>
    </Show>
  );
}
