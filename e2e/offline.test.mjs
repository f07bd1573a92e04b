// Runs anywhere offline: the single-file build from file://, and the CSP of both builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, profile, openApp, DIST, CHROMIUM_ARGS, downloaded } from './harness.mjs';

const NAV = ['概览', '单位', '考评方案', '考评', '结果', '成果', '结对', '整改', '报表', '数据交换', '数据管理'];

/** Records CSP violations from the first script on. */
async function watchCsp(page) {
  const seen = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) seen.push(m.text()); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...seen, ...(await page.evaluate(() => window.__csp))];
}

async function visitEverything(page) {
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const name of NAV) {
    await nav.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  }
}

/** On 报表, exports the ranking as .xlsx and checks it is one. */
async function exportRanking(page) {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '报表', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '报表' }).waitFor();
  const xlsx = await downloaded(page, page.getByRole('button', { name: '导出排名表（Excel）' }));
  assert.match(xlsx.name, /^.*排名表(（草稿）)?-\d{8}-\d{4}\.xlsx$/);
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip');
  assert.ok(xlsx.bytes.length > 4000, 'a workbook with the ranking in it');
}

async function loadSample(page) {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据管理' }).click();
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByText('已载入示例数据').waitFor();
}

test('the served build loads under its CSP with no violation', async () => {
  const server = await serve();
  const browser = await profile();
  try {
    const page = await browser.context.newPage();
    const violations = await watchCsp(page);
    const office = [];
    page.on('request', (r) => { if (/exemplar-office/.test(r.url())) office.push(r.url()); });
    await page.goto(server.url);
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /'wasm-unsafe-eval'/);
    assert.doesNotMatch(policy, /script-src[^;]*'unsafe-inline'/);
    await loadSample(page);
    await visitEverything(page);
    assert.deepEqual(office, [], 'the office module is not loaded until an office file is asked for');
    // The first .xlsx loads it (its script and its wasm), the second reuses it.
    await exportRanking(page);
    assert.equal(office.filter((u) => u.endsWith('.js')).length, 1, `office script requested once: ${office}`);
    assert.equal(office.filter((u) => u.endsWith('_bg.wasm')).length, 1, `office wasm requested once: ${office}`);
    await exportRanking(page);
    assert.equal(office.length, 2, 'the loaded module is reused');
    assert.deepEqual(await violations(), []);
    // The policy is enforced: an injected inline script does not run.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
      return window.__injected === true;
    });
    assert.equal(ran, false, 'an inline script outside the policy must be blocked');
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the single file runs from disk, keeps its data across a browser restart, under its CSP', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'exemplar-file-'));
  const url = pathToFileURL(join(DIST, 'exemplar.html')).href;
  const launch = () => chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, locale: 'zh-CN',
  });
  try {
    let context = await launch();
    let page = await context.newPage();
    const violations = await watchCsp(page);
    await page.goto(url + '#/');
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    assert.equal(await page.evaluate(() => window.exemplarSingleFile), true, 'this is the single-file build');
    // It says where the data lives (not in the file) and to export it to take it along.
    await page.getByText('不在此文件里').first().waitFor();
    await page.getByText('要把数据带走，请在“数据管理”中导出备份').first().waitFor();
    await loadSample(page);
    const facts = page.getByRole('definition').filter({ hasText: '个单位' });
    const before = await facts.textContent();
    assert.match(before, /^[1-9]\d* 个单位/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
    assert.equal(await facts.textContent(), before, 'the data is there after a reload');
    await visitEverything(page);
    // The office module travels inside the file: an .xlsx is written from disk.
    await exportRanking(page);
    assert.deepEqual(await violations(), []);
    await context.close();

    // A browser restart with the same profile.
    context = await launch();
    page = await context.newPage();
    await page.goto(url + '#/data');
    await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
    assert.equal(await page.getByRole('definition').filter({ hasText: '个单位' }).textContent(), before);
    await context.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an office module that cannot be loaded: a plain error, nothing downloaded, the next try works', async () => {
  const server = await serve();
  const browser = await profile();
  try {
    const page = await browser.context.newPage();
    let blocked = true;
    await page.route(/exemplar-office-[0-9a-f]+\.js$/, (route) => (blocked ? route.abort() : route.continue()));
    let downloads = 0;
    page.on('download', () => { downloads += 1; });
    await page.goto(server.url);
    await loadSample(page);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '报表', exact: true }).click();
    await page.getByRole('button', { name: '导出排名表（Excel）' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '导出排名表失败' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /无法加载生成和读取 Office 文件的程序部分.*请刷新页面后再试/);
    assert.equal(downloads, 0, 'nothing is offered');
    // The button is usable again, and once the file can be loaded the export works.
    blocked = false;
    await exportRanking(page);
  } finally {
    await browser.close();
    await server.close();
  }
});
