// The playground in a real browser: the built app served by `vite preview`, driven in Debian's
// chromium. It trains parity and sentences to their targets in the page's worker and tries both
// models; any page error or console error fails it. Screenshots of each view go to
// apps/web/screenshots/ (and to apps/web/docs/, for the README, with RNN_WEB_DOCS_SCREENSHOTS=1).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  appDir,
  ensureFreshBuild,
  launchChromium,
  requireChromium,
  startPreview,
  type PreviewServer,
} from './e2e/browser-harness';

/** Long enough for both recipes on 2 busy cores; each finishes in seconds when the cores are free. */
const trainingTimeout = 150_000;

let server: PreviewServer | undefined;
let browser: { context: BrowserContext; close(): Promise<void> } | undefined;
let page: Page;
const problems: string[] = [];

async function screenshot(name: string): Promise<void> {
  const dirs = [path.join(appDir, 'screenshots')];
  if (process.env.RNN_WEB_DOCS_SCREENSHOTS === '1') dirs.push(path.join(appDir, 'docs'));
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }
}

const status = () => page.getByTestId('status');

/** Waits until the run ends; returns the status line. */
async function trained(): Promise<string> {
  await page.waitForFunction(
    () => /target (not )?reached/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
    undefined,
    { timeout: trainingTimeout },
  );
  return (await status().textContent()) ?? '';
}

beforeAll(async () => {
  requireChromium();
  ensureFreshBuild();
  server = await startPreview();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error') problems.push(`worker console error: ${message.text()}`);
    }),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  // Each test answers for the problems during it only.
  expect(problems.splice(0)).toEqual([]);
});

describe('the playground in chromium', () => {
  it('opens parity from a link, on the cpu backend with the WebAssembly kernel, with examples', async () => {
    const url = `${server?.url}?recipe=parity&hidden=16&epochs=10&seed=42&layers=banana`;
    await page.goto(url);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="status"]')?.textContent?.startsWith('Ready'),
    );
    expect(await status().textContent()).toContain('cpu backend, wasm recurrence kernel');
    expect(await page.getByTestId('engine').textContent()).toContain('Recurrences run on the wasm kernel');
    expect(await page.getByTestId('recipe-select').inputValue()).toBe('parity');
    const options = await page
      .getByTestId('recipe-select')
      .locator('option')
      .evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain('sentences');
    expect(options).not.toContain('charlm');
    expect(await page.getByTestId('problems').textContent()).toBe(
      `the link's layers must be an integer from 1 to 8, got "banana"; using 1`,
    );
    await page.waitForFunction(() => (document.querySelector('[data-testid="examples"]')?.textContent ?? '') !== '');
    const examples = ((await page.getByTestId('examples').textContent()) ?? '').split('\n');
    expect(examples).toHaveLength(6);
    for (const line of examples) expect(line).toMatch(/^[01]{50} -> [01]{50}$/);
    // The link the page writes back holds every knob, the bad one replaced by the default.
    expect(new URL(page.url()).search).toBe('?recipe=parity&cell=simple&hidden=16&layers=1&lr=0.01&epochs=10&seed=42');
    expect(await page.getByTestId('cli-command').textContent()).toBe(
      'rnn train parity --cell simple --hidden 16 --layers 1 --lr 0.01 --epochs 10 --seed 42 --backend cpu',
    );
  });

  it(
    'trains parity to its target, charting the loss, and shows per-step probabilities of typed bits',
    async () => {
      await page.getByTestId('train-button').click();
      const line = await trained();
      expect(line).toMatch(/^parity: target reached: accuracy (0\.99\d\d|1\.0000) \(target >= 0\.99; /);
      expect(await page.getByTestId('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(1);
      // uPlot drew the run: its canvas and a legend with the loss and the metric.
      expect(await page.getByTestId('loss-chart').locator('canvas').count()).toBe(1);
      expect(await page.getByTestId('loss-chart').textContent()).toContain('accuracy (held out)');
      await page.getByTestId('parity-input').fill('1101');
      await page.getByTestId('parity-button').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="parity-table"] .bar').length === 4);
      const predicted = await page.locator('[data-testid="parity-table"] tr').last().locator('td').allTextContents();
      expect(predicted).toEqual(['1', '0', '0', '1']);
      // Inside the model: the first fresh example's hidden states, one heatmap per layer.
      await page.waitForFunction(() => document.querySelector('[data-testid="hidden-state-result"] svg') !== null);
      expect(await page.getByTestId('hidden-state-input').inputValue()).toMatch(/^[01]{75}$/);
      expect(await page.getByTestId('hidden-state-result').textContent()).toContain(
        'layer 1 (simple 16): hidden state h',
      );
      await screenshot('parity');
    },
    trainingTimeout,
  );

  it(
    'trains sentences to its target and completes "good" to "good i am fine"',
    async () => {
      await page.getByTestId('recipe-select').selectOption('sentences');
      expect(new URL(page.url()).searchParams.get('recipe')).toBe('sentences');
      expect(await page.getByTestId('hidden-input').inputValue()).toBe('12');
      await page.getByTestId('train-button').click();
      const line = await trained();
      expect(line).toMatch(/^sentences: target reached: completion 1\.0000 \(target >= 1; /);
      await page.getByTestId('prime-input').fill('good');
      await page.getByTestId('temperature-input').fill('0');
      await page.getByTestId('generated-text').evaluate((o) => (o.textContent = ''));
      await page.getByTestId('generate-button').click();
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="generated-text"]')?.textContent ?? '') !== '',
      );
      expect((await page.getByTestId('generated-text').textContent())?.trimEnd()).toBe('good i am fine');
      await screenshot('sentences');
    },
    trainingTimeout,
  );

  it('pauses a run at the end of an epoch and resets to a fresh worker', async () => {
    await page.getByTestId('epochs-input').fill('2000');
    await page.getByTestId('train-button').click();
    await page.waitForFunction(() =>
      /^training: epoch/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
    );
    await page.getByTestId('pause-button').click();
    await page.waitForFunction(() =>
      /^paused after epoch \d+\/2000/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
    );
    expect(await page.getByTestId('pause-button').textContent()).toBe('Resume');
    // The paused run's model answers.
    await page.getByTestId('generated-text').evaluate((o) => (o.textContent = ''));
    await page.getByTestId('generate-button').click();
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid="generated-text"]')?.textContent ?? '').startsWith('good'),
    );
    await page.getByTestId('reset-button').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="status"]')?.textContent?.startsWith('Reset: a fresh worker is ready'),
    );
    expect(await page.getByTestId('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(0);
    expect(await page.getByTestId('generate-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('train-button').isDisabled()).toBe(false);
  });

  it(
    'trains calculator briefly from a link and marks 8 fresh examples right or wrong',
    async () => {
      await page.goto(`${server?.url}?recipe=calculator&hidden=16&epochs=1&seed=42`);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="train-button"]')?.hasAttribute('disabled') === false,
      );
      expect(await page.getByTestId('examples-view').isHidden()).toBe(false);
      expect(await page.getByTestId('wave-view').isHidden()).toBe(true);
      await page.getByTestId('train-button').click();
      await trained();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="examples-table"] tbody tr').length === 8,
      );
      const marks = await page.locator('[data-testid="examples-table"] tbody td.mark').allTextContents();
      expect(marks).toHaveLength(8);
      for (const mark of marks) expect(mark === '✓' || mark === '✗').toBe(true);
      await page.waitForFunction(() => document.querySelector('[data-testid="hidden-state-result"] svg') !== null);
    },
    trainingTimeout,
  );
});
