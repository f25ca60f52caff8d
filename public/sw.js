// Offline support: after the first visit the workbench opens without a network. Every file the
// app needs is cached at install; requests are answered from the cache first. A new build has a
// new version (set by scripts/build), so its cache replaces the old one.
const VERSION = '__BUILD__';
const CACHE = `kehoach-${VERSION}`;
const ASSETS = ['./', 'index.html', 'style.css', 'boot.js', 'kehoach.js', 'kehoach_bg.wasm',
  'import-worker.js', 'kehoach_io.js', 'kehoach_io_bg.wasm', '__wasm_split.js' /* , lazily loaded parts: __LAZY__ */];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kehoach-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // The page itself, whatever its query (?sample=…), is the cached index.
  const key = request.mode === 'navigate' ? 'index.html' : request;
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(key, { ignoreSearch: true }).then((hit) => hit || fetch(request))),
  );
});
