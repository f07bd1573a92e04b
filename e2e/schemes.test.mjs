// 考评方案: a default scheme, a copy for another year, editing with a running total,
// checks before saving; a scheme with scores is saved as a new version.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { serve, profile, openApp, printToPdf, SHOTS } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

const list = (page) => page.getByRole('table', { name: '考评方案版本' });
const dataRows = (page) => list(page).getByRole('rowgroup').last().getByRole('row');
const total = (page) => page.getByRole('status', { name: '满分合计' });
const cells = async (row) => (await row.getByRole('cell').allTextContents()).map((t) => t.trim());

test('create the default scheme, copy it, edit points and see the total, save', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/schemes');
    await page.getByRole('heading', { level: 1, name: '考评方案' }).waitFor();
    await page.getByText('还没有考评方案').waitFor();
    await page.getByRole('button', { name: '新建默认方案' }).click();
    await page.getByText('已新建默认方案').waitFor();
    assert.equal(await dataRows(page).count(), 1);
    const [name, , , version, full, , scores] = await cells(dataRows(page).first());
    assert.match(name, /^\d{4}年度基层党建示范点考评方案$/);
    assert.deepEqual([version, full, scores], ['第1版', '100', '尚无评分']);
    // A second click (a double-click) asks before making a duplicate; 取消 makes none.
    await page.getByRole('button', { name: '新建默认方案' }).click();
    const again = page.getByRole('dialog', { name: '确认新建默认方案' });
    assert.match(await again.textContent(), /本年度已有考评方案「\d{4}年度基层党建示范点考评方案（第1版）」。仍要再新建一个默认方案吗/);
    await again.getByRole('button', { name: '取消' }).click();
    assert.equal(await dataRows(page).count(), 1);

    // Copy it for next year.
    await dataRows(page).first().getByRole('button', { name: '复制为新方案' }).click();
    const dialog = page.getByRole('dialog', { name: '复制为新方案' });
    // Which version is copied is said: two versions share a name.
    await dialog.getByText(/^将把「\d{4}年度基层党建示范点考评方案（第1版）」复制为新年度方案的第 1 版/).waitFor();
    await dialog.getByLabel('新方案年度').fill('明年');
    await dialog.getByRole('button', { name: '复制' }).click();
    await dialog.getByRole('alert').filter({ hasText: '新方案年度「明年」不对' }).waitFor();
    // A year typed wrong (2030 for 2027) would make a scheme no round can use yet.
    await dialog.getByLabel('新方案年度').fill('2030');
    await dialog.getByRole('button', { name: '复制' }).click();
    await dialog.getByRole('alert').filter({ hasText: '2030年度还没有到：方案最晚可提前为明年（2027年）准备' }).waitFor();
    await dialog.getByLabel('新方案年度').fill('2027');
    await dialog.getByRole('button', { name: '复制' }).click();
    await page.getByText('复制为「2027年度基层党建示范点考评方案」').waitFor();
    assert.equal(await dataRows(page).count(), 2);
    assert.deepEqual((await cells(dataRows(page).first())).slice(0, 5),
      ['2027年度基层党建示范点考评方案', '2027年度基层党建示范点考评方案', '2027', '第1版', '100']);

    // Edit the copy.
    await page.getByRole('link', { name: '2027年度基层党建示范点考评方案' }).click();
    await page.getByRole('heading', { level: 1, name: '2027年度基层党建示范点考评方案' }).waitFor();
    assert.equal(await total(page).textContent(), '100');
    await page.getByLabel('满分 方法创新').fill('5');
    assert.equal(await total(page).textContent(), '102');
    await page.getByLabel('满分 方法创新').fill('5.');
    assert.equal(await total(page).textContent(), '102');
    await page.getByLabel('满分 方法创新').fill('五');
    await page.getByRole('alert').filter({ hasText: '满分 方法创新「五」不对' }).waitFor();
    await page.getByLabel('满分 方法创新').fill('5');
    assert.equal(await page.getByRole('alert').count(), 0, 'the message goes once corrected');

    // Reorder: 方法创新 moves above 党建品牌或工作理念.
    const names = () => page.getByRole('textbox', { name: /^指标名称 / }).evaluateAll((els) => els.map((e) => e.value));
    const before = await names();
    const i = before.indexOf('方法创新');
    assert.equal(before[i - 1], '党建品牌或工作理念');
    await page.getByRole('button', { name: '上移 方法创新' }).click();
    const after = await names();
    assert.deepEqual([after[i - 1], after[i]], ['方法创新', '党建品牌或工作理念']);
    assert.equal(await total(page).textContent(), '102', 'moving keeps the points');
    // The keyboard stays with the item moved: Enter again moves it on (a clerk's
    // review: it stayed on the row's place and the next press moved the item back).
    await page.getByRole('button', { name: '下移 方法创新' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const moved = await names();
    assert.equal(moved.indexOf('方法创新'), i + 1, moved.join('、'));
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), '下移 方法创新');
    await page.getByRole('button', { name: '上移 方法创新' }).click();
    await page.getByRole('button', { name: '上移 方法创新' }).click();
    assert.deepEqual(await names(), after);
    // An indicator with its 评分细则 is asked about before it goes; 取消 keeps it.
    await page.getByRole('button', { name: '删除 方法创新' }).click();
    const askDelete = page.getByRole('dialog', { name: '确认删除二级指标' });
    assert.match(await askDelete.textContent(), /将删除二级指标「方法创新」（含评分细则）/);
    await askDelete.getByRole('button', { name: '取消' }).click();
    assert.deepEqual(await names(), after, 'kept');
    assert.equal(await total(page).textContent(), '102');

    // Add an indicator to 保障投入 (5 points), then remove it again.
    await page.getByRole('button', { name: '添加指标到 保障投入' }).click();
    assert.equal(await total(page).textContent(), '107');
    await page.getByRole('button', { name: '删除 保障投入新指标4' }).click();
    assert.equal(await total(page).textContent(), '102');

    // A bad grade band is refused with the reason; nothing is saved.
    await page.getByLabel('良好分数线').fill('95');
    await page.getByRole('button', { name: '保存方案' }).click();
    const errors = page.getByRole('alert', { name: '方案有误，未保存' });
    await errors.waitFor();
    assert.match(await errors.textContent(), /良好分数线（95）不能高于优秀分数线（90），请核对/);
    await page.getByLabel('良好分数线').fill('80');
    // A year past next year (2030 typed for 2027) is refused, as copying refuses it.
    const year = await page.getByLabel('年度', { exact: true }).inputValue();
    await page.getByLabel('年度', { exact: true }).fill('2030');
    await page.getByRole('button', { name: '保存方案' }).click();
    await errors.filter({ hasText: '2030年度还没有到：方案最晚可提前为明年（2027年）准备，请核对年份' }).waitFor();
    assert.doesNotMatch(await errors.textContent(), /良好分数线/, 'the corrected line is no longer said');
    await page.getByLabel('年度', { exact: true }).fill(year);
    // A total other than 100 is asked about first; 取消 saves nothing.
    await page.getByRole('button', { name: '保存方案' }).click();
    const ask = page.getByRole('dialog', { name: '确认满分合计' });
    await ask.waitFor();
    assert.match(await ask.textContent(), /满分合计为 102 分，不是通常的 100 分。等次分数线（合格 70、良好 80、优秀 90）按得分计/);
    await ask.getByRole('button', { name: '取消' }).click();
    await ask.waitFor({ state: 'detached' });
    assert.match(await page.locator('.total-bar').textContent(), /有未保存的修改/);
    // The year's refusal was mended before: no longer said (a clerk's review).
    assert.equal(await errors.count(), 0, 'the list of problems from the earlier try is gone');
    await page.getByRole('button', { name: '保存方案' }).click();
    await ask.getByRole('button', { name: '保存方案' }).click();
    await page.getByText('已保存方案').waitFor();
    // Saved at 102, a later edit is not asked again.
    await page.getByLabel('良好分数线').fill('81');
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByText('已保存方案').waitFor();
    assert.equal(await ask.count(), 0);
    await page.getByLabel('良好分数线').fill('80');
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByText('已保存方案').waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);

    // Saved and then undone: the editor shows the value it went back to, and a later
    // save does not bring the undone one back (a clerk's review).
    await page.getByLabel('优秀分数线').fill('93');
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByText('已保存方案').waitFor();
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await page.getByText('已撤销：保存考评方案').waitFor();
    for (let t = 0; (await page.getByLabel('优秀分数线').inputValue()) !== '90'; t++) {
      assert.ok(t < 50, 'the editor shows the value the undo went back to');
      await page.waitForTimeout(100);
    }
    // Nothing changed: 保存方案 says so, and makes nothing.
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByText('方案没有修改，无需保存。').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: '2027年度基层党建示范点考评方案' }).waitFor();
    assert.equal(await total(page).textContent(), '102');
    assert.equal(await page.getByLabel('优秀分数线').inputValue(), '90');
    assert.equal(await page.getByLabel('满分 方法创新').inputValue(), '5');
    assert.deepEqual((await names()).slice(i - 1, i + 1), ['方法创新', '党建品牌或工作理念']);

    // Saved in place (no scores): still one version of it, and the original is unchanged.
    await page.getByRole('link', { name: '← 返回考评方案列表' }).click();
    await dataRows(page).nth(1).waitFor();
    assert.equal(await dataRows(page).count(), 2);
    assert.deepEqual((await cells(dataRows(page).first())).slice(2, 5), ['2027', '第1版', '102']);
    assert.deepEqual((await cells(dataRows(page).last())).slice(3, 5), ['第1版', '100']);

    // A version no round uses can be deleted, asked first; 撤销 brings it back.
    await dataRows(page).first().getByRole('button', { name: '删除方案：2027年度基层党建示范点考评方案' }).click();
    const del = page.getByRole('dialog', { name: '确认删除考评方案' });
    assert.match(await del.textContent(), /将删除考评方案「2027年度基层党建示范点考评方案」。它还没有用于任何考评轮次/);
    await del.getByRole('button', { name: '删除' }).click();
    await page.getByText('已删除考评方案「2027年度基层党建示范点考评方案」。').waitFor();
    assert.equal(await dataRows(page).count(), 1);
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await dataRows(page).nth(1).waitFor();
    assert.deepEqual((await cells(dataRows(page).first())).slice(2, 5), ['2027', '第1版', '102']);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('a scheme with scores is saved as a new version and the old one stays', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/data');
    await page.getByRole('button', { name: '载入示例数据' }).click();
    await page.getByText('已载入示例数据').waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考评方案', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '考评方案' }).waitFor();
    const rowsBefore = await dataRows(page).count();
    const scheme = '2026年度基层党建示范点考评方案';
    const v1 = dataRows(page).filter({ hasText: scheme });
    assert.equal(await v1.count(), 1);
    assert.match((await cells(v1))[6], /^已有评分/);

    await page.getByRole('link', { name: scheme }).click();
    await page.getByRole('heading', { level: 1, name: scheme }).waitFor();
    await page.getByRole('note').filter({ hasText: '此方案已有评分，保存将生成新版本' }).waitFor();
    await page.getByLabel('满分 党建品牌或工作理念').fill('6');
    assert.equal(await total(page).textContent(), '101');
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByRole('dialog', { name: '确认满分合计' }).getByRole('button', { name: '保存方案' }).click();
    await page.getByText('修改已保存为新版本（第 2 版）；原第 1 版及其评分未改变，2026年度考评仍按第 1 版评分。').waitFor();
    await page.getByText('第 2 版 · 2026 年度').waitFor();
    assert.equal(await total(page).textContent(), '101');

    await page.getByRole('link', { name: '← 返回考评方案列表' }).click();
    // The list is drawn after the move: wait for the new version's row before counting.
    await dataRows(page).filter({ hasText: scheme }).nth(1).waitFor();
    assert.equal(await dataRows(page).count(), rowsBefore + 1);
    const versions = dataRows(page).filter({ hasText: scheme });
    assert.equal(await versions.count(), 2);
    const [old, fresh] = [await cells(versions.nth(0)), await cells(versions.nth(1))];
    assert.deepEqual(old.slice(3, 5), ['第1版', '100']);
    assert.match(old[6], /^已有评分/);
    assert.deepEqual(fresh.slice(1, 5), [scheme, '2026', '第2版', '101']);
    assert.equal(fresh[6], '尚无评分');

    // The old version is unchanged.
    await versions.nth(0).getByRole('link', { name: scheme }).click();
    await page.getByText('第 1 版 · 2026 年度').waitFor();
    assert.equal(await total(page).textContent(), '100');
    assert.equal(await page.getByLabel('满分 党建品牌或工作理念').inputValue(), '5');

    // 撤销 of the save, on the new version's page, takes that version away: the page
    // points to the version still here (a clerk's review: it read 找不到考评方案 and
    // nothing more).
    await page.goBack();
    await page.goBack();
    await page.getByText('第 2 版 · 2026 年度').waitFor();
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '找不到考评方案' }).waitFor();
    await page.getByRole('link', { name: `${scheme}（第1版）` }).click();
    await page.getByText('第 1 版 · 2026 年度').waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('edits left unsaved in the scheme editor are kept when the clerk visits another page', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/schemes');
    await page.getByRole('button', { name: '新建默认方案' }).click();
    await page.getByText('已新建默认方案').waitFor();
    const name = (await dataRows(page).first().getByRole('link').textContent()).trim();
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByLabel('满分 方法创新').fill('5');
    await page.getByLabel('评分细则 方法创新').fill('有新方法的得满分');
    assert.equal(await total(page).textContent(), '102');

    // Off to 单位 and back: the draft is there, and the page says it is unsaved.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '单位' }).click();
    await page.getByRole('heading', { level: 1, name: '单位' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText('这是您上次离开此页时尚未保存的修改，已为您保留').waitFor();
    assert.equal(await page.getByLabel('满分 方法创新').inputValue(), '5');
    assert.equal(await page.getByLabel('评分细则 方法创新').inputValue(), '有新方法的得满分');
    assert.equal(await total(page).textContent(), '102');

    // Closing the page now asks first.
    let asked = false;
    page.once('dialog', async (d) => { asked = d.type() === 'beforeunload'; await d.dismiss(); });
    await page.close({ runBeforeUnload: true });
    await page.waitForTimeout(300);
    assert.ok(asked, 'leaving with an unsaved draft asks first');

    // 放弃修改 asks first (undo cannot bring the edits back), then goes back to the
    // stored version, and the draft is gone for good.
    await page.getByRole('button', { name: '放弃修改' }).click();
    const ask = page.getByRole('dialog', { name: '确认放弃修改' });
    await ask.getByText('放弃后不能撤销').waitFor();
    await ask.getByRole('button', { name: '放弃修改' }).click();
    await ask.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('满分 方法创新').inputValue(), '3');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '单位' }).click();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.equal(await page.getByText('已为您保留').count(), 0);
    assert.equal(await total(page).textContent(), '100');
  } finally {
    await browser.close();
  }
});

test('a round with no scores yet moves to the corrected version of its scheme; a scored one cannot', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/data');
    await page.getByRole('button', { name: '载入示例数据' }).click();
    await page.getByText('已载入示例数据').waitFor();
    // A 2027 round set up on the 2026 scheme (version 1), before anything is scored.
    await page.goto(server.url + '#/rounds');
    const form = page.getByRole('form', { name: '新建考评' });
    await form.getByLabel('评委姓名').fill('张三');
    await form.getByRole('button', { name: '创建考评' }).click();
    await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
    const roundUrl = page.url();
    const scheme = '2026年度基层党建示范点考评方案';
    const facts = page.locator('dl.facts');
    assert.match(await facts.textContent(), new RegExp(`${scheme}（第1版）`));
    // A task file goes out to 张三 on version 1.
    const toAssessors = page.getByRole('list', { name: '发给评委的任务文件' });
    const exchangeFor2027 = async () => {
      await page.goto(server.url + '#/exchange');
      await page.getByRole('combobox', { name: '考评轮次' }).first().selectOption({ label: '2027年度考评' });
      await toAssessors.getByRole('button', { name: '导出任务文件：张三' }).waitFor();
    };
    const sendToZhang = () => Promise.all([
      page.waitForEvent('download'),
      toAssessors.getByRole('button', { name: '导出任务文件：张三' }).click(),
    ]);
    await exchangeFor2027();
    await sendToZhang();
    await toAssessors.getByText(/已于 .* 发放访问码/).waitFor();
    assert.equal(await page.getByText(/按更换前的考评方案做的/).count(), 0);

    // The scheme is corrected: a new version, since 2026's round is scored on it.
    await page.goto(server.url + '#/schemes');
    await page.getByRole('link', { name: scheme }).click();
    await page.getByRole('heading', { level: 1, name: scheme }).waitFor();
    await page.getByLabel('满分 党建品牌或工作理念').fill('6');
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByRole('dialog', { name: '确认满分合计' }).getByRole('button', { name: '保存方案' }).click();
    await page.getByText(/修改已保存为新版本（第 2 版）.*2027年度考评/).waitFor();

    // The 2027 round moves to version 2 after a confirmation.
    await page.goto(roundUrl);
    await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
    await page.getByText('更换考评方案', { exact: true }).click();
    const select = page.getByLabel('改用的考评方案');
    const v2 = await select.evaluate((el) => [...el.options].find((o) => o.text.includes('（第2版）'))?.value);
    assert.ok(v2, 'version 2 is offered');
    await select.selectOption(v2);
    await page.getByRole('button', { name: '更换方案', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '确认更换考评方案' });
    assert.match(await dialog.textContent(), /「2027年度考评」将由.*（第1版）改用.*（第2版）/);
    await dialog.getByRole('button', { name: '更换方案' }).click();
    await page.getByRole('status').filter({ hasText: '「2027年度考评」已改用' }).waitFor();
    await page.waitForFunction(() => document.querySelector('dl.facts')?.textContent.includes('（第2版）'));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '2027年度考评' }).waitFor();
    assert.match(await facts.textContent(), new RegExp(`${scheme}（第2版）`), 'kept after a reload');

    // 数据交换 says which task file went out on version 1, until it is sent again.
    await exchangeFor2027();
    const warning = page.getByRole('note').filter({ hasText: '本轮更换了考评方案：已发出的 1 份任务文件是按原方案做的' });
    await warning.waitFor();
    await toAssessors.getByRole('listitem').filter({ hasText: '张三' }).getByText(/按更换前的考评方案做的.*请重新导出/).waitFor();
    await sendToZhang();
    await warning.waitFor({ state: 'detached' });
    assert.equal(await page.getByText(/按更换前的考评方案做的/).count(), 0);

    // The scored 2026 round offers no change.
    await page.goto(server.url + '#/rounds');
    await page.getByRole('table', { name: '考评轮次' }).getByRole('link', { name: '2026年度考评' }).click();
    await page.getByRole('heading', { level: 1, name: '2026年度考评' }).waitFor();
    assert.equal(await page.getByText('更换考评方案', { exact: true }).count(), 0);
    // ... and says why, since a corrected version exists.
    await page.getByRole('note').filter({ hasText: '本轮已录入分数，考评方案不能再更换' }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('a scheme prints as an A4 table with every 评分细则 in full, and no inputs', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/schemes');
    await page.getByRole('button', { name: '新建默认方案' }).click();
    await page.getByText('已新建默认方案').waitFor();
    await list(page).getByRole('link').first().click();
    await page.getByRole('button', { name: '打印方案' }).waitFor();
    // The longest 评分细则 on screen: clipped in its box, whole on paper.
    const guidance = await page.getByRole('textbox', { name: /^评分细则 / })
      .evaluateAll((els) => els.map((e) => e.value).sort((a, b) => b.length - a.length)[0]);
    assert.ok(guidance.length > 20);
    const pdf = await printToPdf(page);
    try {
      const flat = pdf.text.replace(/\s+/g, '');
      assert.ok(Math.abs(pdf.width - 595.92) < 2 && Math.abs(pdf.height - 842.88) < 2, 'A4 portrait');
      assert.ok(flat.includes('2026年度基层党建示范点考评方案（第1版）'));
      assert.ok(flat.includes('满分合计100分'));
      for (const line of ['一级指标', '二级指标', '评分细则', '等次', '优秀90分及以上', '（相应指标在评分表中记0分）：不另扣分']) assert.ok(flat.includes(line), line);
      assert.ok(!flat.includes('扣0分'), 'an item of 0 points is not 扣 0 分');
      for (const screenOnly of ['保存方案', '放弃修改', '添加一级指标', '上移']) assert.ok(!flat.includes(screenOnly), screenOnly);
      assert.ok(pdf.pages <= 6, `${pdf.pages} pages`);
      // The table starts under the title on the first page (a clerk's review: the 评分细则
      // cells took the 督导 page's named page, leaving page 1 blank), and every page
      // is numbered.
      const pages = pdf.text.split('\f').filter((t) => t.trim()).map((t) => t.replace(/\s+/g, ''));
      assert.ok(pages[0].includes('领导重视'), `the first indicators on page 1: ${pages[0].slice(0, 200)}`);
      pages.forEach((t, i) => assert.ok(t.includes(`第${i + 1}页，共${pages.length}页`), `page ${i + 1} numbered`));
    } finally {
      await rm(pdf.dir, { recursive: true, force: true });
    }
    await page.emulateMedia({ media: 'print' });
    // Each 评分细则 whole in its cell (pdftotext interleaves a table's columns, so the
    // page's own text is read): the longest one is there, and no cell cuts it off.
    const cells = await page.locator('.scheme-print td.guidance').evaluateAll((tds) =>
      tds.map((td) => ({ text: td.textContent, clipped: td.scrollHeight > td.clientHeight + 1 })));
    assert.equal(cells.length, 22, 'one row per indicator');
    assert.ok(cells.some((c) => c.text === guidance), 'the 评分细则 in full');
    assert.deepEqual(cells.filter((c) => c.clipped), []);
    // The step the score grid holds scores to is printed (a clerk's review).
    await page.locator('.scheme-print').getByText('各二级指标的得分须为 0.5 分的整数倍。').waitFor();
    assert.equal(await page.getByRole('button', { name: '保存方案' }).isVisible(), false);
    await page.screenshot({ path: join(SHOTS, 'scheme-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});
