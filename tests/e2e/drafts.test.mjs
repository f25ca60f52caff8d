// Drafts: autosave and reload, several drafts, two tabs, a full or disabled storage, JSON files
// (broken ones too, and the round trip).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as helpers from './helpers.mjs';
import { launch, openApp, value, shot, assertNoFatal, saved, fillStorage, typeInto, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const exampleDraft = (opts) => helpers.exampleDraft(browser.context, opts);

/** Opens the draft list unless it is open already. */
async function openList(page) {
  if (!(await page.isVisible('[data-testid="draft-list"]'))) await page.click('[data-testid="drafts"]');
}

test('a draft survives a reload, with its name', async () => {
  const { page } = await exampleDraft();
  await page.fill('[data-testid="draft-name"]', 'Bắc Kạn — dự thảo 2');
  await typeInto(page, 'cell-1-2014', '100');
  await saved(page);
  await page.reload();
  await page.waitForSelector('[data-testid="grand-total"]');
  assert.equal(await value(page, 'cell-1-2014'), '100');
  assert.equal(await value(page, 'grand-total'), '5430');
  assert.equal(await page.inputValue('[data-testid="draft-name"]'), 'Bắc Kạn — dự thảo 2');
});

test('several drafts: new, list, open, rename, duplicate, delete and undo', async () => {
  const { page } = await exampleDraft();
  await page.click('[data-testid="draft-new"]');
  await page.waitForSelector('[data-testid="empty-state"]', { state: 'detached' });
  await page.fill('[data-testid="draft-name"]', 'Kế hoạch thử');
  await saved(page);
  await page.click('[data-testid="drafts"]');
  const items = page.locator('[data-testid="draft-item"]');
  assert.equal(await items.count(), 2);
  assert.match(await items.nth(0).textContent(), /Kế hoạch thử/);
  assert.equal(await items.nth(1).locator('[data-testid="draft-item-total"]').getAttribute('data-value'), '5400');
  // Open the example again from the list.
  await items.nth(1).click();
  await page.waitForSelector('[data-testid="grand-total"][data-value="5400"]');
  // Duplicate it: a third draft, opened.
  await page.click('[data-testid="drafts"]');
  await page.locator('[data-testid="draft-item"]', { hasText: 'ví dụ' }).first().locator('[data-testid="draft-duplicate"]').click();
  await saved(page);
  assert.match(await page.inputValue('[data-testid="draft-name"]'), /bản sao/);
  await page.click('[data-testid="drafts"]');
  assert.equal(await page.locator('[data-testid="draft-item"]').count(), 3);
  // Delete "Kế hoạch thử", then undo.
  await page.locator('[data-testid="draft-item"]', { hasText: 'Kế hoạch thử' }).locator('[data-testid="draft-delete"]').click();
  assert.equal(await page.locator('[data-testid="draft-item"]').count(), 2);
  await page.click('[data-testid="draft-undo-delete"]');
  await page.waitForSelector('[data-testid="draft-name"]');
  assert.equal(await page.inputValue('[data-testid="draft-name"]'), 'Kế hoạch thử');
  await openList(page);
  assert.equal(await page.locator('[data-testid="draft-item"]').count(), 3);
  assert.match(await page.textContent('[data-testid="storage-usage"]'), /KB/);
});

test('two tabs: one sees what the other saves, and neither overwrites the other', async () => {
  const { page: a } = await exampleDraft();
  const b = await browser.context.newPage();
  await b.goto(BASE_URL);
  await b.waitForSelector('[data-testid="grand-total"][data-value="5400"]');
  // A saves; B, with nothing unsaved, follows.
  await typeInto(a, 'cell-1-2013', '75');
  await saved(a);
  await b.waitForSelector('[data-testid="cell-1-2013"][data-value="75"]');
  // Both edit the same draft. Whichever saves first wins; the other is told, and its save
  // does not overwrite anything.
  // Both type first and commit at the same moment, so both are unsaved when the first save lands.
  await b.click('[data-testid="cell-2-2013"]');
  await b.keyboard.type('401');
  await a.click('[data-testid="cell-3-2013"]');
  await a.keyboard.type('402');
  await Promise.all([a.keyboard.press('Enter'), b.keyboard.press('Enter')]);
  const conflict = '[data-testid="draft-conflict"]';
  await Promise.race([a.waitForSelector(conflict), b.waitForSelector(conflict)]);
  const [loser, winner, mine, theirs] = (await a.isVisible(conflict))
    ? [a, b, ['cell-3-2013', '402'], [1, '401']]
    : [b, a, ['cell-2-2013', '401'], [2, '402']];
  assert.equal(await winner.locator(conflict).count(), 0);
  const stored = await loser.evaluate(([line]) => {
    const index = JSON.parse(localStorage.getItem('kehoach.index'));
    return JSON.parse(localStorage.getItem('kehoach.draft.' + index[0].id)).lines[line].amounts['2013'];
  }, theirs);
  assert.equal(stored, theirs[1]);
  // The loser keeps its version as a new draft.
  await loser.click('[data-testid="conflict-keep-mine"]');
  await saved(loser);
  assert.equal(await value(loser, mine[0]), mine[1]);
  assert.equal(await loser.locator(conflict).count(), 0);
  await openList(loser);
  assert.equal(await loser.locator('[data-testid="draft-item"]').count(), 2);
  await b.close();
});

test('a full storage warns, keeps the draft on screen and offers a JSON download', async () => {
  const { page } = await exampleDraft();
  await fillStorage(page);
  await typeInto(page, 'cell-1-2013', '80,125');
  await page.waitForSelector('[data-testid="storage-error"]');
  assert.match(await page.textContent('[data-testid="storage-error"]'), /đầy/);
  assert.equal(await value(page, 'cell-1-2013'), '80.125');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="storage-download"]')]);
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(json.lines[0].amounts['2013'], '80.125');
  assert.equal(json.totals.grand, '5410.125');
  await shot(page, 'storage-full');
  // Room again: saving works.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('junk.')) localStorage.removeItem(k); });
  await page.click('[data-testid="storage-error"] button:nth-of-type(2)');
  await saved(page);
  await assertNoFatal(page, assert);
});

test('a disabled storage is said, and the workbench still works', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await page.goto(BASE_URL);
  await page.waitForSelector('[data-testid="workbench"]');
  await page.click('[data-testid="open-example"]');
  await page.waitForSelector('[data-testid="storage-unavailable"]');
  await typeInto(page, 'cell-1-2013', '71');
  assert.equal(await value(page, 'grand-total'), '5401');
  await assertNoFatal(page, assert);
  await page.close();
});

test('broken JSON files are refused with their JSON path, and the open draft is untouched', async () => {
  const { page } = await exampleDraft();
  const cases = [
    ['bad-amount.json', JSON.stringify({ $schema: 'urn:kehoach:draft:v1', period: { first: 2012, last: 2020 },
      lines: [{ id: 1, name: 'a', amounts: { '2013': '70' } }, { id: 2, name: 'b' }, { id: 3, name: 'c', amounts: { '2014': 'abc' } }] }),
      '$.lines[2].amounts.2014'],
    ['newer.json', JSON.stringify({ $schema: 'urn:kehoach:draft:v9', period: { first: 2012, last: 2020 } }), "$['$schema']"],
    ['truncated.json', '{"$schema": "urn:kehoach:draft:v1", "lines": [', '$'],
    ['no-period.json', JSON.stringify({ $schema: 'urn:kehoach:draft:v1', lines: [] }), '$.period'],
  ];
  for (const [name, text, location] of cases) {
    await page.setInputFiles('[data-testid="import-file"]', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForSelector('[data-testid="import-preview"]');
    const diag = page.locator('[data-testid="import-preview"] [data-testid="diagnostic"]').first();
    assert.equal(await diag.getAttribute('data-severity'), 'error', name);
    assert.equal(await diag.getAttribute('data-location'), location, name);
    assert.ok(await page.isDisabled('[data-testid="import-confirm"]'), name);
    await page.click('[data-testid="import-cancel"]');
    assert.equal(await page.locator('[data-testid="import-preview"]').count(), 0);
  }
  assert.equal(await value(page, 'grand-total'), '5400');
  await page.click('[data-testid="drafts"]');
  assert.equal(await page.locator('[data-testid="draft-item"]').count(), 1);
});

test('JSON round trip: export, import, same plan', async () => {
  const { page } = await exampleDraft();
  await page.click('[data-testid="source-add"]');
  await page.fill('[data-testid="source-share-1"]', '40');
  await typeInto(page, 'cell-2-2015', '1.095,5');
  await saved(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  assert.equal(download.suggestedFilename(), 'Bắc Kạn 2012–2020 (ví dụ).json');
  const text = fs.readFileSync(await download.path(), 'utf8');
  const json = JSON.parse(text);
  assert.equal(json.$schema, 'urn:kehoach:draft:v2');
  assert.equal(json.lines[1].amounts['2015'], '1095.5');
  // A stated total that disagrees is a warning, not a refusal.
  json.totals.grand = '1';
  await page.setInputFiles('[data-testid="import-file"]', { name: 'round.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await page.waitForSelector('[data-testid="import-preview"]');
  const warning = page.locator('[data-testid="import-preview"] [data-testid="diagnostic"]');
  assert.equal(await warning.getAttribute('data-location'), '$.totals.grand');
  assert.equal(await warning.getAttribute('data-severity'), 'warning');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-preview"]', { state: 'detached' });
  assert.equal(await value(page, 'grand-total'), '5995.5');
  assert.equal(await value(page, 'cell-2-2015'), '1095.5');
  assert.equal(await value(page, 'source-amount-1'), '2398.2');
  await saved(page);
  await page.click('[data-testid="drafts"]');
  assert.equal(await page.locator('[data-testid="draft-item"]').count(), 2);
});
