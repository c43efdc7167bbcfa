// `npm run bench:web [-- --rounds <1-10>] [--no-record]`: training steps per second of the parity and
// charlm-quick recipes in the page (its worker, in Debian's chromium) and in Node, by the same
// function on the same machine; prints a table and records bench/browser-results.md and .json.
// Builds the app first unless the build is fresh (RNN_WEB_OUT_DIR names another build folder).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { loadCorpus, writeFileAtomic } from '@rnn/datasets/node';
import { describeMachine, quietTfjsWarnings } from '@rnn/models/node';
import {
  browserBenchMarkdown,
  browserBenchRecord,
  browserBenchTable,
  browserBenchUsage,
  fastestRounds,
  parseBrowserBenchArgs,
  type BrowserBenchArgs,
} from '../browser-bench-record';
import { runSpeedBench, type SpeedFigure } from '../speed-bench';
import {
  appDir,
  chromiumPath,
  ensureFreshBuild,
  launchChromium,
  requireChromium,
  startPreview,
} from './browser-harness';

const resultsDir = path.resolve(appDir, '..', '..', 'bench');
/** A round of the page's bench: parity's steps, then charlm-quick's, on a busy machine. */
const roundTimeoutMs = 180_000;

function parsedArgs(): BrowserBenchArgs {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(browserBenchUsage);
    process.exit(0);
  }
  try {
    return parseBrowserBenchArgs(argv);
  } catch (err) {
    console.error(`bench:web: ${(err as Error).message}`);
    process.exit(2);
  }
}

/** The browser's version line, as `chromium --version` prints it (Debian's wrapper script's noise on stderr left out). */
function chromiumVersion(): string {
  return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** Writes a results file as Prettier would leave it, so the committed file passes the format check. */
async function writeFormatted(file: string, text: string, parser: 'json' | 'markdown'): Promise<void> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  await writeFileAtomic(file, await prettier.format(text, { ...config, parser }));
}

/** The page's rounds: each presses Measure speed and reads the figures the page shows. */
async function measurePage(rounds: number, onRound: (figures: SpeedFigure[]) => Promise<void>): Promise<void> {
  requireChromium();
  console.log('building the page if needed and serving it…');
  ensureFreshBuild();
  const server = await startPreview();
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('worker', (worker) =>
      worker.on('console', (message) => {
        if (message.type() === 'error') problems.push(`worker console error: ${message.text()}`);
      }),
    );
    await page.goto(server.url);
    await page.waitForFunction(() =>
      /^Ready/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
    );
    for (let round = 1; round <= rounds; round++) {
      console.log(`round ${round}/${rounds}: the page…`);
      await page.getByTestId('bench-button').click();
      const result = page.getByTestId('bench-result');
      await page.waitForFunction(
        () => {
          const shown = document.querySelector<HTMLElement>('[data-testid="bench-result"]');
          return shown?.dataset.figures !== undefined || /^Could not/.test(shown?.textContent ?? '');
        },
        undefined,
        { timeout: roundTimeoutMs },
      );
      const figures = await result.getAttribute('data-figures');
      if (figures === null) throw new Error(`the page could not measure: ${await result.textContent()}`);
      if (problems.length > 0) throw new Error(`the page reported problems: ${problems.join('; ')}`);
      await onRound(JSON.parse(figures) as SpeedFigure[]);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const args = parsedArgs();
  quietTfjsWarnings();
  const pageRounds: SpeedFigure[][] = [];
  const nodeRounds: SpeedFigure[][] = [];
  // Rounds alternate, page then Node, so that a change of load on the machine reaches both.
  await measurePage(args.rounds, async (figures) => {
    pageRounds.push(figures);
    console.log(`round ${pageRounds.length}/${args.rounds}: Node…`);
    nodeRounds.push(await runSpeedBench({ loadCorpus: async (name) => loadCorpus(name) }));
  });
  const record = browserBenchRecord(fastestRounds(pageRounds), fastestRounds(nodeRounds), {
    date: new Date().toISOString().slice(0, 10),
    machine: describeMachine(),
    chromium: chromiumVersion(),
    rounds: args.rounds,
    loadAverage: os.loadavg()[0],
  });
  console.log(`\n${browserBenchTable(record)}`);
  if (!args.record) return;
  await writeFormatted(path.join(resultsDir, 'browser-results.json'), JSON.stringify(record), 'json');
  await writeFormatted(path.join(resultsDir, 'browser-results.md'), browserBenchMarkdown(record), 'markdown');
  console.log(`recorded bench/browser-results.md and bench/browser-results.json`);
}

main().catch((err: unknown) => {
  console.error(`bench:web: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
