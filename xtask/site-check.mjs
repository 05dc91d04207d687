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
// Prints `ok - NAME` or `not ok - NAME: WHY` per check; exits 1 if any failed.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch } from './site-browser.mjs';

const root = resolve('.');
const dist = resolve(process.argv[2] || 'dist');
const axeSource = readFileSync(join(root, '.tools/axe/node_modules/axe-core/axe.min.js'), 'utf8');
const { server, url } = await serve(dist);
const browser = await launch();

let failed = 0;
async function check(name, body) {
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
const errors = [];
async function open(hash = '', options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    reducedMotion: 'reduce',
    ...options,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url + hash);
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

// Every main view, as a person reaches it, checked by axe-core.
async function audit(page, view) {
  await page.addScriptTag({ content: axeSource });
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
      const page = await open('', { colorScheme, locale });
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
      await page.click('[data-testid=import]');
      await page.waitForSelector('[data-testid=import-dialog]');
      found.push(...(await audit(page, 'import dialog')));
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

await check('no errors in the page', async () => {
  expect(errors.length === 0, errors.join(' | '));
});

await browser.close();
server.close();
console.log(failed ? `site check: ${failed} failed` : 'site check: every check passed');
process.exit(failed ? 1 : 0);
