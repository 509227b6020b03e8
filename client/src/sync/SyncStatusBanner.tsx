/** Tells the user, in plain words, whether their changes are being shared live. */
import { Show } from 'solid-js';
import { t } from '../i18n';
import type { SyncStatus } from './docs';

const TEXT = {
  connecting: 'sync.connecting',
  connected: 'sync.connected',
  offline: 'sync.offline',
  revoked: 'sync.revoked',
  refused: 'sync.refused',
} as const;

/** A small status line; losing access is announced as an alert, the rest politely. */
export function SyncStatusBanner(props: { status: SyncStatus }) {
  const serious = () => props.status === 'revoked' || props.status === 'refused';
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
        <Show when={serious()}>
          <p class="form-alert">{t(TEXT[props.status])}</p>
        </Show>
      </div>
    </>
  );
}
