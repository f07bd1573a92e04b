// 导出全部任务文件: one click (and a confirmation) downloads every unit's and every
// assessor's task file of the round, each with its own access code; a second export
// reuses the codes. Found by role and label only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { sampleCity } from './harness.mjs';

let server, browser, page, dir, firstCodes;
before(async () => {
  ({ server, browser, page } = await sampleCity());
  dir = await mkdtemp(join(tmpdir(), 'exemplar-export-all-'));
});
after(async () => { await browser?.close(); await server?.close(); });

/** Clicks 导出全部任务文件, confirms, and returns every downloaded file as { name, json }. */
async function exportAll() {
  const button = page.getByRole('button', { name: /^导出全部任务文件（\d+ 个）$/ });
  const count = Number((await button.textContent()).match(/（(\d+) 个）/)[1]);
  await button.click();
  const dialog = page.getByRole('dialog', { name: '确认导出全部任务文件' });
  assert.match(await dialog.textContent(), new RegExp(`将一次下载 ${count} 个文件`));
  const downloads = [];
  const seen = new Promise((ok) => page.on('download', function onDownload(d) {
    downloads.push(d);
    if (downloads.length === count) { page.off('download', onDownload); ok(); }
  }));
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  await seen;
  await page.getByRole('status').filter({ hasText: `已导出全部 ${count} 个任务文件` }).waitFor();
  const files = [];
  for (const d of downloads) {
    const path = join(dir, `${files.length}-${d.suggestedFilename()}`);
    await d.saveAs(path);
    files.push({ name: d.suggestedFilename(), json: JSON.parse(await readFile(path, 'utf8')) });
  }
  return { count, files };
}

test('every task file of the round in one go, each with its own access code', async () => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据交换', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const units = await page.getByRole('list', { name: '发给单位的任务文件' }).getByRole('listitem').count();
  const assessors = await page.getByRole('list', { name: '发给评委的任务文件' }).getByRole('listitem').count();
  const { count, files } = await exportAll();
  assert.equal(count, units + assessors);
  assert.equal(new Set(files.map((f) => f.name)).size, count, 'one file name per recipient');
  const kinds = files.map((f) => f.json.kind);
  assert.equal(kinds.filter((k) => k === 'to_unit').length, units);
  assert.equal(kinds.filter((k) => k === 'to_assessor').length, assessors);
  const codes = files.map((f) => JSON.parse(f.json.content).access_code);
  assert.equal(new Set(codes).size, count, 'a different access code for each');
  // The lists now say every code was issued.
  assert.equal(await page.getByText('尚未导出').count(), 0);
  firstCodes = codes;
});

test('撤销 after the export does not take the access codes back (the files are already out)', async () => {
  await page.getByRole('button', { name: '撤销', exact: true }).click();
  await page.getByText('已撤销：导出全部任务文件。已经下载的文件不受影响，其中的访问码仍然有效。').waitFor();
  assert.equal(await page.getByText('尚未导出').count(), 0, 'every code still issued');
});

test('after a reload, exporting everything again reuses the codes', async () => {
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '数据交换' }).waitFor();
  const { files } = await exportAll();
  const codes = files.map((f) => JSON.parse(f.json.content).access_code);
  assert.deepEqual(codes, firstCodes);
});
