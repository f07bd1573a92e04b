// The 结果 table of the large city (issue 16): first draw after a click in the
// navigation, scrolling its frame top to bottom, re-sorting by 总分; each beside the
// same table as static HTML in the same frame (drawn, scrolled) in the same page.

const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Sets the hash and resolves after the first frame with the ranking of `units` units
 * drawn (the rows in its frame: a long ranking draws only those): ms since the hash. */
function drawRows({ hash, units }) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      const table = document.querySelector('table.ranking');
      if (table?.getAttribute('aria-rowcount') === String(units + 1) && table.querySelector('tbody tr[aria-rowindex]')) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      }
    });
    obs.observe(document.body, { childList: true, subtree: true });
    location.hash = hash;
  });
}

/** Scrolls `selector` top to bottom (or, given `{ selector, across: true }`, left to
 * right), 400 px a frame: total ms and the longest frame (the gap between animation
 * frames) in ms. */
export async function scrollFrame(arg) {
  const { selector, across } = typeof arg === 'string' ? { selector: arg, across: false } : arg;
  const [pos, size] = across ? ['scrollLeft', 'scrollWidth'] : ['scrollTop', 'scrollHeight'];
  const el = document.querySelector(selector);
  el[pos] = 0;
  await new Promise(requestAnimationFrame);
  const t = performance.now();
  let last = t, longest = 0;
  for (let x = 400; x < el[size] + 400; x += 400) {
    el[pos] = x;
    const now = await new Promise(requestAnimationFrame);
    longest = Math.max(longest, now - last);
    last = now;
  }
  return { ms: performance.now() - t, longest };
}

/** The table's frame as static HTML, every row (as drawn for printing). */
async function staticCopy({ selector, units }) {
  window.dispatchEvent(new Event('beforeprint'));
  await new Promise(requestAnimationFrame);
  const html = document.querySelector(selector).outerHTML;
  window.dispatchEvent(new Event('afterprint'));
  await new Promise(requestAnimationFrame);
  // Every row and the header row.
  if ((html.match(/aria-rowindex="/g) || []).length !== units + 1) throw new Error('the static copy lacks rows');
  return html;
}

/** Draws `html` after the page (in `#bench-static`): ms to a frame. */
export function drawStatic(html) {
  const host = document.createElement('div');
  host.id = 'bench-static';
  const t = performance.now();
  host.innerHTML = html;
  document.querySelector('main').appendChild(host);
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t), 0)));
}

/** Clicks 总分's header (descending, then ascending, …) and resolves after the first
 * frame once its sort state changed (the rows are reordered in the same task). */
function resort() {
  return new Promise((resolve) => {
    const th = [...document.querySelectorAll('table.ranking thead th')].find((h) => h.textContent.startsWith('总分'));
    const before = th.getAttribute('aria-sort');
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (th.getAttribute('aria-sort') !== before) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      }
    });
    obs.observe(document.querySelector('table.ranking'), { childList: true, subtree: true, attributes: true });
    th.querySelector('button').click();
  });
}

/** Every figure of the table, or null when the page does not show `units` rows. */
export async function measureTable(page, roundId, units) {
  const draws = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => { location.hash = '#/data'; });
    await page.getByRole('heading', { level: 1, name: '数据管理' }).waitFor();
    const ms = await Promise.race([
      page.evaluate(drawRows, { hash: `#/results/${roundId}`, units }),
      new Promise((r) => setTimeout(() => r(null), 60000)),
    ]);
    if (ms === null) return null;
    draws.push(ms);
  }
  const frame = '.table-wrap--ranking';
  const scroll = await page.evaluate(scrollFrame, frame);
  const sorts = [];
  for (let i = 0; i < RUNS; i++) sorts.push(await page.evaluate(resort));
  const statics = [];
  let staticScroll = null;
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => document.getElementById('bench-static')?.remove());
    const html = await page.evaluate(staticCopy, { selector: frame, units });
    statics.push(await page.evaluate(drawStatic, html));
  }
  // The static copy is the last one added: scroll it the same way.
  staticScroll = await page.evaluate(scrollFrame, `#bench-static ${frame}`);
  await page.evaluate(() => document.getElementById('bench-static')?.remove());
  return {
    drawMs: median(draws), staticMs: median(statics),
    scrollMs: scroll.ms, scrollLongest: scroll.longest,
    staticScrollMs: staticScroll.ms, staticScrollLongest: staticScroll.longest,
    sortMs: median(sorts),
  };
}
