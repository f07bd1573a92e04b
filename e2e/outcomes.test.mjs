// 成果: from an empty browser, a unit scoring 100 is 良好 for want of a recognised
// innovation outcome, and the results are published; the committee registers, files,
// answers and recognises its outcome on 成果, and 结果 shows 优秀 and that the published
// results changed; taking the recognition back (with a reason that stays in the history)
// shows 良好 again, as published. And with the sample city: the library lists,
// searches, filters, sorts, exports and opens an outcome. By role and label only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { serve, profile, openApp, sampleCity, SHOTS, paste, printToPdf } from './harness.mjs';

let server;
before(async () => { server = await serve(); await mkdir(SHOTS, { recursive: true }); });
after(async () => { await server?.close(); });

// The built-in default scheme's 22 indicators at full points: a total of 100.
const MAX = [4, 4, 4, 3, 5, 3, 3, 4, 8, 6, 6, 8, 6, 6, 6, 5, 4, 4, 3, 3, 3, 2];
const D1_1 = '党组（党委）专题研究示范点建设每年不少于2次，书记履行第一责任人职责';
const UNIT = '市审计局机关党支部';
const TITLE = '“审计+党建”融合工作法';
const NO_INNOVATION = '总分100达到优秀分数线，但2026年度无经认定的创新成果，评为良好';


/** The unit's grade cell in the ranking on 结果. */
async function gradeOnResults(page) {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '结果', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '结果' }).waitFor();
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '总分' }) });
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: UNIT, exact: true }) });
  const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
  // The row header is not a cell: the first column is 排名, a cell too.
  return { total: cells[headers.indexOf('总分')], grade: cells[headers.indexOf('等次')] };
}

/** Waits until `check` resolves true (5 s at most). */
async function until(check, what) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.fail(`timed out waiting for: ${what}`);
}

async function openOutcome(page) {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '成果', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '成果' }).waitFor();
  await page.getByRole('table', { name: '成果清单' }).getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
}

test('recognising an innovation outcome on 成果 lifts a unit with 100 points to 优秀; taking it back returns 良好', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/units');
    const nav = page.getByRole('navigation', { name: '主导航' });

    // A unit, a round of the built-in default scheme with one assessor, full points.
    const unitForm = page.getByRole('form', { name: '添加单位' });
    await unitForm.getByLabel('名称', { exact: true }).fill(UNIT);
    await unitForm.getByLabel('系统/行业', { exact: true }).fill('经济监督系统');
    await unitForm.getByLabel('入选年份', { exact: true }).fill('2025');
    await unitForm.getByRole('button', { name: '添加单位' }).click();
    await page.getByText(`已添加单位「${UNIT}」`).waitFor();

    await nav.getByRole('link', { name: '考评', exact: true }).click();
    const newRound = page.getByRole('form', { name: '新建考评' });
    await newRound.getByLabel('年度').fill('2026');
    const scheme = newRound.getByLabel('考评方案');
    const builtIn = (await scheme.getByRole('option').allTextContents()).find((o) => o.includes('内置默认方案'));
    assert.ok(builtIn, 'the built-in scheme is offered when there is none');
    await scheme.selectOption({ label: builtIn });
    await newRound.getByLabel('评委姓名').fill('王评委');
    await newRound.getByRole('button', { name: '创建考评' }).click();
    await page.getByRole('heading', { level: 1, name: '2026年度考评' }).waitFor();
    await page.getByRole('link', { name: '录入评分：王评委' }).click();
    const grid = page.getByRole('grid', { name: '评分表' });
    await grid.getByRole('textbox', { name: `${UNIT} ${D1_1}`, exact: true }).click();
    await paste(page, MAX.join('\t') + '\r\n');
    await page.getByText(/已粘贴 \d+ 个单元格/).last().waitFor();

    // 良好, and why; the results are published as they stand.
    let r = await gradeOnResults(page);
    assert.equal(r.total, '100');
    assert.match(r.grade, /^良好/);
    assert.ok(r.grade.includes(NO_INNOVATION), r.grade);
    await page.getByRole('button', { name: '发布结果' }).click();
    await page.getByRole('dialog', { name: '确认发布结果' }).getByRole('button', { name: '发布' }).click();
    await page.getByRole('button', { name: '撤销发布' }).waitFor();
    const changed = page.getByRole('alert').filter({ hasText: '本轮结果发布后，评分、加减分或成果认定有改动' });

    // 成果: register the unit's outcome.
    await nav.getByRole('link', { name: '成果', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '成果' }).waitFor();
    await page.getByText('还没有成果').waitFor();
    await page.getByRole('button', { name: '登记新成果' }).click();
    const reg = page.getByRole('form', { name: '登记成果' });
    // The form opened on request takes the keyboard at its first field.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '所属单位');
    await reg.getByLabel('所属单位').selectOption({ label: UNIT });
    // Registered without a name: the name is marked, described by the message, and
    // the keyboard goes to it; the unit chosen is not marked.
    await reg.getByRole('button', { name: '登记', exact: true }).click();
    const noTitle = reg.getByRole('alert').filter({ hasText: '请填写成果名称' });
    await noTitle.waitFor();
    assert.equal(await reg.getByLabel('成果名称').getAttribute('aria-invalid'), 'true');
    assert.equal(await reg.getByLabel('成果名称').getAttribute('aria-describedby'), await noTitle.getAttribute('id'));
    assert.equal(await reg.getByLabel('所属单位').getAttribute('aria-invalid'), null);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '成果名称');
    await reg.getByLabel('成果名称').fill(TITLE);
    await reg.getByLabel('成果日期').fill('2026-04-10');
    await reg.getByLabel('成果类别').selectOption({ label: '实践成果' });
    await reg.getByRole('group', { name: '创新类型' }).getByRole('checkbox', { name: '方法创新' }).check();
    await reg.getByLabel('成果简介').fill('把党建嵌入审计项目全过程，临时党支部建在项目上');
    await reg.getByLabel('佐证材料').fill('2026年审计项目党建台账，第12页，党办档案柜');
    await reg.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText(`已登记成果「${TITLE}」`).waitFor();
    await page.getByRole('status').filter({ hasText: '共 1 项成果' }).waitFor();
    await openOutcome(page);
    const facts = page.getByRole('definition');
    await facts.filter({ hasText: '2026年审计项目党建台账，第12页，党办档案柜' }).waitFor();

    // The record can be corrected.
    await page.getByRole('button', { name: '修改成果' }).click();
    const edit = page.getByRole('form', { name: '修改成果' });
    assert.equal(await edit.getByLabel('成果名称').inputValue(), TITLE);
    await edit.getByLabel('成果简介').fill('把党建嵌入审计项目全过程，临时党支部建在审计组上');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存成果的修改').waitFor();
    await facts.filter({ hasText: '临时党支部建在审计组上' }).waitFor();

    // Steps out of order are not offered; each step is checked.
    assert.equal(await page.getByRole('form', { name: '认定为创新成果' }).count(), 0, 'no 认定 before 备案 and 反馈');
    const fileForm = page.getByRole('form', { name: '备案' });
    await fileForm.getByLabel('备案日期').fill('2026-04-01');
    await fileForm.getByLabel('备案编号').fill('备〔2026〕3号');
    await fileForm.getByRole('button', { name: '备案' }).click();
    await fileForm.getByRole('alert').filter({ hasText: '备案的日期 2026-04-01 早于成果日期 2026-04-10' }).waitFor();
    // The date at fault is marked and has the keyboard (a clerk's review: the steps'
    // forms marked nothing).
    assert.equal(await fileForm.getByLabel('备案日期').getAttribute('aria-invalid'), 'true');
    assert.equal(await fileForm.getByLabel('备案编号').getAttribute('aria-invalid'), null);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '备案日期');
    await fileForm.getByLabel('备案日期').fill('2026-04-20');
    await fileForm.getByRole('button', { name: '备案' }).click();
    await page.getByText('已办理“备案”').waitFor();
    const fb = page.getByRole('form', { name: '反馈' });
    await fb.getByLabel('反馈日期').fill('2026-05-06');
    await fb.getByLabel('反馈意见').fill('做法扎实，可在审计系统交流');
    await fb.getByRole('button', { name: '反馈' }).click();
    await page.getByText('已办理“反馈”').waitFor();
    const rec = page.getByRole('form', { name: '认定为创新成果' });
    await rec.getByLabel('认定日期').fill('2026-05-20');
    await rec.getByRole('button', { name: '认定' }).click();
    await rec.getByRole('alert').filter({ hasText: '认定须填写认定文件的文号' }).waitFor();
    // Another form changes the outcome meanwhile: the refusal, about the outcome as it
    // stood, goes (a clerk's review: it stayed beside the new state).
    await page.getByRole('button', { name: '修改成果' }).click();
    await edit.getByLabel('成果简介').fill('把党建嵌入审计项目全过程，临时党支部建在审计组上。');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存成果的修改').waitFor();
    await rec.getByRole('alert').waitFor({ state: 'detached' });
    assert.equal(await rec.getByLabel('认定文号').getAttribute('aria-invalid'), null);
    await rec.getByLabel('认定日期').fill('2026-05-20');
    await rec.getByLabel('认定文号').fill('市直工委〔2026〕21号');
    await rec.getByRole('button', { name: '认定' }).click();
    // The published 良好 becomes 优秀: asked first, naming both (a clerk's review: it
    // changed with a toast alone). 取消 takes nothing.
    const ask = page.getByRole('dialog', { name: '确认认定' });
    await ask.getByText(`${UNIT}在2026年度考评中的等次将由“良好”变为“优秀”。该轮结果已发布，认定后与已发给各单位的不同，需在“结果”页重新发布。`).waitFor();
    await ask.getByRole('button', { name: '取消' }).click();
    assert.equal(await page.getByText('已办理“认定”').count(), 0);
    await rec.getByRole('button', { name: '认定' }).click();
    await ask.getByRole('button', { name: '认定' }).click();
    await page.getByText('已办理“认定”').waitFor();
    // Recognised, its date cannot take it into another year (a grade would change).
    await page.getByRole('button', { name: '修改成果' }).click();
    await edit.getByLabel('成果日期').fill('2025-12-28');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await edit.getByRole('alert').filter({ hasText: '计入 2026 年度的“优秀”条件' }).waitFor();
    // Its unit is shown, not offered: a change would only be refused on saving.
    assert.equal(await edit.getByLabel('所属单位').count(), 0);
    await edit.getByText(`所属单位：${UNIT}`).waitFor();
    await edit.getByRole('button', { name: '取消' }).click();
    // Handled, it cannot be deleted either: the steps are the committee's records. No
    // button that would only be refused; the way is said instead.
    await page.getByText('工委已办理备案或认定的成果不能删除；如确是登记错了，请先撤销办理到“登记”，再删除。').waitFor();
    assert.equal(await page.getByRole('button', { name: '删除成果' }).count(), 0);

    // 结果: 优秀, and the breakdown says which outcome counts.
    r = await gradeOnResults(page);
    assert.equal(r.grade, '优秀');
    await changed.waitFor();
    await page.getByRole('link', { name: UNIT, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `${UNIT}得分明细` }).waitFor();
    await facts.filter({ hasText: `2026年度经认定的创新成果：「${TITLE}」（认定文号：市直工委〔2026〕21号，2026-05-20认定）` }).waitFor();
    // The report card lists the unit's outcomes of the year with their stage.
    await page.getByRole('link', { name: '考评报告' }).click();
    await page.getByRole('heading', { level: 1, name: `${UNIT} 2026年度考评报告` }).waitFor();
    const cardRow = page.getByRole('table', { name: '本年度成果' }).getByRole('row').filter({ hasText: TITLE });
    assert.deepEqual((await cardRow.getByRole('cell').allInnerTexts()).map((t) => t.trim()),
      [TITLE, '2026-04-10', '实践成果', '已反馈', '已认定为创新成果']);
    await facts.filter({ hasText: `2026年度经认定的创新成果：「${TITLE}」` }).waitFor();

    // Take the recognition back, with a reason, after a confirmation.
    await openOutcome(page);
    await page.getByRole('button', { name: '撤销认定' }).click();
    const dialog = page.getByRole('dialog', { name: '确认撤销认定' });
    assert.match(await dialog.textContent(), /不再计入当年度“优秀”/);
    // It names the grade it changes; back to what was published, no republishing asked.
    assert.match(await dialog.textContent(), new RegExp(`${UNIT}在2026年度考评中的等次将由“优秀”变为“良好”。`));
    assert.doesNotMatch(await dialog.textContent(), /重新发布/);
    await dialog.getByRole('button', { name: '撤销认定' }).click();
    await dialog.getByRole('alert').filter({ hasText: '撤销须填写理由' }).waitFor();
    await dialog.getByLabel('撤销理由').fill('经复核，与上年度已认定成果重复');
    await dialog.getByRole('button', { name: '撤销认定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('已撤销认定').waitFor();
    const history = page.getByRole('table', { name: '成果履历' }).getByRole('rowgroup').last().getByRole('row');
    const lines = [];
    for (const row of await history.all()) lines.push((await row.getByRole('cell').allInnerTexts()).map((t) => t.trim()));
    assert.deepEqual(lines.map((l) => l[1]), ['登记', '备案', '反馈', '认定', '撤销认定']);
    assert.deepEqual(lines[3].slice(2, 4), ['工委', '市直工委〔2026〕21号'], 'the recognition stays in the history');
    assert.deepEqual(lines[4].slice(3, 5), ['—', '经复核，与上年度已认定成果重复（所撤销的为 市直工委〔2026〕21号）'], 'the number undone is not the withdrawal\'s own');

    r = await gradeOnResults(page);
    assert.match(r.grade, /^良好/);
    assert.ok(r.grade.includes(NO_INNOVATION), r.grade);
    await page.getByRole('status').filter({ hasText: /本轮结果已于 .* 发布/ }).waitFor();
    assert.equal(await changed.count(), 0, 'back to what was published');

    // Everything is stored: after a reload the history is still there.
    await openOutcome(page);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    assert.equal(await history.count(), 5);

    // The same outcome registered again under another date is taken but pointed out;
    // deleted after a confirmation, back on the list.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '成果', exact: true }).click();
    await page.getByRole('button', { name: '登记新成果' }).click();
    const again = page.getByRole('form', { name: '登记成果' });
    await again.getByLabel('所属单位').selectOption({ label: UNIT });
    await again.getByLabel('成果名称').fill(TITLE);
    await again.getByLabel('成果日期').fill('2026-04-11');
    await again.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '共 2 项成果' }).waitFor();
    await page.getByText(`「${UNIT}」已有一项同名成果「${TITLE}」（成果日期 2026-04-10），可能是同一项成果登记了两次`).waitFor();
    await page.getByRole('table', { name: '成果清单' }).getByRole('row').filter({ hasText: '2026-04-11' })
      .getByRole('link', { name: TITLE }).click();
    await page.getByRole('button', { name: '删除成果' }).click();
    const confirmDelete = page.getByRole('dialog', { name: '确认删除成果' });
    await confirmDelete.getByText(`将删除成果「${TITLE}」（2026-04-11）`).waitFor();
    assert.doesNotMatch(await confirmDelete.textContent(), /办理记录/, 'none taken on this one');
    await confirmDelete.getByRole('button', { name: '删除' }).click();
    await page.getByText(`已删除成果「${TITLE}」。删除前的数据已存为快照`).waitFor();
    await page.getByRole('heading', { level: 1, name: '成果' }).waitFor();
    await page.getByRole('status').filter({ hasText: '共 1 项成果' }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('the sample city: the library lists, searches, filters, sorts, exports and opens an outcome', async () => {
  const { server: s2, browser, page } = await sampleCity();
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    // 概览 counts the year's outcomes by kind and stage.
    await page.goto(page.url().replace(/#.*$/, '#/'));
    const counts = page.getByRole('table', { name: '2026年度成果按类别和阶段' });
    const heads = (await counts.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(heads, ['类别', '已登记', '已备案', '已反馈', '本系统推广', '市直机关推介', '合计']);
    const sum = (await counts.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '合计' }) })
      .getByRole('cell').allInnerTexts()).map(Number);
    assert.equal(sum.slice(0, 5).reduce((a, b) => a + b, 0), sum[5], 'the stages add up to the total');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '成果', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '成果' }).waitFor();
    const status = page.getByRole('status').filter({ hasText: /^共 \d+ 项成果/ });
    const total = Number((await status.textContent()).match(/共 (\d+) 项成果/)[1]);
    const rows = page.getByRole('table', { name: '成果清单' }).getByRole('rowgroup').last().getByRole('row');
    assert.ok(total > 60, `the sample has more outcomes than a table draws whole (${total})`);
    // A long library draws the rows in its frame; the table says how many it has.
    const table = page.getByRole('table', { name: '成果清单' });
    assert.equal(await table.getAttribute('aria-rowcount'), String(total + 1));
    const drawn = await rows.count();
    assert.ok(drawn > 10 && drawn < total, `the rows in view drawn (${drawn} of ${total})`);
    await page.getByRole('button', { name: '关闭提示' }).click();
    await page.screenshot({ path: join(SHOTS, 'outcomes.png') });
    // Scrolled to the bottom, the frame draws the last rows.
    const frameTop = () => table.evaluate((t) => t.parentElement.scrollTop);
    await table.evaluate((t) => { t.parentElement.scrollTop = t.parentElement.scrollHeight; });
    await until(async () => (await rows.last().getAttribute('aria-rowindex')) === String(total + 1), 'the last row drawn');
    assert.ok((await frameTop()) > 0);

    const search = page.getByRole('search', { name: '查找成果' });
    const col = async (name) => {
      const headers = (await page.getByRole('table', { name: '成果清单' }).getByRole('columnheader').allInnerTexts())
        .map((h) => h.replace(/[▲▼]/g, '').trim());
      return headers.indexOf(name);
    };
    const column = async (name) => {
      const i = await col(name);
      return rows.evaluateAll((trs, i) => trs.map((tr) => tr.cells[i].innerText.trim()), i);
    };

    // Search by title.
    await search.getByLabel('搜索成果').fill('工作法');
    await status.filter({ hasText: '符合条件的' }).waitFor();
    const titles = await column('成果名称');
    assert.ok(titles.length > 0 && titles.length < total);
    for (const t of titles) assert.ok(t.includes('工作法'), t);
    // A search shows its first rows, from the top.
    assert.equal(await rows.first().getAttribute('aria-rowindex'), '2');
    assert.equal(await frameTop(), 0);
    await search.getByLabel('搜索成果').fill('');
    await status.filter({ hasText: new RegExp(`^共 ${total} 项成果$`) }).waitFor();

    // Filters: stage, then recognised on top of it.
    await search.getByLabel('阶段', { exact: true }).selectOption({ label: '市直机关推介' });
    await status.filter({ hasText: '符合条件的' }).waitFor();
    for (const s of await column('阶段')) assert.equal(s, '市直机关推介');
    for (const d of await column('反馈至推介天数')) assert.match(d, /^\d+$/, 'days from 反馈 to 推介');
    const promoted = await rows.count();
    await search.getByLabel('认定', { exact: true }).selectOption({ label: '已认定' });
    await until(async () => (await column('认定')).every((s) => s === '已认定'), 'only recognised ones');
    assert.ok((await rows.count()) <= promoted);
    await search.getByLabel('认定', { exact: true }).selectOption({ label: '全部' });
    await search.getByLabel('阶段', { exact: true }).selectOption({ label: '全部' });
    await search.getByLabel('年度', { exact: true }).selectOption({ label: '2025年' });
    await status.filter({ hasText: '符合条件的' }).waitFor();
    for (const d of await column('日期')) assert.ok(d.startsWith('2025-'), d);
    // Printed: numbered A4 landscape pages under a title that names the filter.
    await search.getByLabel('认定', { exact: true }).selectOption({ label: '已认定' });
    await page.locator('.print-title').filter({ hasText: '成果清单（2025年度，已认定，截至' }).waitFor({ state: 'attached' });
    const printed = await printToPdf(page);
    assert.ok(printed.width > printed.height, `landscape (${printed.width} x ${printed.height})`);
    assert.match(printed.text, /成果清单（2025年度，已认定，截至\d{4}年\d{1,2}月\d{1,2}日）/);
    assert.doesNotMatch(printed.text, /搜索成果/, 'the filters themselves are not printed');
    await search.getByLabel('认定', { exact: true }).selectOption({ label: '全部' });
    await search.getByLabel('年度', { exact: true }).selectOption({ label: '全部' });
    assert.match(await page.locator('.print-title').textContent(), /^成果清单（全部，截至\d{4}年\d{1,2}月\d{1,2}日）$/);

    // Sorting: newest first by default; 日期 again flips it.
    const dateHeader = page.getByRole('columnheader', { name: '日期' });
    assert.equal(await dateHeader.getAttribute('aria-sort'), 'descending');
    let dates = await column('日期');
    assert.deepEqual(dates, [...dates].sort().reverse());
    await dateHeader.getByRole('button').click();
    assert.equal(await dateHeader.getAttribute('aria-sort'), 'ascending');
    dates = await column('日期');
    assert.deepEqual(dates, [...dates].sort());
    // Printing draws every row (here: every date, in order), and then the rows in view.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await until(async () => (await rows.count()) === total, 'every row drawn for printing');
    dates = await column('日期');
    assert.deepEqual(dates, [...dates].sort());
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await until(async () => (await rows.count()) < total, 'back to the rows in view');

    // Export the list as CSV with a byte-order mark.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出成果清单' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^成果库-\d{8}-\d{4}\.csv$/);
    const text = (await readFile(await download.path())).toString('utf8');
    // The columns of the year's 成果 workbook (报表), the path's dates and numbers among them.
    assert.ok(text.startsWith('\ufeff单位,系统/行业,成果名称,类别,创新类型,日期,阶段,备案日期,备案编号,反馈日期,反馈意见,本系统推广日期,市直机关推介日期,认定为创新成果,认定日期,认定文号,反馈至推介天数,表彰/奖励\r\n'), text.slice(0, 200));
    assert.equal(text.trim().split('\r\n').length, total + 1);

    // Open a promoted outcome: the whole record and its dated history.
    await search.getByLabel('阶段', { exact: true }).selectOption({ label: '市直机关推介' });
    await status.filter({ hasText: '符合条件的' }).waitFor();
    const link = rows.first().getByRole('link');
    const title = (await link.textContent()).trim();
    await link.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const history = page.getByRole('table', { name: '成果履历' }).getByRole('rowgroup').last().getByRole('row');
    const whats = await history.evaluateAll((trs) => trs.map((tr) => tr.cells[1].innerText.trim()));
    for (const w of ['登记', '备案', '反馈', '本系统推广', '市直机关推介']) assert.ok(whats.includes(w), `${w} in ${whats}`);
    await page.getByRole('definition').filter({ hasText: /^\d+ 天$/ }).waitFor();
    await page.getByRole('button', { name: '撤销市直机关推介' }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await s2.close();
  }
});

// Must-show 2: a unit's copy registers an outcome with evidence references and writes
// 佐证说明 for two indicators; the committee imports the return and sees both.
const D1_2 = '有创建方案、年度计划和总结';

test("a unit's copy registers an outcome with evidence and writes 佐证说明; both reach the committee", async () => {
  const { server: s3, browser: committee, page } = await sampleCity();
  const unitBrowser = await profile();
  const dir = await mkdtemp(join(tmpdir(), 'exemplar-outcomes-'));
  const download = async (p, button) => {
    const [d] = await Promise.all([p.waitForEvent('download'), button.click()]);
    const path = join(dir, d.suggestedFilename());
    await d.saveAs(path);
    return path;
  };
  try {
    // The committee sends the first unit its task file.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换' }).click();
    const unitButton = page.getByRole('list', { name: '发给单位的任务文件' }).getByRole('button').first();
    const unitName = (await unitButton.textContent()).replace('导出任务文件：', '');
    const taskFile = await download(page, unitButton);
    const task = JSON.parse(JSON.parse(await readFile(taskFile, 'utf8')).content);
    const [roundId, unitId] = [task.round.id, task.unit.id];

    // The unit opens it in its own browser.
    const unit = await openApp(unitBrowser.context, s3.url, '#/exchange');
    await unit.getByLabel('选择要导入的文件').setInputFiles(taskFile);
    await unit.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
    await unit.getByRole('button', { name: '确认导入' }).click();
    await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();

    // An outcome with evidence references, then corrected once.
    const add = unit.getByRole('form', { name: '添加成果' });
    await add.getByLabel('成果名称').fill('“码上议”线上议事平台');
    await add.getByLabel('成果日期').fill('2026-05-18');
    await add.getByLabel('成果类别').selectOption({ label: '实践成果' });
    await add.getByRole('group', { name: '创新类型' }).getByRole('checkbox', { name: '载体创新' }).check();
    await add.getByLabel('成果简介').fill('扫码参与支部议事，意见当天分办');
    await add.getByLabel('佐证材料').fill('议事平台运行台账，第1—6页，党办档案柜\n支部委员会会议纪要（2026年第5次），第2页');
    await add.getByRole('button', { name: '添加成果' }).click();
    const mine = unit.getByRole('list', { name: '本单位的成果' });
    await mine.getByText('“码上议”线上议事平台（实践成果，2026-05-18，已登记）').waitFor();
    await mine.getByText('佐证材料：议事平台运行台账，第1—6页，党办档案柜；支部委员会会议纪要（2026年第5次），第2页').waitFor();
    await mine.getByRole('button', { name: '修改 “码上议”线上议事平台' }).click();
    const edit = unit.getByRole('dialog', { name: /^修改成果/ });
    await edit.getByLabel('成果简介').fill('扫码参与支部议事，意见当天分办、三天反馈');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await edit.waitFor({ state: 'detached' });
    // One the committee has already taken further (反馈 given): its name, category,
    // date and types are shown, not offered; its description can still be changed.
    const settled = mine.getByRole('listitem').filter({ hasText: /，已反馈）/ }).first();
    await settled.getByRole('button', { name: /^修改 / }).click();
    const fixed = unit.getByRole('dialog', { name: /^修改成果/ });
    await fixed.getByRole('note').filter({ hasText: '只能由工委修改' }).waitFor();
    assert.equal(await fixed.getByText('成果名称和成果日期必须填写').count(), 0);
    assert.equal(await fixed.getByRole('textbox', { name: '成果名称' }).count(), 0);
    assert.equal(await fixed.getByRole('term').filter({ hasText: '成果名称' }).count(), 1);
    await fixed.getByLabel('成果简介').waitFor();
    await fixed.getByRole('button', { name: '取消' }).click();
    await fixed.waitFor({ state: 'detached' });

    // 佐证说明 for two indicators, each saved when its box is left: the second is still
    // in its box when the page is reloaded, and is kept all the same.
    const notes = unit.getByRole('region', { name: '佐证说明' });
    await notes.getByLabel(`佐证说明：${D1_1}`).fill('党组会议纪要（2026年第3、7次），第4页、第2页');
    await notes.getByLabel(`佐证说明：${D1_1}`).press('Tab');
    await notes.getByLabel(`佐证说明：${D1_2}`).fill('创建方案及年度计划，党办文件盒A-12');
    await unit.reload();
    await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
    assert.equal(await notes.getByLabel(`佐证说明：${D1_1}`).inputValue(), '党组会议纪要（2026年第3、7次），第4页、第2页');
    assert.equal(await notes.getByLabel(`佐证说明：${D1_2}`).inputValue(), '创建方案及年度计划，党办文件盒A-12');
    // 逐个单位录入 shows the same notes beside the scores, and one changed there is
    // what the list shows after switching back (one copy of each note, never two).
    await unit.getByRole('button', { name: '逐个单位录入' }).click();
    const beside = unit.getByLabel(`佐证说明：${D1_1}`);
    assert.equal(await beside.count(), 1);
    assert.equal(await beside.inputValue(), '党组会议纪要（2026年第3、7次），第4页、第2页');
    await beside.fill('党组会议纪要（2026年第3、7、9次），第4页、第2页');
    await beside.press('Tab');
    await unit.getByRole('button', { name: '表格录入' }).click();
    assert.equal(await notes.getByLabel(`佐证说明：${D1_1}`).inputValue(), '党组会议纪要（2026年第3、7、9次），第4页、第2页');
    assert.equal(await notes.getByLabel(`佐证说明：${D1_2}`).inputValue(), '创建方案及年度计划，党办文件盒A-12');
    const returnFile = await download(unit, unit.getByRole('button', { name: '导出报送文件' }));
    assert.deepEqual(unit.errors, []);

    // The committee imports the return: the preview names the outcome and the sheet.
    await page.getByLabel('选择要导入的文件').setInputFiles(returnFile);
    await page.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
    const changes = page.getByRole('list', { name: '变化明细' });
    await changes.getByText(`新增：单位「${unitName}」的成果「“码上议”线上议事平台」`).waitFor();
    await changes.getByText(/^修改：.*评分表/).first().waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入 1 个文件').waitFor();

    // 成果: the outcome with its evidence, registered by the unit.
    await page.goto(`${s3.url}#/outcomes`);
    await page.getByRole('search', { name: '查找成果' }).getByLabel('搜索成果').fill('码上议');
    await page.getByRole('table', { name: '成果清单' }).getByRole('link', { name: '“码上议”线上议事平台' }).click();
    await page.getByRole('heading', { level: 1, name: '“码上议”线上议事平台' }).waitFor();
    await page.getByRole('definition').filter({ hasText: '意见当天分办、三天反馈' }).waitFor();
    const evidence = page.getByRole('definition').getByRole('listitem');
    assert.deepEqual(await evidence.allTextContents(), ['议事平台运行台账，第1—6页，党办档案柜', '支部委员会会议纪要（2026年第5次），第2页']);
    const first = page.getByRole('table', { name: '成果履历' }).getByRole('rowgroup').last().getByRole('row').first();
    // Registered by the unit (dated, as every registration is, by the outcome's date),
    // said to have come in its return, not read from old records.
    assert.deepEqual((await first.getByRole('cell').allInnerTexts()).slice(0, 3).map((t) => t.trim()), ['2026-05-18', '登记', unitName]);
    assert.match(await first.textContent(), /单位登记，随报送文件交来/);

    // The committee files it (备案). The unit, not having seen that, corrects its
    // evidence and reports again: the file is not refused for a 备案日期 it never
    // touched, and the two changes, which do not meet, are merged (no conflict to
    // decide, whose default would drop the correction).
    const fileForm = page.getByRole('form', { name: '备案' });
    await fileForm.getByLabel('备案日期').fill('2026-06-01');
    await fileForm.getByLabel('备案编号').fill('备〔2026〕921号');
    await fileForm.getByRole('button', { name: '备案' }).click();
    await page.getByText('已办理“备案”').waitFor();
    await mine.getByRole('button', { name: '修改 “码上议”线上议事平台' }).click();
    await edit.getByLabel('佐证材料').fill('议事平台运行台账，第1—8页，党办档案柜');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await edit.waitFor({ state: 'detached' });
    const second = await download(unit, unit.getByRole('button', { name: '导出报送文件' }));
    await page.goto(`${s3.url}#/exchange`);
    await page.getByLabel('选择要导入的文件').setInputFiles(second);
    const verdict = page.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').first();
    await verdict.filter({ hasText: '已接受' }).waitFor();
    assert.doesNotMatch(await verdict.textContent(), /备案日期|未接受/);
    await page.getByText(/“码上议”线上议事平台」：工委和单位各自改动的内容互不冲突，导入时合并/).waitFor();
    assert.equal(await page.getByRole('group', { name: /“码上议”线上议事平台/ }).count(), 0, 'no conflict to decide');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入 1 个文件').waitFor();
    await page.goto(`${s3.url}#/outcomes`);
    await page.getByRole('search', { name: '查找成果' }).getByLabel('搜索成果').fill('码上议');
    await page.getByRole('table', { name: '成果清单' }).getByRole('link', { name: '“码上议”线上议事平台' }).click();
    await page.getByRole('heading', { level: 1, name: '“码上议”线上议事平台' }).waitFor();
    assert.deepEqual(await evidence.allTextContents(), ['议事平台运行台账，第1—8页，党办档案柜']);
    await page.getByRole('definition').filter({ hasText: '备〔2026〕921号' }).waitFor();
    // The task sent again brings the filing into the unit's copy; what it typed stays.
    await page.goto(`${s3.url}#/exchange`);
    const again = await download(page, page.getByRole('list', { name: '发给单位的任务文件' })
      .getByRole('button', { name: `导出任务文件：${unitName}`, exact: true }));
    await unit.goto(`${s3.url}#/exchange`);
    await unit.getByLabel('选择要导入的文件').setInputFiles(again);
    await unit.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
    await unit.getByRole('button', { name: '确认导入' }).click();
    await unit.getByText(/已导入 1 个文件/).first().waitFor();
    await unit.goto(`${s3.url}#/`);
    await unit.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
    await mine.getByText('“码上议”线上议事平台（实践成果，2026-05-18，已备案）').waitFor();
    await mine.getByText('佐证材料：议事平台运行台账，第1—8页，党办档案柜').waitFor();

    // 结果: the unit's breakdown shows the two notes.
    await page.goto(`${s3.url}#/results/${roundId}/${unitId}`);
    await page.getByRole('heading', { level: 1, name: `${unitName}得分明细` }).waitFor();
    const shown = page.getByRole('definition');
    await shown.filter({ hasText: '党组会议纪要（2026年第3、7、9次），第4页、第2页' }).waitFor();
    await shown.filter({ hasText: '创建方案及年度计划，党办文件盒A-12' }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await unitBrowser.close();
    await committee.close();
    await s3.close();
  }
});

// Session 30's review: an outcome of a unit dated after it left the programme, and a
// 备案编号 that another outcome already has, are refused by name and record nothing.
test('with the sample city: an outcome after its unit left and a 备案编号 used twice are refused', async () => {
  const { server: s4, browser, page } = await sampleCity();
  try {
    const left = '市信访局办公室党支部';
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '成果', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '成果' }).waitFor();
    const total = (await page.getByRole('status').filter({ hasText: /共 \d+ 项成果/ }).first().textContent()).match(/共 (\d+) 项/)[1];
    await page.getByRole('button', { name: '登记新成果' }).click();
    const reg = page.getByRole('form', { name: '登记成果' });
    await reg.getByLabel('所属单位').selectOption({ label: `${left}（已退出）` });
    await reg.getByLabel('成果名称').fill('退出后的成果');
    await reg.getByLabel('成果日期').fill('2026-11-01');
    await reg.getByLabel('成果类别').selectOption({ label: '实践成果' });
    await reg.getByRole('group', { name: '创新类型' }).getByRole('checkbox', { name: '方法创新' }).check();
    await reg.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: new RegExp(`单位「${left}」已于 \\d{4}-\\d{2}-\\d{2} 退出示范点建设，2026-11-01 的成果不在示范点建设之列`) }).waitFor();
    await page.getByRole('status').filter({ hasText: `共 ${total} 项成果` }).waitFor();
    // From before it left, registered late: fine.
    await reg.getByLabel('成果日期').fill('2026-01-20');
    await reg.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('已登记成果「退出后的成果」').waitFor();

    await page.getByRole('search', { name: '查找成果' }).getByLabel('搜索成果').fill('退出后的成果');
    await page.getByRole('table', { name: '成果清单' }).getByRole('link', { name: '退出后的成果' }).click();
    await page.getByRole('heading', { level: 1, name: '退出后的成果' }).waitFor();
    const fileForm = page.getByRole('form', { name: '备案' });
    await fileForm.getByLabel('备案日期').fill('2026-02-01');
    await fileForm.getByLabel('备案编号').fill('备〔2026〕5号');
    await fileForm.getByRole('button', { name: '备案' }).click();
    await page.getByRole('alert').filter({ hasText: '备案编号「备〔2026〕5号」已用于单位「' }).waitFor();
    assert.equal(await page.getByRole('table', { name: '成果履历' }).getByText('备〔2026〕5号').count(), 0, 'not filed');
    await fileForm.getByLabel('备案编号').fill('备〔2026〕95号');
    await fileForm.getByRole('button', { name: '备案' }).click();
    await page.getByText('已办理“备案”').waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await s4.close();
  }
});
