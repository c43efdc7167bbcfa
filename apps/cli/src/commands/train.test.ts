import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-train-cli-'));
const run = path.join(dir, 'calc');
const quick = ['--hidden', '8', '--epochs', '1', '--seed', '3', '--backend', 'cpu'];

describe('rnn list / train / eval / export', () => {
  it('lists every recipe with its source, defaults and target', async () => {
    const io = captureIo();
    expect(await runCli(['list', '--json'], io)).toBe(0);
    const recipes = JSON.parse(io.out());
    expect(recipes.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['calculator', 'copy', 'reverse', 'parity']),
    );
    for (const r of recipes) {
      expect(r.source).toEqual(expect.any(String));
      expect(r.target.atLeast).toBeGreaterThan(0);
    }
    const text = captureIo();
    expect(await runCli(['list'], text)).toBe(0);
    expect(text.out()).toMatch(
      /^copy\n .*\n {2}source: 001 .*\n {2}defaults: gru 64x1, \d+ epochs, batch \d+, adam lr [\d.]+ \(cosine schedule\), clip 1\n {2}target: whole-sequence exact match/m,
    );
  });

  it('trains a recipe into a folder, reports its target as JSON, and re-evaluates it', async () => {
    const io = captureIo();
    expect(await runCli(['train', 'calculator', ...quick, '--out', run, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({
      recipe: 'calculator',
      seed: '3',
      backend: 'cpu',
      target: { metric: 'accuracy', atLeast: 0.97 },
    });
    expect(['native', 'wasm', 'js']).toContain(report.kernel);
    expect(typeof report.reached).toBe('boolean');
    expect(report.settings).toMatchObject({ hidden: 8, epochs: 1 });
    expect(JSON.parse(readFileSync(path.join(run, 'result.json'), 'utf8')).target).toEqual(report.target);
    expect(io.err()).toBe(''); // no progress bar when stderr is not a terminal

    const evaluated = captureIo();
    expect(await runCli(['eval', run, '--json'], evaluated)).toBe(0);
    const again = JSON.parse(evaluated.out());
    expect(again).toMatchObject({ recipe: 'calculator', seed: '3', epoch: 1 });
    expect(again.test.accuracy).toBeGreaterThan(0.5);

    const exported = captureIo();
    expect(await runCli(['export', run, '--out', path.join(dir, 'layers')], exported)).toBe(0);
    expect(existsSync(path.join(dir, 'layers', 'model.json'))).toBe(true);
  });

  it('resumes a run from its folder, keeping its settings', async () => {
    const io = captureIo();
    expect(await runCli(['train', 'calculator', '--resume', run, '--json'], io)).toBe(0);
    // The run had 1 epoch of 1: resuming finds it complete and re-measures it.
    expect(JSON.parse(io.out()).history).toHaveLength(1);
  });

  it.each([
    [['train', 'nope'], /recipe must be one of calculator, copy, reverse, parity/],
    [['train', 'calculator', '--epochs', '0'], /epochs must be an integer >= 1, got 0/],
    [['train', 'calculator', '--lr', '-1', '--epochs', '1'], /learning rate must be a finite number > 0/],
    [['train', 'calculator', '--cell', 'transformer', '--epochs', '1'], /cell kind must be one of/],
    [['train', 'calculator', '--hidden', 'many'], /argument 'many' is invalid/],
    [['train', 'calculator', '--out', run], /already holds a run; continue it with --resume/],
    [['train', 'calculator', '--resume', run, '--epochs', '3'], /keeps the settings it was started with/],
    [['train', 'parity', '--resume', run], /holds a run of recipe calculator, not parity/],
    [['train', 'calculator', '--resume', dir], /holds no checkpoint/],
    [['eval', dir], /holds no checkpoint/],
    [['export', run, '--out', run], /--out must be another folder/],
  ])('rejects %j with one line and exit 2, changing nothing', async (argv, message) => {
    const before = readFileSync(path.join(run, 'latest.json'), 'utf8');
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(message);
    expect(readFileSync(path.join(run, 'latest.json'), 'utf8')).toBe(before);
  });
});
