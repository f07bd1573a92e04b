// Two tabs of the app in one browser: a save in one appears in the other, and a tab
// holding older data cannot overwrite newer data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, profile, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await profile(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The "数据内容" line of the data page, e.g. "42 个单位、…". */
const contents = (page) => page.getByRole('definition').filter({ hasText: '个单位' });
const stored = (page) => page.evaluate(() => localStorage.getItem('exemplar.state'));

test('a save in one tab appears in the other without a reload', async () => {
  const a = await openApp(browser.context, server.url, '#/data');
  const b = await openApp(browser.context, server.url, '#/data');
  assert.match(await contents(b).textContent(), /^0 个单位/);

  await a.getByRole('button', { name: '载入示例数据' }).click();
  await a.getByText('已载入示例数据').waitFor();
  const full = await contents(a).textContent();
  assert.match(full, /^[1-9]\d* 个单位/);

  // Tab B hears the storage event and shows the same data, saying why it changed.
  await b.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  assert.equal(await contents(b).textContent(), full);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await a.close();
  await b.close();
});

test('a tab with older data is refused and the newer stored data stays', async () => {
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/data');
  await a.getByRole('button', { name: '载入示例数据' }).click();
  await a.getByText('已载入示例数据').waitFor();

  // Another writer saves a newer revision that tab A does not hear about (a tab never
  // receives the storage events of its own writes): A's data is now older than storage.
  const newer = await a.evaluate(() => {
    const v = localStorage.getItem('exemplar.state');
    const bumped = v.replace(/"rev":(\d+)/, (_, n) => `"rev":${Number(n) + 40}`);
    localStorage.setItem('exemplar.state', bumped);
    return bumped;
  });

  // A tries a change (undo the sample load): refused with a message, nothing written.
  await a.getByRole('button', { name: '撤销' }).click();
  await a.getByText(/另一个窗口已保存了更新的数据.*本次修改没有保存/).waitFor();
  assert.equal(await stored(a), newer, 'the newer stored data is untouched');
  assert.match(await contents(a).textContent(), /^[1-9]\d* 个单位/, 'A still shows its data');

  // Reloading, as the message says, shows the newer data.
  await a.getByRole('button', { name: '重新载入页面' }).click();
  await a.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
  assert.match(await contents(a).textContent(), /^[1-9]\d* 个单位/);
  assert.equal(await stored(a), newer);
  await own.close();
});
