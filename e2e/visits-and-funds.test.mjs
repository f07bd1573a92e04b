// 督导 and 保障投入 as a clerk meets them, by role and label (session 29's review):
// - from an empty browser: a visit dated before the unit entered is refused by name, one
//   dated tomorrow is refused, the same unit visited twice on one day is asked about, a
//   保障投入 figure above its limit is refused without a question first, and a 保障投入
//   half typed survives a visit to another page;
// - with the sample city: rows pasted under a header with only two amount columns
//   update those two and keep the unit's other figures; the 得分明细 page prints
//   without the committee's 类型 judgement; the printed 名册 shows no plaque for a
//   摘牌 unit, as the exported one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { serve, profile, openApp, sampleCity, printToPdf } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

const nav = (page, name) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();

const UNIT = '市林业局机关党支部';

test('a visit before entry is refused, a second visit on the same day is asked about, and 保障投入 is checked and kept', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await page.goto(`${server.url}?clock=2027-06-01#/units`);
    const add = page.getByRole('form', { name: '添加单位' });
    await add.getByLabel('名称', { exact: true }).fill(UNIT);
    await add.getByLabel('组织类型', { exact: true }).selectOption('党支部');
    await add.getByLabel('入选年份', { exact: true }).fill('2027');
    await add.getByRole('button', { name: '添加单位' }).click();
    await page.getByRole('link', { name: UNIT, exact: true }).waitFor();

    // A year typed wrong: refused, by name, and nothing is recorded.
    await nav(page, '督导');
    await page.getByRole('button', { name: '登记督导' }).click();
    const form = page.getByRole('form', { name: '登记督导' });
    // No unit is chosen for the clerk (a clerk's review: the first on the roster was,
    // and a visit saved without choosing went to it).
    assert.equal(await form.getByLabel('督导单位').evaluate((s) => s.selectedOptions[0].textContent), '请选择单位');
    await form.getByLabel('督导人员').fill('工委组织部 张三');
    await form.getByRole('button', { name: '保存督导记录' }).click();
    await form.getByRole('alert').filter({ hasText: '请选择单位' }).waitFor();
    assert.equal(await page.getByRole('article').count(), 0);
    await form.getByLabel('督导单位').selectOption({ label: UNIT });
    await form.getByLabel('督导日期').fill('2026-10-01');
    await form.getByLabel('督导人员').fill('工委组织部 张三');
    await form.getByRole('button', { name: '保存督导记录' }).click();
    await form.getByRole('alert').filter({ hasText: `单位「${UNIT}」是2027年入选的，2026-10-01还不在示范点建设之列` }).waitFor();
    assert.equal(await page.getByRole('article').count(), 0);
    // Tomorrow (by the clerk's calendar) has not happened yet: refused, nothing recorded.
    await form.getByLabel('督导日期').fill('2027-06-02');
    await form.getByRole('button', { name: '保存督导记录' }).click();
    await form.getByRole('alert').filter({ hasText: '督导的日期 2027-06-02 晚于今天' }).waitFor();
    assert.equal(await page.getByRole('article').count(), 0);
    await form.getByLabel('督导日期').fill('2027-05-10');
    await form.getByRole('button', { name: '保存督导记录' }).click();
    const visit = page.getByRole('article', { name: `2027-05-10 督导（${UNIT}）` });
    await visit.waitFor();

    // The same unit on the same day again: asked first; 取消 records nothing.
    await page.getByRole('button', { name: '登记督导' }).click();
    await form.getByLabel('督导单位').selectOption({ label: UNIT });
    await form.getByLabel('督导日期').fill('2027-05-10');
    await form.getByLabel('督导人员').fill('工委组织部 张三');
    await form.getByRole('button', { name: '保存督导记录' }).click();
    const asked = page.getByRole('dialog', { name: '同一天已有督导记录' });
    await asked.getByText(`已有一条同一天督导该单位的记录：2027-05-10 督导（${UNIT}，工委组织部 张三）`).waitFor();
    await asked.getByRole('button', { name: '取消' }).click();
    assert.equal(await page.getByRole('article').count(), 1);
    // Another visit that day after all: saved once confirmed.
    await form.getByRole('button', { name: '保存督导记录' }).click();
    await asked.getByRole('button', { name: '仍然保存' }).click();
    await page.getByText('已登记督导记录。').waitFor();
    assert.equal(await page.getByRole('article').count(), 2);

    // 保障投入 above its limit: refused at once, no 数额很大 question first.
    await nav(page, '保障投入');
    await page.getByRole('button', { name: '登记保障投入' }).click();
    const entry = page.getByRole('form', { name: '保障投入' });
    await entry.getByLabel('党建工作经费（万元）').fill('100001');
    await entry.getByRole('button', { name: '保存保障投入' }).click();
    await entry.getByRole('alert').filter({ hasText: '党建工作经费「100001」超过上限（100000 万元），没有保存' }).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0, 'no question before the refusal');

    // Half typed, the clerk looks at 督导 and comes back: the form is open with it.
    await entry.getByLabel('党建工作经费（万元）').fill('5');
    await entry.getByLabel('专职党务干部（人）').fill('2');
    await nav(page, '督导');
    await page.getByRole('heading', { level: 1, name: '督导' }).waitFor();
    await nav(page, '保障投入');
    await entry.getByText('已恢复您上次离开时尚未保存的内容').waitFor();
    assert.equal(await entry.getByLabel('党建工作经费（万元）').inputValue(), '5');
    assert.equal(await entry.getByLabel('专职党务干部（人）').inputValue(), '2');
    await entry.getByRole('button', { name: '保存保障投入' }).click();
    await page.getByText('已保存保障投入。').waitFor();
    // Saved, it is not offered again.
    await nav(page, '督导');
    await nav(page, '保障投入');
    await page.getByRole('heading', { level: 1, name: /保障投入/ }).waitFor();
    assert.equal(await entry.count(), 0);

    // 修改 with typing, then 登记保障投入: asked first; 取消 keeps the typing.
    const edit = page.getByRole('button', { name: `修改 ${UNIT} 2027年` });
    await edit.click();
    await entry.getByLabel('备注').fill('新建活动室');
    await page.getByRole('button', { name: '登记保障投入' }).click();
    const switching = page.getByRole('dialog', { name: '放弃未保存的内容' });
    await switching.getByRole('button', { name: '取消' }).click();
    assert.equal(await entry.getByLabel('备注').inputValue(), '新建活动室');
    // Given up, the other form opens and the typing does not come back by itself.
    await page.getByRole('button', { name: '登记保障投入' }).click();
    await switching.getByRole('button', { name: '放弃并打开' }).click();
    await entry.getByRole('combobox', { name: '单位' }).waitFor();
    await entry.getByRole('button', { name: '取消' }).click();
    await nav(page, '督导');
    await nav(page, '保障投入');
    await page.getByRole('heading', { level: 1, name: /保障投入/ }).waitFor();
    assert.equal(await entry.count(), 0, 'nothing reopens by itself');
    // Deleting the entry its open 修改 is about closes that form.
    await edit.click();
    await entry.getByLabel('备注').fill('将被删除');
    await page.getByRole('button', { name: `删除 ${UNIT} 2027年` }).click();
    // It says how to get it back, as every other deletion does (a clerk's review).
    assert.match(await page.getByRole('dialog', { name: '确认删除保障投入' }).textContent(), /删除后可点“撤销”找回/);
    await page.getByRole('dialog', { name: '确认删除保障投入' }).getByRole('button', { name: '删除' }).click();
    await page.getByText('已删除保障投入记录。').waitFor();
    assert.equal(await entry.count(), 0);
    // 从表格粘贴 closed with its own button is put away: it does not reopen.
    await page.getByRole('button', { name: '从表格粘贴' }).click();
    const paste = page.getByRole('form', { name: '从表格粘贴保障投入' });
    await paste.getByLabel('粘贴的表格内容').fill(`${UNIT}\t1\t1\t1\t1\t无\t`);
    await page.getByRole('button', { name: '从表格粘贴' }).click();
    assert.equal(await paste.count(), 0);
    await nav(page, '督导');
    await nav(page, '保障投入');
    await page.getByRole('heading', { level: 1, name: /保障投入/ }).waitFor();
    assert.equal(await paste.count(), 0, 'the closed paste does not come back');

    // A visit moved by 修改 onto a day the unit was visited already: asked too.
    await nav(page, '督导');
    await page.getByRole('button', { name: '登记督导' }).click();
    await form.getByLabel('督导单位').selectOption({ label: UNIT });
    await form.getByLabel('督导日期').fill('2027-05-20');
    await form.getByLabel('督导人员').fill('工委组织部 李四');
    await form.getByRole('button', { name: '保存督导记录' }).click();
    const later = page.getByRole('article', { name: `2027-05-20 督导（${UNIT}）` });
    await later.getByRole('button', { name: /^修改督导记录/ }).click();
    const fix = later.getByRole('form', { name: '修改督导记录' });
    await fix.getByLabel('督导日期').fill('2027-05-10');
    await fix.getByRole('button', { name: '保存修改' }).click();
    await asked.getByText(/^已有一条同一天督导该单位的记录：2027-05-10 督导/).waitFor();
    await asked.getByRole('button', { name: '取消' }).click();
    assert.equal(await page.getByRole('article', { name: `2027-05-10 督导（${UNIT}）` }).count(), 2);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('with the sample city: a paste of two amount columns keeps the rest; prints keep judgements and returned plaques off', async () => {
  const { server: s, browser, page } = await sampleCity();
  try {
    // The sample's withdrawn unit: a 督导 after it left is refused, nothing recorded.
    await nav(page, '督导');
    // Counted once the records are drawn.
    await page.getByRole('article').first().waitFor();
    const visits = await page.getByRole('article').count();
    await page.getByRole('button', { name: '登记督导' }).click();
    const form = page.getByRole('form', { name: '登记督导' });
    await form.getByLabel('督导单位').selectOption({ label: '市信访局办公室党支部（已退出）' });
    await form.getByLabel('督导日期').fill('2026-11-01');
    await form.getByLabel('督导人员').fill('工委组织部 张三');
    await form.getByRole('button', { name: '保存督导记录' }).click();
    await form.getByRole('alert').filter({ hasText: '单位「市信访局办公室党支部」已于 2026-03-12 退出示范点建设，此后已不是示范点，不能登记 2026-11-01 的督导' }).waitFor();
    assert.equal(await page.getByRole('article').count(), visits);
    // The date is the field to check: marked, and the keyboard is on it.
    assert.equal(await form.getByLabel('督导日期').getAttribute('aria-invalid'), 'true');
    const dateBox = await form.getByLabel('督导日期').elementHandle();
    await page.waitForFunction((el) => document.activeElement === el, dateBox);
    await form.getByRole('button', { name: '取消' }).click();
    // Printed with a year chosen: numbered pages, and the paper says which records.
    await page.getByRole('search', { name: '筛选督导记录' }).getByLabel('督导年度').selectOption({ label: '2026年' });
    const printed = await printToPdf(page);
    assert.match(printed.text, /（督导年度：2026年）/);
    assert.match(printed.text, /第 1 页，共 \d+ 页/);
    assert.doesNotMatch(printed.text, /登记督导|筛选督导记录/);
    // Filtered, the print is about those records: not the list of sites unvisited.
    assert.doesNotMatch(printed.text, /未督导的单位/);
    await rm(printed.dir, { recursive: true, force: true });
    await page.getByRole('search', { name: '筛选督导记录' }).getByLabel('督导年度').selectOption({ label: '全部' });

    await nav(page, '保障投入');
    const money = page.getByRole('table', { name: /年度各单位保障投入对比$/ });
    await money.getByRole('rowheader').first().waitFor();
    const row = money.getByRole('rowgroup').nth(1).getByRole('row').first();
    const unit = (await row.getByRole('rowheader').innerText()).trim();
    const before = (await row.getByRole('cell').allTextContents()).slice(0, 6).map((t) => t.trim());
    // Pasted under a header of its own, the two amounts in another order, the name with
    // a space and a zero-width space in it (as a sheet or a web page may give it).
    await page.getByRole('button', { name: '从表格粘贴' }).click();
    const paste = page.getByRole('form', { name: '从表格粘贴保障投入' });
    const typed = `${unit.slice(0, 3)} ${unit.slice(3, 5)}\u200b${unit.slice(5)}`;
    await paste.getByLabel('粘贴的表格内容').fill(`单位\t活动经费（万元）\t党建工作经费（万元）\n${typed}\t7.5\t88`);
    await paste.getByRole('button', { name: '检查粘贴内容' }).click();
    const planned = page.getByRole('region', { name: '将保存的保障投入' });
    await planned.getByText('表头中没有「专职党务干部」「兼职党务干部」「阵地」「备注」列：已登记的单位这几项保持原样').waitFor();
    await planned.getByRole('button', { name: '保存这1个单位' }).click();
    await page.getByText(/已保存\d+年度保障投入：新增0个，更新1个，无变化0个。/).waitFor();
    const after = (await money.getByRole('row').filter({ has: page.getByRole('rowheader', { name: unit, exact: true }) })
      .getByRole('cell').allTextContents()).slice(0, 6).map((t) => t.trim());
    assert.deepEqual(after, ['88', '7.5', ...before.slice(2)], `${unit}: ${before} → ${after}`);

    // 阵地 pasted as a bare 有 under a header with no 阵地面积 column: the area stays.
    let site;
    for (const r of await money.getByRole('rowgroup').nth(1).getByRole('row').all()) {
      const c = (await r.getByRole('cell').allTextContents()).map((t) => t.trim());
      if (/^有，\d+/.test(c[4] ?? '')) {
        site = (await r.getByRole('rowheader').innerText()).trim();
        break;
      }
    }
    assert.ok(site, 'the sample has a unit with premises and their area');
    await page.getByRole('button', { name: '从表格粘贴' }).click();
    await paste.getByLabel('粘贴的表格内容').fill(`单位\t阵地\n${site}\t有`);
    await paste.getByRole('button', { name: '检查粘贴内容' }).click();
    await planned.getByText(site).first().waitFor();
    assert.equal(await planned.getByText(/面积未填/).count(), 0, 'the recorded area is not dropped');

    // 得分明细 printed: the note says what it is; the 类型 form is not on paper.
    await nav(page, '结果');
    const ranking = page.getByRole('table').first();
    await ranking.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /得分明细$/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: '类型' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.getByText('工委内部材料（类型认定和动态管理建议不打印）').waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: '类型' }).isVisible(), false);
    assert.equal(await page.getByText('系统建议：').isVisible(), false);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.getByText('工委内部材料（类型认定和动态管理建议不打印）').isVisible(), false);

    // The 考评报告 a unit receives ends with who issues it and when (a clerk's review).
    await page.getByRole('link', { name: '考评报告' }).click();
    const dateline = page.locator('.card-dateline');
    await dateline.waitFor();
    assert.match(await dateline.innerText(), /^中共市直机关工作委员会\s+(制表日期：)?\d{4}年\d{1,2}月\d{1,2}日$/);

    // 督导 printed says what it is and as of when; the screen's help is not on paper.
    await nav(page, '督导');
    await page.getByRole('heading', { level: 1, name: '督导', exact: true }).waitFor();
    // A visit that found nothing offers nothing to turn into an item (a clerk's review).
    const offered = await page.locator('article.visit').evaluateAll((visits) => visits.map((v) => {
      const dt = [...v.querySelectorAll('dt')].find((d) => d.textContent === '发现问题');
      const found = dt.nextElementSibling.textContent !== '—';
      const button = [...v.querySelectorAll('button')].some((b) => /转为整改事项|另转一项整改事项/.test(b.textContent));
      return [found, button];
    }));
    assert.ok(offered.some(([found]) => !found), 'the sample has a visit that found nothing');
    assert.ok(offered.some(([found]) => found), 'and one that found something');
    for (const [found, button] of offered) assert.equal(button, found);
    await page.emulateMedia({ media: 'print' });
    assert.match(await page.getByText(/^督导记录（截至/).innerText(), /^督导记录（截至\d{4}年\d{1,2}月\d{1,2}日）$/);
    assert.equal(await page.getByRole('heading', { level: 1, name: '督导', exact: true }).isVisible(), false);
    assert.equal(await page.getByText(/^工委对各示范点的督导/).isVisible(), false);
    await page.emulateMedia({ media: 'screen' });
    // So does 结对's list (a clerk's review: it printed with no date).
    await nav(page, '结对');
    await page.getByRole('heading', { level: 1, name: '结对', exact: true }).waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.match(await page.getByText(/^结对情况（截至/).innerText(), /^结对情况（截至\d{4}年\d{1,2}月\d{1,2}日）$/);
    assert.equal(await page.getByRole('heading', { level: 1, name: '结对', exact: true }).isVisible(), false);
    await page.emulateMedia({ media: 'screen' });

    // The printed 名册: a 摘牌 unit's former plaque is not shown as held.
    const year = new Date().getFullYear();
    await page.goto(`${s.url}#/reports/${year}/print/roster`);
    const roster = page.getByRole('table').first();
    const gone = roster.getByRole('row').filter({ has: page.getByRole('cell', { name: '摘牌', exact: true }) }).first();
    await gone.waitFor();
    const cells = (await gone.getByRole('cell').allTextContents()).map((t) => t.trim());
    const heads = (await roster.getByRole('columnheader').allTextContents()).map((t) => t.trim());
    assert.equal(cells[heads.indexOf('牌匾编号')], '', cells.join(' | '));
    assert.equal(cells[heads.indexOf('授牌日期')], '', cells.join(' | '));
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await s.close();
  }
});

test('with the sample city: a visit corrected in two tabs at once is not silently written over', async () => {
  // A clerk's review: tab A opened 修改 on a visit and typed; tab B saved a 跟进情况 on
  // the same visit; A's list redrew the form (keeping A's typing) and A's save then put
  // the empty 跟进情况 back without a word.
  const { server: s, browser, page: a } = await sampleCity();
  try {
    await nav(a, '督导');
    const b = await openApp(browser.context, s.url, '#/guidance');
    const editA = a.getByRole('button', { name: /^修改督导记录 / }).first();
    const which = await editA.getAttribute('aria-label');
    await editA.click();
    const formA = a.getByRole('form', { name: '修改督导记录' });
    await formA.getByLabel('发现问题').fill('A写的问题');
    await a.waitForTimeout(300);
    await b.getByRole('button', { name: which, exact: true }).click();
    const formB = b.getByRole('form', { name: '修改督导记录' });
    await formB.getByLabel('跟进情况').fill('B写的跟进');
    await formB.getByRole('button', { name: '保存修改' }).click();
    await b.getByText('已保存修改').first().waitFor();
    // A's form is still open with A's typing; saving writes A's 发现问题 and keeps B's
    // 跟进情况 (a field A left alone), and says so.
    await a.getByText('B写的跟进').first().waitFor();
    assert.equal(await formA.getByLabel('发现问题').inputValue(), 'A写的问题');
    await formA.getByRole('button', { name: '保存修改' }).click();
    await a.getByText('已保存修改。您没有改动的项目保留了这期间在别处所做的修改。').waitFor();
    await a.reload();
    await a.getByText('B写的跟进').first().waitFor();
    await a.getByText('A写的问题').first().waitFor();

    // Both change 跟进情况: A is told what B saved; a second click keeps A's.
    await a.getByRole('button', { name: which, exact: true }).click();
    await formA.getByLabel('跟进情况').fill('A的跟进');
    await b.getByRole('button', { name: which, exact: true }).click();
    await formB.getByLabel('跟进情况').fill('B的第二次跟进');
    await formB.getByRole('button', { name: '保存修改' }).click();
    await a.getByText('B的第二次跟进').first().waitFor();
    await formA.getByRole('button', { name: '保存修改' }).click();
    await formA.getByRole('alert').filter({ hasText: '「跟进情况」已被改为“B的第二次跟进”（本窗口填的是“A的跟进”）' }).waitFor();
    assert.equal(await formA.getByLabel('跟进情况').getAttribute('aria-invalid'), 'true');
    await formA.getByRole('button', { name: '保存修改' }).click();
    await a.getByText('A的跟进').first().waitFor();
    assert.equal(await a.getByText('B的第二次跟进').count(), 0);

    // 保障投入 edited in both tabs, different figures: each keeps the one it changed.
    await nav(a, '保障投入');
    await nav(b, '保障投入');
    const money = (p) => p.getByRole('table', { name: /年度各单位保障投入对比$/ });
    await money(a).getByRole('rowheader').first().waitFor();
    const unit = (await money(a).getByRole('rowheader').first().innerText()).trim();
    const row = (p) => money(p).getByRole('row').filter({ has: p.getByRole('rowheader', { name: unit, exact: true }) });
    await row(a).getByRole('button', { name: /^修改 / }).click();
    await a.getByRole('form', { name: '保障投入' }).getByLabel('党建工作经费（万元）').fill('31.5');
    await row(b).getByRole('button', { name: /^修改 / }).click();
    const entryB = b.getByRole('form', { name: '保障投入' });
    await entryB.getByLabel('专职党务干部（人）').fill('19');
    await entryB.getByRole('button', { name: '保存保障投入' }).click();
    await b.getByText('已保存保障投入。').waitFor();
    await a.getByRole('form', { name: '保障投入' }).getByRole('button', { name: '保存保障投入' }).click();
    await a.getByText('已保存保障投入。在您填写期间另一个窗口修改的其他项目已一并保留。').waitFor();
    const cells = (await row(a).getByRole('cell').allInnerTexts()).map((t) => t.trim());
    assert.equal(cells[0], '31.5', 'A\'s 党建工作经费');
    assert.equal(cells[2], '19', 'B\'s 专职, not put back');

    // The same with A's form opened again from its draft after a reload: B's change
    // saved meanwhile is kept, not written over with the values A's form began on.
    await row(a).getByRole('button', { name: /^修改 / }).click();
    await a.getByRole('form', { name: '保障投入' }).getByLabel('备注').fill('A窗口的备注');
    await row(b).getByRole('button', { name: /^修改 / }).click();
    await entryB.getByLabel('兼职党务干部（人）').fill('9');
    await entryB.getByRole('button', { name: '保存保障投入' }).click();
    await b.getByText('已保存保障投入。').waitFor();
    a.once('dialog', (d) => d.accept());
    await a.reload();
    const entryA = a.getByRole('form', { name: '保障投入' });
    await entryA.getByText('已恢复您上次离开时尚未保存的内容').waitFor();
    await entryA.getByRole('button', { name: '保存保障投入' }).click();
    await a.getByText('已保存保障投入。在您填写期间另一个窗口修改的其他项目已一并保留。').waitFor();
    const after = (await row(a).getByRole('cell').allInnerTexts()).map((t) => t.trim());
    assert.equal(after[3], '9', 'B\'s 兼职, not put back');
    assert.deepEqual([...a.errors, ...b.errors], []);
  } finally {
    await browser.close();
    await s.close();
  }
});

test('with the sample city: a finding on a visit to a unit that has since left is not offered as a 整改事项', async () => {
  // A clerk's review: 转为整改事项 was offered on a 摘牌 unit's visit, then refused
  // with 请核对单位, though the unit was right.
  const { browser, page } = await sampleCity();
  try {
    await nav(page, '督导');
    const visit = page.getByRole('article', { name: '2026-03-01 指导（市政务服务中心综合科党支部）' });
    await visit.getByRole('button', { name: /^修改督导记录/ }).click();
    const fix = visit.getByRole('form', { name: '修改督导记录' });
    await fix.getByLabel('发现问题').fill('台账不全');
    await fix.getByRole('button', { name: '保存修改' }).click();
    await visit.getByText('被督导单位已退出或摘牌，不再登记新的整改事项。').waitFor();
    assert.equal(await visit.getByRole('button', { name: /转为整改事项/ }).count(), 0);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});
