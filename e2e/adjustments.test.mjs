// 加减分和一票否决 on a unit's breakdown (the total and the grade follow, kept after
// reload), and 导出排名表 on 结果 (Excel or CSV; the CSV with BOM, header and a line per unit).
// Elements are found by role and label only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sampleCity } from './harness.mjs';

let server, browser, page;
before(async () => {
  ({ server, browser, page } = await sampleCity());
});
after(async () => { await browser?.close(); await server?.close(); });

const ranking = () => page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '总分' }) });
const editor = () => page.getByRole('group', { name: '加减分和一票否决' });
// The facts list: 考评轮次, 总分, 等次, 排名, ...
const total = async () => Number(await page.getByRole('definition').nth(1).innerText());
const grade = async () => (await page.getByRole('definition').nth(2).innerText()).trim();

async function openResults() {
  await page.goto(server.url + '#/results');
  await page.getByRole('heading', { level: 1, name: '结果' }).waitFor();
  await ranking().waitFor();
}

/** Opens the breakdown of a graded unit with no bonus and no veto; returns its href. */
async function openPlainUnit() {
  await openResults();
  const links = ranking().getByRole('link');
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs) {
    await page.goto(server.url + href);
    await page.getByRole('heading', { level: 1, name: /得分明细$/ }).waitFor();
    const plain = await page.getByText('加分：无。', { exact: true }).count();
    if (plain && (await grade()) !== '不合格' && !Number.isNaN(await total())) return href;
  }
  throw new Error('no unit without bonus in the sample');
}

test('a bonus raises the total, a veto fails the unit until deleted, kept after reload', async () => {
  const href = await openPlainUnit();
  const before = await total();
  const form = editor();
  const select = form.getByLabel('项目');
  const option = select.getByRole('option', { name: /^获市级表彰（\+[\d.]+分）$/ });
  const label = (await option.textContent()).trim();
  const points = Number(label.match(/（\+([\d.]+)分）/)[1]);
  await select.selectOption({ label });
  await form.getByLabel('次数').fill('1');
  await form.getByLabel('加减分说明').fill('市级表彰文件');
  await form.getByRole('button', { name: '添加' }).click();
  await form.getByRole('button', { name: '删除 获市级表彰' }).waitFor();
  assert.equal(Math.round((await total()) * 100), Math.round((before + points) * 100), 'the total rises by the bonus (under the cap)');
  const gradeWithBonus = await grade();
  assert.ok(!gradeWithBonus.startsWith('不合格'));

  // A veto: the count field goes away, the grade becomes 不合格.
  const veto = select.getByRole('option').filter({ hasNotText: '分）' }).last();
  const vetoName = (await veto.textContent()).trim();
  await select.selectOption({ label: vetoName });
  assert.equal(await form.getByLabel('次数').count(), 0, 'no count for a veto');
  // It decides the grade whatever the scores: asked first; Esc records nothing.
  await form.getByRole('button', { name: '添加' }).click();
  const confirmVeto = page.getByRole('dialog', { name: '确认一票否决' });
  await confirmVeto.waitFor();
  assert.match(await confirmVeto.textContent(), new RegExp(`“${vetoName}”：本轮等次将定为不合格`));
  await page.keyboard.press('Escape');
  await confirmVeto.waitFor({ state: 'hidden' });
  assert.equal(await form.getByRole('button', { name: `删除 ${vetoName}` }).count(), 0, 'nothing recorded');
  assert.equal(await grade(), gradeWithBonus);
  await form.getByRole('button', { name: '添加' }).click();
  await confirmVeto.getByRole('button', { name: '登记一票否决' }).click();
  await form.getByRole('button', { name: `删除 ${vetoName}` }).waitFor();
  assert.match(await grade(), /^不合格/);

  // Deleting it is asked too (a clerk's review: one stray Enter took it away unasked);
  // 取消 keeps it, 删除 takes it, and the keyboard goes to 项目, not the page's top.
  const askRemove = page.getByRole('dialog', { name: '确认删除加减分' });
  await form.getByRole('button', { name: `删除 ${vetoName}` }).click();
  await askRemove.waitFor();
  // What it does is said in figures: the grade back from 不合格 (a clerk's review).
  assert.match(await askRemove.textContent(), /删除后总分(仍为|由).*等次由“不合格”变为“/);
  await askRemove.getByRole('button', { name: '取消' }).click();
  await askRemove.waitFor({ state: 'hidden' });
  assert.match(await grade(), /^不合格/, 'kept when not confirmed');
  await form.getByRole('button', { name: `删除 ${vetoName}` }).click();
  await askRemove.getByRole('button', { name: '删除', exact: true }).click();
  await form.getByRole('button', { name: `删除 ${vetoName}` }).waitFor({ state: 'detached' });
  assert.equal(await grade(), gradeWithBonus, 'the grade returns once the veto is deleted');
  await page.waitForFunction(() => document.activeElement?.id === 'adjust-item');
  assert.equal(await form.getByLabel('项目').evaluate((e) => e === document.activeElement), true);

  // Bad count is refused with a message, nothing added.
  await select.selectOption({ label });
  await form.getByLabel('次数').fill('0');
  await form.getByRole('button', { name: '添加' }).click();
  await page.getByRole('alert').filter({ hasText: '次数应为1到99之间的整数' }).waitFor();
  assert.equal(await form.getByRole('button', { name: '删除 获市级表彰' }).count(), 1);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: /得分明细$/ }).waitFor();
  assert.equal(page.url(), server.url + href);
  await editor().getByRole('button', { name: '删除 获市级表彰' }).waitFor();
  assert.equal(Math.round((await total()) * 100), Math.round((before + points) * 100), 'kept after reload');
  assert.equal(await grade(), gradeWithBonus);

  // The report card the unit receives says how its total is made, so the dimension
  // subtotals and the bonus add up to it.
  await page.goto(server.url + href + '/card');
  await page.getByRole('heading', { level: 1, name: /年度考评报告$/ }).waitFor();
  const facts = await page.locator('dl.facts--card').innerText();
  assert.match(facts, new RegExp(`其中\\s+指标得分 [\\d.]+，加分 \\+${points}(，|\\s|$)`), facts);
  assert.deepEqual(page.errors, []);
});

test('导出排名表（CSV） downloads a CSV with BOM, the header and a line per unit', async () => {
  await openResults();
  const units = await ranking().getByRole('rowgroup').nth(1).getByRole('row').count();
  const round = await page.getByLabel('考评轮次', { exact: true }).evaluate((s) => s.selectedOptions[0].textContent);
  const headers = (await ranking().getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出排名表（CSV）', exact: true }).click(),
  ]);
  const name = download.suggestedFilename();
  // The sample's latest round is not published yet: the file says so in its name.
  assert.match(name, new RegExp(`^${round}-排名表（草稿）-\\d{8}-\\d{4}\\.csv$`));
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = bytes.subarray(3).toString('utf8');
  const lines = text.split('\r\n').filter((l) => l.length > 0);
  // The table's columns, with the unit's 系统/行业 beside its name, the grade's note
  // beside the grade, and the type the committee settled on (类型).
  const expected = headers.map((h) => (h === '类型建议' ? '类型' : h));
  expected.splice(expected.indexOf('单位') + 1, 0, '系统/行业');
  expected.splice(expected.indexOf('等次') + 1, 0, '等次说明');
  assert.equal(lines[0], expected.join(','), 'the header line');
  assert.equal(lines[0].split(',')[0], '排名');
  // A line per unit, then (after an empty line) the note on rounding and the draft mark.
  assert.equal(lines.length, 1 + units + 2, 'one line per unit, the note and the mark');
  assert.match(lines.at(-2), /^各项得分四舍五入保留两位小数显示；总分按未经舍入的得分计算，只在最后四舍五入一次/);
  assert.match(lines.at(-1), /^草稿：结果尚未发布。正式的分数、等次和排名以工委发布的为准。/);
  assert.deepEqual(page.errors, []);
});
