import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { splitCorpus } from '@rnn/datasets';
import { loadCorpus } from '@rnn/datasets/node';
import { markovBaseline } from '@rnn/markov';
import { bitsPerChar } from '@rnn/sampling';
import { corpusBitsPerChar, loadLanguageModelRun } from '@rnn/training/node';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';

const root = mkdtempSync(path.join(os.tmpdir(), 'rnn-compare-cli-'));
const corpus = path.join(root, 'corpus.txt');
const other = path.join(root, 'other.txt');
const run = path.join(root, 'charlm');
const otherRun = path.join(root, 'other-charlm');
const markov = path.join(root, 'order3.markov');
const cpu = ['--backend', 'cpu'];
const shakespeare = loadCorpus('tinyshakespeare');
const text = shakespeare.slice(0, 4000);

async function rnn(argv: readonly string[]): Promise<void> {
  const io = captureIo();
  const code = await runCli([...argv, ...cpu], io);
  if (code !== 0) throw new Error(`rnn ${argv.join(' ')} failed: ${io.err()}`);
}

beforeAll(async () => {
  // A few KB of the shipped corpus: a tiny model trains on it in well under a second.
  writeFileSync(corpus, text);
  // Another corpus of the same characters, so that either run can score it.
  writeFileSync(other, text.split('\n').reverse().join('\n'));
  const tiny = ['--epochs', '1', '--hidden', '16', '--embedding', '8', '--batch-size', '4', '--length', '16'];
  await rnn(['train', 'charlm-quick', '--corpus', corpus, ...tiny, '--out', run]);
  await rnn(['train', 'charlm-quick', '--corpus', other, ...tiny, '--out', otherRun]);
  await rnn(['markov', 'train', '--order', '3', '--corpus', corpus, '--out', markov]);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Comparison {
  readonly rows: {
    readonly model: string;
    readonly kind: string;
    readonly bitsPerChar: number | null;
    readonly charsPerSecond: number;
    readonly characters: number;
  }[];
  readonly text: string;
}

async function compare(...argv: string[]): Promise<Comparison> {
  const io = captureIo();
  expect(await runCli(['compare', ...argv, ...cpu, '--json'], io)).toBe(0);
  expect(io.err()).toBe('');
  return JSON.parse(io.out()) as Comparison;
}

describe('rnn compare', () => {
  it('scores an RNN run and a Markov file on the validation part, with the best Markov order beside them', async () => {
    const result = await compare(run, markov);
    const validation = splitCorpus(text).validation;
    expect(result.text).toBe(`the validation part of ${corpus}`);
    expect(result.rows.map((r) => [r.model, r.kind])).toEqual([
      [`${run} (charlm-quick)`, 'rnn'],
      [`${markov} (markov order 3, kneser-ney)`, 'markov'],
      [expect.stringMatching(/^markov order \d+ \(best on validation\)$/), 'markov'],
    ]);
    for (const row of result.rows) {
      expect(row.bitsPerChar).toBeGreaterThan(0);
      expect(row.charsPerSecond).toBeGreaterThan(0);
    }
    // Each model predicts nearly every character: the RNN all but its 16 stream starts (and a
    // remainder), an order-N Markov model all but the first N.
    expect(result.rows[0].characters).toBe(16 * Math.floor((validation.length - 1) / 16));
    expect(result.rows[1].characters).toBe(validation.length - 3);
    const baseline = markovBaseline(splitCorpus(text), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.rows[2].model).toBe(`markov order ${baseline.order} (best on validation)`);
    expect(result.rows[2].bitsPerChar).toBeCloseTo(baseline.validationBitsPerChar, 10);
    expect(result.rows[2].characters).toBe(validation.length - baseline.order);
  });

  it('scores an RNN by wide passes exactly as stepping it one character at a time would', async () => {
    const lm = await loadLanguageModelRun(run);
    try {
      const sample = text.slice(0, 300);
      const wide = corpusBitsPerChar(lm.model.model, lm.vocabulary.encode(sample), { batchSize: 1 });
      const stepped = await bitsPerChar(lm.model, sample);
      expect(Math.abs(wide.bitsPerChar - stepped)).toBeLessThan(1e-4);
      const row = (await compare(run)).rows[0];
      const validation = splitCorpus(text).validation;
      expect(row.bitsPerChar).toBeCloseTo(
        corpusBitsPerChar(lm.model.model, lm.vocabulary.encode(validation)).bitsPerChar,
        10,
      );
    } finally {
      lm.dispose();
    }
  });

  it('prints an aligned table without --json', async () => {
    const io = captureIo();
    expect(await runCli(['compare', run, markov, ...cpu], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toBe(`bits per character on the validation part of ${corpus} (200 characters)`);
    expect(lines[1]).toMatch(/^model +kind +bits\/char +chars\/s +characters$/);
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(/^\S+charlm \(charlm-quick\) +rnn +\d+\.\d{4} +\d+ +\d+$/),
      expect.stringMatching(/^\S+order3\.markov \(markov order 3, kneser-ney\) +markov +\d+\.\d{4} +\d+ +\d+$/),
      expect.stringMatching(/^markov order \d+ \(best on validation\) +markov +\d+\.\d{4} +\d+ +\d+$/),
    ]);
    // Every column ends where its header does.
    const end = lines[1].length;
    for (const line of lines.slice(2)) expect(line.length).toBe(end);
    expect(io.err()).toBe('');
  });

  it('--text scores a whole file, the default Markov row still trained on the run corpus', async () => {
    const result = await compare(run, otherRun, '--text', other);
    expect(result.text).toBe(other);
    expect(result.rows.map((r) => r.kind)).toEqual(['rnn', 'rnn', 'markov', 'markov']);
    expect(result.rows[0].characters).toBe(16 * Math.floor((4000 - 1) / 16));
    expect(result.rows[2].model).toMatch(new RegExp(`^markov order \\d+ \\(best on validation of ${corpus}\\)$`));
    expect(result.rows[3].model).toMatch(/best on validation of .*other\.txt\)$/);
    // Markov files alone have no corpus of their own: only the rows asked for.
    const alone = await compare(markov, '--text', other);
    expect(alone.rows.map((r) => r.model)).toEqual([`${markov} (markov order 3, kneser-ney)`]);
  });

  it.each([
    ['a missing path', () => [path.join(root, 'nope')], /nope: no such file or folder$/m],
    ['a folder without a run', () => [root], /is a folder without a run \(no latest\.json\)/],
    ['a file that is not a Markov model', () => [corpus], /is not an @rnn\/markov model/],
    ['runs of different corpora', () => [run, otherRun], /trained on different corpora .*; give --text FILE/],
    ['Markov files alone without --text', () => [markov], /nothing to score by default: .*give --text FILE/],
  ])('rejects %s: exit 2, one line on stderr, nothing on stdout', async (_, argv, message) => {
    const io = captureIo();
    expect(await runCli(['compare', ...argv(), ...cpu], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
    expect(io.out()).toBe('');
  });

  it('names the characters of --text an RNN never saw', async () => {
    const accents = path.join(root, 'accents.txt');
    writeFileSync(accents, 'First Citizen: café, naïve\n');
    const io = captureIo();
    expect(await runCli(['compare', run, '--text', accents, ...cpu], io)).toBe(2);
    expect(io.err()).toMatch(/charlm: the text has characters the model never saw: "é", "ï"; it knows \d+ characters/);
    expect(io.out()).toBe('');
  });
});
