// When something fails: a bug shows the readable last-resort panel, not a blank page; a lazily
// loaded part that cannot be fetched is said, without that panel, and the page goes on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, value, assertNoFatal, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('a bug shows the readable last-resort panel, not a blank page', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${BASE_URL}?debug=panic`);
  await page.waitForSelector('[data-testid="app-error"]');
  const text = await page.textContent('[data-testid="app-error"]');
  assert.match(text, /lỗi nội bộ|internal error/);
  assert.match(text, /deliberate panic/);
  assert.ok(await page.isVisible('[data-testid="app-error"] button'));
  // The reload button works under the Content-Security-Policy (no inline handler).
  const csp = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) csp.push(m.text()); });
  await Promise.all([page.waitForEvent('load'), page.click('[data-testid="app-error"] button')]);
  assert.deepEqual(csp, []);
  await page.close();
});

test('a lazily loaded view that cannot be fetched says so; the page and the draft go on', async () => {
  // A fresh context: no service worker has cached the parts.
  const { context, close } = await launch();
  try {
    await context.route(/split_kehoach_targets\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    const { page } = await openApp(context);
    await page.click('[data-testid="open-example"]');
    await page.click('[data-testid="view-targets"]');
    await page.waitForSelector('[data-testid="lazy-load-failed"]');
    assert.match(await page.textContent('[data-testid="lazy-load-failed"]'), /tải lại trang/);
    await assertNoFatal(page, assert);
    await page.click('[data-testid="view-budget"]');
    assert.equal(await value(page, 'grand-total'), '5400');
    // The parts that could be fetched still work.
    await page.click('[data-testid="view-compare"]');
    await page.waitForSelector('[data-testid="compare"]');
  } finally {
    await close();
  }
});
