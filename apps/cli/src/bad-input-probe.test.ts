import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { captureIo } from './capture-io.testing';
import { createProgram } from './program';
import { runCli } from './run-cli';

// Every option of every command, tried with values a user could type by mistake. Each must be
// refused before any work: exit code 2, one line on stderr that names the option (or argument),
// and nothing written anywhere. The table must cover every option the program declares, so a new
// option cannot be added without its bad values. `npm run probe` runs this suite alone and prints
// the count.

const scratch = mkdtempSync(path.join(os.tmpdir(), 'rnn-probe-'));
const fixtures = path.join(scratch, 'fixtures');
const outputs = path.join(scratch, 'outputs');
const cwd = path.join(scratch, 'cwd');
for (const dir of [fixtures, outputs, cwd]) mkdirSync(dir);
const at = (name: string) => path.join(fixtures, name);
const text = at('corpus.txt');
const missing = at('no-such-file.txt');
const folder = at('a-folder');
const notUtf8 = at('not-utf8.bin');
const parityRun = at('parity-run');
const sentencesRun = at('sentences-run');
const markovModel = at('model.mkv');
const emptyFolder = at('empty');
/** A folder of the user's own files. */
const userFolder = at('photos');
const out = path.join(outputs, 'new');

/** One option's bad values, and the command line they are tried on. */
interface Probe {
  /** The command line without the probed option: valid and fast, so that only the bad value is wrong. */
  readonly base: readonly string[];
  /** Bad values of the option. */
  readonly values: readonly string[];
  /**
   * What the one error line must contain to name what was wrong: by default the flag in either
   * spelling (`--sample-interval`, `sampleInterval`) or the value itself (a file's path).
   */
  readonly names?: RegExp;
}

const integers = ['', 'abc', '0', '-3', '2.5', '1e12'];
const positives = ['', 'abc', '0', '-1', 'Infinity'];
const fractions = ['', 'abc', '-0.1', '1', '1.5'];
const inputFiles = ['', missing, folder, notUtf8];
const seeds = ['', '   ', 'a\nb', 'x'.repeat(101)];
const train = ['train', 'parity', '--epochs', '1', '--task', 'n=20', '--test-size', '2'];
const languageModel = ['train', 'charlm-quick', '--corpus', text, '--minutes', '0.001'];

/** Bad values per command (by its path, `markov train`) and option; `<name>` keys a positional argument. */
const table: Record<string, Record<string, Probe>> = {
  '': { '--backend': { base: ['info'], values: ['', 'frobnicate', 'CPU', 'tensorflow'], names: /backend/ } },
  data: {
    '<task>': { base: ['data'], values: ['', 'frobnicate', 'Parity', 'parity,copy'], names: /task/ },
    '--n': { base: ['data', 'parity'], values: integers },
    '--seed': { base: ['data', 'parity'], values: seeds },
    '--corpus': { base: ['data', 'text', '--n', '1'], values: inputFiles },
    '--steps': { base: ['data', 'sine'], values: integers },
    '--sample-interval': { base: ['data', 'sine'], values: positives },
    '--frequencies': { base: ['data', 'sine'], values: ['', 'abc', '1,,2', '1e400', 'NaN'] },
    '--weights': { base: ['data', 'sine', '--frequencies', '1,2'], values: ['', 'abc', '1', '1,2,3', 'NaN,1'] },
    '--noise': { base: ['data', 'sine'], values: ['', 'abc', '-1', 'Infinity'] },
    '--warmup': { base: ['data', 'sine'], values: ['', 'abc', '-1', '1.5', '1000'] },
    '--length': { base: ['data', 'parity'], values: integers },
    '--alphabet': { base: ['data', 'copy'], values: ['', 'aab', 'abca', 'x'.repeat(100000)] },
    '--min-length': { base: ['data', 'copy'], values: ['', 'abc', '0', '-1', '2.5', '99'] },
    '--max-length': { base: ['data', 'copy'], values: ['', 'abc', '0', '-1', '2.5', '1e12'] },
    '--min-digits': { base: ['data', 'addition'], values: ['', 'abc', '0', '16', '2.5'] },
    '--max-digits': { base: ['data', 'addition'], values: ['', 'abc', '0', '16', '2.5'] },
    '--targets': { base: ['data', 'parity'], values: ['', 'all', 'RUNNING', 'final,running'] },
    '--stride': { base: ['data', 'text', '--corpus', text], values: ['', 'abc', '0', '-3', '2.5'] },
    '--validation-fraction': { base: ['data', 'text', '--corpus', text], values: fractions },
    '--split': { base: ['data', 'text', '--corpus', text], values: ['', 'test', 'TRAIN', 'frobnicate'] },
    '--sentences': { base: ['data', 'sentences'], values: ['', ' ', '\t', '\u0001'] },
    '--min-value': { base: ['data', 'counting'], values: ['', 'abc', 'NaN', '1e400', '100000'] },
    '--max-value': { base: ['data', 'counting'], values: ['', 'abc', 'NaN', '1e400', '-100000'] },
  },
  'markov train': {
    '--order': { base: ['markov', 'train', '--corpus', text, '--out', out], values: ['', 'abc', '-1', '65', '2.5'] },
    '--corpus': { base: ['markov', 'train', '--order', '3', '--out', out], values: inputFiles },
    '--smoothing': {
      base: ['markov', 'train', '--order', '3', '--corpus', text, '--out', out],
      values: ['', 'frobnicate', 'KN', 'add'],
    },
    '--k': {
      base: ['markov', 'train', '--order', '3', '--corpus', text, '--smoothing', 'add-k', '--out', out],
      values: positives,
    },
    '--out': {
      base: ['markov', 'train', '--order', '3', '--corpus', text],
      values: ['', folder, text, path.join(missing, 'x.mkv')],
    },
    '--validation-fraction': {
      base: ['markov', 'train', '--order', '3', '--corpus', text, '--out', out],
      values: fractions,
    },
    '--test-fraction': { base: ['markov', 'train', '--order', '3', '--corpus', text, '--out', out], values: fractions },
  },
  'markov generate': {
    '--model': { base: ['markov', 'generate'], values: ['', missing, folder, text] },
    '--length': { base: ['markov', 'generate', '--model', markovModel], values: ['', 'abc', '-1', '2.5', '1e12'] },
    '--temperature': { base: ['markov', 'generate', '--model', markovModel], values: ['', 'abc', '-1', 'Infinity'] },
    '--top-k': { base: ['markov', 'generate', '--model', markovModel], values: ['', 'abc', '0', '-1', '2.5'] },
    '--top-p': { base: ['markov', 'generate', '--model', markovModel], values: ['', 'abc', '0', '1.5', '-0.1'] },
    '--seed': { base: ['markov', 'generate', '--model', markovModel], values: seeds },
  },
  'markov eval': {
    '--model': { base: ['markov', 'eval', '--text', text], values: ['', missing, folder, text] },
    '--text': { base: ['markov', 'eval', '--model', markovModel], values: inputFiles },
    '--split': {
      base: ['markov', 'eval', '--model', markovModel, '--text', text],
      values: ['', 'frobnicate', 'TEST', 'train,test'],
    },
    '--validation-fraction': {
      base: ['markov', 'eval', '--model', markovModel, '--text', text, '--split', 'validation'],
      values: fractions,
    },
    '--test-fraction': {
      base: ['markov', 'eval', '--model', markovModel, '--text', text, '--split', 'test'],
      values: fractions,
    },
  },
  'markov sweep': {
    '--orders': {
      base: ['markov', 'sweep', '--corpus', text],
      values: ['', 'abc', '1..100000000', '5..1', '-1', '1,,2'],
    },
    '--k': { base: ['markov', 'sweep', '--corpus', text], values: positives },
    '--corpus': { base: ['markov', 'sweep'], values: inputFiles },
    '--validation-fraction': { base: ['markov', 'sweep', '--corpus', text], values: fractions },
    '--test-fraction': { base: ['markov', 'sweep', '--corpus', text], values: fractions },
  },
  train: {
    '<recipe>': { base: ['train'], values: ['', 'frobnicate', 'Parity', 'parity,copy'], names: /recipe/ },
    '--cell': { base: train, values: ['', 'rnn', 'LSTM', 'frobnicate'] },
    '--hidden': { base: train, values: integers },
    '--layers': { base: train, values: integers },
    '--decoder-input': {
      base: ['train', 'copy', '--epochs', '1', '--task', 'n=20', '--test-size', '2'],
      values: ['', 'frobnicate', 'zero', 'teacher'],
    },
    '--inject': {
      base: ['train', 'oscillator-init', '--epochs', '1', '--task', 'n=20', '--test-size', '2'],
      values: ['', 'frobnicate', 'post', 'INIT'],
    },
    '--epochs': { base: ['train', 'parity', '--task', 'n=20', '--test-size', '2'], values: integers },
    '--batch-size': { base: train, values: integers },
    '--lr': { base: train, values: positives },
    '--optimizer': { base: train, values: ['', 'adamw', 'ADAM', 'frobnicate'] },
    '--clip': { base: train, values: positives },
    '--task': {
      base: ['train', 'parity', '--epochs', '1', '--test-size', '2'],
      values: ['', 'n', 'frobnicate=1', 'n=abc', 'n=0'],
      names: /--task|\bn\b|frobnicate/,
    },
    '--test-size': { base: ['train', 'parity', '--epochs', '1', '--task', 'n=20'], values: integers },
    '--engine': { base: train, values: ['', 'frobnicate', 'SCRATCH', 'scratch'] },
    '--corpus': { base: ['train', 'charlm-quick', '--minutes', '0.001'], values: inputFiles },
    '--scheme': { base: languageModel, values: ['', 'frobnicate', 'TBPTT', 'window'] },
    '--length': { base: languageModel, values: integers },
    '--embedding': { base: languageModel, values: integers },
    '--dropout': { base: languageModel, values: fractions },
    '--minutes': { base: ['train', 'charlm-quick', '--corpus', text], values: positives },
    '--seed': { base: train, values: seeds },
    '--out': { base: train, values: ['', text, userFolder, path.join(parityRun, 'epoch-00001')] },
    '--resume': { base: ['train', 'parity'], values: ['', missing, text, emptyFolder] },
  },
  eval: { '<dir>': { base: ['eval'], values: ['', missing, text, emptyFolder], names: /./ } },
  study: {
    '<name>': { base: ['study'], values: ['', 'frobnicate', 'Parity', 'parity,sine'], names: /study|name/ },
    '--seed': { base: ['study', 'parity'], values: seeds },
    '--out': {
      base: ['study', 'parity'],
      values: ['', text, path.join(parityRun, 'epoch-00001'), path.join(text, 'x')],
    },
  },
  predict: {
    '<dir>': { base: ['predict', '--input', '0110'], values: ['', missing, text, emptyFolder], names: /./ },
    '--input': { base: ['predict', parityRun], values: ['', '012', 'abc', '0 1 x'] },
  },
  sample: {
    '<dir>': { base: ['sample'], values: ['', missing, text, parityRun], names: /./ },
    '--prime': { base: ['sample', sentencesRun], values: ['€€€', 'GOOD', '\u0001', 'x'.repeat(10_000_001)] },
    '--length': { base: ['sample', sentencesRun], values: integers.filter((v) => v !== '0') },
    '--temperature': { base: ['sample', sentencesRun], values: ['', 'abc', '0', '-1', 'Infinity'] },
    '--top-k': { base: ['sample', sentencesRun], values: ['', 'abc', '0', '-1', '2.5'] },
    '--top-p': { base: ['sample', sentencesRun], values: ['', 'abc', '0', '1.5', '-0.1'] },
    '--beam': { base: ['sample', sentencesRun], values: integers },
    '--seed': { base: ['sample', sentencesRun], values: seeds },
  },
  compare: {
    '<paths...>': { base: ['compare'], values: ['', missing, folder, text], names: /./ },
    '--text': { base: ['compare', sentencesRun], values: inputFiles },
  },
  export: {
    '<dir>': { base: ['export', '--out', out], values: ['', missing, text, emptyFolder], names: /./ },
    '--out': { base: ['export', parityRun], values: ['', text, parityRun, path.join(parityRun, 'epoch-00001')] },
  },
  tour: {
    '--only': { base: ['tour'], values: ['', 'nope', 'parity,,copy', 'charlm', ' , '] },
    '--out': {
      base: ['tour', '--only', 'sentences'],
      values: ['', text, path.join(text, 'x'), path.join(parityRun, 'epoch-00001')],
    },
    '--seed': { base: ['tour', '--only', 'sentences'], values: seeds },
    '--jobs': { base: ['tour', '--only', 'sentences'], values: ['', 'abc', '0', '-1', '2.5', '9'] },
  },
  plot: {
    '<dir>': { base: ['plot'], values: ['', missing, text, emptyFolder], names: /./ },
    '--out': {
      base: ['plot', parityRun],
      values: ['', text, folder, path.join(missing, 'x.svg'), path.join(parityRun, 'epoch-00001', 'x.svg')],
    },
  },
  inspect: {
    '<dir>': { base: ['inspect', '--out', out], values: ['', missing, text, emptyFolder], names: /./ },
    '--input': { base: ['inspect', parityRun, '--out', out], values: ['', '012', 'abc', '0 1 x'] },
    '--out': {
      base: ['inspect', parityRun],
      values: ['', text, path.join(parityRun, 'epoch-00001'), path.join(text, 'x')],
    },
  },
};

/**
 * Options any text is right for, so no value is wrong: an n-gram model primes on any text (a
 * character it never saw backs off to shorter contexts).
 */
const freeText = new Set(['markov generate --prime']);

/** Options with no value to get wrong (switches), and the help and version flags. */
const switches = new Set([
  '--help',
  '--version',
  '--json',
  '--reverse',
  '--no-reverse',
  '--fixed-width',
  '--no-fixed-width',
  '--align-operands',
  '--no-align-operands',
  '--reverse-answer',
  '--no-reverse-answer',
  '--variable-length',
  '--no-variable-length',
  '--balanced',
  '--no-balanced',
  '--reverse-input',
  '--notebook',
  '--force',
]);

/** Every option and argument the program declares, by command path. */
function declared(): Map<string, string[]> {
  const all = new Map<string, string[]>();
  const walk = (command: Command, prefix: string[]) => {
    const key = prefix.join(' ');
    const names = [
      ...command.options.map((o) => o.long ?? o.flags).filter((flag) => !switches.has(flag)),
      ...command.registeredArguments.map((a) => `<${a.name()}${a.variadic ? '...' : ''}>`),
    ];
    if (names.length > 0) all.set(key, names);
    for (const sub of command.commands) if (sub.name() !== 'help') walk(sub, [...prefix, sub.name()]);
  };
  walk(createProgram(captureIo()), []);
  return all;
}

/** Every file under the probe's folders with its size and time: "nothing written" is this unchanged. */
function snapshot(): string[] {
  const entries: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const info = statSync(full);
      entries.push(`${path.relative(scratch, full)} ${info.size} ${info.mtimeMs}`);
      if (info.isDirectory()) visit(full);
    }
  };
  visit(scratch);
  return entries.sort();
}

async function cli(args: readonly string[]): Promise<{ code: number; err: string }> {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, err: io.err() };
}

const started = process.cwd();
beforeAll(async () => {
  process.chdir(cwd);
  writeFileSync(text, 'the quick brown fox jumps over the lazy dog. '.repeat(40));
  writeFileSync(notUtf8, Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1]));
  mkdirSync(folder);
  mkdirSync(emptyFolder);
  mkdirSync(userFolder);
  writeFileSync(path.join(userFolder, 'a.jpg'), 'x');
  const made = [
    await cli(['train', 'parity', '--epochs', '1', '--task', 'n=50', '--test-size', '5', '--out', parityRun]),
    await cli(['train', 'sentences', '--epochs', '1', '--out', sentencesRun]),
    await cli(['markov', 'train', '--order', '3', '--corpus', text, '--out', markovModel]),
  ];
  made.forEach((m) => expect(m).toEqual({ code: 0, err: '' }));
}, 120_000);
afterAll(() => {
  process.chdir(started);
  rmSync(scratch, { recursive: true, force: true });
});

it('covers every option and argument of every command', () => {
  const missingFromTable: string[] = [];
  for (const [command, names] of declared()) {
    for (const name of names) {
      if (!table[command]?.[name] && !freeText.has(`${command} ${name}`))
        missingFromTable.push(`${command || 'rnn'} ${name}`);
    }
  }
  expect(missingFromTable).toEqual([]);
  for (const probes of Object.values(table)) {
    for (const probe of Object.values(probes)) expect(probe.values.length).toBeGreaterThanOrEqual(4);
  }
});

/** The flag as typed or in the API's camelCase, or (for a path) the value itself. */
function naming(option: string, value: string): RegExp {
  const bare = option.replace(/^--/, '');
  const camel = bare.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const forms = [
    escape(bare),
    escape(camel),
    ...(value.length > 1 && value.length < 200 && value.includes('/') ? [escape(value)] : []),
  ];
  return new RegExp(forms.join('|'), 'i');
}

const cases = Object.entries(table).flatMap(([command, probes]) =>
  Object.entries(probes).flatMap(([option, probe]) =>
    probe.values.map((value) => {
      const shown =
        value.length > 20 ? `${JSON.stringify(value.slice(0, 8))}… (${value.length} chars)` : JSON.stringify(value);
      const args = option.startsWith('<')
        ? [...probe.base.slice(0, command.split(' ').length), value, ...probe.base.slice(command.split(' ').length)]
        : command === ''
          ? [option, value, ...probe.base]
          : [...probe.base, option, value];
      return [`${command || 'rnn'} ${option} ${shown}`, args, probe.names ?? naming(option, value)] as const;
    }),
  ),
);

it.each(cases)(
  '%s: exit 2, one line naming it, nothing written',
  async (_, args, names) => {
    const before = snapshot();
    const { code, err } = await cli(args);
    expect({ code, lines: err.split('\n').length - 1 }).toEqual({ code: 2, lines: 1 });
    expect(err).toMatch(/^rnn: /);
    expect(err).toMatch(names);
    expect(snapshot()).toEqual(before);
    expect(readdirSync(cwd)).toEqual([]);
  },
  60_000,
);

afterAll(() => {
  process.stdout.write(
    `bad-input probe: ${cases.length} bad values of ${Object.values(table).reduce((n, p) => n + Object.keys(p).length, 0)} options and arguments\n`,
  );
});
