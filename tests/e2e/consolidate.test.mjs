// Consolidation as a planner at the Sở does it: three units' plans come in (two drafts, one
// workbook written by LibreOffice), are added up into a new draft whose every figure can be
// traced to its units, and one unit's new version is brought in later.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, openApp, preview, value, settled, saved, shot, assertNoFatal } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const FIX = 'fixtures/consolidate';

async function importFile(page, file) {
  await preview(page, file);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-preview"]', { state: 'detached' });
  await page.waitForSelector('[data-testid="grand-total"]');
  await saved(page);
}

async function pickAll(page, count) {
  await page.click('[data-testid="consolidate"]');
  await page.waitForSelector('[data-testid="consolidate-dialog"]', { timeout: 30000 });
  for (let k = 1; k <= count; k++) await page.check(`[data-testid="consolidate-pick-${k}"]`);
  await page.waitForSelector('[data-testid="consolidate-total"]');
}

/** The names of the picks in the dialog, in order. */
async function pickNames(page) {
  return page.$$eval('.consolidate-picks li .name', (els) => els.map((e) => e.textContent));
}

test('three units (one from Excel) consolidate into a draft whose totals are the sum of theirs', async () => {
  const { context } = browser;
  const { page, problems } = await openApp(context);
  await importFile(page, `${FIX}/ba_be.json`);
  await importFile(page, `${FIX}/cho_don.json`);
  await importFile(page, `${FIX}/so_gddt.xlsx`);
  assert.equal(await value(page, 'grand-total'), '800', 'the workbook as its office meant it');

  await pickAll(page, 3);
  const names = await pickNames(page);
  assert.equal(names.length, 3, names.join(' | '));
  assert.ok(names.includes('Huyện Ba Bể') && names.includes('Huyện Chợ Đồn'), names.join(' | '));
  assert.equal(await value(page, 'consolidate-total'), '2200');
  // The matching step: Chợ Đồn's "tuyên  truyền " went with "Tuyên truyền" by name.
  assert.match(await page.textContent('[data-testid="consolidate-line-1"]'), /Tuyên truyền[\s\S]*tuyên\s+truyền/);
  const lines = await page.locator('[data-testid^="consolidate-line-"]').count();
  // Keep it apart, then undo the correction: money is moved, never added or dropped.
  const chodon = names.indexOf('Huyện Chợ Đồn') + 1;
  await page.click(`[data-testid="consolidate-apart-1-${chodon}"]`);
  await settled(page);
  assert.equal(await page.locator('[data-testid^="consolidate-line-"]').count(), lines + 1);
  assert.equal(await value(page, 'consolidate-total'), '2200');
  await page.click('[data-testid="consolidate-reset"]');
  await settled(page);
  assert.equal(await page.locator('[data-testid^="consolidate-line-"]').count(), lines);
  // The differences that matter are said before creating.
  const codes = await page.$$eval('[data-testid="consolidate-finding"]', (els) => els.map((e) => e.dataset.code));
  for (const c of ['unit_converted', 'line_of_one_unit', 'target_values_differ', 'unit_unassigned']) {
    assert.ok(codes.includes(c), `${c} in ${codes}`);
  }
  await shot(page, 'consolidate-dialog');
  await page.click('[data-testid="consolidate-confirm"]');
  await page.waitForSelector('[data-testid="consolidate-dialog"]', { state: 'detached' });

  // The new draft is open: the sum of the three.
  await page.waitForSelector('[data-testid="consolidation-panel"]');
  assert.equal(await value(page, 'grand-total'), '2200');
  assert.equal(await value(page, 'phase-total-1'), '680.5');
  assert.equal(await value(page, 'phase-total-2'), '1519.5');
  assert.equal(await value(page, 'line-total-1'), '1100');
  assert.equal(await value(page, 'year-total-2023'), '520');
  assert.equal(await value(page, 'source-amount-1'), '650');
  assert.equal(await value(page, 'source-amount-2'), '750');
  assert.equal(await value(page, 'source-unassigned'), '800');
  const unitTotals = [];
  for (let k = 1; k <= 3; k++) unitTotals.push(await value(page, `consolidation-unit-${k}`));
  assert.deepEqual([...unitTotals].sort(), ['500', '800', '900']);

  // Who contributes what: the 2023 training money.
  await page.click('[data-testid="cell-3-2023"]');
  await settled(page);
  assert.equal(await value(page, 'breakdown-value'), '280');
  const parts = {};
  for (let k = 1; k <= 3; k++) {
    const el = page.locator(`[data-testid="breakdown-unit-${k}"]`);
    parts[await el.getAttribute('data-name')] = await el.getAttribute('data-value');
  }
  assert.equal(parts['Huyện Ba Bể'], '30');
  assert.equal(parts['Huyện Chợ Đồn'], '200');
  assert.deepEqual(Object.values(parts).sort(), ['200', '30', '50'], JSON.stringify(parts));
  // The grand total's breakdown, then a column per unit.
  await page.click('[data-testid="grand-total"]');
  await settled(page);
  assert.equal(await value(page, 'breakdown-value'), '2200');
  await page.click('[data-testid="consolidation-columns"]');
  await page.waitForSelector('[data-testid="unit-columns"]');
  const ba = names.indexOf('Huyện Ba Bể') + 1;
  assert.equal(await value(page, `unit-cell-1-${ba}`), '200');
  assert.equal(await value(page, `unit-total-${ba}`), '500');
  await page.selectOption('[data-testid="unit-columns-scope"]', 'y2023');
  await settled(page);
  assert.equal(await value(page, `unit-cell-3-${chodon}`), '200');
  await shot(page, 'consolidate-columns');
  await page.click('[data-testid="unit-columns-close"]');
  await page.waitForSelector('[data-testid="unit-columns"]', { state: 'detached' });

  // A planner's own change stays a change of the consolidation, named as such.
  await page.click('[data-testid="cell-1-2021"]');
  await page.keyboard.type('260');
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal(await value(page, 'grand-total'), '2210');
  await page.click('[data-testid="cell-1-2021"]');
  await settled(page);
  assert.equal(await value(page, 'breakdown-adjustment'), '10');
  await saved(page);

  // Reload: the draft and its units are still there.
  await page.reload();
  await page.waitForSelector('[data-testid="consolidation-panel"]', { timeout: 20000 });
  assert.equal(await value(page, 'grand-total'), '2210');
  await page.click('[data-testid="cell-3-2023"]');
  await settled(page);
  assert.equal(await value(page, 'breakdown-value'), '280');

  // Print: the units' parts by phase and by line.
  await page.click('[data-testid="print"]');
  await page.waitForSelector('[data-testid="print-units"]');
  const printed = await page.textContent('[data-testid="print-units"]');
  assert.match(printed, /Huyện Ba Bể[\s\S]*500/);
  assert.match(await page.textContent('[data-testid="print-unit-lines"]'), /Điều chỉnh/);
  await page.click('[data-testid="print-close"]');
  // Excel: a sheet per unit (and the planner's change on a sheet of its own), the budget's cells
  // formulas over them; the file reads back as the same plan.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-xlsx"]')]);
  const bytes = fs.readFileSync(await download.path());
  assert.ok(bytes.includes(Buffer.from('xl/worksheets/sheet8.xml')), 'budget, funding, targets, units, 3 unit sheets, adjustments');
  await preview(page, { name: 'tong_hop.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
  assert.equal(await value(page, 'import-grand-total'), '2210');
  await page.click('[data-testid="import-cancel"]');
  await page.waitForSelector('[data-testid="import-preview"]', { state: 'detached' });
  assert.equal(await value(page, 'grand-total'), '2210');
  await assertNoFatal(page, assert);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
});

test('a unit sends a new version: its share is replaced, the change is shown and can be undone', async () => {
  const { context } = browser;
  const { page, problems } = await openApp(context);
  await importFile(page, `${FIX}/ba_be.json`);
  await importFile(page, `${FIX}/cho_don.json`);
  await pickAll(page, 2);
  await page.fill('[data-testid="consolidate-title"]', 'Tổng hợp hai huyện');
  await page.click('[data-testid="consolidate-confirm"]');
  await page.waitForSelector('[data-testid="consolidation-panel"]');
  assert.equal(await value(page, 'grand-total'), '1400');
  await saved(page);

  // Chợ Đồn's new version: 2023 training 0.25 tỷ instead of 0.2, equipment gone.
  const v2 = JSON.parse(fs.readFileSync(`${FIX}/cho_don.json`, 'utf8'));
  v2.name = 'Huyện Chợ Đồn (bản 2)';
  v2.lines[2].amounts['2023'] = '0.25';
  v2.lines.splice(3, 1);
  await importFile(page, { name: 'cho_don_v2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(v2)) });
  // Back to the consolidation.
  await page.click('[data-testid="drafts"]');
  await page.click('[data-testid="draft-item"]:has-text("Tổng hợp hai huyện")');
  await page.waitForSelector('[data-testid="consolidation-panel"]');
  const unit = await page.getAttribute('[data-testid="consolidation-unit-1"]', 'data-name');
  const k = unit === 'Huyện Chợ Đồn' ? 1 : 2;
  await page.click(`[data-testid="consolidation-update-${k}"]`);
  const option = await page.$eval('[data-testid="consolidation-update-from"]',
    (sel) => [...sel.options].find((o) => o.textContent === 'Huyện Chợ Đồn (bản 2)').value);
  await page.selectOption('[data-testid="consolidation-update-from"]', option);
  await page.click('[data-testid="consolidation-update-confirm"]');
  // What changed since the last consolidation: the comparison view, with the draft as it was.
  await page.waitForSelector('[data-testid="compare-diff-grand"]', { timeout: 30000 });
  // 1400 − 300 (equipment) + 50 (training) = 1150.
  assert.equal(await value(page, 'compare-diff-grand'), '-250');
  await shot(page, 'consolidate-update-compare');
  await page.click('[data-testid="view-budget"]');
  assert.equal(await value(page, 'grand-total'), '1150');
  assert.equal(await value(page, `consolidation-unit-${k}`), '650');
  const codes = await page.$$eval('[data-testid="consolidate-finding"]', (els) => els.map((e) => e.dataset.code));
  assert.ok(codes.includes('unit_total_changed'), codes.join(','));
  assert.ok(codes.includes('line_left_by_unit'), codes.join(','));
  // One undo step brings the consolidation back.
  await page.click('[data-testid="undo"]');
  assert.equal(await value(page, 'grand-total'), '1400');
  await assertNoFatal(page, assert);
  assert.deepEqual(problems.pageErrors, []);
});
