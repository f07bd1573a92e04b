// 发布结果: the committee publishes a round on 结果, which is what lets 数据交换 export
// the results file for units and assessors; a round with nothing graded is refused
// and changes nothing; publication can be withdrawn. Found by role and label only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { sampleCity, profile, openApp } from './harness.mjs';

let server, browser, page, dir, resultsFile;
before(async () => {
  ({ server, browser, page } = await sampleCity());
  dir = await mkdtemp(join(tmpdir(), 'exemplar-publish-'));
});
after(async () => { await browser?.close(); await server?.close(); });

// The stored data; typed text kept for a closed tab (`.drafts.left.`) is not data.
const storage = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => !k.includes('.drafts.left.')).sort()));
const nav = (name) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();

test('the latest round is not published: 数据交换 has no results file to export', async () => {
  await nav('数据交换');
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  await page.getByText('本轮结果尚未发布').waitFor();
  assert.equal(await page.getByRole('button', { name: '导出结果' }).count(), 0);
});

test('publish on 结果 after a confirmation; it stays published after a reload', async () => {
  await nav('结果');
  await page.getByRole('heading', { level: 1, name: '结果' }).waitFor();
  await page.getByRole('button', { name: '发布结果' }).click();
  const dialog = page.getByRole('dialog', { name: '确认发布结果' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /将发布「2026年度考评」的结果：\d+ 个单位的排名、得分和等次/);
  // The sample round has lifecycle proposals still open: the confirmation mentions them.
  assert.match(await dialog.textContent(), /另有 \d+ 条“动态管理建议”尚未确认或不采纳/);
  await dialog.getByRole('button', { name: '发布', exact: true }).click();
  const status = page.getByRole('status').filter({ hasText: /^本轮结果已于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 发布。/ });
  await status.waitFor();
  await page.reload();
  await status.waitFor();
  assert.equal(await page.getByRole('button', { name: '撤销发布' }).count(), 1);
});

test('数据交换 then exports the results file: every unit of the round, in ranking order', async () => {
  await page.getByRole('link', { name: '去数据交换导出结果文件' }).click();
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出结果' }).click()]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  resultsFile = path;
  const file = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(file.kind, 'results');
  const content = JSON.parse(file.content);
  assert.equal(content.round_name, '2026年度考评');
  // The same number of units as the ranking on 结果.
  await nav('结果');
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '总分' }) });
  await table.waitFor();
  const units = await table.getByRole('rowgroup').nth(1).getByRole('row').count();
  const firstUnit = (await table.getByRole('rowgroup').nth(1).getByRole('row').first().getByRole('link').textContent()).trim();
  assert.ok(units > 30, `${units} units`);
  assert.equal(content.rows.length, units, 'one row per unit of the ranking');
  assert.ok(JSON.stringify(content.rows[0]).includes(firstUnit), `the first row is the first-ranked unit ${firstUnit}`);
});

test('a blank browser opens the results file: told what was saved, shown the table with the publication date', async () => {
  const other = await profile();
  try {
    const p = await openApp(other.context, server.url, '#/exchange');
    await p.getByLabel('选择要导入的文件').setInputFiles(resultsFile);
    // A blank browser has no committee key to check the signature against: refused
    // until the person takes it anyway (a task copy checks it; see docs/exchange-format.md).
    await p.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '无法核实' }).waitFor();
    await p.getByLabel('仍然导入未通过验证的文件').check();
    await p.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
    await p.getByRole('button', { name: '确认导入' }).click();
    await p.getByRole('status').filter({ hasText: /^已保存考评轮次「2026年度考评」的发布结果（\d+ 个单位），可在“我的任务”中查看/ }).waitFor();
    // Taken in unverified: said again once imported (a clerk's review).
    await p.getByRole('status').filter({ hasText: /其中「[^」]+」未通过身份核对，是按您的选择导入的，请向对方核实。/ }).waitFor();
    const table = p.getByRole('table', { name: '2026年度考评结果' });
    await table.waitFor();
    assert.match(await table.locator('caption').textContent(), /^2026年度考评（发布于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d）$/);
    // A grade the total alone does not explain carries its reason (e.g. 96.17 and 良好).
    const noted = table.getByRole('row').filter({ hasText: '达到优秀分数线' });
    assert.ok(await noted.count() > 0, 'a unit whose total reached the 优秀 line reads why it is 良好');
    assert.match(await noted.first().textContent(), /良好（总分[\d.]+达到优秀分数线，但2026年度无经认定的创新成果，评为良好）/);
    assert.deepEqual(p.errors, []);
  } finally {
    await other.close();
  }
});

test("a unit's task copy that receives the results leads with them on 我的任务", async () => {
  await nav('数据交换');
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const unitButton = page.getByRole('list', { name: '发给单位的任务文件' }).getByRole('button').first();
  const unitName = (await unitButton.textContent()).replace('导出任务文件：', '');
  const [d] = await Promise.all([page.waitForEvent('download'), unitButton.click()]);
  const taskFile = join(dir, d.suggestedFilename());
  await d.saveAs(taskFile);

  const other = await profile();
  try {
    const p = await openApp(other.context, server.url, '#/exchange');
    const importFile = async (file) => {
      await p.getByLabel('选择要导入的文件').setInputFiles(file);
      await p.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
      await p.getByRole('button', { name: '确认导入' }).click();
    };
    await importFile(taskFile);
    const taskNav = p.getByRole('navigation', { name: '任务导航' });
    await taskNav.waitFor();
    await p.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
    // Sent after publication, the task says at once that the round is over, before
    // its results file comes in.
    await p.getByRole('note').filter({ hasText: '工委已经发布本轮考评结果（这份任务文件是在发布之后发来的）' }).waitFor();
    assert.equal(await p.getByText('请填写本单位的自评分和佐证说明').count(), 0);
    // A unit's copy is not the committee's: no sample city to load over it.
    await taskNav.getByRole('link', { name: '数据管理' }).click();
    await p.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
    assert.equal(await p.getByRole('button', { name: '载入示例数据' }).count(), 0);

    await taskNav.getByRole('link', { name: '导入文件' }).click();
    await importFile(resultsFile);
    await taskNav.getByRole('link', { name: '我的任务' }).click();
    const note = p.getByRole('note').filter({ hasText: '工委已发布本轮考评结果' });
    await note.waitFor();
    assert.equal(await p.getByText('请填写本单位的自评分和佐证说明').count(), 0, 'no longer asked to fill in');
    // The results come first: the table stands above the self-assessment.
    const table = p.getByRole('table', { name: '2026年度考评结果' });
    const own = table.getByRole('row').filter({ hasText: `${unitName}（本单位）` });
    assert.equal(await own.count(), 1);
    // Why a grade is what it is (a veto's reason, say) is shown on the unit's own row
    // only; the blank browser above read every row's.
    const noted = table.getByRole('row').filter({ hasText: /（.*评为.*）/ });
    assert.ok(await noted.count() <= 1, `${await noted.count()} rows with a reason`);
    if (await noted.count() === 1) assert.match(await noted.textContent(), /（本单位）/);
    // Another unit's grade that a rule decided (a veto, the 优秀 conditions) is marked
    // ※ with a footnote, so a lower grade above a higher one is not taken for a slip.
    const marked = table.getByRole('row').filter({ hasText: '※' });
    assert.ok(await marked.count() >= 1, 'the sample has grades a rule decided');
    for (const row of await marked.all()) assert.doesNotMatch(await row.textContent(), /评为/);
    await p.getByText(/^※ 等次按考评办法的有关规定确定/).waitFor();
    // The self-assessment is folded away below it, for reference, and opens on request.
    const folded = p.locator('details', { hasText: '本单位的自评和佐证说明（本轮已结束；更正须先与工委联系）' });
    const tableTop = (await table.boundingBox()).y;
    const foldTop = (await folded.boundingBox()).y;
    assert.ok(tableTop < foldTop, `results (${tableTop}) above the folded 自评 (${foldTop})`);
    assert.equal(await p.getByRole('heading', { level: 2, name: '自评' }).isVisible(), false, 'folded');
    await folded.locator('summary').click();
    await p.getByRole('heading', { level: 2, name: '自评' }).waitFor();
    assert.ok(await p.getByRole('grid').isVisible(), 'the grid is there to look at');
    assert.equal(await p.getByRole('table', { name: '2026年度考评结果' }).count(), 1, 'shown once');
    assert.deepEqual(p.errors, []);
  } finally {
    await other.close();
  }
  // The committee's page goes back to 结果, where the next test starts.
  await nav('结果');
  await page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '总分' }) }).waitFor();
});

test('a veto recorded after publishing: 结果 says so, the results file waits for 重新发布', async () => {
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '总分' }) });
  await table.getByRole('rowgroup').nth(1).getByRole('row').first().getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: /得分明细$/ }).waitFor();
  const form = page.getByRole('group', { name: '加减分和一票否决' });
  const select = form.getByLabel('项目');
  const veto = (await select.getByRole('option').filter({ hasNotText: '分）' }).last().textContent()).trim();
  await select.selectOption({ label: veto });
  await form.getByLabel('加减分说明').fill('发布后核实的情况');
  await form.getByRole('button', { name: '添加' }).click();
  await page.getByRole('dialog', { name: '确认一票否决' }).getByRole('button', { name: '登记一票否决' }).click();
  await form.getByRole('button', { name: `删除 ${veto}` }).waitFor();
  // The breakdown says so on screen too (a clerk's review: it was said only on paper).
  await page.getByRole('note').filter({ hasText: '的结果发布后又有改动' }).waitFor();

  await nav('结果');
  await page.getByRole('alert').filter({ hasText: '现在的结果与已发布的不同' }).waitFor();
  // 报表 (and the 通报 and cards made from it) shows the new figures: it says they are
  // not what was published.
  const changedNote = page.getByRole('note').filter({ hasText: '的结果发布后又有改动' });
  await nav('报表');
  await page.getByRole('heading', { level: 2, name: '五个问题' }).waitFor();
  await changedNote.waitFor();
  // And the round's own page.
  await nav('考评');
  await page.getByRole('table', { name: '考评轮次' }).getByRole('link').first().click();
  await changedNote.waitFor();
  await nav('数据交换');
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  // Said where the export is, before any click, with the way to 结果 (a clerk's
  // review: the button seemed to do nothing, its refusal far above, out of sight).
  const refusal = page.getByRole('note').filter({ hasText: '请先在“结果”页重新发布，再导出结果文件' });
  await refusal.waitFor();
  assert.equal(await page.getByRole('button', { name: '导出结果' }).count(), 0);
  await refusal.getByRole('link', { name: '去“结果”页' }).click();
  await page.getByRole('button', { name: '重新发布' }).waitFor();

  await nav('结果');
  await page.getByRole('button', { name: '重新发布' }).click();
  await page.getByRole('dialog', { name: '确认发布结果' }).getByRole('button', { name: '发布', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /^本轮结果已于 .* 发布。/ }).waitFor();
  assert.equal(await page.getByRole('alert').filter({ hasText: '现在的结果与已发布的不同' }).count(), 0);
  await nav('报表');
  await page.getByRole('heading', { level: 2, name: '五个问题' }).waitFor();
  assert.equal(await changedNote.count(), 0, 'published again: 报表 is what was published');
  await nav('结果');
});

test('a published round\'s score grid and adjustments say a change needs 重新发布', async () => {
  const hint = page.getByRole('note').filter({ hasText: '本轮结果已发布。在这里的修改不会自动进入已发布的结果' });
  await nav('考评');
  const link = page.getByRole('table', { name: '考评轮次' }).getByRole('link').first();
  const round = (await link.textContent()).trim();
  await link.click();
  await page.getByRole('heading', { level: 1, name: round, exact: true }).waitFor();
  await page.getByRole('link', { name: /^录入评分：/ }).first().click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^${round} 评分录入：`) }).waitFor();
  await hint.waitFor();
  await page.getByRole('link', { name: round, exact: true }).click();
  await page.getByRole('link', { name: '批量登记加减分' }).click();
  await page.getByRole('heading', { level: 1, name: '批量登记加减分' }).waitFor();
  await hint.waitFor();
  await nav('结果');
  await page.getByRole('heading', { level: 1, name: '结果' }).waitFor();
});

test('withdraw publication after a confirmation', async () => {
  await page.getByRole('button', { name: '撤销发布' }).click();
  const dialog = page.getByRole('dialog', { name: '确认撤销发布' });
  assert.match(await dialog.textContent(), /已经发出的结果文件不会被收回/);
  await dialog.getByRole('button', { name: '撤销发布' }).click();
  await page.getByRole('button', { name: '发布结果' }).waitFor();
  await nav('数据交换');
  await page.getByText('本轮结果尚未发布').waitFor();
});

test('a round with nothing graded is refused with a message and nothing changes', async () => {
  await nav('考评');
  const form = page.getByRole('form', { name: '新建考评' });
  await form.getByLabel('评委姓名').fill('张三\n李四');
  await form.getByRole('button', { name: '创建考评' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
  await nav('结果');
  await page.getByRole('heading', { level: 1, name: '结果' }).waitFor();
  const select = page.getByLabel('考评轮次', { exact: true });
  // A round set up ahead for next year is not the one 结果 opens with.
  assert.equal(await select.evaluate((s) => s.selectedOptions[0].textContent), '2026年度考评');
  await select.selectOption({ label: '2027年度考评' });
  await page.waitForFunction(() => document.querySelector('#results-round')?.selectedOptions[0]?.textContent === '2027年度考评');
  await page.getByRole('button', { name: '发布结果' }).waitFor();
  const before = await storage();
  await page.getByRole('button', { name: '发布结果' }).click();
  await page.getByRole('alert').filter({ hasText: '「2027年度考评」还没有评定任何单位，没有可发布的结果' }).waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'no confirmation for a refused publication');
  assert.equal(await storage(), before, 'local storage is byte-identical');
});

// Session 30's review: a scheme whose round has task files out is kept as it is (an
// edit is a new version, so the files sent still read back), and the link from a
// published round opens 数据交换 on that round, not on the newest.
test('with a 2027 round sent out: its scheme edited is a new version; 2026 published leads to its own export', async () => {
  // A scheme of its own for 2027, copied from the scored 2026 one.
  await nav('考评方案');
  await page.getByRole('heading', { level: 1, name: '考评方案' }).waitFor();
  const source = page.getByRole('row').filter({ has: page.getByRole('link', { name: /^2026年度/ }) }).first();
  await source.getByRole('button', { name: '复制为新方案' }).click();
  const copy = page.getByRole('dialog', { name: '复制为新方案' });
  await copy.getByLabel('新方案年度').fill('2027');
  await copy.getByRole('button', { name: '复制' }).click();
  const copied = (await page.getByText(/复制为「2027年度[^」]*」/).textContent()).match(/复制为「([^」]+)」/)[1];

  // The 2027 round (nothing scored) moves to it; a task file goes to an assessor.
  await nav('考评');
  await page.getByRole('link', { name: '2027年度考评' }).click();
  await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
  await page.getByText('更换考评方案', { exact: true }).click();
  const choice = page.getByLabel('改用的考评方案');
  const value = await choice.evaluate((el, name) => [...el.options].find((o) => o.text.startsWith(`${name}（第1版）`))?.value, copied);
  assert.ok(value, `${copied} is offered`);
  await choice.selectOption(value);
  await page.getByRole('button', { name: '更换方案', exact: true }).click();
  await page.getByRole('dialog', { name: '确认更换考评方案' }).getByRole('button', { name: '更换方案' }).click();
  await page.getByText(`「2027年度考评」已改用${copied}（第1版）`).waitFor();
  await nav('数据交换');
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  await page.getByLabel('考评轮次').selectOption({ label: '2027年度考评' });
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('list', { name: '发给评委的任务文件' }).getByRole('button').first().click(),
  ]);
  assert.match(d.suggestedFilename(), /\.json$/);

  // Its scheme is edited: said beforehand, saved as 第2版; the round keeps 第1版.
  await nav('考评方案');
  await page.getByRole('link', { name: copied, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: copied }).waitFor();
  await page.getByRole('note').filter({ hasText: '使用此方案的考评已发出 1 份任务文件，保存将生成新版本（第 2 版）' }).waitFor();
  await page.getByLabel('方案名称').fill(`${copied}（修订）`);
  await page.getByRole('button', { name: '保存方案' }).click();
  await page.getByRole('status').filter({ hasText: '使用此方案的考评已发出 1 份任务文件，修改已保存为新版本（第 2 版）' }).waitFor();
  await page.getByText('2027年度考评仍按第 1 版评分').waitFor();
  await nav('考评');
  await page.getByRole('link', { name: '2027年度考评' }).click();
  await page.getByText(`${copied}（第1版）`).first().waitFor();

  // 2026 published: its link opens 数据交换 on 2026, with the results ready to export.
  await nav('结果');
  const select = page.getByLabel('考评轮次', { exact: true });
  await select.selectOption({ label: '2026年度考评' });
  await page.getByRole('button', { name: '发布结果' }).click();
  await page.getByRole('dialog', { name: '确认发布结果' }).getByRole('button', { name: '发布', exact: true }).click();
  await page.getByRole('link', { name: '去数据交换导出结果文件' }).click();
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  assert.equal(await page.getByLabel('考评轮次').evaluate((s) => s.selectedOptions[0].textContent), '2026年度考评');
  await page.getByRole('button', { name: '导出结果' }).waitFor();
  assert.deepEqual(page.errors, []);
});
