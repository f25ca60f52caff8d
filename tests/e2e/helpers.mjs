// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BASE_URL = process.env.KEHOACH_URL || 'http://127.0.0.1:8080/';
export const ARTIFACTS = path.resolve('tests/e2e/artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts Chromium headless with a fresh profile (`options` go to Playwright's context), on a wide desktop
 * screen (the side panels beside the grid; narrower screens are tested on their own). */
export async function launch(options = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 1720, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * Opens the app in a new page and records console errors, page errors and every request to a
 * host other than the app's own.
 */
export async function openApp(context, { url = BASE_URL, clearStorage = true, keepOthers = false } = {}) {
  if (!keepOthers) for (const p of context.pages()) await p.close();
  const page = await context.newPage();
  const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [], requests: [] };
  const origin = new URL(url).origin;
  page.on('console', (msg) => { if (msg.type() === 'error') problems.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('request', (req) => {
    problems.requests.push(req.url());
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.foreignRequests.push(u);
  });
  await page.goto(url);
  if (clearStorage) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
  }
  await page.waitForSelector('[data-testid="workbench"]', { timeout: 20000 });
  return { page, problems };
}

/**
 * Waits until the frame after the last input has been painted and the work queued behind it has
 * run: a cell edit repaints the grid at once and the side panels (split, charts, diagnostics)
 * one frame later.
 */
export async function settled(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** `data-value` of the element with this test id, once the page has settled. */
export async function value(page, testid) {
  await settled(page);
  return page.getAttribute(`[data-testid="${testid}"]`, 'data-value');
}

/** Saves a screenshot under tests/e2e/artifacts/. */
export async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Opens the app on a fresh storage with the example draft, saved. */
export async function exampleDraft(context, opts) {
  const { page, problems } = await openApp(context, opts);
  await page.click('[data-testid="open-example"]');
  await page.waitForSelector('[data-testid="grand-total"]');
  await saved(page);
  return { page, problems };
}

/** Clicks the element with this test id, types `text` and presses Enter. */
export async function typeInto(page, testid, text) {
  await page.click(`[data-testid="${testid}"]`);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Waits until the autosave has written everything. */
export async function saved(page) {
  await page.waitForSelector('[data-testid="save-state"][data-dirty="false"]', { timeout: 5000 });
}

/** Fills localStorage to the brim (the next bigger save fails). */
export async function fillStorage(page) {
  await page.evaluate(() => {
    let i = 0;
    for (const size of [256 * 1024, 1024, 16, 1]) {
      const chunk = 'x'.repeat(size);
      try { for (;;) localStorage.setItem('junk.' + i++, chunk); } catch { /* full at this size */ }
    }
  });
}

/** Fails when the fatal panel is on screen. */
export async function assertNoFatal(page, assert) {
  assert.equal(await page.locator('[data-testid="app-error"]').count(), 0, 'app-error panel shown');
}

/**
 * Chooses a spreadsheet (a path or Playwright's file payload) and waits for the import preview
 * to be read and shown (the preview is a lazily loaded part: shortly after the page opens it may
 * still be on its way once the reading is done).
 */
export async function preview(page, file) {
  await page.setInputFiles('[data-testid="import-file"]', file);
  await page.waitForSelector('[data-testid="import-preview"]');
  // The sheet preview is a lazily loaded part: its progress line only exists once it has loaded,
  // so wait for its buttons first, then for the reading to end.
  await page.waitForSelector('[data-testid="import-preview"] [data-testid="import-confirm"]', { timeout: 60000 });
  await page.waitForSelector('[data-testid="import-progress"]', { state: 'detached', timeout: 60000 });
}
