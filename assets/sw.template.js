// Deal Prep service worker: keeps the app shell (HTML, wasm, JS, CSS, icons) so a bookmark
// opens without a network. Cache-first for the shell; a new build (new VERSION) installs in the
// background and takes over on the next visit, never in the middle of an edit.
const VERSION = '__VERSION__';
const SHELL = __FILES__;
const CACHE = 'deal-prep-shell-' + VERSION;

self.addEventListener('install', (event) => {
  // From the network, not the HTTP cache: an old index.html cached there must not be stored
  // beside this build's hashed files.
  const fresh = SHELL.map((url) => new Request(url, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(fresh)));
});

// The page's "Reload" on the update notice asks the waiting worker to take over.
self.addEventListener('message', (event) => {
  if (event.data === 'deal-prep-skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith('deal-prep-shell-') && k !== CACHE).map((k) => caches.delete(k))),
    ).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      // Pages are matched without their query (?namespace=…); the hash never reaches here.
      cache.match(request, { ignoreSearch: request.mode === 'navigate' }).then((hit) => hit || fetch(request)),
    ),
  );
});
