/** Tells the user, in plain words, whether their changes are being shared live. */
import { useLocation, useNavigate } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import { t } from '../i18n';
import { signOutHere } from '../auth/session';
import type { SyncStatus } from './docs';

const TEXT = {
  connecting: 'sync.connecting',
  connected: 'sync.connected',
  offline: 'sync.offline',
  revoked: 'sync.revoked',
  refused: 'sync.refused',
  loggedOut: 'sync.loggedOut',
} as const;

/** A small status line; losing access (or the session) is announced as an alert, the rest politely. */
export function SyncStatusBanner(props: { status: SyncStatus }) {
  const serious = () => props.status === 'revoked' || props.status === 'refused' || props.status === 'loggedOut';
  return (
    <>
      <div role="status" class="sync-status" data-status={props.status}>
        <Show when={!serious()}>
          <span class="sync-dot" aria-hidden="true" />
          <span class="visually-hidden">{t('sync.status')}: </span>
          {t(TEXT[props.status])}
        </Show>
      </div>
      <div role="alert" class="alert-region">
        <Switch>
          <Match when={props.status === 'loggedOut'}>
            <LoggedOut />
          </Match>
          <Match when={serious()}>
            <p class="form-alert">{t(TEXT[props.status])}</p>
          </Match>
        </Switch>
      </div>
    </>
  );
}

/** The session is over: what happened, that nothing is lost, and the way back to this very page. */
function LoggedOut() {
  const location = useLocation();
  const navigate = useNavigate();
  const href = () => `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
  const onClick = (e: MouseEvent) => {
    e.preventDefault();
    const to = href();
    // Signed out here first, or the log-in page would send a still "signed-in" page straight back.
    // The documents close; their copies on this device stay and sync once the person is back.
    signOutHere();
    navigate(to, { replace: true });
  };
  return (
    <p class="form-alert" data-testid="logged-out">
      {t('sync.loggedOut')} <a href={href()} onClick={onClick}>{t('sync.logInAgain')}</a>
    </p>
  );
}
