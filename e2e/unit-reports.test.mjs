// Issue 11, must-show 2 (the unit's side): a unit logs a pairing activity, a progress
// note and its 保障投入 in its own copy; the return file carries them; the committee's
// preview shows them and, once confirmed, the pairing has the activity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { profile, sampleCity, SHOTS } from './harness.mjs';

let server, committee, page, unitBrowser, dir;
before(async () => {
  ({ server, browser: committee, page } = await sampleCity());
  unitBrowser = await profile();
  dir = await mkdtemp(join(tmpdir(), 'exemplar-unit-reports-'));
});
after(async () => {
  await Promise.all([committee?.close(), unitBrowser?.close()]);
  await server?.close();
});

async function download(p, button) {
  const [d] = await Promise.all([p.waitForEvent('download'), button.click()]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return path;
}

/** The site whose copy the tests use, and its pairing's partner (set by the first). */
let site, partner;

/** The committee's task file for the site, exported from 数据交换. */
async function taskFile() {
  await page.goto(server.url + '#/exchange');
  return download(page, page.getByRole('list', { name: '发给单位的任务文件' })
    .getByRole('button', { name: `导出任务文件：${site}`, exact: true }));
}

/** A new page in the unit's browser, its errors collected. */
async function unitPage() {
  const unit = await unitBrowser.context.newPage();
  unit.errors = [];
  unit.on('pageerror', (e) => unit.errors.push(String(e)));
  return unit;
}

const activities = (p) => p.getByRole('table', { name: '结对活动记录' });

test('a unit logs an activity, a progress note and its 保障投入 in its copy; the committee imports them', async () => {
  // The committee: a site with a pairing, and its task file.
  await page.goto(server.url + '#/pairings');
  const first = page.getByRole('table', { name: '结对清单' }).getByRole('link').first();
  site = (await first.textContent()).trim();
  await first.click();
  const heading = await page.getByRole('heading', { level: 1 }).filter({ hasText: '↔' }).textContent();
  partner = heading.split('↔')[1].trim();
  const before = await activities(page).getByRole('rowgroup').last().getByRole('row').count().catch(() => 0);
  // An open item of its own, so that the copy has one to report on.
  await page.goto(server.url + '#/rectification');
  await page.getByRole('button', { name: '登记整改事项' }).click();
  const raise = page.getByRole('form', { name: '登记整改事项' });
  await raise.getByLabel('整改单位').selectOption({ label: site });
  await raise.getByLabel('问题描述').fill('台账不完整，需补录');
  await raise.getByLabel('整改期限').fill('2027-03-31');
  await raise.getByRole('button', { name: '登记' }).click();
  await page.getByRole('table', { name: '整改事项' }).getByRole('link', { name: '台账不完整，需补录' }).waitFor();
  // And one whose deadline has passed (a backlog entered late).
  await page.goto(server.url + '#/');
  await page.goto(server.url + '#/rectification');
  await page.getByRole('button', { name: '登记整改事项' }).click();
  await raise.getByLabel('整改单位').selectOption({ label: site });
  await raise.getByLabel('问题描述').fill('活动记录缺失');
  await raise.getByLabel('整改期限').fill('2026-06-15');
  await raise.getByRole('button', { name: '登记' }).click();
  await page.getByRole('table', { name: '整改事项' }).getByRole('link', { name: '活动记录缺失' }).waitFor();
  const task = await taskFile();

  // The unit, in its own browser.
  const unit = await unitPage();
  await unit.goto(server.url + '#/exchange');
  await unit.getByLabel('选择要导入的文件').setInputFiles(task);
  await unit.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
  await unit.getByRole('button', { name: '确认导入' }).click();
  await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  // A fresh browser had nothing to keep: the message does not speak of a snapshot.
  const opened = unit.getByRole('status').filter({ hasText: '已导入 1 个文件' });
  await opened.waitFor();
  assert.doesNotMatch(await opened.textContent(), /快照/);

  const pair = unit.getByRole('region', { name: `与${partner}的结对` });
  // The unit reads what the pairing is to achieve.
  await pair.getByText('结对目标：共建共享，互学互促，带动结对单位创建示范点').waitFor();
  const log = pair.getByRole('form', { name: '记录结对活动' });
  await log.getByLabel('活动日期').fill('2026-11-20');
  await log.getByLabel('活动形式').selectOption({ label: '现场观摩' });
  await log.getByLabel('活动内容').fill('单位副本中记录的现场观模');
  await log.getByRole('button', { name: '记录活动' }).click();
  await pair.getByText('2026-11-20　现场观摩　单位副本中记录的现场观模').waitFor();
  // A slip is corrected in the copy; the return carries the corrected activity.
  await pair.getByRole('button', { name: '修改活动 2026-11-20 单位副本中记录的现场观模' }).click();
  const fix = pair.getByRole('form', { name: '修改结对活动' });
  assert.equal(await fix.getByLabel('活动日期').inputValue(), '2026-11-20');
  await fix.getByLabel('活动内容').fill('单位副本中记录的现场观摩');
  await fix.getByRole('button', { name: '保存修改' }).click();
  await pair.getByText('2026-11-20　现场观摩　单位副本中记录的现场观摩').waitFor();
  assert.equal(await pair.getByText(/现场观模/).count(), 0);
  assert.equal(await fix.count(), 0, 'the form closes');

  // A progress note on the item the committee raised; it cannot close the item.
  const item = unit.getByRole('region', { name: '整改事项：台账不完整，需补录' });
  await item.getByText('整改期限 2027-03-31，未开始').waitFor();
  assert.equal(await item.getByText(/已逾期/).count(), 0, 'not yet due');
  // The unit sees an item past its deadline as the committee does.
  const late = unit.getByRole('region', { name: '整改事项：活动记录缺失' });
  await late.getByText(/^已逾期\d+天$/).waitFor();
  // Each item's form and button are named after it (two stand on the page).
  const note = unit.getByRole('form', { name: '记录整改进展：台账不完整，需补录', exact: true });
  await late.getByRole('button', { name: '记录进展：活动记录缺失', exact: true }).waitFor();
  await note.getByLabel('进展日期').fill('2026-11-21');
  await note.getByLabel('进展情况').fill('已完成台账补录');
  await note.getByRole('button', { name: '记录进展：台账不完整，需补录', exact: true }).click();
  await item.getByText('2026-11-21：已完成台账补录').waitFor();
  await item.getByText('整改期限 2027-03-31，整改中').waitFor();
  assert.equal(await item.getByRole('button', { name: '销号' }).count(), 0, 'closing is the committee\'s');
  // The unit reports it done; 销号 stays the committee's.
  // Asked first: one click does not report a whole item done.
  await item.getByRole('button', { name: '报告已完成：台账不完整，需补录' }).click();
  const ask = unit.getByRole('dialog', { name: '确认报告整改完成' });
  await ask.getByText('报告「台账不完整，需补录」整改已全部完成？').waitFor();
  await ask.getByRole('button', { name: '取消' }).click();
  await item.getByText('整改期限 2027-03-31，整改中').waitFor();
  await item.getByRole('button', { name: '报告已完成：台账不完整，需补录' }).click();
  await ask.getByRole('button', { name: '报告已完成' }).click();
  await item.getByText('整改期限 2027-03-31，已完成').waitFor();
  await item.getByText('已报告整改完成，待工委核实销号。').waitFor();

  const money = unit.getByRole('form', { name: '保障投入' });
  await money.getByLabel('党建工作经费（万元）').fill('12.5');
  await money.getByLabel('专职党务干部（人）').fill('2');
  // Exported before it is saved: the file would go without it, and the clerk is told.
  let downloaded = false;
  unit.once('download', () => { downloaded = true; });
  await unit.getByRole('button', { name: '导出报送文件' }).click();
  const incomplete = unit.getByRole('dialog', { name: '报送内容还不完整' });
  await incomplete.getByText('以下表单中填写的内容还没有保存，不会进入报送文件：保障投入。请先在各表单点保存（不需要的请清空或取消）。仍要导出吗？').waitFor();
  await incomplete.getByRole('button', { name: '取消' }).click();
  assert.equal(downloaded, false, 'nothing exported');
  assert.equal(await money.getByLabel('党建工作经费（万元）').inputValue(), '12.5', 'what was typed is still there');
  await money.getByLabel('是否有阵地').selectOption({ label: '有' });
  await money.getByLabel('阵地面积（平方米）').fill('120');
  await money.getByRole('button', { name: '保存保障投入' }).click();
  await unit.getByText(/年已填报：党建工作经费 12\.5 万元.*阵地有，120 平方米/).waitFor();
  await unit.reload();
  await pair.getByText('单位副本中记录的现场观摩').waitFor();
  await unit.getByRole('region', { name: `与${partner}的结对` }).scrollIntoViewIfNeeded();
  await unit.screenshot({ path: join(SHOTS, 'unit-reports.png') });
  const returned = await download(unit, unit.getByRole('button', { name: '导出报送文件' }));

  // The committee: the preview shows the pairing, the item and the resources; confirm.
  await page.goto(server.url + '#/exchange');
  await page.getByLabel('选择要导入的文件').setInputFiles(returned);
  await page.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: /已接受.*签名已验证/ }).waitFor();
  const changes = page.getByRole('list', { name: '变化明细' });
  await changes.getByText(`修改：结对「${site}—${partner}」`).waitFor();
  await changes.getByText(new RegExp(`单位「${site}」\\d{4}年保障投入`)).waitFor();
  await changes.getByText(`修改：单位「${site}」的整改事项「台账不完整，需补录」`).waitFor();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入 1 个文件').waitFor();
  // The committee had data: it was kept as a snapshot first, and the message says so.
  assert.match(await page.getByRole('status').filter({ hasText: '已导入 1 个文件' }).textContent(), /导入前的数据已存为快照/);

  await page.goto(server.url + '#/pairings');
  await page.getByRole('table', { name: '结对清单' }).getByRole('link', { name: site, exact: true }).first().click();
  await activities(page).getByRole('cell', { name: '单位副本中记录的现场观摩', exact: true }).waitFor();
  assert.equal(await activities(page).getByRole('rowgroup').last().getByRole('row').count(), before + 1);
  await page.goto(server.url + '#/rectification');
  await page.getByRole('table', { name: '整改事项' }).getByRole('link', { name: '台账不完整，需补录' }).click();
  await page.getByText('2026-11-21：已完成台账补录').waitFor();
  // Reported done by the unit: the committee's 销号 form is there to close it.
  await page.getByRole('definition').filter({ hasText: /^已完成$/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: '标记已完成' }).count(), 0);
  await page.getByRole('form', { name: '销号' }).waitFor();
  assert.deepEqual([...unit.errors, ...page.errors], []);
});

test('a 销号 withdrawn and a deadline moved reach the unit\'s copy with the next task file; its next return is taken', async () => {
  // The committee closes the item the unit reported done, finds it was not, withdraws
  // the 销号 and gives a later deadline; then sends the task file again.
  await page.goto(server.url + '#/rectification');
  await page.getByRole('table', { name: '整改事项' }).getByRole('link', { name: '台账不完整，需补录' }).click();
  const closing = page.getByRole('form', { name: '销号' });
  await closing.getByLabel('销号依据').fill('现场核验台账');
  await closing.getByRole('button', { name: '销号' }).click();
  const reopen = page.getByRole('form', { name: '撤销销号' });
  await reopen.getByLabel('撤销原因').fill('复查发现仍有缺漏');
  await reopen.getByRole('button', { name: '撤销销号' }).click();
  await page.getByRole('button', { name: '修改整改事项' }).click();
  const edit = page.getByRole('form', { name: '修改整改事项' });
  await edit.getByLabel('整改期限').fill('2027-05-31');
  await edit.getByRole('button', { name: '保存修改' }).click();
  await page.getByText(/整改期限由 2027-03-31 调整为 2027-05-31/).waitFor();
  // It also ends the site's pairing.
  await page.goto(server.url + '#/pairings');
  await page.getByRole('table', { name: '结对清单' }).getByRole('link', { name: site, exact: true }).first().click();
  await page.getByRole('button', { name: '修改结对', exact: true }).click();
  const pairing = page.getByRole('form', { name: '修改结对', exact: true });
  await pairing.getByLabel('结对状态').selectOption({ label: '已结束' });
  await pairing.getByLabel('结对结束日期').fill('2026-11-30');
  await pairing.getByRole('button', { name: '保存修改' }).click();
  await page.getByRole('definition').filter({ hasText: '已结束（2026-11-30）' }).waitFor();
  const task = await taskFile();

  // The unit, meanwhile, wrote more progress; then it takes the new task file in.
  const unit = await unitPage();
  await unit.goto(server.url + '#/');
  const item = unit.getByRole('region', { name: '整改事项：台账不完整，需补录' });
  const note = item.getByRole('form', { name: '记录整改进展' });
  await note.getByLabel('进展日期').fill('2026-11-28');
  await note.getByLabel('进展情况').fill('正在补录缺漏');
  await note.getByRole('button', { name: '记录进展' }).click();
  await item.getByText('2026-11-28：正在补录缺漏').waitFor();
  // …and logged an activity before the end it has not heard of.
  const pair = unit.getByRole('region', { name: `与${partner}的结对` });
  const log = pair.getByRole('form', { name: '记录结对活动' });
  await log.getByLabel('活动日期').fill('2026-11-25');
  await log.getByLabel('活动形式').selectOption({ label: '现场观摩' });
  await log.getByLabel('活动内容').fill('结束前的联学');
  await log.getByRole('button', { name: '记录活动' }).click();
  await pair.getByText(/2026-11-25.*结束前的联学/).waitFor();
  await unit.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '导入文件' }).click();
  await unit.getByLabel('选择要导入的文件').setInputFiles(task);
  await unit.getByText(/两边都有新的整改进展，导入时合并/).waitFor();
  // The pairing changed on both sides, in different parts (the committee's end, the
  // unit's activity): both arrive, nothing to choose between.
  await unit.getByText(/^结对「[^」]*」：工委和单位各自改动的内容互不冲突，导入时合并/).waitFor();
  assert.equal(await unit.getByRole('group', { name: /结对/ }).count(), 0, 'no conflict to decide');
  await unit.getByRole('button', { name: '确认导入' }).click();
  await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  // The committee's deadline and 整改中, and both sides' notes.
  await item.getByText('整改期限 2027-05-31，整改中').waitFor();
  await item.getByText(/撤销销号（原销号 .*现场核验台账）：复查发现仍有缺漏/).waitFor();
  await item.getByText('2026-11-28：正在补录缺漏').waitFor();
  await pair.getByText('此结对已于2026-11-30结束，只能补记2026-11-30及以前的活动。').waitFor();
  await pair.getByText(/2026-11-25.*结束前的联学/).waitFor();
  // A self-assessment cell emptied and a note typed but not saved: both said in one
  // question, and one 仍然导出 exports.
  const cell = unit.getByRole('grid').getByRole('textbox').first();
  await cell.fill('');
  await cell.press('Enter');
  await note.getByLabel('进展情况').fill('还没有保存的进展');
  await unit.getByRole('button', { name: '导出报送文件' }).click();
  const ask = unit.getByRole('dialog', { name: '报送内容还不完整' });
  const asked = await ask.textContent();
  assert.match(asked, /以下表单中填写的内容还没有保存，不会进入报送文件：记录整改进展/);
  assert.match(asked, /自评还没有填完：.*仍要导出吗？/);
  const returned = await download(unit, ask.getByRole('button', { name: '仍然导出' }));
  assert.equal(await unit.getByRole('dialog').count(), 0, 'no second question');

  // The committee takes the return: nothing in it is refused, the note comes in.
  await page.goto(server.url + '#/exchange');
  await page.getByLabel('选择要导入的文件').setInputFiles(returned);
  await page.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: /已接受/ }).waitFor();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入 1 个文件').waitFor();
  await page.goto(server.url + '#/rectification');
  await page.getByRole('table', { name: '整改事项' }).getByRole('link', { name: '台账不完整，需补录' }).click();
  await page.getByText('2026-11-28：正在补录缺漏').waitFor();
  await page.getByRole('definition').filter({ hasText: /^整改中$/ }).waitFor();
  await page.goto(server.url + '#/pairings');
  await page.getByRole('table', { name: '结对清单' }).getByRole('link', { name: site, exact: true }).first().click();
  await activities(page).getByRole('cell', { name: '结束前的联学', exact: true }).waitFor();
  assert.deepEqual([...unit.errors, ...page.errors], []);
});

test("the committee corrects one figure of a unit's 保障投入 while the unit changes another: the return keeps both", async () => {
  // The committee corrects the site's 专职党务干部 from paper (the unit reported 2).
  await page.goto(server.url + '#/resources');
  const row = (p) => p.getByRole('table').getByRole('row')
    .filter({ has: p.getByRole('rowheader', { name: site, exact: true }) });
  await row(page).getByRole('button', { name: /^修改 / }).click();
  const fix = page.getByRole('form', { name: '保障投入' });
  assert.equal(await fix.getByLabel('专职党务干部（人）').inputValue(), '2');
  await fix.getByLabel('专职党务干部（人）').fill('3');
  await fix.getByRole('button', { name: '保存保障投入' }).click();
  await page.getByText('已保存保障投入。').waitFor();

  // The unit, not having seen that, raises its 活动经费 and reports again.
  const unit = await unitPage();
  await unit.goto(server.url + '#/');
  const money = unit.getByRole('form', { name: '保障投入' });
  await money.getByLabel('活动经费（万元）').fill('6');
  await money.getByRole('button', { name: '保存保障投入' }).click();
  await unit.getByText(/年已填报：党建工作经费 12\.5 万元，活动经费 6 万元，专职 2 人/).waitFor();
  // Its self-assessment is still incomplete from the test before: asked, it goes on.
  await unit.getByRole('button', { name: '导出报送文件' }).click();
  const ask = unit.getByRole('dialog', { name: '自评还没有填完' });
  const returned = await download(unit, ask.getByRole('button', { name: '仍然导出' }));

  // Each side changed a different figure: merged, nothing for the clerk to choose
  // between (a choice would drop one of the two).
  await page.goto(server.url + '#/exchange');
  await page.getByLabel('选择要导入的文件').setInputFiles(returned);
  await page.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: /已接受/ }).waitFor();
  await page.getByText(new RegExp(`单位「${site.replace(/[()（）.*+?[\]]/g, '\\$&')}」\\d{4}年保障投入：工委和单位各自改动的内容互不冲突，导入时合并`)).waitFor();
  assert.equal(await page.getByRole('group', { name: /保障投入/ }).count(), 0, 'no conflict to decide');
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入 1 个文件').waitFor();
  await page.goto(server.url + '#/resources');
  const cells = (await row(page).getByRole('cell').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(cells.slice(0, 3), ['12.5', '6', '3'], 'the unit\'s 活动经费 and the committee\'s 专职');

  // The same the other way: the committee corrects 专职 again and sends the task file
  // while the unit corrects its 党建工作经费; the unit's copy keeps both.
  await row(page).getByRole('button', { name: /^修改 / }).click();
  await fix.getByLabel('专职党务干部（人）').fill('4');
  await fix.getByRole('button', { name: '保存保障投入' }).click();
  await page.getByText('已保存保障投入。').waitFor();
  const task = await taskFile();
  await unit.goto(server.url + '#/');
  await money.getByLabel('党建工作经费（万元）').fill('13');
  await money.getByRole('button', { name: '保存保障投入' }).click();
  await unit.getByText(/年已填报：党建工作经费 13 万元，活动经费 6 万元，专职 2 人/).waitFor();
  await unit.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '导入文件' }).click();
  await unit.getByLabel('选择要导入的文件').setInputFiles(task);
  await unit.getByText(/年保障投入：工委和单位各自改动的内容互不冲突，导入时合并/).waitFor();
  assert.equal(await unit.getByRole('group', { name: /保障投入/ }).count(), 0, 'no conflict to decide');
  await unit.getByRole('button', { name: '确认导入' }).click();
  await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  await unit.getByText(/年已填报：党建工作经费 13 万元，活动经费 6 万元，专职 4 人/).waitFor();
  assert.deepEqual([...unit.errors, ...page.errors], []);
});

test('keeping its own 党建工作经费 on a conflict, the unit still takes the committee\'s 专职 and is told so', async () => {
  // A clerk's review: after 保留本机 the unit read 修改 0 项、保留本机 1 项 and took it
  // that nothing had changed, while the committee's correction of 专职 had come in.
  await page.goto(server.url + '#/resources');
  const row = (p) => p.getByRole('table').getByRole('row')
    .filter({ has: p.getByRole('rowheader', { name: site, exact: true }) });
  await row(page).getByRole('button', { name: /^修改 / }).click();
  const fix = page.getByRole('form', { name: '保障投入' });
  await fix.getByLabel('专职党务干部（人）').fill('5');
  await fix.getByLabel('党建工作经费（万元）').fill('14');
  await fix.getByRole('button', { name: '保存保障投入' }).click();
  await page.getByText('已保存保障投入。').waitFor();
  const task = await taskFile();
  const unit = await unitPage();
  await unit.goto(server.url + '#/');
  const money = unit.getByRole('form', { name: '保障投入' });
  await money.getByLabel('党建工作经费（万元）').fill('15');
  await money.getByRole('button', { name: '保存保障投入' }).click();
  await unit.getByText(/年已填报：党建工作经费 15 万元，活动经费 6 万元，专职 4 人/).waitFor();
  await unit.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '导入文件' }).click();
  await unit.getByLabel('选择要导入的文件').setInputFiles(task);
  const conflict = unit.getByRole('group', { name: /保障投入/ });
  await conflict.waitFor();
  assert.equal(await conflict.getByLabel('保留本机').isChecked(), true, 'the local version is the default');
  // The figure both changed is to choose; the committee's 专职 comes in either way,
  // and is said (a clerk's review: a one-sided figure went in unlisted).
  assert.deepEqual(await conflict.getByRole('list', { name: '改动内容' }).getByRole('listitem').allTextContents(),
    ['党建工作经费（万元）：本机 15，文件 14', '（无论选哪边都导入）专职党务干部（人）：本机 4 → 文件 5'], 'only the figure both changed is to choose');
  await unit.getByRole('button', { name: '确认导入' }).click();
  await unit.getByText('保留本机 1 项（其中 1 项同时导入了文件中的其他修改，即只有工委改过的项目和工委的办理情况）').waitFor();
  await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
  await unit.getByText(/年已填报：党建工作经费 15 万元，活动经费 6 万元，专职 5 人/).waitFor();
  assert.deepEqual([...unit.errors, ...page.errors], []);
});
