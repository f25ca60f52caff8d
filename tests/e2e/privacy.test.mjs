// Privacy and robustness: a Content-Security-Policy with no remote origin, no request once the
// page is up, imported text shown as text, the app opening offline, and limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, shot, assertNoFatal, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('the Content-Security-Policy allows no remote origin', async () => {
  const page = await browser.context.newPage();
  const response = await page.goto(BASE_URL);
  const header = response.headers()['content-security-policy'];
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  for (const csp of [header, meta]) {
    assert.ok(csp, 'a policy is set');
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /https?:|\*/, csp);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/, csp);
  }
  await page.close();
});

test('once the page is up, editing, saving, importing, exporting and printing request nothing', async () => {
  const { page } = await openApp(browser.context);
  await page.click('[data-testid="open-example"]');
  // Let the file worker's module and the offline cache load.
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 10000 });
  await page.waitForTimeout(2500);
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('blob:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  page.on('requestfailed', (r) => requests.push('failed ' + r.url()));
  await page.click('[data-testid="cell-1-2014"]');
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="save-state"][data-dirty="false"]');
  await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-xlsx"]')]);
  await page.setInputFiles('[data-testid="import-file"]', 'fixtures/seed_rows.xlsx');
  await page.waitForSelector('[data-testid="import-grand-total"]');
  await page.click('[data-testid="import-confirm"]');
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('[data-testid="print"]');
  await page.click('[data-testid="print-now"]');
  await page.click('[data-testid="print-close"]');
  // The lazily loaded views were fetched with the rest once the page was up.
  await page.click('[data-testid="view-targets"]');
  await page.waitForSelector('[data-testid="targets"]');
  await page.click('[data-testid="view-compare"]');
  await page.waitForSelector('[data-testid="compare"]');
  await page.waitForTimeout(300);
  assert.deepEqual(requests, []);
});

test('imported text is shown as text, never as HTML', async () => {
  const { page } = await openApp(browser.context);
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const draft = {
    $schema: 'urn:kehoach:draft:v1', name: evil, title: evil, period: { first: 2020, last: 2021 },
    lines: [{ id: 1, name: evil, amounts: { '2020': '1' } }],
    sources: [{ id: 2, name: evil, rule: { type: 'percent', value: '100' } }],
    targets: [{ id: 3, name: evil, milestones: { '2021': '5' } }],
  };
  await page.setInputFiles('[data-testid="import-file"]', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft)) });
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="grand-total"]');
  assert.equal((await page.textContent('[data-testid="line-name-1"]')).trim(), evil);
  await page.click('[data-testid="view-targets"]');
  await page.click('[data-testid="view-budget"]');
  assert.equal(await page.locator('.workbench img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('after the first visit the workbench opens offline', async () => {
  const { page } = await openApp(browser.context);
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 10000 });
  await page.click('[data-testid="open-example"]');
  await page.waitForSelector('[data-testid="save-state"][data-dirty="false"]');
  await browser.context.setOffline(true);
  try {
    await page.reload();
    await page.waitForSelector('[data-testid="grand-total"][data-value="5400"]');
    await page.setInputFiles('[data-testid="import-file"]', 'fixtures/seed_columns.xlsx');
    await page.waitForSelector('[data-testid="import-grand-total"][data-value="5400"]', { timeout: 20000 });
    await page.click('[data-testid="import-cancel"]');
    await page.click('[data-testid="view-targets"]');
    await page.waitForSelector('[data-testid="targets"]');
    await shot(page, 'offline');
    await assertNoFatal(page, assert);
  } finally {
    await browser.context.setOffline(false);
  }
});

test('a file over the size limit is refused with the limit named', async () => {
  const { page } = await openApp(browser.context);
  const big = Buffer.alloc(31 * 1024 * 1024, 0x41);
  await page.setInputFiles('[data-testid="import-file"]', { name: 'huge.xlsx', mimeType: 'application/octet-stream', buffer: big });
  await page.waitForSelector('[data-testid="import-preview"] [data-testid="diagnostic"]');
  assert.match(await page.textContent('[data-testid="import-preview"] [data-testid="diagnostic"]'), /30 MB/);
  assert.ok(await page.isDisabled('[data-testid="import-confirm"]'));
});
