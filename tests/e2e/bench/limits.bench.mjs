// The plan at every limit at once (`reference::plan_at_limits`: 10,000 lines × 200 years,
// 1,000,000 amounts, 1,000 phases, 5,000 sources, 5,000 targets of 200 milestones; a 31 MB JSON
// draft) opened in headless Chromium as a planner opens a draft file: pick it, read the preview,
// open it. Baseline in the same run: the reference plan (seed 000) opened the same way. Prints
// figures; asserts nothing (the goal, under 2 s, is in docs/PERFORMANCE.md). Run with
// scripts/bench-browser.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, settled } from '../helpers.mjs';

const RUNS = Number(process.env.RUNS || 3);
const file = path.join(os.tmpdir(), 'kehoach_at_limits.json');
execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'at_limits_json', '--', file], { stdio: 'inherit' });
const small = path.join(os.tmpdir(), 'kehoach_reference.json');

const { context, close } = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Picks `draft` and opens it: [preview shown, then draft on screen], in ms. */
async function open(draft) {
  const { page } = await openApp(context);
  // The page's background work (lazily loaded parts, the file worker) ends first.
  await page.waitForTimeout(3000);
  const t0 = Date.now();
  await page.setInputFiles('[data-testid="import-file"]', draft);
  await page.waitForSelector('[data-testid="import-summary"]', { timeout: 120000 });
  const t1 = Date.now();
  await page.click('[data-testid="import-confirm"]');
  // The grid on screen and the frame after it (the grand total's column may lie beyond the
  // columns drawn: 200 years and 1,000 phase subtotals).
  await page.waitForSelector('[data-testid="grid"]', { timeout: 120000 });
  await settled(page);
  const t2 = Date.now();
  return [t1 - t0, t2 - t1];
}

try {
  // The baseline: the reference plan, exported by the workbench itself as JSON.
  {
    const { page } = await openApp(context);
    await page.click('[data-testid="open-example"]');
    await page.waitForSelector('[data-testid="grand-total"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
    fs.copyFileSync(await download.path(), small);
  }
  const base = [];
  const big = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await open(small));
    big.push(await open(file));
  }
  const mb = (fs.statSync(file).size / 1048576).toFixed(1);
  const line = (label, runs) => {
    const preview = median(runs.map((r) => r[0]));
    const opened = median(runs.map((r) => r[1]));
    console.log(`  ${label.padEnd(46)} preview ${String(preview).padStart(6)} ms   open ${String(opened).padStart(6)} ms   together ${String(preview + opened).padStart(6)} ms`);
    return preview + opened;
  };
  console.log(`plan at every limit (${mb} MB JSON) opened in the browser, medians of ${RUNS} runs`);
  const b = line('reference plan (seed 000), baseline', base);
  const l = line('plan at every limit', big);
  console.log(`  ratio ${(l / b).toFixed(1)}× the baseline (goal: under 2,000 ms together)`);
} finally {
  await close();
}
