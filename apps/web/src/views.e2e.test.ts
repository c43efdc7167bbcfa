// The views of a trained model in a real browser: the built app served by `vite preview`, driven in
// Debian's chromium. It trains sine briefly and checks its closed-loop waves against the true ones
// and its hidden states on a typed input, labelled with the input's values; then trains a small
// character model of Shakespeare for a few seconds and checks the hidden states of a typed text,
// labelled with its characters. Any page error, console error, failed request or HTTP error fails
// it. Screenshots go to apps/web/screenshots/ (and to apps/web/docs/ with RNN_WEB_DOCS_SCREENSHOTS=1).
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, type PreviewServer, openPlayground } from './e2e/browser-harness';

/** Long enough for a few epochs, or a few seconds of a character model, on 2 busy cores. */
const trainingTimeout = 150_000;

let server: PreviewServer | undefined;
let browser: { context: BrowserContext; close(): Promise<void> } | undefined;
let page: Page;
const problems: string[] = [];

/** Waits until the run ends; returns the status line. */
async function trained(): Promise<string> {
  await page.waitForFunction(
    () => /target (not )?reached/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
    undefined,
    { timeout: trainingTimeout },
  );
  return (await page.getByTestId('status').textContent()) ?? '';
}

/** Opens the page at a link and waits until it can train. */
async function open(query: string): Promise<void> {
  await page.goto(`${server?.url}?${query}`);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="train-button"]')?.hasAttribute('disabled') === false,
  );
}

/** Asks for the hidden states of `input` and waits until the view shows them. */
async function showHiddenStates(input: string): Promise<void> {
  await page.getByTestId('hidden-state-input').fill(input);
  await page.getByTestId('hidden-state-button').click();
  await page.waitForFunction((typed) => {
    const result = document.querySelector('[data-testid="hidden-state-result"]');
    return result?.querySelector('code')?.textContent === typed && result.querySelector('svg') !== null;
  }, input);
}

/** What each heatmap of the hidden-state view writes under its columns, and its title. */
function heatmapLabels(): Promise<{ title: string; labels: string[] }[]> {
  return page.locator('[data-testid="hidden-state-result"] svg').evaluateAll((svgs) =>
    svgs.map((svg) => ({
      title: svg.querySelector('title')?.textContent ?? '',
      labels: [...svg.querySelectorAll('.column-names text')].map((t) => t.textContent ?? ''),
    })),
  );
}

beforeAll(async () => {
  ({ server, browser, page } = await openPlayground(problems));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  // Each test answers for the problems during it only.
  expect(problems.splice(0)).toEqual([]);
});

describe('the views of a trained model in chromium', () => {
  it(
    'trains sine for 3 epochs and draws its closed-loop waves against the true ones, and its hidden states',
    async () => {
      // The quickest wave recipe (a linear RNN of 2 units); 3 epochs need not reach the target.
      await open('recipe=sine&epochs=3&seed=42');
      expect(await page.getByTestId('epochs-input').inputValue()).toBe('3');
      expect(await page.getByTestId('wave-view').isHidden()).toBe(false);
      expect(await page.getByTestId('examples-view').isHidden()).toBe(true);
      expect(await page.getByTestId('hidden-state-view').isHidden()).toBe(false);
      await page.getByTestId('train-button').click();
      expect(await trained()).toMatch(/^sine: target (not )?reached: closedLoopMse \d/);

      // Two fresh waves, each the true line and, dashed, the one generated in closed loop.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="wave-result"] svg').length === 2);
      const charts = await page.locator('[data-testid="wave-result"] svg').evaluateAll((svgs) =>
        svgs.map((svg) => ({
          title: svg.querySelector('title')?.textContent ?? '',
          legend: [...svg.querySelectorAll('.legend text')].map((t) => t.textContent),
          lines: [...svg.querySelectorAll<SVGPathElement>('path.series')].map((p) => {
            const box = p.getBBox();
            return {
              dashed: p.getAttribute('stroke-dasharray') !== null,
              width: box.width,
              height: box.height,
              length: p.getTotalLength(),
            };
          }),
        })),
      );
      for (const [i, chart] of charts.entries()) {
        expect(chart.title).toMatch(new RegExp(`^fresh wave ${i + 1}: -?\\d`));
        expect(chart.legend).toEqual(['true', 'generated after 10 true steps']);
        expect(chart.lines.map((l) => l.dashed)).toEqual([false, true]);
        const [truth, generated] = chart.lines;
        // The true wave spans its 99 steps; the generated one steps 9 to 98, so 89/98 of that width.
        expect(truth.width).toBeGreaterThan(150);
        expect(truth.height).toBeGreaterThan(50);
        expect(generated.width / truth.width).toBeCloseTo(89 / 98, 1);
        expect(generated.height).toBeGreaterThan(0);
      }

      // Inside the model: the first fresh wave's hidden states are shown at once, then a typed input's.
      await page.waitForFunction(() => document.querySelector('[data-testid="hidden-state-result"] svg') !== null);
      const fresh = (await page.getByTestId('hidden-state-input').inputValue()).split(' ');
      expect(fresh.length).toBeGreaterThan(10);
      expect(fresh.every((v) => Number.isFinite(Number(v)))).toBe(true);
      expect((await heatmapLabels())[0].labels.length).toBeGreaterThan(5);
      const input = '0 0.5 0.866025 1 0.866025 0.5 0 -0.5';
      await showHiddenStates(input);
      expect(await page.getByTestId('hidden-state-result').textContent()).toContain(
        'one row per hidden unit, one column per step',
      );
      expect(await heatmapLabels()).toEqual([
        {
          title: 'layer 1 (elman 2): hidden state h',
          labels: ['0', '0.5', '0.866', '1', '0.866', '0.5', '0', '-0.5'],
        },
      ]);
      // Each label sits under its own column of cells.
      const aligned = await page.locator('[data-testid="hidden-state-result"] svg').evaluate((svg) => {
        const cells = [...svg.querySelectorAll('.cells rect')].slice(0, 8);
        const labels = [...svg.querySelectorAll('.column-names text')];
        return labels.map((label, c) => {
          const cell = cells[c].getBoundingClientRect();
          const box = label.getBoundingClientRect();
          return box.left >= cell.left - 1 && box.right <= cell.right + 1 && box.top >= cell.bottom;
        });
      });
      expect(aligned).toEqual(Array.from({ length: 8 }, () => true));
      await screenshot(page, 'waves');
    },
    trainingTimeout,
  );

  it(
    'trains a small character model for a few seconds and shows the hidden states of a typed text, character by character',
    async () => {
      // A tiny LSTM and a budget of 6 seconds: the view's path end to end, not the recipe's result.
      await open('recipe=charlm-quick&cell=lstm&hidden=16&layers=1&lr=0.01&epochs=1&minutes=0.1&seed=42');
      expect(await page.getByTestId('minutes-input').inputValue()).toBe('0.1');
      expect(await page.getByTestId('hidden-state-view').isHidden()).toBe(false);
      expect(await page.getByTestId('wave-view').isHidden()).toBe(true);
      expect(await page.getByTestId('examples-view').isHidden()).toBe(true);
      expect(await page.getByTestId('hidden-state-button').isDisabled()).toBe(true);
      expect(await page.locator('label[for="hidden-state-input"]').textContent()).toMatch(
        /^Text, one column per character/,
      );
      await page.getByTestId('train-button').click();
      expect(await trained()).toMatch(/^charlm-quick: target (not )?reached: validation \d+\.\d{3} bits\/char/);

      // Once trained, the view reads the prime at once.
      await page.waitForFunction(() => document.querySelector('[data-testid="hidden-state-result"] svg') !== null);
      expect(await page.getByTestId('hidden-state-input').inputValue()).toBe('ROMEO:');
      const prime = await heatmapLabels();
      expect(prime.map((h) => h.title)).toEqual(
        ['hidden state h', 'cell state c', 'input gate', 'forget gate', 'cell gate', 'output gate'].map(
          (what) => `layer 1 (lstm 16): ${what}`,
        ),
      );
      for (const heatmap of prime) expect(heatmap.labels).toEqual([...'ROMEO:']);

      // A typed text: a column per character, spaces shown as such.
      const text = 'To be, or not to be';
      await showHiddenStates(text);
      expect(await page.getByTestId('hidden-state-result').textContent()).toContain(
        'one row per hidden unit, one column per character',
      );
      const typed = await heatmapLabels();
      expect(typed).toHaveLength(6);
      for (const heatmap of typed) expect(heatmap.labels).toEqual([...text].map((c) => (c === ' ' ? '␣' : c)));
      const cells = await page
        .locator('[data-testid="hidden-state-result"] svg')
        .first()
        .evaluate((svg) => svg.querySelectorAll('.cells rect').length);
      expect(cells).toBe(16 * text.length);
      await screenshot(page, 'charlm-hidden-states', 'hidden-state-view');

      // A character the corpus never has is refused in one line naming it, and the page stays usable.
      await page.getByTestId('hidden-state-input').fill('50% of Rome');
      await page.getByTestId('hidden-state-button').click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="hidden-state-result"]')?.textContent ===
          'the text has characters the model never saw: "5", "0", "%"',
      );
      await showHiddenStates('Rome');
      expect((await heatmapLabels())[0].labels).toEqual([...'Rome']);
    },
    trainingTimeout,
  );
});
