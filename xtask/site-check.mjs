// `cargo xtask test`'s check of the release site: the page as a visitor gets it,
// in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core from
// .tools/), served from the directory given as the first argument.
//
// The browser tests mount the full module's App directly; only here do the two
// modules meet: the first-load module shows the cluster, the full one takes over
// in the background or when a button needs it, and the session survives. Then
// axe-core (from .tools/) checks every main view against WCAG 2 A/AA, contrast
// included, in light and dark and in English and Chinese.
//
// The release page carries a Content-Security-Policy (xtask/src/csp.rs): every
// page opened here reports its violations (the `securitypolicyviolation`
// event, from an init script), and any on any view fails. The page's answers
// to a panic (web/ui/src/crash.rs) and to a deflate bomb in a share link are
// checked here too, in the release build as a visitor gets it.
//
// Prints `ok - NAME` or `not ok - NAME: WHY` per check; exits 1 if any failed.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { serve, launch } from './site-browser.mjs';

const root = resolve('.');
const dist = resolve(process.argv[2] || 'dist');
const axeSource = readFileSync(join(root, '.tools/axe/node_modules/axe-core/axe.min.js'), 'utf8');
const { server, url } = await serve(dist);
const browser = await launch();

let failed = 0;
let current = ''; // the check running, and the last view it audited, for reports
// SITE_CHECK_ONLY=REGEX runs only the checks whose names match (while working
// on one; `cargo xtask test` runs them all).
const only = process.env.SITE_CHECK_ONLY ? new RegExp(process.env.SITE_CHECK_ONLY) : null;
async function check(name, body) {
  if (only && !only.test(name)) return;
  current = name;
  try {
    await body();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed += 1;
    const message = e && e.message ? e.message : String(e);
    console.log(`not ok - ${name}: ${message.replace(/\n/g, '\n    ')}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const FULL = '.code-editor'; // the full module's editor: it has taken over
const KEY = 'taintlab.session'; // the autosave
const errors = [];
const violations = []; // Content-Security-Policy violations, on any page
// A new page on `url + hash`, once it shows the cluster; with axe-core if
// `axe`. Its errors go to `sinks.errors` and its policy violations to
// `sinks.violations` (by default the lists the last checks fail on).
async function open(hash = '', { axe, ...options } = {}, sinks = { errors, violations }, site = url) {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    reducedMotion: 'reduce',
    ...options,
  });
  // An init script, not a <script> in the page, which the policy refuses.
  if (axe) await context.addInitScript({ content: axeSource });
  // The init script runs before the page's own scripts, outside its policy.
  await context.exposeBinding('reportViolation', (_, v) => sinks.violations.push(`${current}: ${v}`));
  await context.addInitScript(() => addEventListener('securitypolicyviolation', (e) => window.reportViolation(
    `${e.effectiveDirective} refused ${e.blockedURI || 'inline'}${e.sample ? ` "${e.sample}"` : ''} (${e.sourceFile || 'page'}:${e.lineNumber})`,
  ), true));
  const page = await context.newPage();
  page.on('pageerror', (e) => sinks.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') sinks.errors.push(m.text()); });
  await page.goto(site + hash);
  await page.waitForSelector('[data-node=master]');
  return page;
}
const podOn = (page, node) => page.textContent(`[data-node=${node}] [data-pod] .pod-name, [data-node=${node}] [data-pod]`);
const podName = (text) => (text || '').match(/redis-ds-[a-z0-9]{5}/)?.[0];

let shared = '';
await check('the first-load module applies, then the full one takes over with the same cluster', async () => {
  const started = Date.now();
  const page = await open();
  const shown = Date.now() - started;
  expect(!(await page.$(FULL)), 'the full module was there from the start');
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-node=worker] [data-pod]');
  const before = podName(await podOn(page, 'worker'));
  expect(before, 'no redis-ds pod on worker');
  await page.waitForSelector(FULL, { timeout: 30000 });
  // A measurement, not a check: how soon a visitor sees the cluster and the full app.
  console.log(`  timing: the cluster shows after ${shown} ms, the full module has taken over after ${Date.now() - started} ms`);
  await page.waitForSelector('[data-node=worker] [data-pod]');
  const after = podName(await podOn(page, 'worker'));
  expect(after === before, `pod ${before} became ${after} in the handover`);
  const apps = await page.evaluate(() => document.querySelectorAll('.app').length);
  expect(apps === 1, `${apps} apps on the page`);
  await page.click('[data-testid=share]');
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  shared = await page.evaluate(() => location.hash);
  shared = `${shared}|${before}`;
  await page.context().close();
});

await check('the background handover waits while the editor has the focus', async () => {
  const page = await open();
  await page.focus('[data-testid=editor]');
  await page.waitForTimeout(4500);
  expect(!(await page.$(FULL)), 'the full module took over while the editor had the focus');
  await page.evaluate(() => document.activeElement.blur());
  await page.waitForSelector(FULL, { timeout: 30000 });
  await page.context().close();
});

await check('a node button in the first-load module is performed by the full one', async () => {
  const page = await open();
  await page.click('[data-node=worker] [data-action=cordon]');
  await page.waitForSelector(FULL, { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('[data-node=worker]')?.textContent.includes('SchedulingDisabled'));
  const history = await page.textContent('[data-testid=history]');
  expect(history.includes('kubectl cordon worker'), `history: ${history}`);
  await page.context().close();
});

await check('a share link opens the same scenario', async () => {
  const [hash, pod] = shared.split('|');
  expect(hash, 'no link from the first check');
  const page = await open(hash);
  await page.waitForSelector(FULL, { timeout: 30000 });
  await page.waitForFunction((pod) => document.querySelector('[data-node=worker]')?.textContent.includes(pod), pod);
  await page.context().close();
});

// Embed mode (README "Embedding"): the Embed button's snippet, pasted as it is
// into a tutorial page of the same origin (so that the frame shares the
// learner's localStorage), opens the scenario in a frame whose height follows
// its content through the height message, and leaves the learner's autosave
// alone while the learner works in the frame.
await check('the Embed snippet in a tutorial page: the frame fits its content and keeps nothing', async () => {
  const [hash, pod] = shared.split('|');
  expect(hash, 'no link from the first check');
  const page = await open(hash);
  await page.waitForSelector(FULL, { timeout: 30000 });
  await page.waitForFunction((pod) => document.querySelector('[data-node=worker]')?.textContent.includes(pod), pod);
  await page.click('[data-testid=embed]');
  await page.waitForSelector('[data-testid=embed-code]');
  const snippet = await page.inputValue('[data-testid=embed-code]');
  const src = snippet.match(/<iframe src="([^"]*)"/)?.[1] || '';
  expect(src.startsWith(`${url}?embed#s=`), `the snippet's src: ${src}`);
  const tutorial = `${url}tutorial.html`;
  const blank = `${url}blank.html`;
  await page.route(tutorial, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><title>A tutorial</title><h1>A tutorial</h1><p>Try it:</p>\n${snippet}<p>The end.</p>`,
  }));
  await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  // The full-size page writes its autosave as it goes; then the learner's own
  // session is what it keeps.
  await page.goto(blank);
  await page.evaluate((key) => localStorage.setItem(key, 'own work'), KEY);
  await page.goto(tutorial);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector(`.app.embed ${FULL}`, { timeout: 30000 });
  await frame.waitForFunction((pod) => document.querySelector('[data-node=worker]')?.textContent.includes(pod), pod);
  await frame.waitForSelector('[data-testid=terminal-input]');
  // The snippet's script sizes the frame from the messages: no scrolling inside.
  const fits = () => page.waitForFunction(() => {
    const f = document.querySelector('iframe');
    const app = f.contentDocument?.querySelector('.app');
    return app && f.clientHeight === Math.ceil(app.getBoundingClientRect().height) &&
      f.contentDocument.documentElement.scrollHeight <= f.contentDocument.documentElement.clientHeight;
  }, null, { timeout: 10000 });
  await fits();
  // Opening on its terminal, the frame leaves the reader's focus where it was.
  const focused = await page.evaluate(() => [document.activeElement?.tagName, scrollY]);
  expect(focused[0] === 'BODY' && focused[1] === 0, `the frame took the focus: ${focused}`);
  await frame.click('[data-tab=lessons]');
  await fits();
  // Work in the frame, past the autosave's one-second delay.
  await frame.click('[data-testid=apply]');
  await frame.click('[data-testid=clock-step]');
  await page.waitForTimeout(1500);
  const kept = await page.evaluate((key) => localStorage.getItem(key), KEY);
  expect(kept === 'own work', `the embed wrote over the learner's session: ${String(kept).slice(0, 80)}`);
  // Open in taintlab opens the full-size page in a new tab, with the work done
  // in the frame.
  await frame.click('[data-tab=terminal]');
  await frame.fill('[data-testid=terminal-input]', 'kubectl cordon worker');
  await frame.press('[data-testid=terminal-input]', 'Enter');
  await frame.hover('[data-testid=open-full-size]');
  await frame.waitForFunction((first) => document.querySelector('[data-testid=open-full-size]').href !== first, src.replace('?embed', ''));
  const [full] = await Promise.all([page.context().waitForEvent('page'), frame.click('[data-testid=open-full-size]')]);
  await full.waitForSelector(FULL, { timeout: 30000 });
  expect(full.url().startsWith(`${url}#s=`), `Open in taintlab opened ${full.url()}`);
  await full.waitForFunction(() => document.querySelector('[data-node=worker]')?.textContent.includes('SchedulingDisabled'), null, { timeout: 10000 });
  await page.context().close();
});

// Every main view, as a person reaches it, checked by axe-core.
async function audit(page, view) {
  current = `${current.split(' / ')[0]} / ${view}`;
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) =>
    `${view}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}` +
    (v.nodes[0]?.any?.[0]?.message ? ` [${v.nodes[0].any[0].message}]` : ''),
  );
}

for (const colorScheme of ['light', 'dark']) {
  for (const locale of ['en-US', 'zh-CN']) {
    await check(`WCAG 2.1 AA (axe-core), ${colorScheme}, ${locale}`, async () => {
      const page = await open('', { colorScheme, locale, axe: true });
      const found = [];
      // The first-load module first; the focus in the editor holds the handover.
      await page.focus('[data-testid=editor]');
      found.push(...(await audit(page, 'first load')));
      await page.evaluate(() => document.activeElement.blur());
      await page.waitForSelector(FULL, { timeout: 30000 });
      await page.click('[data-testid=pause]');
      await page.click('[data-testid=apply]');
      for (let i = 0; i < 4; i++) await page.click('[data-testid=clock-step]');
      // Pods of every owner: DaemonSet (applied above), Deployment, bare, static.
      await page.click('[data-tab=terminal]');
      const type = async (line) => {
        await page.fill('[data-testid=terminal-input]', line);
        await page.press('[data-testid=terminal-input]', 'Enter');
      };
      await type('kubectl create deployment web --image=nginx --replicas=2');
      await type('kubectl run solo --image=nginx');
      await type('ssh worker');
      for (const line of [
        'cat <<EOF > /etc/kubernetes/manifests/static-web.yaml',
        'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: static-web',
        'spec:', '  containers:', '  - name: web', '    image: nginx', 'EOF',
      ]) await type(line);
      await type('exit');
      for (let i = 0; i < 6; i++) await page.click('[data-testid=clock-step]');
      await page.waitForSelector('[data-node=worker] [data-pod*=static-web]');
      await type('kubectl get pods -o wide');
      found.push(...(await audit(page, 'terminal')));
      await page.click('[data-tab=events]');
      found.push(...(await audit(page, 'events')));
      await page.click('[data-node=worker] [data-pod] .pod-name');
      await page.waitForSelector('[data-testid=filter-table]');
      found.push(...(await audit(page, 'explain pod')));
      await page.click('[data-node=master] .node-name button');
      await page.waitForSelector('[data-testid=node-taints]');
      found.push(...(await audit(page, 'explain node')));
      // What if: the tab's introduction, then a copy with a NoExecute taint.
      await page.click('[data-tab=what-if]');
      found.push(...(await audit(page, 'what if, introduction')));
      await page.click('[data-action=what-if-start]');
      await page.waitForSelector('[data-testid=what-if-banner]');
      await page.fill('[data-node=worker] [data-field=taint]', 'dedicated=db:NoExecute');
      await page.click('[data-node=worker] .add-taint button[type=submit]');
      for (let i = 0; i < 3; i++) await page.click('[data-testid=clock-step]');
      await page.click('[data-tab=what-if]');
      await page.waitForSelector('[data-testid=what-if] .what-if-change');
      found.push(...(await audit(page, 'what if, a copy and its diff')));
      await page.click('[data-action=what-if-discard]');
      await page.click('[data-tab=lessons]');
      found.push(...(await audit(page, 'lessons')));
      await page.click('[data-action=start-lesson]');
      await page.waitForSelector('[data-testid=lesson-progress]');
      found.push(...(await audit(page, 'a lesson')));
      await page.click('[data-testid=file-new]');
      await page.waitForSelector('[data-testid=new-file-form]');
      found.push(...(await audit(page, 'new file form')));
      // A cluster past the cards: the compact grid.
      const nodes = Array.from({ length: 40 }, (_, i) =>
        `---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n${i}\n` +
        (i % 7 ? '' : 'spec:\n  taints: [{key: gpu, effect: NoSchedule}]\n'));
      await page.goto(url);
      await page.waitForSelector(FULL, { timeout: 30000 });
      await page.fill('[data-testid=editor]', nodes.join(''));
      await page.click('[data-testid=apply]');
      await page.waitForSelector('[data-testid=node-grid]');
      found.push(...(await audit(page, 'node grid')));
      await page.click('[data-testid=embed]');
      await page.waitForSelector('[data-testid=embed-code]');
      found.push(...(await audit(page, 'the Embed snippet')));
      await page.click('[data-testid=embed]');
      await page.click('[data-testid=import]');
      await page.waitForSelector('[data-testid=import-dialog]');
      found.push(...(await audit(page, 'import dialog')));
      // Embed mode (README "Embedding") at a phone's width, on the first check's link.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${url}?embed${shared.split('|')[0]}`);
      await page.waitForSelector(`.app.embed ${FULL}`, { timeout: 30000 });
      await page.waitForSelector('[data-testid=terminal-input]');
      found.push(...(await audit(page, 'embed mode, 360 px')));
      const seen = new Set();
      const unique = found.filter((f) => !seen.has(f) && seen.add(f));
      expect(unique.length === 0, `${unique.length} violations\n${unique.join('\n')}`);
      await page.context().close();
    });
  }
}

// Keyboard users see where the focus is: every control Tab reaches draws a
// focus ring (an outline or a shadow), or sits in an editor that draws one around
// itself (`:focus-within`).
await check('every control the keyboard reaches shows its focus', async () => {
  const page = await open();
  await page.waitForSelector(FULL, { timeout: 30000 });
  await page.click('[data-testid=pause]');
  await page.click('[data-testid=apply]');
  for (let i = 0; i < 3; i++) await page.click('[data-testid=clock-step]');
  await page.click('[data-node=worker] [data-pod] .pod-name');
  await page.evaluate(() => document.activeElement.blur());
  const seen = new Set();
  const hidden = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      const name = `${e.tagName.toLowerCase()}${e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : ''}` +
        ` "${(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30)}"`;
      return { name, shown: ring || !!e.closest('.code-editor, .editor, .terminal'), editor: e.tagName === 'TEXTAREA' };
    });
    if (!focus) continue;
    // Tab indents in the editor; Esc lets the next Tab move on.
    if (focus.editor) await page.keyboard.press('Escape');
    if (seen.has(focus.name)) continue;
    seen.add(focus.name);
    if (!focus.shown) hidden.push(focus.name);
  }
  expect(seen.size > 25, `Tab reached only ${seen.size} controls`);
  expect(hidden.length === 0, `no visible focus on: ${hidden.join(', ')}`);
  await page.context().close();
});

// Readable from a phone up: the page never scrolls sideways (wide tables and
// the terminal scroll inside their own boxes).
for (const width of [390, 1024]) {
  await check(`no sideways scrolling at ${width} px`, async () => {
    const page = await open('', { viewport: { width, height: 844 }, isMobile: width < 600, hasTouch: width < 600 });
    await page.waitForSelector(FULL, { timeout: 30000 });
    await page.click('[data-testid=pause]');
    await page.click('[data-testid=apply]');
    for (let i = 0; i < 5; i++) await page.click('[data-testid=clock-step]');
    const wide = [];
    const measure = async (view) => {
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scroll > client) wide.push(`${view}: ${scroll} px wide in ${client}`);
    };
    await measure('cluster');
    await page.click('[data-tab=terminal]');
    await page.fill('[data-testid=terminal-input]', 'kubectl get pods -o wide');
    await page.press('[data-testid=terminal-input]', 'Enter');
    await measure('terminal');
    await page.click('[data-node=worker] [data-pod] .pod-name');
    await page.waitForSelector('[data-testid=filter-table]');
    await measure('explain pod');
    await page.click('[data-node=master] .node-name button');
    await page.waitForSelector('[data-testid=node-taints]');
    await measure('explain node');
    await page.click('[data-tab=lessons]');
    await page.click('[data-action=start-lesson]');
    await measure('a lesson');
    expect(wide.length === 0, wide.join('; '));
    await page.context().close();
  });
}

// Embed mode at a phone's width: a tutorial's frame never scrolls sideways either.
await check('no sideways scrolling in embed mode at 360 px', async () => {
  const page = await open(`?embed${shared.split('|')[0]}`, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await page.waitForSelector(`.app.embed ${FULL}`, { timeout: 30000 });
  const wide = [];
  const measure = async (view) => {
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    if (scroll > client) wide.push(`${view}: ${scroll} px wide in ${client}`);
  };
  await page.waitForSelector('[data-testid=terminal-input]');
  await measure('cluster and terminal');
  await page.fill('[data-testid=terminal-input]', 'kubectl get pods -o wide');
  await page.press('[data-testid=terminal-input]', 'Enter');
  await measure('terminal');
  await page.click('[data-node=worker] [data-pod] .pod-name');
  await page.waitForSelector('[data-testid=filter-table]');
  await measure('explain pod');
  await page.click('[data-tab=lessons]');
  await page.click('[data-action=start-lesson]');
  await measure('a lesson');
  expect(wide.length === 0, wide.join('; '));
  await page.context().close();
});

// The policy is in the page and Chromium enforces it: an inline script and a
// style attribute are refused and reported (so the violation check below can
// see one), while the app's WebAssembly, scripts and styles run.
await check('the Content-Security-Policy is in the page and Chromium enforces it', async () => {
  const own = { errors: [], violations: [] };
  const page = await open('', {}, own);
  const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
  expect(policy, 'no Content-Security-Policy meta in the page');
  for (const part of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "style-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'none'", "worker-src 'self'"]) {
    expect(policy.includes(part), `the policy lacks ${part}: ${policy}`);
  }
  expect(!/unsafe-inline|unsafe-eval'|\*/.test(policy.replace("'wasm-unsafe-eval'", '')), `the policy allows too much: ${policy}`);
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.head.append(script);
    const p = document.createElement('p');
    p.setAttribute('style', 'color: red');
    document.body.append(p);
    return window.injected === true;
  });
  expect(!ran, 'an inline script ran');
  await page.waitForTimeout(200);
  const seen = own.violations.join('\n');
  expect(seen.includes('script-src-elem refused inline'), `no violation reported for the inline script:\n${seen}`);
  expect(seen.includes('style-src-attr refused inline'), `no violation reported for the style attribute:\n${seen}`);
  expect(own.violations.length === 2, `other violations:\n${seen}`);
  await page.context().close();
});

// The app sets its few computed styles (error marks, bars) through the CSSOM,
// which the policy allows: they apply, and nothing is refused (checked below).
await check('computed styles apply under the policy (error marks in the editor)', async () => {
  const page = await open();
  await page.waitForSelector(FULL, { timeout: 30000 });
  await page.fill('[data-testid=editor]', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: 7\n');
  await page.click('[data-testid=apply]');
  await page.waitForSelector('.band.error');
  const [line, declared] = await page.evaluate(() => {
    const band = document.querySelector('.band.error');
    return [band.dataset.line, band.style.getPropertyValue('--line')];
  });
  expect(declared.trim() === String(line - 1), `the mark on line ${line} has --line "${declared}"`);
  await page.context().close();
});

// The panic hook (web/ui/src/crash.rs), in each module: the last session is
// written at once (read back synchronously after the panic, before any timer
// of the autosave could have run), the banner says so in both languages, and
// Reload brings the work back.
const PANIC = 'taintlab test panic';
async function afterPanic(page, sinks, pod) {
  const banner = await page.textContent('[data-testid=crashed]');
  for (const words of ['Something went wrong: taintlab stopped.', 'Your work is saved in this browser', '出错了：taintlab 已停止运行。', '你的内容已保存在此浏览器中', PANIC]) {
    expect(banner.includes(words), `the banner lacks "${words}": ${banner}`);
  }
  expect(!banner.includes('did not let taintlab save'), `the banner says nothing was saved: ${banner}`);
  const focused = await page.evaluate(() => document.activeElement?.dataset.testid);
  expect(focused === 'crashed-reload', `the focus is on ${focused}, not on Reload`);
  expect(sinks.errors.some((e) => e.includes(PANIC)), `the panic is not in the console: ${sinks.errors.join(' | ')}`);
  await page.click('[data-testid=crashed-reload]');
  await page.waitForSelector(FULL, { timeout: 30000 });
  await page.waitForFunction((pod) => document.querySelector('[data-node=worker]')?.textContent.includes(pod), pod, { timeout: 10000 });
  expect(!(await page.$('[data-testid=crashed]')), 'the banner is still there after the reload');
}

await check('a panic in the full module keeps the work and offers a reload', async () => {
  const sinks = { errors: [], violations };
  const page = await open('', {}, sinks);
  await page.waitForSelector(FULL, { timeout: 30000 });
  await page.click('[data-testid=pause]');
  await page.click('[data-testid=apply]');
  for (let i = 0; i < 3; i++) await page.click('[data-testid=clock-step]');
  await page.waitForSelector('[data-node=worker] [data-pod]');
  const pod = podName(await podOn(page, 'worker'));
  const [error, saved] = await page.evaluate(async (key) => {
    const full = await import(new URL('taintlab-full.js', document.baseURI).href);
    localStorage.removeItem(key);
    try { full.crash_for_test(); return ['no error', null]; } catch (e) { return [String(e), localStorage.getItem(key)]; }
  }, KEY);
  expect(/RuntimeError/.test(error), `the panic did not stop the module: ${error}`);
  expect(saved && saved.includes('redis-ds'), `the autosave after the panic: ${saved}`);
  await page.waitForSelector('[data-testid=crashed]');
  await afterPanic(page, sinks, pod);
  await page.context().close();
});

await check('a panic in the first-load module keeps the work and offers a reload', async () => {
  const sinks = { errors: [], violations };
  const page = await open('', {}, sinks);
  // The focus in the editor holds the handover; Ctrl+Enter applies.
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('[data-node=worker] [data-pod]');
  const pod = podName(await podOn(page, 'worker'));
  expect(!(await page.$(FULL)), 'the full module took over before the panic');
  const [error, saved] = await page.evaluate((key) => {
    localStorage.removeItem(key);
    try { window.wasmBindings.crash_for_test(); return ['no error', null]; } catch (e) { return [String(e), localStorage.getItem(key)]; }
  }, KEY);
  expect(/RuntimeError/.test(error), `the panic did not stop the module: ${error}`);
  expect(saved && saved.includes('redis-ds'), `the autosave after the panic: ${saved}`);
  await page.waitForSelector('[data-testid=crashed]');
  // A stopped module hands nothing over: the page stays as it is until Reload.
  await page.evaluate(() => document.activeElement.blur());
  await page.waitForTimeout(4500);
  expect(!(await page.$(FULL)), 'the full module took over after the panic');
  await page.focus('[data-testid=crashed-reload]');
  await afterPanic(page, sinks, pod);
  await page.context().close();
});

await check('a panic in embed mode says the frame keeps nothing, and Reload opens its link again', async () => {
  const sinks = { errors: [], violations };
  const [hash, pod] = shared.split('|');
  const page = await open(`?embed${hash}`, {}, sinks);
  await page.waitForSelector(`.app.embed ${FULL}`, { timeout: 30000 });
  await page.evaluate((key) => localStorage.setItem(key, 'own work'), KEY);
  const error = await page.evaluate(async () => {
    const full = await import(new URL('taintlab-full.js', document.baseURI).href);
    try { full.crash_for_test(); return 'no error'; } catch (e) { return String(e); }
  });
  expect(/RuntimeError/.test(error), `the panic did not stop the module: ${error}`);
  await page.waitForSelector('[data-testid=crashed]');
  const banner = await page.textContent('[data-testid=crashed]');
  for (const words of ['work done in an embedded taintlab is not kept', '嵌入的 taintlab 不会保留在其中所做的更改']) {
    expect(banner.includes(words), `the banner lacks "${words}": ${banner}`);
  }
  expect(!banner.includes('Your work is saved') && !banner.includes('did not let taintlab save'), `the banner speaks of the autosave: ${banner}`);
  const kept = await page.evaluate((key) => localStorage.getItem(key), KEY);
  expect(kept === 'own work', `the panic wrote over the learner's session: ${String(kept).slice(0, 80)}`);
  expect(sinks.errors.some((e) => e.includes(PANIC)), 'the panic is not in the console');
  await page.click('[data-testid=crashed-reload]');
  await page.waitForSelector(`.app.embed ${FULL}`, { timeout: 30000 });
  await page.waitForFunction((pod) => document.querySelector('[data-node=worker]')?.textContent.includes(pod), pod, { timeout: 10000 });
  await page.context().close();
});

await check('a panic when storage refuses the work says so', async () => {
  const sinks = { errors: [], violations };
  const page = await open('', {}, sinks);
  await page.waitForSelector(FULL, { timeout: 30000 });
  await page.click('[data-testid=pause]');
  await page.click('[data-testid=apply]');
  // Storage filled to the last byte, so that the autosave cannot be written
  // (in one go: no timer of the autosave runs in between).
  const error = await page.evaluate(async (key) => {
    const module = await import(new URL('taintlab-full.js', document.baseURI).href);
    localStorage.removeItem(key);
    let i = 0;
    for (let size = 1 << 22; size >= 1; size >>= 1) {
      try { for (;;) localStorage.setItem(`filler${i++}`, 'x'.repeat(size)); } catch (e) { /* full at this size */ }
    }
    try { module.crash_for_test(); return 'no error'; } catch (e) { return String(e); }
  }, KEY);
  expect(/RuntimeError/.test(error), `the panic did not stop the module: ${error}`);
  await page.waitForSelector('[data-testid=crashed]');
  const banner = await page.textContent('[data-testid=crashed]');
  for (const words of ['did not let taintlab save your latest changes', '此浏览器不允许 taintlab 保存你最近的更改']) {
    expect(banner.includes(words), `the banner lacks "${words}": ${banner}`);
  }
  expect(!banner.includes('Your work is saved'), `the banner says the work is saved: ${banner}`);
  await page.context().close();
});

// A share link holding a deflate bomb: the page stops decompressing at
// taintlab_core::limits::MAX_TEXT_BYTES, the number the Rust side uses, and
// says so in the page's language; one byte less is read (and is no session).
const MAX_TEXT_BYTES = 8 * 1024 * 1024;
const bomb = (bytes) => `#s=${deflateRawSync(Buffer.alloc(bytes, 'a'), { level: 9 }).toString('base64url')}`;
await check('a deflate bomb in a share link stops at the text limit, in English and Chinese', async () => {
  const link = bomb(100 * 1024 * 1024);
  console.log(`  a 100 MiB deflate bomb is a ${link.length}-character link`);
  for (const [locale, words] of [
    ['en-US', "This link cannot be opened: text too large: taintlab's limit is 8388608 bytes. The built-in example is shown instead."],
    ['zh-CN', '无法打开这个链接：文本过大：taintlab 的上限为 8388608 字节。现在显示的是内置示例。'],
  ]) {
    const page = await open(link, { locale });
    const started = Date.now();
    await page.waitForSelector('[data-testid=keep-notice]', { timeout: 30000 });
    const notice = await page.textContent('[data-testid=keep-notice]');
    expect(notice.includes(words), `${locale}: ${notice}`);
    console.log(`  timing: ${locale}: refused after ${Date.now() - started} ms`);
    await page.context().close();
  }
  const over = await open(bomb(MAX_TEXT_BYTES + 1));
  await over.waitForSelector('[data-testid=keep-notice]', { timeout: 30000 });
  const overNotice = await over.textContent('[data-testid=keep-notice]');
  expect(overNotice.includes('text too large'), `one byte over the limit: ${overNotice}`);
  await over.context().close();
  const at = await open(bomb(MAX_TEXT_BYTES));
  await at.waitForSelector('[data-testid=keep-notice]', { timeout: 30000 });
  const atNotice = await at.textContent('[data-testid=keep-notice]');
  expect(atNotice.includes('This link is damaged'), `at the limit: ${atNotice}`);
  await at.context().close();
});

// Uploads are held to the same limit before they are read, with the limit's
// words in the page's language.
await check('an upload over the text limit is refused, in English and Chinese', async () => {
  const big = { name: 'big.yaml', mimeType: 'text/yaml', buffer: Buffer.alloc(MAX_TEXT_BYTES + 1, '#') };
  for (const [locale, words] of [
    ['en-US', "big.yaml: text too large: taintlab's limit is 8388608 bytes"],
    ['zh-CN', 'big.yaml：文本过大：taintlab 的上限为 8388608 字节'],
  ]) {
    const page = await open('', { locale });
    await page.waitForSelector(FULL, { timeout: 30000 });
    await page.setInputFiles('input[type=file]', big);
    await page.waitForSelector('.workspace-panel .action-error');
    const error = await page.textContent('.workspace-panel .action-error');
    expect(error.includes(words), `${locale}: ${error}`);
    await page.context().close();
  }
});

// Offline after one visit (static/sw.js, with the release cargo xtask dist
// wrote into it). Each check serves the site on a port of its own: a service
// worker belongs to its origin, and these must not meet the other checks'.
const worker = readFileSync(join(dist, 'sw.js'), 'utf8');
const RELEASE_LINE = /^const RELEASE = (\{.*\});$/m;
const release = JSON.parse(worker.match(RELEASE_LINE)?.[1] ?? 'null');
// The page's own view of the worker: once it is active (its install cached
// every file of the release), the caches and what they hold.
const cachesOf = (page) => page.evaluate(async () => {
  await navigator.serviceWorker.ready;
  const out = {};
  for (const name of await caches.keys()) {
    out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.slice(1));
  }
  return out;
});

// Polls `condition` (async) until it holds, for at most `ms`.
async function until(what, condition, ms = 15000) {
  for (const end = Date.now() + ms; !(await condition());) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

await check('after one visit the site works offline: reload, apply, the terminal', async () => {
  expect(release && release.files.length > 8, `dist/sw.js holds no release: ${worker.slice(0, 200)}`);
  const site = await serve(dist);
  const sinks = { errors: [], violations };
  const page = await open('', {}, sinks, site.url);
  const cached = await cachesOf(page);
  const names = Object.keys(cached);
  expect(names.length === 1 && names[0] === `taintlab-${release.id}`, `caches: ${names.join(', ')}`);
  const files = cached[names[0]].sort().join(' ');
  const expected = release.files.map((f) => f.name).sort().join(' ');
  expect(files === expected, `cached: ${files}\nthe release: ${expected}`);
  for (const name of ['index.html', 'taintlab-full.js', 'taintlab-full_bg.wasm', 'full.css']) {
    expect(files.split(' ').includes(name), `${name} is not cached`);
  }
  // Offline for the browser, and the server gone as well, so that nothing
  // (the worker's own fetches included) can reach it.
  await page.context().setOffline(true);
  site.server.close();
  site.server.closeAllConnections();
  await page.reload();
  await page.waitForSelector('[data-node=master]');
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the page is not served by the worker');
  await page.click('[data-testid=pause]');
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-node=worker] [data-pod]');
  // The terminal is the full module's: it loads from the cache.
  await page.click('[data-tab=terminal]');
  await page.waitForSelector('[data-testid=terminal-input]', { timeout: 30000 });
  await page.fill('[data-testid=terminal-input]', 'kubectl get pods');
  await page.press('[data-testid=terminal-input]', 'Enter');
  await page.waitForFunction(() => /redis-ds-[a-z0-9]{5}/.test(document.querySelector('[data-testid=terminal-output]')?.textContent));
  // Offline, the browser logs the worker's failed update check; anything else counts.
  const other = sinks.errors.filter((e) => !/ServiceWorker|sw\.js|ERR_INTERNET_DISCONNECTED/.test(e));
  expect(other.length === 0, other.join(' | '));
  await page.context().close();
});

await check('a new release installs beside the old one and takes over once no old page is open', async () => {
  expect(release, 'dist/sw.js holds no release');
  const next = new Map();
  const site = await serve(dist, next);
  const page = await open('', {}, { errors, violations }, site.url);
  await cachesOf(page);
  // Once more, now served by the worker: a page of the old release.
  await page.reload();
  await page.waitForSelector('[data-node=master]');
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the page is not served by the worker');
  // The next release, as cargo xtask dist would write it: full.css changed,
  // so the worker has a new id and the file a new hash.
  const css = `${readFileSync(join(dist, 'full.css'), 'utf8')}\n/* the next release */\n`;
  const newer = structuredClone(release);
  newer.id = createHash('sha256').update(release.id).digest('hex').slice(0, 16);
  newer.files.find((f) => f.name === 'full.css').integrity = `sha256-${createHash('sha256').update(css).digest('base64')}`;
  next.set('/full.css', Buffer.from(css));
  next.set('/sw.js', Buffer.from(worker.replace(RELEASE_LINE, () => `const RELEASE = ${JSON.stringify(newer)};`)));
  // What the browser does on a visit: it looks for a new worker.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await until('the new worker is installed', () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed'));
  const both = Object.keys(await cachesOf(page)).sort();
  const want = [`taintlab-${release.id}`, `taintlab-${newer.id}`].sort();
  expect(both.join() === want.join(), `while the old page is open: ${both.join(', ')}`);
  // The old page still gets its own release's files.
  const old = await page.evaluate(async () => (await fetch('full.css')).text());
  expect(!old.includes('the next release'), 'the old page got the new release\'s full.css');
  // The last old page closes: the new worker takes over and deletes the old
  // cache (seen from inside the workers, with no page open to hold the old one).
  const context = page.context();
  await page.close();
  await until('the new worker takes over and deletes the old cache', async () => {
    const workers = context.serviceWorkers();
    const names = await workers[workers.length - 1]?.evaluate(() => caches.keys()).catch(() => []);
    return names?.join() === `taintlab-${newer.id}`;
  });
  const after = await context.newPage();
  await after.goto(site.url);
  await after.waitForSelector('[data-node=master]');
  const css2 = await after.evaluate(async () => (await fetch('full.css')).text());
  expect(css2.includes('the next release'), 'the new page did not get the new release\'s full.css');
  await after.context().close();
  site.server.close();
  site.server.closeAllConnections();
});

// `cargo xtask serve` serves static/sw.js as it is, without a release: on an
// origin that once had a release, that worker deletes its caches and itself.
await check('a worker without a release (cargo xtask serve) removes the release\'s', async () => {
  const dev = new Map();
  const site = await serve(dist, dev);
  const page = await open('', {}, { errors, violations }, site.url);
  expect(Object.keys(await cachesOf(page)).length === 1, 'the release is not cached');
  dev.set('/sw.js', readFileSync(join(root, 'static/sw.js')));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await until('the release\'s caches and worker are gone', () => page.evaluate(async () =>
    (await caches.keys()).length === 0 && !(await navigator.serviceWorker.getRegistration())));
  await page.context().close();
  site.server.close();
  site.server.closeAllConnections();
});

await check('no Content-Security-Policy violation on any view', async () => {
  expect(violations.length === 0, `${violations.length} violations\n${violations.join('\n')}`);
});

await check('no errors in the page', async () => {
  expect(errors.length === 0, errors.join(' | '));
});

await browser.close();
server.close();
console.log(failed ? `site check: ${failed} failed` : 'site check: every check passed');
process.exit(failed ? 1 : 0);
