// Word both ways: the seed's budget table read from a .docx written by LibreOffice, and the
// annex downloaded as a .docx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, exampleDraft, preview, value, assertNoFatal } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('the seed 000 budget table comes in from a Word document with its figures and phases', async () => {
  const { page, problems } = await exampleDraft(browser.context);
  await preview(page, 'fixtures/docx/seed_table.docx');
  assert.equal(await value(page, 'import-grand-total'), '5400');
  assert.equal(await page.inputValue('[data-testid="import-sheet"]'), 'Bảng 1');
  // The table is listed with the paragraph before it.
  assert.match(await page.textContent('[data-testid="import-sheet"] option:checked'), /^Bảng 1 — \S/);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-preview"]', { state: 'detached' });
  assert.equal(await value(page, 'grand-total'), '5400');
  assert.equal(await value(page, 'phase-total-1'), '3080');
  assert.equal(await value(page, 'phase-total-2'), '2320');
  await assertNoFatal(page, assert);
  assert.deepEqual(problems.pageErrors, []);
});

test('every plan goes out as a Word annex', async () => {
  const { page, problems } = await exampleDraft(browser.context);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-docx"]')]);
  assert.equal(download.suggestedFilename(), 'Bắc Kạn 2012–2020 (ví dụ).docx');
  const bytes = fs.readFileSync(await download.path());
  assert.ok(bytes.length > 2000, `${bytes.length} bytes`);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.ok(bytes.includes(Buffer.from('word/document.xml')), 'a Word package');
  assert.deepEqual(problems.pageErrors, []);
});
