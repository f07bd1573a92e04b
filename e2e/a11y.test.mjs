// Every input has a label and every button an accessible name, on every screen, with
// the sample city loaded (so lists, grids and dialogs are full). Read from Chromium's
// accessibility tree: a control without a name shows there as a bare role.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, profile, openApp, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await profile(); });
after(async () => { await browser?.close(); await server?.close(); });

const CONTROLS = ['textbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'button', 'slider', 'listbox', 'switch', 'searchbox'];
// An aria snapshot line for a control with no name: "- button" or "- textbox:" or "- checkbox [checked]".
const UNNAMED = new RegExp(`^\\s*- (${CONTROLS.join('|')})(?: \\[[^\\]]*\\])*:?\\s*$`);

async function unnamedControls(page) {
  const tree = await page.locator('body').ariaSnapshot();
  return tree.split('\n').filter((l) => UNNAMED.test(l));
}

test('every control on every screen has an accessible name', async () => {
  const page = await openApp(browser.context, server.url, '#/data');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByText('已载入示例数据').waitFor();

  // Visit every screen, and the detail screens of the first round and unit.
  const hashes = ['#/', '#/units', '#/schemes', '#/rounds', '#/results', '#/outcomes', '#/pairings',
    '#/rectification', '#/resources', '#/guidance', '#/reports', '#/exchange', '#/data'];
  await page.goto(server.url + '#/rounds');
  const roundHref = await page.getByRole('table', { name: '考评轮次' }).getByRole('link').first().getAttribute('href');
  await page.goto(server.url + '#/units');
  const unitHref = await page.getByRole('table', { name: '单位名册' }).getByRole('link').first().getAttribute('href');
  await page.goto(server.url + '#/schemes');
  const schemeHref = await page.getByRole('table', { name: '考评方案版本' }).getByRole('link').first().getAttribute('href');
  await page.goto(server.url + '#/outcomes');
  const outcomeHref = await page.getByRole('table', { name: '成果清单' }).getByRole('link').first().getAttribute('href');
  await page.goto(server.url + '#/pairings');
  const pairingHref = await page.getByRole('table', { name: '结对清单' }).getByRole('link').first().getAttribute('href');
  await page.goto(server.url + '#/rectification');
  const itemHref = await page.getByRole('table', { name: '整改事项' }).getByRole('link').first().getAttribute('href');
  hashes.push(pairingHref, itemHref);
  const roundId = roundHref.split('/').pop();
  const unitId = unitHref.split('/').pop();
  hashes.push(roundHref, unitHref, schemeHref, outcomeHref, `#/rounds/${roundId}/scores/self`,
    `#/results/${roundId}`, `#/results/${roundId}/${unitId}`, `#/results/${roundId}/${unitId}/card`);

  const problems = [];
  for (const hash of hashes) {
    await page.goto(server.url + hash);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    for (const line of await unnamedControls(page)) problems.push(`${hash}: ${line.trim()}`);
  }
  // The dialogs: adding a unit's edit dialog and the data page's confirmations.
  await page.goto(server.url + '#/units');
  await page.getByRole('table', { name: '单位名册' }).getByRole('button', { name: /^修改 / }).first().click();
  await page.getByRole('dialog').waitFor();
  for (const line of await unnamedControls(page)) problems.push(`edit dialog: ${line.trim()}`);
  // 成果: the registration form and an undo's reason dialog.
  await page.goto(server.url + '#/outcomes');
  await page.getByRole('button', { name: '登记新成果' }).click();
  await page.getByRole('form', { name: '登记成果' }).waitFor();
  for (const line of await unnamedControls(page)) problems.push(`register outcome: ${line.trim()}`);
  await page.getByRole('search', { name: '查找成果' }).getByLabel('阶段', { exact: true }).selectOption({ label: '市直机关推介' });
  await page.getByRole('table', { name: '成果清单' }).getByRole('link').first().click();
  await page.getByRole('button', { name: '撤销市直机关推介' }).click();
  await page.getByRole('dialog').waitFor();
  for (const line of await unnamedControls(page)) problems.push(`undo dialog: ${line.trim()}`);
  // The between-rounds forms, opened.
  for (const [hash, button, form] of [
    ['#/rectification', '登记整改事项', '登记整改事项'],
    ['#/pairings', '新建结对', '新建结对'],
    ['#/resources', '登记保障投入', '保障投入'],
    ['#/guidance', '登记督导', '登记督导'],
  ]) {
    await page.goto(server.url + hash);
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('form', { name: form }).waitFor();
    for (const line of await unnamedControls(page)) problems.push(`${hash} ${form}: ${line.trim()}`);
  }
  await page.getByRole('button', { name: /^转为整改事项/ }).first().click();
  await page.getByRole('form', { name: '转为整改事项' }).waitFor();
  for (const line of await unnamedControls(page)) problems.push(`finding to item: ${line.trim()}`);
  await page.goto(server.url + '#/data');
  await page.getByRole('button', { name: '清空全部数据' }).click();
  await page.getByRole('dialog').waitFor();
  for (const line of await unnamedControls(page)) problems.push(`clear dialog: ${line.trim()}`);

  assert.deepEqual(problems, [], 'controls without an accessible name');
  assert.deepEqual(page.errors, []);
});

test('the navigation stays in view at the bottom of a long page (单位, 40 rows)', async () => {
  const page = await openApp(browser.context, server.url, '#/units');
  await page.getByRole('table', { name: '单位名册' }).getByRole('link').first().waitFor();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const viewport = page.viewportSize();
  assert.ok(height > 2 * viewport.height, `a long page: ${height}px`);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() => window.scrollY > 0);
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const name of ['概览', '数据管理']) {
    const box = await nav.getByRole('link', { name, exact: true }).boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `${name} in view: ${JSON.stringify(box)}`);
  }
});

test('the check above does catch an unnamed control', async () => {
  const page = await openApp(browser.context, server.url, '#/data');
  await page.evaluate(() => {
    const main = document.querySelector('main') || document.body;
    main.append(document.createElement('input'), document.createElement('button'));
  });
  const found = await unnamedControls(page);
  assert.equal(found.length, 2, found.join('\n'));
});

test('no screen writes data as HTML (no inner_html in the UI code)', async () => {
  const files = [];
  const walk = async (dir) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(dir, e.name));
      else if (e.name.endsWith('.rs')) files.push(join(dir, e.name));
    }
  };
  await walk(join(ROOT, 'src'));
  assert.ok(files.length > 10);
  const offenders = [];
  for (const f of files) {
    const text = await readFile(f, 'utf8');
    if (/inner_html|set_inner_html|innerHTML/.test(text)) offenders.push(f);
  }
  assert.deepEqual(offenders, []);
});
