// 申报遴选 and 动态管理, by role and label:
// - from an empty browser: two applications are entered and rated; one is accepted
//   (入选培育, with its 文号) and appears in the roster as 创建中 with the decision in
//   its history; the other is rejected (不予入选) and does not enter the roster;
// - from an empty browser: a site named on 2023-05-10 is listed for 复查 once three
//   years have passed (the app's clock seam `?clock=`), not before;
// - with the sample city: a rule switched off on 动态管理 no longer proposes, and the
//   screens list the sample's applications, 复查 and 可推荐表彰 (screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { serve, profile, openApp, sampleCity, SHOTS } from './harness.mjs';

let server;
before(async () => { server = await serve(); await mkdir(SHOTS, { recursive: true }); });
after(async () => { await server?.close(); });

const nav = (page, name) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();

async function at(page, date, hash) {
  await page.goto(`${server.url}?clock=${date}${hash}`);
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

async function apply(page, name) {
  await page.getByRole('button', { name: '登记申报' }).click();
  const form = page.getByRole('form', { name: '登记申报' });
  // The form opens with the cursor in its first field.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '申报单位名称');
  await form.getByLabel('申报单位名称').fill(name);
  await form.getByLabel('系统/行业').fill('综合管理系统');
  await form.getByLabel('组织类型').selectOption({ label: '党支部' });
  await form.getByLabel('申报日期').fill('2026-03-02');
  await form.getByLabel('责任人').fill('王芳');
  await form.getByLabel('联系方式').fill('13800000000');
  await form.getByLabel('创建基础').fill('阵地齐全，制度健全');
  await form.getByLabel('创建计划').fill('打造特色品牌');
  await form.getByRole('button', { name: '保存申报' }).click();
  await page.getByRole('article', { name }).first().waitFor();
  // Focus goes on to the new application's card, where it is rated next.
  // The card is named by the unit and the day it applied (two of one unit told apart).
  await page.waitForFunction((n) => document.activeElement?.closest('article')?.getAttribute('aria-label') === `${n}（2026-03-02申报）`
    && document.activeElement.tagName === 'H3', name);
}

async function rate(page, name, levels) {
  const form = page.getByRole('form', { name: `评定 ${name}` });
  for (const [std, level] of Object.entries(levels)) {
    await form.getByLabel(std, { exact: true }).selectOption({ label: level });
  }
  await form.getByLabel('评定意见').fill('经实地了解');
  await form.getByRole('button', { name: '保存评定' }).click();
  await page.getByText('已保存评定。').waitFor();
  // On to the decision, the next step (not lost on the page's body).
  await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-label') === '遴选结果'
    && document.activeElement.closest('form')?.getAttribute('aria-label') === `遴选决定 ${n}`, name);
}

async function decide(page, name, decision, docNo, note) {
  const form = page.getByRole('form', { name: `遴选决定 ${name}` });
  await form.getByLabel('遴选结果').selectOption({ label: decision });
  await form.getByLabel('决定日期').fill('2026-04-10');
  await form.getByLabel('决定文号').fill(docNo);
  await form.getByLabel('决定说明').fill(note);
  // Enter in the last field, as a clerk would: a final decision is asked about first.
  await form.getByLabel('决定说明').press('Enter');
  const dialog = page.getByRole('dialog', { name: '确认遴选结果' });
  const asked = await dialog.textContent();
  assert.match(asked, new RegExp(`「${name}」的遴选结果定为“${decision}”`));
  // 暂缓 leaves the application open; the other two are final.
  assert.match(asked, decision === '暂缓' ? /暂缓的申报以后仍可重新评定、再作决定/ : /决定后不能再修改/);
  await dialog.getByRole('button', { name: '确认', exact: true }).click();
  await page.getByText(`遴选结果：${decision}`).waitFor();
}

const YES = '市档案馆机关党支部';
const NO = '市统计局机关党支部';

test('an accepted application puts the unit into 培育 with its history; a rejected one does not', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await at(page, '2026-04-10', '#/');
    await nav(page, '申报遴选');
    await page.getByRole('heading', { level: 1, name: '申报遴选' }).waitFor();
    // Nothing to print yet.
    const print = page.getByRole('button', { name: '打印遴选名单' });
    assert.ok(await print.isDisabled(), 'no list to print');
    // An application without a name and with a date to come is refused, both fields
    // marked, the keyboard on the first.
    await page.getByRole('button', { name: '登记申报' }).click();
    const blank = page.getByRole('form', { name: '登记申报' });
    await blank.getByLabel('申报日期').fill('2026-05-01');
    await blank.getByRole('button', { name: '保存申报' }).click();
    await blank.getByRole('alert').filter({ hasText: '请填写申报单位名称' }).waitFor();
    assert.equal(await blank.getByLabel('申报单位名称').getAttribute('aria-invalid'), 'true');
    assert.equal(await blank.getByLabel('申报日期').getAttribute('aria-invalid'), 'true');
    assert.equal(await blank.getByLabel('系统/行业').getAttribute('aria-invalid'), null);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '申报单位名称');
    await blank.getByRole('button', { name: '取消' }).click();
    await apply(page, YES);
    assert.ok(!(await print.isDisabled()), 'a list to print');
    await apply(page, NO);
    await rate(page, YES, { 基础较好: '较好', 后劲充足: '好', 创先争优意愿较强: '好' });
    await rate(page, NO, { 基础较好: '较弱', 后劲充足: '一般', 创先争优意愿较强: '一般' });

    // No decision is taken by default: the choice starts empty and is asked for.
    const yes = page.getByRole('form', { name: `遴选决定 ${YES}` });
    assert.equal(await yes.getByLabel('遴选结果').inputValue(), '');
    await yes.getByLabel('决定说明').fill('三项标准均达到');
    await yes.getByRole('button', { name: '确认遴选结果' }).click();
    await yes.getByRole('alert').filter({ hasText: '请选择遴选结果' }).waitFor();
    // The field at fault is marked, and the keyboard is put there.
    assert.equal(await yes.getByLabel('遴选结果').getAttribute('aria-invalid'), 'true');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '遴选结果');
    // 入选培育 without a 文号 is refused and changes nothing.
    await yes.getByLabel('遴选结果').selectOption({ label: '入选培育' });
    await yes.getByRole('button', { name: '确认遴选结果' }).click();
    await yes.getByRole('alert').filter({ hasText: '请填写决定的文号' }).waitFor();
    assert.equal(await yes.getByLabel('决定文号').getAttribute('aria-invalid'), 'true');
    assert.equal(await yes.getByLabel('遴选结果').getAttribute('aria-invalid'), null);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '决定文号');

    // 入选培育 rests on its 文号: the 决定说明 may be left empty.
    await decide(page, YES, '入选培育', '市直工委〔2026〕12号', '');
    // The decided card says so where the clerk is, and keeps focus: the next
    // application's form does not slide under the pointer unannounced.
    const card = page.getByRole('article', { name: YES });
    const said = card.getByRole('status');
    assert.equal(await said.textContent(), '遴选结果：入选培育，已列入名册（状态为“创建中”）。 查看单位');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), `${YES}（入选培育）`);
    assert.ok(await said.isVisible());
    const box = await said.boundingBox();
    const viewport = page.viewportSize();
    assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `the status is in view: ${JSON.stringify(box)}`);
    await decide(page, NO, '不予入选', '', '基础尚需夯实');
    // Undone at once, the card is open again and no longer says it was decided.
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    const noCard = page.getByRole('article', { name: NO });
    await noCard.getByRole('form', { name: `遴选决定 ${NO}` }).waitFor();
    assert.equal(await noCard.getByText('遴选结果：不予入选').count(), 0);
    await decide(page, NO, '不予入选', '', '基础尚需夯实');
    const list = page.getByRole('table', { name: '申报名单' });
    const yesRow = list.getByRole('row').filter({ hasText: YES });
    assert.match(await yesRow.textContent(), /较好好好入选培育2026-04-10市直工委〔2026〕12号/);
    // The printed list says why, as the decision did.
    assert.match(await list.getByRole('row').filter({ hasText: NO }).textContent(), /较弱一般一般不予入选2026-04-10—基础尚需夯实/);
    assert.match(await page.getByRole('status').filter({ hasText: '共2份申报' }).textContent(), /入选培育1份.*不予入选1份/);
    // The refused organisation registered again the same year is taken, with a warning.
    await apply(page, NO);
    await page.getByText('已登记申报。请注意：该单位本年度的申报已于 2026-04-10 决定为“不予入选”').waitFor();
    await page.getByRole('status').filter({ hasText: '共3份申报' }).waitFor();
    // On the list each of the two says the other (a review: 不予入选 and a later decision
    // of one unit printed as two rows with nothing linking them).
    const noRows = list.getByRole('row').filter({ hasText: NO });
    assert.equal(await noRows.count(), 2);
    await noRows.filter({ hasText: /不予入选2026-04-10/ }).getByText(/^同年另有一份申报（\d{4}-\d{2}-\d{2} 申报）：待遴选$/).waitFor();
    await noRows.filter({ hasText: /待遴选/ }).getByText(/^同年另有一份申报（\d{4}-\d{2}-\d{2} 申报）：2026-04-10 决定为“不予入选”$/).waitFor();
    // Deleting the decided one says the decision goes with it, off the list (a clerk's
    // review: the same words as for one not yet decided).
    const decidedCard = page.getByRole('article').filter({ hasText: NO }).filter({ hasText: /遴选结果\s*不予入选/ });
    await decidedCard.getByRole('button', { name: /^删除申报/ }).click();
    const asked = page.getByRole('dialog', { name: '确认删除申报' });
    await asked.getByText('工委 2026-04-10 作出的“不予入选”决定也将一并删除，遴选名单中不再有这条决定。', { exact: false }).waitFor();
    await asked.getByRole('button', { name: '取消' }).click();
    await page.getByRole('status').filter({ hasText: '共3份申报' }).waitFor();

    // The roster has the accepted unit only, as 创建中, with the decision in its history.
    await nav(page, '单位');
    await page.getByRole('link', { name: YES, exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: NO, exact: true }).count(), 0);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: YES, exact: true }) });
    assert.match(await row.textContent(), /综合管理系统.*党支部.*王芳.*2026.*创建中/);
    await page.getByRole('link', { name: YES, exact: true }).click();
    const history = page.getByRole('table', { name: '状态履历' });
    const rows = history.getByRole('row');
    await rows.nth(1).waitFor(); // the unit's page is drawn after the move
    assert.equal(await rows.count(), 2); // header + one change
    const cells = await rows.nth(1).getByRole('cell').allTextContents();
    assert.deepEqual(cells, ['2026-04-10', '—', '创建中', '申报遴选入选培育', '市直工委〔2026〕12号']);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('an application and a decision half typed are kept while the clerk is elsewhere; 取消 forgets the application', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await at(page, '2026-04-10', '#/');
    await nav(page, '申报遴选');
    await page.getByRole('heading', { level: 1, name: '申报遴选' }).waitFor();
    await apply(page, YES);
    const decision = page.getByRole('form', { name: `遴选决定 ${YES}` });
    await decision.getByLabel('决定文号').fill('市直工委〔2026〕8号');
    await decision.getByLabel('决定说明').fill('经集体研究');
    // A rating half done, on the same card.
    const rating = page.getByRole('form', { name: `评定 ${YES}` });
    await rating.getByLabel('基础较好').selectOption({ label: '好' });
    await rating.getByLabel('评定意见').fill('阵地、台账基础较好');
    await page.getByRole('button', { name: '登记申报' }).click();
    let form = page.getByRole('form', { name: '登记申报' });
    await form.getByLabel('申报单位名称').fill(NO);
    await form.getByLabel('创建基础').fill('阵地正在建设');

    await nav(page, '单位');
    await page.getByRole('heading', { level: 1, name: '单位' }).waitFor();
    await nav(page, '申报遴选');
    form = page.getByRole('form', { name: '登记申报' });
    await form.waitFor();
    assert.equal(await form.getByLabel('申报单位名称').inputValue(), NO);
    assert.equal(await form.getByLabel('创建基础').inputValue(), '阵地正在建设');
    await form.getByText('已恢复您上次离开时尚未保存的内容').waitFor();
    assert.equal(await decision.getByLabel('决定文号').inputValue(), '市直工委〔2026〕8号');
    assert.equal(await decision.getByLabel('决定说明').inputValue(), '经集体研究');
    await decision.getByText('已恢复您上次离开时尚未保存的内容').waitFor();
    assert.equal(await rating.getByLabel('基础较好').evaluate((s) => s.selectedOptions[0].textContent), '好');
    assert.equal(await rating.getByLabel('后劲充足').evaluate((s) => s.selectedOptions[0].textContent), '（未评定）');
    assert.equal(await rating.getByLabel('评定意见').inputValue(), '阵地、台账基础较好');
    await rating.getByText('已恢复您上次离开时尚未保存的内容').waitFor();

    // 取消 forgets the application's text: the form opens empty next time.
    await form.getByRole('button', { name: '取消' }).click();
    await nav(page, '单位');
    await nav(page, '申报遴选');
    await page.getByRole('heading', { level: 1, name: '申报遴选' }).waitFor();
    assert.equal(await page.getByRole('form', { name: '登记申报' }).count(), 0);
    await page.getByRole('button', { name: '登记申报' }).click();
    assert.equal(await page.getByRole('form', { name: '登记申报' }).getByLabel('申报单位名称').inputValue(), '');
    assert.deepEqual(page.errors, []);
  } finally { await browser.close(); }
});

test('after 暂缓 the application, still open, says so and keeps focus; a later decision keeps the 暂缓', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await at(page, '2026-04-10', '#/applications');
    await page.getByRole('heading', { level: 1, name: '申报遴选' }).waitFor();
    await apply(page, NO);
    await rate(page, NO, { 基础较好: '一般', 后劲充足: '较好', 创先争优意愿较强: '一般' });
    await decide(page, NO, '暂缓', '', '后劲有待观察');
    const card = page.getByRole('article', { name: NO });
    assert.equal(await card.getByRole('status').textContent(), '遴选结果：暂缓。');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), `${NO}（暂缓）`);
    // Still open: it can be decided later, and the 暂缓 stays on the card after it.
    await card.getByRole('form', { name: `遴选决定 ${NO}` }).waitFor();
    await decide(page, NO, '不予入选', '', '复议后不予入选');
    await card.getByRole('definition').filter({ hasText: '2026-04-10 暂缓：后劲有待观察' }).waitFor();
    assert.equal(await card.getByRole('term').filter({ hasText: '此前暂缓' }).count(), 1);
    // The printed list keeps it too, beside the final decision's reason (it dropped it).
    const row = page.getByRole('table', { name: '申报名单' }).getByRole('row').filter({ hasText: NO });
    assert.match(await row.getByRole('cell').last().textContent(), /^此前 2026-04-10 暂缓：后劲有待观察复议后不予入选$/);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('an application with its name typed wrong is corrected through 修改申报, keeping its rating', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await at(page, '2026-04-10', '#/applications');
    await page.getByRole('heading', { level: 1, name: '申报遴选' }).waitFor();
    const TYPO = '市档案馆机关党支布';
    await apply(page, TYPO);
    await apply(page, NO);
    await rate(page, TYPO, { 基础较好: '好', 后劲充足: '较好', 创先争优意愿较强: '一般' });
    await page.getByRole('button', { name: `修改申报 ${TYPO}` }).click();
    const edit = page.getByRole('form', { name: `修改申报 ${TYPO}` });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '申报单位名称');
    // Another application's name: refused, and said.
    await edit.getByLabel('申报单位名称').fill(NO);
    await edit.getByRole('button', { name: '保存修改' }).click();
    await edit.getByRole('alert').filter({ hasText: `「${NO}」已有一份待决定的申报` }).waitFor();
    // What is typed survives leaving the page.
    await edit.getByLabel('申报单位名称').fill(YES);
    await edit.getByLabel('责任人').fill('李强');
    await nav(page, '单位');
    await nav(page, '申报遴选');
    const back = page.getByRole('form', { name: `修改申报 ${TYPO}` });
    assert.equal(await back.getByLabel('申报单位名称').inputValue(), YES);
    await back.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存修改。').waitFor();
    const card = page.getByRole('article', { name: YES });
    await card.getByRole('definition').filter({ hasText: '李强' }).waitFor();
    await card.getByRole('definition').filter({ hasText: '基础较好：好；后劲充足：较好；创先争优意愿较强：一般' }).waitFor();
    assert.equal(await page.getByRole('article', { name: TYPO }).count(), 0);
    await page.reload();
    await page.getByRole('article', { name: YES }).getByRole('definition').filter({ hasText: '李强' }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('a unit 摘牌 that applies again is said to be on the roster already, and goes back to 创建中', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await at(page, '2026-04-10', '#/units');
    const form = page.getByRole('form', { name: '添加单位' });
    await form.getByLabel('名称', { exact: true }).fill(YES);
    await form.getByLabel('入选年份', { exact: true }).fill('2022');
    await form.getByLabel('当前状态', { exact: true }).selectOption('摘牌');
    await form.getByLabel('责任人', { exact: true }).fill('郭文博');
    await form.getByRole('button', { name: '添加单位' }).click();
    await page.getByRole('link', { name: YES, exact: true }).waitFor();
    await nav(page, '申报遴选');
    await apply(page, YES);
    await rate(page, YES, { 基础较好: '好', 后劲充足: '较好', 创先争优意愿较强: '好' });
    const decision = page.getByRole('form', { name: `遴选决定 ${YES}` });
    await decision.getByLabel('遴选结果').selectOption({ label: '入选培育' });
    await decision.getByLabel('决定日期').fill('2026-04-10');
    await decision.getByLabel('决定文号').fill('市直工委〔2026〕8号');
    await decision.getByLabel('决定说明').fill('整改到位，重新入选');
    await decision.getByRole('button', { name: '确认遴选结果' }).click();
    const dialog = page.getByRole('dialog', { name: '确认遴选结果' });
    const asked = await dialog.textContent();
    // Its roster entry takes the application's 责任人 and the rest, and the clerk is told.
    assert.match(asked, /该单位已在名册中，状态将由“摘牌”改为“创建中”，决定记入其状态履历；名册中的系统\/行业由“（空）”改为“综合管理系统”，责任人由“郭文博”改为“王芳”，联系方式由“（空）”改为“13800000000”（按申报书）。决定后不能再修改/);
    assert.doesNotMatch(asked, /将列入名册/);
    await dialog.getByRole('button', { name: '确认', exact: true }).click();
    await page.getByText('遴选结果：入选培育，已列入名册（状态为“创建中”），名册信息已按申报书更新。').waitFor();
    await nav(page, '单位');
    const row = page.getByRole('table', { name: '单位名册' }).getByRole('row').filter({ hasText: YES });
    await row.filter({ hasText: '创建中' }).waitFor();
    assert.match(await row.textContent(), /王芳/);
    assert.doesNotMatch(await row.textContent(), /郭文博/);
    assert.equal(await page.getByRole('table', { name: '单位名册' }).getByRole('link', { name: YES, exact: true }).count(), 1, 'one unit, not a second');
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('a site named three years ago is listed for 复查, not before; a recorded 复查 takes it off until the next', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await at(page, '2026-05-01', '#/units');
    const SITE = '市档案馆机关党支部';
    const form = page.getByRole('form', { name: '添加单位' });
    await form.getByLabel('名称', { exact: true }).fill(SITE);
    await form.getByLabel('入选年份', { exact: true }).fill('2022');
    await form.getByLabel('当前状态', { exact: true }).selectOption('创建中');
    await form.getByRole('button', { name: '添加单位' }).click();
    await page.getByRole('link', { name: SITE, exact: true }).click();
    const change = page.getByRole('form', { name: '变更状态' });
    await change.getByLabel('新状态').selectOption('已授牌');
    await change.getByLabel('变更日期').fill('2023-05-10');
    await change.getByLabel('变更理由').fill('创建期满，考评良好');
    await change.getByLabel('文号').fill('市直工委〔2023〕9号');
    await change.getByRole('button', { name: '确认变更' }).click();
    await page.getByRole('dialog', { name: '确认状态变更' }).getByRole('button', { name: '确认', exact: true }).click();
    await page.getByText('已将状态变更为“已授牌”').waitFor();

    // 2026-05-01: not yet three years (due 2026-05-10).
    await at(page, '2026-05-01', '#/lifecycle');
    await page.getByText('没有到期复查的示范点。').waitFor();
    // 2026-05-10: three years to the day.
    await at(page, '2026-05-10', '#/lifecycle');
    const table = page.getByRole('table', { name: '到期复查' });
    const cells = await table.getByRole('row').nth(1).allTextContents();
    assert.match(cells[0], new RegExp(`${SITE}已授牌2023-05-102026-05-10授牌满3年3年—`));

    // The 复查 is recorded: a date still to come, or 不合格 without saying why, is refused.
    await table.getByRole('button', { name: `记录复查：${SITE}` }).click();
    const review = page.getByRole('form', { name: `记录复查：${SITE}` });
    assert.equal(await review.getByLabel('复查日期').inputValue(), '2026-05-10', 'today to begin with');
    // The conclusion is chosen, not preset: saved at once, nothing is recorded.
    await review.getByRole('button', { name: '保存复查记录' }).click();
    await review.getByRole('alert').filter({ hasText: '请选择复查结论（合格或不合格）' }).waitFor();
    // The field at fault is marked and has the keyboard (a clerk's review: none was).
    assert.equal(await review.getByLabel('复查结论').getAttribute('aria-invalid'), 'true');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '复查结论');
    assert.equal(await table.getByRole('row').count(), 2, 'still due');
    await review.getByLabel('复查结论').selectOption({ label: '合格' });
    await review.getByLabel('复查日期').fill('2026-05-20');
    await review.getByRole('button', { name: '保存复查记录' }).click();
    await review.getByRole('alert').filter({ hasText: `单位「${SITE}」的复查日期「2026-05-20」晚于今天，请核对` }).waitFor();
    await review.getByLabel('复查日期').fill('2026-05-08');
    await review.getByLabel('复查结论').selectOption({ label: '不合格' });
    await review.getByRole('button', { name: '保存复查记录' }).click();
    await review.getByRole('alert').filter({ hasText: '复查不合格的，请在“情况说明”中写明存在的问题' }).waitFor();
    assert.equal(await review.getByLabel('情况说明').getAttribute('aria-invalid'), 'true');
    assert.equal(await review.getByLabel('复查结论').getAttribute('aria-invalid'), null);
    assert.equal(await table.getByRole('row').count(), 2, 'still due');
    await review.getByLabel('复查结论').selectOption({ label: '合格' });
    await review.getByLabel('情况说明').fill('阵地、台账齐全');
    await review.getByRole('button', { name: '保存复查记录' }).click();
    await page.getByText(`已记录「${SITE}」的复查（合格）。`).waitFor();
    await page.getByText('没有到期复查的示范点。').waitFor();
    assert.equal(await review.count(), 0, 'the form closed');
    // Kept: after a reload it is still off the list, and on the site's page.
    await page.reload();
    await page.getByText('没有到期复查的示范点。').waitFor();
    await at(page, '2026-05-10', '#/units');
    await page.getByRole('link', { name: SITE, exact: true }).click();
    assert.deepEqual(await page.getByRole('list', { name: '复查记录' }).getByRole('listitem').allTextContents(), ['2026-05-08 合格：阵地、台账齐全 删除']);
    // Three years on it falls due again, the last 复查 shown.
    await at(page, '2029-05-10', '#/lifecycle');
    assert.match(await table.getByRole('row').nth(1).textContent(), new RegExp(`${SITE}已授牌2023-05-102029-05-10授牌满6年6年2026-05-08 合格：阵地、台账齐全`));
    // From the due list, a date more than a year before 2029-05-10 does not count: refused.
    await table.getByRole('button', { name: `记录复查：${SITE}` }).click();
    await review.getByLabel('复查日期').fill('2027-06-01');
    await review.getByLabel('复查结论').selectOption({ label: '合格' });
    await review.getByRole('button', { name: '保存复查记录' }).click();
    await review.getByRole('alert').filter({ hasText: '复查日期 2027-06-01 早于 2028-05-10，不算 2029-05-10 到期的这次复查' }).waitFor();
    await review.getByRole('button', { name: '取消' }).click();
    // The keyboard goes back to the row's 记录复查, not the page's top (a clerk's review).
    await page.waitForFunction((name) => document.activeElement?.getAttribute('aria-label') === name, `记录复查：${SITE}`);
    // On the site's page: one held early (before the list shows it) is recorded there,
    // and the site leaves the list; deleted as entered by mistake (confirmed), it is due.
    await at(page, '2029-05-10', '#/units');
    await page.getByRole('link', { name: SITE, exact: true }).click();
    await page.getByRole('button', { name: '记录复查', exact: true }).click();
    const early = page.getByRole('form', { name: `记录复查：${SITE}` });
    await early.getByLabel('复查日期').fill('2029-04-20');
    await early.getByLabel('复查结论').selectOption({ label: '不合格' });
    await early.getByLabel('情况说明').fill('台账不全，限期补齐');
    await early.getByRole('button', { name: '保存复查记录' }).click();
    await page.getByText(`已记录「${SITE}」的复查（不合格）。需要警示或摘牌的，请在单位页面用“变更状态”办理。`).waitFor();
    const done = page.getByRole('list', { name: '复查记录' }).getByRole('listitem');
    assert.deepEqual(await done.allTextContents(), ['2029-04-20 不合格：台账不全，限期补齐 删除', '2026-05-08 合格：阵地、台账齐全 删除']);
    // The keyboard is back on 记录复查, not at the page's top (a clerk's re-test).
    await page.waitForFunction(() => document.activeElement?.id === 'record-review');
    await at(page, '2029-05-10', '#/lifecycle');
    await page.getByText('没有到期复查的示范点。').waitFor();
    await at(page, '2029-05-10', '#/units');
    await page.getByRole('link', { name: SITE, exact: true }).click();
    await page.getByRole('button', { name: '删除复查记录：2029-04-20' }).click();
    const confirm = page.getByRole('dialog', { name: '确认删除复查记录' });
    assert.match(await confirm.textContent(), /将删除2029-04-20的复查记录/);
    await confirm.getByRole('button', { name: '删除', exact: true }).click();
    await page.getByText('已删除2029-04-20的复查记录。').waitFor();
    assert.deepEqual(await done.allTextContents(), ['2026-05-08 合格：阵地、台账齐全 删除']);
    await at(page, '2029-05-10', '#/lifecycle');
    await table.getByRole('row').filter({ hasText: SITE }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('a site entered already 已授牌 gets its 授牌日期 recorded afterwards and falls due for 复查', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await at(page, '2026-05-10', '#/units');
    const SITE = '市档案馆机关党支部';
    const OTHER = '市统计局机关党支部';
    const form = page.getByRole('form', { name: '添加单位' });
    for (const name of [SITE, OTHER]) {
      await form.getByLabel('名称', { exact: true }).fill(name);
      await form.getByLabel('入选年份', { exact: true }).fill('2021');
      await form.getByLabel('当前状态', { exact: true }).selectOption('已授牌');
      await form.getByText('请在单位页面“补记授牌信息”').waitFor();
      await form.getByRole('button', { name: '添加单位' }).click();
      await page.getByRole('link', { name, exact: true }).waitFor();
    }
    // With no 授牌日期 nothing can fall due.
    await at(page, '2026-05-10', '#/lifecycle');
    await page.getByText('没有到期复查的示范点。').waitFor();
    await at(page, '2026-05-10', '#/units');
    await page.getByRole('link', { name: OTHER, exact: true }).click();
    await page.getByRole('button', { name: '补记授牌信息' }).click();
    let naming = page.getByRole('form', { name: '补记授牌信息' });
    await naming.getByLabel('授牌日期').fill('2023-06-01');
    await naming.getByLabel('牌匾编号').fill('SF-2022-01');
    await naming.getByRole('button', { name: '保存授牌信息' }).click();
    await page.getByText('已补记授牌信息。').waitFor();
    await at(page, '2026-05-10', '#/units');
    await page.getByRole('link', { name: SITE, exact: true }).click();
    await page.getByText('还没有授牌日期').waitFor();
    await page.getByRole('button', { name: '补记授牌信息' }).click();
    naming = page.getByRole('form', { name: '补记授牌信息' });
    // Before it entered the programme, or a plaque another site holds: refused, and said.
    await naming.getByLabel('授牌日期').fill('2020-12-01');
    await naming.getByLabel('牌匾编号').fill('ＳＦ-2022-01');
    await naming.getByRole('button', { name: '保存授牌信息' }).click();
    await naming.getByRole('alert').filter({ hasText: `单位「${SITE}」的授牌日期「2020-12-01」早于其入选年份（2021年）` }).waitFor();
    await naming.getByLabel('授牌日期').fill('2021-07-01');
    await naming.getByRole('button', { name: '保存授牌信息' }).click();
    await naming.getByRole('alert').filter({ hasText: `牌匾编号「SF-2022-01」已是「${OTHER}」的` }).waitFor();
    await naming.getByLabel('牌匾编号').fill('SF-2021-03');
    await naming.getByRole('button', { name: '保存授牌信息' }).click();
    await page.getByText('已补记授牌信息。').waitFor();
    const facts = page.getByRole('definition');
    await facts.filter({ hasText: 'SF-2021-03' }).waitFor();
    await facts.filter({ hasText: '2021-07-01' }).waitFor();
    await page.getByText('尚无状态变更记录。').waitFor();
    // Named 2021-07-01 (a three-year period): due 2024-07-01; the other, named
    // 2023-06-01, not before 2026-06-01.
    await at(page, '2026-05-10', '#/lifecycle');
    const table = page.getByRole('table', { name: '到期复查' });
    await table.waitFor();
    assert.equal(await table.getByRole('row').count(), 2, 'a header and one site');
    assert.match(await table.getByRole('row').nth(1).textContent(), new RegExp(`${SITE}已授牌2021-07-012024-07-01`));

    // One entered already 警示 records the deadline it was given too.
    const WARNED = '市地震局机关党支部';
    await at(page, '2026-05-10', '#/units');
    await form.getByLabel('名称', { exact: true }).fill(WARNED);
    await form.getByLabel('入选年份', { exact: true }).fill('2021');
    await form.getByLabel('当前状态', { exact: true }).selectOption('警示');
    await form.getByRole('button', { name: '添加单位' }).click();
    await page.getByRole('link', { name: WARNED, exact: true }).click();
    await page.getByRole('button', { name: '补记授牌信息' }).click();
    naming = page.getByRole('form', { name: '补记授牌信息' });
    await naming.getByLabel('授牌日期').fill('2022-06-01');
    await naming.getByLabel('整改期限').fill('2026-09-30');
    await naming.getByRole('button', { name: '保存授牌信息' }).click();
    await page.getByText('已补记授牌信息。').waitFor();
    await facts.filter({ hasText: '2026-09-30' }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('with the sample city: a rule switched off no longer proposes; the screens (screenshots)', async () => {
  const { server: s, browser, page } = await sampleCity();
  try {
    await page.goto(`${s.url}?clock=2026-06-30#/lifecycle`);
    await page.getByRole('heading', { level: 1, name: '动态管理' }).waitFor();
    const proposals = page.locator('ul.proposals > li');
    await proposals.first().waitFor();
    const before = await proposals.allTextContents();
    const warnings = before.filter((t) => t.includes('已授牌 → 警示') && t.includes('考评不合格'));
    assert.ok(warnings.length >= 1, `the sample has a 不合格 → 警示 proposal: ${before.join(' | ')}`);
    // The 复查 list has the sample's sites named in 2022 or 2023 (December), e.g. one
    // named in December 2022 is due in December 2025.
    const reviews = page.getByRole('table', { name: '到期复查' });
    assert.ok(await reviews.getByRole('row').count() > 1);
    // One of them had a yearly check, shown as its last 复查; the one reviewed in 2024
    // is not due.
    const checked = reviews.getByRole('row').filter({ hasText: '2023-12-05 合格：年度检查，运行正常' });
    await checked.waitFor();
    // Another yearly check recorded against this 复查 would leave it due: refused, and said.
    await checked.getByRole('button', { name: /^记录复查：/ }).click();
    const form = page.getByRole('form', { name: /^记录复查：/ });
    await form.getByLabel('复查日期').fill('2023-12-06');
    await form.getByLabel('复查结论').selectOption({ label: '合格' });
    await form.getByRole('button', { name: '保存复查记录' }).click();
    await form.getByRole('alert').filter({ hasText: '复查日期 2023-12-06 早于 2024-12-13，不算 2025-12-13 到期的这次复查' }).waitFor();
    // Going to another row keeps what was typed, and says so; back, it is there.
    const checkedName = (await checked.getByRole('rowheader').textContent()).trim();
    await reviews.getByRole('row').filter({ hasNotText: '2023-12-05' }).nth(1).getByRole('button', { name: /^记录复查：/ }).click();
    await page.getByText(`「${checkedName}」的复查记录尚未保存，填写的内容已保留：再点该行的“记录复查”可继续填写。`).waitFor();
    await checked.getByRole('button', { name: /^记录复查：/ }).click();
    assert.equal(await page.getByRole('form', { name: `记录复查：${checkedName}` }).getByLabel('复查日期').inputValue(), '2023-12-06');
    await form.getByRole('button', { name: '取消' }).click();
    assert.equal(await reviews.getByRole('row').filter({ hasText: '2021-12-12' }).count(), 0);
    await page.screenshot({ path: join(SHOTS, 'lifecycle.png'), fullPage: true });

    const rules = page.getByRole('form', { name: '动态管理规则' });
    await rules.getByRole('checkbox', { name: '已授牌单位考评不合格 → 警示' }).uncheck();
    await rules.getByRole('button', { name: '保存规则' }).click();
    await page.getByText('已保存动态管理规则。').waitFor();
    let after;
    for (let i = 0; i < 50; i++) {
      after = await proposals.allTextContents();
      if (after.length === before.length - warnings.length) break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    assert.equal(after.length, before.length - warnings.length);
    assert.ok(!after.some((t) => t.includes('已授牌 → 警示') && t.includes('考评不合格')));
    // The setting is kept: after a reload the box is still unchecked.
    await page.reload();
    await page.getByRole('form', { name: '动态管理规则' }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: '已授牌单位考评不合格 → 警示' }).isChecked(), false);
    // A change of months saved and then undone: the form shows the months in force
    // again, not the undone ones (a clerk's review).
    const months = page.getByRole('form', { name: '动态管理规则' }).getByLabel('警示后的整改期限（月）');
    const monthsBefore = await months.inputValue();
    await months.fill('9');
    await page.getByRole('form', { name: '动态管理规则' }).getByRole('button', { name: '保存规则' }).click();
    await page.getByText('已保存动态管理规则。').waitFor();
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await page.getByText('已撤销：保存动态管理规则').waitFor();
    for (let t = 0; (await months.inputValue()) !== monthsBefore; t++) {
      assert.ok(t < 50, 'the form follows the undo');
      await page.waitForTimeout(100);
    }

    await page.goto(`${s.url}?clock=2026-06-30#/applications`);
    const list = page.getByRole('table', { name: '申报名单' });
    await list.waitFor();
    assert.equal(await list.getByRole('row').count(), 6); // header + five applications
    assert.match(await list.getByRole('row').filter({ hasText: '市图书馆党支部' }).textContent(), /入选培育/);
    // One year's list: the printed 遴选名单's title names the year.
    await page.getByLabel('申报年度', { exact: true }).selectOption({ label: '2026年' });
    await page.getByRole('status').filter({ hasText: '2026年共5份申报' }).waitFor();
    assert.equal(await page.locator('.print-title').textContent(), '2026年度示范点创建单位申报遴选名单');
    assert.equal(await list.getByRole('row').count(), 6);
    await page.getByLabel('申报年度', { exact: true }).selectOption({ label: '全部年度' });
    assert.equal(await page.locator('.print-title').textContent(), '示范点创建单位申报遴选名单（各年度）');
    // Printed, the ten columns go on numbered A4 landscape pages, the header row
    // repeated, so that a unit's name is not squeezed into a narrow column.
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await page.evaluate(() => {
      const css = (sel) => getComputedStyle(document.querySelector(sel));
      return [css('.applications').page, css('.applications-list thead').display];
    }), ['landscape', 'table-header-group']);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: join(SHOTS, 'applications.png') });
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await s.close();
  }
});
