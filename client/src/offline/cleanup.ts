/**
 * Forgets the API answers the service worker stored for working offline. Stored answers are kept
 * per origin (browser), not per person, and they hold the signed-in person's projects, queue and
 * records: on a shared computer the next person could read them. So they are deleted on log-out
 * (called from auth/session.ts); the worker itself deletes them when the server answers 401
 * (session ended elsewhere or expired). The app shell (index.html, scripts) holds no one's data
 * and stays, so the log-in page still opens offline.
 */

/** Cache names the worker uses for API answers, all versions (see client/public/sw.js). */
const API_CACHE_PREFIX = 'coreview-api-';
/** How long to wait for the worker's answer before deleting from the page alone. */
const WORKER_TIMEOUT_MS = 2000;

/** Deletes every cached API answer. Never throws and never hangs: log-out must always finish. */
export async function clearCachedApiData(): Promise<void> {
  // The worker first: it also stops storing answers still on their way from before (a records
  // prefetch), which a delete from the page alone could not.
  await askWorker({ type: 'clear-api' }).catch(() => {});
  // Then from the page too, for a page the worker does not control (a forced reload bypasses it).
  try {
    if (typeof caches === 'undefined') return;
    for (const name of await caches.keys()) if (name.startsWith(API_CACHE_PREFIX)) await caches.delete(name);
  } catch {
    // Storage unavailable (private mode): there is nothing stored to delete.
  }
}

/** Sends a message to the controlling worker and waits (briefly) for its reply. */
function askWorker(message: { type: string }): Promise<unknown> {
  const worker = 'serviceWorker' in navigator ? navigator.serviceWorker.controller : null;
  if (!worker) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('service worker did not answer')), WORKER_TIMEOUT_MS);
    channel.port1.onmessage = (e) => {
      clearTimeout(timer);
      resolve(e.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}
