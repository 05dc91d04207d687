// taintlab's service worker: after one visit the site works offline.
//
// `cargo xtask dist` (xtask/src/dist.rs) replaces the `RELEASE` line below
// with the release: its id (a hash of every file of the site) and each file's
// name, SHA-256 and whether its name carries its hash. So a new release is a
// new sw.js byte for byte, which is what makes the browser install it. Left as
// `null` (`cargo xtask serve`), the worker removes itself and every cache it
// made, so that a development server on an origin that once served a release
// is not answered from that release's cache.
//
// How a release arrives: the browser fetches sw.js on each visit; a new one
// installs its release's files into a cache of its own (`taintlab-ID`) while
// the pages open keep running on the old cache, and takes over once no page of
// the old release is open (no skipWaiting: a page of the old release may
// still fetch its full module, lazily, from the old cache). Activating deletes
// the other releases' caches. Meanwhile a page opened online still shows the
// new release: navigations go to the network first (see `page`).
//
// Not minified (xtask/minify-js.mjs skips it): the minifier would fold the
// `null` below and drop the worker.
const RELEASE = null;

const PREFIX = 'taintlab-';
const cacheName = RELEASE && PREFIX + RELEASE.id;
// The directory the worker serves: its scope (the page's directory).
const scope = self.registration.scope;
const at = (name) => new URL(name, scope).href;
// The release's files by URL; the page itself is also reached as the directory.
const files = new Map((RELEASE ? RELEASE.files : []).map((f) => [at(f.name), f]));
const PAGE = at('index.html');
// Which pages (by client id) run the release this worker holds ('cache') and
// which one the network gave newer than it ('network'). Lost when the browser
// stops an idle worker; then a file without its hash in its name is asked of
// the network first.
const pages = new Map();

self.addEventListener('install', (event) => {
  if (!RELEASE) {
    self.skipWaiting();
    return;
  }
  // Every file exactly as this release has it: past the HTTP cache, and
  // checked against its hash, so that a host halfway through a deploy cannot
  // mix two releases into one cache (the install fails and is tried again on
  // a later visit).
  event.waitUntil(
    caches.open(cacheName).then((cache) =>
      Promise.all(
        RELEASE.files.map((f) =>
          fetch(at(f.name), { cache: 'reload', integrity: f.integrity }).then((response) => {
            if (!response.ok) throw new Error(`${f.name}: ${response.status}`);
            return cache.put(at(f.name), response);
          }),
        ),
      ),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== cacheName).map((n) => caches.delete(n))),
    ).then(() => {
      if (!RELEASE) return self.registration.unregister();
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (!RELEASE || request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  if (request.mode === 'navigate') {
    const path = url.origin + url.pathname;
    if (path === scope || path === PAGE) event.respondWith(page(request, event.resultingClientId));
    return;
  }
  url.search = '';
  const file = files.get(url.href);
  if (!file) return;
  if (file.hashed || pages.get(event.clientId) === 'cache') {
    event.respondWith(cached(url.href, request));
  } else if (pages.get(event.clientId) === 'network') {
    return; // a newer release's page: its files come from the network
  } else {
    event.respondWith(fetch(request).catch(() => cached(url.href, request)));
  }
});

// The page: from the network when it answers (so that a new release is seen
// at once), else this release's copy. A page the network gives differently
// from this release's is a newer release: its files (those without their hash
// in their names) come from the network, and the browser is asked to look for
// the new worker.
async function page(request, client) {
  const cache = await caches.open(cacheName);
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const copy = await cache.match(PAGE);
    if (!copy) throw offline;
    pages.set(client, 'cache');
    return copy;
  }
  const copy = await cache.match(PAGE);
  if (response.ok && copy) {
    const same = (await response.clone().text()) === (await copy.text());
    pages.set(client, same ? 'cache' : 'network');
    if (!same) self.registration.update().catch(() => {});
  }
  return response;
}

async function cached(url, request) {
  const cache = await caches.open(cacheName);
  return (await cache.match(url)) || fetch(request);
}
