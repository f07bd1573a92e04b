// Shared set-up for the end-to-end tests: serves dist/ on 127.0.0.1 with Node's own
// http module and launches Debian's Chromium headless with a fresh profile.
import { createServer } from 'node:http';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, extname, normalize, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = process.env.EXEMPLAR_DIST || join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'docs', 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
};

/** Serves `dir` on a free port of 127.0.0.1; returns { url, close }. */
export async function serve(dir = DIST) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch { res.writeHead(404).end('not found'); }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A fresh browser profile (its own local storage). Returns { context, close }. */
export async function profile() {
  const dir = await mkdtemp(join(tmpdir(), 'exemplar-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 860 },
  });
  return {
    context,
    close: async () => { await context.close(); await rm(dir, { recursive: true, force: true }); },
  };
}

/** Opens the app in a new page and waits until the shell is there; fails on page errors. */
export async function openApp(context, url, hash = '#/') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.errors = errors;
  await page.goto(url + hash);
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
  return page;
}

/** Serves dist/, opens a fresh profile and loads the sample city through 数据管理.
 *  Returns { server, browser, page } with the page on 数据管理. */
export async function sampleCity() {
  const server = await serve();
  const browser = await profile();
  const page = await openApp(browser.context, server.url, '#/data');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByRole('status').filter({ hasText: '已载入示例数据' }).waitFor();
  return { server, browser, page };
}

/** Clicks `button` and returns the download's { name, bytes }. */
export async function downloaded(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

/** Prints the page to PDF with Chromium (the page's own @page sizes) and reads it back
 * with poppler: { text (pdftotext -layout), pages, width, height (points), file, dir }. */
export async function printToPdf(page) {
  const dir = await mkdtemp(join(tmpdir(), 'exemplar-print-'));
  const file = join(dir, 'page.pdf');
  await writeFile(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(info.match(/Pages:\s+(\d+)/)[1]);
  const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+)/);
  return { text, pages, width: Number(w), height: Number(h), file, dir };
}

/** Pastes `text` into the focused cell or box as Ctrl+V from Excel or WPS would: a paste
 * event carrying it as text/plain. */
export async function paste(page, text) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The state held by a backup file's text: an exchange file of kind 完整备份 (what
 * 导出备份 writes) or the stored document `exemplar-state` (what earlier builds wrote). */
export function backupState(text) {
  const doc = JSON.parse(text);
  return doc.format === 'exemplar-exchange' ? JSON.parse(doc.content).state : doc.state;
}
