// The Engine section in a real browser: the backend measured and chosen in the page's worker, the
// switch between measured backends (refused during a run), and the in-page speed bench. The built
// app is served by `vite preview` and driven in Debian's chromium; any page error or console error
// fails it. Headless chromium runs with --disable-gpu, so webgl may not start: the page must then
// name why, not fail.
import type { BrowserContext, Page } from 'playwright-core';
import { type PreviewServer, openPlayground } from './e2e/browser-harness';

let server: PreviewServer | undefined;
let browser: { context: BrowserContext; close(): Promise<void> } | undefined;
let page: Page;
const problems: string[] = [];

const text = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? '';
const statusMatches = (pattern: string) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
    pattern,
  );

beforeAll(async () => {
  ({ server, browser, page } = await openPlayground(problems));
  await page.goto(`${server.url}?recipe=sentences`);
  await statusMatches('^Ready');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  // Each test answers for the problems during it only.
  expect(problems.splice(0)).toEqual([]);
});

describe('the backend choice and the speed bench in chromium', () => {
  it('chose the backend by timing a training step on each, and names each figure or why there is none', async () => {
    const engine = await text('engine');
    const measured = engine.match(
      /Using (cpu|webgl): the fastest measured here on a training step of parity \(cpu: ([\d.]+) ms per step, webgl: ([^)]+)\)/,
    );
    expect(measured).not.toBeNull();
    const [, chosen, cpuMs, webgl] = measured ?? [];
    expect(Number(cpuMs)).toBeGreaterThan(0);
    // webgl either has its figure or its one-line reason (headless, --disable-gpu: no GPU, or no start).
    expect(webgl).toMatch(
      /^([\d.]+ ms per step|no GPU here, only the software renderer \w+|failed to start[^,]*|loads but cannot train[^,]*|started but a training step failed[^,]*)$/,
    );
    expect(await text('status')).toContain(`Ready (${chosen} backend,`);
    const select = page.getByTestId('backend-select');
    expect(await select.inputValue()).toBe(chosen);
    const options = await select.locator('option').evaluateAll((all) =>
      all.map((o) => ({
        value: (o as HTMLOptionElement).value,
        label: o.textContent,
        disabled: (o as HTMLOptionElement).disabled,
      })),
    );
    expect(options.map((o) => o.value)).toEqual(['cpu', 'webgl']);
    expect(options[0]).toEqual({ value: 'cpu', label: `cpu (${cpuMs} ms per step)`, disabled: false });
    expect(options[1]).toEqual({
      value: 'webgl',
      label: `webgl (${webgl})`,
      disabled: !/^[\d.]+ ms per step$/.test(webgl),
    });
  });

  it('switches between the measured backends from the selector, and refuses while a run is in progress', async () => {
    const select = page.getByTestId('backend-select');
    const webglTrains = !(await select.locator('option[value="webgl"]').isDisabled());
    const next = webglTrains ? 'webgl' : 'cpu';
    await select.selectOption(next);
    await page.waitForFunction(
      (name) =>
        document
          .querySelector('[data-testid="backend-note"]')
          ?.textContent?.startsWith(`Training runs on ${name} from now on`),
      next,
    );
    expect(await text('engine')).toMatch(
      new RegExp(
        `Using ${next}: chosen on the page \\(measured on a training step of parity: cpu: [\\d.]+ ms per step, webgl: `,
      ),
    );
    expect(await text('status')).toContain(`Ready (${next} backend,`);
    if (webglTrains) {
      await select.selectOption('cpu');
      await page.waitForFunction(() =>
        document
          .querySelector('[data-testid="backend-note"]')
          ?.textContent?.startsWith('Training runs on cpu from now on'),
      );
    }
    // A long run: the switch is refused, and the selector shows the backend still in use.
    await page.getByTestId('epochs-input').fill('2000');
    await page.getByTestId('train-button').click();
    await statusMatches('^training: epoch');
    await select.selectOption(webglTrains ? 'webgl' : 'cpu');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="backend-note"]')
        ?.textContent?.startsWith('The backend stays cpu: a run is in progress'),
    );
    expect(await text('backend-note')).toBe(
      'The backend stays cpu: a run is in progress: the backend can change once it has finished or been reset.',
    );
    expect(await select.inputValue()).toBe('cpu');
    await page.getByTestId('reset-button').click();
    await statusMatches('^Reset: a fresh worker is ready');
  });

  it('measures training steps per second of parity and charlm-quick in the page, on cpu with the WebAssembly kernels', async () => {
    await page.getByTestId('bench-button').click();
    expect(await page.getByTestId('bench-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('train-button').isDisabled()).toBe(true);
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="bench-result"]')?.dataset.figures !== undefined,
      undefined,
      { timeout: 120_000 },
    );
    const rows = await page.locator('[data-testid="bench-result"] tbody tr').allTextContents();
    expect(rows).toEqual([
      expect.stringMatching(/^paritysimple 16x1, batch 64 x 50[\d.]+[\d.]+$/),
      expect.stringMatching(/^charlm-quickembedding 32, lstm 256x1, vocab 66, batch 32 x 100[\d.]+[\d.]+$/),
    ]);
    expect(await text('bench-result')).toContain('Training steps in this page, on cpu, wasm kernel');
    const figures = JSON.parse((await page.getByTestId('bench-result').getAttribute('data-figures')) ?? '[]') as {
      recipe: string;
      msPerStep: number;
    }[];
    expect(figures.map((f) => f.recipe)).toEqual(['parity', 'charlm-quick']);
    for (const f of figures) expect(f.msPerStep).toBeGreaterThan(0);
    expect(await page.getByTestId('bench-button').isDisabled()).toBe(false);
    expect(await page.getByTestId('train-button').isDisabled()).toBe(false);
    // The backend in use before the bench is the one in use after it.
    expect(await page.getByTestId('backend-select').inputValue()).toBe('cpu');
  }, 150_000);
});
