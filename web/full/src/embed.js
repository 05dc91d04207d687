// The browser side of embed mode (web/full/src/sharing/embed.rs): the page's
// addresses and the height message to the page that embeds it. wasm-bindgen
// copies it to snippets/taintlab-full-*/, fetched after the first paint.

// The page's address without its query and fragment: what an embed's src and a
// "Run in taintlab" link start with.
export function page_address() {
  return location.origin + location.pathname;
}

// This page's address without `?embed`: the same scenario, full-size.
export function full_size_address() {
  const url = new URL(location.href);
  url.searchParams.delete('embed');
  return url.href;
}

// Posts {type: 'taintlab:height', height} to the parent page each time the
// height of `element` (the app) changes, so that it can size the <iframe> to
// fit. The target origin is '*' because a tutorial may be on any site and a
// height in pixels tells it nothing of the learner's work; no other message
// leaves the frame. Returns an id for stop_height.
const observers = new Map();
let next = 0;
export function report_height(element) {
  let last = -1;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(element.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'taintlab:height', height }, '*');
  });
  observer.observe(element);
  observers.set(++next, observer);
  return next;
}

export function stop_height(id) {
  observers.get(id)?.disconnect();
  observers.delete(id);
}
