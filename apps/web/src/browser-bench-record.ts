// What `npm run bench:web` records: the page's training speed beside Node's, for the same function on
// the same machine, and whether the page is within the allowed factor. Pure: the script measures,
// this reads its arguments and writes the table, the Markdown and the JSON.
import type { SpeedFigure } from './speed-bench';
import { formatMs } from './speed-text';

/** How much slower than Node the page may train: its figure must be within this factor. */
export const pageSlowdownLimit = 1.5;

/** One side's figure for a recipe. */
export interface SideFigure {
  readonly msPerStep: number;
  readonly stepsPerSecond: number;
  /** Timed steps (of the fastest round). */
  readonly steps: number;
  /** Backend and recurrence kernel, e.g. `cpu, wasm kernel`. */
  readonly ran: string;
}

/** One recipe: the page's figure, Node's, the ratio and the verdict. */
export interface BrowserBenchRow {
  readonly recipe: string;
  readonly shape: string;
  readonly page: SideFigure;
  readonly node: SideFigure;
  /** The page's ms per step over Node's: 1.2 means the page takes 1.2 times as long. */
  readonly ratio: number;
  /** Whether the ratio is at most {@link pageSlowdownLimit}. */
  readonly met: boolean;
}

/** Everything the results files hold. */
export interface BrowserBenchRecord {
  /** The day of the run, YYYY-MM-DD. */
  readonly date: string;
  /** Cores, CPU model and vector features, and Node's version (`describeMachine`). */
  readonly machine: string;
  /** The browser's version line, e.g. `Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)`. */
  readonly chromium: string;
  /** Rounds measured on each side; each side's figure is its fastest round. */
  readonly rounds: number;
  /**
   * The machine's 1-minute load average when the run ended: other work on the cores slows both
   * sides, so a figure far from an earlier one reads with this beside it.
   */
  readonly loadAverage: number;
  readonly limit: number;
  readonly rows: readonly BrowserBenchRow[];
  /** Whether every recipe is within the limit. */
  readonly met: boolean;
}

/** What the script was asked to do. */
export interface BrowserBenchArgs {
  /** Rounds on each side, 1 to 10. */
  readonly rounds: number;
  /** Write bench/browser-results.md and .json; false with `--no-record`: print only. */
  readonly record: boolean;
}

/** The usage line, for `--help` and the end of a complaint. */
export const browserBenchUsage = 'usage: npm run bench:web [-- --rounds <1-10>] [--no-record]';

/**
 * Reads the script's arguments. Throws a RangeError of one line naming what was wrong and what is
 * allowed; `--help` is left to the caller.
 */
export function parseBrowserBenchArgs(argv: readonly string[]): BrowserBenchArgs {
  let rounds = 1;
  let record = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-record') {
      record = false;
    } else if (arg === '--rounds' || arg.startsWith('--rounds=')) {
      const value = arg === '--rounds' ? argv[++i] : arg.slice('--rounds='.length);
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10) {
        throw new RangeError(`--rounds must be an integer from 1 to 10, got ${JSON.stringify(value ?? '')}`);
      }
      rounds = Number(value);
    } else {
      throw new RangeError(`unknown argument ${JSON.stringify(arg)}; ${browserBenchUsage}`);
    }
  }
  return { rounds, record };
}

/** The page's ms per step over Node's, and whether it is within {@link pageSlowdownLimit}. */
export function slowdownVerdict(pageMs: number, nodeMs: number): { ratio: number; met: boolean } {
  const ratio = pageMs / nodeMs;
  return { ratio, met: ratio <= pageSlowdownLimit };
}

/** Each recipe's fastest round: what the machine can do, the least disturbed by other work on it. */
export function fastestRounds(rounds: readonly (readonly SpeedFigure[])[]): SpeedFigure[] {
  const best = new Map<string, SpeedFigure>();
  for (const round of rounds) {
    for (const figure of round) {
      const held = best.get(figure.recipe);
      if (!held || figure.msPerStep < held.msPerStep) best.set(figure.recipe, figure);
    }
  }
  return [...best.values()];
}

const side = (f: SpeedFigure): SideFigure => ({
  msPerStep: f.msPerStep,
  stepsPerSecond: f.stepsPerSecond,
  steps: f.steps,
  ran: f.ran,
});

/** The record of a run: one row per recipe the page measured, beside Node's figure for it. */
export function browserBenchRecord(
  page: readonly SpeedFigure[],
  node: readonly SpeedFigure[],
  facts: Pick<BrowserBenchRecord, 'date' | 'machine' | 'chromium' | 'rounds' | 'loadAverage'>,
): BrowserBenchRecord {
  const rows = page.map((p): BrowserBenchRow => {
    const n = node.find((f) => f.recipe === p.recipe);
    if (!n) throw new Error(`Node did not measure ${p.recipe}`);
    return {
      recipe: p.recipe,
      shape: p.shape,
      page: side(p),
      node: side(n),
      ...slowdownVerdict(p.msPerStep, n.msPerStep),
    };
  });
  return { ...facts, limit: pageSlowdownLimit, rows, met: rows.every((r) => r.met) };
}

const verdict = (met: boolean) => (met ? 'met' : 'not met');

/** The table's header and rows as cells, shared by the terminal's table and the Markdown. */
function cells(record: BrowserBenchRecord): string[][] {
  return [
    [
      'recipe',
      'network and batch',
      'page ms/step',
      'page steps/s',
      'Node ms/step',
      'Node steps/s',
      'page / Node',
      `within ${record.limit}x`,
    ],
    ...record.rows.map((r) => [
      r.recipe,
      r.shape,
      formatMs(r.page.msPerStep),
      r.page.stepsPerSecond.toFixed(1),
      formatMs(r.node.msPerStep),
      r.node.stepsPerSecond.toFixed(1),
      `${r.ratio.toFixed(2)}x`,
      verdict(r.met),
    ]),
  ];
}

/** The columns that hold numbers, right-aligned. */
const numberColumns = new Set([2, 3, 4, 5, 6]);

/** The figures as the terminal shows them: aligned columns and the verdict. */
export function browserBenchTable(record: BrowserBenchRecord): string {
  const rows = cells(record);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (numberColumns.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
    `the page within ${record.limit}x of Node on every recipe: ${verdict(record.met)}`,
  ].join('\n');
}

/** The results as Markdown: what was measured, where, the table and the verdict. */
export function browserBenchMarkdown(record: BrowserBenchRecord): string {
  const rows = cells(record);
  const row = (r: string[]) => `| ${r.join(' | ')} |`;
  const align = rows[0].map((_, c) => (numberColumns.has(c) ? '---:' : '---'));
  const ran = [...new Set(record.rows.flatMap((r) => [r.page.ran, r.node.ran]))].join('; ');
  const rounds = record.rounds === 1 ? 'one round' : `the fastest of ${record.rounds} rounds`;
  return [
    '# Training speed in the browser',
    '',
    `Recorded by \`npm run bench:web\` on ${record.date}: ${record.machine}; ${record.chromium}, headless;`,
    `1-minute load average ${record.loadAverage.toFixed(2)} at the end of the run.`,
    '',
    'The page (its training worker, in chromium) and Node run the same function, `runSpeedBench`: training',
    'steps of each recipe (forward, backward, clipping, Adam, on its own network and batch) on the cpu backend',
    `with the WebAssembly SIMD kernels (${ran}). Figures are the median of the timed steps, ${rounds} on`,
    "each side; the page's clock counts in steps of 0.1 ms. The page must be within",
    `${record.limit}x of Node.`,
    '',
    row(rows[0]),
    row(align),
    ...rows.slice(1).map(row),
    '',
    `The page within ${record.limit}x of Node on every recipe: **${verdict(record.met)}**.`,
    '',
  ].join('\n');
}
