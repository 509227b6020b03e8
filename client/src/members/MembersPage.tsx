/**
 * /projects/:pid/members — everyone in the project. Leads can change a member's role or remove
 * them; others see the list only. The server enforces the same rules (e.g. a last lead stays).
 */
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { Member } from '../../../shared/api';
import { canManageProject, ROLES, type Role } from '../../../shared/roles';
import { errorMessage } from '../api/errors';
import { currentUser } from '../auth/session';
import { formatDate, t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { Loading, Page } from '../ui/Page';
import { ScrollBox } from '../ui/ScrollBox';
import { changeMemberRole, listMembers, removeMember } from './api';
import { roleName } from './roleText';

/** The members page. */
export function MembersPage() {
  const { project, role } = useProject();
  useLocationInProject('members');
  const [members, { mutate, refetch }] = createResource(() => project().id, listMembers);
  const [status, setStatus] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const lead = () => canManageProject(role());

  const act = async (work: () => Promise<string>) => {
    setStatus(undefined);
    setProblem(undefined);
    try {
      setStatus(await work());
    } catch (err) {
      setProblem(errorMessage(err));
      void refetch();
    }
  };
  const onRole = (m: Member, next: Role) =>
    act(async () => {
      const updated = await changeMemberRole(project().id, m.userId, next);
      mutate((list) => list?.map((x) => (x.userId === m.userId ? updated : x)));
      // The new member object re-creates the row, so the pressed button is gone and focus fell
      // to <body>: put keyboard users back on this member's role.
      document.getElementById(`role-${m.userId}`)?.focus();
      return t('members.roleChanged', { name: m.name, role: roleName(updated.role) });
    });
  const onRemove = (m: Member) =>
    act(async () => {
      await removeMember(project().id, m.userId);
      // the pressed button goes with its row: keyboard users go on from the next row's role
      // select, as the table shows it, else from the page heading
      const row = document.getElementById(`role-${m.userId}`)?.closest('tr');
      const near = row?.nextElementSibling ?? row?.previousElementSibling;
      const next = near?.querySelector<HTMLElement>('select') ?? document.querySelector<HTMLElement>('main h1');
      mutate((l) => l?.filter((x) => x.userId !== m.userId));
      next?.focus();
      return t('members.removed', { name: m.name });
    });

  return (
    <Page title={t('members.title')}>
      <FormAlert message={problem()} />
      <StatusMessage message={status()} />
      <Switch>
        <Match when={members.error}>
          <p role="alert">{errorMessage(members.error)}</p>
        </Match>
        <Match when={members.loading && !members.latest}>
          <Loading />
        </Match>
        <Match when={members.latest}>
          {(list) => (
            <ScrollBox>
              {/* On a phone the rows stack as cards (CSS: .member-cards), and a table styled
                  display:block loses its table semantics in some browsers (Safari): the explicit
                  roles keep screen readers announcing rows, cells and their column headers. */}
              <table class="members member-cards" role="table">
                <caption>{t('members.caption')}</caption>
                <thead role="rowgroup">
                  <tr role="row">
                    <th scope="col" role="columnheader">{t('members.name')}</th>
                    <th scope="col" role="columnheader">{t('members.email')}</th>
                    <th scope="col" role="columnheader">{t('members.role')}</th>
                    <th scope="col" role="columnheader">{t('members.joined')}</th>
                    <Show when={lead()}>
                      <th scope="col" role="columnheader">{t('members.actions')}</th>
                    </Show>
                  </tr>
                </thead>
                <tbody role="rowgroup">
                  <For each={list()}>
                    {(m) => <MemberRow member={m} lead={lead()} onRole={onRole} onRemove={onRemove} />}
                  </For>
                </tbody>
              </table>
            </ScrollBox>
          )}
        </Match>
      </Switch>
      <Show when={lead()}>
        <p>
          <A href={`/projects/${encodeURIComponent(project().id)}/invite`} class="btn">
            {t('members.inviteLink')}
          </A>
        </p>
      </Show>
    </Page>
  );
}

function MemberRow(props: { member: Member; lead: boolean; onRole: (m: Member, r: Role) => Promise<void>; onRemove: (m: Member) => Promise<void> }) {
  const m = () => props.member;
  const isMe = () => currentUser()?.id === m().userId;
  const [choice, setChoice] = createSignal<Role>(m().role);
  const [confirming, setConfirming] = createSignal(false);
  const selectId = () => `role-${m().userId}`;
  let removeButton: HTMLButtonElement | undefined;
  let confirmButton: HTMLButtonElement | undefined;
  const startConfirm = () => {
    setConfirming(true);
    confirmButton?.focus();
  };
  const cancel = () => {
    setConfirming(false);
    removeButton?.focus();
  };
  return (
    <tr role="row">
      <th scope="row" role="rowheader" data-label={t('members.name')}>
        {isMe() ? t('members.you', { name: m().name }) : <bdi>{m().name}</bdi>}
      </th>
      <td role="cell" data-label={t('members.email')}>
        <bdi>{m().email}</bdi>
      </td>
      <td role="cell" data-label={t('members.role')}>
        <Show when={props.lead} fallback={roleName(m().role)}>
          {/* Changing a role takes an explicit button press: a select that acts on change
              would fire while a keyboard user is still arrowing through the options. */}
          <div class="inline-form">
            <label for={selectId()} class="visually-hidden">
              {t('members.roleFor', { name: m().name })}
            </label>
            <select id={selectId()} value={choice()} onChange={(e) => setChoice(e.currentTarget.value as Role)}>
              <For each={ROLES}>{(r) => <option value={r} selected={r === choice()}>{roleName(r)}</option>}</For>
            </select>
            <button type="button" class="btn small" disabled={choice() === m().role}
              onClick={() => void props.onRole(m(), choice())}>
              {t('members.saveRole')}
            </button>
          </div>
        </Show>
      </td>
      <td role="cell" data-label={t('members.joined')}>{formatDate(m().joinedAt)}</td>
      <Show when={props.lead}>
        <td role="cell" data-label={t('members.actions')}>
          <Show
            when={confirming()}
            fallback={
              <button ref={removeButton} type="button" class="btn small danger" onClick={startConfirm}
                aria-label={t('members.removeLabel', { name: m().name })}>
                {t('members.remove')}
              </button>
            }
          >
            <div class="confirm" role="group" aria-labelledby={`confirm-${m().userId}`}>
              <p id={`confirm-${m().userId}`}>{t('members.confirmRemove', { name: m().name })}</p>
              <button ref={confirmButton} type="button" class="btn small danger" onClick={() => void props.onRemove(m())}>
                {t('members.confirmYes')}
              </button>
              <button type="button" class="btn small" onClick={cancel}>
                {t('members.cancel')}
              </button>
            </div>
          </Show>
        </td>
      </Show>
    </tr>
  );
}
