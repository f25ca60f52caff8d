// Consolidation in headless Chromium: 30 unit drafts of 200 lines × 10 years (every third in tỷ
// đồng), saved in the browser, picked all at once in the dialog; timed from picking them to the
// consolidated total and matching step on screen, and from "Create" to the new draft's grand
// total on screen. Baseline in the same run: 3 such units. Prints figures; asserts nothing (the
// goal, under a second, is in docs/PERFORMANCE.md). Run with scripts/bench-browser.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, settled } from '../helpers.mjs';

const RUNS = Number(process.env.RUNS || 3);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-units-'));
const expected = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'unit_drafts', '--', folder, '30', '200', '10'])
  .toString().trim();
const files = fs.readdirSync(folder).sort().map((f) => path.join(folder, f));
const { context, close } = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const { page } = await openApp(context);
  for (const f of files) {
    await page.setInputFiles('[data-testid="import-file"]', f);
    await page.waitForSelector('[data-testid="import-preview"] [data-testid="import-confirm"]', { timeout: 60000 });
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-preview"]', { state: 'detached' });
  }
  await page.waitForSelector('[data-testid="save-state"][data-dirty="false"]', { timeout: 10000 });
  await page.waitForTimeout(3000);

  /** Picks the first `n` drafts (or all), creates: [picked → total shown, create → draft shown] in ms. */
  async function run(n) {
    await page.click('[data-testid="consolidate"]');
    await page.waitForSelector('[data-testid="consolidate-dialog"]', { timeout: 30000 });
    await settled(page);
    const t0 = Date.now();
    // The unit drafts by name (the consolidations made by earlier runs are listed too), picked in
    // one go: the dialog computes once.
    await page.evaluate((n) => {
      const picks = [...document.querySelectorAll('.consolidate-picks li')]
        .filter((li) => /^Đơn vị \d+$/.test(li.querySelector('.name').textContent))
        .slice(0, n);
      for (const li of picks) li.querySelector('input').click();
    }, n);
    await page.waitForSelector('[data-testid="consolidate-total"]', { timeout: 60000 });
    await settled(page);
    const t1 = Date.now();
    const total = await page.getAttribute('[data-testid="consolidate-total"]', 'data-value');
    await page.click('[data-testid="consolidate-confirm"]');
    await page.waitForSelector('[data-testid="consolidate-dialog"]', { state: 'detached', timeout: 60000 });
    await page.waitForSelector('[data-testid="consolidation-panel"]', { timeout: 60000 });
    await settled(page);
    const t2 = Date.now();
    return { pick: t1 - t0, create: t2 - t1, total };
  }
  const big = [];
  const small = [];
  for (let i = 0; i < RUNS; i++) {
    small.push(await run(3));
    big.push(await run(30));
  }
  const line = (label, runs) => {
    const p = median(runs.map((r) => r.pick));
    const c = median(runs.map((r) => r.create));
    console.log(`  ${label.padEnd(40)} pick → total ${String(p).padStart(6)} ms   create → draft ${String(c).padStart(6)} ms   together ${String(p + c).padStart(6)} ms`);
    return p + c;
  };
  console.log(`Consolidation in the browser (median of ${RUNS}; sum of the 30 units: ${expected} triệu, the dialog shows ${big[0].total}):`);
  const a = line('3 units × 200 lines × 10 years', small);
  const b = line('30 units × 200 lines × 10 years', big);
  console.log(`  30 units take ${(b / a).toFixed(1)}× the time of 3 (goal: 30 units under 1000 ms)`);
} finally {
  await close();
}
