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
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const name of ENTRIES) {
    await nav.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    assert.equal(await nav.getByRole('link', { name, exact: true }).getAttribute('aria-current'), 'page', name);
    // The tab's title names the page.
    await page.waitForFunction((t) => document.title === t, `${name} - 基层党建示范点考评管理`);
  }
  assert.deepEqual(page.errors, []);
});

test('a title leaves out the heading\'s print-only words (结果, 保障投入 with the sample city)', async () => {
  // A keyboard review: 结果's title read 结果2026年度考评排名表草稿：结果尚未发布, the words
  // printed above the table.
  const own = await profile();
  try {
    const page = await openApp(own.context, server.url, '#/data');
    await page.getByRole('button', { name: '载入示例数据' }).click();
    await page.getByRole('status').filter({ hasText: '已载入示例数据' }).waitFor();
    for (const [hash, name] of [['#/results', '结果'], ['#/resources', '保障投入']]) {
      await page.goto(`${server.url}${hash}`);
      const h1 = page.getByRole('heading', { level: 1 });
      await h1.waitFor();
      assert.notEqual((await h1.textContent()).trim(), name, `${name}'s heading holds print-only words`);
      await page.waitForFunction((t) => document.title === t, `${name} - 基层党建示范点考评管理`);
    }
    assert.deepEqual(page.errors, []);
  } finally {
    await own.close();
  }
});

test('the first Tab offers to skip the navigation to the page', async () => {
  const page = await openApp(browser.context, server.url, '#/units');
  await page.getByRole('heading', { level: 1, name: '单位' }).waitFor();
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  assert.ok(await skip.evaluate((el) => el === document.querySelector('a[href], button, input, select, textarea')),
    'the skip link is the first stop of the keyboard');
  await skip.focus();
  assert.ok((await skip.boundingBox()).x >= 0, 'on screen when it has the keyboard');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.match(page.url(), /#\/units$/, 'the route is kept');
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

test('a success message or a refusal stays with its page; closing it works too', async () => {
  const own = await profile();
  try {
    const page = await openApp(own.context, server.url, '#/data');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await page.getByRole('button', { name: '载入示例数据' }).click();
    const done = page.getByRole('status').filter({ hasText: '已载入示例数据' });
    await done.waitFor();
    await page.waitForTimeout(1700);
    await nav.getByRole('link', { name: '单位', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '单位' }).waitFor();
    assert.equal(await done.count(), 0, 'the success message did not follow to 单位');

    // A refusal (a unit with score sheets cannot be deleted) stays while the person is
    // on its page, and does not follow them to the next one.
    const refuse = async () => {
      await nav.getByRole('link', { name: '单位', exact: true }).click();
      await page.getByRole('button', { name: /^删除 / }).first().click();
    };
    await refuse();
    const error = page.getByRole('alert').filter({ hasText: /不能删除/ });
    await error.waitFor();
    await page.waitForTimeout(1700);
    assert.equal(await error.count(), 1, 'the refusal is still there on its page');
    await nav.getByRole('link', { name: '概览', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    assert.equal(await error.count(), 0, 'the refusal did not follow to 概览');
    // The page starts at the top, with the bar and its 撤销 in view.
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await page.getByRole('banner').getByRole('button', { name: '撤销', exact: true }).waitFor();

    // Closed by hand, it goes at once.
    await refuse();
    await error.waitFor();
    await page.getByRole('button', { name: '关闭提示' }).click();
    assert.equal(await error.count(), 0);
    assert.deepEqual(page.errors, []);
  } finally { await own.close(); }
});
