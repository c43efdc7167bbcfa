import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureIo } from '../capture-io.testing';
import { runCli } from '../run-cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-plot-cli-'));
const run = path.join(dir, 'parity');

beforeAll(async () => {
  const train = ['train', 'parity', '--epochs', '2', '--task', 'n=64', '--test-size', '5', '--out', run];
  expect(await runCli([...train, '--backend', 'cpu'], captureIo())).toBe(0);
}, 60_000);

describe('rnn plot', () => {
  it("draws a run's loss and its metric against the target into one SVG in the run", async () => {
    const io = captureIo();
    expect(await runCli(['plot', run], io)).toBe(0);
    const file = path.join(run, 'history.svg');
    expect(io.out()).toBe(`${file}\n`);
    const svg = readFileSync(file, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('parity, seed 42: loss per epoch');
    expect(svg).toContain('parity, seed 42: accuracy on fresh data');
    expect(svg).toContain('target &gt;= 0.99');
    // Drawing it again replaces the run's own picture.
    expect(await runCli(['plot', run], captureIo())).toBe(0);
  });

  it('--json gives the file and the epochs it drew', async () => {
    const io = captureIo();
    expect(await runCli(['plot', run, '--out', path.join(dir, 'p.svg'), '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.file).toBe(path.join(dir, 'p.svg'));
    expect(report.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
    for (const e of report.epochs) expect(e.metric).toBeGreaterThanOrEqual(0);
  });

  it.each([
    [['plot', path.join(dir, 'nothing-here')], /no such file or folder/],
    [['plot', run, '--out', ''], /--out/],
    [['plot', run, '--out', path.join(dir, 'taken.svg')], /already exists|--force/],
  ])('rejects %j with one line and exit 2', async (argv, message) => {
    writeFileSync(path.join(dir, 'taken.svg'), 'mine');
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(message);
    expect(readFileSync(path.join(dir, 'taken.svg'), 'utf8')).toBe('mine');
  });
});
