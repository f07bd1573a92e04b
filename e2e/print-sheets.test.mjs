// Issue 14: the forms people sign and seal. A unit's copy prints its 自评表 and an
// assessor's copy its 评分表 (one A4 page per unit), alone on the page, with the
// signature lines and the sum of the points; printed to PDF and read back as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { profile, sampleCity, SHOTS } from './harness.mjs';

let server, committee, page, dir;
before(async () => {
  ({ server, browser: committee, page } = await sampleCity());
  dir = await mkdtemp(join(tmpdir(), 'exemplar-print-'));
});
after(async () => { await committee?.close(); await server?.close(); });

async function task(list, index) {
  await page.goto(server.url + '#/exchange');
  const button = page.getByRole('list', { name: list }).getByRole('button').nth(index);
  const who = (await button.textContent()).replace('导出任务文件：', '');
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return { who, path };
}

/** Opens a task file in a fresh browser and prints 我的任务 to PDF: [text, pages].
 * `work`, if given, is done in the copy first. */
async function printed(file, shot, work) {
  const browser = await profile();
  try {
    const p = await browser.context.newPage();
    await p.goto(server.url + '#/exchange');
    await p.getByLabel('选择要导入的文件').setInputFiles(file);
    await p.getByRole('list', { name: '文件检查结果' }).getByRole('listitem').filter({ hasText: '已接受' }).waitFor();
    await p.getByRole('button', { name: '确认导入' }).click();
    await p.getByRole('heading', { level: 1, name: '我的任务' }).waitFor();
    if (work) await work(p);
    await p.getByRole('button', { name: /^打印(自评表|评分表)/ }).waitFor();
    const pdf = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    await writeFile(pdf, await p.pdf({ format: 'A4' }));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    if (shot) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(SHOTS, shot)]);
    const pages = Number(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1]);
    return { text, pages };
  } finally {
    await browser.close();
  }
}

const squash = (t) => t.replace(/\s+/g, '');

test("a unit's 自评表 prints alone, with its sum and the lines to sign and seal", async () => {
  const unit = await task('发给单位的任务文件', 0);
  const { text, pages } = await printed(unit.path, 'self-assessment-print');
  const flat = squash(text);
  assert.match(flat, /2026年度考评自评表/);
  assert.ok(flat.includes(`被考评单位：${unit.who}`), 'the unit');
  assert.match(flat, /合计：[\d.]+分（满分100分）/);
  assert.ok(flat.includes('单位负责人（签字）'), 'the signature line');
  assert.ok(flat.includes('单位盖章'));
  assert.ok(flat.includes('党组（党委）专题研究示范点建设'), 'an indicator');
  for (const screenOnly of ['我的任务', '导出报送文件', '添加成果', '任务导航', '您正在以', '结对活动']) {
    assert.ok(!flat.includes(screenOnly), `nothing of the screen: ${screenOnly}`);
  }
  assert.equal(pages, 1);
});

test("an assessor's 评分表 prints one page per unit, each with the line to sign", async () => {
  const assessor = await task('发给评委的任务文件', 0);
  // A 评语 written in 逐个单位录入 is signed for with the scores: it is printed.
  const comment = '阵地规范，台账齐全，结对活动偏少';
  const { text, pages } = await printed(assessor.path, undefined, async (p) => {
    await p.getByRole('button', { name: '逐个单位录入' }).click();
    const form = p.getByRole('region', { name: '逐个单位录入' });
    await form.getByLabel('评语', { exact: true }).fill(comment);
    await form.getByLabel('评语', { exact: true }).press('Tab');
    await p.getByRole('status').filter({ hasText: '已保存' }).first().waitFor();
  });
  assert.equal(squash(text).split(`评语：${comment}`).length - 1, 1, 'the 评语 on its unit\'s sheet');
  const sheets = squash(text).split('2026年度考评评分表').length - 1;
  assert.ok(sheets > 1, `several units (${sheets})`);
  assert.equal(pages, sheets, 'one page per unit');
  assert.equal(squash(text).split('评委（签字）').length - 1, sheets);
  assert.ok(squash(text).includes(`评委：${assessor.who}`));
});
