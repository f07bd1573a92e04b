// 报表's print views and the year's exports (issue 12), by role and label:
// - from an empty browser, each print view (名册, 未报送名单, 全部考评报告) says in plain
//   words that there is nothing to print;
// - with the sample city, the roster and the not-returned list print to PDF (Chromium's
//   print to PDF, read back with pdftotext and pdfinfo) on A4 landscape pages with
//   every column header, a known name and nothing of the navigation (the roster's first
//   page rendered to PNG: print-roster.png); every report card of the round prints a
//   page each at least, without the committee's internal words;
// - the 年度成果 Excel button on 报表 downloads a real .xlsx (a zip) named by the year.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdir, mkdtemp, readFile, writeFile, rename, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { serve, profile, openApp, sampleCity, SHOTS, printToPdf } from './harness.mjs';

let server;
before(async () => { server = await serve(); await mkdir(SHOTS, { recursive: true }); });
after(async () => { await server?.close(); });

// The shell's navigation and the views' own controls: never printed.
const NOT_PRINTED = ['概览', '申报遴选', '考评方案', '动态管理', '数据交换', '数据管理', '打印', '返回报表'];
const INTERNAL = ['吃老本', '闭门造车'];
// The first unit of the sample city's roster.
const FIRST_UNIT = '市民政局综合科党支部';

const nav = (page, name) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();

const flat = (s) => s.replace(/\s+/g, '');

/** Checks a printed table: A4 landscape, every header, `names`, the header on every page, no navigation. */
async function checkTablePrint(page, table, names) {
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
  assert.ok(headers.length >= 5, headers.join(' '));
  const out = await printToPdf(page);
  const { text, pages, width, height } = out;
  assert.ok(width > height, `landscape pages (${width} x ${height})`);
  assert.ok(Math.abs(width - 841.89) < 2 && Math.abs(height - 595.28) < 2, `A4 (${width} x ${height})`);
  const all = flat(text);
  for (const h of headers) assert.ok(all.includes(flat(h)), `column ${h} is printed`);
  for (const n of names) assert.ok(all.includes(flat(n)), `${n} is printed`);
  for (const t of NOT_PRINTED) assert.ok(!all.includes(t), `${t} is not printed`);
  const perPage = text.split('\f').filter((p) => p.trim());
  assert.equal(perPage.length, pages);
  perPage.forEach((p, i) => assert.ok(flat(p).includes(`第${i + 1}页，共${pages}页`), `page ${i + 1} is numbered`));
  if (pages > 1) {
    for (const p of perPage) assert.ok(flat(p).includes(flat(headers[1])), 'each page repeats the header row');
  }
  return out;
}

test('print views from an empty browser say there is nothing to print', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await nav(page, '报表');
    await page.getByRole('heading', { level: 1, name: '报表' }).waitFor();
    const year = await page.getByLabel('年度', { exact: true }).inputValue();
    // A year without a round offers only the roster; the round's prints, reached by a
    // kept link, say there is nothing to print.
    assert.deepEqual(await page.getByRole('list', { name: '打印' }).getByRole('link').allTextContents(), ['打印名册']);
    const views = [
      ['打印名册', '', '名册中还没有单位，没有可打印的名册。'],
      ['打印未报送名单', 'not-returned', `${year}年度没有考评，没有可打印的未报送名单。`],
      ['打印全部考评报告', 'cards', `${year}年度没有考评，没有可打印的考评报告。`],
    ];
    for (const [link, code, says] of views) {
      if (code) await page.goto(`${server.url}#/reports/${year}/print/${code}`);
      else await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('status').filter({ hasText: says }).waitFor();
      assert.equal(await page.locator('table.print-table').count(), 0, `${link}: no table`);
      await page.getByRole('link', { name: '返回报表' }).click();
      await page.getByRole('heading', { level: 1, name: '报表' }).waitFor();
    }
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('the roster prints on A4 landscape with every column and no navigation', async () => {
  const { server: own, browser, page } = await sampleCity();
  try {
    await nav(page, '报表');
    await page.getByRole('link', { name: '打印名册', exact: true }).click();
    const table = page.getByRole('table', { name: '示范点名册' });
    await table.waitFor();
    // Every unit of the roster, and a grade column for each year of the sample.
    const units = await page.evaluate(() => document.querySelectorAll('table.print-table tbody tr').length);
    assert.equal(units, 41);
    const headers = await table.locator('thead th').allInnerTexts();
    // 2026 is not published: its heading, repeated on every page, says so.
    assert.ok(headers.includes('2025年等次') && headers.includes('2026年等次（草稿，未发布）'), headers.join(' '));
    const last = (await table.locator('tbody tr').last().locator('td').nth(1).innerText()).trim();
    const { pages, file, dir } = await checkTablePrint(page, table, [FIRST_UNIT, last]);
    assert.ok(pages >= 2, `41 units take more than a page (${pages})`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'roster')]);
    await rename(join(dir, 'roster-1.png'), join(SHOTS, 'print-roster.png')).catch(async () => {
      await writeFile(join(SHOTS, 'print-roster.png'), await readFile(join(dir, 'roster-1.png')));
    });
    await rm(dir, { recursive: true, force: true });
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await own.close();
  }
});

test('the not-returned list prints who still owes files, on A4 landscape', async () => {
  const { server: own, browser, page } = await sampleCity();
  try {
    // Every file of the sample is in: a new assessor on the 2026 round owes every sheet.
    await nav(page, '考评');
    await page.getByRole('link', { name: '2026年度考评' }).first().click();
    await page.getByRole('heading', { level: 1, name: '2026年度考评' }).waitFor();
    await page.getByLabel('新评委姓名').fill('孙未交');
    await page.getByRole('button', { name: '添加评委' }).click();
    await page.getByRole('button', { name: '移除评委：孙未交' }).waitFor();
    await nav(page, '报表');
    await page.getByRole('link', { name: '打印未报送名单', exact: true }).click();
    const table = page.getByRole('table', { name: '2026年度考评未报送名单' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: '孙未交' });
    assert.equal(await row.count(), 1);
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.equal(cells[0], '评委');
    // The new assessor owes a sheet for every unit of the round: the first is in it.
    assert.ok(cells[3].startsWith('评分表：') && cells[3].includes('、'), cells[3]);
    const owedFirst = cells[3].replace('评分表：', '').split('、')[0];
    await checkTablePrint(page, table, ['孙未交', owedFirst]);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await own.close();
  }
});

test('every report card of the round in one print, a page each, without internal words', async () => {
  const { server: own, browser, page } = await sampleCity();
  try {
    await nav(page, '报表');
    await page.getByRole('link', { name: '打印全部考评报告', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '2026年度考评：全部单位考评报告' }).waitFor();
    const cards = page.getByRole('heading', { level: 1, name: /\s2026年度考评报告$/ });
    const n = await cards.count();
    // Graded units: those whose card shows a rank.
    const graded = await page.locator('.report-card dd').filter({ hasText: /^(并列)?第\d+名/ }).count();
    assert.ok(graded > 0 && n >= graded, `${n} cards, ${graded} graded`);
    // A card whose rounded 一级指标 scores do not add up to its 指标得分 says why (a
    // clerk's review found 92.49 against 92.5), the others do not; each still one page.
    const rounding = await page.locator('.report-card').filter({ hasText: /各项得分分别四舍五入，之和与(总分|指标得分)可能略有出入/ }).count();
    assert.ok(rounding > 0 && rounding < graded, `${rounding} of ${graded} cards carry the rounding note`);
    const first = (await cards.first().innerText()).replace(/\s2026年度考评报告$/, '');
    const { text, pages, dir } = await printToPdf(page);
    // One A4 page each, a unit with many outcomes too (the card lists six).
    assert.equal(pages, n, `${pages} pages for ${n} cards`);
    const all = flat(text);
    assert.ok(all.includes(flat(`${first} 2026年度考评报告`)), `the first card (${first})`);
    for (const t of [...INTERNAL, ...NOT_PRINTED, '全部单位']) assert.ok(!all.includes(t), `${t} is not printed`);
    // Each card starts a page of its own: the title is at the top of n pages.
    const tops = text.split('\f').filter((p) => /2026年度考评报告/.test(p.split('\n').slice(0, 3).join(''))).length;
    assert.equal(tops, n, 'each card begins a page');
    await rm(dir, { recursive: true, force: true });
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await own.close();
  }
});

test('动态管理 prints its suggestions without the decision fields, their examples or today\'s date', async () => {
  // A clerk's review: on paper for the committee's meeting, the empty 文号 field's
  // example (市直机关工委〔2026〕12号), the plaque example and today's 决定日期 read as
  // already decided.
  const { server: own, browser, page } = await sampleCity();
  try {
    await nav(page, '动态管理');
    await page.getByRole('heading', { level: 1, name: '动态管理' }).waitFor();
    const confirm = page.getByRole('button', { name: /^确认 / }).first();
    await confirm.waitFor();
    const unit = (await confirm.getAttribute('aria-label')).replace(/^确认 /, '');
    const { text, dir } = await printToPdf(page);
    const all = flat(text);
    assert.ok(all.includes(flat(unit)), `the suggestion for ${unit} is printed`);
    for (const t of ['如市直机关工委〔2026〕12号', '如SFD-2026-001', '（可留空）']) assert.ok(!all.includes(flat(t)), `${t} is not printed`);
    await rm(dir, { recursive: true, force: true });
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await own.close();
  }
});

test('报表 downloads the year\'s outcomes as a real .xlsx', async () => {
  const { server: own, browser, page } = await sampleCity();
  try {
    await nav(page, '报表');
    const button = page.getByRole('button', { name: '导出年度成果（Excel）' });
    const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.match(d.suggestedFilename(), /^2026年度成果-\d{8}-\d{4}\.xlsx$/);
    const bytes = await readFile(await d.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
    for (const name of ['年度整改事项', '年度结对及活动', '年度保障投入', '年度督导记录']) {
      assert.equal(await page.getByRole('button', { name: `导出${name}（Excel）` }).count(), 1, name);
      assert.equal(await page.getByRole('button', { name: `导出${name}（CSV）` }).count(), 1, name);
    }
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await own.close();
  }
});
