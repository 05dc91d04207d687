// `cargo xtask screenshots`: the README's pictures, taken by headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core from .tools/) on the
// release site in dist/, served here on a free local port.
//
// Each shot drives the real page the way a person would: apply YAML, click a pod,
// type in the terminal, open a lesson. Output: docs/screenshots/NAME.png.
import { readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch } from './site-browser.mjs';

const root = resolve('.');
const dist = join(root, 'dist');
const out = join(root, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const { server, url } = await serve(dist);
const browser = await launch();

const daemonSet = readFileSync(join(root, 'static/examples/redis-ds.yaml'), 'utf8');
const bigCluster = (() => {
  const items = [];
  for (let i = 0; i < 500; i++) {
    const taint = i % 17 === 0 ? '\n    taints: [{key: dedicated, value: gpu, effect: NoSchedule}]' : ' {}';
    const zone = 'abc'[i % 3];
    items.push(`- apiVersion: v1\n  kind: Node\n  metadata:\n    name: node-${String(i).padStart(3, '0')}\n    labels: {topology.kubernetes.io/zone: zone-${zone}}\n  spec:${taint}`);
  }
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n---\n${daemonSet}`;
})();

async function page(scheme, locale, size = { width: 1360, height: 900 }) {
  const context = await browser.newContext({ viewport: size, colorScheme: scheme, locale, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const p = await context.newPage();
  p.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await p.goto(url);
  await p.waitForSelector('[data-node=master]');
  // The full module takes over in the background (README: How the page loads).
  await p.waitForSelector('.code-editor', { timeout: 30000 });
  await p.click('[data-testid=pause]');
  return p;
}

async function applied(p, text) {
  // As a paste does: the value and one input event. (Playwright's fill waits
  // for the editor to be "visible", which a textarea grown to the height of a
  // 500-node manifest never is within its timeout.)
  if (text !== undefined) {
    await p.$eval('[data-testid=editor]', (area, value) => {
      area.value = value;
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }, text);
  }
  await p.click('[data-testid=apply]');
  for (let i = 0; i < 5; i++) await p.click('[data-testid=clock-step]');
}

async function shot(p, name) {
  await p.waitForTimeout(300);
  await p.screenshot({ path: join(out, `${name}.png`) });
  console.log(`xtask: docs/screenshots/${name}.png`);
  await p.context().close();
}

// A worker mostly taken by a low-priority pod, then a pod of a class that never
// preempts: it waits, and its explanation says what preemption would do.
const filler = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: filler\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "3"\n';
const polite = `${filler}---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: polite\nvalue: 1000\npreemptionPolicy: Never\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: polite\nspec:\n  priorityClassName: polite\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "2"\n`;

async function preemption(locale, name) {
  const p = await page('light', locale, { width: 1360, height: 1400 });
  await applied(p, filler);
  await applied(p, polite);
  await p.click('[data-testid=pending] [data-pod=polite] button');
  await p.waitForSelector('[data-testid=explain-preemption]');
  await shot(p, name);
}

// A real cluster's state imported, then Share: the question of its real names.
const clusterState = readFileSync(join(root, 'core/tests/fixtures/cluster_state.yaml'), 'utf8');

async function shareImported(scheme, locale, name) {
  const p = await page(scheme, locale);
  await p.click('[data-testid=import]');
  await p.$eval('[data-testid=import-text]', (area, value) => {
    area.value = value;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, clusterState);
  await p.click('[data-testid=import-apply]');
  await p.waitForSelector('[data-node=kind-worker]');
  await p.click('[data-testid=keep-notice] button');
  await p.click('[data-testid=share]');
  await p.waitForSelector('[data-testid=share-choice]');
  await shot(p, name);
}

// What if: the tutorial's cluster running a Deployment, a copy made, the worker
// tainted NoExecute in the copy from the terminal, 10 s stepped: the copy beside
// the cluster as it is, and the diff with its evictions and waiting pods.
const web = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n';

async function whatIf(locale, name) {
  const p = await page('light', locale, { width: 1360, height: 1500 });
  await applied(p, web);
  await p.click('[data-tab=what-if]');
  await p.click('[data-action=what-if-start]');
  await p.waitForSelector('[data-testid=what-if-banner]');
  await p.click('[data-tab=terminal]');
  await p.fill('[data-testid=terminal-input]', 'kubectl taint nodes worker dedicated=db:NoExecute');
  await p.press('[data-testid=terminal-input]', 'Enter');
  for (let i = 0; i < 10; i++) await p.click('[data-testid=clock-step]');
  await p.click('[data-tab=what-if]');
  await p.waitForSelector('[data-testid=what-if] .what-if-change');
  await shot(p, name);
}

// Embed mode (README "Embedding"): the tolerating DaemonSet applied, then the
// Embed button's snippet, whose frame is shot alone at a phone's width and
// inside a tutorial page.
const tolerating = readFileSync(join(root, 'static/examples/redis-ds-tolerations.yaml'), 'utf8');

async function embedSnippet(scheme, locale) {
  const p = await page(scheme, locale);
  await applied(p, tolerating);
  await p.click('[data-testid=embed]');
  await p.waitForSelector('[data-testid=embed-code]');
  return p;
}

async function embedAlone(scheme, locale, name) {
  const p = await embedSnippet(scheme, locale);
  const src = (await p.inputValue('[data-testid=embed-code]')).match(/<iframe src="([^"]*)"/)[1];
  await p.setViewportSize({ width: 360, height: 740 });
  await p.goto(src);
  await p.waitForSelector('.app.embed .code-editor', { timeout: 30000 });
  await p.waitForSelector('[data-testid=terminal-input]');
  await p.fill('[data-testid=terminal-input]', 'kubectl get pods -o wide');
  await p.press('[data-testid=terminal-input]', 'Enter');
  await p.waitForTimeout(300);
  await p.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  console.log(`xtask: docs/screenshots/${name}.png`);
  await p.context().close();
}

async function embedInTutorial(scheme, locale, name) {
  const p = await embedSnippet(scheme, locale);
  const snippet = await p.inputValue('[data-testid=embed-code]');
  const tutorial = `${url}tutorial.html`;
  const zh = locale.startsWith('zh');
  await p.route(tutorial, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="${zh ? 'zh-CN' : 'en'}"><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Tutorial</title>` +
      `<body style="font: 16px/1.6 system-ui, sans-serif; max-width: 860px; margin: 24px auto; padding: 0 16px">` +
      (zh ? '<h1>DaemonSet 与污点</h1><p>给 DaemonSet 加上容忍度，它的 Pod 也会落到 master 上。试试看：</p>'
        : '<h1>DaemonSets and taints</h1><p>With a toleration, the DaemonSet\'s pods land on the master too. Try it:</p>') +
      `${snippet}<p>${zh ? '下一节：静态 Pod。' : 'Next: static pods.'}</p>`,
  }));
  await p.goto(tutorial);
  const frame = await (await p.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('.app.embed .code-editor', { timeout: 30000 });
  await frame.waitForSelector('[data-testid=terminal-input]');
  // The frame's height follows the content's (the snippet's script).
  await p.waitForTimeout(800);
  await p.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  console.log(`xtask: docs/screenshots/${name}.png`);
  await p.context().close();
}

const shots = {
  'share-imported-en': () => shareImported('light', 'en-US', 'share-imported-en'),
  'share-imported-zh': () => shareImported('dark', 'zh-CN', 'share-imported-zh'),
  'what-if-en': () => whatIf('en-US', 'what-if-en'),
  'what-if-zh': () => whatIf('zh-CN', 'what-if-zh'),
  'preemption-en': () => preemption('en-US', 'preemption-en'),
  'embed-snippet-en': async () => shot(await embedSnippet('light', 'en-US'), 'embed-snippet-en'),
  'embed-snippet-zh': async () => shot(await embedSnippet('dark', 'zh-CN'), 'embed-snippet-zh'),
  'embed-360-en': () => embedAlone('light', 'en-US', 'embed-360-en'),
  'embed-360-zh': () => embedAlone('dark', 'zh-CN', 'embed-360-zh'),
  'embed-tutorial-en': () => embedInTutorial('light', 'en-US', 'embed-tutorial-en'),
  'embed-tutorial-zh': () => embedInTutorial('light', 'zh-CN', 'embed-tutorial-zh'),
  // The tutorial's first step: the DaemonSet on worker only, the master's reason.
  'light-en': async () => {
    const p = await page('light', 'en-US');
    await applied(p);
    await shot(p, 'light-en');
  },
  'dark-en': async () => {
    const p = await page('dark', 'en-US');
    await applied(p);
    await p.click('[data-node=worker] [data-pod] button');
    await p.waitForSelector('[data-testid=explain]');
    await shot(p, 'dark-en');
  },
  'light-zh': async () => {
    const p = await page('light', 'zh-CN', { width: 1360, height: 1250 });
    await applied(p);
    await p.click('[data-tab=terminal]');
    await p.waitForSelector('[data-testid=terminal-input]');
    for (const line of ['kubectl get pods -o wide', 'kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule-', 'kubectl get pods -o wide']) {
      await p.fill('[data-testid=terminal-input]', line);
      await p.press('[data-testid=terminal-input]', 'Enter');
    }
    await shot(p, 'light-zh');
  },
  'lessons-en': async () => {
    const p = await page('light', 'en-US');
    await p.click('[data-tab=lessons]');
    await p.waitForSelector('[data-testid=lessons]');
    await shot(p, 'lessons-en');
  },
  'grid-500': async () => {
    const p = await page('light', 'en-US');
    await applied(p, bigCluster);
    await p.waitForSelector('[data-testid=node-grid]', { timeout: 120000 });
    await shot(p, 'grid-500');
  },
};

const wanted = process.argv.slice(2);
try {
  for (const [name, take] of Object.entries(shots)) {
    if (wanted.length === 0 || wanted.includes(name)) await take();
  }
} finally {
  await browser.close();
  server.close();
}
