/**
 * The project navigation's "Screen" link, only for people who screen: reviewers always do; leads and
 * co-researchers only where a lead added them to a stage; observers never. Others would find only
 * "You are not screening this stage" behind it.
 */
import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { Stage } from '../../../shared/api';
import { canEditWorkspace, screensByDefault, type Role } from '../../../shared/roles';
import { t } from '../i18n';
import { screensStage } from '../screening/api';

/** The first stage this person screens, or null. */
async function screenedStage(pid: string): Promise<Stage | null> {
  for (const stage of ['ta', 'ft'] as const) {
    if (await screensStage(pid, stage)) return stage;
  }
  return null;
}

/** A nav list item linking to the screening page of the first stage this person screens. */
export function ScreenNavLink(props: { pid: string; role: Role }) {
  const [stage] = createResource(
    () => (canEditWorkspace(props.role) && !screensByDefault(props.role) ? props.pid : false),
    screenedStage,
  );
  const target = () => (screensByDefault(props.role) ? 'ta' : stage.latest);
  return (
    <Show when={target()}>
      {(s) => (
        <li>
          <A href={`/projects/${encodeURIComponent(props.pid)}/screen/${s()}`}>{t('nav.screen')}</A>
        </li>
      )}
    </Show>
  );
}
