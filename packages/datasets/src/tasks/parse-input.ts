// The text forms of a task's examples in the other direction from `decode`: a person's input line
// parsed into what the generator would have encoded (so a trained model reads it as it read its
// training data), and a target, e.g. a model's prediction, written as `rnn data` prints targets.
import type { Float32Tensor, Int32Tensor, TypedTensor } from '../tensor';
import { show } from '../validate';
import { Vocabulary } from '../vocabulary';
import { additionQuery, additionSymbols, sumInReadingOrder } from './addition';
import { bitString, readable } from './decode-helpers';
import { resolveOptions } from './option-spec';
import { describeTask, taskNames, type TaskName } from './registry';

/** One input of a task, encoded exactly as the task's generator encodes its inputs: a batch of one. */
export interface TaskInput {
  /**
   * `[1, steps]` Int32 symbol ids (tasks with a vocabulary, the stop symbol included where the task
   * has one) or `[1, steps, features]` Float32 features (numeric tasks).
   */
  readonly inputs: TypedTensor;
  /** `[1]`: the real input steps, counting the stop symbol where the task has one (as `Dataset.lengths`). */
  readonly lengths: Int32Array;
  /**
   * The steps a model must write to answer this input: the most target steps the task's answer can
   * have, stop symbol included, for an encoder-decoder (an upper bound from the input, never the
   * answer itself); the steps generated for a one-to-many task; the input's steps for a per-step
   * task; 1 for one label per sequence; and for sentences, the characters to write after the prime to
   * reach the padded sentence width.
   */
  readonly targetSteps: number;
}

/** The tasks {@link parseTaskInput} and {@link formatTaskTarget} take: every task but `text`. */
export const parsableTaskNames = taskNames.filter((t): t is Exclude<TaskName, 'text'> => t !== 'text');

type ParsableTask = Exclude<TaskName, 'text'>;
type Options = Readonly<Record<string, unknown>>;

function checkTask(where: string, task: string): ParsableTask {
  if (!(parsableTaskNames as readonly string[]).includes(task)) {
    // `text` has no one-line input form: its examples are windows of a corpus, not lines a person writes.
    throw new RangeError(`${where}: task must be one of ${parsableTaskNames.join(', ')}; got ${show(task)}`);
  }
  return task as ParsableTask;
}

/** The task's options with every default filled in and every value checked, as `createTask` holds them. */
function filledOptions(task: ParsableTask, options: Options): Record<string, unknown> {
  return resolveOptions<Record<string, unknown>>(task, describeTask(task).options, options);
}

// The vocabularies the generators build, built the same way from the same options (the round-trip
// tests compare them with the generators' own).
function copyVocabulary(o: Options): Vocabulary {
  return Vocabulary.fromSymbols([...(o.alphabet as string)], { reserved: '<stop>' });
}

function additionVocabulary(): Vocabulary {
  return Vocabulary.fromSymbols(additionSymbols, { reserved: '<stop>' });
}

/** The sentences' padded width and vocabulary, exactly as `sentencesTask` pads and builds them. */
function sentencesShape(o: Options): { width: number; vocabulary: Vocabulary } {
  const sentences = o.sentences as readonly string[];
  const width = Math.max(...sentences.map((s) => [...s].length));
  const padded = sentences.map((s) => s + ' '.repeat(width - [...s].length));
  return { width, vocabulary: Vocabulary.fromText(padded.join(''), { reserved: '<pad>' }) };
}

const article = (task: string) => (/^[aeiou]/.test(task) ? 'an' : 'a');

/** What a malformed input throws: what was wrong (when it says more than "malformed") and the form expected. */
function malformed(task: string, text: string, expected: string, reason?: string): RangeError {
  const why = reason === undefined ? '' : `: ${reason}`;
  return new RangeError(`${show(text)} is not ${article(task)} ${task} input${why}; expected ${expected}`);
}

// The inverse of formatExample's escapes, so a line copied from `rnn data` reads back as it was made.
const unescapes: Record<string, string> = { '\\': '\\', n: '\n', r: '\r', t: '\t' };
const unescapeText = (text: string) => text.replace(/\\([\\nrt])/g, (_, c: string) => unescapes[c]);

const ids = (values: ArrayLike<number>): Int32Tensor => ({ data: Int32Array.from(values), shape: [1, values.length] });

function features(values: readonly number[], width: number): Float32Tensor {
  return { data: Float32Array.from(values), shape: [1, values.length / width, width] };
}

function example(inputs: TypedTensor, targetSteps: number): TaskInput {
  return { inputs, lengths: Int32Array.of(inputs.shape[1]), targetSteps };
}

/** A string of `count` characters cycling through `symbols`, for the examples in error messages. */
const cycle = (symbols: readonly string[], count: number) =>
  Array.from({ length: count }, (_, i) => symbols[(i * 2) % symbols.length]).join('');

function parseOperands(text: string, o: Options): TaskInput {
  const length = o.length as number;
  const sample = Array.from({ length }, (_, t) => `${t % 2 ? '-' : '+'}${(t * 7 + 3) % 10}`).join('');
  const expected = `operands of one digit 0-9, each after its sign + or -, e.g. ${sample}`;
  const compact = text.replace(/\s+/g, '');
  if (compact === '') throw malformed('operands', text, expected, 'it is empty');
  if (!/^([+-]\d)+$/.test(compact)) throw malformed('operands', text, expected);
  const values: number[] = [];
  // Each step is [digit, op]: op 1 adds the digit to the total, op 0 subtracts it.
  for (let at = 0; at < compact.length; at += 2) values.push(Number(compact[at + 1]), compact[at] === '+' ? 1 : 0);
  return example(features(values, 2), 1);
}

function parseCopy(text: string, o: Options): TaskInput {
  const alphabet = o.alphabet as string;
  const symbols = [...alphabet];
  const maxLength = o.maxLength as number;
  const sample = cycle(symbols, Math.min(maxLength, Math.max(o.minLength as number, 5)));
  const expected = `1 to ${maxLength} symbols of the alphabet ${show(alphabet)}, e.g. ${sample}`;
  // Surrounding whitespace is a slip of the pen, unless the alphabet has whitespace symbols.
  const written = /\s/.test(alphabet) ? unescapeText(text) : unescapeText(text.trim());
  const characters = [...written];
  if (characters.length === 0) throw malformed('copy', text, expected, 'it is empty');
  const unknown = characters.find((c) => !symbols.includes(c));
  if (unknown !== undefined) throw malformed('copy', text, expected, `${show(unknown)} is not in the alphabet`);
  // The encoder was trained on at most maxLength symbols and the decoder writes no more than that.
  if (characters.length > maxLength) {
    throw malformed('copy', text, expected, `${characters.length} symbols are more than the task's ${maxLength}`);
  }
  const vocabulary = copyVocabulary(o);
  const sequence = [...vocabulary.encode(characters), Vocabulary.reservedId];
  // A copy (or its reverse) has as many symbols as its input, then the stop.
  return example(ids(sequence), sequence.length);
}

function parseAddition(text: string, o: Options): TaskInput {
  const maxDigits = o.maxDigits as number;
  const sample = `${'123456789012345'.slice(0, Math.max(1, maxDigits - 1))}+${'456789012345678'.slice(0, maxDigits)}`;
  const expected = `two whole numbers of at most ${maxDigits} digits joined by +, e.g. ${sample}`;
  const trimmed = text.trim();
  if (trimmed === '') throw malformed('addition', text, expected, 'it is empty');
  const match = /^(\d+)\s*\+\s*(\d+)$/.exec(trimmed);
  if (!match) throw malformed('addition', text, expected);
  // Written as the generator writes numbers: without leading zeros.
  const [x, y] = [match[1], match[2]].map((n) => n.replace(/^0+(?=\d)/, ''));
  const longest = Math.max(x.length, y.length);
  if (longest > maxDigits) {
    // The decoder was sized for sums of maxDigits-digit operands; a longer sum cannot be written.
    throw malformed(
      'addition',
      text,
      expected,
      `an operand of ${longest} digits is longer than the task's ${maxDigits}`,
    );
  }
  let query = additionQuery(x, y, {
    maxDigits,
    alignOperands: o.alignOperands === true,
    fixedWidth: o.fixedWidth === true,
  });
  if (o.reverse) query = [...query].reverse().join('');
  const sequence = [...additionVocabulary().encode(query), Vocabulary.reservedId];
  // The sum has at most one digit more than the longer operand (a fixed-width one is padded to maxDigits + 1).
  const sumDigits = o.fixedWidth ? maxDigits + 1 : longest + 1;
  return example(ids(sequence), sumDigits + 1);
}

function parseParity(text: string, o: Options): TaskInput {
  const expected = 'bits 0 and 1 written together, e.g. 0110';
  const trimmed = text.trim();
  if (trimmed === '') throw malformed('parity', text, expected, 'it is empty');
  if (!/^[01]+$/.test(trimmed)) throw malformed('parity', text, expected);
  const bits = [...trimmed].map(Number);
  return example(features(bits, 1), o.targets === 'final' ? 1 : bits.length);
}

function parseIncreasing(text: string): TaskInput {
  const expected = 'pairs of whole numbers in parentheses, e.g. (-5, 10) (-6, -3)';
  const trimmed = text.trim();
  if (trimmed === '') throw malformed('increasing', text, expected, 'it is empty');
  const pair = /\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)\s*/y;
  const values: number[] = [];
  while (pair.lastIndex < trimmed.length) {
    const at = pair.lastIndex;
    const match = pair.exec(trimmed);
    if (!match)
      throw malformed('increasing', text, expected, at > 0 ? `not a pair at ${show(trimmed.slice(at))}` : undefined);
    values.push(Number(match[1]), Number(match[2]));
  }
  if (!values.every(Number.isSafeInteger)) throw malformed('increasing', text, expected, 'a number is too large');
  return example(features(values, 2), 1);
}

function parseCounting(text: string, o: Options): TaskInput {
  const expected = `one whole number, e.g. ${o.minValue as number}`;
  const trimmed = text.trim();
  if (trimmed === '') throw malformed('counting', text, expected, 'it is empty');
  const value = Number(trimmed);
  if (!/^-?\d+$/.test(trimmed) || !Number.isSafeInteger(value)) throw malformed('counting', text, expected);
  return example(features([value], 1), o.length as number);
}

function parseWaves(text: string, o: Options): TaskInput {
  const frequencies = o.frequencies as readonly number[];
  const expected = `one of the task's frequencies ${frequencies.join(', ')}`;
  const trimmed = text.trim();
  if (trimmed === '') throw malformed('waves', text, expected, 'it is empty');
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw malformed('waves', text, expected);
  // The input is a one-hot over the trained frequencies: another frequency has no code.
  const k = frequencies.indexOf(value);
  if (k < 0) throw malformed('waves', text, expected, `${value} is not one of them`);
  const oneHot = frequencies.map((_, i) => (i === k ? 1 : 0));
  return example(features(oneHot, frequencies.length), o.length as number);
}

function parseSine(text: string): TaskInput {
  const expected = 'numbers separated by spaces, e.g. 0 0.587785 0.951057';
  const trimmed = text.trim();
  if (trimmed === '') throw malformed('sine', text, expected, 'it is empty');
  const parts = trimmed.split(/\s+/);
  const bad = parts.find((p) => !Number.isFinite(Number(p)));
  if (bad !== undefined) throw malformed('sine', text, expected, `${show(bad)} is not a number`);
  const values = parts.map(Number);
  return example(features(values, 1), values.length);
}

function parseSentences(text: string, o: Options): TaskInput {
  const { width, vocabulary } = sentencesShape(o);
  const sentences = o.sentences as readonly string[];
  const prime = [...sentences[0].split(' ')[0]].slice(0, width - 1).join('');
  const expected = `the first 1 to ${width - 1} characters of a sentence, e.g. ${prime}`;
  // Spaces are symbols of this task (the padding is spaces), so nothing is trimmed.
  const characters = [...unescapeText(text)];
  if (characters.length === 0) throw malformed('sentences', text, expected, 'it is empty');
  const unknown = characters.find((c) => !vocabulary.has(c));
  if (unknown !== undefined) {
    throw malformed('sentences', text, expected, `${show(unknown)} is not a character of the sentences`);
  }
  if (characters.length >= width) {
    throw malformed('sentences', text, expected, `${characters.length} characters leave nothing to write in ${width}`);
  }
  return example(ids(vocabulary.encode(characters)), width - characters.length);
}

/**
 * Parses one input written in the text form `rnn data <task>` prints as an example's input (left of
 * ` -> `) and encodes it exactly as the task's generator encodes its inputs: the same vocabulary ids
 * and stop symbol, the same features, the same padding of a fixed-width addition and reversal of a
 * reversed one, the same `[1, steps(, features)]` shape and `lengths`; so a model trained on the
 * generator's data reads it as it read that data. `options` are the task's options (as
 * `createTask(task, options).options` holds them; missing ones get their defaults).
 *
 * The forms: `-8-2-2-9+1` (operands), `aacab` (copy), `8704+2298` (addition, always written in
 * order: a task with `reverse` reverses it as its generator does), `0110` (parity),
 * `(-5, 10) (-6, -3)` (increasing), `86` (counting), `10`, a frequency of the task (waves),
 * space-separated numbers (sine), and the first characters of a sentence such as `good` (sentences).
 * Lengths other than the generator's are accepted where the model reads any length; an input the
 * model cannot represent (a symbol outside the alphabet, a frequency it has no code for, more than
 * the decoder can write) is refused.
 *
 * @throws RangeError whose message quotes the input, says what is wrong and the form expected, e.g.
 * `"12a+4" is not an addition input; expected two whole numbers of at most 4 digits joined by +, e.g. 123+4567`;
 * also for the `text` task, whose examples are corpus windows rather than lines.
 *
 * @example
 * const { inputs, lengths } = parseTaskInput('copy', 'abca', {});
 * // inputs: { data: Int32Array [1, 2, 3, 1, 0], shape: [1, 5] }, lengths: Int32Array [5]
 */
export function parseTaskInput(task: string, text: string, options: Readonly<Record<string, unknown>> = {}): TaskInput {
  const name = checkTask('parseTaskInput', task);
  if (typeof text !== 'string') throw new RangeError(`parseTaskInput: text must be a string, got ${show(text)}`);
  const o = filledOptions(name, options);
  switch (name) {
    case 'operands':
      return parseOperands(text, o);
    case 'copy':
      return parseCopy(text, o);
    case 'addition':
      return parseAddition(text, o);
    case 'parity':
      return parseParity(text, o);
    case 'increasing':
      return parseIncreasing(text);
    case 'counting':
      return parseCounting(text, o);
    case 'waves':
      return parseWaves(text, o);
    case 'sine':
      return parseSine(text);
    case 'sentences':
      return parseSentences(text, o);
  }
}

function label(where: string, target: number | ArrayLike<number>): number {
  const value = typeof target === 'number' ? target : target.length === 1 ? target[0] : Number.NaN;
  if (value !== 0 && value !== 1) {
    throw new RangeError(
      `${where}: target must be a label 0 or 1, got ${show(typeof target === 'number' ? target : Array.from(target))}`,
    );
  }
  return value;
}

function sequence(where: string, target: number | ArrayLike<number>): ArrayLike<number> {
  if (typeof target === 'number') throw new RangeError(`${where}: target must be a sequence of numbers, got ${target}`);
  return target;
}

/** The symbols before the first stop symbol: what an encoder-decoder wrote. */
function beforeStop(values: ArrayLike<number>): ArrayLike<number> {
  const all = Array.from(values);
  const stop = all.indexOf(Vocabulary.reservedId);
  return stop < 0 ? all : all.slice(0, stop);
}

/**
 * Writes a target of `task` in the text form `rnn data` prints targets in (right of ` -> `), from the
 * target's encoding: a label 0/1 (operands, increasing, final parity), the bits of a running parity,
 * symbol ids (copy, addition: cut at the first stop symbol, which ends what an encoder-decoder
 * wrote; a sum written least-significant digit first is turned back to reading order), or real
 * values (sine and waves rounded to 6 decimals; counting rounded to whole numbers, since its
 * targets are integers). For sentences it writes a completion, the prime's and the
 * written characters' ids, with the trailing padding spaces removed. This is how a model's
 * prediction reads in the task's own terms.
 *
 * @throws RangeError for a target of the wrong kind (a sequence where a label belongs, an id outside
 * the vocabulary).
 *
 * @example
 * formatTaskTarget('addition', [4, 4, 3, 3, 5, 0, 0], {}); // "11002"
 * formatTaskTarget('counting', [87.2, 87.9, 89.1], {});   // "87 88 89"
 */
export function formatTaskTarget(
  task: string,
  target: number | ArrayLike<number>,
  options: Readonly<Record<string, unknown>> = {},
): string {
  const where = 'formatTaskTarget';
  const name = checkTask(where, task);
  const o = filledOptions(name, options);
  switch (name) {
    case 'operands':
    case 'increasing':
      return String(label(where, target));
    case 'parity': {
      if (o.targets === 'final') return String(label(where, target));
      const bits = sequence(where, target);
      return bitString(bits, 0, bits.length);
    }
    case 'copy':
      return copyVocabulary(o).decode(beforeStop(sequence(where, target)));
    case 'addition': {
      const written = additionVocabulary().decode(beforeStop(sequence(where, target)));
      return sumInReadingOrder(written, o.reverseAnswer === true);
    }
    case 'sentences':
      return sentencesShape(o).vocabulary.decode(sequence(where, target)).trimEnd();
    case 'counting':
      return Array.from(sequence(where, target), (v) => String(Math.round(v) + 0)).join(' ');
    case 'waves':
    case 'sine':
      return Array.from(sequence(where, target), (v) => String(readable(v))).join(' ');
  }
}
