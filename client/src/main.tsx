/** Client entry point: binds the locale to <html>, checks the session, and renders the app. */
import { render } from 'solid-js/web';
import { App } from './App';
import { loadSession } from './auth/session';
import { bindDocumentLocale } from './i18n';
import { registerOffline } from './offline/register';
import './ui/styles.css';

bindDocumentLocale();
void loadSession();
render(() => <App />, document.getElementById('root')!);
registerOffline();
