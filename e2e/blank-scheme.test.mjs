// 考评方案: a blank scheme beside the default: one 一级指标 with one 二级指标 of 100
// points, no items; it is written from there (renamed, a second indicator added) and
// saved; with the sample city the blank scheme is a new family beside the others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, profile, openApp, sampleCity } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

const list = (page) => page.getByRole('table', { name: '考评方案版本' });
const dataRows = (page) => list(page).getByRole('rowgroup').last().getByRole('row');
const total = (page) => page.getByRole('status', { name: '满分合计' });
const cells = async (row) => (await row.getByRole('cell').allTextContents()).map((t) => t.trim());

test('a blank scheme opens for writing and saves', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await page.goto(`${server.url}?clock=2027-01-05#/schemes`);
    await page.getByRole('heading', { level: 1, name: '考评方案' }).waitFor();
    await page.getByRole('button', { name: '新建空白方案' }).click();
    await page.getByRole('heading', { level: 1, name: '2027年度考评方案（空白）' }).waitFor();
    assert.equal(await total(page).textContent(), '100');
    // One indicator of 100: lower it to 60 and add a second one of 40 (30 + 10).
    await page.getByLabel('满分 二级指标1').fill('60');
    assert.equal(await total(page).textContent(), '60');
    await page.getByRole('button', { name: '添加指标到 一级指标1' }).click();
    const added = await page.getByRole('textbox', { name: /^指标名称 / }).evaluateAll((els) => els.map((e) => e.value));
    assert.equal(added.length, 2);
    await page.getByLabel(`满分 ${added[1]}`).fill('40');
    assert.equal(await total(page).textContent(), '100');
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByText('已保存方案').waitFor();
    await page.getByRole('link', { name: '← 返回考评方案列表' }).click();
    await dataRows(page).first().waitFor();
    assert.deepEqual((await cells(dataRows(page).first())).slice(2, 5), ['2027', '第1版', '100']);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('with the sample city, a blank scheme is a new scheme beside the others', async () => {
  const { server: s, browser, page } = await sampleCity();
  try {
    await page.goto(`${s.url}?clock=2027-01-05#/schemes`);
    await dataRows(page).first().waitFor();
    const before = await dataRows(page).count();
    await page.getByRole('button', { name: '新建空白方案' }).click();
    await page.getByRole('heading', { level: 1, name: '2027年度考评方案（空白）' }).waitFor();
    await page.getByRole('link', { name: '← 返回考评方案列表' }).click();
    await dataRows(page).first().waitFor();
    assert.equal(await dataRows(page).count(), before + 1);
    assert.deepEqual((await cells(dataRows(page).first())).slice(0, 5),
      ['2027年度考评方案（空白）', '2027年度考评方案（空白）', '2027', '第1版', '100']);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await s.close();
  }
});
