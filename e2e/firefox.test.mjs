// Firefox, which the brief names beside Chromium: a smoke run in Debian's firefox-esr,
// driven over WebDriver BiDi with puppeteer-core (playwright-core cannot drive a stock
// Firefox). Over http and from file://: open the app, load the sample data, visit every
// page of the navigation, reload, and see no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { serve, DIST } from './harness.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

/** A fresh Firefox profile; returns { browser, close }. */
async function firefox() {
  const dir = await mkdtemp(join(tmpdir(), 'exemplar-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: dir,
    extraPrefsFirefox: { 'intl.accept_languages': 'zh-CN' },
  });
  return { browser, close: async () => { await browser.close(); await rm(dir, { recursive: true, force: true }); } };
}

/** Opens `url`, collecting page errors and console errors. */
async function open(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.errors = errors;
  await page.goto(url);
  await page.waitForSelector('nav[aria-label="主导航"]');
  return page;
}

/** The text of the page's first-level heading, once there is one. */
async function heading(page) {
  await page.waitForSelector('main h1');
  return page.$eval('main h1', (h) => h.textContent.trim());
}

/** Loads the sample data from 数据管理, visits every page, reloads, checks. */
async function smoke(page, base) {
  await page.goto(`${base}#/data`);
  assert.equal(await heading(page), '数据管理');
  await page.locator('button::-p-text(载入示例数据)').click();
  await page.waitForFunction(() => document.body.textContent.includes('已载入示例数据'));
  const links = await page.$$eval('nav[aria-label="主导航"] a', (as) => as.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
  assert.ok(links.length >= 10, `the navigation has its pages (${links.length})`);
  for (const [label, href] of links) {
    await page.goto(`${base}${href}`);
    const h1 = await heading(page);
    assert.ok(h1.length > 0, `${label} has a heading`);
    assert.doesNotMatch(await page.$eval('main', (m) => m.textContent), /panicked|RuntimeError|unreachable/, label);
  }
  // 结果 shows the sample round's ranking.
  await page.goto(`${base}#/results`);
  await page.waitForFunction(() => [...document.querySelectorAll('th')].some((t) => t.textContent.includes('总分')));
  // The data survives a reload.
  await page.goto(`${base}#/data`);
  await page.reload();
  await page.waitForSelector('nav[aria-label="主导航"]');
  await page.waitForFunction(() => /[1-9]\d* 个单位/.test(document.body.textContent));
  assert.deepEqual(page.errors, []);
}

test('Firefox over http: sample data, every page, reload, no error', async () => {
  const { browser, close } = await firefox();
  try {
    const page = await open(browser, `${server.url}#/`);
    await smoke(page, server.url);
  } finally { await close(); }
});

test('Firefox from file:// (the single-file build): sample data, every page, reload, no error', async () => {
  const { browser, close } = await firefox();
  try {
    const url = pathToFileURL(join(DIST, 'exemplar.html')).href;
    const page = await open(browser, `${url}#/`);
    await smoke(page, url);
  } finally { await close(); }
});
