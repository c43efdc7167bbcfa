// The playground in a real browser: the built app served by `vite preview`, driven in Debian's
// chromium. It trains parity and sentences to their targets in the page's worker and tries both
// models, and trains a small character model of Shakespeare beside its Markov baseline, both
// writing side by side; any page error or console error fails it. Screenshots of each view go to
// apps/web/screenshots/ (and to apps/web/docs/, for the README, with RNN_WEB_DOCS_SCREENSHOTS=1).
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, type PreviewServer, openPlayground } from './e2e/browser-harness';

/** Long enough for both recipes on 2 busy cores; each finishes in seconds when the cores are free. */
const trainingTimeout = 150_000;

let server: PreviewServer | undefined;
let browser: { context: BrowserContext; close(): Promise<void> } | undefined;
let page: Page;
const problems: string[] = [];

const status = () => page.getByTestId('status');

/** Waits until every text being written is done (the outputs say so with aria-busy). */
async function written(): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="generated-text"], [data-testid="markov-text"]')].every(
      (o) => o.getAttribute('aria-busy') === 'false',
    ),
  );
}

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
    expect(options.slice(-2)).toEqual(['charlm-quick', 'charlm']);
    expect(await page.getByTestId('minutes-input').isHidden()).toBe(true);
    expect(await page.getByTestId('corpus-view').isHidden()).toBe(true);
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
      expect(await page.getByTestId('target-badge').textContent()).toBe('target reached');
      expect(await page.getByTestId('target-badge').getAttribute('class')).toBe('badge reached');
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
      await screenshot(page, 'parity');
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
      await written();
      await page.getByTestId('generate-button').click();
      await written();
      expect((await page.getByTestId('generated-text').textContent())?.trimEnd()).toBe('good i am fine');
      // The same controls as the character models: top-k 1 is greedy at any temperature.
      await page.getByTestId('temperature-input').fill('1.5');
      await page.getByTestId('top-k-input').fill('1');
      await page.getByTestId('generate-button').click();
      await written();
      expect((await page.getByTestId('generated-text').textContent())?.trimEnd()).toBe('good i am fine');
      await page.getByTestId('top-k-input').fill('');
      await page.getByTestId('temperature-input').fill('0');
      expect(await page.getByTestId('markov-column').isHidden()).toBe(true);
      await screenshot(page, 'sentences');
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
    await page.getByTestId('generate-button').click();
    await written();
    expect(await page.getByTestId('generated-text').textContent()).toMatch(/^good/);
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
      expect(await page.getByTestId('target-badge').isHidden()).toBe(true);
      const line = await trained();
      // The badge says what the status line says, whichever way one epoch went.
      const verdict = line.includes('target not reached') ? 'target not reached' : 'target reached';
      expect(await page.getByTestId('target-badge').textContent()).toBe(verdict);
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

  it(
    'trains a small character model of Shakespeare beside the Markov baseline and streams both texts side by side',
    async () => {
      // A tiny network and a budget of 6 seconds: the page's path end to end, not the recipe's result.
      const query = 'recipe=charlm-quick&cell=lstm&hidden=16&layers=1&lr=0.01&epochs=1&minutes=0.1&seed=42';
      await page.goto(`${server?.url}?${query}`);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="train-button"]')?.hasAttribute('disabled') === false,
      );
      expect(new URL(page.url()).search).toBe(`?${query}`);
      expect(await page.getByTestId('cli-command').textContent()).toBe(
        'rnn train charlm-quick --cell lstm --hidden 16 --layers 1 --lr 0.01 --epochs 1 --minutes 0.1 --seed 42 --backend cpu',
      );
      expect(await page.getByTestId('minutes-input').inputValue()).toBe('0.1');
      // The shipped corpus, fetched by the worker from the page's own assets.
      await page.waitForFunction(() =>
        (document.querySelector('[data-testid="examples"]')?.textContent ?? '').startsWith('First Citizen:'),
      );
      expect(await page.getByTestId('corpus-used').textContent()).toBe(
        'Corpus: tinyshakespeare, shipped with the page, 1,115,394 characters.',
      );
      // A character model answers with text: no fresh examples, but what happens inside it.
      expect(await page.getByTestId('examples-view').isHidden()).toBe(true);
      expect(await page.getByTestId('hidden-state-view').isHidden()).toBe(false);
      // A text of the user's is the corpus instead, said so, and kept out of the link.
      await page.getByTestId('corpus-input').fill('Once upon a time\nthere was a text.\n');
      expect(await page.getByTestId('corpus-used').textContent()).toBe(
        'Corpus: your text, 35 characters (it stays in this tab and is not part of the link).',
      );
      expect(await page.getByTestId('examples').textContent()).toBe('Once upon a time\nthere was a text.');
      expect(await page.getByTestId('cli-command').textContent()).toContain('--corpus your-text.txt --backend cpu');
      expect(new URL(page.url()).search).toBe(`?${query}`);
      await page.getByTestId('corpus-input').fill('');
      await page.waitForFunction(() =>
        (document.querySelector('[data-testid="examples"]')?.textContent ?? '').startsWith('First Citizen:'),
      );
      // Every change of either text, as the page makes it: streamed text grows a character at a time.
      await page.evaluate(() => {
        const seen: Record<string, number[]> = { rnn: [], markov: [] };
        (window as unknown as { textLengths: typeof seen }).textLengths = seen;
        for (const [source, id] of [
          ['rnn', 'generated-text'],
          ['markov', 'markov-text'],
        ] as const) {
          const output = document.querySelector(`[data-testid="${id}"]`);
          if (!output) throw new Error(`no ${id}`);
          new MutationObserver(() => seen[source].push(output.textContent?.length ?? 0)).observe(output, {
            childList: true,
            characterData: true,
            subtree: true,
          });
        }
      });
      await page.getByTestId('train-button').click();
      // The baseline comes first, on the very split the network is scored on.
      await page.waitForFunction(() =>
        /Markov order \d+ \(Kneser-Ney\)2\.\d{3}/.test(
          document.querySelector('[data-testid="lm-scores"]')?.textContent ?? '',
        ),
      );
      // Paused inside the epoch, both models write; the pause does not eat into the budget.
      await page.waitForFunction(() =>
        /^training: epoch 1\/1, step \d+\/313, loss \d+\.\d{3} bits\/char, [\d,]+ chars\/s, \d+% of the 0\.1-minute budget$/.test(
          document.querySelector('[data-testid="status"]')?.textContent ?? '',
        ),
      );
      await page.getByTestId('pause-button').click();
      await page.waitForFunction(() =>
        /^paused at step \d+\/313 of epoch 1\/1/.test(
          document.querySelector('[data-testid="status"]')?.textContent ?? '',
        ),
      );
      expect(await page.getByTestId('try-hint').textContent()).toMatch(
        /^Training is paused: the model after step \d+ of epoch 1 answers\.$/,
      );
      await page.getByTestId('length-input').fill('20');
      await page.getByTestId('generate-button').click();
      await written();
      for (const id of ['generated-text', 'markov-text']) {
        expect((await page.getByTestId(id).textContent())?.startsWith('ROMEO:')).toBe(true);
      }
      await page.getByTestId('length-input').fill('300');
      await page.getByTestId('pause-button').click();
      await page.evaluate(() => {
        const seen = (window as unknown as { textLengths: Record<string, number[]> }).textLengths;
        seen.rnn.length = 0;
        seen.markov.length = 0;
      });
      const line = await trained();
      expect(line).toMatch(
        /^charlm-quick: target (not )?reached: validation \d+\.\d{3} bits\/char \(target <= 2\.35; .*\); Markov order \d+: 2\.\d{3} bits\/char, the network \d+\.\d{3} (above|below) it; test \d+\.\d{3} bits\/char; /,
      );
      expect(await page.getByTestId('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(1);
      expect(await page.getByTestId('loss-chart').textContent()).toContain('validation bits/char');
      expect(await page.getByTestId('loss-chart').textContent()).toMatch(/Markov order \d+ \(2\.\d{3}\)/);
      const rows = await page.locator('[data-testid="lm-scores"] tbody tr').allTextContents();
      expect(rows).toEqual([
        expect.stringMatching(/^LSTM 1x16 \(this run\)\d+\.\d{3}\d+\.\d{3}$/),
        expect.stringMatching(/^Markov order \d+ \(Kneser-Ney\)2\.\d{3}2\.\d{3}$/),
      ]);
      // A finished run writes from the prime at once, with both models.
      await page.waitForFunction(
        () => (window as unknown as { textLengths: Record<string, number[]> }).textLengths.markov.length > 0,
      );
      await written();
      for (const id of ['generated-text', 'markov-text']) {
        const text = (await page.getByTestId(id).textContent()) ?? '';
        expect([id, text.startsWith('ROMEO:'), Array.from(text).length]).toEqual([id, true, 'ROMEO:'.length + 300]);
      }
      const lengths = await page.evaluate(
        () => (window as unknown as { textLengths: Record<string, number[]> }).textLengths,
      );
      for (const source of ['rnn', 'markov']) {
        expect([source, new Set(lengths[source]).size > 100]).toEqual([source, true]);
      }
      expect(await page.getByTestId('markov-caption').textContent()).toMatch(
        /^Markov order \d+ \(Kneser-Ney\), 2\.\d{3} bits\/char$/,
      );
      // Other settings, the same two models: a colder, narrower draw.
      await page.getByTestId('prime-input').fill('JULIET:');
      await page.getByTestId('temperature-input').fill('0.5');
      await page.getByTestId('top-k-input').fill('10');
      await page.getByTestId('top-p-input').fill('0.9');
      await page.getByTestId('length-input').fill('80');
      await page.getByTestId('generate-button').click();
      await written();
      for (const id of ['generated-text', 'markov-text']) {
        const text = (await page.getByTestId(id).textContent()) ?? '';
        expect([id, text.startsWith('JULIET:'), Array.from(text).length]).toEqual([id, true, 'JULIET:'.length + 80]);
      }
      await screenshot(page, 'charlm-quick');
    },
    trainingTimeout,
  );
});
