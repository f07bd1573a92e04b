// The browser half of scripts/bench. Every figure is a ratio against a baseline
// measured in the same run. Prints a Markdown table and, with --record, writes it into
// docs/performance.md between the bench markers.
//
//   node bench/bench.mjs NATIVE_JSON LARGE_CITY.json [--record]
import { readFile, writeFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir, cpus, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { ROOT, DIST, serve, CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { measureScreens } from './screens.mjs';
import { measureTable } from './table.mjs';
import { measureGrid } from './grid.mjs';

const require = createRequire(join(ROOT, 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const [nativeJson, largePath, ...flags] = process.argv.slice(2);
const record = flags.includes('--record');
const native = JSON.parse(nativeJson);
const perfPath = join(ROOT, 'docs', 'performance.md');
const RUNS = 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, d = 1) => Number(x).toFixed(d);
const kb = (n) => `${fmt(n / 1024)} KB`;

// ---- 1. sizes, against the previous recorded release ----
const files = await readdir(DIST);
const sizes = async (names) => {
  let raw = 0, gz = 0, br = 0;
  for (const n of names) {
    const b = await readFile(join(DIST, n));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
    br += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gz, br };
};
// The office module (scripts/build-office) loads only when an office file is written or
// read: it is not part of the first screen, and is counted on a row of its own.
const isOffice = (f) => f.startsWith('exemplar-office-');
const wasm = await sizes(files.filter((f) => f.endsWith('.wasm') && !isOffice(f)));
const total = await sizes(files.filter((f) => f !== 'exemplar.html' && !isOffice(f)));
const office = await sizes(files.filter(isOffice));
const single = await sizes(['exemplar.html']);
const perf = await readFile(perfPath, 'utf8').catch(() => '');
const prev = Object.fromEntries([...(perf.match(/<!-- baseline: ([^>]*) -->/)?.[1] ?? '').matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
const vsPrev = (key, now) => (prev[key] ? `${fmt(now / prev[key], 2)}× previous (${kb(prev[key])})` : 'no previous figure');

// ---- browser figures ----
const profileDir = await mkdtemp(join(tmpdir(), 'exemplar-bench-'));
const server = await serve();
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true,
  viewport: { width: 1280, height: 860 },
});
const large = await readFile(largePath, 'utf8');

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

// ---- 2. cold load vs a static page of the same markup ----
const probe = await context.newPage();
await probe.goto(server.url + '#/');
await probe.getByRole('navigation', { name: '主导航' }).waitFor();
const markup = await probe.evaluate(() => document.body.innerHTML);
// index.html carries its styles inline (scripts/bundle.py); the static page gets the same.
const css = await probe.evaluate(() => [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n'));
const staticDir = join(DIST, '__bench');
await import('node:fs/promises').then((fs) => fs.mkdir(staticDir, { recursive: true }));
await writeFile(join(staticDir, 'static.html'), `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head><body>${markup}</body></html>`);
await probe.close();
const appLoads = [], staticLoads = [];
for (let i = 0; i < RUNS; i++) {
  appLoads.push(await timeToNav(server.url + `?run=${i}#/`));
  staticLoads.push(await timeToNav(server.url + `__bench/static.html?run=${i}`));
}

// ---- 3, 4, 6: recompute, import, save in the browser ----
const page = await context.newPage();
await page.goto(server.url + '#/data');
await page.getByRole('navigation', { name: '主导航' }).waitFor();
const browser = await page.evaluate(async ({ doc, runs }) => {
  const b = window.wasmBindings;
  const medianSeries = (series) => [...series].sort((x, y) => x[0] - y[0])[Math.floor(series.length / 2)];
  const parseTimes = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); JSON.parse(doc); parseTimes.push(performance.now() - t); }
  parseTimes.sort((a, b) => a - b);
  const setTimes = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now(); localStorage.setItem('exemplar-bench-raw', doc); localStorage.getItem('exemplar-bench-raw');
    setTimes.push(performance.now() - t);
  }
  localStorage.removeItem('exemplar-bench-raw');
  setTimes.sort((a, b) => a - b);
  return {
    recompute: b.exemplar_bench_recompute(doc, runs),
    import: b.exemplar_bench_import(doc, runs),
    jsonParse: parseTimes[Math.floor(runs / 2)],
    save: Array.from(b.exemplar_bench_save(doc, runs)),
    // Five series of 20 saved edits, each from the city saved afresh: the series with
    // the median mean (one series swings with the machine).
    edit: medianSeries(Array.from({ length: runs }, () => Array.from(b.exemplar_bench_edit_save(doc, 4 * runs)))),
    rawSet: setTimes[Math.floor(runs / 2)],
  };
}, { doc: large, runs: RUNS });

// ---- 4b. the longest main-thread task while restoring the backup through the UI ----
await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask', buffered: false });
});
const tRestore = Date.now();
// Chosen by path, as a person picks a file: given as a buffer, Playwright decodes it
// inside the page, a 150 ms task of its own that is not the app's.
await page.getByLabel('选择备份文件').setInputFiles(largePath);
const dialog = page.getByRole('dialog', { name: '确认从备份恢复' });
await dialog.waitFor({ timeout: 60000 });
await dialog.getByRole('button', { name: '恢复' }).click();
await page.getByText('已从备份恢复').waitFor({ timeout: 60000 });
const restoreMs = Date.now() - tRestore;
const longest = await page.evaluate(() => Math.max(0, ...window.__long));

// ---- 5. the results table for 300 units: draw, scroll, re-sort (bench/table.mjs) ----
const lastRound = JSON.parse(large).state.rounds.at(-1)?.id;
const table = lastRound ? await measureTable(page, lastRound, native.units) : null;

// ---- 5b. the score grid of the last round: open, scroll down and across (bench/grid.mjs) ----
const gridCols = (() => {
  const doc = JSON.parse(large).state;
  const scheme = doc.schemes.find((s) => s.id === doc.rounds.at(-1)?.scheme_id);
  return scheme ? scheme.dimensions.flatMap((d) => d.indicators).length : 0;
})();
const gridFigures = lastRound && gridCols ? await measureGrid(page, lastRound, native.units, gridCols) : null;

// ---- 7. typing on the large city: 20 cells in a row of the last round's score grid ----
// Per key press, from the key event to the next frame after it (the cell then shows the
// typed value, and after Tab the stored one); the longest main-thread task while typing
// and for a second after it (the coalesced save included). Baseline: the same keys in
// 20 plain inputs of a static page.
const CELLS = 20;
const watchKeys = () => {
  window.__lat = []; window.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask', buffered: false });
  document.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp, key = e.key;
    requestAnimationFrame(() => setTimeout(() => window.__lat.push({ key, ms: performance.now() - t0 }), 0));
  }, true);
};
async function typeCells(p, first) {
  await first.click();
  for (let i = 0; i < CELLS; i++) {
    await p.keyboard.press(String((i % 9) + 1));
    await p.keyboard.press('Tab');
  }
  await p.waitForTimeout(1000);
  return p.evaluate(() => ({ lat: window.__lat, long: window.__long }));
}
let typing = null;
if (lastRound) {
  const g = await context.newPage();
  await g.goto(server.url + `#/rounds/${lastRound}/scores/self`);
  const first = g.getByRole('grid', { name: '评分表' }).getByRole('textbox').first();
  const ok = await first.waitFor({ timeout: 60000 }).then(() => true, () => false);
  if (ok) {
    await g.waitForTimeout(1500);
    // Typing with the app open in this tab only: the other tab (left on 结果 by the
    // table's figures) is closed to a blank page, and opened again on 结果 afterwards
    // for the second measurement (a second tab follows every save and redraws).
    await page.goto('about:blank');
    await g.evaluate(watchKeys);
    const app = await typeCells(g, first);
    await page.goto(server.url + `#/results/${lastRound}`);
    await page.locator('table.ranking tbody tr').first().waitFor({ timeout: 60000 });
    await g.bringToFront();
    await g.waitForTimeout(1000);
    await g.evaluate(watchKeys);
    // The first cell of the second unit, then of the third (the grid draws only the
    // columns in view, so the n-th textbox is no longer a row's first).
    const rowStart = (k) => g.getByRole('grid', { name: '评分表' }).getByRole('row').nth(2 + k).getByRole('textbox').first();
    const two = await typeCells(g, rowStart(1));
    // The same with that tab in the background. Headless pages are never hidden, so the
    // bench sets document.hidden and sends visibilitychange, as the browser does when
    // another tab is brought to the front; it shows the tab again afterwards.
    const setHidden = (hidden) => page.evaluate((hidden) => {
      Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
      Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }, hidden);
    await setHidden(true);
    await g.evaluate(watchKeys);
    const behind = await typeCells(g, rowStart(2));
    await setHidden(false);
    await g.goto(server.url + '__bench/static.html');
    await g.evaluate((n) => {
      document.body.innerHTML = Array.from({ length: n }, (_, i) => `<input aria-label="c${i}">`).join('');
    }, CELLS + 1);
    await g.evaluate(watchKeys);
    const base = await typeCells(g, g.getByLabel('c0', { exact: true }));
    const digits = (r) => r.lat.filter((x) => x.key !== 'Tab').map((x) => x.ms);
    const tabs = (r) => r.lat.filter((x) => x.key === 'Tab').map((x) => x.ms);
    typing = {
      digit: median(digits(app)), tab: median(tabs(app)), worst: Math.max(...app.lat.map((x) => x.ms)),
      long: Math.max(0, ...app.long), baseDigit: median(digits(base)), baseTab: median(tabs(base)),
      n: digits(app).length,
      twoDigit: median(digits(two)), twoTab: median(tabs(two)), twoLong: Math.max(0, ...two.long),
      behindDigit: median(digits(behind)), behindTab: median(tabs(behind)), behindLong: Math.max(0, ...behind.long),
    };
  }
  await g.close();
}
// ---- 8. the new screens at scale: 成果, 报表, 整改, every report card ----
const year = JSON.parse(large).state.rounds.at(-1)?.year ?? new Date().getFullYear();
const screens = await measureScreens(page, year);
await context.close();
await server.close();
await rm(profileDir, { recursive: true, force: true });
await rm(staticDir, { recursive: true, force: true });

// ---- report ----
const date = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} cores (${cpus()[0]?.model?.trim()}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Chromium headless`;
const lines = [];
lines.push(`Run ${date} on ${machine}. Data: the large city (${native.units} units, ${native.rounds} rounds, ${native.scores.toLocaleString('en')} scores; backup ${native.backup_chars.toLocaleString('en')} characters).`);
lines.push('');
lines.push('| # | figure | measured | baseline | ratio | target |');
lines.push('| --- | --- | ---: | ---: | ---: | --- |');
lines.push(`| 1 | first-screen wasm raw / gzip / brotli | ${kb(wasm.raw)} / ${kb(wasm.gz)} / ${kb(wasm.br)} | previous release gzip | ${vsPrev('wasm_gz', wasm.gz)} | ≤ 550 KB gzip |`);
lines.push(`| 1 | office module (loaded on the first office file) raw / gzip / brotli | ${kb(office.raw)} / ${kb(office.gz)} / ${kb(office.br)} | first-screen wasm gzip | ${fmt(office.gz / wasm.gz, 2)}× | |`);
lines.push(`| 1 | first-screen transfer (dist/ without the single file and the office module) raw / gzip / brotli | ${kb(total.raw)} / ${kb(total.gz)} / ${kb(total.br)} | previous release gzip | ${vsPrev('total_gz', total.gz)} | |`);
lines.push(`| 1 | single file exemplar.html raw / gzip | ${kb(single.raw)} / ${kb(single.gz)} | | | |`);
lines.push(`| 2 | cold load to the navigation (median of ${RUNS}) | ${fmt(median(appLoads))} ms | static page of the same markup ${fmt(median(staticLoads))} ms | ${fmt(median(appLoads) / median(staticLoads), 2)}× | ≤ 3× |`);
lines.push(`| 3 | recompute every round (${native.rounds} × ${native.units} units) in the browser | ${fmt(browser.recompute)} ms | same code native ${fmt(native.native_recompute_ms)} ms | ${fmt(browser.recompute / native.native_recompute_ms, 2)}× | |`);
lines.push(`| 4 | import the full backup (parse, migrate, validate) | ${fmt(browser.import)} ms | browser JSON.parse ${fmt(browser.jsonParse)} ms | ${fmt(browser.import / browser.jsonParse, 2)}× | ≤ 5× |`);
lines.push(`| 4 | restore it through 数据管理 (choose file → confirm → saved), longest main-thread task | ${restoreMs} ms, ${longest > 0 ? `longest task ${fmt(longest, 0)} ms` : 'no task over 50 ms (the browser reports none shorter)'} | | | no task over 200 ms |`);
if (table) {
  lines.push(`| 5 | results table, ${native.units} units: first draw after navigation, the rows in its frame (median of 3) | ${fmt(table.drawMs)} ms | the same table as static HTML, every row, drawn ${fmt(table.staticMs)} ms | ${fmt(table.drawMs / table.staticMs, 2)}× | ≤ 2× |`);
  lines.push(`| 5 | scroll the table's frame top to bottom (400 px a frame, the rows in view drawn as it goes): total, longest frame | ${fmt(table.scrollMs)} ms, longest frame ${fmt(table.scrollLongest)} ms | the static copy ${fmt(table.staticScrollMs)} ms, longest frame ${fmt(table.staticScrollLongest)} ms | ${fmt(table.scrollMs / table.staticScrollMs, 2)}× | no frame over 50 ms |`);
  lines.push(`| 5 | re-sort by 总分 (median of 3) | ${fmt(table.sortMs)} ms | | | ≤ 100 ms |`);
} else {
  lines.push('| 5 | results table | not measured: the results page did not show the ranking of every unit | | | |');
}
if (gridFigures) {
  const g = gridFigures;
  lines.push(`| 5 | score grid, ${native.units} units × ${gridCols} indicators: opened from another page, the cells in its frame drawn (median of 3) | ${fmt(g.openMs)} ms | the whole grid as static HTML (every input) drawn ${fmt(g.staticMs)} ms | ${fmt(g.openMs / g.staticMs, 2)}× | |`);
  lines.push(`| 5 | scroll the grid top to bottom / left to right (400 px a frame): longest frame | ${fmt(g.down.longest)} ms / ${fmt(g.across.longest)} ms | the static copy ${fmt(g.staticDown.longest)} ms / ${fmt(g.staticAcross.longest)} ms | ${fmt(g.down.longest / g.staticDown.longest, 2)}× / ${fmt(g.across.longest / g.staticAcross.longest, 2)}× | no frame over 50 ms |`);
} else {
  lines.push('| 5 | score grid | not measured: the grid did not show | | | |');
}
lines.push(`| 6 | save the whole city, every part written (as after a restore), with read-back verification (median of ${RUNS}) | ${fmt(browser.save[0])} ms | raw setItem+getItem of the plain JSON ${fmt(browser.rawSet)} ms | ${fmt(browser.save[0] / browser.rawSet, 2)}× | |`);
lines.push(`| 6 | one saved edit (a score changed in the last round) with the stale check, the previous copy and read-back verification (median of ${RUNS} series, each the mean of ${4 * RUNS} saves in different sheets) | ${fmt(browser.edit[0], 3)} ms | raw setItem+getItem of what the save wrote, as stored (mean ${fmt(browser.edit[1], 0)} characters: the manifest carrying the changed sheets, and a round's part when it is written again) ${fmt(browser.edit[2], 3)} ms; of the round's plain JSON ${fmt(browser.edit[3], 2)} ms | ${fmt(browser.edit[0] / browser.edit[2], 2)}× what was written; ${fmt(browser.edit[0] / browser.edit[3], 2)}× the plain JSON | ≤ 2× |`);
lines.push(`| 6 | stored size / share of a 2.5 M-character quota | ${browser.save[1].toLocaleString('en')} characters / ${fmt(browser.save[1] * 100 / 2.5e6)}% | plain JSON ${native.backup_chars.toLocaleString('en')} / ${fmt(native.backup_chars * 100 / 2.5e6)}% | ${fmt(browser.save[1] / native.backup_chars, 3)}× | ≤ 40% |`);
if (typing) {
  lines.push(`| 7 | typing 20 cells in a row in the score grid (300 units × 50 indicators), the app open in one tab: key press → next frame, median of the digits / of the Tabs that store the cell | ${fmt(typing.digit)} ms / ${fmt(typing.tab)} ms (slowest key ${fmt(typing.worst)} ms) | the same keys in plain inputs of a static page ${fmt(typing.baseDigit)} ms / ${fmt(typing.baseTab)} ms | ${fmt(typing.digit / typing.baseDigit, 2)}× / ${fmt(typing.tab / typing.baseTab, 2)}× | ≤ 16 ms |`);
  lines.push(`| 7 | longest main-thread task while typing them and for 1 s after (the coalesced save included) | ${typing.long ? `${fmt(typing.long, 0)} ms` : 'none over 50 ms (a longtask observer sees only those)'} | | | no task over 50 ms |`);
  lines.push(`| 7 | the same with a second tab open on 结果 (it takes in every save and redraws the results): digits / Tabs; longest task | ${fmt(typing.twoDigit)} ms / ${fmt(typing.twoTab)} ms; ${typing.twoLong ? `${fmt(typing.twoLong, 0)} ms` : 'none over 50 ms'} | the static page above | ${fmt(typing.twoDigit / typing.baseDigit, 2)}× / ${fmt(typing.twoTab / typing.baseTab, 2)}× | |`);
  lines.push(`| 7 | the same with that second tab in the background (hidden, as when another browser tab is in front; it takes the saves in when shown): digits / Tabs; longest task | ${fmt(typing.behindDigit)} ms / ${fmt(typing.behindTab)} ms; ${typing.behindLong ? `${fmt(typing.behindLong, 0)} ms` : 'none over 50 ms'} | the static page above | ${fmt(typing.behindDigit / typing.baseDigit, 2)}× / ${fmt(typing.behindTab / typing.baseTab, 2)}× | |`);
} else {
  lines.push('| 7 | typing in the score grid | not measured: the grid did not show | | | |');
}
for (const sc of screens) {
  lines.push(`| 8 | ${sc.label} (${sc.count} ${sc.what}): drawn after navigation (median of 3) | ${fmt(sc.ms)} ms | ${sc.baseline} ${fmt(sc.staticMs)} ms | ${fmt(sc.ms / sc.staticMs, 2)}× | ${sc.target} |`);
}
const baseline = `<!-- baseline: wasm_raw=${wasm.raw} wasm_gz=${wasm.gz} wasm_br=${wasm.br} total_raw=${total.raw} total_gz=${total.gz} total_br=${total.br} -->`;
const report = lines.join('\n');
console.log(report);
if (record) {
  const block = `<!-- bench:start -->\n${baseline}\n\n${report}\n<!-- bench:end -->`;
  const next = perf.includes('<!-- bench:start -->')
    ? perf.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, block)
    : `${perf.trimEnd()}\n\n## Benchmark (scripts/bench)\n\n${block}\n`;
  await writeFile(perfPath, next);
  console.log(`\nrecorded in ${perfPath}`);
}
