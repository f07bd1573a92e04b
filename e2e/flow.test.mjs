// A committee organiser runs a whole round, as a person would and by role and label only:
// adds units, copies the default scheme, creates a round with 5 assessors, enters every
// assessor's scores (pasting a row copied from Excel, typing some cells), opens the
// results and checks totals, grades and ranks worked out by hand below; reloads and
// finds everything there; then edits the scheme, which now has scores, and sees a new
// version made while the round's results do not move.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, profile, openApp, paste } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await profile(); });
after(async () => { await browser?.close(); await server?.close(); });

// The built-in default scheme (docs/scoring.md): 22 indicators, 100 points, step 0.5,
// bands 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 70; with 5 assessors the highest and the lowest
// points of each indicator are dropped and the other three averaged.
const MAX = [4, 4, 4, 3, 5, 3, 3, 4, 8, 6, 6, 8, 6, 6, 6, 5, 4, 4, 3, 3, 3, 2];
const D1_1 = '党组（党委）专题研究示范点建设每年不少于2次，书记履行第一责任人职责'; // index 0, max 4
const D1_4 = '领导联系点与督导'; // index 3, max 3
const D3_1 = '党建与中心工作融合，成效可衡量'; // index 8, max 8

const UNITS = ['市财政局机关党委', '市税务局第一党支部', '市卫健委机关党支部'];
const [CAIZHENG, SHUIWU, WEIJIAN] = UNITS;
const ASSESSORS = ['王评委', '李评委', '张评委', '刘评委', '陈评委'];

// What each assessor (index k = 0..4) gives each unit, indicator by indicator.
//
// 市财政局机关党委: full points everywhere; 王评委 (k = 0) then TYPES 0 on d1-1.
//   d1-1 gets 0, 4, 4, 4, 4 → drop 0 and one 4 → mean(4, 4, 4) = 4: nothing lost.
//   Total 100 → above the 优秀 line, but the default scheme's 优秀 needs a recognised
//   innovation outcome this year and the unit has none → 良好 (with a note), rank 1.
// 市税务局第一党支部: max − 1 everywhere, except d3-1 (max 8) where the five give
//   3, 5, 6, 7, 8 → drop 3 and 8 → (5 + 6 + 7) / 3 = 6 (a plain mean would be 5.8).
//   Total = (100 − 8 − 21 × 1) + 6 = 71 + 6 = 77 → 合格, rank 3.
// 市卫健委机关党支部: max − 0.5 everywhere, except d1-4 (max 3) where the five give
//   1, 1.5, 2, 2, 3 → drop 1 and 3 → (1.5 + 2 + 2) / 3 = 5.5 / 3 = 1.8333…
//   Total = (100 − 3 − 21 × 0.5) + 1.8333… = 86.5 + 1.8333… = 88.3333… → 88.33
//   (rounded once, half-up) → 良好, rank 2.
//   王评委's 1 on d1-4 is TYPED, not pasted.
const row = (unit, k) => MAX.map((m, i) => {
  if (unit === CAIZHENG) return m;
  if (unit === SHUIWU) return i === 8 ? [3, 5, 6, 7, 8][k] : m - 1;
  return i === 3 ? [1, 1.5, 2, 2, 3][k] : m - 0.5;
});
const EXPECTED = [
  { rank: '1', unit: CAIZHENG, total: '100', grade: '良好', note: /^总分100达到优秀分数线，但\d{4}年度无经认定的创新成果，评为良好$/ },
  { rank: '2', unit: WEIJIAN, total: '88.33', grade: '良好' },
  { rank: '3', unit: SHUIWU, total: '77', grade: '合格' },
];

/** Checks a ranking read by `ranking` against EXPECTED (a note is matched by its pattern). */
function assertRanking(actual, message) {
  const flat = (rows) => rows.map(({ note, ...rest }) => ({ ...rest, note: note ? 'note' : 'none' }));
  assert.deepEqual(flat(actual), flat(EXPECTED), message);
  EXPECTED.forEach((e, i) => { if (e.note) assert.match(actual[i].note, e.note, message); });
}


/** The ranking as [{ rank, unit, total, grade }], read from the results table. */
async function ranking(page) {
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '总分' }) });
  const header = (await table.getByRole('row').first().getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const col = (name) => header.findIndex((h) => h.startsWith(name));
  const rows = table.getByRole('rowgroup').nth(1).getByRole('row');
  const out = [];
  for (let i = 0; i < await rows.count(); i++) {
    const cells = (await rows.nth(i).getByRole('cell').allTextContents()).map((t) => t.trim());
    out.push({
      rank: cells[col('排名')],
      unit: await rows.nth(i).getByRole('link').first().textContent(),
      total: cells[col('总分')],
      // The grade cell: the grade, then (when there is one) ※ and the note in （）.
      ...(([g, note]) => (note ? { grade: g, note: note.trim().replace(/^（|）$/g, '') } : { grade: g }))(cells[col('等次')].split('※')),
    });
  }
  return out;
}

test('a whole round: roster, scheme, five assessors, results by hand, reload', async () => {
  const page = await openApp(browser.context, server.url, '#/units');
  const nav = page.getByRole('navigation', { name: '主导航' });

  // 1. The roster.
  const form = page.getByRole('form', { name: '添加单位' });
  for (const [i, name] of UNITS.entries()) {
    await form.getByLabel('名称', { exact: true }).fill(name);
    await form.getByLabel('系统/行业', { exact: true }).fill(['财政', '税务', '卫生健康'][i]);
    await form.getByLabel('入选年份', { exact: true }).fill('2026');
    await form.getByRole('button', { name: '添加单位' }).click();
    await page.getByText(`已添加单位「${name}」`).waitFor();
  }
  const roster = page.getByRole('table', { name: '单位名册' });
  for (const name of UNITS) await roster.getByRole('link', { name, exact: true }).waitFor();

  // 2. The scheme: the built-in default, copied as this year's scheme.
  await nav.getByRole('link', { name: '考评方案', exact: true }).click();
  await page.getByRole('button', { name: '新建默认方案' }).click();
  await page.getByText('已新建默认方案').waitFor();
  await page.getByRole('button', { name: '复制为新方案' }).first().click();
  const copy = page.getByRole('dialog', { name: '复制为新方案' });
  await copy.getByLabel('新方案年度').fill('2027');
  await copy.getByRole('button', { name: '复制', exact: true }).click();
  await page.getByText(/已将「.*」复制为「.*」/).waitFor();

  // 3. The round: 2027, the copied scheme, the three units, five assessors.
  await nav.getByRole('link', { name: '考评', exact: true }).click();
  const newRound = page.getByRole('form', { name: '新建考评' });
  await newRound.getByLabel('年度').fill('2027');
  const schemeSelect = newRound.getByLabel('考评方案');
  const options = await schemeSelect.getByRole('option').allTextContents();
  const copied = options.find((o) => o.includes('2027'));
  assert.ok(copied, `the copied scheme is offered: ${options}`);
  await schemeSelect.selectOption({ label: copied });
  for (const name of UNITS) {
    assert.equal(await newRound.getByRole('checkbox', { name: new RegExp(name) }).isChecked(), true, `${name} is in the round`);
  }
  await newRound.getByLabel('评委姓名').fill(ASSESSORS.join('\n'));
  await newRound.getByRole('button', { name: '创建考评' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
  const roundUrl = page.url();

  // 4. Every assessor's scores: one pasted row per unit, some cells typed.
  for (const [k, who] of ASSESSORS.entries()) {
    await page.goto(roundUrl);
    await page.getByRole('link', { name: `录入评分：${who}` }).click();
    const grid = page.getByRole('grid', { name: '评分表' });
    await grid.waitFor();
    for (const unit of UNITS) {
      await grid.getByRole('textbox', { name: `${unit} ${D1_1}`, exact: true }).click();
      let values = row(unit, k);
      if (k === 0 && unit === WEIJIAN) values = values.map((v, i) => (i === 3 ? '' : v));
      await paste(page, values.join('\t') + '\r\n');
      await page.getByText(/已粘贴 \d+ 个单元格/).last().waitFor();
    }
    if (k === 0) {
      // Typed: the arrow key moves, typing overwrites what is there.
      const cell = grid.getByRole('textbox', { name: `${CAIZHENG} ${D1_1}`, exact: true });
      await cell.click();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type('0');
      await page.keyboard.press('Enter');
      const d14 = grid.getByRole('textbox', { name: `${WEIJIAN} ${D1_4}`, exact: true });
      await d14.click();
      await page.keyboard.type('1');
      await page.keyboard.press('Tab');
      assert.equal(await cell.inputValue(), '0');
      assert.equal(await d14.inputValue(), '1');
    }
    assert.equal(await page.getByRole('alert').filter({ hasText: '单元格的内容有误' }).count(), 0, `${who}: no refused cell`);
  }

  // The round page says everyone has scored everyone.
  await page.goto(roundUrl);
  const progress = page.getByRole('list', { name: '评分进度' });
  for (const who of ASSESSORS) {
    await progress.getByRole('listitem').filter({ hasText: `评委 ${who}` }).filter({ hasText: '已评 3 个' }).waitFor();
  }

  // 5. Results against the figures worked out by hand above.
  await page.getByRole('link', { name: '查看考评结果' }).click();
  await page.getByRole('heading', { level: 1, name: '结果' }).waitFor();
  assertRanking(await ranking(page));
  const resultsUrl = page.url();

  // 6. Reload: everything is still there.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '结果' }).waitFor();
  assertRanking(await ranking(page));
  await nav.getByRole('link', { name: '单位', exact: true }).click();
  for (const name of UNITS) await page.getByRole('table', { name: '单位名册' }).getByRole('link', { name, exact: true }).waitFor();

  // 7. The scheme now has scores: editing it makes a new version, and the round's
  //    results do not move.
  await nav.getByRole('link', { name: '考评方案', exact: true }).click();
  const versions = page.getByRole('table', { name: '考评方案版本' });
  await versions.getByRole('row').filter({ hasText: '2027' }).first().waitFor();
  const before = await versions.getByRole('row').count();
  await versions.getByRole('row').filter({ hasText: '2027' }).getByRole('link').first().click();
  await page.getByText(/此方案已有评分，保存将生成新版本/).waitFor();
  await page.getByLabel(`满分 ${D3_1}`, { exact: true }).fill('10');
  await page.getByRole('button', { name: '保存方案' }).click();
  // 102 points: asked about before it is saved.
  await page.getByRole('dialog', { name: '确认满分合计' }).getByRole('button', { name: '保存方案' }).click();
  await page.getByText(/修改已保存为新版本（第 ?2 ?版）/).waitFor();
  await nav.getByRole('link', { name: '考评方案', exact: true }).click();
  await versions.getByRole('row').filter({ hasText: '2027' }).first().waitFor();
  assert.equal(await versions.getByRole('row').count(), before + 1, 'a new version row');
  await page.goto(resultsUrl);
  await page.getByRole('heading', { level: 1, name: '结果' }).waitFor();
  assertRanking(await ranking(page), 'the old round still uses its own version');
  assert.deepEqual(page.errors, []);
});
