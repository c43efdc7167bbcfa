// Models shared between the page and the command line, in a real browser: a folder `rnn train`
// wrote opens in the page and answers as `rnn predict` does; a model trained in the page downloads
// as a run folder `rnn predict` reads with the same answers, stays in IndexedDB across a reload,
// and exports as the tfjs layers model `rnn export` writes. Any page error fails it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { appDir, screenshot, type PreviewServer, openPlayground } from './e2e/browser-harness';

const rnn = path.resolve(appDir, '..', 'cli', 'bin', 'rnn.js');
const bits = '0110100111';
let work: string;
let server: PreviewServer | undefined;
let browser: { context: BrowserContext; close(): Promise<void> } | undefined;
let page: Page;
const problems: string[] = [];

/** What `rnn predict DIR --json` answers for the bits: P(odd) after each. */
function cliValues(dir: string): number[] {
  const line = execFileSync(process.execPath, [rnn, 'predict', dir, '--json', '--input', bits], { encoding: 'utf8' });
  return (JSON.parse(line) as { values: number[] }).values;
}

/** The page's P(odd) after each bit, for the bits: the parity table's bars (4 decimals). */
async function pageValues(): Promise<number[]> {
  await page.getByTestId('parity-input').fill(bits);
  await page.getByTestId('parity-result').evaluate((e) => e.replaceChildren());
  await page.getByTestId('parity-button').click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="parity-result"] .bar').length === n,
    bits.length,
  );
  const titles = await page
    .getByTestId('parity-result')
    .locator('.bar')
    .evaluateAll((bars) => bars.map((b) => b.getAttribute('title') ?? ''));
  return titles.map(Number);
}

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-4));
}

/** Clicks a button that downloads a zip; returns the zip's files. */
async function downloaded(testId: string): Promise<{ name: string; files: Record<string, Uint8Array> }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const file = path.join(work, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), files: unzipSync(readFileSync(file)) };
}

const modelStatus = (text: string) =>
  page.waitForFunction((t) => document.querySelector('[data-testid="model-status"]')?.textContent?.includes(t), text, {
    timeout: 60_000,
  });

async function ready(): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent?.startsWith('Ready'));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'rnn-web-models-'));
  ({ server, browser, page } = await openPlayground(problems));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

afterEach(() => {
  expect(problems.splice(0)).toEqual([]);
});

describe('run folders between the command line and the page', () => {
  it('opens a folder rnn train wrote: its settings, its loss per epoch, and the answers of rnn predict', async () => {
    const dir = path.join(work, 'parity-cli');
    execFileSync(
      process.execPath,
      [rnn, 'train', 'parity', '--hidden', '8', '--epochs', '2', '--seed', '5', '--out', dir],
      { stdio: 'ignore' },
    );
    const expected = cliValues(dir);
    await page.goto(server!.url);
    await ready();
    await page.getByTestId('open-folder-input').setInputFiles(dir);
    await modelStatus('Opened parity-cli: parity after epoch 2 of 2');
    expect(await page.getByTestId('recipe-select').inputValue()).toBe('parity');
    expect(await page.getByTestId('hidden-input').inputValue()).toBe('8');
    expect(await page.getByTestId('seed-input').inputValue()).toBe('5');
    expect(await page.getByTestId('status').textContent()).toContain('Opened parity-cli');
    expect(await page.getByTestId('loss-chart').locator('canvas').count()).toBe(1);
    expectClose(await pageValues(), expected);
  }, 120_000);

  it('downloads a model trained in the page as a run folder that rnn predict reads, with the same answers', async () => {
    await page.goto(`${server!.url}?recipe=parity&cell=simple&hidden=8&layers=1&lr=0.01&epochs=2&seed=9`);
    await ready();
    await page.getByTestId('train-button').click();
    await page.waitForFunction(
      () => /target (not )?reached/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
      undefined,
      { timeout: 120_000 },
    );
    const inPage = await pageValues();
    const { name, files } = await downloaded('download-button');
    expect(name).toBe('parity-seed9.zip');
    expect(Object.keys(files).sort()).toEqual([
      'parity-seed9/epoch-00002/checkpoint.json',
      'parity-seed9/epoch-00002/model.json',
      'parity-seed9/epoch-00002/optimizer.bin',
      'parity-seed9/epoch-00002/weights.bin',
      'parity-seed9/latest.json',
    ]);
    for (const [file, bytes] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
      writeFileSync(path.join(work, file), bytes);
    }
    expectClose(cliValues(path.join(work, 'parity-seed9')), inPage);

    // Kept in IndexedDB, it is still there after a reload and answers the same.
    await page.getByTestId('save-name').fill('my parity');
    await page.getByTestId('save-button').click();
    await modelStatus('Saved my parity in this browser: parity after epoch 2 of 2');
    await page.reload();
    await ready();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="saved-models"] option')].some(
        (o) => (o as HTMLOptionElement).value === 'my parity',
      ),
    );
    await page.getByTestId('saved-models').selectOption('my parity');
    await page.getByTestId('load-button').click();
    await modelStatus('Opened my parity: parity after epoch 2 of 2');
    expect(await page.getByTestId('seed-input').inputValue()).toBe('9');
    expectClose(await pageValues(), inPage);

    // The tfjs layers export is, byte for byte, what `rnn export` writes for the same run folder
    // (whose files tf.loadLayersModel reads: the models package tests that).
    const exported = await downloaded('export-button');
    expect(exported.name).toBe('parity-seed9-tfjs.zip');
    const cliExport = path.join(work, 'cli-export');
    execFileSync(process.execPath, [rnn, 'export', path.join(work, 'parity-seed9'), '--out', cliExport], {
      stdio: 'ignore',
    });
    for (const file of ['model.json', 'weights.bin', 'rnn-spec.json']) {
      const fromPage = Buffer.from(exported.files[`parity-seed9-tfjs/${file}`]);
      expect([file, fromPage.equals(readFileSync(path.join(cliExport, file)))]).toEqual([file, true]);
    }
    await screenshot(page, 'model-panel');
  }, 240_000);

  it('says what is wrong with a folder that holds no run, and a damaged one', async () => {
    const stray = path.join(work, 'stray');
    mkdirSync(stray, { recursive: true });
    writeFileSync(path.join(stray, 'notes.txt'), 'not a model');
    await page.getByTestId('open-folder-input').setInputFiles(stray);
    await modelStatus('holds no run folder');
    const damaged = path.join(work, 'parity-seed9');
    const weights = path.join(damaged, 'epoch-00002', 'weights.bin');
    const bytes = readFileSync(weights);
    bytes[0] ^= 0x40;
    writeFileSync(weights, bytes);
    await page.getByTestId('open-folder-input').setInputFiles(damaged);
    await modelStatus('weights.bin is damaged or from another save');
  });
});
