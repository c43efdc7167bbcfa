import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';
import type { CliIo } from '../cli-io';

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
      await runCli(
        ['markov', 'train', '--order', '2', '--corpus', text, '--out', file, ...args, '--force', '--json'],
        all,
      ),
    ).toBe(0);
    expect(JSON.parse(all.out()).trainingLength).toBe(30000);
  });

  it('refuses to replace an existing file unless --force is given', async () => {
    const file = path.join(dir, 'mine.txt');
    writeFileSync(file, 'not a model');
    const train = ['markov', 'train', '--order', '1', '--corpus', text, '--out', file];
    const io = captureIo();
    expect(await runCli(train, io)).toBe(2);
    expect(io.err()).toBe(`rnn: --out ${file} already exists; give --force to replace it, or choose another --out\n`);
    expect(readFileSync(file, 'utf8')).toBe('not a model');
    expect(await runCli([...train, '--force'], captureIo())).toBe(0);
    const scored = captureIo();
    expect(await runCli(['markov', 'eval', '--model', file, '--text', text, '--json'], scored)).toBe(0);
    expect(JSON.parse(scored.out()).positions).toBe(30000 - 1);
  });

  it("refuses to write into a run's checkpoint folder or over its latest.json, even with --force", async () => {
    const run = path.join(dir, 'run');
    mkdirSync(path.join(run, 'epoch-00001'), { recursive: true });
    writeFileSync(path.join(run, 'latest.json'), '{"folder":"epoch-00001"}\n');
    const train = ['markov', 'train', '--order', '1', '--corpus', text, '--force', '--out'];
    const inside = captureIo();
    expect(await runCli([...train, path.join(run, 'epoch-00001', 'm.mkv')], inside)).toBe(2);
    expect(inside.err()).toMatch(/^rnn: --out .*m\.mkv lies inside the checkpoint folder .*epoch-00001 of the run in /);
    const pointer = captureIo();
    expect(await runCli([...train, path.join(run, 'latest.json')], pointer)).toBe(2);
    expect(pointer.err()).toMatch(
      /^rnn: --out .*latest\.json is the latest\.json of the run in .*run; choose another --out\n$/,
    );
    expect(readdirSync(path.join(run, 'epoch-00001'))).toEqual([]);
    expect(readFileSync(path.join(run, 'latest.json'), 'utf8')).toBe('{"folder":"epoch-00001"}\n');
  });

  it.each([
    [
      ['markov', 'train', '--order', '1', '--corpus', text, '--out', ''],
      /^rnn: --out must name a file, got an empty path\n$/,
    ],
    [
      ['markov', 'train', '--order', '1', '--corpus', '', '--out', path.join(dir, 'y.mkv')],
      /^rnn: --corpus must name a corpus or a file, got an empty path\n$/,
    ],
    [['markov', 'train', '--order', '1', '--corpus', text, '--out', dir], /^rnn: --out .* is a folder, not a file\n$/],
    [
      ['markov', 'train', '--order', '1', '--corpus', text, '--out', path.join(dir, 'none', 'm.mkv')],
      /^rnn: --out .*m\.mkv: the folder .*none does not exist\n$/,
    ],
    [
      ['markov', 'train', '--order', '-1', '--corpus', 'tinyshakespeare', '--out', path.join(dir, 'x')],
      /^rnn: --order must be an integer from 0 to 64, got -1\n$/,
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

describe('rnn markov: long output and size bounds', () => {
  const bounded = path.join(dir, 'bounded.mkv');
  beforeAll(async () => {
    expect(await runCli(['markov', 'train', '--order', '3', '--corpus', text, '--out', bounded], captureIo())).toBe(0);
  });

  /** A stdout that records each write and is backed up after every one until the next turn of the loop. */
  function slowPipe() {
    const writes: string[] = [];
    let drain: (() => void) | undefined;
    let writesWhileBackedUp = 0;
    const stdout = {
      isTTY: false,
      write(chunk: string) {
        if (drain) writesWhileBackedUp++;
        writes.push(chunk);
        drain = () => undefined;
        setImmediate(() => {
          const listener = drain;
          drain = undefined;
          listener?.();
        });
        return false;
      },
      once(_event: 'drain', listener: () => void) {
        drain = listener;
      },
    };
    const io: CliIo = { stdout, stderr: captureIo().stderr };
    return { io, writes, backedUpWrites: () => writesWhileBackedUp };
  }

  it('writes a long generation in chunks as it comes, waiting whenever stdout is backed up', async () => {
    const length = 70_000; // more than a chunk
    const args = ['markov', 'generate', '--model', bounded, '--prime', 'ROMEO:', '--seed', '3', '--length'];
    const pipe = slowPipe();
    expect(await runCli([...args, String(length)], pipe.io)).toBe(0);
    // Many writes, none much longer than a chunk: the text is never gathered whole.
    expect(pipe.writes.length).toBeGreaterThanOrEqual(2);
    expect(pipe.writes.join('')).toHaveLength('ROMEO:'.length + length);
    for (const chunk of pipe.writes) expect(chunk.length).toBeLessThanOrEqual(65_536 + 'ROMEO:'.length);
    expect(pipe.backedUpWrites()).toBe(0);
    // The same text as --json prints: its first 1,000 characters are a 1,000-character generation's.
    const whole = captureIo();
    expect(await runCli(['--json', ...args, '1000'], whole)).toBe(0);
    expect(pipe.writes.join('').slice(0, 'ROMEO:'.length + 1000)).toBe(JSON.parse(whole.out()).text);
  });

  it.each([
    [
      ['--json', 'markov', 'generate', '--model', model, '--length', '10000001'],
      /^rnn: --length 10000001 is too long for --json, .*at most 10,000,000 characters; leave out --json to stream it\n$/,
    ],
    [
      ['markov', 'generate', '--model', model, '--length', '1e11'],
      /^rnn: --length must be an integer from 0 to 10,000,000,000, got 1e11\n$/,
    ],
    [['markov', 'generate', '--model', dir], /^rnn: .+ is a folder, not an @rnn\/markov model file\n$/],
    [['markov', 'eval', '--model', model, '--text', dir], /^rnn: .+ is a folder; a corpus is a name/],
    [['markov', 'sweep', '--corpus', dir], /^rnn: .+ is a folder; a corpus is a name/],
    [
      ['markov', 'sweep', '--corpus', text, '--orders', '1..100000000'],
      /^rnn: --orders 1\.\.100000000: 100000000 is above 64; it takes orders from 0 to 64, at most 64 of them/,
    ],
    [
      ['markov', 'sweep', '--corpus', text, '--orders', '1..40,1..40'],
      /^rnn: --orders 1\.\.40,1\.\.40: that is too many orders/,
    ],
    [['markov', 'sweep', '--corpus', text, '--orders', '3,x'], /^rnn: --orders 3,x: "x" is not an order or a range/],
  ])('refuses %j in one line naming the option', async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });

  it('refuses a training text past the bound before reading it, naming the file and its size', async () => {
    const huge = path.join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 200_000_000); // sparse: no 200 MB written
    for (const command of [
      ['markov', 'train', '--order', '2', '--out', path.join(dir, 'huge.mkv')],
      ['markov', 'sweep'],
    ]) {
      const io = captureIo();
      expect(await runCli([...command, '--corpus', huge], io)).toBe(2);
      expect(io.err()).toBe(
        `rnn: --corpus ${huge} is 200.0 MB; the Markov model holds its text and every context in memory, at most 128.0 MB of text\n`,
      );
    }
  });
});
