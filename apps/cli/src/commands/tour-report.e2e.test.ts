import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { captureIo } from '../capture-io.testing';
import { runCli } from '../run-cli';

// The tour's report as a reader sees it: opened from disk in Debian's chromium with the network
// off, every picture drawn with a size, and nothing failing on the page.
const chromiumPath = '/usr/bin/chromium';
const screenshots = path.resolve(__dirname, '..', '..', 'screenshots');

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(`${chromiumPath} is missing: install it with apt-get install -y chromium`);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
});

it('draws every picture of every exercise in chromium, with no request and no page error', async () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'rnn-tour-report-')), 'report');
  const only = 'sine,sentences,increasing,parity';
  expect(await runCli(['tour', '--only', only, '--out', out, '--backend', 'cpu'], captureIo())).toBe(0);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('request', (r) => !r.url().startsWith('file:') && problems.push(`request: ${r.url()}`));
  await page.goto(`file://${path.join(out, 'tour.html')}`);
  const sections = await page.$$eval('section.exercise', (all) => all.map((s) => s.id));
  expect(sections).toEqual(only.split(',').map((n) => `exercise-${n}`));
  // Every exercise: its curves, its task's picture, and the hidden states of its model.
  const pictures = await page.$$eval('section.exercise', (all) =>
    all.map((s) => ({
      id: s.id,
      charts: s.querySelectorAll(':scope > .pictures > svg').length,
      tables: s.querySelectorAll('table').length,
      heatmaps: s.querySelectorAll('figure.heatmap svg').length,
    })),
  );
  for (const p of pictures) {
    expect(p.charts).toBeGreaterThanOrEqual(2);
    expect(p.heatmaps).toBeGreaterThanOrEqual(1);
  }
  expect(pictures.find((p) => p.id === 'exercise-increasing')?.tables).toBe(1);
  expect(pictures.find((p) => p.id === 'exercise-parity')?.tables).toBe(2);
  const sizes = await page.$$eval('svg', (all) =>
    all.filter((svg) => !svg.parentElement?.closest('svg')).map((svg) => svg.getBoundingClientRect()),
  );
  expect(sizes.length).toBeGreaterThan(10);
  for (const box of sizes) expect(box.width * box.height).toBeGreaterThan(100);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, 'tour-report.png'), fullPage: true });
  expect(problems).toEqual([]);
  await page.close();
}, 240_000);
