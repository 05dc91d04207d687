// Loading the full module and handing over to it (web/lite/src/loader.rs).
// Part of the first load: the release build minifies it (xtask/minify-js.mjs).

const KEY = 'taintlab.session';

// Embed mode (`?embed`, README "Embedding"): a compact page for an <iframe>
// that opens the link in its address and never reads or writes the autosave,
// which is the learner's own session in the full-size page.
const embedded = new URLSearchParams(location.search).has('embed');
// Whether the page opened on a share link (`#s=`) or found an autosave (or is
// embedded): the full module opens that instead of this module's session.
let found = embedded;
// The latest session (what the handover passes) and whether to autosave it.
let latest;
let autosave = false;
// The autosave's pending write.
let timer = 0;
// The handover: 0 not started (or failed, to try again), 1 under way,
// 2 stopped for good (the app crashed).
let state = 0;
// The background load's check for a focused text field, run every two seconds.
let waiting;

export function saved() {
  try {
    found = embedded || /^#s=/.test(location.hash) || !!localStorage[KEY];
  } catch (e) {}
  return !!found;
}

export function embed() {
  return embedded;
}

// Records the latest session, and autosaves it at most once a second when it
// holds work and the page found no link or autosave (which the full module
// opens instead).
export function keep(session, work) {
  latest = session;
  autosave = work && !found;
  if (autosave && !timer) {
    timer = setTimeout(() => {
      timer = 0;
      try {
        localStorage[KEY] = latest;
      } catch (e) {}
    }, 1000);
  }
}

// The panic hook's (web/ui/src/crash.rs): writes the autosave at once (none
// after a handover), stops any handover, and has index.html show its banner.
export function crashed(message) {
  state = 2;
  let stored = true;
  try {
    if (autosave) localStorage[KEY] = latest;
  } catch (e) {
    stored = false;
  }
  dispatchEvent(new CustomEvent('taintlab-crashed', { detail: [message, stored] }));
}

// Loads the full module once (again after a failure) and hands over: at once
// if `now`, else in the background two seconds later, and not while a text
// field has the focus, so that typing is not interrupted. `done(true)` runs
// just before the full module takes over, `done(false)` if it cannot load.
export function open_full(done, now) {
  if (!now) {
    waiting = () =>
      document.activeElement?.matches('input,textarea')
        ? setTimeout(waiting, 2000)
        : open_full(done, true);
    return setTimeout(waiting, 2000);
  }
  if (state) return;
  state = 1;
  const url = (file) => new URL(file, document.baseURI).href;
  const styles = document.createElement('link');
  styles.rel = 'stylesheet';
  styles.href = url('full.css');
  document.head.append(styles);
  import(url('taintlab-full.js'))
    .then((full) =>
      full.default({ module_or_path: url('taintlab-full_bg.wasm') }).then(() => {
        if (state < 2) {
          autosave = false;
          done(true);
          // An empty session: open the link or the autosave the page found.
          full.start_full(found ? '' : latest, embedded);
        }
      }),
    )
    .catch((error) => {
      if (state < 2) state = 0;
      console.error(error);
      done(false);
    });
}
