/**
 * The frame around every page: skip link, header with the main navigation, the main landmark
 * the skip link targets, and a footer.
 */
import { A, useNavigate } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { currentUser, loggingOut, logout } from '../auth/session';
import { UnsyncedDialog } from '../auth/UnsyncedDialog';
import { t } from '../i18n';
import { LanguagePicker } from './LanguagePicker';

function skipToMain(e: MouseEvent) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

/** Root layout used by the router for every route. */
export function AppShell(props: { children?: JSX.Element }) {
  const navigate = useNavigate();
  const onLogout = async () => {
    // false: the person chose to stay signed in (work not yet on the server); they stay here.
    let signedOut = true;
    try {
      signedOut = await logout();
    } finally {
      if (signedOut) navigate('/login', { replace: true });
    }
  };
  return (
    <>
      {/* A native listener (on:click) runs before the router's document-level one: we move focus
          ourselves, because the router would otherwise take over the click and only scroll. */}
      <a class="skip-link" href="#main" on:click={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <header class="site-header">
        <A href="/" class="brand" end>
          {t('app.name')}
        </A>
        <nav aria-label={t('nav.main')}>
          <ul class="nav-list">
            <Show
              when={currentUser()}
              fallback={
                <Show when={currentUser() === null}>
                  <li>
                    <A href="/login">{t('nav.login')}</A>
                  </li>
                  <li>
                    <A href="/signup">{t('nav.signup')}</A>
                  </li>
                </Show>
              }
            >
              <li>
                <A href="/projects">{t('nav.projects')}</A>
              </li>
              <li class="nav-user" data-testid="header-user">
                {t('nav.signedInAs', { name: currentUser()?.name ?? '' })}
              </li>
              <li>
                <A href="/account">{t('nav.account')}</A>
              </li>
              <li>
                <button type="button" class="link-button" onClick={onLogout} aria-disabled={loggingOut() ? 'true' : undefined}>
                  {loggingOut() ? t('logout.checking') : t('nav.logout')}
                </button>
              </li>
            </Show>
          </ul>
        </nav>
      </header>
      <main id="main" tabindex="-1">
        <UnsyncedDialog />
        {props.children}
      </main>
      <footer class="site-footer">
        <p>{t('app.footer')}</p>
        <LanguagePicker />
      </footer>
    </>
  );
}
