import { Command, InvalidArgumentError, Option } from 'commander';
import { createRng, defaultValidationFraction, splitTrainValidation } from '@rnn/datasets';
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

/** The held-out fraction, checked here so the message names the flag. */
function checkValidationFraction(fraction: number): number {
  if (!(fraction >= 0 && fraction < 1)) {
    throw new RangeError(`--validation-fraction must be a number in [0, 1), got ${fraction}`);
  }
  return fraction;
}

/** The part of `text` a command works on: the training part, the validation part, or all of it. */
function splitPart(text: string, part: 'train' | 'validation' | 'all', fraction: number): string {
  if (part === 'all') return text;
  const split = splitTrainValidation(text, { validationFraction: fraction });
  const chosen = split[part];
  if (chosen.length === 0) {
    throw new RangeError(`the ${part} part of the text is empty (--validation-fraction ${fraction})`);
  }
  return chosen;
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

  markov
    .command('train')
    .description('train an order-N model on a corpus and save it')
    .requiredOption('--order <n>', 'characters of context N (an integer >= 0)', parseInteger)
    .option('--corpus <name-or-file>', corpusHelp, 'tinyshakespeare')
    .addOption(
      new Option('--smoothing <name>', 'how counts become probabilities')
        .choices([...smoothingNames])
        .default('kneser-ney'),
    )
    .option('--k <k>', 'k of add-k smoothing (> 0; default 1)', parseNumber)
    .option(
      '--validation-fraction <f>',
      `train on the text before the last f of the corpus, the split every RNN recipe holds out; 0 trains on all of it (default ${defaultValidationFraction})`,
      parseNumber,
      defaultValidationFraction,
    )
    .requiredOption('--out <file>', 'where to save the model')
    .action(async (options: TrainOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      if (options.k !== undefined && options.smoothing !== 'add-k') {
        throw new RangeError(`--k is for --smoothing add-k only, not ${options.smoothing}`);
      }
      const fraction = checkValidationFraction(options.validationFraction);
      const smoothing = toSmoothing(options.smoothing, options.k);
      const text = splitPart(loadCorpus(options.corpus), fraction === 0 ? 'all' : 'train', fraction);
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

  markov
    .command('eval')
    .description('score a text under a saved model: bits per character, perplexity, scored positions')
    .requiredOption('--model <file>', 'a model saved by `rnn markov train`')
    .requiredOption('--text <name-or-file>', corpusHelp)
    .addOption(
      new Option('--split <part>', 'score all of the text, or only its training or validation part')
        .choices(['all', 'train', 'validation'])
        .default('all'),
    )
    .option(
      '--validation-fraction <f>',
      `with --split: the held-out fraction at the end (default ${defaultValidationFraction})`,
      parseNumber,
      defaultValidationFraction,
    )
    .action(async (options: EvalOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      const fraction = checkValidationFraction(options.validationFraction);
      const text = splitPart(loadCorpus(options.text), options.split, fraction);
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

  markov
    .command('sweep')
    .description('train on the training split and score the validation split for each order and smoothing')
    .option('--corpus <name-or-file>', corpusHelp, 'tinyshakespeare')
    .option('--orders <list>', 'orders to compare, e.g. 1..12 or 2,4,8 (default 1..12)', parseOrders)
    .option('--k <list>', `add-k values to try, best reported (default ${defaultKValues.join(',')})`, parseNumberList)
    .option(
      '--validation-fraction <f>',
      `the held-out fraction at the end of the corpus (default ${defaultValidationFraction})`,
      parseNumber,
      defaultValidationFraction,
    )
    .action((options: SweepCommandOptions, cmd: Command) => {
      const { json } = cmd.optsWithGlobals<GlobalOptions>();
      const fraction = checkValidationFraction(options.validationFraction);
      if (fraction === 0)
        throw new RangeError('--validation-fraction must be > 0 for a sweep (it scores the held-out part)');
      const { train, validation } = splitTrainValidation(loadCorpus(options.corpus), { validationFraction: fraction });
      const rows = sweepOrders(train, validation, {
        orders: options.orders ?? parseOrders('1..12'),
        kValues: options.k,
      });
      if (json) {
        printJson(
          io,
          rows.map((r) => ({
            order: r.order,
            mle: jsonNumber(r.mle),
            addK: { k: r.addK.k, bitsPerChar: r.addK.bitsPerChar },
            kneserNey: r.kneserNey,
            positions: r.positions,
          })),
        );
        return;
      }
      io.stdout.write(sweepTable(rows, train.length, validation.length));
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
    `bits per character on the validation split (${validationLength} chars; trained on ${trainLength})`,
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
  readonly split: 'all' | 'train' | 'validation';
  readonly validationFraction: number;
}

interface SweepCommandOptions {
  readonly corpus: string;
  readonly orders?: number[];
  readonly k?: number[];
  readonly validationFraction: number;
}
