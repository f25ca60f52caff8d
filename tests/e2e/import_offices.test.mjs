// Workbooks shaped like real offices' (fixtures/offices/): what the preview says, what the planner
// must decide, and the figures of the draft they open as.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, value, shot, assertNoFatal, preview } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function confirm(page) {
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-preview"]', { state: 'detached' });
}

async function previewDiagnostics(page) {
  return page.locator('[data-testid="import-preview"] [data-testid="diagnostic"]').evaluateAll(
    (els) => els.map((e) => e.dataset.code));
}

// Characters TCVN3 text shows when it is not decoded.
const TCVN3 = /[§¬æÖ®ñ©ØÞ¸µ¹«¶»¼½¾Ç]/;

test('amounts in đồng without a unit line wait for the planner to choose the unit', async () => {
  const { page, problems } = await openApp(browser.context);
  await preview(page, 'fixtures/offices/dong_without_unit.xlsx');
  await page.waitForSelector('[data-testid="import-unit-question"]');
  await shot(page, 'import-unit-question');
  assert.ok(await page.isDisabled('[data-testid="import-confirm"]'), 'a unit nobody wrote cannot be confirmed');
  assert.equal(await page.inputValue('[data-testid="import-unit"]'), '', 'no unit is chosen for the planner');
  await page.selectOption('[data-testid="import-unit"]', 'dong');
  await page.waitForSelector('[data-testid="import-unit-question"]', { state: 'detached' });
  assert.ok(!(await page.isDisabled('[data-testid="import-confirm"]')));
  await confirm(page);
  assert.equal(await page.inputValue('[data-testid="plan-unit"]'), 'dong');
  assert.equal(await value(page, 'grand-total'), '536000000');
  assert.deepEqual(problems.pageErrors, []);
});

test('TCVN3 labels are decoded and never reach the screen', async () => {
  const { page } = await openApp(browser.context);
  for (const file of ['fixtures/offices/tcvn3_labels.xls', 'fixtures/offices/tcvn3_labels.xlsx']) {
    await preview(page, file);
    await page.waitForSelector('[data-testid="import-legacy"]');
    const text = await page.locator('[data-testid="import-preview"]').innerText();
    assert.doesNotMatch(text, TCVN3, `${file}: ${text}`);
    assert.match(text, /Tuyên truyền/);
    assert.equal(await value(page, 'import-grand-total'), '3080', file);
    assert.ok(!(await previewDiagnostics(page)).includes('unit_unknown'), `${file}: the TCVN3 unit line is read`);
    await confirm(page);
    // The second file makes a second draft of the same title: its name is made unique.
    assert.match(await page.inputValue('[data-testid="draft-name"]'), /^KẾ HOẠCH KINH PHÍ XÂY DỰNG XÃ HỘI HỌC TẬP( \(2\))?$/);
    assert.equal(await page.inputValue('[data-testid="plan-unit"]'), 'million');
    assert.doesNotMatch(await page.locator('[data-testid="workbench"]').innerText(), TCVN3, file);
  }
  await shot(page, 'import-tcvn3-draft');
});

test('a scratch table under the signature is listed, not read, and can be chosen', async () => {
  const { page } = await openApp(browser.context);
  await preview(page, 'fixtures/offices/tcvn3_labels.xls');
  assert.equal(await value(page, 'import-grand-total'), '3080');
  await page.click('[data-testid="import-table-1"]');
  await page.waitForSelector('[data-testid="import-grand-total"][data-value="25"]');
  await page.click('[data-testid="import-cancel"]');
});

test('a range the planner marks is read alone, and the money outside it is counted', async () => {
  const { page } = await openApp(browser.context);
  await preview(page, 'fixtures/offices/tcvn3_labels.xls');
  await page.fill('[data-testid="import-range"]', 'A16:C17');
  await page.press('[data-testid="import-range"]', 'Enter');
  await page.waitForSelector('[data-testid="import-grand-total"][data-value="25"]');
  // Outside: the main table's numbering (1–4), its figures (3,080) and its total row (3,080).
  assert.equal(await value(page, 'import-left-out'), '6170');
  assert.ok((await previewDiagnostics(page)).includes('left_out'));
  assert.equal(await page.inputValue('[data-testid="import-range"]'), 'A16:C17');
  await shot(page, 'import-range');
  // A range that is not one is shown as such and changes nothing.
  await page.fill('[data-testid="import-range"]', 'A16:');
  await page.press('[data-testid="import-range"]', 'Enter');
  await page.waitForSelector('[data-testid="import-range"].invalid');
  assert.equal(await value(page, 'import-grand-total'), '25');
  // Emptied, the table is found again.
  await page.fill('[data-testid="import-range"]', '');
  await page.press('[data-testid="import-range"]', 'Enter');
  await page.waitForSelector('[data-testid="import-grand-total"][data-value="3080"]');
  await page.click('[data-testid="import-cancel"]');
});

test('sources under each year become the plan’s funding with their amounts', async () => {
  const { page } = await openApp(browser.context);
  await preview(page, 'fixtures/offices/medium_term_sources.xls');
  assert.equal(await value(page, 'import-grand-total'), '21200');
  assert.equal(await page.locator('[data-testid="import-source"]').count(), 2);
  assert.deepEqual(await previewDiagnostics(page), []);
  await confirm(page);
  assert.equal(await value(page, 'grand-total'), '21200');
  assert.equal(await value(page, 'phase-total-1'), '21200');
  assert.equal(await value(page, 'source-amount-1'), '15500');
  assert.equal(await value(page, 'source-amount-2'), '5700');
  assert.equal(await value(page, 'source-unassigned'), '0');
});

test('an annual estimate keeps every year with its kind, and a column can be skipped', async () => {
  const { page } = await openApp(browser.context);
  await preview(page, 'fixtures/offices/annual_estimate_kinds.xls');
  const summary = await page.locator('[data-testid="import-summary"]').innerText();
  assert.match(summary, /2023 \(Thực hiện\).*2024 \(Ước thực hiện\).*2025 \(Dự toán\)/s, summary);
  assert.equal(await value(page, 'import-grand-total'), '23817');
  const codes = await previewDiagnostics(page);
  assert.ok(!codes.some((c) => c.endsWith('mismatch')), `the sheet's own totals are right: ${codes}`);
  await shot(page, 'import-annual-estimate');
  // Skip the outturn of 2023 (column C): that year's 6 335 leave the plan.
  const field = page.locator('[data-testid^="import-field-"][data-index="2"]');
  await field.locator('input[type="checkbox"]').check();
  await page.waitForSelector('[data-testid="import-grand-total"][data-value="17482"]');
  assert.equal(await page.getAttribute('[data-testid^="import-field-"][data-index="2"]', 'data-use'), 'Skipped');
  await confirm(page);
  assert.equal(await value(page, 'grand-total'), '17482');
  assert.equal(await value(page, 'year-total-2025'), '9885');
});

test('hidden rows and columns are skipped and said; hidden sheets are listed last', async () => {
  const { page } = await openApp(browser.context);
  await preview(page, 'fixtures/offices/hidden_row_and_column.xls');
  await page.waitForSelector('[data-testid="import-hidden"]');
  assert.equal(await value(page, 'import-grand-total'), '100');
  assert.ok((await previewDiagnostics(page)).includes('hidden_skipped'));
  await page.click('[data-testid="import-cancel"]');
  await preview(page, 'fixtures/offices/hidden_sheet_first.xlsx');
  const sheets = await page.locator('[data-testid="import-sheet"] option').allTextContents();
  assert.match(sheets[0], /^Kinh phí/);
  assert.match(sheets[1], /^Bản cũ.*(ẩn|hidden)/);
  assert.equal(await value(page, 'import-grand-total'), '220');
});

test('a ledger is refused with what it is, and the open draft stays', async () => {
  const { page } = await openApp(browser.context);
  await page.click('[data-testid="open-example"]');
  await preview(page, 'fixtures/offices/ledger_accounts.xlsx');
  const error = page.locator('[data-testid="import-preview"] [data-testid="diagnostic"][data-severity="error"]').first();
  assert.match(await error.innerText(), /sổ kê|ledger/i);
  assert.ok(await page.isDisabled('[data-testid="import-confirm"]'));
  await page.click('[data-testid="import-cancel"]');
  assert.equal(await value(page, 'grand-total'), '5400');
  await assertNoFatal(page, assert);
});

test('a 30,000-row sheet previews within 3 seconds', async () => {
  const { page } = await openApp(browser.context);
  // Let the file worker's module load first, as it has when a planner picks a file.
  await page.waitForTimeout(2500);
  const t0 = Date.now();
  await page.setInputFiles('[data-testid="import-file"]', 'fixtures/offices/rows_30000.xlsx');
  await page.waitForSelector('[data-testid="import-summary"][data-lines="30000"]', { timeout: 30000 });
  const elapsed = Date.now() - t0;
  console.log(`    30,000 rows: preview in ${elapsed} ms`);
  assert.ok(elapsed < 3000, `preview took ${elapsed} ms`);
  await confirm(page);
  assert.equal(await value(page, 'line-total-1'), await page.getAttribute('[data-testid="line-total-1"]', 'data-value'));
  assert.ok(Number(await value(page, 'grand-total')) > 0);
});
