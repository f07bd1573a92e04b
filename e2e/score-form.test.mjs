// Scoring one unit at a time (逐个单位录入) and the 评分细则 a click away:
// - a unit's copy fills its self-assessment as a form: indicators down the page, the
//   评分细则 and a 佐证说明 beside each (screenshot at 1366×768: unit-form.png);
// - an assessor's copy lists only its units in the form; the grid opens an indicator's
//   评分细则 from its header; a 评语 per unit travels in the return; exporting an
//   incomplete sheet says what is missing and asks; the committee's preview names the
//   incomplete return and the round page counts the file received;
// - from an empty browser, the committee enters a self-assessment through the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve, profile, openApp, SHOTS, paste } from './harness.mjs';

const IND0 = '党组（党委）专题研究示范点建设每年不少于2次，书记履行第一责任人职责';
const GUIDE0 = '查阅会议记录：专题研究2次及以上得2分，1次得1分；书记亲自部署、带头落实得2分，履职不到位酌情扣分。';

let server, committee, page, dir;
before(async () => {
  server = await serve();
  committee = await profile();
  dir = await mkdtemp(join(tmpdir(), 'exemplar-form-'));
  await mkdir(SHOTS, { recursive: true });
  page = await openApp(committee.context, server.url, '#/data');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByText('已载入示例数据').waitFor();
});
after(async () => { await committee?.close(); await server?.close(); });

async function download(p, button) {
  const [d] = await Promise.all([p.waitForEvent('download'), button.click()]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return { path, name: d.suggestedFilename() };
}

/** Exports the first task file of a list on 数据交换; returns { path, name }. */
async function taskFile(listName) {
  await page.goto(server.url + '#/exchange');
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const button = page.getByRole('list', { name: listName }).getByRole('button').first();
  const who = (await button.textContent()).replace('导出任务文件：', '');
  return { ...(await download(page, button)), who };
}

async function openTask(browser, file) {
  const p = await openApp(browser.context, server.url, '#/exchange');
  await p.getByLabel('选择要导入的文件').setInputFiles(file);
  await p.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
  await p.getByRole('button', { name: '确认导入' }).click();
  await p.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  return p;
}

test('a unit fills its self-assessment as a form, with 评分细则 and 佐证说明 beside each indicator', async () => {
  const task = await taskFile('发给单位的任务文件');
  const b = await profile();
  try {
    const unit = await openTask(b, task.path);
    await unit.setViewportSize({ width: 1366, height: 768 });
    await unit.getByRole('button', { name: '逐个单位录入' }).click();
    const form = unit.getByRole('region', { name: '逐个单位录入' });
    const score = form.getByLabel(IND0, { exact: true });
    await score.waitFor();
    // The guidance sits in the same item as the score.
    const item = form.getByRole('listitem').filter({ has: unit.getByLabel(IND0, { exact: true }) });
    assert.match(await item.innerText(), new RegExp(`评分细则：${GUIDE0}`));
    await score.fill('3.5');
    await score.press('Tab');
    await form.getByLabel(`佐证说明：${IND0}`).fill('党组会议纪要（2026年第3、7次）');
    await form.getByLabel(`佐证说明：${IND0}`).press('Tab');
    // A value out of range stays in its box with the reason and is not stored.
    const second = form.getByRole('listitem').nth(1).getByRole('textbox').first();
    const before = await second.inputValue();
    await second.fill('9');
    await second.press('Tab');
    assert.equal(await second.getAttribute('aria-invalid'), 'true');
    await second.fill(before);
    await second.press('Tab');
    await unit.getByRole('heading', { level: 1, name: '我的任务' }).scrollIntoViewIfNeeded();
    await unit.getByRole('button', { name: '逐个单位录入' }).scrollIntoViewIfNeeded();
    await unit.screenshot({ path: join(SHOTS, 'unit-form.png') });
    // Saved: after a reload the grid shows the value and the form the note.
    await unit.reload();
    await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
    await unit.getByRole('button', { name: '逐个单位录入' }).click();
    assert.equal(await form.getByLabel(IND0, { exact: true }).inputValue(), '3.5');
    assert.equal(await form.getByLabel(`佐证说明：${IND0}`).inputValue(), '党组会议纪要（2026年第3、7次）');
    assert.deepEqual(unit.errors, []);
  } finally {
    await b.close();
  }
});


test('a unit pastes its self-assessment as a column from Excel: along the grid row, and down the form', async () => {
  const task = await taskFile('发给单位的任务文件');
  const b = await profile();
  try {
    const unit = await openTask(b, task.path);
    // The grid has one row (the unit's own): a copied column goes along it, its
    // heading left out.
    const grid = unit.getByRole('grid');
    const first = grid.getByRole('textbox').first();
    await first.click();
    await paste(unit, '自评分\r\n3.5\r\n3\r\n2.5\r\n');
    // One of the three already held its pasted value: pasted, not changed.
    await unit.getByText('已把粘贴的一列依次填入本行，已粘贴 3 个单元格，其中 2 个有改动。').waitFor();
    const cells = grid.getByRole('textbox');
    assert.deepEqual([await cells.nth(0).inputValue(), await cells.nth(1).inputValue(), await cells.nth(2).inputValue()], ['3.5', '3', '2.5']);
    // In 逐个单位录入 the same column goes down the boxes from the one pasted into.
    await unit.getByRole('button', { name: '逐个单位录入' }).click();
    const form = unit.getByRole('region', { name: '逐个单位录入' });
    const boxes = form.getByRole('listitem');
    await boxes.nth(1).getByRole('textbox').first().click();
    await paste(unit, '2\n1.5\n');
    await unit.getByText('已粘贴 2 个单元格。').waitFor();
    assert.equal(await boxes.nth(0).getByRole('textbox').first().inputValue(), '3.5');
    assert.equal(await boxes.nth(1).getByRole('textbox').first().inputValue(), '2');
    assert.equal(await boxes.nth(2).getByRole('textbox').first().inputValue(), '1.5');
    // Saved: the grid shows them after a reload.
    await unit.reload();
    await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
    assert.deepEqual([await cells.nth(0).inputValue(), await cells.nth(1).inputValue(), await cells.nth(2).inputValue()], ['3.5', '2', '1.5']);
    assert.deepEqual(unit.errors, []);
  } finally {
    await b.close();
  }
});

test('an assessor: only its units in the form, 评分细则 from the grid header, an incomplete export asks', async () => {
  const task = await taskFile('发给评委的任务文件');
  const b = await profile();
  try {
    const a = await openTask(b, task.path);
    const progress = a.getByRole('list', { name: '评分进度' });
    const mine = (await progress.getByRole('listitem').allInnerTexts()).map((s) => s.replace(/：.*$/, '').trim());
    // The grid: the header's 细则 button opens the guidance.
    await a.getByRole('button', { name: `评分细则：${IND0}` }).click();
    const box = a.getByRole('region', { name: '评分细则' });
    assert.match(await box.innerText(), new RegExp(GUIDE0));
    await box.getByRole('button', { name: '关闭细则' }).click();
    assert.equal(await box.count(), 0);
    // Opened again, Esc closes it too (the keyboard stays on its button).
    const guide = a.getByRole('button', { name: `评分细则：${IND0}` });
    await guide.click();
    await box.waitFor();
    await a.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    assert.equal(await guide.getAttribute('aria-expanded'), 'false');
    // The form: the unit choice lists exactly the assigned units.
    await a.getByRole('button', { name: '逐个单位录入' }).click();
    const form = a.getByRole('region', { name: '逐个单位录入' });
    const choice = form.getByLabel('评分单位');
    const options = (await choice.locator('option').allTextContents()).map((s) => s.trim());
    assert.deepEqual(options, mine);
    // A 评语 cannot run past what would be refused on saving (and so lost).
    await form.getByLabel('评语', { exact: true }).click();
    await a.keyboard.insertText('长'.repeat(1005));
    assert.equal((await form.getByLabel('评语', { exact: true }).inputValue()).length, 1000);
    // A 评语 for the first unit, saved with its sheet.
    await form.getByLabel('评语', { exact: true }).fill('阵地规范，台账齐全，结对活动偏少');
    await form.getByLabel('评语', { exact: true }).press('Tab');
    // Clear one score of the second unit: its sheet is now incomplete.
    await form.getByRole('button', { name: '下一个单位' }).click();
    assert.equal(await choice.evaluate((s) => s.selectedOptions[0].textContent), mine[1]);
    const cell = form.getByLabel(IND0, { exact: true });
    await cell.fill('');
    await cell.press('Tab');
    await progress.getByText(`${mine[1]}：缺 1 项`).waitFor();
    // Another page and Back: the form again, on the same unit (not the first).
    await a.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '数据管理' }).click();
    await a.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
    await a.goBack();
    await choice.waitFor();
    assert.equal(await choice.evaluate((s) => s.selectedOptions[0].textContent), mine[1], 'the same unit');
    // Exporting asks, naming what is missing; 取消 downloads nothing.
    let downloaded = false;
    a.once('download', () => { downloaded = true; });
    await a.getByRole('button', { name: '导出报送文件' }).click();
    const dialog = a.getByRole('dialog', { name: '评分还没有填完' });
    // It names the indicator left blank (cut short when long).
    assert.ok((await dialog.innerText()).includes(`${mine[1]}：缺 1 项（${[...IND0].slice(0, 16).join('')}…）`), await dialog.innerText());
    await dialog.getByRole('button', { name: '取消' }).click();
    assert.equal(downloaded, false);
    await a.getByRole('button', { name: '导出报送文件' }).click();
    const file = await download(a, dialog.getByRole('button', { name: '仍然导出' }));
    assert.match(file.name, /^评委评分-.+\.json$/);
    // The return carries the 评语 with the first unit's sheet.
    const content = JSON.parse(JSON.parse(await readFile(file.path, 'utf8')).content);
    const first = content.sheets.find((sh) => sh.evidence && sh.evidence._comment);
    assert.equal(first?.evidence._comment, '阵地规范，台账齐全，结对活动偏少');
    // A refused score holds the form on its unit: neither the buttons nor the chooser
    // leave it (the typed text would go without a word) until it is put right.
    // (Reached through the chooser, so that the browser has marked the option as picked.)
    await choice.selectOption({ label: mine[0] });
    await choice.selectOption({ label: mine[1] });
    const before = await cell.inputValue();
    await cell.fill('99');
    await cell.press('Tab');
    assert.equal(await cell.getAttribute('aria-invalid'), 'true');
    await form.getByRole('button', { name: '上一个单位' }).click();
    const held = form.getByRole('alert').filter({ hasText: '本单位有标红的分数没有保存' });
    await held.waitFor();
    await choice.selectOption({ label: mine[0] });
    await held.waitFor();
    assert.equal(await choice.evaluate((s) => s.selectedOptions[0].textContent), mine[1], 'still on the second unit');
    assert.equal(await cell.inputValue(), '99', 'what was typed is still there');
    await cell.fill(before);
    await cell.press('Tab');
    assert.equal(await held.count(), 0, 'put right: the warning goes');
    // Back on the first unit, the form shows it.
    await choice.selectOption({ label: mine[0] });
    assert.equal(await form.getByLabel('评语', { exact: true }).inputValue(), '阵地规范，台账齐全，结对活动偏少');
    // A 评语 being typed while another window of the copy saves a score: what is typed
    // stays, and is saved on leaving the box (a clerk's review: it was wiped, with only
    // the routine note that the page was brought up to date).
    const remark = form.getByLabel('评语', { exact: true });
    await remark.click();
    await remark.press('End');
    await a.keyboard.insertText('，尚未写完');
    const other = await b.context.newPage();
    await other.goto(server.url + '#/');
    await other.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
    await other.getByRole('button', { name: '逐个单位录入' }).click();
    const otherForm = other.getByRole('region', { name: '逐个单位录入' });
    await otherForm.getByLabel('评分单位').selectOption({ label: mine[1] });
    const otherCell = otherForm.getByLabel(IND0, { exact: true });
    await otherCell.fill(before === '1' ? '2' : '1');
    await otherCell.press('Tab');
    await a.getByText('另一个窗口保存了新的修改').waitFor();
    assert.equal(await remark.inputValue(), '阵地规范，台账齐全，结对活动偏少，尚未写完', 'the typing is kept');
    await remark.press('Tab');
    await other.reload();
    await other.getByRole('button', { name: '逐个单位录入' }).click();
    await otherForm.getByLabel('评分单位').selectOption({ label: mine[0] });
    assert.equal(await otherForm.getByLabel('评语', { exact: true }).inputValue(), '阵地规范，台账齐全，结对活动偏少，尚未写完');
    // A score being typed while the other window saves another unit's score: the
    // typing stays and is saved (it was redrawn from the stored score and lost).
    const mineCell = form.getByLabel(IND0, { exact: true });
    const orig = await mineCell.inputValue();
    const [typed, theirs, again] = ['1', '2', '3', '4'].filter((v) => v !== orig);
    const total = form.getByLabel('本单位合计');
    const totalMoves = async (was) => a.waitForFunction(
      (t) => document.querySelector('output[aria-label="本单位合计"]').textContent !== t, was);
    await mineCell.click();
    await a.keyboard.press('Control+A');
    await a.keyboard.insertText(typed);
    await otherForm.getByLabel('评分单位').selectOption({ label: mine[1] });
    await otherCell.fill('');
    await otherCell.press('Tab');
    await progress.getByText(`${mine[1]}：缺 1 项`).waitFor();
    assert.equal(await mineCell.inputValue(), typed, 'the typing is kept');
    let was = await total.textContent();
    await mineCell.press('Tab');
    await totalMoves(was);
    // The same box saved in the other window while it is typed in here: what was
    // typed is not written over it; the box shows the other window's score and says so.
    await mineCell.click();
    await a.keyboard.press('Control+A');
    await a.keyboard.insertText(again);
    await otherForm.getByLabel('评分单位').selectOption({ label: mine[0] });
    assert.equal(await otherCell.inputValue(), typed);
    was = await total.textContent();
    await otherCell.fill(theirs);
    await otherCell.press('Tab');
    await totalMoves(was);
    assert.equal(await mineCell.inputValue(), again, 'not redrawn while typed in');
    await mineCell.press('Tab');
    await a.getByText(`${mine[0]} ${IND0}：在您输入期间，这一格已由“${typed}”改为“${theirs}”`).waitFor();
    assert.equal(await mineCell.inputValue(), theirs);
    await other.reload();
    await other.getByRole('button', { name: '逐个单位录入' }).click();
    await otherForm.getByLabel('评分单位').selectOption({ label: mine[0] });
    assert.equal(await otherCell.inputValue(), theirs, "the other window's score stands");
    await other.close();
    assert.deepEqual(a.errors, []);

    // The committee's preview names the incomplete return; the round page counts the file.
    await page.goto(server.url + '#/exchange');
    await page.getByLabel('选择要导入的文件').setInputFiles(file.path);
    await page.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
    await page.getByText(`评委「${task.who}」的报送不完整（导入后仍未评完）：${mine[1]}：缺 1 项`).waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入 1 个文件').waitFor();
    await page.goto(server.url + '#/rounds');
    await page.getByRole('link', { name: '2026年度考评' }).click();
    const line = page.getByRole('list', { name: '评分进度' }).getByRole('listitem').filter({ hasText: `评委 ${task.who}` });
    assert.match(await line.innerText(), new RegExp(`已收到报送文件 1 份，最近一份未评完 1 个单位（${mine[1]}：缺 1 项）`));
    assert.match(await page.getByRole('definition').filter({ hasText: /^评委 \d+ 位/ }).innerText(), /^评委 1 位，单位 0 个(\n|$)/);
    // The committee reads the 评语 on the unit's 得分明细.
    await page.goto(server.url + '#/results');
    await page.getByRole('link', { name: mine[0], exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: `${mine[0]}得分明细` }).waitFor();
    const remarks = page.getByLabel('评委评语', { exact: true });
    assert.match(await remarks.innerText(), new RegExp(`${task.who}\\s+阵地规范，台账齐全，结对活动偏少`));
  } finally {
    await b.close();
  }
});

test('from an empty browser: the committee enters a self-assessment through the form', async () => {
  const b = await profile();
  try {
    const p = await openApp(b.context, server.url, '#/units');
    const f = p.getByRole('form', { name: '添加单位' });
    await f.getByLabel('名称', { exact: true }).fill('第一党支部');
    await f.getByLabel('入选年份', { exact: true }).fill('2025');
    await f.getByRole('button', { name: '添加单位' }).click();
    await p.getByRole('link', { name: '第一党支部', exact: true }).waitFor();
    await p.goto(server.url + '#/rounds');
    const form = p.getByRole('form', { name: '新建考评' });
    await form.getByLabel('评委姓名').fill('张三');
    await form.getByRole('button', { name: '创建考评' }).click();
    await p.getByRole('link', { name: '录入自评' }).click();
    await p.getByRole('button', { name: '逐个单位录入' }).click();
    const region = p.getByRole('region', { name: '逐个单位录入' });
    await region.getByLabel(IND0, { exact: true }).fill('4');
    await region.getByLabel(IND0, { exact: true }).press('Tab');
    await region.getByLabel('本单位合计').filter({ hasText: '本单位合计 4 分' }).waitFor();
    await p.getByRole('button', { name: '表格录入' }).click();
    assert.equal(await p.getByRole('grid').getByRole('textbox', { name: `第一党支部 ${IND0}`, exact: true }).inputValue(), '4');
    assert.deepEqual(p.errors, []);
  } finally {
    await b.close();
  }
});
