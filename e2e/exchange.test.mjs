// 数据交换 across three browsers: the committee exports task files, a unit and an
// assessor (each in a fresh browser) open them in focused mode, fill them in and export
// signed return files, and the committee imports both at once after a preview. Then:
// importing the same files again changes nothing, a return with nothing new is still
// recorded as received, a snapshot gives back the exact state
// from before the import, and a tampered return file is refused and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve, profile, openApp, backupState as stateOfBackup } from './harness.mjs';

let server, committee, unitBrowser, assessorBrowser, page, dir;
before(async () => {
  server = await serve();
  [committee, unitBrowser, assessorBrowser] = await Promise.all([profile(), profile(), profile()]);
  dir = await mkdtemp(join(tmpdir(), 'exemplar-exchange-'));
  page = await openApp(committee.context, server.url, '#/data');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByText('已载入示例数据').waitFor();
});
after(async () => {
  await Promise.all([committee?.close(), unitBrowser?.close(), assessorBrowser?.close()]);
  await server?.close();
});

// The first indicator of the default scheme (4 points, steps of 0.5).
const IND0 = '党组（党委）专题研究示范点建设每年不少于2次，书记履行第一责任人职责';

/** The whole of local storage of a page, to prove that nothing was written. */
// The stored data; typed text kept for a closed tab (`.drafts.left.`) is not data.
const storage = (p) => p.evaluate(() => {
  const all = {};
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k.includes('.drafts.left.')) all[k] = localStorage.getItem(k);
  }
  return JSON.stringify(all);
});

/** Clicks `button` and returns the download's saved path and suggested name. */
async function download(p, button) {
  const [d] = await Promise.all([p.waitForEvent('download'), button.click()]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return { path, name: d.suggestedFilename() };
}

/** The committee's data as in a backup file (without its revision and time). */
async function backupState(p) {
  await p.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据管理' }).click();
  await p.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
  const { path } = await download(p, p.getByRole('button', { name: '导出备份' }));
  return JSON.stringify(stateOfBackup(await readFile(path, 'utf8')));
}

/** Opens a task file in a fresh browser: blank, 数据交换 → import → preview → confirm. */
async function openTask(browser, file) {
  const p = await openApp(browser.context, server.url, '#/exchange');
  await p.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  await p.getByLabel('选择要导入的文件').setInputFiles(file);
  const verdicts = p.getByRole('list', { name: '文件检查结果' });
  await verdicts.getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
  await p.getByRole('button', { name: '确认导入' }).click();
  await p.getByRole('navigation', { name: '任务导航' }).waitFor();
  assert.equal(await p.getByRole('navigation', { name: '主导航' }).count(), 0, 'the committee navigation is gone');
  await p.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  // Their 导入文件 page speaks to them, not to the committee.
  await p.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '导入文件' }).click();
  await p.getByText('选择工委发来的任务文件或考评结果文件。').waitFor();
  assert.equal(await p.getByText('工委在这里一次导入').count(), 0);
  await p.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '我的任务' }).click();
  await p.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  return p;
}

/** A grid cell's input in a page. */
const gridCell = (p, unit, indicator) =>
  p.getByRole('grid').getByRole('textbox', { name: `${unit} ${indicator}`, exact: true });

/** On a 得分明细 page: the text of column `column` in the row of indicator `indicator`. */
async function breakdownCell(p, indicator, column) {
  const table = p.getByRole('table').filter({ has: p.getByRole('rowheader', { name: indicator, exact: true }) });
  const heads = (await table.getByRole('columnheader').allTextContents()).map((s) => s.trim());
  const col = heads.indexOf(column);
  assert.ok(col > 0, `column ${column} in ${heads}`);
  const row = table.getByRole('row').filter({ has: p.getByRole('rowheader', { name: indicator, exact: true }) });
  // The row header takes the first column; cells are the rest.
  return (await row.getByRole('cell').nth(col - 1).textContent()).trim();
}

/** The points at the start of a cell (a dropped score is followed by “（去掉）”). */
const number = (text) => (text.match(/^-?[\d.]+/) || [text])[0];
const other = (v) => (v === '0.5' ? '1.5' : '0.5');

/** At the committee: the assessor's grid of the 2026 round; returns a unit other than
 * `unitName` on it. */
async function openAssessorGrid() {
  await page.goto(`${server.url}#/rounds`);
  await page.getByRole('table', { name: '考评轮次' }).getByRole('link', { name: '2026年度考评' }).click();
  await page.getByRole('link', { name: `录入评分：${assessorName}` }).click();
  await page.getByRole('heading', { level: 1, name: `2026年度考评 评分录入：${assessorName}` }).waitFor();
  const names = (await page.getByRole('grid').getByRole('rowheader').allTextContents()).map((t) => t.trim());
  return names.find((n) => n !== unitName);
}

/** At the committee's open grid: types another value into a cell, stored with Tab. */
async function retype(unit, indicator) {
  const cell = gridCell(page, unit, indicator);
  const value = other(await cell.inputValue());
  await cell.click();
  await page.keyboard.type(value);
  await page.keyboard.press('Tab');
  assert.equal(await cell.inputValue(), value);
  return value;
}

/** A new page of the assessor's copy on 我的任务, with its page errors collected. */
async function assessorTasks() {
  const a = await assessorBrowser.context.newPage();
  const errors = [];
  a.on('pageerror', (e) => errors.push(String(e)));
  await a.goto(`${server.url}#/`);
  await a.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  return { a, errors };
}

let unitFile, assessorFile, unitName, assessorName, roundId, unitId, beforeImport;
let selfValue, assessorValue;

test('committee → unit and assessor → committee, in three browsers', async () => {
  // The committee exports a task file for the first unit and the first assessor.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const round = page.getByLabel('考评轮次');
  assert.equal(await round.evaluate((el) => el.selectedOptions[0].textContent), '2026年度考评', 'the latest round is chosen');
  const unitButton = page.getByRole('list', { name: '发给单位的任务文件' }).getByRole('button').first();
  unitName = (await unitButton.textContent()).replace('导出任务文件：', '');
  const toUnit = await download(page, unitButton);
  assert.equal(toUnit.name, `考评任务-2026年度考评-${unitName}-${toUnit.name.slice(-13, -5)}.json`, 'the round and the person in the name');
  const assessorButton = page.getByRole('list', { name: '发给评委的任务文件' }).getByRole('button').first();
  assessorName = (await assessorButton.textContent()).replace('导出任务文件：', '');
  const toAssessor = await download(page, assessorButton);
  assert.equal(toAssessor.name, `评分任务-2026年度考评-${assessorName}-${toAssessor.name.slice(-13, -5)}.json`);
  assert.match(toAssessor.name, /-\d{8}\.json$/);
  const task = JSON.parse(JSON.parse(await readFile(toUnit.path, 'utf8')).content);
  [roundId, unitId] = [task.round.id, task.unit.id];
  // The 2026 round is running: no word of publication. 2025's is published: sending
  // its tasks again is said to be for reading only.
  const published = page.getByRole('note').filter({ hasText: '本轮结果已经发布' });
  assert.equal(await published.count(), 0);
  await round.selectOption({ label: '2025年度考评' });
  await published.waitFor();
  await round.selectOption({ label: '2026年度考评' });
  await published.waitFor({ state: 'detached' });
  // The committee choosing its own task file by mistake is told so before anything
  // happens, and 取消 leaves its data as it was.
  await page.getByLabel('选择要导入的文件').setInputFiles(toUnit.path);
  await page.getByText(`这是本机（工委）导出给「${unitName}」的任务文件`).waitFor();
  await page.getByRole('button', { name: '取消' }).click();
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: '主导航' }).count(), 1, 'still the committee');
  await page.getByRole('list', { name: '发给单位的任务文件' }).getByRole('listitem').first()
    .getByText(/已于 .* 发放访问码；尚未收到报送文件/).waitFor();

  // What the committee has before: the unit's self-assessment and the assessor's score.
  await page.goto(`${server.url}#/results/${roundId}/${unitId}`);
  await page.getByRole('heading', { level: 1, name: `${unitName}得分明细` }).waitFor();
  const selfBefore = await breakdownCell(page, IND0, '自评');
  const assessorBefore = number(await breakdownCell(page, IND0, assessorName));

  // The unit, in its own browser: self-assessment, an outcome, the return file.
  const unit = await openTask(unitBrowser, toUnit.path);
  await unit.getByRole('note').filter({ hasText: `您正在以单位「${unitName}」身份填报 2026年度考评` }).waitFor();
  const selfCell = gridCell(unit, unitName, IND0);
  selfValue = other(await selfCell.inputValue());
  if (selfValue === selfBefore) selfValue = '2.5';
  await selfCell.click();
  await unit.keyboard.type(selfValue);
  await unit.keyboard.press('Tab');
  await unit.getByLabel('成果名称').fill('“党建+网格”议事厅');
  await unit.getByLabel('成果类别').selectOption({ label: '制度成果' });
  await unit.getByLabel('成果日期').fill('2026-06-01');
  await unit.getByRole('button', { name: '添加成果' }).click();
  await unit.getByRole('list', { name: '本单位的成果' }).getByText('“党建+网格”议事厅（制度成果，2026-06-01').waitFor();
  await unit.reload();
  await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  assert.equal(await gridCell(unit, unitName, IND0).inputValue(), selfValue, 'the self-assessment was saved');
  // A slip entered here and not yet returned may be deleted, asked first (a clerk's
  // review: nothing could be, so a duplicate went to the committee).
  await unit.getByLabel('成果名称').fill('重复登记的成果');
  await unit.getByLabel('成果类别').selectOption({ label: '制度成果' });
  await unit.getByLabel('成果日期').fill('2026-06-01');
  await unit.getByRole('button', { name: '添加成果' }).click();
  const mine = unit.getByRole('list', { name: '本单位的成果' });
  await mine.getByText('重复登记的成果（制度成果').waitFor();
  await unit.getByRole('button', { name: '删除 重复登记的成果' }).click();
  const askDelete = unit.getByRole('dialog', { name: '确认删除成果' });
  assert.match(await askDelete.textContent(), /工委那里还没有它.*删除后不会报送/);
  await askDelete.getByRole('button', { name: '删除', exact: true }).click();
  await unit.getByText(/^已删除成果.重复登记的成果.。$/).waitFor();
  assert.equal(await mine.getByText('重复登记的成果').count(), 0);
  assert.equal(await unit.getByRole('button', { name: '删除 “党建+网格”议事厅' }).count(), 1, 'not yet returned');
  // A refused entry still on screen (red) is not exported as if it were saved.
  await selfCell.click();
  await unit.keyboard.type('999');
  await unit.keyboard.press('Tab');
  assert.equal(await selfCell.getAttribute('aria-invalid'), 'true', 'the cell refused 999');
  let downloaded = false;
  unit.once('download', () => { downloaded = true; });
  await unit.getByRole('button', { name: '导出报送文件' }).click();
  // Said beside the button as well as in the banner (a clerk's review: the banner was
  // out of view, and an older 已导出 stood there).
  const notExported = unit.getByRole('alert').filter({ hasText: '没有导出报送文件：评分表中有标红的单元格' });
  await notExported.first().waitFor();
  assert.equal(await notExported.count(), 2, 'in the banner and beside the button');
  assert.equal(downloaded, false, 'no file while a cell is refused');
  await selfCell.click();
  await unit.keyboard.press('Escape');
  assert.equal(await selfCell.inputValue(), selfValue, 'Esc puts the saved value back');
  const unitReturn = await download(unit, unit.getByRole('button', { name: '导出报送文件' }));
  assert.match(unitReturn.name, /^单位报送-\d{4}年度考评-.+-\d{8}\.json$/);
  assert.equal(await notExported.count(), 0, 'exported: the refusal is gone');
  // Returned, it is the committee's to hold: no longer deleted here.
  await unit.getByRole('button', { name: '删除 “党建+网格”议事厅' }).waitFor({ state: 'detached' });
  unitFile = unitReturn.path;

  // The assessor, in a third browser: scores the unit, exports.
  const assessor = await openTask(assessorBrowser, toAssessor.path);
  await assessor.getByRole('note').filter({ hasText: `您正在以评委「${assessorName}」身份填报 2026年度考评` }).waitFor();
  const progress = assessor.getByRole('list', { name: '评分进度' });
  assert.ok(await progress.getByRole('listitem').count() > 1, 'the assessor sees its units');
  const aCell = gridCell(assessor, unitName, IND0);
  assessorValue = other(await aCell.inputValue());
  if (assessorValue === assessorBefore) assessorValue = '3';
  await aCell.click();
  await assessor.keyboard.type(assessorValue);
  await assessor.keyboard.press('Enter');
  await assessor.reload();
  await assessor.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  assert.equal(await gridCell(assessor, unitName, IND0).inputValue(), assessorValue);
  const assessorReturn = await download(assessor, assessor.getByRole('button', { name: '导出报送文件' }));
  assert.match(assessorReturn.name, /^评委评分-.+-\d{8}\.json$/);
  assessorFile = assessorReturn.path;
  assert.deepEqual([...unit.errors, ...assessor.errors], []);

  // Before the import the round page names the unit as sent a task file and not back.
  await page.goto(`${server.url}#/rounds/${roundId}`);
  await page.getByText('已发任务文件、尚未交回的单位 1 个').click();
  assert.deepEqual(await page.getByRole('list', { name: '尚未交回报送文件的单位' }).getByRole('listitem').allTextContents(), [unitName]);

  // The committee imports both files at once: each accepted, one preview, then confirm.
  beforeImport = await backupState(page);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
  await page.getByLabel('选择要导入的文件').setInputFiles([unitFile, assessorFile]);
  const verdicts = page.getByRole('list', { name: '文件检查结果' });
  await verdicts.getByRole('listitem').first().waitFor();
  assert.equal(await verdicts.getByRole('listitem').count(), 2);
  // The keyboard goes on at the results, not back at the top of the page.
  await page.waitForFunction(() => document.activeElement?.textContent === '文件检查结果');
  for (const item of await verdicts.getByRole('listitem').all()) {
    assert.match(await item.textContent(), /已接受.*签名已验证/);
  }
  const changes = page.getByRole('list', { name: '变化明细' });
  await changes.getByText(`新增：单位「${unitName}」的成果「“党建+网格”议事厅」`).waitFor();
  assert.equal(await changes.getByText(/^修改：.*评分表/).count(), 2, 'the self-assessment and the assessor sheet');
  // A changed sheet lists its scores as they are here and as the file has them.
  const selfChange = changes.getByRole('listitem').filter({ hasText: `修改：单位「${unitName}」的自评评分表` });
  assert.deepEqual(await selfChange.getByRole('list', { name: '改动内容' }).getByRole('listitem').allTextContents(),
    [`${IND0}：本机 ${selfBefore} → 文件 ${selfValue}`]);
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入 2 个文件').waitFor();

  // The results now include both.
  await page.goto(`${server.url}#/results/${roundId}/${unitId}`);
  await page.getByRole('heading', { level: 1, name: `${unitName}得分明细` }).waitFor();
  assert.equal(await breakdownCell(page, IND0, '自评'), selfValue);
  assert.equal(number(await breakdownCell(page, IND0, assessorName)), assessorValue);
  assert.notEqual(selfValue, selfBefore);
  assert.notEqual(assessorValue, assessorBefore);
  // The round page says who has been sent a task file and has not sent it back: not
  // this unit any more.
  await page.goto(`${server.url}#/rounds/${roundId}`);
  await page.getByText('已收到谁的报送文件').waitFor();
  assert.match(await page.getByRole('definition').filter({ hasText: '评委 1 位，单位 1 个' }).textContent(), /评委 1 位，单位 1 个/);
  assert.equal(await page.getByText(/已发任务文件、尚未交回的单位/).count(), 0, 'the only unit sent a task file has returned it');
  // 数据交换 says it too, where the files are handed out (a clerk's review).
  await page.goto(`${server.url}#/exchange`);
  await page.getByRole('list', { name: '发给单位的任务文件' }).getByRole('listitem').first()
    .getByText(/已于 .* 发放访问码；已收到报送文件 1 份/).waitFor();
  assert.deepEqual(page.errors, []);
});

test('importing the same files again finds nothing to change and changes nothing', async () => {
  await page.goto(`${server.url}#/exchange`);
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const stored = await storage(page);
  await page.getByLabel('选择要导入的文件').setInputFiles([unitFile, assessorFile]);
  await page.getByText('所选文件中的数据与本机相同，没有需要导入的内容。').waitFor();
  const verdicts = page.getByRole('list', { name: '文件检查结果' });
  assert.equal(await verdicts.getByRole('listitem').filter({ hasText: '已接受' }).count(), 2);
  const summary = page.getByRole('table', { name: '各类记录的变化' });
  for (const row of await summary.getByRole('row').all()) {
    const cells = await row.getByRole('cell').allTextContents();
    if (cells.length) assert.deepEqual([cells[0], cells[1], cells[3], cells[4]], ['0', '0', '0', '0'], 'only 无变化');
  }
  assert.equal(await page.getByText('可记为收到报送文件').count(), 0, 'both were recorded the first time');
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('数据未改变').waitFor();
  assert.equal(await storage(page), stored, 'local storage is byte for byte the same');
});

test('a return sent back with nothing filled in is still recorded as received', async () => {
  await page.goto(`${server.url}#/exchange`);
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const button = page.getByRole('list', { name: '发给评委的任务文件' }).getByRole('button').nth(1);
  const who = (await button.textContent()).replace('导出任务文件：', '');
  const toAssessor = await download(page, button);
  // The assessor opens the task and sends it straight back.
  const fresh = await profile();
  try {
    const assessor = await openTask(fresh, toAssessor.path);
    const back = await download(assessor, assessor.getByRole('button', { name: '导出报送文件' }));
    await page.goto(`${server.url}#/rounds`);
    await page.getByRole('link', { name: '2026年度考评' }).click();
    const line = page.getByRole('list', { name: '评分进度' }).getByRole('listitem').filter({ hasText: `评委 ${who}` });
    assert.match(await line.innerText(), /尚未收到报送文件/);
    await page.goto(`${server.url}#/exchange`);
    await page.getByLabel('选择要导入的文件').setInputFiles(back.path);
    await page.getByText('所选文件中的数据与本机相同，没有需要导入的内容。点“确认导入”可记为收到报送文件 1 份。').waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已记为收到报送文件 1 份，其他数据未改变。').waitFor();
    await page.goto(`${server.url}#/rounds`);
    await page.getByRole('link', { name: '2026年度考评' }).click();
    await line.filter({ hasText: '已收到报送文件 1 份' }).waitFor();
    assert.deepEqual([...page.errors, ...assessor.errors], []);
  } finally {
    await fresh.close();
  }
});

test('a snapshot gives back the exact state from before the import', async () => {
  const afterImport = await backupState(page);
  assert.notEqual(afterImport, beforeImport);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
  const item = page.getByRole('list', { name: '快照列表' }).getByRole('listitem').first();
  assert.match(await item.textContent(), /导入前：.*单位报送.*评委评分/);
  await item.getByRole('button', { name: '恢复此快照' }).click();
  const dialog = page.getByRole('dialog', { name: '确认恢复快照' });
  await dialog.getByRole('button', { name: '恢复' }).click();
  await page.getByText('已恢复快照').waitFor();
  // The task file exported to an assessor since the import (above) is out in the world:
  // its access code stays. Everything else is exactly as before the import.
  const restored = JSON.parse(await backupState(page));
  const { exchange: now, ...rest } = restored;
  const { exchange: was, ...restWas } = JSON.parse(beforeImport);
  assert.deepEqual(rest, restWas, 'the data is exactly as before the import');
  assert.ok(now.codes.length > was.codes.length, 'the code issued since is kept');
  for (const c of was.codes) assert.ok(now.codes.some((d) => d.code === c.code), c.code);
  beforeImport = JSON.stringify(restored);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
  assert.equal(await backupState(page), beforeImport, 'and it was saved');
});

test('an import undone with 撤销 and made again brings the unit\'s outcome in again', async () => {
  // The state is as before the import (the snapshot test above put it back).
  await page.goto(`${server.url}#/exchange`);
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  await page.getByLabel('选择要导入的文件').setInputFiles(unitFile);
  const added = `新增：单位「${unitName}」的成果「“党建+网格”议事厅」`;
  const changes = page.getByRole('list', { name: '变化明细' });
  await changes.getByText(added).waitFor();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入 1 个文件').waitFor();
  await page.getByRole('button', { name: '撤销', exact: true }).click();
  await page.getByText(/^已撤销：导入文件/).first().waitFor();
  assert.equal(await backupState(page), beforeImport, 'nothing of the import is left');
  // The same file again: the unit's outcome is new here, not "deleted here".
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
  await page.getByLabel('选择要导入的文件').setInputFiles(unitFile);
  await changes.getByText(added).waitFor();
  assert.equal(await page.getByText('保持删除').count(), 0);
  await page.getByRole('button', { name: '取消', exact: true }).click();
  assert.equal(await backupState(page), beforeImport, 'cancelled: nothing changed');
  assert.deepEqual(page.errors, []);
});

test('a tampered return file is refused and changes nothing', async () => {
  await page.goto(`${server.url}#/exchange`);
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const stored = await storage(page);
  const envelope = JSON.parse(await readFile(unitFile, 'utf8'));
  const content = JSON.parse(envelope.content);
  const first = content.self_sheet.points.findIndex((p) => p !== null);
  content.self_sheet.points[first] = content.self_sheet.points[first] === 1 ? 2 : 1;
  // Edited content, old checksum: the checksum fails.
  const edited = { ...envelope, content: JSON.stringify(content) };
  const checksumPath = join(dir, '改过的报送.json');
  await writeFile(checksumPath, JSON.stringify(edited));
  // Edited content with a recomputed checksum: the signature fails.
  const resealed = { ...edited, checksum: createHash('sha256').update(edited.content, 'utf8').digest('hex') };
  const signaturePath = join(dir, '重算校验值的报送.json');
  await writeFile(signaturePath, JSON.stringify(resealed));
  // Content untouched, the export time moved later (to outweigh a newer file): the
  // signature covers the time, so it fails too.
  const laterPath = join(dir, '改了导出时间的报送.json');
  await writeFile(laterPath, JSON.stringify({ ...envelope, made_at: '2099-01-01T00:00:00Z' }));

  // Record whether the progress bar was shown while the files were read and checked.
  await page.evaluate(() => {
    window.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('progress[aria-label="正在读取和检查文件"]')) window.sawProgress = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByLabel('选择要导入的文件').setInputFiles([checksumPath, signaturePath, laterPath]);
  const verdicts = page.getByRole('list', { name: '文件检查结果' });
  await verdicts.getByRole('listitem').first().waitFor();
  assert.match(await verdicts.getByRole('listitem').filter({ hasText: '改过的报送.json' }).textContent(),
    /未接受。文件内容校验失败/);
  assert.equal(await page.evaluate(() => window.sawProgress), true, 'a progress bar was shown while working');
  assert.match(await verdicts.getByRole('listitem').filter({ hasText: '重算校验值的报送.json' }).textContent(),
    /未接受（未通过验证）。.*签名不正确.*最稳妥的是请对方用工委发给它的任务文件重新导出一份；如确认来源可靠/);
  assert.match(await verdicts.getByRole('listitem').filter({ hasText: '改了导出时间的报送.json' }).textContent(),
    /未接受（未通过验证）。.*签名不正确/);
  assert.equal(await page.getByRole('button', { name: '确认导入' }).isDisabled(), true);
  // The greyed button says why.
  await page.getByText('没有可以导入的文件，本机数据不会改动。').waitFor();
  const override = page.getByLabel('仍然导入未通过验证的文件');
  assert.equal(await override.isChecked(), false);
  // Ticking the override lets the re-signed file through (flagged); the edited one never.
  await override.check();
  await verdicts.getByRole('listitem').filter({ hasText: '未通过验证但选择仍然导入' }).first().waitFor();
  assert.match(await verdicts.getByRole('listitem').filter({ hasText: '改过的报送.json' }).textContent(), /未接受/);
  assert.equal(await page.getByRole('button', { name: '确认导入' }).isDisabled(), false);
  assert.equal(await page.getByText('没有可以导入的文件').count(), 0);
  await page.getByRole('button', { name: '取消' }).click();
  assert.equal(await storage(page), stored, 'nothing was written');
  assert.deepEqual(page.errors, []);
});

test('a return dated ahead by a unit whose computer clock is wrong is refused by name and changes nothing', async () => {
  // The unit's computer says 2027-06-01: its own form takes an outcome of 2027-05-22.
  const unit = await unitBrowser.context.newPage();
  unit.errors = [];
  unit.on('pageerror', (e) => unit.errors.push(String(e)));
  await unit.goto(`${server.url}?clock=2027-06-01#/`);
  await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  await unit.getByLabel('成果名称').fill('时钟快了的成果');
  await unit.getByLabel('成果类别').selectOption({ label: '制度成果' });
  await unit.getByLabel('成果日期').fill('2027-05-22');
  await unit.getByRole('button', { name: '添加成果' }).click();
  await unit.getByRole('list', { name: '本单位的成果' }).getByText('时钟快了的成果（制度成果，2027-05-22').waitFor();
  const ahead = await download(unit, unit.getByRole('button', { name: '导出报送文件' }));
  assert.deepEqual(unit.errors, []);
  await unit.close();

  // The committee on 2026-12-01: refused, the outcome and its date named.
  const desk = await openApp(committee.context, `${server.url}?clock=2026-12-01`, '#/exchange');
  await desk.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const stored = await storage(desk);
  await desk.getByLabel('选择要导入的文件').setInputFiles(ahead.path);
  const verdict = desk.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').first();
  await verdict.waitFor();
  const said = await verdict.textContent();
  assert.match(said, /未接受/);
  assert.match(said, /成果「时钟快了的成果」的日期 2027-05-22 晚于今天（2026-12-01），可能是对方电脑的日期不对/);
  assert.match(said, /请对方改正后重新导出/);
  assert.equal(await desk.getByRole('button', { name: '确认导入' }).isDisabled(), true);
  assert.equal(await storage(desk), stored, 'nothing was written');
  assert.deepEqual(desk.errors, []);
  await desk.close();
});

test('a record changed on both sides is a conflict the person decides', async () => {
  // The committee changes the unit's self-assessment after issuing the task.
  await page.goto(`${server.url}#/rounds/${roundId}/scores/self`);
  const cell = gridCell(page, unitName, IND0);
  await cell.waitFor();
  const held = await cell.inputValue();
  const local = ['3.5', '4', '3'].find((v) => v !== selfValue && v !== held);
  await cell.click();
  await page.keyboard.type(local);
  await page.keyboard.press('Enter');
  await page.goto(`${server.url}#/exchange`);
  await page.getByLabel('选择要导入的文件').setInputFiles(unitFile);
  const conflict = page.getByRole('group', { name: new RegExp(`单位「${unitName}」的自评评分表`) });
  await conflict.waitFor();
  assert.equal(await conflict.getByLabel('保留本机').isChecked(), true, 'the local version is the default');
  assert.deepEqual(await conflict.getByRole('list', { name: '改动内容' }).getByRole('listitem').allTextContents(),
    [`${IND0}：本机 ${local}，文件 ${selfValue}`]);
  await conflict.getByLabel('采用文件').check();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入 1 个文件').waitFor();
  await page.goto(`${server.url}#/results/${roundId}/${unitId}`);
  await page.getByRole('heading', { level: 1, name: `${unitName}得分明细` }).waitFor();
  assert.equal(await breakdownCell(page, IND0, '自评'), selfValue, 'the file version was taken');
  assert.deepEqual(page.errors, []);
});

test('restoring a backup on 数据管理 takes a snapshot first', async () => {
  await page.goto(`${server.url}#/data`);
  await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
  const { path } = await download(page, page.getByRole('button', { name: '导出备份' }));
  await page.getByLabel('选择备份文件').setInputFiles(path);
  await page.getByRole('dialog', { name: '确认从备份恢复' }).getByRole('button', { name: '恢复' }).click();
  await page.getByText('已从备份恢复').waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
  const newest = page.getByRole('list', { name: '快照列表' }).getByRole('listitem').first();
  assert.match(await newest.textContent(), /从备份恢复前：示范点考评-备份/);
  assert.ok(await page.getByRole('list', { name: '快照列表' }).getByRole('listitem').count() <= 5, 'at most five are kept');
});

test('a task file the committee exports again brings its new records into the unit\'s copy, keeping the work changed since the return', async () => {
  // The committee raises a rectification item for the unit after the task went out,
  // and sends the task file again.
  await page.goto(`${server.url}#/rectification`);
  await page.getByRole('button', { name: '登记整改事项' }).click();
  const raise = page.getByRole('form', { name: '登记整改事项' });
  await raise.getByLabel('整改单位').selectOption({ label: unitName });
  await raise.getByLabel('问题描述').fill('结对帮带活动偏少，需补充');
  await raise.getByLabel('整改期限').fill('2027-03-31');
  await raise.getByRole('button', { name: '登记' }).click();
  await page.getByRole('table', { name: '整改事项' }).getByRole('link', { name: '结对帮带活动偏少，需补充' }).waitFor();
  await page.goto(`${server.url}#/exchange`);
  const again = await download(page, page.getByRole('list', { name: '发给单位的任务文件' })
    .getByRole('button', { name: `导出任务文件：${unitName}`, exact: true }));
  // The unit opens it in its copy: the new item comes in, its self-assessment stays.
  const unit = await unitBrowser.context.newPage();
  const errors = [];
  unit.on('pageerror', (e) => errors.push(String(e)));
  await unit.goto(`${server.url}#/`);
  // Since its return (which the committee took in), the unit changed its self-assessment
  // again. The committee holds the returned value: that is the unit's own, come back,
  // not a change of the committee's, so no 冲突 is asked about.
  await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  const selfCell = gridCell(unit, unitName, IND0);
  const later = ['3.5', '3', '4'].find((v) => v !== selfValue);
  await selfCell.click();
  await unit.keyboard.type(later);
  await unit.keyboard.press('Tab');
  await unit.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '导入文件' }).click();
  await unit.getByLabel('选择要导入的文件').setInputFiles(again.path);
  await unit.getByText('工委新增或修改的记录将导入，本副本中已填写的内容保留').waitFor();
  await unit.getByRole('list', { name: '变化明细' }).getByText(/^新增：.*结对帮带活动偏少，需补充/).waitFor();
  assert.equal(await unit.getByRole('group', { name: /自评评分表/ }).count(), 0, 'no conflict on the self-assessment');
  assert.equal(await unit.getByText('两边都改过的记录：选“保留本机”').count(), 0,
    `no conflict at all: ${await unit.getByRole('list', { name: '变化明细' }).innerText()}`);
  await unit.getByRole('button', { name: '确认导入' }).click();
  await unit.getByText(/^已导入 1 个文件/).waitFor();
  await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  await unit.getByText('结对帮带活动偏少，需补充').first().waitFor();
  assert.equal(await gridCell(unit, unitName, IND0).inputValue(), later, 'the later self-assessment is kept');
  assert.deepEqual(errors, []);
});

test('a task file sent again to an assessor brings the committee\'s corrected score into the copy and keeps the assessor\'s own', async () => {
  // The committee corrects the assessor's score for another unit from the paper sheet.
  const otherUnit = await openAssessorGrid();
  const corrected = await retype(otherUnit, IND0);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
  const again = await download(page, page.getByRole('list', { name: '发给评委的任务文件' })
    .getByRole('button', { name: `导出任务文件：${assessorName}`, exact: true }));
  // The assessor takes it into its copy: the correction arrives (it was lost, the
  // round compared whole), and its own score stays.
  const { a, errors } = await assessorTasks();
  const own = await gridCell(a, unitName, IND0).inputValue();
  await a.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '导入文件' }).click();
  await a.getByLabel('选择要导入的文件').setInputFiles(again.path);
  await a.getByRole('list', { name: '变化明细' }).getByText(new RegExp(`^修改：单位「${otherUnit}」的.*评分表`)).waitFor();
  await a.getByRole('button', { name: '确认导入' }).click();
  await a.getByText(/^已导入 1 个文件/).waitFor();
  await a.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  assert.equal(await gridCell(a, otherUnit, IND0).inputValue(), corrected, 'the committee\'s correction');
  assert.equal(await gridCell(a, unitName, IND0).inputValue(), own, 'the assessor\'s own score');
  assert.deepEqual(errors, []);
});

test('an assessor\'s return after the committee changed another score of the same sheet: both kept, and said', async () => {
  // A clerk's review: the committee typed a score from paper into a sheet the assessor
  // had returned; the assessor's next return, correcting another score, was a conflict
  // of the whole sheet, and either choice lost one of the two changes.
  const IND1 = '有创建方案、年度计划和总结';
  const otherUnit = await openAssessorGrid();
  const paper = await retype(otherUnit, IND1);
  // The assessor corrects another score of the same unit and reports again.
  const { a, errors } = await assessorTasks();
  const theirs = gridCell(a, otherUnit, IND0);
  const held = [await theirs.inputValue(), await gridCell(page, otherUnit, IND0).inputValue()];
  const corrected = ['1', '2', '3'].find((v) => !held.includes(v));
  await theirs.click();
  await a.keyboard.type(corrected);
  await a.keyboard.press('Tab');
  const back = await download(a, a.getByRole('button', { name: '导出报送文件' }));
  await a.close();
  // At the committee: a plain change, said as merged; no conflict to choose.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
  await page.getByLabel('选择要导入的文件').setInputFiles(back.path);
  await page.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
  await page.getByText(new RegExp(`单位「${otherUnit}」的评委「${assessorName}」评分表：本机和评委「${assessorName}」改的是不同的分数，导入时合并`)).waitFor();
  assert.equal(await page.getByRole('group', { name: new RegExp(`单位「${otherUnit}」的评委`) }).count(), 0, 'nothing to choose');
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入 1 个文件').waitFor();
  await openAssessorGrid();
  assert.equal(await gridCell(page, otherUnit, IND1).inputValue(), paper, 'the committee\'s entry stays');
  assert.equal(await gridCell(page, otherUnit, IND0).inputValue(), corrected, 'the assessor\'s correction arrives');
  assert.deepEqual([...errors, ...page.errors], []);
});

test('a task file sent again while the assessor changed another score of the same unit: the copy keeps both, and says so', async () => {
  // A clerk's review: the assessor's copy called the whole row changed on both sides
  // and asked for one side; either choice lost one of the two scores.
  const IND1 = '有创建方案、年度计划和总结';
  const otherUnit = await openAssessorGrid();
  const paper = await retype(otherUnit, IND1);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
  const again = await download(page, page.getByRole('list', { name: '发给评委的任务文件' })
    .getByRole('button', { name: `导出任务文件：${assessorName}`, exact: true }));
  const { a, errors } = await assessorTasks();
  const mine = gridCell(a, otherUnit, IND0);
  const typed = other(await mine.inputValue());
  await mine.click();
  await a.keyboard.type(typed);
  await a.keyboard.press('Tab');
  await a.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '导入文件' }).click();
  await a.getByLabel('选择要导入的文件').setInputFiles(again.path);
  await a.getByText(new RegExp(`单位「${otherUnit}」的.*评分表：本机和工委改的是不同的分数，导入时合并`)).waitFor();
  assert.equal(await a.getByRole('group', { name: new RegExp(`单位「${otherUnit}」`) }).count(), 0, 'nothing to choose');
  await a.getByRole('button', { name: '确认导入' }).click();
  await a.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  assert.equal(await gridCell(a, otherUnit, IND0).inputValue(), typed, 'the assessor\'s new score');
  assert.equal(await gridCell(a, otherUnit, IND1).inputValue(), paper, 'the committee\'s correction');
  await a.close();
  assert.deepEqual([...errors, ...page.errors], []);
});

test('a task file sent after the round was published says, in the copy, that the round is over', async () => {
  // 2025's round is published in the sample: a task file sent for it again (a unit
  // asking for its 2025 record) opens on a copy that says so before anything is typed.
  await page.goto(`${server.url}#/exchange`);
  await page.getByLabel('考评轮次').selectOption({ label: '2025年度考评' });
  await page.getByRole('note').filter({ hasText: '本轮结果已经发布' }).waitFor();
  const late = await download(page, page.getByRole('list', { name: '发给单位的任务文件' }).getByRole('button').first());
  const reader = await profile();
  try {
    const unit = await openTask(reader, late.path);
    await unit.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '我的任务' }).click();
    await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
    await unit.getByRole('note').filter({ hasText: '工委已经发布本轮考评结果（这份任务文件是在发布之后发来的）。本轮自评已经结束，不需要再报送' }).waitFor();
    assert.equal(await unit.getByText('请填写本单位的自评分和佐证说明').count(), 0, 'not asked to fill it in');
    assert.deepEqual(unit.errors, []);
  } finally {
    await reader.close();
  }
});

test('a task file exported after a snapshot keeps its access code when that snapshot is restored', async () => {
  await page.goto(`${server.url}#/exchange`);
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  await page.getByLabel('考评轮次').selectOption({ label: '2026年度考评' });
  const units = page.getByRole('list', { name: '发给单位的任务文件' });
  const row = units.getByRole('listitem').filter({ hasText: '尚未导出' }).first();
  const label = (await row.getByRole('button').textContent()).trim();
  await download(page, row.getByRole('button'));
  const sent = units.getByRole('listitem').filter({ has: page.getByRole('button', { name: label, exact: true }) });
  await sent.getByText(/已于 .+ 发放访问码/).waitFor();
  // The newest snapshot was taken before this export.
  const item = page.getByRole('list', { name: '快照列表' }).getByRole('listitem').first();
  await item.getByRole('button', { name: '恢复此快照' }).click();
  await page.getByRole('dialog', { name: '确认恢复快照' }).getByRole('button', { name: '恢复' }).click();
  await page.getByText('已恢复快照').waitFor();
  await page.getByLabel('考评轮次').selectOption({ label: '2026年度考评' });
  await sent.getByText(/已于 .+ 发放访问码/).waitFor();
  assert.deepEqual(page.errors, []);
});
