import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';

const corpusFile = path.join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'packages',
  'datasets',
  'corpora',
  'tinyshakespeare.txt',
);
const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-markov-cli-'));
const text = path.join(dir, 'corpus.txt');
const model = path.join(dir, 'order4.mkv');
writeFileSync(text, readFileSync(corpusFile, 'utf8').slice(0, 30000));

describe('rnn markov', () => {
  beforeAll(async () => {
    const io = captureIo();
    expect(await runCli(['markov', 'train', '--order', '4', '--corpus', text, '--out', model], io)).toBe(0);
  });

  it('generates the prime then the generated text, and nothing else, on stdout', async () => {
    const io = captureIo();
    expect(
      await runCli(['markov', 'generate', '--model', model, '--prime', 'ROMEO:', '--length', '50', '--seed', '1'], io),
    ).toBe(0);
    expect(io.out().startsWith('ROMEO:')).toBe(true);
    expect(io.out().replace(/\n$/, '').length).toBe('ROMEO:'.length + 50);
  });

  it('evaluates to bits per character, perplexity and positions as JSON', async () => {
    const io = captureIo();
    expect(await runCli(['markov', 'eval', '--model', model, '--text', text, '--json'], io)).toBe(0);
    const result = JSON.parse(io.out());
    expect(result.perplexity).toBeCloseTo(2 ** result.bitsPerChar, 6);
    expect(result.positions).toBe(30000 - 4);
  });

  it('sweeps orders into a table of bits per character per smoothing', async () => {
    const io = captureIo();
    expect(await runCli(['markov', 'sweep', '--corpus', text, '--orders', '1..3', '--json'], io)).toBe(0);
    const sweep = JSON.parse(io.out());
    expect(sweep.rows.map((r: { order: number }) => r.order)).toEqual([1, 2, 3]);
    const kneserNey = sweep.rows.map((r: { kneserNey: number }) => r.kneserNey);
    expect(sweep.best.validationBitsPerChar).toBe(Math.min(...kneserNey));
    // Chosen on validation, scored once on the test part: the same figure `eval --split test` gives.
    const best = path.join(dir, 'best.mkv');
    await runCli(
      ['markov', 'train', '--order', String(sweep.best.order), '--corpus', text, '--out', best],
      captureIo(),
    );
    const scored = captureIo();
    expect(await runCli(['markov', 'eval', '--model', best, '--text', text, '--split', 'test', '--json'], scored)).toBe(
      0,
    );
    expect(JSON.parse(scored.out()).bitsPerChar).toBeCloseTo(sweep.best.testBitsPerChar, 10);
  });

  it('trains on the training part of the shared split, the part every language model trains on', async () => {
    const io = captureIo();
    const file = path.join(dir, 'order2.mkv');
    expect(await runCli(['markov', 'train', '--order', '2', '--corpus', text, '--out', file, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out()).trainingLength).toBe(30000 - 2 * 1500);
    const all = captureIo();
    const args = ['--validation-fraction', '0', '--test-fraction', '0'];
    expect(
      await runCli(['markov', 'train', '--order', '2', '--corpus', text, '--out', file, ...args, '--json'], all),
    ).toBe(0);
    expect(JSON.parse(all.out()).trainingLength).toBe(30000);
  });

  it.each([
    [
      ['markov', 'train', '--order', '-1', '--corpus', 'tinyshakespeare', '--out', path.join(dir, 'x')],
      /order must be an integer >= 0, got -1/,
    ],
    [['markov', 'generate', '--model', text], /is not an @rnn\/markov model/],
    [['markov', 'generate', '--model', path.join(dir, 'missing.mkv')], /missing\.mkv: no such file or folder/],
    [['markov', 'generate', '--model', model, '--top-p', '2'], /topP must be a number in \(0, 1\]/],
    [['markov', 'generate', '--model', model, '--temperature', '-1'], /temperature/],
    [['markov', 'eval', '--model', model, '--text', text, '--split', 'holdout'], /--split.*holdout.*Allowed choices/],
    [
      ['markov', 'sweep', '--corpus', text, '--validation-fraction', '0.6', '--test-fraction', '0.4'],
      /must leave a training part/,
    ],
  ])('rejects %j with one line and exit 2', async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(message);
  });

  it('generates identically from one seed in separate processes', () => {
    const bin = path.join(__dirname, '..', '..', 'bin', 'rnn.js');
    const run = (seed: string) =>
      spawnSync(
        process.execPath,
        [bin, 'markov', 'generate', '--model', model, '--length', '200', '--seed', seed, '--prime', 'A'],
        {
          encoding: 'utf8',
        },
      );
    const [a, b, c] = [run('5'), run('5'), run('6')];
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
  });
});
