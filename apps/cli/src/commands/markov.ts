import { Command, Option } from 'commander';
import {
  corpusParts,
  createRng,
  defaultCorpusTestFraction,
  defaultCorpusValidationFraction,
  splitCorpus,
  type CorpusPart,
  type CorpusSplitOptions,
} from '@rnn/datasets';
import { corpusNames, loadCorpus } from '@rnn/datasets/node';
import {
  defaultKValues,
  describeSmoothing,
  loadMarkov,
  saveMarkov,
  smoothingNames,
  sweepOrders,
  toSmoothing,
  trainMarkov,
  type SmoothingName,
  type SweepRow,
} from '@rnn/markov/node';
import { createSampler, generate } from '@rnn/sampling';
import { checkOutputFile, requirePath } from '../output-paths';
import {
  checkTextFileSize,
  formatCount,
  parseInteger,
  parseIntegerIn,
  parseNumber,
  parseNumberList,
  parseSeed,
  rangeText,
  sizeLimits,
} from '../parse-option';
import { chunkedWriter, printJson, processIo, type CliIo } from '../cli-io';
import type { GlobalOptions } from '../program';

const defaultSeed = '42';
const defaultLength = 500;
const corpusHelp = `${corpusNames.join(', ')} or a UTF-8 text file`;
/** Why the Markov commands bound their text, for the one-line refusal. */
const markovTextPurpose = 'the Markov model holds its text and every context in memory';
/** The bound, in the help of the options that read a training text. */
const markovCorpusHelp = `${corpusHelp} (at most ${sizeLimits.markovTextBytes / 1e6} MB)`;

/** What `--orders` takes, for its help and its messages. */
const ordersAllowed =
  `orders from 0 to ${sizeLimits.markovOrder}, at most ${sizeLimits.sweepOrders} of them, ` + 'e.g. 1..12 or 2,4,8';

/**
 * `1..12`, `3,5,7` or a mix (`1..4,8`): the orders to sweep, in the order given. Each is checked
 * against its bound before a range is spelled out, so `1..100000000` is one line, not a stack overflow.
 */
export function parseOrders(raw: string): number[] {
  const orders: number[] = [];
  const refuse = (why: string) => new RangeError(`--orders ${raw}: ${why}; it takes ${ordersAllowed}`);
  for (const part of raw.split(',')) {
    const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(part);
    const single = /^\s*(\d+)\s*$/.exec(part);
    if (!range && !single) throw refuse(`${JSON.stringify(part.trim())} is not an order or a range`);
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    if (from > to) throw refuse(`the range ${part.trim()} is empty`);
    if (to > sizeLimits.markovOrder) throw refuse(`${to} is above ${sizeLimits.markovOrder}`);
    if (orders.length + (to - from + 1) > sizeLimits.sweepOrders) throw refuse('that is too many orders');
    for (let n = from; n <= to; n++) orders.push(n);
  }
  return orders;
}

/** The held-out fractions as {@link splitCorpus} takes them, checked here so the message names the flag. */
function splitOptions(options: { validationFraction: number; testFraction: number }): CorpusSplitOptions {
  for (const [flag, value] of [
    ['--validation-fraction', options.validationFraction],
    ['--test-fraction', options.testFraction],
  ] as const) {
    if (!(value >= 0 && value < 1)) throw new RangeError(`${flag} must be a number in [0, 1), got ${value}`);
  }
  if (options.validationFraction + options.testFraction >= 1) {
    throw new RangeError('--validation-fraction and --test-fraction must leave a training part (sum < 1)');
  }
  return { validationFraction: options.validationFraction, testFraction: options.testFraction };
}

/** The part of `text` a command works on: one part of the shared split, or all of it. */
function splitPart(text: string, part: CorpusPart | 'all', split: CorpusSplitOptions): string {
  if (part === 'all') return text;
  const chosen = splitCorpus(text, split)[part];
  if (chosen.length === 0) throw new RangeError(`the ${part} part of the text is empty; raise its fraction`);
  return chosen;
}

/** The flags of the shared split, on every command that cuts a corpus. */
function withSplitFlags(command: Command): Command {
  return command
    .option(
      '--validation-fraction <f>',
      'share held out for validation after the training part, as every language model recipe holds it out',
      parseNumber,
      defaultCorpusValidationFraction,
    )
    .option(
      '--test-fraction <f>',
      'share at the very end held out for the final test',
      parseNumber,
      defaultCorpusTestFraction,
    );
}

/** Bits per character as the table shows it: `inf` when a character had probability 0. */
function formatBits(bits: number): string {
  return Number.isFinite(bits) ? bits.toFixed(4) : 'inf';
}

/** JSON has no Infinity: an infinite score is written as null. */
function jsonNumber(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * `rnn markov train|generate|eval|sweep`: the n-gram baseline of @rnn/markov from the terminal.
 * Commands print data only on stdout (the generated text, the scores, the sweep table; JSON with the
 * global `--json`) and nothing on stderr unless something is wrong.
 */
export function registerMarkovCommand(program: Command, io: CliIo = processIo): void {
  const markov = program
    .command('markov')
    .description('the character n-gram Markov model: train, generate, evaluate, sweep orders');

  withSplitFlags(markov.command('train'))
    .description('train an order-N model on the training part of a corpus (both fractions 0: all of it) and save it')
    .requiredOption(
      '--order <n>',
      `characters of context N, ${rangeText(0, sizeLimits.markovOrder)}`,
      parseIntegerIn('--order', 0, sizeLimits.markovOrder),
    )
    .option('--corpus <name-or-file>', markovCorpusHelp, 'tinyshakespeare')
    .addOption(
      new Option('--smoothing <name>', 'how counts become probabilities')
        .choices([...smoothingNames])
        .default('kneser-ney'),
    )
    .option('--k <k>', 'k of add-k smoothing (> 0; default 1)', parseNumber)
    .requiredOption('--out <file>', 'where to save the model')
    .option('--force', 'replace the --out file if it exists already')
    .action(async (options: TrainOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      requirePath('--corpus', options.corpus, 'a corpus or a file');
      checkOutputFile('--out', options.out, options.force === true);
      if (options.k !== undefined && options.smoothing !== 'add-k') {
        throw new RangeError(`--k is for --smoothing add-k only, not ${options.smoothing}`);
      }
      const split = splitOptions(options);
      const smoothing = toSmoothing(options.smoothing, options.k);
      const whole = options.validationFraction === 0 && options.testFraction === 0;
      checkTextFileSize('--corpus', options.corpus, sizeLimits.markovTextBytes, markovTextPurpose);
      const text = splitPart(loadCorpus(options.corpus), whole ? 'all' : 'train', split);
      const model = trainMarkov(text, { order: options.order, smoothing });
      await saveMarkov(model, options.out);
      const info = model.info();
      if (json) {
        printJson(io, { file: options.out, ...info });
        return;
      }
      io.stdout.write(
        `${options.out}: order ${info.order}, ${info.smoothing}, trained on ${info.trainingLength} characters ` +
          `(alphabet ${info.alphabetSize}), ${info.storedContexts} contexts stored\n`,
      );
    });

  markov
    .command('generate')
    .description('generate text from a saved model (prints the prime, then the generated characters)')
    .requiredOption('--model <file>', 'a model saved by `rnn markov train`')
    .option('--prime <text>', 'text the model reads first (default: none)')
    .option(
      '--length <n>',
      `characters to generate, ${rangeText(0, sizeLimits.generateLength)} (written as they come; ` +
        `at most ${formatCount(sizeLimits.jsonText)} with --json, which prints one document)`,
      parseIntegerIn('--length', 0, sizeLimits.generateLength),
      defaultLength,
    )
    .option('--temperature <t>', 'sampling temperature >= 0; 0 is greedy (default 1)', parseNumber)
    .option('--top-k <k>', 'sample only among the k most likely characters', parseInteger)
    .option('--top-p <p>', 'sample only from the smallest set with probability >= p, in (0, 1]', parseNumber)
    .option('--seed <seed>', `seed of the sampling stream (default ${defaultSeed})`, parseSeed)
    .action(async (options: GenerateCommandOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      const { prime = '', seed = defaultSeed, length } = options;
      if (json && length > sizeLimits.jsonText) {
        throw new RangeError(
          `--length ${length} is too long for --json, which holds the whole text in one document: at most ` +
            `${formatCount(sizeLimits.jsonText)} characters; leave out --json to stream it`,
        );
      }
      requirePath('--model', options.model, 'a model file');
      const sampler = createSampler({ temperature: options.temperature, topK: options.topK, topP: options.topP });
      const model = await loadMarkov(options.model);
      const rng = createRng(seed).fork('sample');
      if (json) {
        const result = await generate(model, { prime, length, sampler, rng });
        printJson(io, { prime, generated: result.generated, text: result.text, seed });
        return;
      }
      // Exactly the text, in chunks as it comes (a long text is never held whole); a final newline
      // only on a terminal, so that piping keeps the text intact. The prime goes out once it has
      // been read, so a prime the model refuses prints nothing.
      const out = chunkedWriter(io.stdout);
      let last = '';
      let started = false;
      const emit = (text: string): Promise<void> | undefined => {
        if (!started) {
          started = true;
          if (prime !== '') emit(prime);
        }
        if (text === '') return undefined;
        last = text[text.length - 1];
        return out.write(text);
      };
      await generate(model, { prime, length, sampler, rng, keep: false, onToken: emit });
      emit('');
      await out.end();
      if (io.stdout.isTTY && last !== '\n') io.stdout.write('\n');
    });

  withSplitFlags(markov.command('eval'))
    .description('score a text under a saved model: bits per character, perplexity, scored positions')
    .requiredOption('--model <file>', 'a model saved by `rnn markov train`')
    .requiredOption('--text <name-or-file>', corpusHelp)
    .addOption(
      new Option('--split <part>', 'score all of the text, or only one part of the shared split')
        .choices(['all', ...corpusParts])
        .default('all'),
    )
    .action(async (options: EvalOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      requirePath('--model', options.model, 'a model file');
      requirePath('--text', options.text, 'a corpus or a file');
      const text = splitPart(loadCorpus(options.text), options.split, splitOptions(options));
      const model = await loadMarkov(options.model);
      const score = model.score(text);
      if (json) {
        printJson(io, {
          bitsPerChar: jsonNumber(score.bitsPerChar),
          perplexity: jsonNumber(score.perplexity),
          positions: score.positions,
        });
        return;
      }
      io.stdout.write(
        `bits/char ${formatBits(score.bitsPerChar)}  perplexity ${Number.isFinite(score.perplexity) ? score.perplexity.toFixed(3) : 'inf'}  positions ${score.positions}\n`,
      );
    });

  withSplitFlags(markov.command('sweep'))
    .description(
      'train on the training part and score the validation part for each order and smoothing; the best order is then scored once on the test part',
    )
    .option('--corpus <name-or-file>', markovCorpusHelp, 'tinyshakespeare')
    .option('--orders <list>', `${ordersAllowed} (default 1..12)`, parseOrders)
    .option('--k <list>', `add-k values to try, best reported (default ${defaultKValues.join(',')})`, parseNumberList)
    .action((options: SweepCommandOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      const split = splitOptions(options);
      if (options.validationFraction === 0 || options.testFraction === 0) {
        throw new RangeError(
          '--validation-fraction and --test-fraction must be > 0 for a sweep (it scores both parts)',
        );
      }
      checkTextFileSize('--corpus', options.corpus, sizeLimits.markovTextBytes, markovTextPurpose);
      const { train, validation, test } = splitCorpus(loadCorpus(options.corpus), split);
      const rows = sweepOrders(train, validation, {
        orders: options.orders ?? parseOrders('1..12'),
        kValues: options.k,
      });
      const best = rows.reduce((a, b) => (b.kneserNey < a.kneserNey ? b : a));
      const bestTest = trainMarkov(train, { order: best.order }).bitsPerChar(test);
      if (json) {
        printJson(io, {
          rows: rows.map((r) => ({
            order: r.order,
            mle: jsonNumber(r.mle),
            addK: { k: r.addK.k, bitsPerChar: r.addK.bitsPerChar },
            kneserNey: r.kneserNey,
            positions: r.positions,
          })),
          best: { order: best.order, validationBitsPerChar: best.kneserNey, testBitsPerChar: bestTest },
        });
        return;
      }
      io.stdout.write(sweepTable(rows, train.length, validation.length));
      io.stdout.write(
        `best on validation: order ${best.order} (${formatBits(best.kneserNey)}); on the test part (${test.length} chars): ${formatBits(bestTest)}\n`,
      );
    });
}

/** The sweep as a plain-text table of bits per character on the validation text. */
function sweepTable(rows: readonly SweepRow[], trainLength: number, validationLength: number): string {
  const header = ['order', 'mle', 'add-k (best k)', describeSmoothing({ kind: 'kneser-ney' })];
  const cells = rows.map((r) => [
    String(r.order),
    formatBits(r.mle),
    `${formatBits(r.addK.bitsPerChar)} (k=${r.addK.k})`,
    formatBits(r.kneserNey),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => c.map((cell, i) => cell.padStart(widths[i])).join('  ');
  return [
    `bits per character on the validation part (${validationLength} chars; trained on ${trainLength})`,
    line(header),
    ...cells.map(line),
    '',
  ].join('\n');
}

interface TrainOptions {
  readonly order: number;
  readonly corpus: string;
  readonly smoothing: SmoothingName;
  readonly k?: number;
  readonly validationFraction: number;
  readonly testFraction: number;
  readonly out: string;
  readonly force?: boolean;
}

interface GenerateCommandOptions {
  readonly model: string;
  readonly prime?: string;
  readonly length: number;
  readonly temperature?: number;
  readonly topK?: number;
  readonly topP?: number;
  readonly seed?: string;
}

interface EvalOptions {
  readonly model: string;
  readonly text: string;
  readonly split: 'all' | CorpusPart;
  readonly validationFraction: number;
  readonly testFraction: number;
}

interface SweepCommandOptions {
  readonly corpus: string;
  readonly orders?: number[];
  readonly k?: number[];
  readonly validationFraction: number;
  readonly testFraction: number;
}
