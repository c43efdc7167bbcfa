import {
  browserBenchMarkdown,
  browserBenchRecord,
  browserBenchTable,
  fastestRounds,
  pageSlowdownLimit,
  parseBrowserBenchArgs,
  slowdownVerdict,
} from './browser-bench-record';
import type { SpeedFigure } from './speed-bench';

const figure = (recipe: string, msPerStep: number, shape = `${recipe} shape`): SpeedFigure => ({
  recipe,
  shape,
  steps: 10,
  msPerStep,
  stepsPerSecond: 1000 / msPerStep,
  ran: 'cpu, wasm kernel',
});

const facts = {
  date: '2026-12-01',
  machine: '2 x AMD EPYC (avx2, fma), Node 20.20.2',
  chromium: 'Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)',
  rounds: 2,
  loadAverage: 1.234,
};

describe('parseBrowserBenchArgs', () => {
  it('reads the rounds and whether to record, with one round recorded by default', () => {
    expect(parseBrowserBenchArgs([])).toEqual({ rounds: 1, record: true });
    expect(parseBrowserBenchArgs(['--rounds', '3', '--no-record'])).toEqual({ rounds: 3, record: false });
    expect(parseBrowserBenchArgs(['--rounds=10'])).toEqual({ rounds: 10, record: true });
  });

  it.each([
    [['--rounds'], '--rounds must be an integer from 1 to 10, got ""'],
    [['--rounds', '0'], '--rounds must be an integer from 1 to 10, got "0"'],
    [['--rounds', '2.5'], '--rounds must be an integer from 1 to 10, got "2.5"'],
    [['--rounds=11'], '--rounds must be an integer from 1 to 10, got "11"'],
    [['--record'], 'unknown argument "--record"; usage: npm run bench:web [-- --rounds <1-10>] [--no-record]'],
  ])('refuses %j in one line naming what is allowed', (argv, message) => {
    expect(() => parseBrowserBenchArgs(argv)).toThrow(message);
    expect(message).not.toContain('\n');
  });
});

describe('slowdownVerdict', () => {
  it(`meets the limit up to ${pageSlowdownLimit}x of Node's time per step, and not beyond`, () => {
    expect(slowdownVerdict(3, 3)).toEqual({ ratio: 1, met: true });
    expect(slowdownVerdict(4.5, 3)).toEqual({ ratio: 1.5, met: true });
    expect(slowdownVerdict(4.6, 3).met).toBe(false);
    expect(slowdownVerdict(2, 3).met).toBe(true);
  });
});

describe('fastestRounds', () => {
  it("keeps each recipe's fastest round, in the order the recipes were measured", () => {
    const best = fastestRounds([
      [figure('parity', 4), figure('charlm-quick', 500)],
      [figure('parity', 3.5), figure('charlm-quick', 520)],
    ]);
    expect(best.map((f) => [f.recipe, f.msPerStep])).toEqual([
      ['parity', 3.5],
      ['charlm-quick', 500],
    ]);
  });
});

describe('the record, its table and its Markdown', () => {
  const record = browserBenchRecord(
    [figure('parity', 3.6, 'simple 16x1, batch 64 x 50'), figure('charlm-quick', 800, 'lstm 256')],
    [figure('parity', 3.0, 'simple 16x1, batch 64 x 50'), figure('charlm-quick', 500, 'lstm 256')],
    facts,
  );

  it('pairs each recipe of the page with Node and judges each, and the whole by the worst', () => {
    expect(record).toMatchObject({ ...facts, limit: 1.5, met: false });
    expect(record.rows.map((r) => [r.recipe, Number(r.ratio.toFixed(2)), r.met])).toEqual([
      ['parity', 1.2, true],
      ['charlm-quick', 1.6, false],
    ]);
    expect(record.rows[0].page).toEqual({
      msPerStep: 3.6,
      stepsPerSecond: 1000 / 3.6,
      steps: 10,
      ran: 'cpu, wasm kernel',
    });
    expect(() => browserBenchRecord([figure('parity', 3)], [], facts)).toThrow('Node did not measure parity');
  });

  it('prints aligned columns and the verdict', () => {
    const lines = browserBenchTable(record).split('\n');
    expect(lines[0]).toMatch(/^recipe {8}network and batch {11}page ms\/step/);
    expect(lines[2]).toMatch(/^parity {8}simple 16x1, batch 64 x 50 +3\.6 +277\.8 +3\.0 +333\.3 +1\.20x +met$/);
    expect(lines[3]).toMatch(/ 800 +1\.3 +500 +2\.0 +1\.60x +not met$/);
    expect(lines.at(-1)).toBe('the page within 1.5x of Node on every recipe: not met');
  });

  it('writes the date, machine, browser, both figures, the ratio and the verdict as Markdown', () => {
    const md = browserBenchMarkdown(record);
    expect(md).toContain(`on 2026-12-01: ${facts.machine}; ${facts.chromium}, headless;`);
    expect(md).toContain('1-minute load average 1.23 at the end of the run.');
    expect(md).toContain('the median of the timed steps, the fastest of 2 rounds on');
    expect(md).toContain('| parity | simple 16x1, batch 64 x 50 | 3.6 | 277.8 | 3.0 | 333.3 | 1.20x | met |');
    expect(md).toContain('| charlm-quick | lstm 256 | 800 | 1.3 | 500 | 2.0 | 1.60x | not met |');
    expect(md).toContain('The page within 1.5x of Node on every recipe: **not met**.');
  });
});
