// Tasks and responsibilities: who does what, when, with which money — entered beside the budget,
// seen by agency, kept through undo, reload and the JSON file, printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, exampleDraft, value, saved, settled, shot, assertNoFatal } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('a planner enters tasks, links their money, and sees each agency answer for it', async () => {
  const { page, problems } = await exampleDraft(browser.context);
  // The training line's lead agency, in the line panel.
  await page.click('[data-testid="cell-2-2015"]');
  await page.fill('[data-testid="line-agency"]', 'Sở Giáo dục và Đào tạo');
  const lineTotal = await value(page, 'line-total-2');
  assert.ok(Number(lineTotal) > 0, lineTotal);

  await page.click('[data-testid="view-tasks"]');
  await page.click('[data-testid="task-add"]');
  // The new task's text has the focus.
  await page.keyboard.type('Bồi dưỡng cán bộ quản lý, giáo viên các trung tâm học tập cộng đồng');
  await page.fill('[data-testid="task-number-1"]', '1.');
  await page.fill('[data-testid="task-lead-1"]', 'Sở Giáo dục và Đào tạo');
  await page.fill('[data-testid="task-partners-1"]', 'Sở Nội vụ; Hội Khuyến học tỉnh');
  await page.fill('[data-testid="task-time-1"]', 'trước tháng 5/2013');
  assert.equal(await page.textContent('[data-testid="task-time-read-1"]'), '2013');
  // The task spends the training line: its money is that line's total.
  await page.click('[data-testid="task-lines-pick-1"] summary');
  await page.check('[data-testid="task-line-1-2"]');
  assert.equal(await value(page, 'task-lines-1'), lineTotal);

  // A second task, led by an agency that leads no line, with a time outside the period.
  await page.click('[data-testid="task-add"]');
  await page.keyboard.type('Tuyên truyền về xây dựng xã hội học tập');
  await page.fill('[data-testid="task-lead-2"]', 'Sở Thông tin và Truyền thông');
  await page.fill('[data-testid="task-time-2"]', '2025');
  await settled(page);
  const outside = page.locator('[data-testid="diagnostic"][data-code="task_outside_period"]');
  assert.equal(await outside.getAttribute('data-location'), '$.tasks[1].time');

  // Responsibilities by agency: the department leads task 1 and the training money.
  const edu = page.locator('[data-testid="agency-view"] [data-name="Sở Giáo dục và Đào tạo"]');
  assert.equal(await edu.getAttribute('data-value'), lineTotal);
  assert.equal(await edu.locator('[data-testid^="agency-leads-"]').getAttribute('data-value'), '1');
  const hkh = page.locator('[data-testid="agency-view"] [data-name="Hội Khuyến học tỉnh"]');
  assert.equal(await hkh.count(), 1);
  assert.equal(await hkh.getAttribute('data-value'), '0');
  await shot(page, 'tasks-view');

  // Renaming the agency renames it everywhere: the task's lead, the line's lead.
  const n = (await edu.getAttribute('data-testid')).split('-')[1];
  await page.fill(`[data-testid="agency-name-${n}"]`, 'Sở Giáo dục, Đào tạo và Khoa học');
  await page.press(`[data-testid="agency-name-${n}"]`, 'Enter');
  await settled(page);
  assert.equal(await page.inputValue('[data-testid="task-lead-1"]'), 'Sở Giáo dục, Đào tạo và Khoa học');
  assert.equal(await page.locator('[data-testid="agency-view"] [data-name="Sở Giáo dục và Đào tạo"]').count(), 0);
  // One undo puts the old name back everywhere.
  await page.click('[data-testid="tasks"] h3');
  await page.keyboard.press('Control+z');
  await settled(page);
  assert.equal(await page.inputValue('[data-testid="task-lead-1"]'), 'Sở Giáo dục và Đào tạo');

  // The reporting calendar: twice a year over the plan's nine years.
  await page.click('[data-testid="report-add"]');
  await page.keyboard.type('tháng 6 và tháng 12 hằng năm');
  await page.fill('[data-testid="report-from-1"]', 'Sở Giáo dục và Đào tạo');
  await page.fill('[data-testid="report-to-1"]', 'UBND tỉnh');
  assert.equal(await value(page, 'calendar-dates'), '18');
  assert.equal(await page.getAttribute('[data-testid="calendar-date-1"]', 'data-value'), '2012-06');

  // Kept: reload, then the JSON file, then printed.
  await saved(page);
  await page.reload();
  await page.click('[data-testid="view-tasks"]');
  await page.waitForSelector('[data-testid="task-name-2"]');
  assert.equal(await page.inputValue('[data-testid="task-partners-1"]'), 'Sở Nội vụ; Hội Khuyến học tỉnh');
  assert.equal(await value(page, 'task-lines-1'), lineTotal);
  // The association's short name and level go into the plan's directory of agencies.
  const hkhN = (await page.getAttribute('[data-testid="agency-view"] [data-name="Hội Khuyến học tỉnh"]', 'data-testid')).split('-')[1];
  await page.fill(`[data-testid="agency-short-${hkhN}"]`, 'HKH tỉnh');
  assert.equal(await page.inputValue(`[data-testid="agency-level-${hkhN}"]`), 'association');
  await saved(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(json.$schema, 'urn:kehoach:draft:v2');
  assert.equal(json.tasks.length, 2);
  assert.equal(json.tasks[0].time, 'trước tháng 5/2013');
  assert.deepEqual(json.tasks[0].partners, ['Sở Nội vụ', 'Hội Khuyến học tỉnh']);
  assert.deepEqual(json.agencies.map((a) => [a.name, a.short, a.level]), [['Hội Khuyến học tỉnh', 'HKH tỉnh', 'association']]);
  assert.equal(json.reports[0].when, 'tháng 6 và tháng 12 hằng năm');

  await page.click('[data-testid="print"]');
  await page.waitForSelector('[data-testid="print-preview"].open');
  assert.equal(await page.locator('[data-testid="print-tasks"] tbody tr').count(), 2);
  assert.ok((await page.textContent('[data-testid="print-responsibilities"]')).includes('Sở Thông tin và Truyền thông'));
  assert.equal(await page.locator('[data-testid="print-calendar"] li').count(), 18);
  await page.click('[data-testid="print-close"]');
  await assertNoFatal(page, assert);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.pageErrors, []);
});

test('a draft of the first format opens with its agencies in the directory', async () => {
  const { page, problems } = await exampleDraft(browser.context);
  const v1 = JSON.stringify({
    $schema: 'urn:kehoach:draft:v1', name: 'Cũ', period: { first: 2012, last: 2020 }, unit: 'million',
    lines: [{ id: 1, name: 'Tuyên truyền', agency: 'Sở Thông tin và Truyền thông', amounts: { '2013': '70' } }],
    targets: [{ id: 2, name: 'Biết chữ', agency: 'Sở Giáo dục và Đào tạo', partners: ['UBND huyện Na Rì'] }],
  });
  await page.setInputFiles('[data-testid="import-file"]', { name: 'cu.json', mimeType: 'application/json', buffer: Buffer.from(v1) });
  await page.waitForSelector('[data-testid="import-confirm"]');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForSelector('[data-testid="import-preview"]', { state: 'detached' });
  await page.click('[data-testid="view-tasks"]');
  await page.waitForSelector('[data-testid="agency-view"]');
  const names = await page.locator('[data-testid="agency-view"] .agency').evaluateAll((els) => els.map((e) => e.dataset.name));
  assert.deepEqual(names, ['Sở Thông tin và Truyền thông', 'Sở Giáo dục và Đào tạo', 'UBND huyện Na Rì']);
  assert.equal(await page.getAttribute('[data-testid="agency-view"] [data-name="Sở Thông tin và Truyền thông"]', 'data-value'), '70');
  assert.equal(await page.inputValue('[data-testid="agency-view"] [data-name="UBND huyện Na Rì"] select'), 'district');
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.pageErrors, []);
});

test('compare: a task whose time changed, the money an agency leads', async () => {
  const { page, problems } = await exampleDraft(browser.context);
  await page.click('[data-testid="cell-1-2014"]');
  await page.fill('[data-testid="line-agency"]', 'Sở Thông tin và Truyền thông');
  await page.click('[data-testid="view-tasks"]');
  await page.click('[data-testid="task-add"]');
  await page.keyboard.type('Tuyên truyền');
  await page.fill('[data-testid="task-time-1"]', '2013–2015');
  await saved(page);
  // A copy whose task is yearly and whose line has no lead.
  await page.click('[data-testid="drafts"]');
  await page.locator('[data-testid="draft-item"]').first().locator('[data-testid="draft-duplicate"]').click();
  await saved(page);
  await page.click('[data-testid="view-tasks"]');
  await page.fill('[data-testid="task-time-1"]', 'hằng năm');
  await page.click('[data-testid="view-budget"]');
  await page.click('[data-testid="cell-1-2014"]');
  await page.fill('[data-testid="line-agency"]', '');
  await saved(page);
  await page.click('[data-testid="drafts"]');
  const original = page.locator('[data-testid="draft-item"]', { hasText: 'ví dụ' }).filter({ hasNotText: 'bản sao' });
  await original.locator('[data-testid="draft-compare"]').click();
  await page.waitForSelector('[data-testid="compare-task-diff"]');
  const fields = await page.locator('[data-testid="compare-task-diff"]').evaluateAll((els) => els.map((e) => e.dataset.field));
  assert.deepEqual(fields, ['time']);
  assert.match(await page.textContent('[data-testid="compare-task-diff"]'), /«hằng năm» ↔ «2013–2015»/);
  const agency = await page.locator('[data-testid="compare-diff"][data-kind="agency"]').evaluateAll((els) => els.map((e) => [e.dataset.a, e.dataset.b]));
  assert.equal(agency.length, 1);
  assert.equal(agency[0][0], '');
  assert.ok(Number(agency[0][1]) > 0, agency.join());
  assert.deepEqual(problems.pageErrors, []);
});

