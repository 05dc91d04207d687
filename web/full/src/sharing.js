// The browser side of sharing and keeping work (web/full/src/sharing.rs): the
// autosave in localStorage, the address bar, compression streams, the clipboard
// and downloads. wasm-bindgen copies it to snippets/taintlab-full-*/, which
// xtask/src/dist.rs counts as fetched after the first paint.
const KEY = 'taintlab.session';
// The share link the work started from (opened or made here), written before
// the session text as a line `#s=CODE`.
let origin = null, timer = 0, latest = null;
// Returns false if storage refused (off, or full): nothing was kept.
function write() {
  timer = 0;
  const text = (origin ? '#s=' + origin + '\n' : '') + latest;
  try { localStorage.setItem(KEY, text); return true; } catch (e) { return false; }
}
export function keep(text) {
  latest = text;
  if (!timer) timer = setTimeout(write, 1000);
}
// The panic hook's (web/ui/src/crash.rs): the last session the app rendered is
// written at once, then index.html shows its banner, saying whether storage
// took it.
export function crashed(message) {
  clearTimeout(timer);
  const saved = latest === null || write();
  dispatchEvent(new CustomEvent('taintlab-crashed', { detail: [message, saved] }));
}
export function set_origin(code) {
  origin = code;
}
export function forget() {
  clearTimeout(timer);
  timer = 0;
  origin = null;
  try { localStorage.removeItem(KEY); } catch (e) {}
}
export function saved() {
  try { return localStorage.getItem(KEY); } catch (e) { return null; }
}
addEventListener('pagehide', () => { if (timer) { clearTimeout(timer); write(); } });
export function link_code() {
  const h = location.hash;
  return h.startsWith('#s=') ? h.slice(3) : null;
}
// A link pasted into the address bar of this page changes only the hash: no
// load, so the app is told. (Our own replaceState fires no hashchange.)
const watchers = new Map();
let watcher = 0;
export function watch_links(opened) {
  const listener = () => { const code = link_code(); if (code !== null) opened(code); };
  addEventListener('hashchange', listener);
  watchers.set(++watcher, listener);
  return watcher;
}
export function unwatch_links(id) {
  removeEventListener('hashchange', watchers.get(id));
  watchers.delete(id);
}
export function set_hash(hash) {
  history.replaceState(history.state, '', location.pathname + location.search + hash);
  return location.href;
}
export function pack(text, done) {
  try {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    new Response(stream).arrayBuffer().then(buffer => {
      const bytes = new Uint8Array(buffer);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      }
      done(btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), '');
    }, e => done('', String(e)));
  } catch (e) { done('', String(e)); }
}
// Decompresses a link's `code` to text, refusing more than `max` bytes
// (taintlab_core::limits::MAX_TEXT_BYTES) of code or of text: done(text, '') or
// done(null, 'size' | 'base64' | why).
export function unpack(code, max, done) {
  if (code.length > max) { done(null, 'size'); return; }
  let bytes;
  try {
    const binary = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
    bytes = Uint8Array.from(binary, c => c.charCodeAt(0));
  } catch (e) { done(null, 'base64'); return; }
  inflate(bytes, max).then(text => done(text, ''), e => done(null, e === 'size' ? 'size' : String(e)));
}
// Raw DEFLATE fed a kilobyte at a time, each at most about a megabyte of text
// (DEFLATE expands 1032:1 at most), read as it comes: a deflate bomb stops
// just past `max` bytes instead of filling the memory.
async function inflate(bytes, max) {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  (async () => {
    for (let i = 0; i < bytes.length; i += 1024) await writer.write(bytes.subarray(i, i + 1024));
    await writer.close();
  })().catch(() => { /* the reader reports it */ });
  const reader = stream.readable.getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      reader.cancel().catch(() => {});
      throw 'size';
    }
    parts.push(value);
  }
  const text = new Uint8Array(size);
  let at = 0;
  for (const part of parts) { text.set(part, at); at += part.length; }
  // Strict, as the Rust side (taintlab_core::link) reads it.
  return new TextDecoder('utf-8', { fatal: true }).decode(text);
}
export function copy(text, done) {
  try { navigator.clipboard.writeText(text).then(() => done(true), () => done(false)); }
  catch (e) { done(false); }
}
export function download(name, text) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/x-shellscript' }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
// `#lesson=URL`: a lesson file to fetch and open. A URL with a scheme is taken
// as written; one percent-encoded whole (`https%3A%2F%2F...`) is decoded.
export function lesson_url() {
  const h = location.hash;
  if (!h.startsWith('#lesson=')) return null;
  const url = h.slice(8);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  try { return decodeURIComponent(url); } catch (e) { return url; }
}
export function watch_lessons(opened) {
  const listener = () => { const url = lesson_url(); if (url !== null) opened(url); };
  addEventListener('hashchange', listener);
  return () => removeEventListener('hashchange', listener);
}
// Fetches a lesson file: CORS, no cookies or credentials, at most `max` bytes
// (counted as they arrive, whatever the server says its length is), UTF-8.
// Calls `done(text, '', '')` or `done(null, kind, detail)` once, kind one of
// url, network, status, size, encoding.
export async function fetch_lesson(url, max, done) {
  let target;
  try { target = new URL(url, location.href); } catch (e) { done(null, 'url', ''); return; }
  let response;
  try {
    response = await fetch(target, { mode: 'cors', credentials: 'omit', cache: 'no-cache' });
  } catch (e) { done(null, 'network', String((e && e.message) || e)); return; }
  if (!response.ok) {
    done(null, 'status', String(response.status) + (response.statusText ? ' ' + response.statusText : ''));
    return;
  }
  if (Number(response.headers.get('content-length')) > max) { done(null, 'size', ''); return; }
  const chunks = [];
  let size = 0;
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      size += value.length;
      if (size > max) { reader.cancel(); done(null, 'size', ''); return; }
      chunks.push(value);
    }
  } catch (e) { done(null, 'network', String((e && e.message) || e)); return; }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
  let text;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch (e) { done(null, 'encoding', ''); return; }
  done(text, '', '');
}
