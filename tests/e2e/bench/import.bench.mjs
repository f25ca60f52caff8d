// Import benchmark on the large fixture (2,000 lines × 30 years, 18,000 formulas):
// natively (kehoach's import against calamine's parse alone) and in headless Chromium (kehoach's
// WebAssembly import against SheetJS reading the same bytes in the same page), medians of several
// runs, with their ratios. Prints figures; asserts nothing. Run with scripts/bench-browser.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { launch, BASE_URL } from '../helpers.mjs';

const FILE = process.env.FIXTURE || 'fixtures/large.xlsx';
const RUNS = Number(process.env.RUNS || 7);

// Native figures, from the same machine in the same run.
const native = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'import_time', '--', FILE], { encoding: 'utf8' });
const nativeParse = Number(/native calamine parse ms ([\d.]+)/.exec(native)[1]);
const nativeImport = Number(/native kehoach import ms ([\d.]+)/.exec(native)[1]);

const { context, close } = await launch({ bypassCSP: true });
try {
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.waitForSelector('[data-testid="workbench"]');
  // The page fetches and compiles its lazily loaded parts and the file worker's module 1.5 s
  // after load; let that background work end before timing.
  await page.waitForTimeout(5000);
  // SheetJS for comparison, loaded into the page for this benchmark only.
  await page.addScriptTag({ path: 'node_modules/xlsx/dist/xlsx.full.min.js' });
  const bytes = [...fs.readFileSync(FILE)];
  const figures = await page.evaluate(async ({ bytes, runs }) => {
    const data = new Uint8Array(bytes);
    const io = await import('./kehoach_io.js');
    await io.default();
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
    const ours = [];
    const reply = [];
    const sheetjs = [];
    let lines = 0;
    // Two untimed rounds first, for both sides: the engines' optimising tiers (TurboFan for
    // WebAssembly, the JIT for SheetJS) compile in the background after the first calls.
    for (let i = 0; i < 2; i++) {
      io.kehoach_import_only(data);
      const wb = XLSX.read(data, { type: 'array' });
      XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    }
    for (let i = 0; i < runs; i++) {
      ours.push(time(() => { lines = io.kehoach_import_only(data); }));
      reply.push(time(() => JSON.parse(io.kehoach_import(data, '{}'))));
      sheetjs.push(time(() => { const wb = XLSX.read(data, { type: 'array' }); XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1 }); }));
    }
    return { ours: median(ours), reply: median(reply), sheetjs: median(sheetjs), lines };
  }, { bytes, runs: RUNS });

  // End to end through the UI: file picked → preview ready (worker, transfer, preview).
  const ui = [];
  for (let i = 0; i < 3; i++) {
    const t = Date.now();
    await page.setInputFiles('[data-testid="import-file"]', FILE);
    await page.waitForSelector('[data-testid="import-summary"]', { timeout: 60000 });
    ui.push(Date.now() - t);
    await page.click('[data-testid="import-cancel"]');
  }
  ui.sort((a, b) => a - b);

  const size = fs.statSync(FILE).size;
  console.log(`import benchmark: ${FILE} (${(size / 1024).toFixed(0)} KB, ${figures.lines} lines understood), medians of ${RUNS} runs`);
  console.log(`  native  calamine parse alone                  ${nativeParse.toFixed(1).padStart(8)} ms`);
  console.log(`  native  kehoach import (parse, understand, totals) ${nativeImport.toFixed(1).padStart(8)} ms   ${(nativeImport / nativeParse).toFixed(2)}× calamine's parse (goal ≤ 2×)`);
  console.log(`  browser kehoach import, WebAssembly         ${figures.ours.toFixed(1).padStart(8)} ms   ${(figures.ours / nativeImport).toFixed(2)}× native`);
  console.log(`  browser the same with its reply as JSON      ${figures.reply.toFixed(1).padStart(8)} ms   (what the worker sends the page)`);
  console.log(`  browser SheetJS 0.18.5 reading the same bytes ${figures.sheetjs.toFixed(1).padStart(8)} ms   kehoach is ${(figures.sheetjs / figures.ours).toFixed(2)}× faster (goal ≥ 3×)`);
  console.log(`  browser file picked → preview shown (worker)  ${String(ui[1]).padStart(8)} ms   (median of 3)`);
} finally {
  await close();
}
