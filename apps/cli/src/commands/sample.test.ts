import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '@rnn/datasets/node';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';
import type { CliIo } from '../cli-io';

const root = mkdtempSync(path.join(os.tmpdir(), 'rnn-sample-cli-'));
const corpus = path.join(root, 'corpus.txt');
const charlm = path.join(root, 'charlm');
const sentences = path.join(root, 'sentences');
const parity = path.join(root, 'parity');
const cpu = ['--backend', 'cpu'];

async function train(argv: readonly string[]): Promise<void> {
  const io = captureIo();
  const code = await runCli([...argv, ...cpu], io);
  if (code !== 0) throw new Error(`rnn ${argv.join(' ')} failed: ${io.err()}`);
}

beforeAll(async () => {
  // The start of the shipped corpus: a few KB train a tiny model in well under a second.
  writeFileSync(corpus, loadCorpus('tinyshakespeare').slice(0, 4000));
  const tiny = ['--epochs', '1', '--hidden', '16', '--embedding', '8', '--batch-size', '4', '--length', '16'];
  await train(['train', 'charlm-quick', '--corpus', corpus, ...tiny, '--out', charlm]);
  await train(['train', 'sentences', '--out', sentences]);
  await train([
    'train',
    'parity',
    '--epochs',
    '1',
    '--hidden',
    '2',
    '--task',
    'n=16',
    '--test-size',
    '8',
    '--out',
    parity,
  ]);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Sample {
  readonly prime: string;
  readonly generated: string;
  readonly text: string;
  readonly seed: string | null;
  readonly steps: number;
  readonly beam?: number;
}

async function sample(...argv: string[]): Promise<Sample> {
  const io = captureIo();
  expect(await runCli(['sample', ...argv, ...cpu, '--json'], io)).toBe(0);
  expect(io.err()).toBe('');
  return JSON.parse(io.out()) as Sample;
}

describe('rnn sample', () => {
  it('is repeatable for one seed and differs across seeds', async () => {
    const a = await sample(charlm, '--length', '60', '--seed', '1');
    const again = await sample(charlm, '--length', '60', '--seed', '1');
    const b = await sample(charlm, '--length', '60', '--seed', '2');
    expect(again.text).toBe(a.text);
    expect(b.text).not.toBe(a.text);
    expect(a).toMatchObject({ prime: '\n', seed: '1' });
    expect(a.text).toBe(a.prime + a.generated);
    expect([...a.generated]).toHaveLength(60);
  });

  it('streams the prime, then each character as it is produced, and nothing else on stdout', async () => {
    const chunks: string[] = [];
    let err = '';
    const io: CliIo = {
      stdout: { write: (text: string) => chunks.push(text), isTTY: false },
      stderr: { write: (text: string) => (err += text), isTTY: false },
    };
    expect(await runCli(['sample', charlm, '--prime', 'First', '--length', '25', '--seed', '5', ...cpu], io)).toBe(0);
    expect(err).toBe('');
    expect(chunks[0]).toBe('First');
    expect(chunks).toHaveLength(1 + 25);
    expect(chunks.join('')).toBe((await sample(charlm, '--prime', 'First', '--length', '25', '--seed', '5')).text);
  });

  it('takes one model step per character: P + N - 1 steps, growing linearly with N', async () => {
    const prime = 'First Citizen';
    const short = await sample(charlm, '--prime', prime, '--length', '20');
    const long = await sample(charlm, '--prime', prime, '--length', '80');
    expect(short.steps).toBe(prime.length + 20 - 1);
    expect(long.steps).toBe(prime.length + 80 - 1);
    // 60 more characters cost exactly 60 more steps: the prefix is never read again.
    expect(long.steps - short.steps).toBe(60);
    expect((await sample(charlm, '--length', '0')).steps).toBe(0);
  });

  it('--beam prints the most likely continuation found; width 1 is greedy sampling', async () => {
    const beam = await sample(charlm, '--prime', 'First', '--length', '30', '--beam', '3');
    expect(beam).toMatchObject({ prime: 'First', seed: null, beam: 3, steps: 5 + 30 - 1 });
    expect([...beam.generated]).toHaveLength(30);
    expect((await sample(charlm, '--prime', 'First', '--length', '30', '--beam', '3')).text).toBe(beam.text);
    const width1 = await sample(charlm, '--prime', 'First', '--length', '30', '--beam', '1');
    const greedy = await sample(charlm, '--prime', 'First', '--length', '30', '--top-k', '1');
    expect(width1.text).toBe(greedy.text);

    const io = captureIo();
    expect(await runCli(['sample', charlm, '--prime', 'First', '--length', '30', '--beam', '3', ...cpu], io)).toBe(0);
    expect(io.out()).toBe(beam.text);
  });

  it('completes a sentence of a sentences run from a word, and starts from its first letter by default', async () => {
    const completed = await sample(sentences, '--prime', 'good', '--beam', '1', '--length', '10');
    expect(completed.text).toBe('good i am fine');
    const unprimed = await sample(sentences, '--beam', '1', '--length', '14');
    expect(unprimed.prime).toBe('h');
    expect(['hey how are you', 'have a nice day']).toContain(unprimed.text);
  });

  it.each([
    [['--temperature', '-1'], /--temperature must be > 0 \(for greedy text use --beam 1\), got -1/],
    [['--temperature', '0'], /--temperature must be > 0/],
    [['--top-p', '0'], /--top-p must be in \(0, 1\], got 0/],
    [['--top-p', '1.5'], /--top-p must be in \(0, 1\], got 1.5/],
    [['--top-k', '0'], /--top-k must be an integer >= 1, got 0/],
    [['--length', '-1'], /^rnn: --length must be an integer from 0 to 10,000,000, got -1\n$/],
    [['--length', '1e12'], /^rnn: --length must be an integer from 0 to 10,000,000, got 1e12\n$/],
    [['--length', 'many'], /argument 'many' is invalid/],
    [['--beam', '0'], /^rnn: --beam must be an integer from 1 to 1,000, got 0\n$/],
    [['--beam', '2', '--temperature', '0.5'], /--beam does not combine with --temperature: /],
    [['--beam', '2', '--top-k', '3', '--top-p', '0.9'], /--beam does not combine with --top-k, --top-p: /],
    [['--beam', '2', '--seed', '3'], /--beam does not combine with --seed: /],
    [['--prime', 'Héllo €'], /the prime has characters the model never saw: "é", "€"; it knows \d+ characters: "\\n !/],
    [['--prime', ''], /--prime must not be empty/],
  ])('rejects %j on a charlm run: exit 2, one line on stderr, nothing on stdout', async (flags, message) => {
    const io = captureIo();
    expect(await runCli(['sample', charlm, ...flags, ...cpu], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
    expect(io.out()).toBe('');
  });

  it.each([
    ['a run of another recipe', () => [parity], /holds a parity model, not a language model/],
    ['a folder without a run', () => [root], /holds no checkpoint/],
    [
      'a sentences prime outside its letters',
      () => [sentences, '--prime', 'Good'],
      /never saw: "G"; it knows 17 characters: " acdefghimnoruvwy"$/m,
    ],
  ])('rejects %s: exit 2, one line on stderr, nothing on stdout', async (_, argv, message) => {
    const io = captureIo();
    expect(await runCli(['sample', ...argv(), ...cpu], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
    expect(io.out()).toBe('');
  });
});
