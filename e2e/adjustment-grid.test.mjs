// 批量登记加减分 from the round page: units down, the scheme's bonus, deduction and veto
// items across; one save for many units, all or nothing; the records then show on each
// unit's breakdown. From an empty browser and with the sample city (screenshot).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { serve, profile, openApp, sampleCity, SHOTS } from './harness.mjs';

let server;
before(async () => { server = await serve(); await mkdir(SHOTS, { recursive: true }); });
after(async () => { await server?.close(); });

const nav = (page, name) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();
const gridTable = (page) => page.getByRole('table', { name: '加减分登记表' });
const BONUS = '加分 获市级表彰';
const DEDUCT = '扣分 被通报批评';
const VETO = '一票否决 弄虚作假骗取荣誉';

async function addUnit(page, name) {
  const form = page.getByRole('form', { name: '添加单位' });
  await form.getByLabel('名称', { exact: true }).fill(name);
  await form.getByLabel('入选年份', { exact: true }).fill('2025');
  await form.getByLabel('当前状态', { exact: true }).selectOption('已授牌');
  await form.getByRole('button', { name: '添加单位' }).click();
  await page.getByRole('link', { name, exact: true }).waitFor();
}

test('from an empty browser: two units in one save, a bad cell refuses all, kept after reload', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await page.goto(`${server.url}?clock=2026-11-20#/units`);
    await addUnit(page, '甲支部');
    await addUnit(page, '乙支部');
    await nav(page, '考评方案');
    await page.getByRole('button', { name: '新建默认方案' }).click();
    await page.getByText('已新建默认方案').waitFor();
    await nav(page, '考评');
    const form = page.getByRole('form', { name: '新建考评' });
    await form.getByLabel('评委姓名').fill('张三');
    await form.getByRole('button', { name: '创建考评' }).click();
    await page.getByRole('heading', { level: 1, name: '2026年度考评' }).waitFor();
    await page.getByRole('link', { name: '批量登记加减分' }).click();
    await page.getByRole('heading', { level: 1, name: '批量登记加减分' }).waitFor();
    const grid = gridTable(page);
    // Two units; 6 bonus + 5 deduction + 3 veto items of the default scheme, plus 单位.
    assert.equal(await grid.getByRole('row').count(), 3);
    assert.equal(await grid.getByRole('columnheader').count(), 15);

    await grid.getByLabel(`甲支部 ${BONUS}`).fill('2');
    await grid.getByLabel(`乙支部 ${VETO}`).check();
    await grid.getByLabel(`乙支部 ${DEDUCT}`).fill('三');
    await page.getByRole('button', { name: '保存加减分' }).click();
    await page.getByRole('alert').filter({ hasText: '「乙支部」的扣分项目「被通报批评」次数应为0到99之间的整数，填的是“三”，请改正。' }).waitFor();
    // The cell is marked, described by the message, and has the keyboard.
    const bad = grid.getByLabel(`乙支部 ${DEDUCT}`);
    assert.equal(await bad.getAttribute('aria-invalid'), 'true');
    assert.match(await bad.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby'))?.textContent ?? ''), /填的是“三”，请改正/);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    assert.equal(await grid.getByLabel(`甲支部 ${BONUS}`).getAttribute('aria-invalid'), null, 'only the bad cell');
    // Nothing was saved: after a reload the grid is empty again.
    await page.reload();
    await gridTable(page).waitFor();
    assert.equal(await gridTable(page).getByLabel(`甲支部 ${BONUS}`).inputValue(), '');

    await gridTable(page).getByLabel(`甲支部 ${BONUS}`).fill('2');
    await gridTable(page).getByLabel(`乙支部 ${VETO}`).check();
    // A digit typed through a Chinese input method (full width) is a digit.
    await gridTable(page).getByLabel(`乙支部 ${DEDUCT}`).fill('１');
    await page.getByRole('button', { name: '保存加减分' }).click();
    await page.getByText('已保存加减分：新增3条，修改0条，删除0条。').waitFor();
    await page.reload();
    await gridTable(page).waitFor();
    assert.equal(await gridTable(page).getByLabel(`甲支部 ${BONUS}`).inputValue(), '2');
    assert.equal(await gridTable(page).getByLabel(`乙支部 ${DEDUCT}`).inputValue(), '1');
    assert.equal(await gridTable(page).getByLabel(`乙支部 ${VETO}`).isChecked(), true);
    // Taking the veto off and the deduction to 0 removes those two records.
    await gridTable(page).getByLabel(`乙支部 ${VETO}`).uncheck();
    await gridTable(page).getByLabel(`乙支部 ${DEDUCT}`).fill('0');
    await page.getByRole('button', { name: '保存加减分' }).click();
    await page.getByText('已保存加减分：新增0条，修改0条，删除2条。').waitFor();
    // 获市级表彰 nine times is 18 points: kept as entered, the total counts the cap, and
    // the save says so.
    // Nine is asked about first, with the points it makes: the cells take times, and a
    // clerk reading 「（+2分）」 may type points.
    await gridTable(page).getByLabel(`甲支部 ${BONUS}`).fill('9');
    await page.getByRole('button', { name: '保存加减分' }).click();
    const ask = page.getByRole('dialog', { name: '次数较大，请核对' });
    assert.match(await ask.textContent(), /「甲支部」加分「获市级表彰」9次，计\+18分/);
    await ask.getByRole('button', { name: '取消' }).click();
    await page.reload();
    await gridTable(page).waitFor();
    assert.equal(await gridTable(page).getByLabel(`甲支部 ${BONUS}`).inputValue(), '2', 'nothing saved');
    await gridTable(page).getByLabel(`甲支部 ${BONUS}`).fill('9');
    await page.getByRole('button', { name: '保存加减分' }).click();
    await ask.getByRole('button', { name: '仍然保存' }).click();
    await page.getByText('已保存加减分：新增0条，修改1条，删除0条。加分合计超过上限10分的：「甲支部」18分，加分按10分计入总分。').waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('with the sample city: the grid records on many units, shown on the breakdown', async () => {
  const { server: s, browser, page } = await sampleCity();
  try {
    await nav(page, '考评');
    await page.getByRole('table', { name: '考评轮次' }).getByRole('link', { name: '2026年度考评' }).click();
    await page.getByRole('link', { name: '批量登记加减分' }).click();
    const grid = gridTable(page);
    await grid.waitFor();
    const names = (await grid.getByRole('rowheader').allTextContents()).map((t) => t.trim());
    assert.ok(names.length > 30);
    // Three units without a 获市级表彰 record get it once, twice and three times.
    const chosen = [];
    for (const n of names) {
      if ((await grid.getByLabel(`${n} ${BONUS}`).inputValue()) === '') chosen.push(n);
      if (chosen.length === 3) break;
    }
    for (const [k, n] of chosen.entries()) await grid.getByLabel(`${n} ${BONUS}`).fill(String(k + 1));
    await page.getByRole('button', { name: '保存加减分' }).click();
    await page.getByText('已保存加减分：新增3条').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'adjustment-grid.png') });

    // The third unit's breakdown lists the record: 2 points × 3.
    await nav(page, '结果');
    await page.getByRole('link', { name: chosen[2], exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: /得分明细$/ }).waitFor();
    const list = page.getByRole('list', { name: '已登记的加减分' });
    assert.match(await list.textContent(), /加分：获市级表彰 2分 × 3次/);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await s.close();
  }
});
