// Samen's service worker: keeps the app shell (the page and its hashed assets) so the visitor's
// round opens without a connection, even when the app is opened cold while offline. It never
// touches the API: rounds and the outbox of visits live in IndexedDB, and API calls go to the
// network (or fail plainly when offline).
const SHELL = 'samen-shell-v2';
const FIXED = ['/manifest.webmanifest', '/icon.svg'];

/** Lets the worker finish keeping a copy after the answer went out; the copy never holds the answer up. */
function keepAlive(event, work) {
  const quiet = work.catch(() => {});
  try {
    event.waitUntil(quiet);
  } catch {
    // The event is already over: the copy is still made while the worker runs.
  }
}

/** The hashed scripts and styles a page names: kept with the page, so the page can start offline. */
const assetsOf = (html) => [
  ...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])),
];

async function keepPage(cache, response) {
  const html = await response.clone().text();
  await cache.put('/', response);
  const missing = [];
  for (const url of [...assetsOf(html), ...FIXED]) if (!(await cache.match(url))) missing.push(url);
  await cache.addAll(missing);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then(async (cache) => {
        const page = await fetch('/', { credentials: 'same-origin', cache: 'no-store' });
        if (page.ok) await keepPage(cache, page);
        else await cache.addAll(FIXED);
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== SHELL).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The app asks to keep the files a tab loaded before this worker was there (src/web/offline.ts):
// hashed assets of this origin only.
self.addEventListener('message', (event) => {
  const urls = event.data?.type === 'keep' && Array.isArray(event.data.urls) ? event.data.urls : [];
  const files = urls.filter((url) => typeof url === 'string' && /^\/assets\/[\w.-]+$/.test(url));
  if (files.length === 0) return;
  event.waitUntil(
    caches.open(SHELL).then(async (cache) => {
      for (const url of files) if (!(await cache.match(url))) await cache.add(url).catch(() => {});
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // Network first, so a new version and a fresh security policy arrive when online; the kept
    // page (with the headers it came with, so its nonce still matches) when not. Every route of
    // the app is the same page: /outreach/day opens from it too.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) {
            const copy = response.clone();
            event.waitUntil(
              caches
                .open(SHELL)
                .then((cache) => keepPage(cache, copy))
                .catch(() => {}),
            );
          }
          return response;
        })
        .catch(() => caches.match('/').then((kept) => kept || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || FIXED.includes(url.pathname)) {
    // Hashed file names never change content: the cache first, the network once.
    event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ||
          fetch(request).then((response) => {
            // Never the page under a script's name (a server that answers a missing file with it).
            if (response.ok && !(response.headers.get('content-type') ?? '').includes('text/html')) {
              const copy = response.clone();
              keepAlive(
                event,
                caches.open(SHELL).then((cache) => cache.put(request, copy)),
              );
            }
            return response;
          }),
      ),
    );
  }
});
