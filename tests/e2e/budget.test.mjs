// The reference plan in the browser: every figure of seed 000's table, funding 40/60 added
// through the UI, and live recomputation after a cell edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, value, shot, assertNoFatal } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function openExample() {
  const { page, problems } = await openApp(browser.context);
  await page.click('[data-testid="open-example"]');
  await page.waitForSelector('[data-testid="grand-total"]');
  return { page, problems };
}

test('reference figures, funding 40/60 through the UI', async () => {
  const { page, problems } = await openExample();
  const expected = {
    'grand-total': '5400', 'phase-total-1': '3080', 'phase-total-2': '2320',
    'year-total-2013': '895', 'year-total-2014': '1095', 'year-total-2015': '1090', 'year-total-2016': '565',
    'year-total-2017': '465', 'year-total-2018': '465', 'year-total-2019': '465', 'year-total-2020': '360',
    'line-total-1': '400', 'line-total-2': '2500', 'line-total-3': '2300', 'line-total-4': '200',
    'cell-1-2013': '70', 'cell-2-2014': '500', 'cell-4-2020': '20',
  };
  for (const [id, v] of Object.entries(expected)) assert.equal(await value(page, id), v, id);
  // 2012 is in phase 1 but holds no money.
  assert.equal(await value(page, 'cell-1-2012'), '');
  assert.equal(await value(page, 'year-total-2012'), '0');
  // Vietnamese display of 1095.
  assert.equal((await page.textContent('[data-testid="year-total-2014"]')).trim(), '1.095');

  await page.click('[data-testid="source-add"]');
  await page.click('[data-testid="source-add"]');
  await page.fill('[data-testid="source-name-1"]', 'Ngân sách Trung ương');
  await page.fill('[data-testid="source-share-1"]', '40');
  await page.fill('[data-testid="source-name-2"]', 'Ngân sách địa phương');
  await page.fill('[data-testid="source-share-2"]', '60');
  assert.equal(await value(page, 'source-amount-1'), '2160');
  assert.equal(await value(page, 'source-amount-2'), '3240');
  assert.equal(await value(page, 'source-unassigned'), '0');
  assert.equal(await value(page, 'source-phase-amount-1-1'), '1232');
  assert.equal(await value(page, 'source-phase-amount-2-2'), '1392');
  // Shares below 100 % leave an unassigned rest, shown as a diagnostic.
  await page.fill('[data-testid="source-share-2"]', '50');
  assert.equal(await value(page, 'source-unassigned'), '540');
  assert.ok(await page.locator('[data-testid="diagnostic"][data-code="unassigned"]').count() === 1);
  await page.fill('[data-testid="source-share-2"]', '60');
  assert.equal(await page.locator('[data-testid="diagnostic"]').count(), 0);
  await shot(page, 'budget-funding');
  await assertNoFatal(page, assert);
  assert.deepEqual(problems.consoleErrors, []);
});

test('a cell edit updates line, year, phase, grand totals and the split live', async () => {
  const { page } = await openExample();
  await page.click('[data-testid="source-add"]');
  await page.fill('[data-testid="source-share-1"]', '40');
  await page.click('[data-testid="cell-1-2014"]');
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'cell-1-2014'), '100');
  assert.equal(await value(page, 'line-total-1'), '430');
  assert.equal(await value(page, 'year-total-2014'), '1125');
  assert.equal(await value(page, 'phase-total-1'), '3110');
  assert.equal(await value(page, 'grand-total'), '5430');
  assert.equal(await value(page, 'source-amount-1'), '2172');
  // Enter moved down a line.
  assert.equal(await page.getAttribute('[data-testid="active-cell"]', 'data-r'), '1');

  // Escape cancels.
  await page.click('[data-testid="cell-2-2013"]');
  await page.keyboard.type('999');
  await page.keyboard.press('Escape');
  assert.equal(await value(page, 'cell-2-2013'), '400');

  // Text that is not a number gets an inline message and is not committed.
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="cell-error"]');
  assert.match(await page.textContent('[data-testid="cell-error"]'), /không phải là số/);
  assert.equal(await value(page, 'cell-2-2013'), '400');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid="cell-error"]').count(), 0);

  // Vietnamese decimals: 1.095,5 is one thousand ninety-five and a half.
  await page.click('[data-testid="cell-3-2016"]');
  await page.keyboard.type('1.095,5');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'cell-3-2016'), '1095.5');
  assert.equal((await page.textContent('[data-testid="cell-3-2016"]')).trim(), '1.095,5');

  // English style after switching the locale.
  await page.selectOption('[data-testid="locale"]', 'en');
  assert.equal((await page.textContent('[data-testid="cell-3-2016"]')).trim(), '1,095.5');
  await page.click('[data-testid="cell-3-2017"]');
  await page.keyboard.type('1,234.25');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'cell-3-2017'), '1234.25');
  await shot(page, 'budget-edited');
});

test('years as rows shows the same figures, like the seed table', async () => {
  const { page } = await openExample();
  await page.check('[data-testid="transpose"]');
  await page.waitForSelector('.grid.transposed');
  assert.equal(await value(page, 'grand-total'), '5400');
  assert.equal(await value(page, 'phase-total-1'), '3080');
  assert.equal(await value(page, 'line-total-3'), '2300');
  assert.equal(await value(page, 'year-total-2020'), '360');
  await page.click('[data-testid="cell-4-2015"]');
  await page.keyboard.type('40');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'year-total-2015'), '1100');
  assert.equal(await value(page, 'line-total-4'), '210');
  await shot(page, 'budget-transposed');
});

test('lines and phases can be added, renamed, reordered and deleted', async () => {
  const { page } = await openExample();
  await page.click('[data-testid="cell-4-2013"]');
  await page.click('[data-testid="line-add"]');
  await page.keyboard.type('Hội thảo');
  await page.keyboard.press('Enter');
  assert.equal((await page.textContent('[data-testid="line-name-5"]')).trim(), 'Hội thảo');
  await page.click('[data-testid="cell-5-2018"]');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'line-total-5'), '12');
  assert.equal(await value(page, 'grand-total'), '5412');
  // Move it up above "Quản lý".
  await page.click('[data-testid="cell-5-2018"]');
  await page.click('[data-testid="line-up"]');
  assert.equal((await page.textContent('[data-testid="line-name-4"]')).trim(), 'Hội thảo');
  assert.equal(await value(page, 'cell-4-2018'), '12');
  // Rename a phase; add a year after the period.
  await page.fill('[data-testid="phase-name-2"]', 'GĐ 2016–2020');
  await page.click('[data-testid="year-add-after"]');
  assert.equal(await value(page, 'year-total-2021'), '0');
  // Delete the line again: totals come back.
  await page.click('[data-testid="cell-4-2018"]');
  await page.click('[data-testid="line-delete"]');
  assert.equal(await value(page, 'grand-total'), '5400');
  await page.click('[data-testid="undo"]');
  assert.equal(await value(page, 'grand-total'), '5412');
  await assertNoFatal(page, assert);
});

test('per-phase shares, a fixed amount and the remainder add up exactly', async () => {
  const { page } = await openExample();
  for (let i = 0; i < 3; i++) await page.click('[data-testid="source-add"]');
  await page.fill('[data-testid="source-share-1"]', '40');
  // Phase 2 at 50 % for the central budget.
  await page.fill('[data-testid="source-phase-share-1-2"]', '50');
  assert.equal(await value(page, 'source-phase-amount-1-1'), '1232');
  assert.equal(await value(page, 'source-phase-amount-1-2'), '1160');
  assert.equal(await value(page, 'source-amount-1'), '2392');
  // Source 2: a fixed 500 (spread over the phases by their totals); source 3 the remainder.
  await page.selectOption('[data-testid="source-rule-2"]', 'amount');
  await page.fill('[data-testid="source-fixed-2"]', '500');
  await page.selectOption('[data-testid="source-rule-3"]', 'remainder');
  assert.equal(await value(page, 'source-amount-2'), '500');
  assert.equal(await value(page, 'source-unassigned'), '0');
  const sum = Number(await value(page, 'source-amount-1')) + Number(await value(page, 'source-amount-2')) + Number(await value(page, 'source-amount-3'));
  assert.ok(Math.abs(sum - 5400) < 1e-9, String(sum));
  // Back to the plan-wide share.
  await page.fill('[data-testid="source-phase-share-1-2"]', '');
  assert.equal(await value(page, 'source-amount-1'), '2160');
  // Undo and redo move every control with the model: the rule selects show the rules.
  await page.click('[data-testid="undo"]'); // the phase share back
  await page.click('[data-testid="undo"]'); // source 3 back to a share
  assert.equal(await page.inputValue('[data-testid="source-rule-3"]'), 'percent');
  assert.equal(await page.inputValue('[data-testid="source-rule-2"]'), 'amount');
  await page.click('[data-testid="redo"]');
  assert.equal(await page.inputValue('[data-testid="source-rule-3"]'), 'remainder');
  for (let i = 0; i < 3; i++) await page.click('[data-testid="undo"]'); // the fixed amount, the rule, …
  assert.equal(await page.inputValue('[data-testid="source-rule-2"]'), 'percent');
  await page.click('[data-testid="redo"]');
  assert.equal(await page.inputValue('[data-testid="source-rule-2"]'), 'amount');
});

test('plan details, unit conversion and line details', async () => {
  const { page } = await openExample();
  await page.click('summary:has-text("Thông tin kế hoạch")');
  await page.fill('[data-testid="plan-issuer"]', 'UBND tỉnh Bắc Kạn');
  await page.fill('[data-testid="plan-title"]', 'Kế hoạch XHHT 2012–2020');
  // Keep amounts in tỷ đồng: exact, the text's own figures.
  await page.selectOption('[data-testid="plan-unit"]', 'billion');
  assert.equal(await value(page, 'grand-total'), '5.4');
  assert.equal(await value(page, 'phase-total-1'), '3.08');
  assert.equal(await value(page, 'line-total-2'), '2.5');
  assert.equal((await page.textContent('[data-testid="grand-total"]')).trim(), '5,4');
  await page.click('[data-testid="undo"]');
  assert.equal(await value(page, 'grand-total'), '5400');
  // Shown in tỷ đồng without changing what is kept.
  await page.selectOption('[data-testid="display-unit"]', 'billion');
  assert.equal((await page.textContent('[data-testid="phase-total-2"]')).trim(), '2,32');
  assert.equal(await value(page, 'phase-total-2'), '2320');
  await page.selectOption('[data-testid="display-unit"]', 'million');
  // The line under the cursor: code, agency, notes.
  await page.click('[data-testid="cell-2-2014"]');
  await page.fill('[data-testid="line-code"]', 'b');
  await page.fill('[data-testid="line-agency"]', 'Sở Giáo dục và Đào tạo');
  await page.fill('[data-testid="line-notes"]', 'Trung tâm GDTX');
  assert.equal((await page.textContent('[data-testid="line-name-2"]')).trim(), 'b CSVC, tài liệu');
  await page.click('[data-testid="cell-1-2014"]');
  assert.equal(await page.inputValue('[data-testid="line-agency"]'), '');
  await page.click('[data-testid="cell-2-2013"]');
  assert.equal(await page.inputValue('[data-testid="line-notes"]'), 'Trung tâm GDTX');
});

test('an amount beyond a million tỷ đồng is refused in place', async () => {
  const { page } = await openExample();
  await page.click('[data-testid="cell-1-2013"]');
  await page.keyboard.type('9999999999999999999');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="cell-error"]');
  assert.match(await page.textContent('[data-testid="cell-error"]'), /quá lớn/);
  await page.keyboard.press('Escape');
  assert.equal(await value(page, 'cell-1-2013'), '70');
  await assertNoFatal(page, assert);
});

test('split amounts shown at the plan precision; shares over 100 % said in red where they show', async () => {
  const { page } = await openExample();
  for (let i = 0; i < 2; i++) await page.click('[data-testid="source-add"]');
  // 33,33 % of 5.400 is 1.799,82: the plan's amounts are whole triệu, so is what is shown.
  await page.fill('[data-testid="source-share-1"]', '33,33');
  assert.equal(await value(page, 'source-amount-1'), '1799.82');
  assert.equal((await page.textContent('[data-testid="source-amount-1"]')).trim(), '1.800');
  await page.selectOption('[data-testid="source-rule-2"]', 'remainder');
  assert.equal(await value(page, 'source-amount-2'), '3600.18');
  assert.equal((await page.textContent('[data-testid="source-amount-2"]')).trim(), '3.600');
  // A decimal typed in the table: amounts are then shown with one decimal.
  await page.click('[data-testid="cell-1-2013"]');
  await page.keyboard.type('70,5');
  await page.keyboard.press('Enter');
  assert.equal((await page.textContent('[data-testid="source-amount-1"]')).trim(), '1.800');
  assert.equal((await page.textContent('[data-testid="grand-total"]')).trim(), '5.400,5');
  // Shares over 100 %: the sum, the bar and a message in red, next to the sources.
  await page.selectOption('[data-testid="source-rule-2"]', 'percent');
  await page.fill('[data-testid="source-share-2"]', '80');
  await page.waitForSelector('[data-testid="sources-over"]');
  assert.match(await page.textContent('[data-testid="sources-over"]'), /tổng tỷ lệ 113,33 %/);
  assert.match(await page.getAttribute('[data-testid="source-percent-sum"]', 'class'), /over/);
  assert.match(await page.getAttribute('[data-testid="share-chart"]', 'class'), /over/);
  await page.fill('[data-testid="source-share-2"]', '60');
  assert.equal(await page.locator('[data-testid="sources-over"]').count(), 0);
});

test('years as rows: subtotal rows aligned with the year rows to the pixel, the total column whole', async () => {
  const { page } = await openExample();
  await page.click('[data-testid="transpose"]');
  await page.waitForSelector('[data-testid="line-phase-total-1-1"]');
  const box = async (id) => page.locator(`[data-testid="${id}"]`).boundingBox();
  for (const line of [1, 2]) {
    const year = await box(`cell-${line}-2013`);
    const phase = await box(`line-phase-total-${line}-1`);
    assert.equal(phase.x, year.x, `line ${line}: x`);
    assert.equal(phase.width, year.width, `line ${line}: width`);
  }
  // The Tổng column: the phase rows' cells as wide as the year rows', not clipped.
  const yearTotal = await box('year-total-2013');
  const phaseTotal = await box('phase-total-1');
  assert.equal(phaseTotal.x, yearTotal.x);
  assert.equal(phaseTotal.width, yearTotal.width);
  const clipped = await page.locator('[data-testid="phase-total-1"]').evaluate((el) => el.scrollWidth > el.clientWidth);
  assert.equal(clipped, false);
  await shot(page, 'years-as-rows');
});
