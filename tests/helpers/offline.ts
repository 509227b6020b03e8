/** Service-worker helpers for the offline end-to-end tests: control, cache contents, stored answers. */
import type { Page } from 'playwright-core';

/** Waits until a service worker controls the page (the first visit: after install and claim). */
export async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
}

/** The cache's entries as "cache name → paths with query", read from the page. */
export function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
    }
    return out;
  });
}

/** The paths (with query) of every stored API answer. */
export async function apiKeys(page: Page): Promise<string[]> {
  return Object.entries(await cacheContents(page))
    .filter(([n]) => n.startsWith('coreview-api-'))
    .flatMap(([, keys]) => keys);
}

/** The body of the stored API answer for `path`, or null when none is stored. */
export function storedBody(page: Page, path: string): Promise<string | null> {
  return page.evaluate(async (p) => {
    for (const name of await caches.keys()) {
      if (!name.startsWith('coreview-api-')) continue;
      const hit = await (await caches.open(name)).match(new URL(p, location.origin).href);
      if (hit) return hit.text();
    }
    return null;
  }, path);
}

/** The y-indexeddb databases `userId` has on this device (the documents' names), read from the page. */
export function localCopies(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(async (prefix) => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    return names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)).sort();
  }, `coreview:${userId}:`);
}
