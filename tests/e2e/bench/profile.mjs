// Profiles the grid's edit and scroll paths with the Chrome DevTools CPU profiler and prints the
// functions with the most self time. A development aid, not part of the suite.
import { launch, BASE_URL } from '../helpers.mjs';
const what = process.argv[2] || 'scroll';
const { context, close } = await launch();
const page = await context.newPage();
await page.goto(`${BASE_URL}?sample=2000x30`);
await page.waitForSelector('[data-testid="save-state"][data-dirty="false"]', { timeout: 120000 });
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
if (what === 'scroll') {
  await page.evaluate(async () => {
    const el = document.querySelector('[data-testid="grid"]');
    for (let i = 0; i < 60; i++) { el.scrollTop += 84; await new Promise((r) => requestAnimationFrame(r)); }
  });
} else {
  const cells = await page.$$eval('.cell.input[data-testid^="cell-"]', (els) => els.slice(0, 100).map((e) => e.dataset.testid));
  for (let i = 0; i < 20; i++) {
    await page.click(`[data-testid="${cells[i * 3]}"]`);
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
  }
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = profile.timeDeltas;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => {
  const n = byId.get(id);
  const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  self.set(name, (self.get(name) || 0) + (dt[i] || 0) / 1000);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`total ${total.toFixed(0)} ms`);
for (const [name, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(ms.toFixed(1).padStart(8), name);
await close();
