/**
 * Registers the service worker (client/public/sw.js) that lets a reviewer reload Coreview with no
 * connection, and keeps it supplied with what it cannot know by itself:
 *  - what this page loaded before the worker controlled it (on the very first visit the app shell
 *    and the screen page's data arrive before the worker is installed, so they would never be
 *    stored, and the first reload on the train would fail);
 *  - the page's own words for "offline, and never opened here", translated with t(), because the
 *    worker answers such reads itself and the page shows the message it gets back.
 */
import { createEffect, createRoot } from 'solid-js';
import { t } from '../i18n';

/** Where the worker lives; at the root so that it controls every page of the app. */
const SCRIPT = '/sw.js';

/** Starts the service worker once the page has loaded; does nothing where there are none. */
export function registerOffline(): void {
  // The dev server serves modules, not the built files the worker stores: production builds only.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const start = () => {
    // updateViaCache 'none': a new worker reaches everyone on their next load, whatever HTTP caches hold.
    navigator.serviceWorker.register(SCRIPT, { scope: '/', updateViaCache: 'none' }).then(whenReady, () => {
      // No worker (private mode, blocked by policy): the app works online exactly as before.
    });
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

/** Once a worker is active: send it our words, and everything loaded behind its back. */
async function whenReady(): Promise<void> {
  const reg = await navigator.serviceWorker.ready;
  const worker = () => navigator.serviceWorker.controller ?? reg.active;
  // Re-sent when the language changes, so the offline message is in the reader's language.
  createRoot(() =>
    createEffect(() => {
      const notCached = t('offline.notCached');
      worker()?.postMessage({ type: 'texts', notCached });
    }),
  );
  warmMissed(worker);
}

/**
 * Reports to the worker every same-origin file and API read that did not pass through it (a
 * resource timing entry with workerStart 0), now and as later ones finish — a records page still
 * loading when the worker took over, for instance. The worker stores those its rules allow.
 */
function warmMissed(worker: () => ServiceWorker | null): void {
  if (typeof PerformanceObserver === 'undefined') return;
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const urls = [...pending];
    pending = new Set();
    if (urls.length) worker()?.postMessage({ type: 'warm', urls });
  };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (entry.workerStart > 0) continue; // the worker saw it, and has already stored it if allowed
      const url = new URL(entry.name, location.href);
      if (url.origin !== location.origin) continue;
      if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/')) pending.add(url.href);
    }
    // A short pause gathers a burst of reads (records pages) into one message.
    if (pending.size && !timer) timer = setTimeout(flush, 200);
  });
  observer.observe({ type: 'resource', buffered: true });
}
