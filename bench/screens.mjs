// The new screens at scale (issue 16): 成果 with every outcome of the large city, 报表
// for its last year, the 整改 list and the print of every report card, each drawn after a click in the navigation,
// against the same markup inserted as static HTML (for 成果, which draws the rows in its
// frame, the markup of every row). Called by bench/bench.mjs on a page
// that already holds the large city.

const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Navigates to `hash` and resolves once `ready` matches `min` elements and a frame has
 * been drawn: the milliseconds since the hash was set, and how many matched. */
function timedVisit({ hash, ready, min }) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const done = () => requestAnimationFrame(() => setTimeout(() => resolve({
      ms: performance.now() - t0, count: document.querySelectorAll(ready).length,
    }), 0));
    const obs = new MutationObserver(() => {
      if (document.querySelectorAll(ready).length >= min) { obs.disconnect(); done(); }
    });
    obs.observe(document.body, { childList: true, subtree: true });
    location.hash = hash;
  });
}

/** The same markup as static HTML: insert, lay out, time. */
function staticDraw(html) {
  const d = document.createElement('div');
  const t = performance.now();
  d.innerHTML = html;
  document.body.appendChild(d);
  d.getBoundingClientRect();
  const ms = performance.now() - t;
  d.remove();
  return ms;
}

/** Each screen's median draw time over RUNS visits, its static baseline and what it showed. */
export async function measureScreens(page, year) {
  const screens = [
    // The library draws the rows in its frame; its static copy holds every row (as
    // printed), like the results table's in bench/table.mjs.
    { label: '成果, every outcome, the rows in its frame', baseline: 'every row as static HTML', hash: '#/outcomes', ready: 'table.outcome-list tbody tr', min: 1, what: 'rows', long: 'table.outcome-list' },
    { label: `报表 ${year}`, hash: `#/reports/${year}`, ready: 'article.problem', min: 5, what: 'figures' },
    { label: '整改 list', hash: '#/rectification', ready: 'table.rect-list tbody tr', min: 1, what: 'rows' },
    // 报表's 打印全部考评报告: a page per unit, each with its trend over the years (it
    // held the page for 19 s when each card computed every round again).
    { label: `every report card of ${year} (报表 → 打印全部考评报告)`, hash: `#/reports/${year}/print/cards`, ready: 'section.report-card', min: 1, what: 'cards', target: 'under 2 s (a print, not a screen)' },
  ];
  const out = [];
  for (const s of screens) {
    const times = [];
    let count = 0;
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => { location.hash = '#/data'; });
      await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
      const r = await page.evaluate(timedVisit, s);
      times.push(r.ms);
      count = r.count;
    }
    if (s.long) {
      // Every row, as for printing; the count is the table's (its aria-rowcount).
      count = await page.evaluate((sel) => Number(document.querySelector(sel).getAttribute('aria-rowcount')) - 1, s.long);
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(`${sel} tbody tr:not(.row-spacer)`).length === n, [s.long, count]);
    }
    const html = await page.evaluate(() => document.querySelector('main')?.innerHTML ?? document.body.innerHTML);
    if (s.long) await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    const statics = [];
    for (let i = 0; i < RUNS; i++) statics.push(await page.evaluate(staticDraw, html));
    out.push({ label: s.label, ms: median(times), staticMs: median(statics), count, what: s.what, baseline: s.baseline ?? 'the same markup as static HTML', target: s.target ?? '≤ 300 ms' });
  }
  return out;
}
