/** Shown for any address the app does not know. */
import { A } from '@solidjs/router';
import { t } from '../i18n';
import { Page } from './Page';

/** The 404 page. */
export function NotFound() {
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <A href="/projects">{t('notFound.home')}</A>
      </p>
    </Page>
  );
}
