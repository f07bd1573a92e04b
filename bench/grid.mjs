// The score grid of the large city (300 units × 50 indicators): opening it from another
// page, and scrolling its frame top to bottom and across; each beside the whole grid as
// static HTML (every row, every input) in the same frame, in the same page.

import { scrollFrame, drawStatic } from './table.mjs';

const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Sets the hash and resolves after the first frame with the grid's inputs drawn: ms
 * since the hash. */
function open(hash) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (document.querySelector('.score-grid tbody input')) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      }
    });
    obs.observe(document.body, { childList: true, subtree: true });
    location.hash = hash;
  });
}

/** The grid's frame as static HTML, every row with every input (built from a drawn row:
 * the spacer cells replaced by copies of a cell). */
function staticCopy({ units, cols }) {
  const frame = document.querySelector('.grid-scroll').cloneNode(true);
  const body = frame.querySelector('tbody');
  const row = body.querySelector('tr:not(.row-spacer)');
  row.querySelectorAll('.col-spacer').forEach((td) => td.remove());
  const cells = row.querySelectorAll('td.score-grid__cell');
  for (let c = cells.length; c < cols; c++) cells[cells.length - 1].after(cells[0].cloneNode(true));
  if (row.querySelectorAll('input').length !== cols) throw new Error('the static row lacks inputs');
  return frame.outerHTML.replace(body.innerHTML, row.outerHTML.repeat(units));
}

/** Every figure of the grid, or null when the page does not show it. */
export async function measureGrid(page, roundId, units, cols) {
  const opens = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => { location.hash = '#/data'; });
    await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
    const ms = await Promise.race([
      page.evaluate(open, `#/rounds/${roundId}/scores/self`),
      new Promise((r) => setTimeout(() => r(null), 60000)),
    ]);
    if (ms === null) return null;
    opens.push(ms);
  }
  await page.waitForTimeout(500);
  const down = await page.evaluate(scrollFrame, '.grid-scroll');
  const across = await page.evaluate(scrollFrame, { selector: '.grid-scroll', across: true });
  const statics = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => document.getElementById('bench-static')?.remove());
    const html = await page.evaluate(staticCopy, { units, cols });
    statics.push(await page.evaluate(drawStatic, html));
  }
  const staticDown = await page.evaluate(scrollFrame, '#bench-static .grid-scroll');
  const staticAcross = await page.evaluate(scrollFrame, { selector: '#bench-static .grid-scroll', across: true });
  await page.evaluate(() => document.getElementById('bench-static')?.remove());
  return { openMs: median(opens), staticMs: median(statics), down, across, staticDown, staticAcross };
}
