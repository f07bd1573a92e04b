// 数据管理: export a backup, clear all data, restore the backup, and the state is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { serve, profile, openApp, backupState } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await profile(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The "数据内容" line of the data page, e.g. "42 个单位、…". */
const contents = (page) => page.getByRole('definition').filter({ hasText: '个单位' });

test('backup, clear, restore brings the state back', async () => {
  const page = await openApp(browser.context, server.url, '#/data');
  // A backup of the empty browser, to be put over the sample data later.
  const [emptyDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出备份' }).click(),
  ]);
  const emptyPath = await emptyDownload.path();
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByText('已载入示例数据').waitFor();
  const full = await contents(page).textContent();
  // The empty backup over the city says it holds nothing (a clerk's review: it read
  // like any other), and 取消 changes nothing.
  await page.getByLabel('选择备份文件').setInputFiles(emptyPath);
  const emptyAsked = page.getByRole('dialog', { name: '确认从备份恢复' });
  assert.match(await emptyAsked.textContent(), /^.*这份备份中没有任何数据。将用备份文件 /);
  await emptyAsked.getByRole('button', { name: '取消' }).click();
  assert.equal(await contents(page).textContent(), full);
  assert.match(full, /^[1-9]\d* 个单位、[1-9]\d* 个考评方案版本、[1-9]\d* 个考评轮次/);
  // Everything a clear or a restore replaces is counted, 保障投入, 督导 and 申报 too.
  assert.match(full, /、[1-9]\d* 条保障投入、[1-9]\d* 次督导、\d+ 份申报$/);

  // Export: a JSON download named with date and time.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出备份' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^示范点考评-备份-\d{8}-\d{4}\.json$/);
  // Said on the page too, with the file's name.
  await page.getByRole('status').filter({ hasText: `已导出备份“${download.suggestedFilename()}”` }).waitFor();
  const backupPath = await download.path();
  const backup = JSON.parse(await readFile(backupPath, 'utf8'));
  // An exchange file of kind 完整备份: it names its maker and carries a checksum.
  assert.equal(backup.format, 'exemplar-exchange');
  assert.equal(backup.kind, 'backup');
  assert.equal(backup.made_by_name, '工委');
  assert.match(backup.checksum, /^[0-9a-f]{64}$/);
  // One digit changed on the way (a score, a year) is caught, and nothing changes.
  const tampered = join(dirname(backupPath), 'changed.json');
  const changed = backup.content.replace(/"entered_year":(\d+)/, (_, y) => `"entered_year":${Number(y) - 1}`);
  assert.notEqual(changed, backup.content);
  await writeFile(tampered, JSON.stringify({ ...backup, content: changed }));
  await page.getByLabel('选择备份文件').setInputFiles(tampered);
  await page.getByRole('alert').filter({ hasText: '校验' }).waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'no restore is offered');
  assert.equal(await contents(page).textContent(), full);

  // Restored at once, nothing saved since: nothing more is said. After a change saved
  // here, the question says that work goes too (a clerk's review: the counts alone,
  // the same on both sides, said nothing of it).
  await page.getByLabel('选择备份文件').setInputFiles(backupPath);
  const asked = page.getByRole('dialog', { name: '确认从备份恢复' });
  await asked.waitFor();
  assert.doesNotMatch(await asked.textContent(), /晚于这份备份/);
  await asked.getByRole('button', { name: '取消' }).click();
  await page.waitForTimeout(1100);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '单位' }).click();
  const add = page.getByRole('form', { name: '添加单位' });
  await add.getByLabel('名称', { exact: true }).fill('备份之后添加的党支部');
  await add.getByLabel('组织类型', { exact: true }).selectOption('党支部');
  await add.getByLabel('入选年份', { exact: true }).fill('2025');
  await add.getByRole('button', { name: '添加单位' }).click();
  await page.getByRole('link', { name: '备份之后添加的党支部', exact: true }).waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据管理' }).click();
  await page.getByLabel('选择备份文件').setInputFiles(backupPath);
  await asked.waitFor();
  assert.match(await asked.textContent(), /本浏览器中的数据最后保存于 .*，晚于这份备份：备份之后所做的修改都会被替换。/);
  await asked.getByRole('button', { name: '取消' }).click();

  // Clear: the confirm button stays disabled until the word is typed.
  await page.getByRole('button', { name: '清空全部数据' }).click();
  const dialog = page.getByRole('dialog', { name: '确认清空全部数据' });
  const confirm = dialog.getByRole('button', { name: '永久清空' });
  assert.equal(await confirm.isDisabled(), true);
  // The backup it asks for is made from the dialog, which stays open.
  assert.match(await dialog.textContent(), /请先点“导出备份”把数据存为文件/);
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: '导出备份' }).click(),
  ]);
  assert.match(saved.suggestedFilename(), /备份.*\.json$/);
  assert.ok(await dialog.isVisible(), 'still asked');
  await dialog.getByLabel('请输入“清空”以确认').fill('清空');
  await confirm.click();
  await page.getByText('已清空全部数据').waitFor();
  assert.match(await contents(page).textContent(), /^0 个单位、0 个考评方案版本、0 个考评轮次/);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
  assert.match(await contents(page).textContent(), /^0 个单位/);

  // Restore: the confirmation says what will be replaced by what.
  await page.getByLabel('选择备份文件').setInputFiles(backupPath);
  const restore = page.getByRole('dialog', { name: '确认从备份恢复' });
  await restore.waitFor();
  const message = await restore.textContent();
  assert.ok(message.includes(full), `the dialog names what the backup holds: ${message}`);
  assert.ok(message.includes('0 个单位'), 'and what it replaces');
  // Nothing here to keep: no snapshot is promised (none would be taken).
  assert.match(message, /本浏览器中还没有数据，不另存快照/);
  assert.doesNotMatch(message, /替换前会自动保存一份当前数据的快照/);
  await restore.getByRole('button', { name: '恢复' }).click();
  await page.getByText('已从备份恢复').waitFor();
  assert.equal(await contents(page).textContent(), full);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
  assert.equal(await contents(page).textContent(), full, 'the restored state was saved');
  // The same backup chosen again: the data is the backup's, so no later work is said
  // to go (a re-test: it was, the last save being later than the backup).
  await page.getByLabel('选择备份文件').setInputFiles(backupPath);
  const again = page.getByRole('dialog', { name: '确认从备份恢复' });
  await again.waitFor();
  assert.doesNotMatch(await again.textContent(), /晚于这份备份/);
  await again.getByRole('button', { name: '取消' }).click();
});

test('a file that is not a backup is refused with a message and changes nothing', async () => {
  const page = await openApp(browser.context, server.url, '#/data');
  const beforeText = await contents(page).textContent();
  await page.getByLabel('选择备份文件').setInputFiles({
    name: '随便.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}'),
  });
  await page.getByRole('alert').filter({ hasText: '不能用于恢复' }).waitFor();
  assert.match(await page.getByRole('alert').filter({ hasText: '不能用于恢复' }).textContent(), /不是本程序的数据文件/);
  await page.getByLabel('选择备份文件').setInputFiles({
    name: '截断.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"exemplar-state","schema":1,"rev":3,"state":{"units":[{'),
  });
  await page.getByRole('alert').filter({ hasText: '截断.json' }).waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'no restore is offered');
  // A spreadsheet's text chosen by mistake is called the wrong file, not a damaged one.
  await page.getByLabel('选择备份文件').setInputFiles({
    name: '名册.xlsx', mimeType: 'text/plain', buffer: Buffer.from('单位名称,系统\n市财政局机关党委,经济\n'),
  });
  const wrong = page.getByRole('alert').filter({ hasText: '名册.xlsx' });
  await wrong.waitFor();
  assert.match(await wrong.textContent(), /不是本程序的数据文件/);
  assert.doesNotMatch(await wrong.textContent(), /损坏|截断/);
  assert.equal(await page.getByRole('dialog').count(), 0, 'no restore is offered');
  assert.equal(await contents(page).textContent(), beforeText);
});

test('a backup that changes access codes says so and needs its own confirmation, through both doors', async () => {
  const other = await profile();
  try {
    const page = await openApp(other.context, server.url, '#/data');
    await page.getByRole('button', { name: '载入示例数据' }).click();
    await page.getByText('已载入示例数据').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出备份' }).click(),
    ]);
    // The same data as a stored document (the form earlier builds wrote).
    const doc = { format: 'exemplar-state', schema: 1, rev: 1, state: backupState(await readFile(await download.path(), 'utf8')) };
    const withCode = (code) => {
      const state = structuredClone(doc.state);
      state.exchange = { codes: [{
        round_id: state.rounds[0].id, party: { role: 'unit', id: state.units[0].id },
        code, issued_at: '2026-09-01T09:00:00Z',
      }] };
      return state;
    };

    // 数据管理 → 从备份恢复: the change is said, and the word must be typed.
    const state = withCode('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await page.getByLabel('选择备份文件').setInputFiles({
      name: '备份.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...doc, state })),
    });
    const dialog = page.getByRole('dialog', { name: '确认从备份恢复（含访问码变化）' });
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /将新增访问码：单位「.+」在考评轮次「.+」的访问码 ZZZZ-…/);
    const restore = dialog.getByRole('button', { name: '恢复' });
    assert.equal(await restore.isDisabled(), true);
    await dialog.getByLabel('请输入“更换访问码”以确认').fill('更换访问码');
    await restore.click();
    await page.getByText('已从备份恢复').waitFor();

    // 数据交换: an exchange backup identical but for that code.
    const content = JSON.stringify({ state: withCode('YYYY-YYYY-YYYY-YYYY') });
    const file = {
      format: 'exemplar-exchange', version: 1, kind: 'backup', made_by: { role: 'committee' },
      made_by_name: '工委', made_at: '2026-10-15T16:30:00Z',
      checksum: createHash('sha256').update(content, 'utf8').digest('hex'), content,
    };
    await page.goto(`${server.url}#/exchange`);
    await page.getByLabel('选择要导入的文件').setInputFiles({
      name: '备份.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)),
    });
    const changes = page.getByRole('list', { name: '访问码和签名密钥的变化' });
    await changes.waitFor();
    assert.match(await changes.textContent(), /访问码将被更换：.*由本机的 ZZZZ-… 换成文件中的 YYYY-…/);
    const confirm = page.getByRole('button', { name: '确认导入' });
    assert.equal(await confirm.isDisabled(), true, 'not without its own confirmation');
    await page.getByLabel('我已核对，确认更换上述访问码和签名密钥').check();
    assert.equal(await confirm.isDisabled(), false);
    assert.deepEqual(page.errors, []);
  } finally {
    await other.close();
  }
});

test('a backup edited by hand: two units of one name are refused, what the forms would refuse is said before restoring', async () => {
  const other = await profile();
  try {
    const page = await openApp(other.context, server.url, '#/data');
    await page.getByRole('button', { name: '载入示例数据' }).click();
    await page.getByText('已载入示例数据').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出备份' }).click(),
    ]);
    const doc = { format: 'exemplar-state', schema: 1, rev: 1, state: backupState(await readFile(await download.path(), 'utf8')) };
    const [first] = doc.state.units;
    const before = await contents(page).textContent();

    // The second unit renamed as the first: refused by name, nothing changes.
    const same = structuredClone(doc.state);
    same.units[1].name = first.name;
    await page.getByLabel('选择备份文件').setInputFiles({
      name: '同名.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...doc, state: same })),
    });
    const refused = page.getByRole('alert').filter({ hasText: '同名.json' });
    await refused.waitFor();
    assert.match(await refused.textContent(), new RegExp(`名册中有两个单位都叫「${first.name}」`));
    assert.equal(await page.getByRole('dialog').count(), 0, 'no restore is offered');
    assert.equal(await contents(page).textContent(), before);

    // A space in the name, and an entry year years ahead: said in the question.
    const odd = structuredClone(doc.state);
    odd.units[1].name = `${first.name.slice(0, 1)} ${first.name.slice(1)}`;
    odd.units[2].entered_year = 2030;
    odd.units[2].history = [];
    await page.getByLabel('选择备份文件').setInputFiles({
      name: '改过.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...doc, state: odd })),
    });
    const dialog = page.getByRole('dialog', { name: '确认从备份恢复' });
    await dialog.waitFor();
    const said = await dialog.textContent();
    assert.match(said, /此备份中有 2 处现在的表单不允许的情况/);
    assert.match(said, new RegExp(`单位「${first.name}」和「${odd.units[1].name}」名称相同`));
    assert.match(said, new RegExp(`单位「${odd.units[2].name}」入选年份 2030 远在 2026 年之后`));
    await dialog.getByRole('button', { name: '恢复' }).click();
    await page.getByText('已从备份恢复').waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await other.close();
  }
});

/** Restores a backup file through 数据管理 → 从备份恢复 in an empty browser. */
async function restoreFile(page, path) {
  await page.getByLabel('选择备份文件').setInputFiles(path);
  const restore = page.getByRole('dialog', { name: '确认从备份恢复' });
  await restore.waitFor();
  await restore.getByRole('button', { name: '恢复' }).click();
  await page.getByText('已从备份恢复').waitFor();
}

test('a backup written by hand from docs/exchange-format.md restores and scores as worked out by hand', async (t) => {
  const empty = await profile();
  t.after(() => empty.close());
  const page = await openApp(empty.context, server.url, '#/data');
  await restoreFile(page, new URL('../tests/fixtures/backup/hand-written.json', import.meta.url).pathname);
  assert.match(await contents(page).textContent(), /^3 个单位、1 个考评方案版本、1 个考评轮次/);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
  assert.match(await contents(page).textContent(), /^3 个单位/, 'the restored state was saved');

  // The totals, as the fixture's test works them out: 92.75 优秀, 87.5 良好 (85.5 + 2 bonus), 76.5 合格.
  await page.goto(server.url + '#/results/r1');
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '总分' }) });
  await table.getByRole('row').filter({ hasText: '手写备份第二党总支' }).waitFor();
  const header = (await table.getByRole('row').first().getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const col = (name) => header.findIndex((h) => h.startsWith(name));
  const rows = table.getByRole('rowgroup').nth(1).getByRole('row');
  const seen = [];
  for (let i = 0; i < await rows.count(); i++) {
    const cells = (await rows.nth(i).getByRole('cell').allTextContents()).map((t) => t.trim());
    seen.push([cells[col('排名')], await rows.nth(i).getByRole('link').first().textContent(), cells[col('总分')], cells[col('等次')].split('※')[0]]);
  }
  assert.deepEqual(seen, [
    ['1', '手写备份第一党支部', '92.75', '优秀'],
    ['2', '手写备份机关党委', '87.5', '良好'],
    ['3', '手写备份第二党总支', '76.5', '合格'],
  ]);

  // The status history written by hand is on the unit's page.
  await page.goto(server.url + '#/units/u1');
  await page.getByText('市直工委〔2025〕12号').first().waitFor();
});

test('a backup written by the build of 2026-11-29 still restores through 数据管理', async (t) => {
  const path = new URL('../tests/fixtures/backup/2026-11-29-sample.json', import.meta.url).pathname;
  const expected = JSON.parse(await readFile(path, 'utf8')).state.units.length;
  const empty = await profile();
  t.after(() => empty.close());
  const page = await openApp(empty.context, server.url, '#/data');
  await restoreFile(page, path);
  assert.match(await contents(page).textContent(), new RegExp(`^${expected} 个单位、`));
  await page.goto(server.url + '#/results');
  await page.getByRole('columnheader', { name: '总分' }).first().waitFor();
});

test('space taken by other pages of the same address is named on 数据管理', async () => {
  const b = await profile();
  try {
    const page = await openApp(b.context, server.url, '#/data');
    const others = page.getByRole('term').filter({ hasText: '其他网页占用的存储' });
    await page.getByRole('term').filter({ hasText: '本程序占用的存储' }).waitFor();
    assert.equal(await others.count(), 0, 'nothing to say while nothing else is stored');
    // Another page of the same address (as every file opened from disk is) fills it.
    await page.evaluate(() => localStorage.setItem('another-page', 'x'.repeat(400000)));
    await page.reload();
    await others.waitFor();
    assert.match(await page.getByRole('definition').filter({ hasText: '与本程序共用' }).textContent(),
      /^400012 字符，约占 16\.0%。同一地址下的其他网页/);
    assert.deepEqual(page.errors, []);
  } finally { await b.close(); }
});
