// The page loads, shows the workbench, logs no console error and asks no host but its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, shot, assertNoFatal } from './helpers.mjs';

test('the workbench loads cleanly and stays on its own origin', async () => {
  const { context, close } = await launch();
  try {
    const { page, problems } = await openApp(context);
    await page.waitForTimeout(500);
    await shot(page, 'smoke');
    await assertNoFatal(page, assert);
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.foreignRequests, []);
    assert.ok(problems.requests.length >= 4, 'html, js, wasm and css were requested');
    // Vietnamese by default, English on request.
    assert.equal(await page.getAttribute('[data-testid="workbench"]', 'lang'), 'vi');
    await page.selectOption('[data-testid="locale"]', 'en');
    assert.equal(await page.getAttribute('[data-testid="workbench"]', 'lang'), 'en');
  } finally {
    await close();
  }
});
