// 评委分工 (panels) and 评委评分一致性 on the round page:
// - from the sample city: a round of 10 units and 8 assessors, each scoring 5 units; the
//   totals, grades and ranks match the hand calculation below (trimmed only where a unit
//   has 5 or more assessors), and the assessor who scores everyone 10 points low is
//   flagged (must-show 2 and 4);
// - removing an assessor with scores asks, says what goes, and 撤销 brings it back;
// - from an empty browser: a round with one assessor shows every unit short of the
//   scheme's minimum; adding assessors lifts it (screenshot).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleCity, serve, profile, openApp, SHOTS, paste } from './harness.mjs';

// The default scheme's 22 indicators' full points (sum 100), in order.
const MAX = [4, 4, 4, 3, 5, 3, 3, 4, 8, 6, 6, 8, 6, 6, 6, 5, 4, 4, 3, 3, 3, 2];

/** A sheet totalling `total`: full points, with 100 − total taken from the first
 *  indicators in order. Sheets built this way are ordered the same on every indicator
 *  (a higher total is never lower on any indicator), so dropping the highest and lowest
 *  point on each indicator drops the highest and lowest sheet: the trimmed mean of the
 *  indicators sums to the trimmed mean of the sheet totals. */
function row(total) {
  let deficit = 100 - total;
  return MAX.map((m) => {
    const take = Math.min(m, deficit);
    deficit -= take;
    return String(m - take);
  });
}

const ASSESSORS = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八'];
// Unit index (U1..U10 = 0..9) → total given, per assessor. Each scores 5 units; 王八
// (A8) scores each of its units 10 points below its level.
const SCORES = {
  赵一: { 0: 93, 1: 86, 2: 84, 3: 82, 6: 76 },
  钱二: { 0: 88, 1: 87, 2: 83, 4: 80, 7: 74 },
  孙三: { 0: 87, 1: 84, 2: 85, 5: 78, 8: 72 },
  李四: { 0: 88, 1: 86, 3: 83, 4: 81, 9: 70 },
  周五: { 0: 85, 2: 80, 3: 81, 5: 79, 6: 77 },
  吴六: { 0: 89, 1: 90, 4: 80, 7: 75, 8: 71 },
  郑七: { 2: 86, 5: 77, 6: 75, 8: 71, 9: 71 },
  王八: { 3: 72, 4: 70, 5: 68, 7: 64, 9: 60 },
};
// By hand (round half-up to two decimals once, at the total):
// U1  6 assessors 93 88 87 88 85 89: trimmed (drop 93, 85): 352/4 = 88      → 88     良好 rank 1
// U2  5 assessors 86 87 84 86 90:    trimmed (drop 90, 84): 259/3 = 86.333… → 86.33  良好 rank 2
// U3  5 assessors 84 83 85 80 86:    trimmed (drop 86, 80): 252/3 = 84      → 84     良好 rank 3
// U4  4 assessors 82 83 81 72:       mean 318/4 = 79.5                      → 79.5   合格 rank 4
// U5  4 assessors 80 81 80 70:       mean 311/4 = 77.75                     → 77.75  合格 rank 5
// U6  4 assessors 78 79 77 68:       mean 302/4 = 75.5                      → 75.5   合格 rank 7
// U7  3 assessors 76 77 75:          mean 228/3 = 76                        → 76     合格 rank 6
// U8  3 assessors 74 75 64:          mean 213/3 = 71                        → 71     合格 rank 9
// U9  3 assessors 72 71 71:          mean 214/3 = 71.333…                   → 71.33  合格 rank 8
// U10 3 assessors 70 71 60:          mean 201/3 = 67                        → 67     不合格 rank 10
// (Bands 90/80/70; no totals tie; no bonus, deduction or veto in the new round.)
const EXPECTED = [
  [0, '88', '良好', 1], [1, '86.33', '良好', 2], [2, '84', '良好', 3], [3, '79.5', '合格', 4],
  [4, '77.75', '合格', 5], [6, '76', '合格', 6], [5, '75.5', '合格', 7], [8, '71.33', '合格', 8],
  [7, '71', '合格', 9], [9, '67', '不合格', 10],
];
const PANEL_SIZES = [6, 5, 5, 4, 4, 4, 3, 3, 3, 3];

let server, browser, page, units, roundHash;
before(async () => {
  ({ server, browser, page } = await sampleCity());
  await mkdir(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await server?.close(); });

const pasteHere = (text) => paste(page, text);
const panel = () => page.getByRole('table', { name: '评委分工：每位评委评哪些单位' });
const panelRow = (name) => panel().getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

test('8 assessors each scoring 5 of 10 units: totals, grades and ranks as by hand', async () => {
  await page.goto(server.url + '#/rounds');
  const form = page.getByRole('form', { name: '新建考评' });
  const picker = form.getByRole('group', { name: /参评单位/ });
  // 全选 clears every unit when some or all are ticked.
  const all = picker.getByRole('checkbox', { name: '全选' });
  await all.click();
  assert.match(await picker.innerText(), /已选 0 \//);
  const boxes = picker.getByRole('listitem');
  units = [];
  for (let i = 0; i < 10; i++) {
    const li = boxes.nth(i);
    await li.getByRole('checkbox').check();
    units.push((await li.innerText()).replace(/（.*）\s*$/, '').trim());
  }
  await form.getByLabel('评委姓名').fill(ASSESSORS.join('\n'));
  await form.getByRole('button', { name: '创建考评' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
  roundHash = await page.evaluate(() => location.hash);

  // Before any ticking: every assessor scores every unit (8 each).
  assert.equal((await panelRow(units[0]).getByRole('cell').first().innerText()).trim(), '8');
  // Untick what each assessor does not score (nothing entered yet: no question asked).
  for (const a of ASSESSORS) {
    for (let u = 0; u < 10; u++) {
      if (SCORES[a][u] === undefined) {
        await panel().getByRole('checkbox', { name: `${a} 评 ${units[u]}`, exact: true }).uncheck();
      }
    }
  }
  for (let u = 0; u < 10; u++) {
    const cells = await panelRow(units[u]).getByRole('cell').allInnerTexts();
    assert.equal(cells[0].trim(), String(PANEL_SIZES[u]), `${units[u]} has ${PANEL_SIZES[u]} assessors`);
  }
  // Every assessor is expected to score 5 units.
  const progress = page.getByRole('list', { name: '评分进度' });
  for (const a of ASSESSORS) {
    assert.match(await progress.getByRole('listitem').filter({ hasText: `评委 ${a}` }).innerText(), /应评 5 个单位/);
  }

  // Each assessor's grid lists their 5 units in the round's order; paste 5 rows.
  for (const a of ASSESSORS) {
    await page.getByRole('link', { name: `录入评分：${a}` }).click();
    await page.getByRole('heading', { level: 1, name: `2027年度考评 评分录入：${a}` }).waitFor();
    const mine = Object.keys(SCORES[a]).map(Number);
    const shown = (await page.getByRole('grid').getByRole('rowheader').allTextContents()).map((s) => s.trim());
    assert.deepEqual(shown, mine.map((u) => units[u]));
    await page.getByRole('grid').getByRole('textbox').first().click();
    await pasteHere(mine.map((u) => row(SCORES[a][u]).join('\t')).join('\n'));
    await page.getByRole('status').filter({ hasText: '已粘贴 110 个单元格' }).waitFor();
    await page.goto(server.url + roundHash);
    await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
  }

  await page.getByRole('link', { name: '查看考评结果' }).click();
  await page.waitForURL(/#\/results\//);
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '总分', exact: true }) });
  await table.waitFor();
  const names = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
  const col = (n) => names.indexOf(n);
  const rows = await table.getByRole('rowgroup').nth(1).getByRole('row')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  const got = rows.map((r) => [r[col('单位')], r[col('总分')], r[col('等次')], Number(r[col('排名')])]);
  assert.deepEqual(got, EXPECTED.map(([u, t, g, k]) => [units[u], t, g, k]));
  assert.deepEqual(page.errors, []);
});

test('the assessor who scores everyone 10 points low is flagged, with the figures', async () => {
  await page.goto(server.url + roundHash);
  const table = page.getByRole('table', { name: '评委评分一致性' });
  await table.waitFor();
  const line = (a) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: a, exact: true }) });
  // 王八 against the rest of each unit's panel:
  // U4 72 − (82+83+81)/3 = −10; U5 70 − (80+81+80)/3 = −10.33; U6 68 − (78+79+77)/3 = −10;
  // U8 64 − (74+75)/2 = −10.5; U10 60 − (70+71)/2 = −10.5 → mean −51.33/5 = −10.27.
  // Its units keep their order in the rest of the panel: rank correlation 1.
  const wang = await line('王八').getByRole('cell').allInnerTexts();
  assert.deepEqual(wang.slice(0, 3).map((s) => s.trim()), ['5', '−10.27', '1.00']);
  assert.match(wang[4], /需关注：总分偏离其他评委/);
  // The others stay within 5 points (e.g. 赵一: (+5.6 − 0.75 + 0.5 + 3.33 + 0)/5 = +1.74).
  const zhao = await line('赵一').getByRole('cell').allInnerTexts();
  assert.equal(zhao[1].trim(), '+1.74');
  await page.getByRole('status').filter({ hasText: '需关注的评委：王八。' }).waitFor();
  for (const a of ASSESSORS.slice(0, 7)) {
    assert.doesNotMatch(await line(a).innerText(), /需关注/, `${a} is not flagged`);
  }
  await page.getByRole('heading', { name: '评委评分一致性' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'consistency.png') });
  assert.deepEqual(page.errors, []);
});

test('the sample city\'s latest round shows the what-if normalised totals beside the official ones', async () => {
  await page.goto(server.url + '#/rounds');
  await page.getByRole('link', { name: '2026年度考评' }).click();
  await page.getByRole('heading', { level: 1, name: '2026年度考评' }).waitFor();
  const table = page.getByRole('table', { name: '标准化总分（假设）与正式总分' });
  const rows = await table.getByRole('rowgroup').nth(1).getByRole('row')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  const units = await page.getByRole('table', { name: '评委分工：每位评委评哪些单位' }).getByRole('rowheader').count();
  assert.equal(rows.length, units, 'one line per unit of the round');
  for (const [, official, normalised] of rows) {
    assert.match(official, /^\d+(\.\d{1,2})?$/);
    assert.match(normalised, /^\d+(\.\d{1,2})?$/);
  }
  // The official ranking is unchanged: 结果 still ranks by the official totals.
  assert.deepEqual(page.errors, []);
});

test('removing an assessor with scores asks, says what goes, and 撤销 brings it back', async () => {
  await page.goto(server.url + roundHash);
  await panel().waitFor();
  const dialog = page.getByRole('dialog', { name: '确认移除' });
  // Taking a scored unit from an assessor asks too; 取消 leaves the box ticked.
  const box = panel().getByRole('checkbox', { name: `王八 评 ${units[9]}`, exact: true });
  await box.click();
  assert.match(await dialog.innerText(), new RegExp(`不再由评委「王八」评「${units[9]}」：将同时删除已录入的1 张评分表（共 22 个分数）`));
  await dialog.getByRole('button', { name: '取消' }).click();
  assert.equal(await box.isChecked(), true);
  // Removing a unit with scores names its sheets: U10 has 3 sheets of 22.
  await page.getByRole('button', { name: `移除单位：${units[9]}` }).click();
  assert.match(await dialog.innerText(), new RegExp(`移除单位「${units[9]}」：将同时删除已录入的3 张评分表（共 66 个分数）`));
  await dialog.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '移除评委：王八' }).click();
  // 5 sheets of 22 scores = 110.
  assert.match(await dialog.innerText(), /移除评委「王八」：将同时删除已录入的5 张评分表（共 110 个分数）/);
  await dialog.getByRole('button', { name: '取消' }).click();
  assert.equal(await page.getByRole('button', { name: '移除评委：王八' }).count(), 1, 'cancel keeps it');
  await page.getByRole('button', { name: '移除评委：王八' }).click();
  assert.match(await dialog.innerText(), /移除前的数据将存为快照/);
  await dialog.getByRole('button', { name: '移除' }).click();
  await page.getByRole('status').filter({ hasText: '已移除。移除前的数据已存为快照' }).waitFor();
  // The scores that went can be got back after a reload too (a clerk's review: only
  // 撤销 could, until the page reloaded).
  await page.goto(server.url + '#/data');
  await page.getByText('移除评委「王八」前').first().waitFor();
  await page.goto(server.url + roundHash);
  await panel().waitFor();
  assert.equal(await page.getByRole('button', { name: '移除评委：王八' }).count(), 0);
  // U10 is left with 2 assessors (李四, 郑七): below the minimum of 3.
  assert.equal((await panelRow(units[9]).getByRole('cell').first().innerText()).trim(), '2（评委不足）');
  // The results say so too (a clerk's review: only this page did, and the round was
  // published without a word of it).
  await page.goto(`${server.url}#/results/${roundHash.split('/').pop()}`);
  const short = page.getByRole('note').filter({ hasText: '评委少于考评方案要求的 3 位' });
  await short.waitFor().catch(async (e) => {
    throw new Error(`${e.message}\n${await page.locator('main').innerText()}`);
  });
  assert.match(await short.textContent(), new RegExp(`[（、]${units[9]}[）、]`));
  await page.goto(server.url + roundHash);
  await panel().waitFor();
  await page.getByRole('button', { name: /^撤销/ }).click();
  await page.getByRole('button', { name: '移除评委：王八' }).waitFor();
  assert.equal((await panelRow(units[9]).getByRole('cell').first().innerText()).trim(), '3');
  assert.deepEqual(page.errors, []);
});

test('removing an assessor whose task file went out says the file is void', async () => {
  await page.goto(server.url + roundHash);
  await panel().waitFor();
  await page.getByLabel('新评委姓名').fill('赵九');
  await page.getByRole('button', { name: '添加评委' }).click();
  await page.getByRole('button', { name: '移除评委：赵九' }).waitFor();
  await page.goto(server.url + '#/exchange');
  await page.getByLabel('考评轮次').selectOption({ label: '2027年度考评' });
  await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('list', { name: '发给评委的任务文件' }).getByRole('button', { name: '导出任务文件：赵九' }).click(),
  ]);
  await page.goto(server.url + roundHash);
  await panel().waitFor();
  // Nothing entered, but the task file is out: asked, with what the removal does to it
  // (a clerk's review: removed at once, and the return later refused without a word why).
  await page.getByRole('button', { name: '移除评委：赵九' }).click();
  const dialog = page.getByRole('dialog', { name: '确认移除' });
  assert.match(await dialog.innerText(), /移除评委「赵九」：已发出的任务文件作废，之后交回的报送文件将被拒收/);
  await dialog.getByRole('button', { name: '移除' }).click();
  await page.getByRole('status').filter({ hasText: '已移除' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '移除评委：赵九' }).count(), 0);
  // The keyboard carries on from the panel, not from the top of the page (a clerk's
  // review: a hundred Tabs back to the row).
  await page.waitForFunction(() => document.activeElement?.id === 'panel-title');
  assert.deepEqual(page.errors, []);
});

test('from an empty browser: one assessor leaves every unit short; adding assessors lifts it', async () => {
  const srv = await serve();
  const b = await profile();
  try {
    const p = await openApp(b.context, srv.url, '#/units');
    const f = p.getByRole('form', { name: '添加单位' });
    for (const name of ['第一党支部', '第二党支部']) {
      await f.getByLabel('名称', { exact: true }).fill(name);
      await f.getByLabel('入选年份', { exact: true }).fill('2025');
      await f.getByRole('button', { name: '添加单位' }).click();
      await p.getByRole('link', { name, exact: true }).waitFor();
    }
    await p.goto(srv.url + '#/rounds');
    const form = p.getByRole('form', { name: '新建考评' });
    // The scheme's minimum is said before the round is made.
    await form.getByText('按所选考评方案，每个单位至少应有 3 位评委评分').waitFor();
    await form.getByLabel('评委姓名').fill('张三');
    await form.getByRole('button', { name: '创建考评' }).click();
    await p.getByRole('heading', { level: 1, name: /年度考评$/ }).waitFor();
    const table = p.getByRole('table', { name: '评委分工：每位评委评哪些单位' });
    await p.getByText('有 2 个单位评委不足 3 位。').waitFor();
    assert.match(await table.innerText(), /第一党支部\s+1（评委不足）/);
    await p.getByRole('heading', { name: '评委分工' }).scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(SHOTS, 'panel.png') });
    for (const n of ['李四', '王五']) {
      await p.getByLabel('新评委姓名').fill(n);
      await p.getByRole('button', { name: '添加评委' }).click();
      await table.getByRole('checkbox', { name: `${n} 评 第二党支部` }).waitFor();
    }
    assert.equal(await table.getByText(/评委不足/).count(), 0);
    assert.equal(await p.getByText(/个单位评委不足/).count(), 0);
    // A duplicate name is refused at the form and changes nothing.
    await p.getByLabel('新评委姓名').fill('李四');
    await p.getByRole('button', { name: '添加评委' }).click();
    await p.getByText('本次考评已有评委「李四」，每位评委只填一次。这次填写的姓名都没有添加：请删去重复的姓名，再点“添加评委”。').waitFor();
    // The name is marked, and the keyboard is put back on it to correct.
    assert.equal(await p.getByLabel('新评委姓名').getAttribute('aria-invalid'), 'true');
    await p.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '新评委姓名');
    assert.equal(await table.getByRole('columnheader').count(), 2 + 3 + 1);
    // The same person with a space inside the name (as copied from a Word table) is
    // refused too; several names at once are several assessors.
    await p.getByLabel('新评委姓名').fill('赵六、王 五');
    await p.getByRole('button', { name: '添加评委' }).click();
    await p.getByText('本次考评已有评委「王五」，每位评委只填一次。这次填写的姓名都没有添加：请删去重复的姓名，再点“添加评委”。').waitFor();
    assert.equal(await table.getByRole('columnheader').count(), 2 + 3 + 1, 'nothing added');
    await p.getByLabel('新评委姓名').fill('赵六、钱七');
    await p.getByRole('button', { name: '添加评委' }).click();
    await p.getByText('已添加评委：赵六、钱七。').waitFor();
    await table.getByRole('checkbox', { name: '钱七 评 第二党支部' }).waitFor();
    assert.equal(await table.getByRole('columnheader').count(), 2 + 5 + 1);
    assert.deepEqual(p.errors, []);
  } finally {
    await b.close();
    await srv.close();
  }
});

test('a round names its units that have since left the programme, until they are taken out', async () => {
  await page.goto(server.url + '#/rounds');
  await page.getByRole('table', { name: '考评轮次' }).getByRole('link', { name: '2026年度考评' }).click();
  await page.getByRole('heading', { level: 1, name: '2026年度考评' }).waitFor();
  const note = page.getByRole('note').filter({ hasText: '本轮名单中有已离开示范点建设的单位' });
  const text = await note.innerText();
  const delisted = text.match(/：([^：、（]+)（摘牌）/)?.[1] ?? text.match(/、([^：、（]+)（摘牌）/)?.[1];
  assert.ok(delisted, text);
  assert.match(text, /（退出）/);
  await page.getByRole('button', { name: `移除单位：${delisted}` }).click();
  await page.getByRole('dialog', { name: '确认移除' }).getByRole('button', { name: '移除' }).click();
  await page.getByRole('status').filter({ hasText: '已移除' }).waitFor();
  assert.doesNotMatch(await note.innerText(), new RegExp(`${delisted}（摘牌）`));
  await note.filter({ hasText: '（退出）' }).waitFor();
  assert.deepEqual(page.errors, []);
});
