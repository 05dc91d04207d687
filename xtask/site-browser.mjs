// What xtask's browser scripts (site-check.mjs, screenshots.mjs) share: the
// static site served on a free local port, and Debian's Chromium driven by
// playwright-core from .tools/.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, extname } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve('.');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };

/// Serves `dist` on 127.0.0.1; returns the server and the page's URL. A path
/// in `overrides` (`/sw.js`) is answered with its bytes instead of the file's:
/// the site check's next release.
export async function serve(dist, overrides = new Map()) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (overrides.has(path)) {
      res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' });
      res.end(overrides.get(path));
      return;
    }
    const file = join(dist, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dist) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/// Headless Chromium (as root it needs --no-sandbox).
export async function launch() {
  const { chromium } = await import(
    pathToFileURL(join(root, '.tools/playwright/node_modules/playwright-core/index.mjs')).href
  );
  const args = ['--disable-gpu', '--no-first-run', '--disable-background-networking'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args });
}
