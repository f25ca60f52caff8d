// Spreadsheet habits: keyboard, ranges, clipboard, fill, spread and scale, undo and redo of every
// kind of change, a 2,000 × 30 plan, and the charts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, value, shot, assertNoFatal, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function example() {
  const { page } = await openApp(browser.context);
  await page.click('[data-testid="open-example"]');
  await page.waitForSelector('[data-testid="grand-total"]');
  return page;
}
const active = async (page) => {
  const el = page.locator('[data-testid="active-cell"]');
  return [Number(await el.getAttribute('data-r')), Number(await el.getAttribute('data-c'))];
};
// Columns of the example: 0 names, 1 = 2012, 2 = 2013, 3 = 2014, 4 = 2015, 5 = Cộng GĐ 1, 6 = 2016 … 10 = 2020, 11 = Cộng GĐ 2, 12 = Tổng.

test('keyboard: arrows, Tab, Enter, Home/End, Ctrl+arrows, PageUp/PageDown, F2, Delete, Escape', async () => {
  const page = await example();
  await page.click('[data-testid="cell-1-2013"]');
  assert.deepEqual(await active(page), [0, 2]);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await active(page), [0, 3]);
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await active(page), [1, 3]);
  await page.keyboard.press('Tab');
  assert.deepEqual(await active(page), [1, 4]);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.deepEqual(await active(page), [1, 2]);
  // Enter after Tab moves goes down to the column the Tab moves started from, as Excel does.
  await page.keyboard.press('Enter');
  assert.deepEqual(await active(page), [2, 3]);
  await page.keyboard.press('Shift+Enter');
  assert.deepEqual(await active(page), [1, 3]);
  await page.keyboard.press('Home');
  assert.deepEqual(await active(page), [1, 0]);
  await page.keyboard.press('End');
  assert.deepEqual(await active(page), [1, 12]);
  await page.keyboard.press('Control+ArrowDown');
  assert.deepEqual(await active(page), [3, 12]);
  await page.keyboard.press('Control+ArrowLeft');
  assert.deepEqual(await active(page), [3, 0]);
  await page.keyboard.press('Control+Home');
  assert.deepEqual(await active(page), [0, 0]);
  await page.keyboard.press('Control+End');
  assert.deepEqual(await active(page), [3, 12]);
  await page.keyboard.press('PageUp');
  assert.deepEqual(await active(page), [0, 12]);
  await page.keyboard.press('PageDown');
  assert.deepEqual(await active(page), [3, 12]);

  // F2 edits the value in place, the caret at its end.
  await page.click('[data-testid="cell-1-2013"]');
  await page.keyboard.press('F2');
  assert.equal(await page.inputValue('[data-testid="cell-editor"]'), '70');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'cell-1-2013'), '705');
  // In F2 mode the arrows move the caret, not the cell.
  await page.click('[data-testid="cell-1-2014"]');
  await page.keyboard.press('F2');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, 'cell-1-2014'), '710');
  // Typing replaces; arrows then commit and move (Excel's Enter mode).
  await page.click('[data-testid="cell-2-2013"]');
  await page.keyboard.type('9');
  await page.keyboard.press('ArrowRight');
  assert.equal(await value(page, 'cell-2-2013'), '9');
  assert.deepEqual(await active(page), [1, 3]);
  // Delete clears, Escape cancels.
  await page.keyboard.press('Delete');
  assert.equal(await value(page, 'cell-2-2014'), '');
  await page.keyboard.type('123');
  await page.keyboard.press('Escape');
  assert.equal(await value(page, 'cell-2-2014'), '');
  // A total is not typed over.
  await page.click('[data-testid="line-total-1"]');
  await page.keyboard.type('5');
  assert.equal(await page.getAttribute('[data-testid="cell-editor"]', 'class'), 'cell-editor');
  await assertNoFatal(page, assert);
});

test('ranges by keyboard and mouse, with sum and count in the status bar', async () => {
  const page = await example();
  await page.click('[data-testid="cell-1-2013"]');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  assert.equal(await value(page, 'selection-sum'), '1600');
  assert.equal(await value(page, 'selection-count'), '6');
  const a = await page.locator('[data-testid="cell-1-2013"]').boundingBox();
  const b = await page.locator('[data-testid="cell-2-2014"]').boundingBox();
  await page.mouse.move(a.x + 5, a.y + 5);
  await page.mouse.down();
  await page.mouse.move(b.x + 5, b.y + 5, { steps: 4 });
  await page.mouse.up();
  assert.equal(await value(page, 'selection-sum'), '1040');
  assert.equal(await value(page, 'selection-count'), '4');
  // Shift+click extends from the anchor (the drag's start) to the clicked cell.
  await page.click('[data-testid="cell-3-2013"]', { modifiers: ['Shift'] });
  assert.equal(await value(page, 'selection-count'), '3');
  assert.equal(await value(page, 'selection-sum'), '870');
  await shot(page, 'range');
});

test('clipboard: copy as tab-separated text, paste blocks from Excel, one undo step', async () => {
  const page = await example();
  await page.evaluate(() => {
    window.__copied = null;
    document.addEventListener('copy', (e) => { window.__copied = e.clipboardData.getData('text/plain'); });
  });
  await page.click('[data-testid="cell-1-2013"]');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+C');
  assert.equal(await page.evaluate(() => window.__copied), '70\t70\t60\r\n400\t500\t500');

  const paste = (text) => page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.querySelector('[data-testid="cell-editor"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
  // An Excel block with CRLF and a trailing line break, Vietnamese numbers; it skips "Cộng GĐ 1".
  await page.click('[data-testid="cell-3-2015"]');
  await paste('1.095,5\t10\r\n7\t8\r\n');
  assert.equal(await value(page, 'cell-3-2015'), '1095.5');
  assert.equal(await value(page, 'cell-3-2016'), '10');
  assert.equal(await value(page, 'cell-4-2015'), '7');
  assert.equal(await value(page, 'cell-4-2016'), '8');
  assert.equal(await value(page, 'line-phase-total-3-1'), String(400 + 500 + 1095.5));
  await page.click('[data-testid="undo"]');
  assert.equal(await value(page, 'cell-3-2015'), '500');
  assert.equal(await value(page, 'cell-4-2016'), '25');
  assert.equal(await value(page, 'grand-total'), '5400');
  // LF without a trailing line break.
  await page.click('[data-testid="cell-1-2018"]');
  await paste('1\n2');
  assert.equal(await value(page, 'cell-2-2018'), '2');
  // Past the last line: offered to add lines; one undo removes them with their values.
  await page.click('[data-testid="cell-4-2019"]');
  await paste('5\n6\n7');
  await page.waitForSelector('[data-testid="paste-confirm"]');
  assert.match(await page.textContent('[data-testid="paste-confirm"]'), /2 dòng/);
  await page.click('[data-testid="paste-extend"]');
  assert.equal(await value(page, 'cell-6-2019'), '7');
  assert.equal(await value(page, 'line-total-6'), '7');
  await page.keyboard.press('Control+Z');
  assert.equal(await page.locator('[data-testid="cell-6-2019"]').count(), 0);
  assert.equal(await value(page, 'cell-4-2019'), '25');
  // Past the last year: offered to add years.
  await page.click('[data-testid="cell-1-2020"]');
  await paste('1\t2');
  await page.waitForSelector('[data-testid="paste-confirm"]');
  await page.click('[data-testid="paste-extend"]');
  assert.equal(await value(page, 'cell-1-2021'), '2');
  await page.keyboard.press('Control+Z');
  assert.equal(await page.locator('[data-testid="cell-1-2021"]').count(), 0);
  await page.keyboard.press('Control+Shift+Z');
  assert.equal(await value(page, 'cell-1-2021'), '2');
});

test('fill down and right, spread a phase total, scale by a percentage, exactly', async () => {
  const page = await example();
  await page.click('[data-testid="cell-1-2013"]');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+D');
  assert.equal(await value(page, 'cell-2-2013'), '70');
  assert.equal(await value(page, 'cell-3-2013'), '70');
  await page.click('[data-testid="cell-4-2013"]');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+R');
  assert.equal(await value(page, 'cell-4-2015'), '25');
  // Spread 1000 evenly over phase 1 (2012–2015) of line 2: 250 each, exactly.
  await page.click('summary:has-text("Công cụ")');
  await page.click('[data-testid="cell-2-2014"]');
  await page.fill('[data-testid="spread-amount"]', '1000');
  await page.click('[data-testid="spread-apply"]');
  for (const y of [2012, 2013, 2014, 2015]) assert.equal(await value(page, `cell-2-${y}`), '250');
  assert.equal(await value(page, 'line-phase-total-2-1'), '1000');
  // Spread 2200 over phase 2 in proportion to 300/200/200/200/200.
  await page.click('[data-testid="cell-2-2016"]');
  await page.selectOption('[data-testid="spread-phase"]', '1');
  await page.check('[data-testid="spread-proportional"]');
  await page.fill('[data-testid="spread-amount"]', '2.200');
  await page.click('[data-testid="spread-apply"]');
  assert.equal(await value(page, 'cell-2-2016'), '600');
  assert.equal(await value(page, 'line-phase-total-2-2'), '2200');
  // A third over three years: 333,333334 + 333,333333 × 2 to the đồng (precision 6 in triệu).
  await page.click('[data-testid="cell-3-2013"]');
  await page.selectOption('[data-testid="spread-phase"]', '0');
  await page.uncheck('[data-testid="spread-proportional"]');
  await page.fill('[data-testid="spread-amount"]', '1000');
  await page.click('[data-testid="spread-apply"]');
  assert.equal(await value(page, 'line-phase-total-3-1'), '1000');
  // Scale the selection by 110 %.
  await page.click('[data-testid="cell-4-2016"]');
  await page.keyboard.press('Shift+ArrowRight');
  await page.fill('[data-testid="scale-percent"]', '110');
  await page.click('[data-testid="scale-apply"]');
  assert.equal(await value(page, 'cell-4-2016'), '27.5');
  assert.equal(await value(page, 'cell-4-2017'), '27.5');
  assert.equal(await value(page, 'cell-4-2018'), '25');
});

test('undo and redo reach every kind of change', async () => {
  const page = await example();
  const undo = () => page.click('[data-testid="undo"]');
  const redo = () => page.click('[data-testid="redo"]');
  // A line.
  await page.click('[data-testid="cell-4-2013"]');
  await page.click('[data-testid="line-add"]');
  assert.equal(await page.locator('[data-testid="line-name-5"]').count(), 1);
  await undo();
  assert.equal(await page.locator('[data-testid="line-name-5"]').count(), 0);
  await redo();
  assert.equal(await page.locator('[data-testid="line-name-5"]').count(), 1);
  await undo();
  // A phase.
  await page.fill('[data-testid="phase-last-1"]', '2014');
  assert.equal(await value(page, 'phase-total-1'), '1990');
  await undo();
  assert.equal(await value(page, 'phase-total-1'), '3080');
  // A source.
  await page.click('[data-testid="source-add"]');
  await page.fill('[data-testid="source-share-1"]', '40');
  assert.equal(await value(page, 'source-amount-1'), '2160');
  await undo();
  assert.equal(await value(page, 'source-amount-1'), '0');
  await undo();
  assert.equal(await page.locator('[data-testid="source-amount-1"]').count(), 0);
  await redo();
  await redo();
  assert.equal(await value(page, 'source-amount-1'), '2160');
  // The period.
  await page.click('[data-testid="year-add-after"]');
  assert.equal(await page.locator('[data-testid="year-total-2021"]').count(), 1);
  await page.keyboard.press('Control+Z');
  assert.equal(await page.locator('[data-testid="year-total-2021"]').count(), 0);
  await page.keyboard.press('Control+Y');
  assert.equal(await page.locator('[data-testid="year-total-2021"]').count(), 1);
  // A target.
  await page.click('[data-testid="view-targets"]');
  await page.click('[data-testid="target-add"]');
  assert.equal(await page.locator('[data-testid="target-name-1"]').count(), 1);
  await page.click('[data-testid="view-budget"]');
  await undo();
  await page.click('[data-testid="view-targets"]');
  await page.waitForSelector('[data-testid="targets"]'); // a lazily loaded view
  assert.equal(await page.locator('[data-testid="target-name-1"]').count(), 0);
});

test('2,000 × 30: virtualised rows, frozen header and first column, live totals', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE_URL}?sample=2000x30`);
  await page.waitForSelector('[data-testid="grand-total"]', { timeout: 60000 });
  const rows = await page.locator('[data-testid="grid"] .grid-body .row').count();
  assert.ok(rows < 100, `${rows} rows in the DOM`);
  const grid = page.locator('[data-testid="grid"]');
  const gridBox = await grid.boundingBox();
  await grid.evaluate((el) => { el.scrollTop = 28 * 1500; el.scrollLeft = 600; });
  await page.waitForTimeout(100);
  const total = await page.locator('[data-testid="grand-total"]').boundingBox();
  assert.ok(total && total.y >= gridBox.y && total.y < gridBox.y + 120, 'the totals row stays at the top');
  const name = page.locator('[data-testid="line-name-1500"]');
  await name.waitFor();
  const nameBox = await name.boundingBox();
  assert.ok(Math.abs(nameBox.x - gridBox.x) < 4, `the first column stays at the left (${nameBox.x} vs ${gridBox.x})`);
  const before = Number(await value(page, 'grand-total'));
  const cell = page.locator('.cell.input[data-testid^="cell-1500-"]').first();
  const id = await cell.getAttribute('data-testid');
  const old = Number(await cell.getAttribute('data-value') || 0);
  await cell.click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  const after = Number(await value(page, 'grand-total'));
  assert.ok(Math.abs(after - (before - old + 1)) < 1e-6, `${id}: ${after} vs ${before} - ${old} + 1`);
  await shot(page, 'large-grid');
  await page.close();
});

test('charts are drawn by the app and follow the figures', async () => {
  const page = await example();
  assert.equal(await page.getAttribute('[data-testid="phase-bar-1"]', 'data-value'), '3080');
  await page.click('[data-testid="cell-1-2013"]');
  await page.keyboard.type('170');
  await page.keyboard.press('Enter');
  // The grid's totals are in the DOM when the keypress has been handled; the charts follow in
  // the next frame.
  assert.equal(await page.getAttribute('[data-testid="grand-total"]', 'data-value'), '5500');
  assert.equal(await value(page, 'phase-bar-1'), '3180');
  const rects = () => page.locator('[data-testid="share-chart"] rect').count();
  const before = await rects();
  await page.click('[data-testid="source-add"]');
  await page.fill('[data-testid="source-share-1"]', '40');
  assert.equal(await rects(), before + 1);
  assert.equal(await page.locator('script[src*="chart"], script[src*="cdn"]').count(), 0);
});

test('lines copied from Excel (names and amounts) pasted on the names column land in the names and the first years', async () => {
  const page = await example();
  const paste = (text, html) => page.evaluate(([t, h]) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    if (h) dt.setData('text/html', h);
    document.querySelector('[data-testid="cell-editor"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [text, html]);
  // Two lines from Excel: a name and the amounts of 2012–2014 (the plan's first years).
  await page.click('[data-testid="line-name-3"]');
  await paste('Tập huấn cán bộ\t10\t20\t30\r\nHội thảo\t1\t2\t3\r\n');
  assert.equal(await page.locator('[data-testid="paste-confirm"]').count(), 0, 'nothing to add: no question');
  assert.equal(await page.textContent('[data-testid="line-name-3"]'), 'Tập huấn cán bộ');
  assert.equal(await page.textContent('[data-testid="line-name-4"]'), 'Hội thảo');
  assert.equal(await value(page, 'cell-3-2012'), '10');
  assert.equal(await value(page, 'cell-3-2014'), '30');
  assert.equal(await value(page, 'cell-4-2013'), '2');
  // One undo step takes the names and the figures back.
  await page.keyboard.press('Control+Z');
  assert.notEqual(await page.textContent('[data-testid="line-name-3"]'), 'Tập huấn cán bộ');
  assert.equal(await value(page, 'grand-total'), '5400');

  // The grid's own copy of names, years and the phase subtotal pastes back where it came from.
  await page.evaluate(() => {
    window.__copied = null;
    document.addEventListener('copy', (e) => {
      window.__copied = [e.clipboardData.getData('text/plain'), e.clipboardData.getData('text/html')];
    });
  });
  await page.click('[data-testid="line-name-1"]');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+C');
  const [text, html] = await page.evaluate(() => window.__copied);
  assert.match(html, /data-kehoach-columns="N 2012 2013 2014 2015 - 2016"/);
  await page.click('[data-testid="line-name-4"]');
  await paste(text, html);
  for (const y of [2012, 2013, 2014, 2015, 2016]) {
    assert.equal(await value(page, `cell-4-${y}`), await value(page, `cell-1-${y}`), `year ${y}`);
  }
  assert.equal(await page.textContent('[data-testid="line-name-4"]'), await page.textContent('[data-testid="line-name-1"]'));

  // "Paste what fits" says what it left out.
  await page.click('[data-testid="cell-4-2020"]');
  await paste('1\t2\t3');
  await page.waitForSelector('[data-testid="paste-confirm"]');
  assert.match(await page.textContent('[data-testid="paste-confirm"]'), /cần thêm 2 năm\./);
  await page.click('[data-testid="paste-clip"]');
  assert.equal(await value(page, 'cell-4-2020'), '1');
  const notice = page.locator('[data-testid="notice"][data-level="warning"]').last();
  assert.match(await notice.innerText(), /Đã dán 1 ô; không dán: 2 ô nằm ngoài bảng\./);
});

test('the keyboard adds lines, Tab … Enter comes back, Escape closes the menu, a new draft follows its title', async () => {
  const page = await example();
  const lines = await page.locator('[data-testid^="line-name-"]').count();
  // Enter on the last line adds one and types its name; Enter goes on to its first year.
  await page.click(`[data-testid="cell-${lines}-2012"]`);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Hội nghị tổng kết');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent(`[data-testid="line-name-${lines + 1}"]`), 'Hội nghị tổng kết');
  await page.keyboard.type('5');
  await page.keyboard.press('Tab');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  assert.equal(await value(page, `cell-${lines + 1}-2012`), '5');
  assert.equal(await value(page, `cell-${lines + 1}-2013`), '6');
  // … and Enter after the amounts comes back to the names column with another new line.
  await page.keyboard.type('Khen thưởng');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid^="line-name-"]').count(), lines + 2);
  // Ctrl+Enter adds a line below the cursor's.
  await page.click('[data-testid="cell-1-2012"]');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.type('Dòng chèn');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent('[data-testid="line-name-2"]'), 'Dòng chèn');
  // Tab along a row, Enter: down to the column the row was entered at.
  await page.click('[data-testid="cell-3-2013"]');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('[data-testid="active-cell"]', 'data-r'), '3');
  assert.equal(await page.getAttribute('[data-testid="active-cell"]', 'data-c'), '2');
  // A wrong entry on the last line: its message inside the grid, above the cell.
  const last = await page.locator('[data-testid^="line-name-"]').count();
  await page.click(`[data-testid="cell-${last}-2014"]`);
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  const error = await page.locator('[data-testid="cell-error"]').boundingBox();
  const grid = await page.locator('[data-testid="grid"]').boundingBox();
  assert.ok(error.y >= grid.y && error.y + error.height <= grid.y + grid.height, `${JSON.stringify(error)} in ${JSON.stringify(grid)}`);
  assert.equal(await page.getAttribute('[data-testid="cell-editor"]', 'aria-label'), `Dòng ${last}, năm 2014`);
  await page.keyboard.press('Escape');
  // Escape closes the drafts menu.
  await page.click('[data-testid="drafts"]');
  await page.waitForSelector('[data-testid="draft-list"]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="draft-list"]', { state: 'hidden' });
  // A new draft is named after its title until renamed; a second of the same name gets "(2)".
  await page.click('[data-testid="draft-new"]');
  await page.click('summary:has-text("Thông tin kế hoạch")');
  await page.fill('[data-testid="plan-title"]', 'Kế hoạch xóa mù chữ 2026–2030');
  assert.equal(await page.inputValue('[data-testid="draft-name"]'), 'Kế hoạch xóa mù chữ 2026–2030');
  await page.click('[data-testid="draft-new"]');
  await page.click('[data-testid="draft-new"]');
  assert.equal(await page.inputValue('[data-testid="draft-name"]'), 'Kế hoạch mới (2)');
});
