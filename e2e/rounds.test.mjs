// 考评: create a round, enter scores in the grid with the keyboard and by pasting a
// block copied from Excel, see row totals and completeness; bad entries are refused at
// the cell and the stored data does not change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleCity, SHOTS, paste } from './harness.mjs';

let server, browser, page;
before(async () => {
  ({ server, browser, page } = await sampleCity());
});
after(async () => { await browser?.close(); await server?.close(); });

// Indicators of the default scheme used below (full points in brackets).
const IND = [
  '党组（党委）专题研究示范点建设每年不少于2次，书记履行第一责任人职责', // 4
  '有创建方案、年度计划和总结', // 4
  '齐抓共管：一岗双责，党建与业务同谋划同部署，群团参与', // 4
  '领导联系点与督导', // 3
];

/** The whole of local storage, to prove a refused entry changed nothing. */
// The stored data; typed text kept for a closed tab (`.drafts.left.`) is not data.
const storage = () => page.evaluate(() => {
  const all = {};
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k.includes('.drafts.left.')) all[k] = localStorage.getItem(k);
  }
  return JSON.stringify(all);
});
/** The accessible name of the focused element. */
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
/** Pastes text as if copied from Excel into the focused cell. */
const pasteHere = (text) => paste(page, text);
/** The description (the message at the cell) of an input. */
const description = (locator) => locator.evaluate((el) => (el.getAttribute('aria-describedby') || '')
  .split(' ').map((id) => document.getElementById(id)?.textContent || '').join(' ').trim());

let units; // the first rows' unit names
const cell = (u, i) => page.getByRole('grid').getByRole('textbox', { name: `${units[u]} ${IND[i]}`, exact: true });
/** A row's total and blank count (the two cells after the 22 indicator cells). */
async function rowTotal(u) {
  const row = page.getByRole('grid').getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: units[u], exact: true }) });
  const cells = row.getByRole('gridcell');
  const n = await cells.count();
  return { total: (await cells.nth(n - 2).textContent()).trim(), blanks: (await cells.nth(n - 1).textContent()).trim() };
}

test('the list shows the sample rounds and a bad form is refused with a message', async () => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考评', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '考评', exact: true }).waitFor();
  const list = page.getByRole('table', { name: '考评轮次' });
  for (const year of ['2025', '2026']) {
    const row = list.getByRole('row').filter({ has: page.getByRole('link', { name: `${year}年度考评` }) });
    assert.match(await row.textContent(), /全部 \d+ 份评分已完成/);
  }
  const form = page.getByRole('form', { name: '新建考评' });
  assert.equal(await form.getByLabel('年度').inputValue(), '2027', 'the year after the latest round');
  assert.match(await form.getByLabel('考评方案').evaluate((el) => el.selectedOptions[0].textContent), /2026年度.*第1版/);
  assert.equal(await form.getByLabel('自评权重（%）').inputValue(), '0', 'from the scheme');
  // Units in the programme are ticked; 摘牌 and 退出 are not.
  const picker = form.getByRole('group', { name: /参评单位/ });
  const [, ticked, all] = (await picker.getByText(/已选 \d+ \/ \d+ 个/).textContent())
    .match(/已选 (\d+) \/ (\d+) 个/).map(Number);
  assert.ok(ticked > 0 && ticked < all, 'the sample city has units out of the programme');
  const out = picker.getByRole('checkbox', { name: /（(摘牌|退出)）/ });
  assert.equal(await out.count(), all - ticked, 'exactly the units out of the programme are left out');
  for (const box of await out.all()) assert.equal(await box.isChecked(), false);
  // 全选 is half-ticked when some units are: a click clears them all, another ticks all
  // (a clerk's review: it showed unticked, and a click meant to clear ticked all).
  const allBox = form.getByRole('checkbox', { name: '全选' });
  assert.equal(await allBox.isChecked(), false);
  assert.equal(await allBox.evaluate((e) => e.indeterminate), true, '全选 half-ticked');

  const before = await storage();
  await form.getByLabel('评委姓名').fill('张三\n李四\n张三');
  await form.getByRole('button', { name: '创建考评' }).click();
  await form.getByRole('alert').filter({ hasText: '评委「张三」填写了不止一次' }).waitFor();
  // The field at fault is marked (and described by the message), the keyboard on it.
  const names = form.getByLabel('评委姓名');
  assert.equal(await names.getAttribute('aria-invalid'), 'true');
  assert.match(await names.getAttribute('aria-describedby'), /^names-hint form-error-\d+$/);
  assert.equal(await form.getByLabel('年度').getAttribute('aria-invalid'), null);
  await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
  await allBox.click();
  await picker.getByText('已选 0 / ').waitFor();
  assert.equal(await allBox.evaluate((e) => e.indeterminate), false);
  await allBox.check();
  assert.equal(await out.first().isChecked(), true, '全选 ticks every unit');
  await allBox.uncheck();
  await form.getByLabel('评委姓名').fill('张三\n李四');
  await form.getByRole('button', { name: '创建考评' }).click();
  await form.getByRole('alert').filter({ hasText: '请至少选择一个参评单位' }).waitFor();
  await form.getByLabel('评委姓名').fill('');
  await form.getByRole('checkbox', { name: '全选' }).check();
  await form.getByRole('button', { name: '创建考评' }).click();
  await form.getByRole('alert').filter({ hasText: '请至少填写一位评委姓名' }).waitFor();
  assert.equal(await storage(), before, 'a refused form stores nothing');
  await page.reload(); // back to the default choices
  await page.getByRole('heading', { level: 1, name: '考评', exact: true }).waitFor();
});

test('create a round, score with the keyboard, paste a block, see totals and completeness', async () => {
  const form = page.getByRole('form', { name: '新建考评' });
  await form.getByLabel('评委姓名').fill('张三\n李四');
  await form.getByRole('button', { name: '创建考评' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
  // The new round's page takes focus at its heading (the button pressed is gone).
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1'
    && document.activeElement.textContent === '2027年度考评');
  const progress = page.getByRole('list', { name: '评分进度' });
  const zhang = progress.getByRole('listitem').filter({ hasText: '评委 张三' });
  const expected = Number((await zhang.textContent()).match(/应评 (\d+) 个单位/)[1]);
  assert.ok(expected > 30, 'every unit in the programme is in the round');
  assert.match(await zhang.textContent(), new RegExp(`已评 0 个.*未评 ${expected} 个`));
  await page.getByRole('link', { name: '录入评分：张三' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评 评分录入：张三' }).waitFor();
  units = (await page.getByRole('grid').getByRole('rowheader').allTextContents()).map((s) => s.trim());
  assert.equal(units.length, expected);
  // A row with nothing scored says 未评, as the round page does, not 22 blanks.
  assert.deepEqual(await rowTotal(0), { total: '—', blanks: '未评' });

  // Type, move with arrows, Tab and Enter; typing overwrites what the cell held.
  await cell(0, 0).click();
  await page.keyboard.type('3');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), `${units[0]} ${IND[1]}`);
  await page.keyboard.type('2.5');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), `${units[0]} ${IND[2]}`);
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), `${units[1]} ${IND[2]}`);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), `${units[0]} ${IND[2]}`);
  await page.keyboard.type('3.5');
  await page.keyboard.press('ArrowDown');
  assert.equal(await cell(0, 2).inputValue(), '3.5', 'typing replaced 4');
  assert.deepEqual(await rowTotal(0), { total: '9', blanks: '19' });
  // Clearing a cell removes the score (a blank is not a zero).
  await cell(0, 1).click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Tab');
  assert.deepEqual(await rowTotal(0), { total: '6.5', blanks: '20' });
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('2.5');
  await page.keyboard.press('Enter');
  assert.deepEqual(await rowTotal(0), { total: '9', blanks: '19' });

  // Paste a block copied from Excel (CRLF rows, tabs, trailing empty line) from the focused cell.
  await cell(2, 0).click();
  await pasteHere('1\t2\t3\r\n2\t3\t4\r\n');
  await page.getByRole('status').filter({ hasText: '已粘贴 6 个单元格' }).waitFor();
  assert.deepEqual(
    [await cell(2, 0).inputValue(), await cell(2, 2).inputValue(), await cell(3, 0).inputValue(), await cell(3, 2).inputValue()],
    ['1', '3', '2', '4']);
  assert.deepEqual(await rowTotal(2), { total: '6', blanks: '19' });
  assert.deepEqual(await rowTotal(3), { total: '9', blanks: '19' });
  // A block with a bad value: the good cells are stored, the bad one is shown and listed.
  await cell(4, 0).click();
  await pasteHere('4\t9\n');
  await page.getByRole('status').filter({ hasText: '1 个单元格的内容有误' }).waitFor();
  assert.equal(await cell(4, 1).getAttribute('aria-invalid'), 'true');
  assert.equal(await description(cell(4, 1)), '超出范围 0–4');
  assert.deepEqual(await rowTotal(4), { total: '4', blanks: '21' });
  await cell(4, 1).click();
  await page.keyboard.press('Escape');
  assert.equal(await cell(4, 1).getAttribute('aria-invalid'), null, 'Esc drops the refused value');
  assert.equal(await cell(4, 1).inputValue(), '');
  // Nothing refused is left: the paste's banner saying so goes too (a clerk's review).
  await page.getByRole('status').filter({ hasText: '1 个单元格的内容有误' }).waitFor({ state: 'detached' });
  // Undoing a paste takes its refused cells back with it (a clerk's review: they
  // stayed behind, red, and were kept across pages as if typed).
  await cell(5, 0).click();
  await pasteHere('3\t9\n');
  await page.getByRole('status').filter({ hasText: '1 个单元格的内容有误' }).waitFor();
  assert.equal(await cell(5, 1).getAttribute('aria-invalid'), 'true');
  await cell(5, 0).focus();
  await page.keyboard.press('Control+z');
  await page.getByRole('status').filter({ hasText: '已撤销：粘贴评分（1 个单元格）' }).waitFor();
  assert.equal(await cell(5, 0).inputValue(), '');
  assert.equal(await cell(5, 1).inputValue(), '');
  assert.equal(await cell(5, 1).getAttribute('aria-invalid'), null);
  assert.equal(await page.getByRole('alert').filter({ hasText: '个单元格的内容有误，未保存' }).count(), 0);

  // The round page counts what came in.
  await page.getByRole('link', { name: '2027年度考评' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
  const line = await page.getByRole('list', { name: '评分进度' }).getByRole('listitem').filter({ hasText: '评委 张三' }).textContent();
  assert.match(line, new RegExp(`应评 ${expected} 个单位，已评 4 个（完整 0 个，未填完 4 个，共空 78 项），未评 ${expected - 4} 个`));
  assert.match(line, new RegExp(`尚未评分的单位：${units[1]}、`));
  const li = await page.getByRole('list', { name: '评分进度' }).getByRole('listitem').filter({ hasText: '评委 李四' }).textContent();
  assert.match(li, /已评 0 个/);
  const matrixRow = page.getByRole('table', { name: /各单位的评分情况/ }).getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: units[0], exact: true }) });
  assert.match(await matrixRow.textContent(), /缺 19 项\s*未评\s*未评/);
  assert.ok(await page.getByRole('link', { name: '录入自评' }).isVisible());
  assert.equal(await page.getByRole('link', { name: '查看考评结果' }).getAttribute('href'), await page.evaluate(() => location.hash.replace('#/rounds/', '#/results/')));
  // The unit's 得分明细 names whose sheet is missing (a clerk's re-test: that
  // assessor's column was simply absent).
  const roundPage = page.url();
  await page.getByRole('link', { name: '查看考评结果' }).click();
  await page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '总分' }) })
    .getByRole('link', { name: units[0], exact: true }).click();
  await page.getByText(/^评分不全：应有2份评委评分表，已收到1份（未评：李四），空项19处/).waitFor();
  await page.goto(roundPage);

  // Saved: after a reload the grid shows the same scores.
  await page.getByRole('link', { name: '录入评分：张三' }).click();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '2027年度考评 评分录入：张三' }).waitFor();
  assert.equal(await cell(0, 2).inputValue(), '3.5');
  assert.deepEqual(await rowTotal(3), { total: '9', blanks: '19' });
  assert.deepEqual(page.errors, []);
});

test('out-of-range, non-numeric and off-step entries are refused at the cell; nothing is stored', async () => {
  const cases = [
    [1, 3, '5', '超出范围 0–3'],
    [1, 0, 'abc', '不是数字'],
    [1, 1, '2.3', '须为 0.5 的整数倍'],
    [0, 0, '-1', '超出范围 0–4'],
  ];
  for (const [u, i, typed, message] of cases) {
    const before = await storage();
    const stored = await cell(u, i).inputValue();
    await cell(u, i).click();
    await page.keyboard.type(typed);
    await page.keyboard.press('Tab');
    assert.equal(await cell(u, i).getAttribute('aria-invalid'), 'true', typed);
    assert.equal(await description(cell(u, i)), message);
    assert.equal(await cell(u, i).inputValue(), typed, 'the cell keeps what was typed to be corrected');
    await page.getByRole('alert').filter({ hasText: `填的「${typed}」` }).or(page.getByRole('alert').filter({ hasText: `分值 ${typed} ` })).first().waitFor();
    assert.equal(await storage(), before, `"${typed}" changed nothing stored`);
    assert.equal(stored, u === 0 ? '3' : '');
  }
  const alert = page.getByRole('alert').filter({ hasText: '个单元格的内容有误，未保存' });
  assert.match(await alert.textContent(), /有 4 个单元格的内容有误/);
  assert.match(await alert.textContent(), new RegExp(`单位「${units[1]}」指标「${IND[3]}」的分值 5 超出范围（0–3）`));
  // The row total counts only stored scores.
  assert.deepEqual(await rowTotal(0), { total: '9', blanks: '19' });
  // Enter on a refused value keeps the keyboard there to correct it (a keyboard review:
  // it moved down a row); Enter on a good one moves down as in Excel.
  // Its points are read after its name (the header shows them).
  assert.equal(await cell(0, 0).getAttribute('aria-description'), '满分 4 分');
  await cell(0, 0).click();
  await page.keyboard.type('99');
  await page.keyboard.press('Enter');
  assert.equal(await cell(0, 0).getAttribute('aria-invalid'), 'true');
  assert.equal(await cell(0, 0).evaluate((el) => el === document.activeElement), true, 'still on the refused cell');
  assert.equal(await cell(0, 0).evaluate((el) => el.selectionStart === 0 && el.selectionEnd === el.value.length), true,
    'its text selected, so typing replaces it');
  await page.keyboard.press('Tab');
  // Correcting a cell stores it and clears its message.
  await cell(0, 0).click();
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  assert.equal(await cell(0, 0).getAttribute('aria-invalid'), null);
  assert.deepEqual(await rowTotal(0), { total: '10', blanks: '19' });
  assert.match(await alert.textContent(), /有 3 个单元格的内容有误/);
  // 撤销 undoes the last stored cell and the grid shows it at once.
  await page.getByRole('button', { name: '撤销' }).click();
  await page.getByRole('status').filter({ hasText: '已撤销：录入评分' }).waitFor();
  assert.equal(await cell(0, 0).inputValue(), '3');
  assert.deepEqual(await rowTotal(0), { total: '9', blanks: '19' });
  // Going to another page and back keeps what was refused, with its reasons, to be
  // corrected: nothing typed is lost on the way.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '结果', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '结果' }).waitFor();
  await page.goBack();
  await cell(1, 3).waitFor();
  assert.equal(await cell(1, 3).inputValue(), '5');
  assert.equal(await cell(1, 3).getAttribute('aria-invalid'), 'true');
  assert.equal(await description(cell(1, 3)), '超出范围 0–3');
  assert.match(await alert.textContent(), /有 3 个单元格的内容有误/);
});

test('a filled score grid (screenshot)', async () => {
  // Fill the next rows with valid scores, one pasted block, using each column's full points.
  const heads = await page.getByRole('grid').getByRole('columnheader').allTextContents();
  const maxes = heads.map((h) => h.match(/（(\d+(?:\.\d+)?)分）(?: 细则)?$/)).filter(Boolean).map((m) => Number(m[1]));
  assert.equal(maxes.length, 22);
  const rows = [];
  for (let r = 0; r < 8; r++) rows.push(maxes.map((m, k) => Math.max(0, m - ((r + k) % 4) * 0.5)).join('\t'));
  await cell(5, 0).click();
  await pasteHere(rows.join('\r\n') + '\r\n');
  await page.getByRole('status').filter({ hasText: '已粘贴 176 个单元格' }).waitFor();
  const { total, blanks } = await rowTotal(5);
  assert.equal(blanks, '0');
  const expectedTotal = maxes.reduce((a, m, k) => a + Math.max(0, m - (k % 4) * 0.5), 0);
  assert.equal(Number(total), expectedTotal);
  await cell(1, 2).click();
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'score-grid.png') });
});

test('clicking a cell again, or after Esc, still selects it: typing overwrites', async () => {
  await page.getByRole('link', { name: '2027年度考评' }).click();
  await page.getByRole('link', { name: '录入评分：张三' }).click();
  await page.getByRole('grid').waitFor();
  const c = cell(6, 0);
  await c.click();
  await page.keyboard.type('3');
  await page.keyboard.press('Escape');
  const before = await c.inputValue();
  await c.click();
  await c.click();
  await page.keyboard.type('1');
  assert.equal(await c.inputValue(), '1', `the second click selected "${before}"`);
  await page.keyboard.press('Escape');
  assert.equal(await c.inputValue(), before, 'Esc puts the stored value back');
  // F2 still edits inside the cell.
  await page.keyboard.press('F2');
  await page.keyboard.press('End');
  await page.keyboard.type('5');
  assert.equal(await c.inputValue(), `${before}5`);
  await page.keyboard.press('Escape');
  // Out of F2, Home and End go along the row, with Ctrl to the grid's corners.
  await page.keyboard.press('End');
  const last = await focused();
  assert.ok(last.startsWith(`${units[6]} `) && last !== `${units[6]} ${IND[0]}`, last);
  await page.keyboard.press('Home');
  assert.equal(await focused(), `${units[6]} ${IND[0]}`);
  await page.keyboard.press('Control+Home');
  assert.equal(await focused(), `${units[0]} ${IND[0]}`);
  await page.keyboard.press('Control+End');
  // The last row may be drawn first (only the rows in view are).
  await page.waitForFunction((name) => document.activeElement?.getAttribute('aria-label')?.startsWith(name),
    `${units.at(-1)} `);
  // The header's 细则 buttons are skipped in one step.
  await page.getByRole('button', { name: '跳到第一个评分格' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(), `${units[0]} ${IND[0]}`);
  // And past the whole grid in one step (a keyboard review: every cell is a Tab stop).
  await page.getByRole('button', { name: '跳到第一个评分格' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳过评分表');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'grid-end');
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('table')), false, 'out of the grid');
  assert.ok((await page.locator('#grid-end').boundingBox()).x >= 0, 'where the keyboard is can be seen');
  await c.click();
  // Typing after Esc replaces the value put back, as it does after a click.
  const filled = cell(0, 0);
  await filled.click();
  const stored = await filled.inputValue();
  assert.notEqual(stored, '', 'a cell scored above');
  await page.keyboard.type('1');
  await page.keyboard.press('Escape');
  assert.equal(await filled.inputValue(), stored);
  await page.keyboard.type('2');
  assert.equal(await filled.inputValue(), '2', 'the digit replaced the value, not added to it');
  await page.keyboard.press('Escape');
  assert.equal(await filled.inputValue(), stored);
  // Ctrl+Z drops typing not saved yet, as Esc does; once the cell is left, it is the
  // app's 撤销, never the browser's undo of the text (which showed an old value over
  // a score that stayed, and saved it when the cell was left).
  await page.keyboard.type('1');
  await page.keyboard.press('Control+z');
  assert.equal(await filled.inputValue(), stored);
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: '撤销' }).waitFor();
  await page.keyboard.press('Control+z');
  await page.getByText(/^已撤销/).first().waitFor();
  const box = await filled.elementHandle();
  await page.waitForFunction(([el, v]) => el.value === v, [box, stored]);
  // Left and reloaded: the stored score is the one from before.
  await page.reload();
  await page.getByRole('grid').waitFor();
  assert.equal(await cell(0, 0).inputValue(), stored);
});

test('the self-assessment grid opens from the round page', async () => {
  await page.getByRole('link', { name: '2027年度考评' }).click();
  await page.getByRole('link', { name: '录入自评' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评 评分录入：自评' }).waitFor();
  assert.equal(await page.getByRole('grid').getByRole('rowheader').count(), units.length);
});

test('a block copied with the unit-name column and header row is lined up by name, never shifted', async () => {
  await page.getByRole('link', { name: '2027年度考评' }).click();
  await page.getByRole('link', { name: '录入评分：李四' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评 评分录入：李四' }).waitFor();
  await page.getByRole('grid').waitFor();
  // As Excel copies it: a header row (单位 and indicator names), then names and scores,
  // the rows in another order than the grid's. Pasted on the first cell of the grid.
  const block = [
    ['单位', IND[0], IND[1], IND[2]].join('\t'),
    [units[2], '3', '2.5', '4'].join('\t'),
    [units[1], '4', '3', '2'].join('\t'),
  ].join('\r\n') + '\r\n';
  await cell(0, 0).click();
  await pasteHere(block);
  await page.getByRole('status').filter({ hasText: '已跳过第一行表头，已按单位名称对齐 2 行' }).waitFor();
  assert.deepEqual(
    [await cell(2, 0).inputValue(), await cell(2, 1).inputValue(), await cell(2, 2).inputValue()],
    ['3', '2.5', '4'], 'each unit got its own scores under the right indicators');
  assert.deepEqual(
    [await cell(1, 0).inputValue(), await cell(1, 1).inputValue(), await cell(1, 2).inputValue()],
    ['4', '3', '2']);
  assert.equal(await cell(0, 0).inputValue(), '', 'the focused row got nothing');
  assert.equal(await cell(0, 1).inputValue(), '');

  // A name that is not in this table refuses the whole block: nothing stored or shown.
  const before = await storage();
  await cell(4, 0).click();
  await pasteHere(`${units[4]}\t1\t1\r\n不在本表的单位\t2\t2\r\n`);
  await page.getByRole('alert').filter({ hasText: '「不在本表的单位」不是本表中的单位' }).waitFor();
  assert.equal(await storage(), before, 'nothing stored');
  assert.equal(await cell(4, 0).inputValue(), '');
  assert.equal(await cell(4, 1).inputValue(), '');
  // A header of the clerk's own short names, none an indicator of this table: refused,
  // not pasted by position into other indicators (a clerk's review).
  await pasteHere(`单位\t领导联系点(3分)\t专题研究(4分)\r\n${units[4]}\t3\t4\r\n`);
  await page.getByRole('alert').filter({ hasText: '粘贴内容的表头（如「领导联系点(3分)」）与本表的指标名称都对不上' }).waitFor();
  assert.equal(await storage(), before, 'nothing stored');
  assert.equal(await cell(4, 0).inputValue(), '');

  // A paper form's sheet: 序号 and 单位名称 columns, a 合计 at the end. The 序号 is
  // not a score and the 合计 not a cell outside the table.
  const numbered = [
    ['序号', '单位名称', IND[0], IND[1], '合计'].join('\t'),
    ['1', units[4], '2', '1.5', '3.5'].join('\t'),
    ['2', units[3], '1', '2', '3'].join('\t'),
  ].join('\r\n') + '\r\n';
  await cell(0, 0).click();
  await pasteHere(numbered);
  const said = page.getByRole('status').filter({ hasText: '已跳过序号列' });
  await said.waitFor();
  assert.match(await said.textContent(), /已按单位名称对齐 2 行.*「合计」列不是指标，未粘贴.*已粘贴 4 个单元格/);
  assert.doesNotMatch(await said.textContent(), /超出表格范围/);
  assert.deepEqual([await cell(4, 0).inputValue(), await cell(4, 1).inputValue(), await cell(4, 2).inputValue()], ['2', '1.5', '']);
  assert.deepEqual([await cell(3, 0).inputValue(), await cell(3, 1).inputValue()], ['1', '2']);
  assert.equal(await cell(0, 0).inputValue(), '', 'the 序号 did not become a score');

  // Scores with a unit's name in the middle of the row cannot be placed: refused whole.
  const kept = await storage();
  await cell(5, 0).click();
  await pasteHere(`3\t2\t${units[5]}\t1\r\n`);
  await page.getByRole('alert').filter({ hasText: `有单位名称「${units[5]}」，但不在第一列` }).waitFor();
  assert.equal(await storage(), kept, 'nothing stored');
  assert.equal(await cell(5, 0).inputValue(), '');

  // A block part of which falls below the last unit (a start cell one row low, a whole
  // sheet over a smaller one): asked first (a review: every unit got the next one's
  // scores, said in a passing notice). Cancelled, nothing is stored.
  const last = units.length - 1;
  await cell(last, 0).click();
  await pasteHere('1\t1\r\n2\t2\r\n');
  const asked = page.getByRole('dialog', { name: '粘贴内容超出表格' });
  await asked.getByText('粘贴的内容有 2 个单元格超出表格范围', { exact: false }).waitFor();
  await asked.getByRole('button', { name: '取消' }).click();
  await asked.waitFor({ state: 'detached' });
  assert.equal(await storage(), kept, 'nothing stored');
  assert.equal(await cell(last, 0).inputValue(), '');
  // Confirmed, what falls inside is pasted and the rest said.
  await cell(last, 0).click();
  await pasteHere('1\t1\r\n2\t2\r\n');
  await asked.getByRole('button', { name: '仍然粘贴' }).click();
  await page.getByRole('status').filter({ hasText: '2 个单元格超出表格范围，已忽略' }).waitFor();
  assert.deepEqual([await cell(last, 0).inputValue(), await cell(last, 1).inputValue()], ['1', '1']);
});

test('a paste of twenty cells or more keeps the data as it stood as a snapshot', async () => {
  // A review: 撤销 is gone after a reload, and nothing else held the sheet as it was.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考评', exact: true }).click();
  await page.getByRole('link', { name: '2027年度考评' }).click();
  await page.getByRole('link', { name: '录入评分：李四' }).click();
  await page.getByRole('grid').waitFor();
  const rows = units.slice(0, 6).map(() => ['1', '1', '1', '1'].join('\t')).join('\r\n') + '\r\n';
  await cell(0, 0).click();
  await pasteHere(rows);
  await page.getByRole('status').filter({ hasText: '粘贴前的数据已存为快照（见“数据管理”）。' }).waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据管理', exact: true }).click();
  await page.getByRole('list', { name: '快照列表' }).getByRole('listitem').first()
    .filter({ hasText: '粘贴评分前：' }).waitFor();
});

test('a far year is refused; a round made by mistake is deleted after typing 删除; a published one is not', async () => {
  await page.goto(server.url + '#/rounds');
  const form = page.getByRole('form', { name: '新建考评' });
  await form.getByLabel('年度').fill('2099');
  await form.getByLabel('评委姓名').fill('王五');
  const before = await storage();
  await form.getByRole('button', { name: '创建考评' }).click();
  await form.getByRole('alert').filter({ hasText: '2099年度还没有到' }).waitFor();
  assert.equal(await form.getByLabel('年度').getAttribute('aria-invalid'), 'true');
  assert.equal(await form.getByLabel('评委姓名').getAttribute('aria-invalid'), null);
  assert.equal(await storage(), before, 'nothing stored');

  // The 2027 round of the tests above has scores: deleting it asks for 删除 typed.
  const list = page.getByRole('table', { name: '考评轮次' });
  await list.getByRole('link', { name: '2027年度考评' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
  await page.getByRole('button', { name: '删除「2027年度考评」' }).click();
  const dialog = page.getByRole('dialog', { name: '确认删除考评' });
  assert.match(await dialog.textContent(), /将删除「2027年度考评」，连同已有分数的评分表 \d+ 份/);
  const confirm = dialog.getByRole('button', { name: '删除考评' });
  assert.equal(await confirm.isDisabled(), true, 'not before 删除 is typed');
  await dialog.getByRole('textbox').fill('删除');
  await confirm.click();
  await page.getByRole('heading', { level: 1, name: '考评', exact: true }).waitFor();
  await page.getByRole('status').filter({ hasText: '已删除「2027年度考评」。删除前的数据已存为快照' }).waitFor();
  assert.equal(await list.getByRole('link', { name: '2027年度考评' }).count(), 0);
  await page.reload();
  await list.getByRole('link', { name: '2026年度考评' }).waitFor();
  assert.equal(await list.getByRole('link', { name: '2027年度考评' }).count(), 0, 'deleted for good');

  // The sample's published round (2025) says why it stays, and offers no button.
  await list.getByRole('link', { name: '2025年度考评' }).click();
  await page.getByText('「2025年度考评」的结果已经发布，各单位可能已经收到，不能删除').waitFor();
  assert.equal(await page.getByRole('button', { name: /^删除「/ }).count(), 0);
});
