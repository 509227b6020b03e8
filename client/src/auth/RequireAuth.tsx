/** Route guard: renders its children for signed-in users and sends everyone else to log in. */
import { Navigate, useLocation } from '@solidjs/router';
import { Match, Switch, type JSX } from 'solid-js';
import { Loading } from '../ui/Page';
import { currentUser } from './session';

/** Wraps routes that need a session; remembers where the user was going. */
export function RequireAuth(props: { children?: JSX.Element }) {
  const location = useLocation();
  return (
    <Switch>
      <Match when={currentUser() === undefined}>
        <Loading />
      </Match>
      <Match when={currentUser() === null}>
        <Navigate href={() => `/login?next=${encodeURIComponent(location.pathname + location.search)}`} />
      </Match>
      <Match when={currentUser()}>{props.children}</Match>
    </Switch>
  );
}

/** The home route: projects for signed-in users, log in for everyone else. */
export function Home() {
  return (
    <Switch>
      <Match when={currentUser() === undefined}>
        <Loading />
      </Match>
      <Match when={currentUser() === null}>
        <Navigate href="/login" />
      </Match>
      <Match when={currentUser()}>
        <Navigate href="/projects" />
      </Match>
    </Switch>
  );
}
