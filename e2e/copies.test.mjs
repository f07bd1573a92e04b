// Several task copies in one browser (issue 13, must-show 3): an assessor in two rounds
// opens both task files in one browser, scores in each, exports both returns, switches
// between the two in one click, and the committee imports both. The browser's first data
// and the second task never mix; a task file opened again finds its copy with the work
// kept; a copy can be removed on its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve, profile, openApp, SHOTS, backupState } from './harness.mjs';

let server, committee, assessorBrowser, page, dir;
before(async () => {
  server = await serve();
  [committee, assessorBrowser] = await Promise.all([profile(), profile()]);
  dir = await mkdtemp(join(tmpdir(), 'exemplar-copies-'));
  page = await openApp(committee.context, server.url, '#/data');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByText('已载入示例数据').waitFor();
});
after(async () => {
  await Promise.all([committee?.close(), assessorBrowser?.close()]);
  await server?.close();
});

async function download(p, button) {
  const [d] = await Promise.all([p.waitForEvent('download'), button.click()]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return path;
}

/** The committee's task file for the first assessor of a round. */
async function assessorTask(round) {
  await page.goto(server.url + '#/exchange');
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  await page.getByLabel('考评轮次').selectOption({ label: round });
  const button = page.getByRole('list', { name: '发给评委的任务文件' }).getByRole('button').first();
  const name = (await button.textContent()).replace('导出任务文件：', '');
  return { name, path: await download(page, button) };
}

/** Imports one file through 导入文件 and confirms; returns the preview's notes. */
async function openFile(p, path) {
  await p.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '导入文件' }).click();
  await p.getByLabel('选择要导入的文件').setInputFiles(path);
  await p.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
  const preview = await p.locator('main').textContent();
  await p.getByRole('button', { name: '确认导入' }).click();
  return preview;
}

/** The first cell of the grid: its name (unit and indicator) and a new value for it. */
async function changeFirstCell(p) {
  const cell = p.getByRole('grid').getByRole('textbox').first();
  const name = await cell.getAttribute('aria-label');
  const value = (await cell.inputValue()) === '0.5' ? '1.5' : '0.5';
  await cell.click();
  await p.keyboard.type(value);
  await p.keyboard.press('Enter');
  await p.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  return { name, value };
}

/** Opens a page of the assessor's browser (a task copy: the task navigation). */
async function openTaskPage(url) {
  const p = await assessorBrowser.context.newPage();
  p.errors = [];
  p.on('pageerror', (e) => p.errors.push(String(e)));
  await p.goto(url);
  await p.getByRole('navigation', { name: '任务导航' }).waitFor();
  return p;
}

const cellValue = (p, name) => p.getByRole('grid').getByRole('textbox', { name, exact: true }).inputValue();
const headline = (p) => p.getByRole('note').filter({ hasText: '您正在以评委' });
const switcher = (p) => p.getByRole('navigation', { name: '切换数据' });

test('an assessor in two rounds: two copies in one browser, both returns imported by the committee', async () => {
  const a = await assessorTask('2026年度考评');
  const b = await assessorTask('2025年度考评');

  // The first task file opens in the empty browser, as it always did.
  const p = await openApp(assessorBrowser.context, server.url, '#/exchange');
  await p.getByLabel('选择要导入的文件').setInputFiles(a.path);
  await p.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
  await p.getByRole('button', { name: '确认导入' }).click();
  await headline(p).filter({ hasText: `评委「${a.name}」身份填报 2026年度考评` }).waitFor();
  assert.equal(await switcher(p).count(), 0, 'one copy: no switcher');
  const cellA = await changeFirstCell(p);

  // The second, from another round, goes into a copy of its own, said in the preview.
  const notes = await openFile(p, b.path);
  assert.match(notes, new RegExp(`另存为一个任务副本「2025年度考评 · 评委「${b.name}」」`));
  await headline(p).filter({ hasText: `评委「${b.name}」身份填报 2025年度考评` }).waitFor();
  assert.match(p.url(), /\?copy=[0-9a-f]{12}#\/$/);
  await switcher(p).getByText(`2025年度考评 · 评委「${b.name}」`).waitFor();
  const cellB = await changeFirstCell(p);
  const returnB = await download(p, p.getByRole('button', { name: '导出报送文件' }));
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: join(SHOTS, 'copies.png') });

  // One click back to the first: its score is there, and the second task's is not in it.
  await switcher(p).getByRole('button', { name: `切换到：2026年度考评 · 评委「${a.name}」` }).click();
  await headline(p).filter({ hasText: '2026年度考评' }).waitFor();
  assert.equal(await cellValue(p, cellA.name), cellA.value);
  assert.doesNotMatch(p.url(), /copy=/);
  const mainBackup = await download(p, (await (async () => {
    await p.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '数据管理' }).click();
    return p.getByRole('button', { name: '导出备份' });
  })()));
  const mainState = backupState(await readFile(mainBackup, 'utf8'));
  assert.deepEqual(mainState.rounds.map((r) => r.name), ['2026年度考评'], 'the copies never mix');
  await p.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '我的任务' }).click();
  const returnA = await download(p, p.getByRole('button', { name: '导出报送文件' }));

  // And back again, after a reload: the second copy kept its score.
  await p.reload();
  await switcher(p).getByRole('button', { name: `切换到：2025年度考评 · 评委「${b.name}」` }).click();
  await headline(p).filter({ hasText: '2025年度考评' }).waitFor();
  assert.equal(await cellValue(p, cellB.name), cellB.value);

  // The committee imports both returns at once.
  await page.goto(server.url + '#/exchange');
  await page.getByLabel('选择要导入的文件').setInputFiles([returnA, returnB]);
  const verdicts = page.getByRole('list', { name: '文件检查结果' });
  await verdicts.getByRole('listitem').nth(1).waitFor();
  for (const item of await verdicts.getByRole('listitem').all()) {
    assert.match(await item.textContent(), /已接受.*签名已验证/);
  }
  const changes = page.getByRole('list', { name: '变化明细' });
  assert.equal(await changes.getByText(/^修改：.*评分表/).count(), 2, 'one changed sheet from each round');
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入 2 个文件').waitFor();
  assert.deepEqual([...p.errors, ...page.errors], []);
});

test('a page opened without naming a copy says which copy was in use before', async () => {
  // A clerk's review: after a restart the browser's first copy opens, and an assessor
  // typed one task's scores into the other task's sheet. The last test left the second
  // (2025) copy in use.
  const p = await openTaskPage(server.url + '#/');
  const said = p.getByText(/^上次使用的是「2025年度考评 · 评委「[^」]+」」，现在显示的是「2026年度考评 · 评委「[^」]+」」。如要接着填写/);
  await said.waitFor();
  await headline(p).filter({ hasText: '2026年度考评' }).waitFor();
  // The switch it names takes the person there, and says nothing more.
  await switcher(p).getByRole('button', { name: /^切换到：2025年度考评/ }).click();
  await headline(p).filter({ hasText: '2025年度考评' }).waitFor();
  assert.equal(await p.getByText(/^上次使用的是/).count(), 0, 'chosen: nothing to say');
  // Once the first copy has been shown, the next page opened on it says nothing either.
  const q = await openTaskPage(server.url + '#/');
  await q.getByText(/^上次使用的是「2025年度考评/).waitFor();
  const r = await openTaskPage(server.url + '#/');
  await headline(r).filter({ hasText: '2026年度考评' }).waitFor();
  assert.equal(await r.getByText(/^上次使用的是/).count(), 0);
  assert.deepEqual([...p.errors, ...q.errors, ...r.errors], []);
  await Promise.all([p.close(), q.close(), r.close()]);
});

test('a task file opened again finds its copy with the work kept; a copy is removed on its own', async () => {
  const b = await assessorTask('2025年度考评');
  const p = await openTaskPage(server.url + '#/');
  await headline(p).filter({ hasText: '2026年度考评' }).waitFor();
  await switcher(p).getByRole('button', { name: /^切换到：2025年度考评/ }).click();
  await headline(p).filter({ hasText: '2025年度考评' }).waitFor();
  const kept = await p.getByRole('grid').getByRole('textbox').first().inputValue();
  const name = await p.getByRole('grid').getByRole('textbox').first().getAttribute('aria-label');

  // From the main data, the same task again: the preview says the copy is kept.
  await switcher(p).getByRole('button', { name: /^切换到：2026年度考评/ }).click();
  await headline(p).filter({ hasText: '2026年度考评' }).waitFor();
  // The main data is itself the 2026 task: its file opened again (as when the
  // committee exports it anew) updates it in place, keeping the work; no empty copy is
  // made beside the one filled in.
  const a = await assessorTask('2026年度考评');
  const kept2026 = await p.getByRole('grid').getByRole('textbox').first().inputValue();
  const update = await openFile(p, a.path);
  assert.match(update, /工委新增或修改的记录将导入，本副本中已填写的内容保留/);
  await p.getByText('数据未改变').waitFor();
  assert.equal(await switcher(p).getByRole('button').count(), 1, 'no third copy');
  await p.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '我的任务' }).click();
  await headline(p).filter({ hasText: '2026年度考评' }).waitFor();
  assert.equal(await p.getByRole('grid').getByRole('textbox').first().inputValue(), kept2026);
  const notes = await openFile(p, b.path);
  assert.match(notes, /已有这份任务的副本.*已填写的内容保留/);
  await headline(p).filter({ hasText: '2025年度考评' }).waitFor();
  assert.equal(await cellValue(p, name), kept, 'the file did not overwrite the work');
  assert.equal(await switcher(p).getByRole('button').count(), 1, 'still two copies');

  // From the 2025 copy, the 2026 task file again: the main data holds that task, so
  // the browser goes back to it with its work; no second, empty 2026 copy is made
  // (a clerk's review: two entries of the same name, one of them empty).
  const back = await openFile(p, a.path);
  assert.match(back, /已有这份任务的副本.*已填写的内容保留/);
  await headline(p).filter({ hasText: '2026年度考评' }).waitFor();
  assert.doesNotMatch(p.url(), /copy=/);
  await p.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '我的任务' }).click();
  assert.equal(await p.getByRole('grid').getByRole('textbox').first().inputValue(), kept2026);
  assert.equal(await switcher(p).getByRole('button').count(), 1, 'still two copies');
  await switcher(p).getByRole('button', { name: /^切换到：2025年度考评/ }).click();
  await headline(p).filter({ hasText: '2025年度考评' }).waitFor();

  // Removing this copy asks, then shows the main data; the other copy is untouched.
  await p.getByRole('navigation', { name: '任务导航' }).getByRole('link', { name: '数据管理' }).click();
  await p.getByRole('button', { name: '删除此任务副本' }).waitFor();
  // A copy beside others is removed whole; it offers neither clearing nor the sample.
  assert.equal(await p.getByRole('button', { name: '清空全部数据' }).count(), 0);
  assert.equal(await p.getByRole('button', { name: '载入示例数据' }).count(), 0);
  await p.getByRole('button', { name: '删除此任务副本' }).click();
  const dialog = p.getByRole('dialog', { name: '确认删除任务副本' });
  assert.match(await dialog.textContent(), /2025年度考评/);
  await dialog.getByRole('button', { name: '删除副本' }).click();
  await headline(p).filter({ hasText: '2026年度考评' }).waitFor();
  assert.equal(await switcher(p).count(), 0, 'one copy left: no switcher');

  // A bookmark to the removed copy says so and shows the main data.
  const stale = await openTaskPage(server.url + '?copy=0123456789ab#/');
  await stale.getByText('本浏览器中没有这份任务副本').waitFor();
  await headline(stale).filter({ hasText: '2026年度考评' }).waitFor();
  assert.deepEqual([...p.errors, ...stale.errors], []);
});

test('a unit that was delisted during the year is told so at the top of its task, before any form refuses it', async () => {
  // A clerk's review: 我的任务 asked a delisted unit for outcomes and pairing activities
  // as if it were a site, and the first sign was a refused outcome.
  await page.goto(server.url + '#/exchange');
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  await page.getByLabel('考评轮次').selectOption({ label: '2026年度考评' });
  const path = await download(page, page.getByRole('list', { name: '发给单位的任务文件' })
    .getByRole('button', { name: '导出任务文件：市政务服务中心综合科党支部', exact: true }));
  const fresh = await profile();
  try {
    const p = await openApp(fresh.context, server.url, '#/exchange');
    await p.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
    await p.getByLabel('选择要导入的文件').setInputFiles(path);
    await p.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
    await p.getByRole('button', { name: '确认导入' }).click();
    await p.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
    const note = p.getByRole('note', { name: '本单位状态' });
    assert.match(
      await note.textContent(),
      /^本单位已于 \d{4}-\d{2}-\d{2} 摘牌（[^）]*〔\d{4}〕\d+号），此后不再是示范点：此后日期的成果、结对活动不再登记。/,
    );
    await p.reload();
    await note.waitFor();
    assert.deepEqual(p.errors, []);
  } finally { await fresh.close(); }
});
