// Comparing two drafts: the differences per cell and per total, this draft minus the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as helpers from './helpers.mjs';
import { launch, value, shot, saved, typeInto } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const exampleDraft = (opts) => helpers.exampleDraft(browser.context, opts);

test('compare two drafts: differences per cell and per total', async () => {
  const { page } = await exampleDraft();
  await page.click('[data-testid="drafts"]');
  await page.locator('[data-testid="draft-item"]').first().locator('[data-testid="draft-duplicate"]').click();
  await saved(page);
  await typeInto(page, 'cell-1-2014', '100');
  await saved(page);
  await page.click('[data-testid="drafts"]');
  const original = page.locator('[data-testid="draft-item"]', { hasText: 'ví dụ' }).filter({ hasNotText: 'bản sao' });
  await original.locator('[data-testid="draft-compare"]').click();
  await page.waitForSelector('[data-testid="compare-diff"]');
  const rows = await page.locator('[data-testid="compare-diff"]').evaluateAll((els) => els.map((e) => [e.dataset.kind, e.dataset.a, e.dataset.b, e.dataset.delta]));
  // The difference is this draft minus the other: the open copy has 30 more.
  assert.deepEqual(rows.find((r) => r[0] === 'grand'), ['grand', '5430', '5400', '30']);
  assert.deepEqual(rows.find((r) => r[0] === 'cell'), ['cell', '100', '70', '30']);
  assert.ok(rows.some((r) => r[0] === 'phase' && r[1] === '3110'));
  assert.ok(rows.some((r) => r[0] === 'year' && r[1] === '1125'));
  assert.equal(await value(page, 'compare-diff-grand'), '30');
  assert.match(await page.textContent('[data-testid="compare-diff-grand"]'), /\+30 — bản này nhiều hơn/);
  await shot(page, 'compare');
  // Switching to the draft it was compared with compares that one with the one just left.
  await page.click('[data-testid="drafts"]');
  await page.locator('[data-testid="draft-item"]', { hasText: 'ví dụ' }).filter({ hasNotText: 'bản sao' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="compare-diff-grand"]')?.dataset.value === '-30');
  assert.equal(await page.locator('[data-testid="compare-same"]').count(), 0);
  const after = await page.locator('[data-testid="compare-diff"]').evaluateAll((els) => els.map((e) => [e.dataset.kind, e.dataset.a, e.dataset.b, e.dataset.delta]));
  assert.deepEqual(after.find((r) => r[0] === 'grand'), ['grand', '5400', '5430', '-30']);
  assert.match(await page.inputValue('[data-testid="compare-select"]'), /.+/);
});
