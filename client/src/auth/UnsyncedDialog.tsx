/**
 * The question log-out asks when some work on this device has not reached the server: logging out
 * deletes the local copies, so it would be lost. Staying signed in is the default (first, focused,
 * and what Escape chooses), because losing a reviewer's work is the worse mistake. A modal
 * <dialog> keeps the rest of the page out of reach while it is open.
 */
import { useLocation } from '@solidjs/router';
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { t } from '../i18n';
import { StatusMessage } from '../ui/alerts';
import './unsynced.css';

/** What the person chose. */
export type UnsyncedChoice = 'stay' | 'discard';

interface Question {
  count: number;
  unchecked: boolean;
  answer(choice: UnsyncedChoice): void;
}

const [question, setQuestion] = createSignal<Question | null>(null);
const [stayed, setStayed] = createSignal(false);
// How many dialogs are on the page; with none, nobody could answer.
let mounted = 0;

/**
 * Asks what to do about `count` items not on the server (`unchecked`: some could not be checked).
 * Resolves 'stay' when no dialog is on the page, so a log-out never deletes work unasked.
 */
export function askAboutUnsynced(count: number, unchecked: boolean): Promise<UnsyncedChoice> {
  setStayed(false);
  if (mounted === 0) return Promise.resolve('stay');
  question()?.answer('stay');
  return new Promise((resolve) => {
    const q: Question = {
      count,
      unchecked,
      answer(choice) {
        if (question() !== q) return;
        setQuestion(null);
        setStayed(choice === 'stay');
        resolve(choice);
      },
    };
    setQuestion(q);
  });
}

/** The dialog and, after "stay", a status line saying so. Mount once, inside the router. */
export function UnsyncedDialog() {
  let dialog: HTMLDialogElement | undefined;
  let stay: HTMLButtonElement | undefined;
  let returnTo: HTMLElement | null = null;
  mounted++;
  onCleanup(() => {
    mounted--;
    question()?.answer('stay');
  });

  createEffect(() => {
    const q = question();
    if (!dialog) return;
    if (q && !dialog.open) {
      returnTo = document.activeElement as HTMLElement | null;
      dialog.showModal();
      stay?.focus();
    } else if (!q && dialog.open) {
      dialog.close();
      // Back to where the person was (the Log out button), if it is still on the page.
      if (returnTo?.isConnected) returnTo.focus();
      returnTo = null;
    }
  });

  // The note is about this moment: it goes once the person moves on to another page.
  const location = useLocation();
  createEffect(on(() => location.pathname, () => setStayed(false), { defer: true }));

  return (
    <>
      {/* on:keydown (native, on the element) keeps keys typed in the dialog from reaching the
          page's own shortcuts, such as the screening keys listening on the document. */}
      <dialog
        ref={dialog}
        class="unsynced-dialog"
        role="alertdialog"
        aria-labelledby="unsynced-title"
        aria-describedby="unsynced-body"
        onCancel={(e) => {
          e.preventDefault();
          question()?.answer('stay');
        }}
        on:keydown={(e) => e.stopPropagation()}
      >
        <h2 id="unsynced-title">{t('logout.unsynced.title')}</h2>
        <div id="unsynced-body">
          <p>{t('logout.unsynced.count', { count: question()?.count ?? 0 })}</p>
          <Show when={question()?.unchecked}>
            <p>{t('logout.unsynced.cannotCheck')}</p>
          </Show>
          <p>{t('logout.unsynced.explain')}</p>
        </div>
        <div class="confirm">
          <button ref={stay} type="button" class="btn primary" onClick={() => question()?.answer('stay')}>
            {t('logout.unsynced.stay')}
          </button>
          <button type="button" class="btn danger" onClick={() => question()?.answer('discard')}>
            {t('logout.unsynced.discard')}
          </button>
        </div>
      </dialog>
      <StatusMessage message={stayed() ? t('logout.unsynced.stayed') : undefined} />
    </>
  );
}
