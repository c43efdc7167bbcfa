import { statSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { corpusNames } from '@rnn/datasets/node';
import { UsageError } from './usage-error';

/** Parses a numeric option; commander turns the error into `error: option '--x <n>' argument 'abc' is invalid. Not a number.` */
export function parseNumber(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError('Not a number.');
  return value;
}

/** Parses an integer option. */
export function parseInteger(raw: string): number {
  const value = parseNumber(raw);
  if (!Number.isInteger(value)) throw new InvalidArgumentError('Not an integer.');
  return value;
}

/** Parses a comma-separated list of numbers, e.g. `1,5,10`. */
export function parseNumberList(raw: string): number[] {
  return raw.split(',').map((part) => parseNumber(part));
}

/** A count as help texts and messages show it: `1000000` as `1,000,000`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** An integer option's allowed values for its help text, e.g. `1 to 16,384`. */
export function rangeText(min: number, max: number): string {
  return `${formatCount(min)} to ${formatCount(max)}`;
}

/**
 * A parser for the integer option `flag` that takes `min..max` only. The bound is stated in the
 * option's help, and a slip such as `1e12` gets one line naming the option and what it takes
 * (`--hidden must be an integer from 1 to 16,384, got 1e12`) instead of failing deep inside as
 * "Invalid typed array length". A RangeError, so the CLI exits 2; text that is no number at all is
 * commander's `Not a number.`, as for every numeric option.
 */
export function parseIntegerIn(flag: string, min: number, max: number): (raw: string) => number {
  return (raw) => {
    const value = parseNumber(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${flag} must be an integer from ${rangeText(min, max)}, got ${raw}`);
    }
    return value;
  };
}

/**
 * The upper bounds of the size options. Each is far past what any recipe uses, and within what a
 * 24 GB machine runs; beyond them a value is far more likely a slip than a plan.
 */
export const sizeLimits = {
  /** `rnn train --hidden`: units per recurrent layer (the memory estimate bounds it further). */
  hidden: 16_384,
  /** `rnn train --layers`. */
  layers: 64,
  /** `rnn train --embedding`: width of a language model's character embedding. */
  embedding: 16_384,
  /** `rnn train --epochs`. */
  epochs: 100_000,
  /** `rnn train --batch-size`. */
  batchSize: 65_536,
  /** `rnn train --test-size`: fresh test examples (per length, where a target measures each). */
  testSize: 1_000_000,
  /** `rnn train --length`: characters per stream and step of a language model. */
  length: 100_000,
  /** `rnn data --n`: examples printed (a task builds them all in memory first). */
  dataExamples: 1_000_000,
  /** `rnn sample --length`: characters an RNN writes (a few thousand a second). */
  sampleLength: 10_000_000,
  /** `rnn sample --beam`: beams searched side by side, each with its own model state. */
  beamWidth: 1_000,
  /** `rnn markov generate --length`: written in chunks, so only time bounds it. */
  generateLength: 10_000_000_000,
  /** Characters of text one `--json` document may hold (it is built whole before it is printed). */
  jsonText: 10_000_000,
  /** `rnn markov --order`, and every order of `rnn markov sweep --orders`. */
  markovOrder: 64,
  /** Orders one `rnn markov sweep` compares. */
  sweepOrders: 64,
  /**
   * Bytes of text `rnn markov train` and `sweep` take: the model keeps the text and every context
   * in memory, 25 to 100 bytes a character (enwik8's 100 MB fit).
   */
  markovTextBytes: 128_000_000,
  /** Bytes of weights, gradients and Adam state one training run may need. */
  weightBytes: 4_000_000_000,
  /** Bytes of values one training step of a language model keeps for its backward pass. */
  activationBytes: 8_000_000_000,
} as const;

/** Bytes as a message shows them: `14.4 GB`, `200.0 MB`. */
export function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The settings that size a network's training memory, as a recipe resolves them. */
export interface NetworkSize {
  readonly cell: string;
  readonly hidden: number;
  readonly layers: number;
  /** Width of what the first layer reads (a language model's embedding); small for the other recipes. */
  readonly embedding?: number;
  /** Examples per batch and steps per example, where the steps are known before the data (language models). */
  readonly batchSize?: number;
  readonly length?: number;
}

/** Weight matrices per recurrent cell: one per gate. */
const gatesOf: Readonly<Record<string, number>> = { elman: 1, simple: 1, gru: 3, lstm: 4 };

/**
 * About how much memory training a network needs: `weights` for its parameters, their gradients and
 * Adam's two moments (16 bytes a parameter), `activations` for the values one step keeps for its
 * backward pass (when its batch and length are known). Estimates for a message, not a promise.
 */
export function trainingMemory(size: NetworkSize): { readonly weights: number; readonly activations: number } {
  const gates = gatesOf[size.cell] ?? 4;
  let parameters = 0;
  for (let layer = 0; layer < size.layers; layer++) {
    const input = layer === 0 ? (size.embedding ?? 0) : size.hidden;
    parameters += gates * (input + size.hidden + 1) * size.hidden;
  }
  const perStep = size.layers * size.hidden * (2 * gates + 4);
  const activations = size.batchSize && size.length ? size.batchSize * size.length * perStep * 4 : 0;
  return { weights: parameters * 16, activations };
}

/**
 * Refuses, in one line naming the options, a network whose training would not fit in memory (see
 * {@link sizeLimits}), before any of it is allocated: tfjs would otherwise fail with "Invalid typed
 * array length" or page the machine to a halt.
 */
export function checkTrainingMemory(size: NetworkSize): void {
  const { weights, activations } = trainingMemory(size);
  const network = `--hidden ${size.hidden} with --layers ${size.layers} (${size.cell})`;
  if (weights > sizeLimits.weightBytes) {
    throw new UsageError(
      `${network} needs about ${formatBytes(weights)} for the weights, gradients and Adam state; ` +
        `the limit is ${formatBytes(sizeLimits.weightBytes)}: lower --hidden or --layers`,
    );
  }
  if (activations > sizeLimits.activationBytes) {
    throw new UsageError(
      `--batch-size ${size.batchSize} and --length ${size.length} on ${network} need about ` +
        `${formatBytes(activations)} for one step's activations; the limit is ` +
        `${formatBytes(sizeLimits.activationBytes)}: lower --batch-size or --length`,
    );
  }
}

/**
 * Refuses a text file bigger than `maxBytes` before reading it: one line naming the option, the
 * file, its size and the limit. Corpus names and paths that are not files pass; the reader reports
 * those.
 */
export function checkTextFileSize(flag: string, nameOrPath: string, maxBytes: number, purpose: string): void {
  if (corpusNames.includes(nameOrPath)) return;
  let size: number;
  try {
    const stat = statSync(nameOrPath);
    if (!stat.isFile()) return;
    size = stat.size;
  } catch {
    return;
  }
  if (size > maxBytes) {
    throw new UsageError(
      `${flag} ${nameOrPath} is ${formatBytes(size)}; ${purpose}, at most ${formatBytes(maxBytes)} of text`,
    );
  }
}

/** The longest seed taken: a seed is a name for a random stream, not a place to paste text. */
export const maxSeedLength = 100;

/**
 * Parses `--seed`: any word or number of at most {@link maxSeedLength} printable characters. An
 * empty or blank seed, or one with control characters, is almost surely a slip of the shell (an
 * unset variable, a pasted line), and would silently name a stream nobody can type again.
 */
export function parseSeed(raw: string): string {
  if (raw.trim() === '') throw new RangeError(`--seed must be a word or a number, got an empty seed`);
  if (raw.length > maxSeedLength) {
    throw new RangeError(`--seed must be at most ${maxSeedLength} characters, got ${formatCount(raw.length)}`);
  }
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    throw new RangeError('--seed must be printable characters, got a control character (a newline or tab?)');
  }
  return raw;
}

/**
 * A parser for the numeric option `flag` that takes numbers above 0 only (a rate, a norm, a budget):
 * the one line names the flag the user typed, not the library's name for the setting.
 */
export function parsePositive(flag: string): (raw: string) => number {
  return (raw) => {
    const value = parseNumber(raw);
    if (!(value > 0)) throw new RangeError(`${flag} must be a number > 0, got ${raw}`);
    return value;
  };
}
