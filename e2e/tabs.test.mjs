// Two tabs of the app in one browser: a save in one appears in the other, and a tab
// holding older data cannot overwrite newer data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, profile, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await profile(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The "数据内容" line of the data page, e.g. "42 个单位、…". */
const contents = (page) => page.getByRole('definition').filter({ hasText: '个单位' });
const stored = (page) => page.evaluate(() => localStorage.getItem('exemplar.state'));

test('a save in one tab appears in the other without a reload', async () => {
  const a = await openApp(browser.context, server.url, '#/data');
  const b = await openApp(browser.context, server.url, '#/data');
  assert.match(await contents(b).textContent(), /^0 个单位/);

  await a.getByRole('button', { name: '载入示例数据' }).click();
  await a.getByText('已载入示例数据').waitFor();
  const full = await contents(a).textContent();
  assert.match(full, /^[1-9]\d* 个单位/);

  // Tab B hears the storage event and shows the same data, saying why it changed
  // (nothing went, so nothing more).
  await b.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  assert.doesNotMatch(await b.getByText('另一个窗口保存了新的修改').textContent(), /数据内容由/);
  assert.equal(await contents(b).textContent(), full);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await a.close();
  await b.close();
});

test('a tab with older data is refused and the newer stored data stays', async () => {
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/data');
  await a.getByRole('button', { name: '载入示例数据' }).click();
  await a.getByText('已载入示例数据').waitFor();

  // Another writer saves a newer revision that tab A does not hear about (a tab never
  // receives the storage events of its own writes): A's data is now older than storage.
  const newer = await a.evaluate(() => {
    const v = localStorage.getItem('exemplar.state');
    const bumped = v.replace(/"rev":(\d+)/, (_, n) => `"rev":${Number(n) + 40}`);
    localStorage.setItem('exemplar.state', bumped);
    return bumped;
  });

  // A tries to undo the sample load: refused, since it would erase the newer data.
  await a.getByRole('button', { name: '撤销' }).click();
  await a.getByText('另一个窗口在此之后保存了修改，撤销会抹掉那些修改，因此不能撤销。').waitFor();
  assert.equal(await stored(a), newer, 'the newer stored data is untouched');

  // A tries a change: its save is refused, the change stays on screen, and A is
  // asked which data to keep.
  await a.goto(`${server.url}#/units`);
  const form = a.getByRole('form', { name: '添加单位' });
  await form.getByLabel('名称', { exact: true }).fill('本窗口新加的单位');
  await form.getByRole('button', { name: '添加单位' }).click();
  await a.getByText(/另一个窗口已保存了更新的数据.*本次修改没有保存/).waitFor();
  assert.equal(await stored(a), newer, 'still untouched');
  assert.equal(await a.getByRole('link', { name: '本窗口新加的单位', exact: true }).count(), 1, 'kept on screen');

  // Taking the stored data, as offered, shows it and drops the refused change.
  await a.getByRole('button', { name: '改用已保存的数据' }).click();
  await a.getByText('已载入最新保存的数据').waitFor();
  assert.equal(await a.getByRole('link', { name: '本窗口新加的单位', exact: true }).count(), 0);
  assert.equal(await stored(a), newer);
  // What was dropped is kept as a snapshot, to be found again on 数据管理.
  await a.getByText('放弃前的数据已存为快照“改用已保存数据前本窗口的数据”', { exact: false }).waitFor();
  await a.goto(`${server.url}#/data`);
  await a.getByRole('list', { name: '快照列表' }).getByRole('listitem').first()
    .filter({ hasText: '改用已保存数据前本窗口的数据' }).waitFor();
  await own.close();
});

/** Makes the page look hidden (another browser tab in front) or shown again, as the
 * browser does when the person switches tabs. */
const setHidden = (page, hidden) => page.evaluate((hidden) => {
  Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
  Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}, hidden);

const addUnit = async (page, name) => {
  const form = page.getByRole('form', { name: '添加单位' });
  await form.getByLabel('名称', { exact: true }).fill(name);
  await form.getByRole('button', { name: '添加单位' }).click();
  await page.getByRole('link', { name, exact: true }).waitFor();
};

test('a tab in the background takes in the other tab\'s saves when it is shown again', async () => {
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/units');
  const b = await openApp(own.context, server.url, '#/units');
  // B saves last before it goes to the background, so the saves it misses must be
  // checked against B's own.
  await addUnit(b, '后台窗口自己加的单位');
  await a.getByRole('link', { name: '后台窗口自己加的单位', exact: true }).waitFor();

  await b.evaluate(() => { window.heard = 0; addEventListener('storage', () => { window.heard += 1; }); });
  await setHidden(b, true);
  await addUnit(a, '前台窗口加的第一个单位');
  await addUnit(a, '前台窗口加的第二个单位');
  // A save writes more than one key, so two events can both be the first save's: wait
  // until A has written the second too (its bar says 已保存 again).
  await a.getByRole('banner').getByRole('status').filter({ hasText: /^已保存 \d/ }).waitFor();
  await b.waitForFunction(() => window.heard >= 2);
  // Hidden, B heard both saves and has not read them yet.
  assert.equal(await b.getByRole('link', { name: '前台窗口加的第一个单位', exact: true }).count(), 0);

  // Shown again, B takes in both, without asking which data to keep.
  await setHidden(b, false);
  await b.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  for (const name of ['后台窗口自己加的单位', '前台窗口加的第一个单位', '前台窗口加的第二个单位']) {
    assert.equal(await b.getByRole('link', { name, exact: true }).count(), 1, name);
  }
  assert.equal(await b.getByRole('button', { name: '改用已保存的数据' }).count(), 0, 'no conflict');
  assert.deepEqual(b.errors, []);
  await own.close();
});

test('保留本窗口的数据 keeps the other tab\'s save as a snapshot, and that tab is told', async () => {
  // A clerk's review: tab B, behind, kept its data over tab A's new unit; A then took
  // B's data in silently and its unit was gone for good.
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/units');
  const b = await openApp(own.context, server.url, '#/units');
  await setHidden(b, true);
  await addUnit(a, '甲窗口的单位');
  await a.getByRole('banner').getByRole('status').filter({ hasText: /^已保存 \d/ }).waitFor();
  // B, which has not read A's save, is refused and keeps its own data.
  const form = b.getByRole('form', { name: '添加单位' });
  await form.getByLabel('名称', { exact: true }).fill('乙窗口的单位');
  await form.getByRole('button', { name: '添加单位' }).click();
  await b.getByText(/另一个窗口已保存了更新的数据.*本次修改没有保存/).waitFor();
  await b.getByRole('button', { name: '保留本窗口的数据' }).click();
  await b.getByText('已保存本窗口的数据，另一个窗口的那次修改已被替换；替换前的数据已存为快照“被另一窗口替换前的数据”', { exact: false }).waitFor();
  // A is told, and still shows its unit; nothing of it is taken silently.
  await a.getByText('另一个窗口选择了“保留本窗口的数据”，本窗口刚才保存的修改已被它替换（仍显示在本页上，尚未保存；替换前的数据已存为快照“被另一窗口替换前的数据”）', { exact: false }).waitFor();
  assert.equal(await a.getByRole('link', { name: '甲窗口的单位', exact: true }).count(), 1);
  assert.equal(await a.getByRole('button', { name: '保留本窗口的数据' }).count(), 1, 'A chooses too');
  // The snapshot holds A's unit, to be restored or compared on 数据管理.
  await setHidden(b, false);
  await b.goto(`${server.url}#/data`);
  const newest = b.getByRole('list', { name: '快照列表' }).getByRole('listitem').first();
  await newest.filter({ hasText: '被另一窗口替换前的数据' }).waitFor();
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await own.close();
});

test('a unit deleted in one tab can be got back after the other tab saves: the undo is said gone, the snapshot is there', async () => {
  // A clerk's review: the confirmation promised 撤销, another tab's save took it away
  // without a word, and the deleted unit and its history were gone for good.
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/units');
  await addUnit(a, '临时单位Y');
  await a.getByRole('button', { name: '删除 临时单位Y' }).click();
  const confirm = a.getByRole('dialog', { name: '确认删除单位' });
  assert.match(await confirm.textContent(), /另一个窗口保存修改后不能再撤销；删除前的数据另存为快照/);
  await confirm.getByRole('button', { name: '删除' }).click();
  await a.getByText('已删除单位「临时单位Y」。删除前的数据已存为快照；删错了可点“撤销”（或按 Ctrl+Z）。').waitFor();
  assert.equal(await a.getByRole('button', { name: /^撤销/ }).count(), 1);

  const b = await openApp(own.context, server.url, '#/units');
  await addUnit(b, '市民政局第二党支部');
  await a.getByText('另一个窗口保存了新的修改，本页已同步更新。本窗口的“撤销”已不可用').waitFor();
  assert.equal(await a.getByRole('button', { name: /^撤销/ }).count(), 0);
  await a.goto(`${server.url}#/data`);
  await a.getByRole('list', { name: '快照列表' }).getByRole('listitem').first()
    .filter({ hasText: '删除单位前：临时单位Y' }).waitFor();
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await own.close();
});

test('a unit deletion confirmed after another tab gave it an outcome is refused and leaves no snapshot', async () => {
  // Only a deletion that goes through keeps a 删除单位前 snapshot: a refused one
  // changed nothing, and its snapshot would crowd out older ones in the list.
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/units');
  await addUnit(a, '临时单位Z');
  await a.getByRole('button', { name: '删除 临时单位Z' }).click();
  const confirm = a.getByRole('dialog', { name: '确认删除单位' });
  await confirm.waitFor();

  const b = await openApp(own.context, server.url, '#/outcomes');
  await b.getByRole('button', { name: '登记新成果' }).click();
  const reg = b.getByRole('form', { name: '登记成果' });
  await reg.getByLabel('所属单位').selectOption({ label: '临时单位Z' });
  await reg.getByLabel('成果名称').fill('临时单位Z的成果');
  await reg.getByLabel('成果日期').fill('2026-04-10');
  await reg.getByLabel('成果类别').selectOption({ label: '实践成果' });
  await reg.getByRole('button', { name: '登记', exact: true }).click();
  await b.getByText('已登记成果「临时单位Z的成果」').waitFor();

  await a.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  await confirm.getByRole('button', { name: '删除' }).click();
  await a.getByText('单位「临时单位Z」不能删除：有 1 项成果').waitFor();
  await a.getByRole('link', { name: '临时单位Z', exact: true }).waitFor();
  await a.goto(`${server.url}#/data`);
  await a.getByRole('heading', { name: '快照' }).waitFor();
  assert.equal(await a.getByText('删除单位前：临时单位Z').count(), 0, 'no snapshot of a refused deletion');
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await own.close();
});

test('清空全部数据 in one tab empties the other, whose next change does not bring the data back', async () => {
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/data');
  await a.getByRole('button', { name: '载入示例数据' }).click();
  await a.getByText('已载入示例数据').waitFor();
  const b = await openApp(own.context, server.url, '#/units');
  await b.getByRole('link', { name: '市民政局综合科党支部', exact: true }).waitFor();

  await a.getByRole('button', { name: '清空全部数据' }).click();
  const dialog = a.getByRole('dialog', { name: '确认清空全部数据' });
  await dialog.getByLabel('请输入“清空”以确认').fill('清空');
  await dialog.getByRole('button', { name: '永久清空' }).click();
  await a.getByText('已清空全部数据').waitFor();

  // The other tab follows at once, saying what went: its list is empty too.
  await b.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  assert.match(
    await b.getByText('另一个窗口保存了新的修改').textContent(),
    /数据内容由“4\d 个单位、.*”变为“0 个单位、.*”（另一个窗口删除、清空或从备份恢复了数据）/,
  );
  await b.getByRole('link', { name: '市民政局综合科党支部', exact: true }).waitFor({ state: 'detached' });
  // A unit added there is the only unit; the sample city stays gone.
  await addUnit(b, '清空后新加的单位');
  await a.reload();
  await a.goto(`${server.url}#/units`);
  await a.getByRole('link', { name: '清空后新加的单位', exact: true }).waitFor();
  assert.equal(await a.getByRole('link', { name: '市民政局综合科党支部', exact: true }).count(), 0);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await own.close();
});

test('a 修改 dialog left open in one tab writes only the fields changed there over the other tab\'s save', async () => {
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/units');
  const name = '两个窗口都在改的单位';
  await addUnit(a, name);
  const b = await openApp(own.context, server.url, '#/units');
  await b.getByRole('link', { name, exact: true }).waitFor();

  // B opens the dialog first and leaves it open.
  await b.getByRole('button', { name: `修改 ${name}` }).click();
  const bForm = b.getByRole('form', { name: '修改单位' });
  await bForm.getByLabel('联系方式', { exact: true }).waitFor();

  // A changes 联系方式 and saves.
  await a.getByRole('button', { name: `修改 ${name}` }).click();
  const aForm = a.getByRole('form', { name: '修改单位' });
  await aForm.getByLabel('联系方式', { exact: true }).fill('0571-88886666');
  await aForm.getByRole('button', { name: '保存修改' }).click();
  await a.getByText(`已保存单位「${name}」的修改。`).waitFor();
  await b.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();

  // B changes 系统/行业 only: A's 联系方式 stays.
  await bForm.getByLabel('系统/行业', { exact: true }).fill('政法系统');
  await bForm.getByRole('button', { name: '保存修改' }).click();
  await b.getByText(`已保存单位「${name}」的修改。`).waitFor();
  const c = await openApp(own.context, server.url, '#/units');
  const row = c.getByRole('row').filter({ hasText: name });
  await row.filter({ hasText: '政法系统' }).waitFor();
  assert.match(await row.textContent(), /0571-88886666/);
  assert.deepEqual(b.errors, []);
  await own.close();
});

test('an outcome saved in one tab is not silently written over by a 修改成果 form left open in the other', async () => {
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/data');
  await a.getByRole('button', { name: '载入示例数据' }).click();
  await a.getByText('已载入示例数据').waitFor();
  await a.goto(server.url + '#/outcomes');
  const first = a.getByRole('table').getByRole('link').first();
  await first.click();
  await a.getByRole('button', { name: '修改成果' }).waitFor();
  const url = a.url();
  const b = await openApp(own.context, server.url, '#' + url.split('#')[1]);

  // B opens the form first and leaves it open.
  await b.getByRole('button', { name: '修改成果' }).click();
  const bForm = b.getByRole('form', { name: '修改成果' });
  await bForm.getByLabel('成果简介').waitFor();

  // A corrects the description and saves.
  await a.getByRole('button', { name: '修改成果' }).click();
  const aForm = a.getByRole('form', { name: '修改成果' });
  await aForm.getByLabel('成果简介').fill('窗口甲写的简介');
  await aForm.getByRole('button', { name: '保存修改' }).click();
  await a.getByText('已保存成果的修改').waitFor();
  await b.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();

  // B's save is stopped once with the reason, and nothing is written.
  await bForm.getByLabel('成果简介').fill('窗口乙写的简介');
  const before = await stored(b);
  await bForm.getByRole('button', { name: '保存修改' }).click();
  await bForm.getByRole('alert').filter({ hasText: '也被修改了：「成果简介」已被改为“窗口甲写的简介”（本窗口填的是“窗口乙写的简介”）' }).waitFor();
  assert.equal(await stored(b), before, 'nothing written over the other tab\'s save');
  // Saved again on purpose: this tab's text wins.
  await bForm.getByRole('button', { name: '保存修改' }).click();
  await b.getByText('已保存成果的修改').waitFor();
  await a.getByRole('definition').filter({ hasText: '窗口乙写的简介' }).waitFor();

  // Fields changed in different tabs are both kept: B's form, open while A saves a new
  // 佐证材料, saves its 成果简介 at once without putting A's evidence back.
  await b.getByRole('button', { name: '修改成果' }).click();
  await bForm.getByLabel('成果简介').fill('窗口乙第二次写的简介');
  await a.getByRole('button', { name: '修改成果' }).click();
  await aForm.getByLabel('佐证材料').fill('窗口甲补的佐证：活动台账第5页');
  await aForm.getByRole('button', { name: '保存修改' }).click();
  await a.getByText('已保存成果的修改').waitFor();
  await b.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  await bForm.getByRole('button', { name: '保存修改' }).click();
  await b.getByText('已保存成果的修改。您没有改动的项目保留了这期间在别处所做的修改。').waitFor();
  for (const page of [a, b]) {
    await page.getByRole('definition').filter({ hasText: '窗口乙第二次写的简介' }).waitFor();
    await page.getByText('窗口甲补的佐证：活动台账第5页').waitFor();
  }

  // The same after a reload: B's form, opened again from its draft, still writes only
  // the field typed in it, not its old 佐证材料 over A's (a clerk's review).
  await b.getByRole('button', { name: '修改成果' }).click();
  await bForm.getByLabel('成果简介').fill('窗口乙第三次写的简介');
  await a.getByRole('button', { name: '修改成果' }).click();
  await aForm.getByLabel('佐证材料').fill('窗口甲第二次补的佐证');
  await aForm.getByRole('button', { name: '保存修改' }).click();
  await a.getByText('已保存成果的修改').waitFor();
  b.once('dialog', (d) => d.accept());
  await b.reload();
  await bForm.getByText('已恢复您上次离开时尚未保存的内容').waitFor();
  assert.equal(await bForm.getByLabel('成果简介').inputValue(), '窗口乙第三次写的简介');
  await bForm.getByRole('button', { name: '保存修改' }).click();
  await b.getByText('已保存成果的修改。您没有改动的项目保留了这期间在别处所做的修改。').waitFor();
  await b.getByText('窗口甲第二次补的佐证').waitFor();
  await b.getByRole('definition').filter({ hasText: '窗口乙第三次写的简介' }).waitFor();
  assert.deepEqual(b.errors, []);
  await own.close();
});

/** A fresh profile with the sample city, tab A on the 结对 list, and its rows. */
const samplePairings = async () => {
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/data');
  await a.getByRole('button', { name: '载入示例数据' }).click();
  await a.getByText('已载入示例数据').waitFor();
  await a.goto(server.url + '#/pairings');
  const pairings = a.getByRole('table', { name: '结对清单' }).getByRole('rowgroup').last().getByRole('row');
  return { own, a, pairings };
};

test('修改结对 left open in one tab keeps the other tab\'s 结对单位进展, and names a field both changed', async () => {
  // A clerk's review: tab A's second 保存修改 put back the 结对单位进展 tab B had saved,
  // a field A never touched, and the warning named no field.
  const { own, a, pairings } = await samplePairings();
  await pairings.first().getByRole('link').click();
  const edit = (p) => p.getByRole('button', { name: '修改结对', exact: true });
  await edit(a).waitFor();
  const b = await openApp(own.context, server.url, '#' + a.url().split('#')[1]);
  await edit(b).waitFor();
  const form = (p) => p.getByRole('form', { name: '修改结对', exact: true });

  // A opens the form and changes 结对目标; B saves 结对单位进展 meanwhile.
  await edit(a).click();
  await form(a).getByLabel('结对目标').fill('A窗口的目标');
  await edit(b).click();
  await form(b).getByLabel('结对单位进展').fill('B窗口的进展：已建立台账');
  await form(b).getByRole('button', { name: '保存修改' }).click();
  await b.getByRole('definition').filter({ hasText: 'B窗口的进展：已建立台账' }).waitFor();
  await a.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  await form(a).getByRole('button', { name: '保存修改' }).click();
  await a.getByText('您没有改动的项目保留了这期间在别处所做的修改。').waitFor();
  await a.getByRole('definition').filter({ hasText: 'A窗口的目标' }).waitFor();
  assert.equal(await a.getByRole('definition').filter({ hasText: 'B窗口的进展：已建立台账' }).count(), 1, 'B\'s change kept');

  // Both change 结对单位进展: A is told what B saved, and a second click keeps A's.
  await edit(a).click();
  await form(a).getByLabel('结对单位进展').fill('A窗口的进展');
  await edit(b).click();
  await form(b).getByLabel('结对单位进展').fill('B窗口的第二次进展');
  await form(b).getByRole('button', { name: '保存修改' }).click();
  await b.getByRole('definition').filter({ hasText: 'B窗口的第二次进展' }).waitFor();
  await a.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  await form(a).getByRole('button', { name: '保存修改' }).click();
  await form(a).getByRole('alert').filter({ hasText: '「结对单位进展」已被改为“B窗口的第二次进展”（本窗口填的是“A窗口的进展”）' }).waitFor();
  assert.equal(await form(a).getByLabel('结对单位进展').getAttribute('aria-invalid'), 'true');
  await form(a).getByRole('button', { name: '保存修改' }).click();
  await a.getByRole('definition').filter({ hasText: 'A窗口的进展' }).waitFor();
  assert.deepEqual(a.errors, []);
  await own.close();
});

test('a deletion confirmed after another tab changed the activity log removes what was asked, or nothing', async () => {
  const { own, a, pairings } = await samplePairings();
  // A pairing of the sample city with at least three activities.
  await pairings.first().waitFor();
  const counts = await pairings.evaluateAll((rows) => rows.map((r) => Number(r.cells[4].textContent)));
  const chosen = counts.findIndex((n) => n >= 3);
  assert.ok(chosen >= 0, 'the sample city has a pairing with three activities');
  await pairings.nth(chosen).getByRole('link').click();
  const log = (p) => p.getByRole('table', { name: '结对活动记录' }).getByRole('rowgroup').last().getByRole('row');
  await log(a).first().waitFor();
  const b = await openApp(own.context, server.url, '#' + a.url().split('#')[1]);
  await log(b).first().waitFor();
  const deleteButton = (row) => row.getByRole('button', { name: /^删除活动/ });
  const names = await log(b).evaluateAll((rows) => rows.map((r) => r.querySelector('button.danger').getAttribute('aria-label')));
  const n = names.length;

  // B asks to delete the second activity and leaves the confirmation open; A deletes
  // the first. B's confirmation then deletes the second, not what has moved into its row.
  await deleteButton(log(b).nth(1)).click();
  const bDialog = b.getByRole('dialog', { name: '确认删除活动记录' });
  await bDialog.waitFor();
  await deleteButton(log(a).first()).click();
  await a.getByRole('dialog', { name: '确认删除活动记录' }).getByRole('button', { name: '删除' }).click();
  await a.getByText('已删除结对活动。').waitFor();
  await b.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  await bDialog.getByRole('button', { name: '删除' }).click();
  await b.getByText('已删除结对活动。').waitFor();
  const left = async (p) => log(p).evaluateAll((rows) => rows.map((r) => r.querySelector('button.danger').getAttribute('aria-label')));
  assert.deepEqual(await left(b), names.slice(2));
  await a.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  assert.deepEqual(await left(a), names.slice(2));

  // B asks to delete the (now) first activity; A deletes it first. B's confirmation
  // then deletes nothing and says why.
  await deleteButton(log(b).first()).click();
  await bDialog.waitFor();
  await deleteButton(log(a).first()).click();
  await a.getByRole('dialog', { name: '确认删除活动记录' }).getByRole('button', { name: '删除' }).click();
  await a.getByText('已删除结对活动。').waitFor();
  await log(b).nth(n - 3).waitFor({ state: 'detached' });
  const before = await stored(b);
  await bDialog.getByRole('button', { name: '删除' }).click();
  await b.getByText('这条活动记录已被删除（本页的其他操作、另一个窗口或一次导入），本次没有保存。').waitFor();
  assert.equal(await stored(b), before, 'nothing else deleted');
  assert.deepEqual(await left(b), names.slice(3));
  assert.equal(await log(b).count(), n - 3);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await own.close();
});

test('a status change typed in one tab is kept when the other tab changes the same unit', async () => {
  const own = await profile();
  const a = await openApp(own.context, server.url, '#/units');
  const name = '两个窗口都在变更状态的单位';
  await addUnit(a, name);
  await a.getByRole('link', { name, exact: true }).click();
  const b = await openApp(own.context, server.url, a.url().replace(/^.*#/, '#'));
  const aForm = a.getByRole('form', { name: '变更状态' });
  const bForm = b.getByRole('form', { name: '变更状态' });
  await bForm.waitFor();

  // A types a withdrawal and has not confirmed it yet.
  await aForm.getByLabel('新状态').selectOption('退出');
  await aForm.getByLabel('变更理由').fill('单位撤并，不再参加创建');
  await aForm.getByLabel('文号').fill('市直工委〔2026〕77号');

  // B names the unit and confirms.
  await bForm.getByLabel('新状态').selectOption('已授牌');
  await bForm.getByLabel('变更理由').fill('验收合格');
  await bForm.getByLabel('文号').fill('市直工委〔2026〕70号');
  await bForm.getByLabel('牌匾编号').fill('SFD-2026-099');
  await bForm.getByRole('button', { name: '确认变更' }).click();
  await b.getByRole('dialog', { name: '确认状态变更' }).getByRole('button', { name: '确认', exact: true }).click();
  await b.getByText('已将状态变更为“已授牌”').waitFor();

  // A follows, and what A typed is still there. The banner says the page was brought up
  // to date; the form does not claim A had left it.
  await a.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
  await aForm.getByText('当前状态：已授牌。').waitFor();
  assert.equal(await aForm.getByText('已恢复您上次离开时').count(), 0);
  assert.equal(await aForm.getByLabel('变更理由').inputValue(), '单位撤并，不再参加创建');
  assert.equal(await aForm.getByLabel('文号').inputValue(), '市直工委〔2026〕77号');
  // Recorded, the text is not offered again.
  await aForm.getByLabel('新状态').selectOption('退出');
  await aForm.getByRole('button', { name: '确认变更' }).click();
  await a.getByRole('dialog', { name: '确认状态变更' }).getByRole('button', { name: '确认', exact: true }).click();
  await a.getByText('已将状态变更为“退出”').waitFor();
  assert.equal(await aForm.getByLabel('变更理由').inputValue(), '');
  assert.equal(await aForm.getByText('已恢复您上次离开时尚未保存的内容').count(), 0);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await own.close();
});

// A clerk's review: the same judge's grid open in two tabs, one cell typed in both:
// the later Enter wrote over the earlier score, and neither tab said so.
test('a score typed over a cell another tab changed meanwhile is not stored; both values are said', async () => {
  const own = await profile();
  try {
    const a = await openApp(own.context, server.url, '#/units');
    const unitForm = a.getByRole('form', { name: '添加单位' });
    await unitForm.getByLabel('名称', { exact: true }).fill('市审计局第二党支部');
    await unitForm.getByLabel('系统/行业', { exact: true }).fill('经济监督系统');
    await unitForm.getByRole('button', { name: '添加单位' }).click();
    await a.getByText('已添加单位「市审计局第二党支部」').waitFor();
    await a.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考评', exact: true }).click();
    const newRound = a.getByRole('form', { name: '新建考评' });
    await newRound.getByLabel('年度').fill('2026');
    const scheme = newRound.getByLabel('考评方案');
    const builtIn = (await scheme.getByRole('option').allTextContents()).find((o) => o.includes('内置默认方案'));
    await scheme.selectOption({ label: builtIn });
    await newRound.getByLabel('评委姓名').fill('王评委');
    await newRound.getByRole('button', { name: '创建考评' }).click();
    await a.getByRole('link', { name: '录入评分：王评委' }).click();
    const cellIn = (p) => p.getByRole('grid', { name: '评分表' }).getByRole('textbox').first();
    await cellIn(a).fill('2');
    await cellIn(a).press('Enter');
    await a.locator('.savestatus').filter({ hasText: '已保存' }).waitFor();

    const b = await own.context.newPage();
    await b.goto(a.url());
    await cellIn(b).waitFor();
    assert.equal(await cellIn(b).inputValue(), '2');
    // B starts typing; A stores another value in the same cell meanwhile.
    await cellIn(b).click();
    await b.keyboard.type('1');
    await cellIn(a).fill('3');
    await cellIn(a).press('Enter');
    await b.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
    assert.equal(await cellIn(b).inputValue(), '1', 'what B typed is still in the cell');
    await cellIn(b).press('Enter');
    const said = b.getByRole('alert').filter({ hasText: '在您输入期间，这一格已由“2”改为“3”' });
    await said.waitFor();
    assert.match(await said.textContent(), /您输入的“1”没有保存。如仍要改，请重新输入。/);
    assert.equal(await cellIn(b).inputValue(), '3', 'the cell shows what is stored');
    await b.reload();
    assert.equal(await cellIn(b).inputValue(), '3', 'A\'s score is kept');
    // Typed again, it is stored: the person has now seen the other value.
    await cellIn(b).fill('1');
    await cellIn(b).press('Enter');
    await b.locator('.savestatus').filter({ hasText: '已保存' }).waitFor();
    await a.getByText('另一个窗口保存了新的修改，本页已同步更新。').waitFor();
    assert.equal(await cellIn(a).inputValue(), '1');
    assert.deepEqual(a.errors, []);
  } finally {
    await own.close();
  }
});
