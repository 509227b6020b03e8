/*
 * Coreview's service worker: lets a reviewer reload the screening page with no connection.
 * Hand-written and plain JS (no Workbox, no build step): Vite copies client/public/ as is, so this
 * file is served as /sw.js and controls the whole origin.
 *
 *   navigations (not /api, not /sync)  network first; offline or slow, the cached app shell (index.html)
 *   GET /assets/*                      cache first (file names carry a content hash: immutable)
 *   GET /api/* on the list below       network first; offline or slow, the last good answer
 *   everything else                    not touched: non-GET requests, other API routes, downloads,
 *                                      PDFs, WebSockets (/sync; a service worker never sees those)
 *
 * Only successful JSON answers are stored, never errors. Cache keys are plain URLs (ids only,
 * nothing secret), and the Cache API is per origin, not per person: whoever signs in next on
 * this browser could read what is stored. So cached API answers are deleted on log-out and on any
 * 401 (see client/src/offline/cleanup.ts): that is what keeps one person's data from the next.
 * "Slow": a very poor connection may neither fail nor answer for a minute. After NETWORK_TIMEOUT_MS
 * the stored copy is shown; the late answer still updates it. With none stored, we wait on.
 */

// Bump VERSION when the rules or cache layout change: activate deletes every older cache.
const VERSION = 'v1';
const SHELL = `coreview-shell-${VERSION}`;
const API = `coreview-api-${VERSION}`;
const META = `coreview-meta-${VERSION}`;
const INDEX = '/index.html';
const TEXTS = '/__coreview/offline-texts';
// Enough for the whole client (about 40 files today); a stop for a runaway discovery.
const MAX_ASSETS = 300;
// How long a network-first read waits before a stored copy is shown instead (see above).
const NETWORK_TIMEOUT_MS = 3000;

// API reads the screen page (and the pages leading to it) need. Anything else goes to the network only.
const API_ROUTES = [
  /^\/api\/me$/,
  /^\/api\/projects$/,
  /^\/api\/projects\/[^/]+$/,
  /^\/api\/projects\/[^/]+\/members$/,
  /^\/api\/projects\/[^/]+\/stages\/(ta|ft)\/queue$/,
  /^\/api\/projects\/[^/]+\/records\/(?!facets$)[^/]+$/,
  /^\/api\/projects\/[^/]+\/fulltexts$/,
];
/** Whether a GET to `url` is an API read we keep a copy of. */
function cachedApi(url) {
  const path = url.pathname;
  // The records list only as the screen page pages through a queue, not every search the records page runs.
  if (/^\/api\/projects\/[^/]+\/records$/.test(path)) return url.searchParams.has('stage');
  return API_ROUTES.some((re) => re.test(path));
}

// Bumped whenever API copies are wiped: an answer still on its way from before the wipe (a
// prefetch started before log-out) must not be stored afterwards.
let generation = 0;
// The index.html whose files were all stored by this worker instance: the next navigation with
// the same page skips the scan. A restarted worker scans once more (all from the cache, cheap).
let shellDoneFor = '';

self.addEventListener('install', (event) => {
  // Take over at once: the rules above are safe for pages loaded by an older version.
  event.waitUntil(refreshShell(fetch(new Request('/', { cache: 'no-cache' }))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  const keep = new Set([SHELL, API, META]);
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('coreview-') && !keep.has(name)) await caches.delete(name);
      // Control pages opened before this worker existed, so their next reload works offline.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  // Returning without respondWith leaves the request to the browser exactly as with no worker.
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // API navigations are downloads and PDFs; they are never answered with the app shell.
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync')) return;
    event.respondWith(navigate(event));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(req));
  } else if (cachedApi(url)) {
    event.respondWith(apiRead(event, url));
  }
});

self.addEventListener('message', (event) => {
  const msg = event.data || {};
  const reply = (value) => event.ports[0]?.postMessage(value);
  if (msg.type === 'clear-api') event.waitUntil(clearApi().then(() => reply({ ok: true })));
  else if (msg.type === 'warm' && Array.isArray(msg.urls)) event.waitUntil(warm(msg.urls).then(() => reply({ ok: true })));
  else if (msg.type === 'texts' && typeof msg.notCached === 'string') event.waitUntil(saveTexts({ notCached: msg.notCached }));
});

/** Network first; offline, unreachable or slow, the shell every client route is served from. */
function navigate(event) {
  const network = fetch(event.request).then((res) => {
    if (res.ok && (res.headers.get('content-type') || '').includes('text/html')) event.waitUntil(refreshShell(Promise.resolve(res.clone())).catch(() => {}));
    return res;
  });
  return networkFirst(event, network, () => caches.match(INDEX, { cacheName: SHELL }));
}

/**
 * The network's answer if it comes within NETWORK_TIMEOUT_MS; after that (or at once when the
 * network fails) the stored copy `stored()` finds, if any. Without one, the network answer is
 * awaited however long it takes, and a network failure is rethrown. The worker is kept alive until
 * the network settles, so a late answer is still handled (stored) after a copy was shown.
 */
function networkFirst(event, network, stored) {
  event.waitUntil(network.catch(() => {}));
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn, value) => {
      if (settled) return;
      settled = true;
      fn(value);
    };
    // `err` null: the network is only slow, so with nothing stored we keep waiting for it.
    const fallback = async (err) => {
      const hit = await stored().catch(() => undefined);
      if (hit) settle(resolve, hit);
      else if (err) settle(reject, err);
    };
    const timer = setTimeout(() => void fallback(null), NETWORK_TIMEOUT_MS);
    network.then(
      (res) => {
        clearTimeout(timer);
        settle(resolve, res);
      },
      (err) => {
        clearTimeout(timer);
        void fallback(err);
      },
    );
  });
}

/** Cache first: a hashed file never changes, so a stored copy is always right. */
async function asset(req) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req.url, res.clone());
  return res;
}

/** Network first; offline or slow, the last good answer; offline with none, an answer the page can explain. */
function apiRead(event, url) {
  const gen = generation;
  const network = fetch(event.request).then(async (res) => {
    try {
      if (res.status === 401) {
        // The session ended (expired, logged out elsewhere): this person's copies must go.
        await clearApi();
      } else if (res.status === 403 || res.status === 404 || res.status === 410) {
        // Access withdrawn or gone: stop showing the old copy offline.
        await (await caches.open(API)).delete(url.href);
      } else if (storable(res)) {
        // Also when a stored copy was already shown because this answer was slow: next time it is current.
        await store(url.href, res.clone(), gen);
      }
    } catch {
      // Storage full or unavailable: the answer itself is still good to show.
    }
    return res;
  });
  const stored = () => caches.match(url.href, { cacheName: API, ignoreVary: true });
  return networkFirst(event, network, stored).catch(() => notCached());
}

/** A successful JSON answer the server did not mark as never-to-be-stored. */
function storable(res) {
  return (
    res.status === 200 &&
    (res.headers.get('content-type') || '').includes('application/json') &&
    !/no-store/i.test(res.headers.get('cache-control') || '')
  );
}

/** Stores an API answer unless the copies were wiped since its request started. */
async function store(key, res, gen) {
  if (gen !== generation) return;
  const cache = await caches.open(API);
  // Checked again after the await: a wipe meanwhile deleted this cache by name, and a put into
  // the orphaned object is harmless, but a freshly opened one must stay empty.
  if (gen === generation) await cache.put(key, res);
}

/** Deletes every stored API answer (this version's and any older one's). */
async function clearApi() {
  generation++;
  for (const name of await caches.keys()) if (name.startsWith('coreview-api-')) await caches.delete(name);
}

/**
 * Fetches into the cache what the page loaded before this worker controlled it (the first visit
 * ever: the app shell and the screen page's data arrive before the worker is installed).
 */
async function warm(urls) {
  const gen = generation;
  for (const raw of urls.slice(0, 500)) {
    let url;
    try {
      url = new URL(raw, self.location.origin);
    } catch {
      continue;
    }
    if (url.origin !== self.location.origin) continue;
    try {
      if (url.pathname.startsWith('/assets/')) {
        await asset(new Request(url.href));
      } else if (cachedApi(url) && !(await caches.match(url.href, { cacheName: API }))) {
        const res = await fetch(url.href, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
        if (res.status === 401) await clearApi();
        else if (storable(res)) await store(url.href, res, gen);
      }
    } catch {
      // Offline again, or a file gone after a deploy: nothing to keep.
    }
  }
}

/**
 * Stores a fresh index.html and every file the build references from it: the entry script lists
 * all lazily loaded sections (Vite's preload map and import() calls), so every section opens
 * offline, not just those visited. Files of older builds are dropped once the new set is stored.
 */
async function refreshShell(pending) {
  const res = await pending;
  if (!res.ok) throw new Error(`index.html: ${res.status}`);
  const html = await res.clone().text();
  const cache = await caches.open(SHELL);
  const old = await cache.match(INDEX);
  if (old && shellDoneFor === html && (await old.text()) === html) return;

  const wanted = new Set(refs(html, /["'(]\/(assets\/[\w.-]+)/g));
  const done = new Set();
  let complete = true;
  for (const path of wanted) {
    if (done.size >= MAX_ASSETS) break;
    done.add(path);
    try {
      let file = await cache.match(path);
      if (!file) {
        const got = await fetch(path);
        if (!got.ok) throw new Error(`${path}: ${got.status}`);
        await cache.put(path, got.clone());
        file = got;
      }
      if (path.endsWith('.js')) {
        // Chunks name each other as "assets/x.js" (preload map) or "./x.js" (import()).
        const text = await file.text();
        for (const p of refs(text, /["'`](?:\/?assets\/|\.\/)([\w-]+(?:\.[\w-]+)*\.(?:js|css))["'`]/g, '/assets/')) wanted.add(p);
      }
    } catch {
      complete = false; // kept going: a missing file is fetched again when first used
    }
  }
  await cache.put(INDEX, res);
  if (!complete) return;
  shellDoneFor = html;
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (path.startsWith('/assets/') && !done.has(path)) await cache.delete(req);
  }
}

/** The paths a text refers to, as "/assets/…". */
function refs(text, re, prefix = '/') {
  return [...text.matchAll(re)].map((m) => prefix + m[1]);
}

/** Remembers the page's words for "offline and never opened here" (translated by the page's t()). */
async function saveTexts(texts) {
  await (await caches.open(META)).put(TEXTS, new Response(JSON.stringify(texts), { headers: { 'content-type': 'application/json' } }));
}

/**
 * Offline with no stored copy: a 503 in the API's own error shape, so the page shows the message
 * where its data would be. The words come from the page (saved by saveTexts, in the reader's
 * language); without them, the code "network" makes the page use its own "could not reach" text.
 */
async function notCached() {
  let message = '';
  try {
    message = (await (await caches.match(TEXTS, { cacheName: META }))?.json())?.notCached || '';
  } catch {
    message = '';
  }
  const body = { error: { code: message ? 'offline_not_cached' : 'network', message } };
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { 'content-type': 'application/json', 'x-coreview-offline': 'not-cached' },
  });
}
