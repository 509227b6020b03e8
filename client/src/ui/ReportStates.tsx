/**
 * The four states of a report page that reads from everyone's decisions (agreement, PRISMA):
 * hidden while the stage is blind for this viewer, failed, loading, or ready. One place for the
 * calm "still hidden" panel, so every such page says it the same way to people and to axe.
 */
import { Match, Switch, type Accessor, type JSX, type Resource } from 'solid-js';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/errors';
import { t, type MessageKey } from '../i18n';
import { Loading } from './Page';

/** Message-key prefixes P with all the texts shown here: P.blinded.title, .body, .next and P.loadFailed. */
export type ReportMessages = {
  [K in MessageKey]: K extends `${infer P}.blinded.title` ? (`${P}.blinded.body` | `${P}.blinded.next` | `${P}.loadFailed` extends MessageKey ? P : never) : never;
}[MessageKey];

/** Whether the server refused the resource because the stage is still blind for this viewer. */
export const isBlinded = (res: { readonly error: unknown }): boolean => res.error instanceof ApiError && res.error.code === 'blinded';

/** The resource's latest value, or undefined while it holds an error (reading `latest` then would throw). */
export const latestOf = <T,>(res: Resource<T>): T | undefined => (res.error ? undefined : res.latest);

/** Switches between the blinded panel (then `whileBlinded`), the load error, Loading, and `children` with the report. */
export function ReportStates<T>(props: {
  report: Resource<T>;
  /** Whose texts to show, e.g. 'agreement' for agreement.blinded.title. */
  messages: ReportMessages;
  /** Shown under the blinded panel, e.g. a pilot round a lead opened to everyone. */
  whileBlinded?: JSX.Element;
  children: (report: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={isBlinded(props.report)}>
        <section class="panel calm" aria-labelledby="blinded-h">
          <h2 id="blinded-h">{t(`${props.messages}.blinded.title`)}</h2>
          <p>{t(`${props.messages}.blinded.body`)}</p>
          <p>{t(`${props.messages}.blinded.next`)}</p>
        </section>
        {props.whileBlinded}
      </Match>
      <Match when={props.report.error}>
        <p role="alert">
          {t(`${props.messages}.loadFailed`)} {errorMessage(props.report.error)}
        </p>
      </Match>
      <Match when={!latestOf(props.report)}>
        <Loading />
      </Match>
      <Match when={latestOf(props.report)}>{(report) => props.children(report)}</Match>
    </Switch>
  );
}
