import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';
import { captureIo, captureIoWithStdin } from '../capture-io.testing';

const root = mkdtempSync(path.join(os.tmpdir(), 'rnn-predict-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The lines a command printed; an answer may be all spaces (an untrained decoder), so nothing is trimmed. */
const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** What the raw values of an answer are: probabilities of bits or labels, real values, or none (symbols). */
type Values = { kind: 'probabilities' | 'numbers'; count: (input: string) => number } | undefined;

interface Case {
  readonly recipe: string;
  /** `rnn train` options that make the run tiny (the whole run takes well under a second). */
  readonly train: readonly string[];
  readonly inputs: readonly string[];
  /** Whether an answer has the target's form for its input. */
  readonly form: (input: string, prediction: string) => boolean;
  readonly values: Values;
  readonly malformed: string;
  readonly message: RegExp;
}

const tiny = (...task: string[]) => [...task.flatMap((t) => ['--task', t]), '--epochs', '1', '--hidden', '4'];
const label = (_: string, p: string) => /^[01]$/.test(p);
const oneProbability: Values = { kind: 'probabilities', count: () => 1 };
const numbers = (count: number | ((input: string) => number), integers: boolean) => (input: string, p: string) => {
  const parts = p.split(' ');
  const n = typeof count === 'number' ? count : count(input);
  return parts.length === n && parts.every((v) => (integers ? /^-?\d+$/ : /^-?\d+(\.\d{1,6})?$/).test(v));
};
const words = (input: string) => input.trim().split(/\s+/).length;

const cases: Case[] = [
  {
    recipe: 'calculator',
    train: tiny('n=64'),
    inputs: ['-8-2-2-9+1', '+3+4-1+0-9', '+9'],
    form: label,
    values: oneProbability,
    malformed: '-8-2-2-9*1',
    message: /"-8-2-2-9\*1" is not an operands input; expected operands of one digit 0-9, each after its sign/,
  },
  {
    recipe: 'copy',
    train: tiny('n=64'),
    inputs: ['aacab', 'abc', 'cbacbacba'],
    form: (input, p) => /^[abc]*$/.test(p) && p.length <= input.length + 1,
    values: undefined,
    malformed: 'aacxb',
    message: /"aacxb" is not a copy input: "x" is not in the alphabet; expected 1 to 14 symbols of the alphabet "abc"/,
  },
  {
    recipe: 'reverse',
    train: tiny('n=64'),
    inputs: ['aacab', 'abc'],
    form: (input, p) => /^[abc]*$/.test(p) && p.length <= input.length + 1,
    values: undefined,
    malformed: 'abcabcabcabcabca',
    message: /16 symbols are more than the task's 14/,
  },
  {
    recipe: 'addition-lstm',
    train: tiny('n=64'),
    inputs: ['8704+2298', '12+345', '1+2'],
    // An untrained decoder may write any symbol of the task, but never past the longest sum and its stop.
    form: (input, p) => /^[0-9+ ]*$/.test(p) && p.length <= Math.max(...input.split('+').map((x) => x.length)) + 2,
    values: undefined,
    malformed: '12a+4',
    message:
      /"12a\+4" is not an addition input; expected two whole numbers of at most 4 digits joined by \+, e\.g\. 123\+4567/,
  },
  {
    recipe: 'addition-rnn',
    train: tiny('n=64'),
    inputs: ['8704+2298', '99+1'],
    form: (input, p) => /^[0-9+ ]*$/.test(p) && p.length <= Math.max(...input.split('+').map((x) => x.length)) + 2,
    values: undefined,
    malformed: '12345+6',
    message: /an operand of 5 digits is longer than the task's 4/,
  },
  {
    recipe: 'parity',
    train: tiny('n=64', 'length=10'),
    inputs: ['0110', '1', '1011001110100'],
    form: (input, p) => new RegExp(`^[01]{${input.length}}$`).test(p),
    values: { kind: 'probabilities', count: (input) => input.length },
    malformed: '01201',
    message: /"01201" is not a parity input; expected bits 0 and 1 written together, e\.g\. 0110/,
  },
  {
    recipe: 'parity-final',
    train: tiny('n=64', 'length=1..10'),
    inputs: ['0110', '1', '1011001110100'],
    form: label,
    values: oneProbability,
    malformed: 'yes',
    message: /"yes" is not a parity input/,
  },
  {
    recipe: 'increasing',
    train: tiny('n=64'),
    inputs: ['(-5, 10) (-6, -3)', '(1, 2) (3, 4) (5, 6)', '(0, 0)'],
    form: label,
    values: oneProbability,
    malformed: '(-5, 10) (-6)',
    message: /"\(-5, 10\) \(-6\)" is not an increasing input: not a pair at "\(-6\)"; expected pairs of whole numbers/,
  },
  {
    recipe: 'counting',
    train: tiny('n=64'),
    inputs: ['86', '0', '120'],
    form: numbers(5, true),
    values: { kind: 'numbers', count: () => 5 },
    malformed: '8.5',
    message: /"8\.5" is not a counting input; expected one whole number, e\.g\. 0/,
  },
  {
    recipe: 'oscillator-init',
    train: tiny('n=32'),
    inputs: ['10', '1', '5'],
    form: numbers(50, false),
    values: { kind: 'numbers', count: () => 50 },
    malformed: '7',
    message: /"7" is not a waves input: 7 is not one of them; expected one of the task's frequencies 1, 5, 10/,
  },
  {
    recipe: 'sine',
    train: tiny('n=8', 'steps=20'),
    inputs: ['0 0.587785 0.951057 0.951057', '0.5', '-0.1 -0.2'],
    form: numbers(words, false),
    values: { kind: 'numbers', count: words },
    malformed: '0 0.5 zero',
    message: /"0 0\.5 zero" is not a sine input: "zero" is not a number; expected numbers separated by spaces/,
  },
  {
    recipe: 'sentences',
    // The real recipe: it trains in a fraction of a second, and then completes its sentences.
    train: [],
    inputs: ['good', 'hey', 'have a'],
    form: (input, p) => p.startsWith(input) && p.length <= 15,
    values: undefined,
    malformed: 'Good',
    message:
      /"Good" is not a sentences input: "G" is not a character of the sentences; expected the first 1 to 14 characters/,
  },
];

describe.each(cases)('rnn predict on a run of the $recipe recipe', (c) => {
  const dir = path.join(root, c.recipe);

  beforeAll(async () => {
    const io = captureIo();
    const code = await runCli(
      ['train', c.recipe, ...c.train, '--test-size', '16', '--backend', 'cpu', '--out', dir],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
  });

  it('answers every non-blank line of stdin with one line in the target form', async () => {
    const io = captureIoWithStdin(`${c.inputs[0]}\n\n${c.inputs.slice(1).join('\r\n')}\n   \n`);
    expect(await runCli(['predict', dir, '--backend', 'cpu'], io)).toBe(0);
    expect(io.err()).toBe('');
    const answers = lines(io.out());
    expect(answers).toHaveLength(c.inputs.length);
    answers.forEach((p, i) =>
      expect({ input: c.inputs[i], prediction: p, ok: c.form(c.inputs[i], p) }).toMatchObject({ ok: true }),
    );
  });

  it('prints a JSON line {input, prediction, values where the model outputs numbers} for --input', async () => {
    const io = captureIo();
    const input = c.inputs[c.inputs.length - 1];
    expect(await runCli(['predict', dir, '--input', input, '--json', '--backend', 'cpu'], io)).toBe(0);
    const records = lines(io.out()).map((line) => JSON.parse(line));
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(Object.keys(record).sort()).toEqual(c.values ? ['input', 'prediction', 'values'] : ['input', 'prediction']);
    expect(record.input).toBe(input);
    expect(c.form(input, record.prediction)).toBe(true);
    if (c.values) {
      expect(record.values).toHaveLength(c.values.count(input));
      for (const v of record.values) {
        expect(typeof v).toBe('number');
        if (c.values.kind === 'probabilities') expect(v >= 0 && v <= 1).toBe(true);
      }
    }
  });

  it('names a malformed line and the form expected in one line on stderr, answers the others, exits 2', async () => {
    const io = captureIoWithStdin(`${c.inputs[0]}\n${c.malformed}\n${c.inputs[1]}\n`);
    expect(await runCli(['predict', dir, '--backend', 'cpu'], io)).toBe(2);
    const errors = lines(io.err());
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^rnn: line 2: /);
    expect(errors[0]).toMatch(c.message);
    expect(errors[0]).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    const answers = lines(io.out());
    expect(answers).toHaveLength(2);
    expect(c.form(c.inputs[0], answers[0]) && c.form(c.inputs[1], answers[1])).toBe(true);
  });
});

describe('rnn predict', () => {
  const sentences = path.join(root, 'sentences');

  it('completes a prime of the sentences recipe the way its notebook does', async () => {
    const io = captureIo();
    expect(await runCli(['predict', sentences, '--input', 'good', '--backend', 'cpu'], io)).toBe(0);
    expect(io.out()).toBe('good i am fine\n');
    const json = captureIoWithStdin('hey\ngood\nhave\n');
    expect(await runCli(['predict', sentences, '--json', '--backend', 'cpu'], json)).toBe(0);
    expect(lines(json.out()).map((line) => JSON.parse(line))).toEqual([
      { input: 'hey', prediction: 'hey how are you' },
      { input: 'good', prediction: 'good i am fine' },
      { input: 'have', prediction: 'have a nice day' },
    ]);
  });

  it('names --input in the message for a malformed --input', async () => {
    const io = captureIo();
    expect(
      await runCli(['predict', path.join(root, 'addition-lstm'), '--input', '12a+4', '--backend', 'cpu'], io),
    ).toBe(2);
    expect(io.err()).toBe(
      'rnn: --input: "12a+4" is not an addition input; expected two whole numbers of at most 4 digits joined by +, e.g. 123+4567\n',
    );
    expect(io.out()).toBe('');
  });

  it('prints nothing for an empty stdin', async () => {
    const io = captureIoWithStdin('');
    expect(await runCli(['predict', sentences, '--backend', 'cpu'], io)).toBe(0);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('');
  });

  it.each([
    [
      ['predict', path.join(root, 'nope'), '--input', '1'],
      /^rnn: .*nope holds no checkpoint \(latest\.json is missing\)$/,
    ],
    [['predict', root, '--input', '1'], /holds no checkpoint/],
    [['predict'], /missing required argument 'dir'/],
  ])('rejects %j with one line and exit 2', async (argv, message) => {
    const io = captureIoWithStdin('1\n');
    expect(await runCli([...argv, '--backend', 'cpu'], io)).toBe(2);
    const errors = lines(io.err());
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(io.out()).toBe('');
  });
});
