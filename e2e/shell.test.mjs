// The shell: every navigation entry opens its page; the hash keeps the page on reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, profile, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await profile(); });
after(async () => { await browser?.close(); await server?.close(); });

const ENTRIES = ['概览', '单位', '考评方案', '考评', '结果', '成果', '结对', '整改', '报表', '数据交换', '数据管理'];

test('the title and every navigation entry opens its page', async () => {
  const page = await openApp(browser.context, server.url);
  assert.equal(await page.title(), '基层党建示范点考评管理');
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const name of ENTRIES) {
    await nav.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    assert.equal(await nav.getByRole('link', { name, exact: true }).getAttribute('aria-current'), 'page', name);
  }
  assert.deepEqual(page.errors, []);
});

test('reload and back keep the page chosen in the hash', async () => {
  const page = await openApp(browser.context, server.url, '#/data');
  await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '单位', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '单位' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
});

test('an unknown address says so', async () => {
  const page = await openApp(browser.context, server.url, '#/no-such-page');
  await page.getByRole('heading', { level: 1, name: '找不到页面' }).waitFor();
});
