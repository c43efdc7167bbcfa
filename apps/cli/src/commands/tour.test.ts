import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tourStops } from '@rnn/training';
import { captureIo } from '../capture-io.testing';
import { runCli } from '../run-cli';
import { trainCommandOf } from './tour';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-tour-cli-'));

describe('rnn tour', () => {
  it('runs the chosen exercises, prints one table, and writes the report and its numbers', async () => {
    const out = path.join(dir, 'two');
    const io = captureIo();
    expect(await runCli(['tour', '--only', 'counting,sentences', '--out', out, '--backend', 'cpu'], io)).toBe(0);
    // In the tour's order, not the order asked.
    const rows = io
      .out()
      .split('\n')
      .filter((l) => /^\| (sentences|counting) /.test(l));
    expect(rows.map((r) => r.split('|')[1].trim())).toEqual(['sentences', 'counting']);
    for (const row of rows) expect(row).toContain('| reached');
    expect(io.out()).toContain('2 of 2 exercises reached their targets');
    expect(io.out()).toContain(`report: ${path.join(out, 'tour.html')}`);
    expect(io.err()).toMatch(/\[1\/2\] sentences: completion 1 \(target >= 1, reached\)/);
    expect(io.err()).toMatch(/2 at once/);
    const html = readFileSync(path.join(out, 'tour.html'), 'utf8');
    expect(html).toContain('id="exercise-counting"');
    expect(html).toContain('rnn train counting --epochs 30');
    expect(html).not.toMatch(/<script/);
    const data = JSON.parse(readFileSync(path.join(out, 'tour.json'), 'utf8'));
    expect(data.exercises.map((e: { name: string }) => e.name)).toEqual(['sentences', 'counting']);
    expect(data.exercises[1].history.epochs).toHaveLength(30);
    // Running it again measures again: its own two files are replaced. In one process, the same numbers.
    const again = captureIo();
    expect(await runCli(['tour', '--only', 'counting,sentences', '--out', out, '--json', '--jobs', '1'], again)).toBe(
      0,
    );
    const inProcess = JSON.parse(again.out());
    expect(inProcess.exercises.map((e: { target: unknown }) => e.target)).toEqual(
      data.exercises.map((e: { target: unknown }) => e.target),
    );
    // Two tours, one in forked lanes: minutes, not seconds, on a loaded two-core machine.
  }, 240_000);

  it.each([
    [['tour', '--only', 'nope'], /--only: no exercise "nope"; exercises: calculator, /],
    [['tour', '--only', 'charlm'], /the tour runs charlm by its quick form, charlm-quick/],
    [['tour', '--only', 'parity,,copy'], /--only must list exercises separated by commas/],
    [['tour', '--out', ''], /--out must name a folder, got an empty path/],
    [['tour', '--jobs', '0'], /--jobs must be an integer from 1 to 8, got 0/],
  ])('rejects %j with one line and exit 2, writing nothing', async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });

  it('refuses a folder of other files before any training', async () => {
    const busy = path.join(dir, 'busy');
    const io = captureIo();
    writeFileSync(path.join(dir, 'plain-file'), 'x');
    expect(await runCli(['tour', '--only', 'sentences', '--out', path.join(dir, 'plain-file')], io)).toBe(2);
    expect(io.err()).toMatch(/is a file, not a folder/);
    expect(existsSync(busy)).toBe(false);
  });
});

describe('trainCommandOf', () => {
  it('gives the command line of every quick form, which rnn train reads back', () => {
    expect(trainCommandOf({ recipe: 'parity', shows: '' }, '42')).toBe('rnn train parity');
    expect(
      trainCommandOf(
        { recipe: 'addition-lstm', shows: '', overrides: { epochs: 10, task: { minDigits: 2, maxDigits: 2 } } },
        'my seed',
      ),
    ).toBe('rnn train addition-lstm --epochs 10 --task minDigits=2 --task maxDigits=2 --seed "my seed"');
    for (const stop of tourStops)
      expect(trainCommandOf(stop, '42')).toMatch(new RegExp(`^rnn train ${stop.recipe}\\b`));
  });
});
