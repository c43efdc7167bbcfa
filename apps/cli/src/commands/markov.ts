import { Command, InvalidArgumentError, Option } from 'commander';
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
import { parseInteger, parseNumber, parseNumberList } from '../parse-option';
import { printJson, processIo, type CliIo } from '../cli-io';
import type { GlobalOptions } from '../program';

const defaultSeed = '42';
const defaultLength = 500;
const corpusHelp = `${corpusNames.join(', ')} or a UTF-8 text file`;

/** `1..12`, `3,5,7` or a mix (`1..4,8`): the orders to sweep, in the order given. */
function parseOrders(raw: string): number[] {
  const orders: number[] = [];
  for (const part of raw.split(',')) {
    const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from > to) throw new InvalidArgumentError(`Empty range ${part.trim()}.`);
      for (let n = from; n <= to; n++) orders.push(n);
    } else if (/^\s*\d+\s*$/.test(part)) {
      orders.push(Number(part));
    } else {
      throw new InvalidArgumentError('Expected orders like 1..12 or 3,5,7.');
    }
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
      `share held out for validation after the training part, as every language model recipe holds it out (default ${defaultCorpusValidationFraction})`,
      parseNumber,
      defaultCorpusValidationFraction,
    )
    .option(
      '--test-fraction <f>',
      `share at the very end held out for the final test (default ${defaultCorpusTestFraction})`,
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
    .requiredOption('--order <n>', 'characters of context N (an integer >= 0)', parseInteger)
    .option('--corpus <name-or-file>', corpusHelp, 'tinyshakespeare')
    .addOption(
      new Option('--smoothing <name>', 'how counts become probabilities')
        .choices([...smoothingNames])
        .default('kneser-ney'),
    )
    .option('--k <k>', 'k of add-k smoothing (> 0; default 1)', parseNumber)
    .requiredOption('--out <file>', 'where to save the model')
    .action(async (options: TrainOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      if (options.k !== undefined && options.smoothing !== 'add-k') {
        throw new RangeError(`--k is for --smoothing add-k only, not ${options.smoothing}`);
      }
      const split = splitOptions(options);
      const smoothing = toSmoothing(options.smoothing, options.k);
      const whole = options.validationFraction === 0 && options.testFraction === 0;
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
    .option('--prime <text>', 'text the model reads first (default: none)', '')
    .option('--length <n>', `characters to generate (default ${defaultLength})`, parseInteger, defaultLength)
    .option('--temperature <t>', 'sampling temperature >= 0; 0 is greedy (default 1)', parseNumber)
    .option('--top-k <k>', 'sample only among the k most likely characters', parseInteger)
    .option('--top-p <p>', 'sample only from the smallest set with probability >= p, in (0, 1]', parseNumber)
    .option('--seed <seed>', `seed of the sampling stream (default ${defaultSeed})`, defaultSeed)
    .action(async (options: GenerateCommandOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      if (!(options.length >= 0)) throw new RangeError(`--length must be an integer >= 0, got ${options.length}`);
      const sampler = createSampler({ temperature: options.temperature, topK: options.topK, topP: options.topP });
      const model = await loadMarkov(options.model);
      const result = await generate(model, {
        prime: options.prime,
        length: options.length,
        sampler,
        rng: createRng(options.seed).fork('sample'),
      });
      if (json) {
        printJson(io, { prime: options.prime, generated: result.generated, text: result.text, seed: options.seed });
        return;
      }
      // Exactly the text; a final newline only on a terminal, so that piping keeps the text intact.
      io.stdout.write(io.stdout.isTTY && !result.text.endsWith('\n') ? `${result.text}\n` : result.text);
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
    .option('--corpus <name-or-file>', corpusHelp, 'tinyshakespeare')
    .option('--orders <list>', 'orders to compare, e.g. 1..12 or 2,4,8 (default 1..12)', parseOrders)
    .option('--k <list>', `add-k values to try, best reported (default ${defaultKValues.join(',')})`, parseNumberList)
    .action((options: SweepCommandOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      const split = splitOptions(options);
      if (options.validationFraction === 0 || options.testFraction === 0) {
        throw new RangeError(
          '--validation-fraction and --test-fraction must be > 0 for a sweep (it scores both parts)',
        );
      }
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
}

interface GenerateCommandOptions {
  readonly model: string;
  readonly prime: string;
  readonly length: number;
  readonly temperature?: number;
  readonly topK?: number;
  readonly topP?: number;
  readonly seed: string;
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
