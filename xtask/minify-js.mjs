// Trunk post_build hook: minify the JS of release builds with terser.
//
// trunk's own JS minifier gives up on wasm-bindgen's glue (it keeps the file as is),
// and that glue counts toward the first-load budget. `cargo xtask` installs terser
// (pinned) into .tools/terser; debug builds (`cargo xtask serve`) are left alone.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
const terserPath = resolve('.tools/terser/node_modules/terser/main.js');
const { minify } = await import(pathToFileURL(terserPath).href);

function* scripts(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* scripts(path);
    else if (name.endsWith('.js')) yield path;
  }
}

for (const path of scripts(staging)) {
  // The service worker keeps a `RELEASE = null` line that `cargo xtask dist`
  // replaces (static/sw.js): folded by the minifier, it would be lost.
  if (path === join(staging, 'sw.js')) continue;
  const code = readFileSync(path, 'utf8');
  const out = await minify(code, { module: true, compress: true, mangle: true });
  if (typeof out.code !== 'string') throw new Error(`terser produced nothing for ${path}`);
  writeFileSync(path, out.code);
}
