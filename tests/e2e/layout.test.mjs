// The workbench on a laptop, a tablet and a phone: a plan of five years and two phases fits a
// 1366 px screen without sideways scrolling; on narrower screens the grid keeps the width and the
// side panels open as a drawer over it. Screenshots in tests/e2e/artifacts/ (layout-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, value, shot, assertNoFatal } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

/** A draft of 2026–2030 in two phases, three lines. */
function fiveYears() {
  const amounts = (k) => Object.fromEntries([2026, 2027, 2028, 2029, 2030].map((y, i) => [String(y), String(100 * k + 10 * i)]));
  return Buffer.from(JSON.stringify({
    $schema: 'urn:kehoach:draft:v1', name: 'Năm năm', title: 'Kế hoạch 2026–2030', period: { first: 2026, last: 2030 }, unit: 'million',
    phases: [{ id: 1, name: 'Giai đoạn 1', years: { first: 2026, last: 2027 } }, { id: 2, name: 'Giai đoạn 2', years: { first: 2028, last: 2030 } }],
    lines: [1, 2, 3].map((k) => ({ id: 10 + k, name: ['Tuyên truyền, vận động', 'Tập huấn giáo viên', 'Mua sắm thiết bị'][k - 1], amounts: amounts(k) })),
  }));
}

async function openFiveYears(width, height) {
  const { page } = await openApp(browser.context);
  await page.setViewportSize({ width, height });
  await page.setInputFiles('[data-testid="import-file"]', { name: 'nam-nam.json', mimeType: 'application/json', buffer: fiveYears() });
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="grand-total"]');
  return page;
}

for (const [width, height, name] of [[1366, 768, 'laptop'], [768, 1024, 'tablet'], [390, 844, 'phone']]) {
  test(`${name} ${width} × ${height}: the grid usable, the side panels a drawer`, async () => {
    const page = await openFiveYears(width, height);
    const grid = await page.locator('[data-testid="grid"]').boundingBox();
    assert.ok(grid.width > width * 0.8, `grid ${grid.width} px wide of ${width}`);
    assert.ok(grid.height > 200, `grid ${grid.height} px high`);
    if (width >= 1366) {
      // The whole table, Tổng included, without sideways scrolling.
      const scroll = await page.locator('[data-testid="grid"]').evaluate((el) => [el.scrollWidth, el.clientWidth]);
      assert.ok(scroll[0] <= scroll[1], `scrolls sideways: ${scroll}`);
      const total = await page.locator('[data-testid="grand-total"]').boundingBox();
      assert.ok(total.x + total.width <= grid.x + grid.width, 'the Tổng column on screen');
    }
    // The toolbar is not covered; the side panels open over the grid on demand and close again.
    assert.ok(await page.isVisible('[data-testid="undo"]'));
    const side = page.locator('[data-testid="side-panels"]');
    const hidden = await side.boundingBox();
    assert.ok(!hidden || hidden.x >= width - 1, `side panels on screen before asked: ${JSON.stringify(hidden)}`);
    await shot(page, `layout-${name}`);
    // Editing works: a cell, typed in.
    await page.click('[data-testid="cell-1-2026"]');
    await page.keyboard.type('150');
    await page.keyboard.press('Enter');
    assert.equal(await value(page, 'cell-1-2026'), '150');
    await page.click('[data-testid="side-toggle"]');
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="side-panels"]').getBoundingClientRect();
      return r.x < window.innerWidth - 10 && r.right <= window.innerWidth + 1;
    });
    await page.waitForTimeout(250);
    assert.ok(await page.isVisible('[data-testid="source-add"]'));
    await shot(page, `layout-${name}-panels`);
    await page.click('[data-testid="side-close"]');
    await assertNoFatal(page, assert);
  });
}

test('a table wider than the screen keeps the names and the Tổng column on screen while it scrolls', async () => {
  const { page } = await openApp(browser.context);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.click('[data-testid="open-example"]');
  await page.waitForSelector('[data-testid="grand-total"]');
  const grid = await page.locator('[data-testid="grid"]').boundingBox();
  const widths = await page.locator('[data-testid="grid"]').evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(widths[0] > widths[1], `the example must be wider than the screen: ${widths}`);
  for (const left of [0, 200]) {
    await page.locator('[data-testid="grid"]').evaluate((el, x) => { el.scrollLeft = x; }, left);
    await page.waitForTimeout(100);
    for (const id of ['grand-total', 'line-total-1', 'line-total-4']) {
      const box = await page.locator(`[data-testid="${id}"]`).boundingBox();
      assert.ok(box.x + box.width <= grid.x + grid.width + 1 && box.x >= grid.x, `${id} at scroll ${left}: ${JSON.stringify(box)} in ${JSON.stringify(grid)}`);
    }
    const name = await page.locator('[data-testid="line-name-1"]').boundingBox();
    assert.ok(name.x >= grid.x && name.x < grid.x + 10, `names pinned at scroll ${left}`);
  }
  await shot(page, 'layout-pinned-total');
});
