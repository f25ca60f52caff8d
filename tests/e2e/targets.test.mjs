// Targets: entered beside the budget, validated, and kept in drafts and files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, openApp, shot, assertNoFatal } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('a literacy target with milestones, a variant, checks and the keyboard', async () => {
  const { page, problems } = await openApp(browser.context);
  await page.click('[data-testid="open-example"]');
  await page.click('[data-testid="view-targets"]');
  await page.click('[data-testid="target-add"]');
  // The new target's name has the focus.
  await page.keyboard.type('Người trong độ tuổi 15–60 biết chữ');
  assert.equal(await page.inputValue('[data-testid="target-name-1"]'), 'Người trong độ tuổi 15–60 biết chữ');
  // Milestone years default to the phases' last years.
  assert.equal(await page.locator('[data-testid="target-milestone-1-2015"]').count(), 1);
  assert.equal(await page.locator('[data-testid="target-milestone-1-2020"]').count(), 1);
  await page.fill('[data-testid="target-milestone-1-2015"]', 'trên 96%');
  await page.fill('[data-testid="target-milestone-1-2020"]', '98');
  assert.equal(await page.inputValue('[data-testid="target-comparison-1"]'), 'more_than');
  await page.fill('[data-testid="target-group-1"]', 'Xóa mù chữ');
  await page.fill('[data-testid="target-agency-1"]', 'Sở Giáo dục và Đào tạo');

  // A second target; Enter in a milestone moves down to the same year of the next row.
  await page.click('[data-testid="target-add"]');
  await page.keyboard.type('Người trong độ tuổi 15–35 biết chữ');
  await page.click('[data-testid="target-milestone-1-2015"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'target-milestone-2-2015');
  await page.keyboard.type('98');
  await page.keyboard.press('Tab');

  // A variant for especially disadvantaged communes, above the main target: a warning.
  await page.click('[data-testid="variant-add-1"]');
  await page.fill('[data-testid="variant-milestone-1-1-2015"]', '97');
  const variantWarning = page.locator('[data-testid="diagnostic"][data-code="variant_above_main"]');
  await variantWarning.waitFor();
  // The counts say what there is, never "0 lỗi".
  const counts = await page.locator('[data-testid="targets"] .counts').textContent();
  assert.doesNotMatch(counts, /\b0 (lỗi|cảnh báo)/, counts);
  assert.match(counts, /cảnh báo/);
  // The area field says what it is for.
  assert.match(await page.getAttribute('[data-testid="target-group-1"]', 'placeholder'), /Lĩnh vực/);
  assert.match(await page.getAttribute('[data-testid="target-group-1"]', 'aria-label'), /Lĩnh vực/);
  assert.equal(await variantWarning.getAttribute('data-location'), '$.targets[0].variants[0].milestones.2015');
  // The place as the screen counts it, and a click goes there.
  assert.match(await variantWarning.locator('.loc').textContent(), /^Chỉ tiêu 1 · (nhóm 1|.+) · năm 2015$/);
  await page.click('[data-testid="target-name-2"]');
  await variantWarning.click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'variant-milestone-1-1-2015');
  await page.fill('[data-testid="variant-milestone-1-1-2015"]', '90');
  assert.equal(await variantWarning.count(), 0);

  // A falling milestone and a percent above 100 are flagged at their place.
  await page.fill('[data-testid="target-milestone-1-2020"]', '94');
  assert.equal(await page.getAttribute('[data-testid="diagnostic"][data-code="milestone_regresses"]', 'data-location'), '$.targets[0].milestones.2020');
  await page.fill('[data-testid="target-milestone-1-2020"]', '101');
  assert.equal(await page.getAttribute('[data-testid="diagnostic"][data-code="percent_out_of_range"]', 'data-location'), '$.targets[0].milestones.2020');
  await page.fill('[data-testid="target-milestone-1-2020"]', '98');
  // Text that is not a value is refused in place.
  await page.fill('[data-testid="target-milestone-2-2020"]', 'nhiều');
  assert.equal(await page.getAttribute('[data-testid="target-milestone-2-2020"]', 'aria-invalid'), 'true');
  await page.fill('[data-testid="target-milestone-2-2020"]', '99');
  await shot(page, 'targets');

  // Undo takes back the last field's typing.
  await page.click('[data-testid="view-budget"]');
  await page.click('[data-testid="undo"]');
  await page.click('[data-testid="view-targets"]');
  assert.equal(await page.inputValue('[data-testid="target-milestone-2-2020"]'), '');

  // Kept in the draft and in the JSON file.
  await page.waitForSelector('[data-testid="save-state"][data-dirty="false"]');
  await page.reload();
  await page.click('[data-testid="view-targets"]');
  assert.equal(await page.inputValue('[data-testid="target-milestone-1-2015"]'), '96');
  assert.equal(await page.inputValue('[data-testid="variant-name-1-1"]'), 'xã đặc biệt khó khăn');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(json.targets[0].milestones['2015'], '96');
  assert.equal(json.targets[0].comparison, 'more_than');
  assert.equal(json.targets[0].variants[0].milestones['2015'], '90');
  await assertNoFatal(page, assert);
  assert.deepEqual(problems.consoleErrors, []);
});

test('targets travel through xlsx and into the printed annex', async () => {
  const { page } = await openApp(browser.context);
  await page.click('[data-testid="open-example"]');
  await page.click('[data-testid="view-targets"]');
  await page.click('[data-testid="target-add"]');
  await page.keyboard.type('Trẻ dưới 3 tuổi đến nhà trẻ');
  await page.fill('[data-testid="target-milestone-1-2015"]', '20%');
  await page.fill('[data-testid="target-milestone-1-2020"]', '30');
  await page.click('[data-testid="variant-add-1"]');
  await page.fill('[data-testid="variant-milestone-1-1-2020"]', '25');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-xlsx"]')]);
  const bytes = fs.readFileSync(await download.path());
  await page.setInputFiles('[data-testid="import-file"]', { name: 'export.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
  await page.waitForSelector('[data-testid="import-summary"]');
  assert.equal(await page.getAttribute('[data-testid="import-summary"]', 'data-targets'), '1');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-preview"]', { state: 'detached' });
  await page.click('[data-testid="view-targets"]');
  assert.equal(await page.inputValue('[data-testid="target-name-1"]'), 'Trẻ dưới 3 tuổi đến nhà trẻ');
  assert.equal(await page.inputValue('[data-testid="target-milestone-1-2015"]'), '20');
  assert.equal(await page.inputValue('[data-testid="variant-milestone-1-1-2020"]'), '25');
  // The printed annex lists them.
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('[data-testid="print"]');
  await page.emulateMedia({ media: 'print' });
  await page.waitForSelector('[data-testid="print-targets"]');
  assert.match(await page.textContent('[data-testid="print-targets"]'), /Trẻ dưới 3 tuổi.*≥ 20/);
  await page.emulateMedia({ media: 'screen' });
  await page.click('[data-testid="print-close"]');
});
