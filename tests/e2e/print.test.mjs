// The printable annex: a preview first, then what prints (the annex alone), in the chosen orientation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as helpers from './helpers.mjs';
import { launch, shot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const exampleDraft = (opts) => helpers.exampleDraft(browser.context, opts);

test('the printable annex: a preview first, the chosen orientation, funding per phase, targets by area', async () => {
  const { page } = await exampleDraft();
  await page.click('[data-testid="source-add"]');
  await page.fill('[data-testid="source-share-1"]', '40');
  // Two targets of one area, apart in the list, with coordinating agencies and notes.
  await page.click('[data-testid="view-targets"]');
  for (const [name, area] of [['Biết chữ 15–60', 'Xóa mù chữ'], ['Phổ cập mầm non', 'Giáo dục'], ['Biết chữ 15–35', 'Xóa mù chữ']]) {
    await page.click('[data-testid="target-add"]');
    await page.keyboard.type(name);
    const n = await page.locator('[data-testid^="target-name-"]').count();
    await page.fill(`[data-testid="target-group-${n}"]`, area);
  }
  await page.fill('[data-testid="target-partners-1"]', 'Sở LĐTBXH; Hội Khuyến học');
  await page.fill('[data-testid="target-notes-1"]', 'theo Nghị định 20/2014');
  await page.click('[data-testid="view-budget"]');
  let printed = 0;
  await page.exposeFunction('__printed', () => { printed += 1; });
  await page.evaluate(() => { window.print = () => window.__printed(); });
  // "In phụ lục" previews the page; nothing is printed until "In".
  await page.click('[data-testid="print"]');
  await page.waitForSelector('[data-testid="print-preview"].open [data-testid="print-budget"]');
  assert.equal(printed, 0);
  const head = await page.locator('[data-testid="print-budget"] thead th').allTextContents();
  assert.ok(head.includes('2013') && head.some((h) => /Cộng GĐ 1/.test(h)), head.join(' | '));
  const rows = await page.locator('[data-testid="print-budget"] tbody tr').allTextContents();
  assert.match(rows[0], /^Tổng số.*3\.080.*5\.400$/);
  // Funding per phase: 40 % of 3.080 and of 2.320.
  const central = await page.locator('[data-testid="print-funding"] tbody tr').first().textContent();
  assert.match(central, /40 %.*1\.232.*928.*2\.160/);
  // One heading per area, its targets together, with agencies and notes.
  const targets = await page.locator('[data-testid="print-targets"] tbody tr').allTextContents();
  assert.equal(targets.filter((t) => t === 'Xóa mù chữ').length, 1, targets.join('\n'));
  const area = targets.indexOf('Xóa mù chữ');
  assert.match(targets[area + 1], /Biết chữ 15–60.*Sở LĐTBXH; Hội Khuyến học.*Nghị định 20\/2014/);
  assert.match(targets[area + 2], /Biết chữ 15–35/);
  await shot(page, 'print-preview');
  await page.click('[data-testid="print-now"]');
  assert.equal(printed, 1);
  // What prints is the annex alone.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.isVisible('[data-testid="print-annex"]'));
  assert.ok(!(await page.isVisible('[data-testid="grid"]')));
  assert.ok(!(await page.isVisible('[data-testid="print-now"]')));
  await page.emulateMedia({ media: 'screen' });
  await page.click('[data-testid="print-close"]');
  // Years as rows, when the planner chose them, print as rows.
  await page.click('[data-testid="transpose"]');
  await page.click('[data-testid="print"]');
  const byYear = await page.locator('[data-testid="print-budget"] tbody tr').allTextContents();
  assert.match(byYear[0], /^Tổng số/);
  assert.ok(byYear.some((r) => /^Cộng GĐ 1.*3\.080$/.test(r)), byYear.join('\n'));
  await page.click('[data-testid="print-close"]');
});
