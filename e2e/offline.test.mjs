// Runs anywhere offline: the single-file build from file://, and the CSP of both builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, profile, openApp, DIST, CHROMIUM_ARGS } from './harness.mjs';

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
    await page.goto(server.url);
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /'wasm-unsafe-eval'/);
    assert.doesNotMatch(policy, /script-src[^;]*'unsafe-inline'/);
    await loadSample(page);
    await visitEverything(page);
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
    // It says where the data lives and to export before moving the file.
    await page.getByText('移动或复制此文件前').first().waitFor();
    await loadSample(page);
    const facts = page.getByRole('definition').filter({ hasText: '个单位' });
    const before = await facts.textContent();
    assert.match(before, /^[1-9]\d* 个单位/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
    assert.equal(await facts.textContent(), before, 'the data is there after a reload');
    await visitEverything(page);
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
