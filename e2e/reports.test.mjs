// 报表, the 通报 and printing (issue 12), by role and label:
// - from an empty browser, 报表 opens and says there is nothing to measure yet, and
//   only the roster can be exported;
// - with the sample city, 报表 for the sample year shows all five problems, each with
//   last year's figure and a definition, and a click lists the sites behind it; the
//   ranking downloads as .xlsx and as CSV with a BOM (screenshot reports.png);
// - 结果 printed to PDF (Chromium's print to PDF, read back with pdftotext) holds every
//   column of the ranking on A4 landscape pages and nothing of the navigation;
// - the 通报: the committee's 主送 is kept, the notice prints on A4 with its five parts
//   and nothing else (rendered to PNG: notice.png), and downloads as a .docx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdir, mkdtemp, readFile, writeFile, rename, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { serve, profile, openApp, sampleCity, SHOTS, printToPdf, downloaded } from './harness.mjs';

let server;
before(async () => { server = await serve(); await mkdir(SHOTS, { recursive: true }); });
after(async () => { await server?.close(); });

const FIVE = ['进展不平衡', '经验挖掘不够', '辐射带动不强', '指导不够有力', '推广滞后'];
// Text of the shell and of the page's own controls that must never be printed.
// (保障投入 is a dimension of the default scheme, so a ranking column.)
const NOT_PRINTED = ['数据交换', '数据管理', '考评方案', '导出排名表', '发布结果', '动态管理建议', '撤销'];

const nav = (page, name) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();

test('报表 from an empty browser: the five problems with nothing behind them; without a round the year lists still export', async () => {
  const browser = await profile();
  try {
    const page = await openApp(browser.context, server.url, '#/');
    await nav(page, '报表');
    await page.getByRole('heading', { level: 1, name: '报表' }).waitFor();
    for (const name of FIVE) {
      const card = page.getByRole('article', { name });
      assert.ok(await card.isVisible(), name);
      assert.match(await card.locator('.problem__previous').textContent(), /^上年：/, `${name}: last year`);
    }
    assert.equal(await page.getByRole('article', { name: '进展不平衡' }).locator('.problem__figure').textContent(), '无考评数据');
    assert.equal(await page.getByRole('article', { name: '经验挖掘不够' }).locator('.problem__figure').textContent(), '无备案记录');
    // Nothing to count from: no site is said to be involved or not.
    await page.getByRole('article', { name: '经验挖掘不够' }).getByText('本年度没有可统计的记录，不列单位。').waitFor();
    await page.getByRole('article', { name: '指导不够有力' }).getByText('本年度没有可统计的记录，不列单位。').waitFor();
    await page.getByRole('article', { name: '辐射带动不强' }).getByText('没有涉及的结对。').waitFor();
    assert.equal(await page.getByRole('article', { name: '推广滞后' }).locator('.problem__figure').textContent(), '无推介');
    assert.equal(await page.getByRole('button', { name: /^查看(单位|结对|成果)（/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: '导出排名表（Excel）' }).count(), 0);
    // An empty roster is not offered as a header-only file: the page says why.
    let downloads = 0;
    page.on('download', () => { downloads += 1; });
    await page.getByRole('button', { name: '导出名册及状态变更（Excel）' }).click();
    const year = await page.getByLabel('年度', { exact: true }).inputValue();
    await page.getByText(`「${year}年度名册及状态变更」中没有记录，不必导出。`).waitFor();
    assert.equal(downloads, 0);
    await page.getByText(`${year}年度没有考评，没有排名表、评委评分表和未报送名单可导出。`).waitFor();

    // A unit and its 保障投入, and still no round: the year's list exports all the same.
    await nav(page, '单位');
    const form = page.getByRole('form', { name: '添加单位' });
    await form.getByLabel('名称', { exact: true }).fill('市林业局机关党支部');
    await form.getByLabel('入选年份', { exact: true }).fill(String(Number(year) - 1));
    await form.getByRole('button', { name: '添加单位' }).click();
    await page.getByRole('link', { name: '市林业局机关党支部', exact: true }).waitFor();
    await nav(page, '保障投入');
    await page.getByRole('button', { name: '登记保障投入' }).click();
    const entry = page.getByRole('form', { name: '保障投入' });
    await entry.getByLabel('党建工作经费（万元）').fill('6');
    await entry.getByRole('button', { name: '保存保障投入' }).click();
    await page.getByText('已保存保障投入。').waitFor();
    await nav(page, '报表');
    const csv = await downloaded(page, page.getByRole('button', { name: '导出年度保障投入（CSV）' }));
    assert.match(csv.name, new RegExp(`^${year}年度保障投入-\\d{8}-\\d{4}\\.csv$`));
    assert.match(csv.bytes.toString('utf8'), /市林业局机关党支部,,6,/);
    assert.equal(await page.getByRole('button', { name: '导出排名表（CSV）' }).count(), 0);
    // Only this year so far; 保障投入 of the year before (no round then either) makes
    // that year one to choose, and its figures count them.
    const years = page.getByLabel('年度', { exact: true }).getByRole('option');
    assert.deepEqual(await years.allTextContents(), [`${year}年`]);
    await nav(page, '保障投入');
    await page.getByRole('button', { name: '登记保障投入' }).click();
    await entry.getByLabel('年度').fill(String(Number(year) - 2));
    await entry.getByLabel('党建工作经费（万元）').fill('5');
    // Before the unit entered: refused, and said.
    await entry.getByRole('button', { name: '保存保障投入' }).click();
    await entry.getByRole('alert').filter({ hasText: `是${Number(year) - 1}年入选的，${Number(year) - 2}年度还不在示范点建设之列` }).waitFor();
    await entry.getByLabel('年度').fill(String(Number(year) - 1));
    await entry.getByRole('button', { name: '保存保障投入' }).click();
    await page.getByText('已保存保障投入。').waitFor();
    await nav(page, '报表');
    // (保障投入 has a 年度 list of its own: read this one once the page is 报表.)
    await page.getByRole('heading', { level: 1, name: '报表' }).waitFor();
    assert.deepEqual(await years.allTextContents(), [`${year}年`, `${Number(year) - 1}年`]);
    await page.getByLabel('年度', { exact: true }).selectOption({ label: `${Number(year) - 1}年` });
    await page.getByText(`${Number(year) - 1}年度没有考评，考评数据一项为空。`, { exact: false }).waitFor();
    const last = await downloaded(page, page.getByRole('button', { name: '导出年度保障投入（CSV）' }));
    assert.match(last.name, new RegExp(`^${Number(year) - 1}年度保障投入-`));
    assert.match(last.bytes.toString('utf8'), /市林业局机关党支部,,5,/);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
  }
});

test('报表 for the sample year: five figures, each a click away from its sites; exports', async () => {
  const { server: own, browser, page } = await sampleCity();
  try {
    await nav(page, '报表');
    await page.getByRole('heading', { level: 1, name: '报表' }).waitFor();
    assert.equal(await page.getByLabel('年度', { exact: true }).inputValue(), '2026');
    for (const name of FIVE) {
      const card = page.getByRole('article', { name });
      const figure = await card.locator('.problem__figure').textContent();
      assert.match(figure, /\d/, `${name} shows a figure: ${figure}`);
      assert.match(await card.locator('.problem__previous').textContent(), /^上年：.*\d/, `${name}: last year's figure`);
      assert.ok((await card.locator('.problem__definition').textContent()).length > 10, `${name}: a definition`);
      // Lines are units, except pairings (辐射带动不强) and outcomes (推广滞后).
      const what = { 辐射带动不强: '结对', 推广滞后: '成果' }[name] ?? '单位';
      // Its name is the words it shows (查看…, then 收起…); the heading describes it.
      const button = card.getByRole('button', { name: new RegExp(`^(查看|收起)${what}（\\d+）$`) });
      assert.match(await button.textContent(), new RegExp(`^查看${what}（\\d+）$`));
      assert.equal(await page.locator(`#${await button.getAttribute('aria-describedby')}`).textContent(), name);
      const n = Number((await button.textContent()).match(/（(\d+)）/)[1]);
      assert.ok(n > 0, `${name} has sites behind it`);
      await button.click();
      const list = page.getByRole('list', { name: `${name}涉及的${what}` });
      await list.waitFor();
      assert.equal(await list.getByRole('listitem').count(), n, `${name}: ${n} sites listed`);
      assert.equal(await button.getAttribute('aria-expanded'), 'true');
    }
    // The year's outcomes by kind and stage end with a 合计 row, as on 概览 (a clerk's
    // review: 报表's had none), adding up to the line under it.
    const counts = page.getByRole('table', { name: '2026年度成果按类别和阶段' });
    const sum = (await counts.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '合计' }) })
      .getByRole('cell').allInnerTexts()).map(Number);
    assert.equal(sum.length, 6);
    assert.equal(sum.slice(0, 5).reduce((a, b) => a + b, 0), sum[5]);
    // Said as 概览 says it.
    await page.getByText(new RegExp(`^2026年度登记成果${sum[5]}项，其中经认定的创新成果\\d+项。$`)).waitFor();
    // A site in the list is a link to the unit's page.
    const first = page.getByRole('list', { name: '指导不够有力涉及的单位' }).getByRole('link').first();
    const unitName = await first.textContent();
    await page.screenshot({ path: join(SHOTS, 'reports.png'), fullPage: true });
    // The year's other figures, drawn.
    assert.ok(await page.getByRole('img', { name: /^各等次单位数：优秀 \d+，良好 \d+，合格 \d+，不合格 \d+$/ }).isVisible());
    assert.ok(await page.getByRole('img', { name: /^各状态单位数（截至2026-\d\d-\d\d）：/ }).isVisible());
    // Exports: a real .xlsx and a CSV with a BOM.
    const xlsx = await downloaded(page, page.getByRole('button', { name: '导出排名表（Excel）' }));
    assert.match(xlsx.name, /^2026年度考评-排名表（草稿）-\d{8}-\d{4}\.xlsx$/, 'not yet published');
    assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
    const csv = await downloaded(page, page.getByRole('button', { name: '导出评委评分表（CSV）' }));
    assert.match(csv.name, /\.csv$/);
    assert.equal(csv.bytes.subarray(0, 3).toString('hex'), 'efbbbf');
    const roster = await downloaded(page, page.getByRole('button', { name: '导出名册及状态变更（Excel）' }));
    assert.match(roster.name, /^2026年度名册及状态变更-\d{8}-\d{4}\.xlsx$/);
    assert.equal(roster.bytes.subarray(0, 2).toString('latin1'), 'PK');
    // Every sheet of the sample's 2026 round is in: no header-only list of none.
    await page.getByRole('button', { name: '导出未报送名单（CSV）' }).click();
    // Said beside its buttons, not at the top of the page, out of sight.
    await page.getByRole('listitem').filter({ hasText: '导出未报送名单（CSV）' }).getByRole('status')
      .filter({ hasText: '「2026年度考评-未报送名单」中没有记录，不必导出。' }).waitFor();
    await first.click();
    await page.getByRole('heading', { level: 1, name: unitName }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await own.close();
  }
});

test('结果 prints the ranking alone: every column, A4 landscape, no navigation', async () => {
  const { server: own, browser, page } = await sampleCity();
  try {
    await nav(page, '结果');
    const table = page.getByRole('table', { name: /排名表/ });
    await table.waitFor();
    const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
    assert.ok(headers.includes('总分') && headers.includes('等次') && headers.length >= 8, headers.join(' '));
    const { text, pages, width, height } = await printToPdf(page);
    assert.ok(width > height, `landscape pages (${width} x ${height})`);
    assert.ok(Math.abs(width - 841.89) < 2 && Math.abs(height - 595.28) < 2, `A4 (${width} x ${height})`);
    const flat = text.replace(/\s+/g, '');
    for (const h of headers) assert.ok(flat.includes(h.replace(/\s+/g, '')), `column ${h} is printed`);
    for (const t of NOT_PRINTED) assert.ok(!flat.includes(t), `${t} is not printed`);
    // Titled with the round; the types by their neutral names, not the speech's words.
    const round = await page.getByLabel('考评轮次', { exact: true }).evaluate((s) => s.selectedOptions[0].textContent);
    assert.ok(flat.includes(`${round}排名表`), 'the title names the round');
    for (const t of ['吃老本', '闭门造车']) assert.ok(!flat.includes(t), `${t} is not printed`);
    text.split('\f').filter((p) => p.trim()).forEach((p, i) => assert.ok(p.replace(/\s+/g, '').includes(`第${i + 1}页，共${pages}页`), `page ${i + 1} is numbered`));
    assert.ok(flat.includes('需在持续创新、巩固提升上下功夫') || flat.includes('需加强联系实际、发挥带动作用'), 'the neutral type names');
    // A grade with a note (※) has the note printed under the table: no tooltip on paper.
    const noted = table.locator('td.grade-noted');
    assert.ok((await noted.count()) > 0, 'the sample has a grade with a note');
    const note = await noted.first().getAttribute('title');
    assert.ok(flat.includes(note.replace(/\s+/g, '').slice(0, 12)), `the note is printed (${note})`);
    // The header row is repeated on every page.
    if (pages > 1) {
      const perPage = text.split('\f').filter((p) => p.trim());
      for (const p of perPage) assert.ok(p.replace(/\s+/g, '').includes('总分'), 'each page has the header');
    }
    // The last unit of the ranking is printed too (nothing cut off).
    const last = await table.locator('tbody tr').last().locator('td').nth(1).textContent();
    assert.ok(flat.includes(last.replace(/（评分不全）/, '').replace(/\s+/g, '').slice(0, 6)), `the last row (${last})`);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await own.close();
  }
});

test('the 通报: kept with the year, printed on A4 alone, downloaded as .docx', async () => {
  const { server: own, browser, page } = await sampleCity();
  try {
    await nav(page, '报表');
    await page.getByRole('link', { name: '起草2026年度通报' }).click();
    const doc = page.getByRole('article', { name: '通报正文' });
    await doc.getByRole('heading', { name: '关于2026年度基层党建示范点考评情况的通报' }).waitFor();
    for (const h of ['一、基本情况', '二、考评结果', '三、动态管理', '四、存在的问题', '五、下一步工作']) {
      assert.ok(await doc.getByRole('heading', { name: h }).isVisible(), h);
    }
    // The round's status-change proposals nobody has decided are said (a clerk's
    // review: the notice read 本年度授牌：无 with 14 open), on screen only, with a link
    // to where they are decided.
    const open = page.getByRole('note').filter({ hasText: '尚未确认或不采纳' });
    assert.match(await open.textContent(), /本年度考评还有 \d+ 条“动态管理建议”/);
    assert.match(await open.getByRole('link', { name: '到考评结果页处理' }).getAttribute('href'), /^#\/results\/r\w+$/);
    // The committee's own text, kept after a reload. Written on the 20th: a 成文日期
    // after the day it is written is refused (a clerk's review).
    await page.goto(`${own.url}?clock=2026-12-20#/reports/2026/notice`);
    await page.getByRole('button', { name: '填写通报内容' }).click();
    const form = page.getByRole('form', { name: '通报内容' });
    await form.getByLabel('成文日期', { exact: true }).fill('2026-12-21');
    await form.getByRole('button', { name: '保存通报内容' }).click();
    await form.getByRole('alert').filter({ hasText: '成文日期 2026-12-21 晚于今天' }).waitFor();
    await form.getByLabel('主送', { exact: true }).fill('各党委（党组），各基层党组织');
    // A 发文字号 of another year than the 成文日期: refused, both fields marked and the
    // keyboard on the first (a clerk's review: none was marked).
    const docNo = form.getByLabel('发文字号', { exact: true });
    await docNo.fill('市直工委〔2025〕12号');
    await form.getByLabel('成文日期', { exact: true }).fill('2026-12-20');
    await form.getByRole('button', { name: '保存通报内容' }).click();
    await form.getByRole('alert').filter({ hasText: '与成文日期 2026-12-20 不符' }).waitFor();
    assert.equal(await docNo.getAttribute('aria-invalid'), 'true');
    assert.equal(await form.getByLabel('成文日期', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.ok(await docNo.evaluate((e) => e === document.activeElement), 'the keyboard on 发文字号');
    await docNo.fill('市直工委〔2026〕12号');
    await form.getByRole('button', { name: '保存通报内容' }).click();
    await page.getByRole('status').filter({ hasText: '已保存通报内容' }).waitFor();
    await page.reload();
    await doc.getByText('各党委（党组），各基层党组织：').waitFor();
    assert.ok(await doc.getByText('2026年12月20日').isVisible());
    assert.ok(await doc.getByText('市直工委〔2026〕12号').isVisible(), 'the 发文字号');

    const { text, pages, width, height, file, dir } = await printToPdf(page);
    assert.ok(height > width && Math.abs(width - 595.28) < 2, `A4 portrait (${width} x ${height})`);
    const flat = text.replace(/\s+/g, '');
    assert.ok(flat.indexOf('市直工委〔2026〕12号') >= 0
      && flat.indexOf('市直工委〔2026〕12号') < flat.indexOf('关于2026年度基层党建示范点考评情况的通报'), 'the 发文字号 above the title');
    for (const t of ['关于2026年度基层党建示范点考评情况的通报', '各党委（党组），各基层党组织：', '一、基本情况', '二、考评结果',
      '三、动态管理', '四、存在的问题', '五、下一步工作', '中共市直机关工作委员会', '2026年12月20日']) {
      assert.ok(flat.includes(t), `${t} is printed`);
    }
    for (const t of [...NOT_PRINTED, '填写通报内容', '下载Word文档', '回到2026年度报表', '吃老本', '闭门造车']) {
      assert.ok(!flat.includes(t), `${t} is not printed`);
    }
    assert.ok(pages >= 1);
    // Numbered as GB/T 9704 has it: — 1 —, — 2 — …
    text.split('\f').filter((p) => p.trim()).forEach((p, i) => assert.match(p, new RegExp(`—\\s*${i + 1}\\s*—`), `page ${i + 1} is numbered`));
    // Not published: 草稿 at the top of every page, not only above the title (a clerk's
    // review: pages 2 and on, once separated, read as the issued 通报).
    const printedPages = text.split('\f').filter((p) => p.trim());
    assert.ok(printedPages.length >= 2, `more than one page (${printedPages.length})`);
    printedPages.forEach((p, i) => assert.match(p.trim().split('\n')[0], /草稿/, `page ${i + 1} is marked 草稿`));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'notice')]);
    await rename(join(dir, 'notice-1.png'), join(SHOTS, 'notice.png')).catch(async () => {
      await writeFile(join(SHOTS, 'notice.png'), await readFile(join(dir, 'notice-1.png')));
    });
    await rm(dir, { recursive: true, force: true });

    const docx = await downloaded(page, page.getByRole('button', { name: '下载Word文档' }));
    // The sample's 2026 results are not published yet: the file's name says 草稿.
    assert.equal(docx.name, '2026年度基层党建示范点考评情况的通报（草稿）.docx');
    assert.equal(docx.bytes.subarray(0, 2).toString('latin1'), 'PK');

    // Saved, it reads as saved; a unit added for the year after that changes its counts,
    // and the page says so, with the line (a clerk's review: an issued notice changed
    // unremarked under its 文号).
    const changed = page.getByRole('note').filter({ hasText: '保存之后，数据有变动，下面的正文与保存时不同' });
    assert.equal(await changed.count(), 0);
    await nav(page, '单位');
    const add = page.getByRole('form', { name: '添加单位' });
    await add.getByLabel('名称', { exact: true }).fill('市档案馆党支部');
    await add.getByLabel('入选年份', { exact: true }).fill('2026');
    await add.getByRole('button', { name: '添加单位' }).click();
    await page.getByRole('link', { name: '市档案馆党支部', exact: true }).waitFor();
    await nav(page, '报表');
    await page.getByRole('link', { name: '起草2026年度通报' }).click();
    await changed.waitFor();
    assert.match(await changed.textContent(), /全市共有基层党建示范点和创建单位\d+个/);
    // Printed, the note is not.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await changed.isVisible(), false);
    await page.emulateMedia({ media: 'screen' });
    // Downloading (or printing) it now asks first; 取消 downloads nothing, 仍然继续 does.
    let early = false;
    page.once('download', () => { early = true; });
    await page.getByRole('button', { name: '下载Word文档' }).click();
    const ask = page.getByRole('dialog', { name: '通报内容保存后数据有变动' });
    assert.match(await ask.innerText(), /再以同一文号打印或下载，就会有两份内容不同的同号文件/);
    await ask.getByRole('button', { name: '取消' }).click();
    assert.equal(early, false);
    await page.getByRole('button', { name: '打印通报' }).click();
    await ask.waitFor();
    await ask.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '下载Word文档' }).click();
    const anyway = await downloaded(page, ask.getByRole('button', { name: '仍然继续' }));
    assert.equal(anyway.bytes.subarray(0, 2).toString('latin1'), 'PK');
    // Saved again, it reads as saved.
    await page.getByRole('button', { name: '填写通报内容' }).click();
    await form.getByRole('button', { name: '保存通报内容' }).click();
    await page.getByRole('status').filter({ hasText: '已保存通报内容' }).waitFor();
    assert.equal(await changed.count(), 0);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await own.close();
  }
});

test('报表 of a round not yet published says its grades may still change; next year is not shown as begun', async () => {
  const { server: s, browser, page } = await sampleCity();
  try {
    // The sample's 2026 round is not published, 2025's is.
    await page.goto(`${s.url}?clock=2026-12-03#/reports/2026`);
    await page.getByRole('note').filter({ hasText: '2026年度考评的结果尚未发布：其中的等次和排名还可能变动' }).waitFor();
    await page.goto(`${s.url}?clock=2026-12-03#/reports/2026/notice`);
    await page.getByRole('note').filter({ hasText: '2026年度考评的结果尚未发布' }).waitFor();
    // The 通报 itself carries the mark, above everything (printed and in the Word file).
    const body = page.getByRole('article', { name: '通报正文' });
    assert.equal((await body.locator('p').first().textContent()).trim(), '草稿：结果尚未发布');
    // The report cards say it on paper too, on every page; 2025's (published) do not.
    await page.goto(`${s.url}?clock=2026-12-03#/reports/2026/print/cards`);
    const cards = page.locator('section.report-card');
    await cards.first().waitFor();
    const marked = page.getByText('草稿：结果尚未发布', { exact: true });
    assert.equal(await marked.first().isVisible(), false, 'on paper, not on screen (the note says it there)');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await marked.count(), await cards.count(), 'one mark a card');
    assert.equal(await marked.first().isVisible(), true);
    // Each card one A4 page, its 落款 and date at its foot (a clerk's review: the foot
    // went onto pages of its own).
    const printed = await printToPdf(page);
    try {
      assert.equal(printed.pages, await cards.count(), 'one page a card');
      const pages = printed.text.split('\f').filter((t) => t.trim());
      for (const t of pages) assert.match(t, /考评报告[\s\S]*中共市直机关工作委员会\s+制表日期：2026年12月3日/);
    } finally {
      await rm(printed.dir, { recursive: true, force: true });
    }
    await page.goto(`${s.url}?clock=2026-12-03#/reports/2025/print/cards`);
    await cards.first().waitFor();
    assert.equal(await page.getByText(/^草稿：/).count(), 0, '2025 is published as shown');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${s.url}?clock=2026-12-03#/reports/2025`);
    await page.getByRole('heading', { level: 2, name: '五个问题' }).waitFor();
    assert.equal(await page.getByRole('note').filter({ hasText: '尚未发布' }).count(), 0, '2025 is published');
    // A year's 通报 with no 成文日期 set is dated today while it may be (the year, or the
    // first half of the next), else the year's last day.
    const written = page.getByRole('article', { name: '通报正文' });
    await page.goto(`${s.url}?clock=2026-03-05#/reports/2025/notice`);
    await written.getByText('2026年3月5日').waitFor();
    await page.goto(`${s.url}?clock=2026-12-03#/reports/2025/notice`);
    await written.getByText('2025年12月31日').waitFor();
    assert.equal(await written.getByText(/^草稿：/).count(), 0, '2025 is published as drafted');
    await page.goto(`${s.url}?clock=2026-12-03#/reports/2027`);
    await page.getByRole('note').filter({ hasText: '2027年度还没有开始：下面的数字是按今天统计的，与2026年度相同' }).waitFor();
  } finally { await browser.close(); await s.close(); }
});
