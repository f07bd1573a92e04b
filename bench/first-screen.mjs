// The size and first-screen part of scripts/bench alone (the rest needs the large city
// and takes minutes): the wasm's size, and the time until the navigation is drawn for
// the app against a static page of the same markup (median of 7 cold loads each).
//
//   EXEMPLAR_DIST=path/to/dist node bench/first-screen.mjs
import { readFile, readdir, writeFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { ROOT, DIST, serve, CHROMIUM_ARGS } from '../e2e/harness.mjs';

const require = createRequire(join(ROOT, 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const RUNS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const wasmName = (await readdir(DIST)).find((f) => f.endsWith('.wasm') && !f.startsWith('exemplar-office-'));
const wasm = await readFile(join(DIST, wasmName));
const profileDir = await mkdtemp(join(tmpdir(), 'exemplar-first-'));
const server = await serve(DIST);
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true,
  viewport: { width: 1280, height: 860 },
});
async function timeToNav(url) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const seen = () => document.querySelector('nav[aria-label="主导航"]');
    new MutationObserver((_, obs) => {
      if (seen() && !window.__navAt) { window.__navAt = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__navAt);
  const t = await page.evaluate(() => window.__navAt);
  await page.close();
  return t;
}
const probe = await context.newPage();
await probe.goto(server.url + '#/');
await probe.getByRole('navigation', { name: '主导航' }).waitFor();
const markup = await probe.evaluate(() => document.body.innerHTML);
const css = await probe.evaluate(() => [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n'));
await probe.close();
const staticDir = join(DIST, '__bench');
await mkdir(staticDir, { recursive: true });
await writeFile(join(staticDir, 'static.html'), `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head><body>${markup}</body></html>`);
const app = [], stat = [];
for (let i = 0; i < RUNS; i++) {
  app.push(await timeToNav(server.url + `?run=${i}#/`));
  stat.push(await timeToNav(server.url + `__bench/static.html?run=${i}`));
}
await context.close();
await server.close();
await rm(profileDir, { recursive: true, force: true });
await rm(staticDir, { recursive: true, force: true });
const a = median(app), s = median(stat);
console.log(JSON.stringify({
  wasm_bytes: wasm.length, wasm_gzip: gzipSync(wasm, { level: 9 }).length,
  first_screen_ms: Number(a.toFixed(1)), static_ms: Number(s.toFixed(1)), ratio: Number((a / s).toFixed(2)),
}));
