import { maskFromLengths } from '../batching/mask-from-lengths';
import { gatherRows } from '../batching/take-batch';
import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { zerosInt32 } from '../tensor';
import { checkOrdered, checkRng, checkTaskSize } from '../validate';
import { Vocabulary } from '../vocabulary';
import { checkIndex } from './decode-helpers';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** Options of {@link additionTask}; every one has the source notebook's default. */
export interface AdditionOptions {
  /** Number of examples. Default 20000. */
  readonly n?: number;
  /** Fewest digits of an operand: operands start at 10^(minDigits-1). Default 3. */
  readonly minDigits?: number;
  /** Most digits of an operand: operands end at 10^maxDigits - 1. Default 4. */
  readonly maxDigits?: number;
  /** Reverse the input text (the Keras addition example's trick). Default false. */
  readonly reverse?: boolean;
  /**
   * Pad with spaces to a fixed width: the input to 2 * maxDigits + 1 characters and the target to
   * maxDigits + 1, before any reversal (as Keras does). Default false.
   */
  readonly fixedWidth?: boolean;
  /**
   * Right-align each operand in maxDigits columns with leading spaces, as sums are written for column
   * addition, so a digit's place is its distance from the "+" and from the end. Default false.
   */
  readonly alignOperands?: boolean;
  /**
   * Write the target sum least-significant digit first (the stop still last), so each digit is
   * written right after the one whose carry it needs. `decode` still shows the sum in reading order.
   * Default false.
   */
  readonly reverseAnswer?: boolean;
}

/** The declared options of {@link additionTask}, with defaults and ranges. */
export const additionOptionSpecs: OptionSpecs = {
  n: { type: 'integer', default: 20000, min: 1, description: 'number of examples' },
  minDigits: { type: 'integer', default: 3, min: 1, max: 15, description: 'fewest digits of an operand' },
  maxDigits: { type: 'integer', default: 4, min: 1, max: 15, description: 'most digits of an operand' },
  reverse: { type: 'boolean', default: false, description: 'reverse the input text' },
  fixedWidth: { type: 'boolean', default: false, description: 'pad input and target with spaces to a fixed width' },
  alignOperands: { type: 'boolean', default: false, description: 'right-align the operands with leading spaces' },
  reverseAnswer: { type: 'boolean', default: false, description: 'write the sum least-significant digit first' },
};

/** The characters of every addition example, ids 1..12; id 0 is the stop/padding symbol. */
export const additionSymbols: readonly string[] = [' ', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The text "x+y" as the encoder reads it, before any reversal: each operand right-aligned in
 * maxDigits columns with `alignOperands`, the whole padded to 2 * maxDigits + 1 with `fixedWidth`.
 * The generator and the parser of typed inputs both write it here, so they cannot drift apart.
 */
export function additionQuery(
  x: number | string,
  y: number | string,
  o: { readonly maxDigits: number; readonly alignOperands?: boolean; readonly fixedWidth?: boolean },
): string {
  const operand = (v: number | string) => (o.alignOperands ? String(v).padStart(o.maxDigits, ' ') : String(v));
  const query = `${operand(x)}+${operand(y)}`;
  return o.fixedWidth ? query.padEnd(2 * o.maxDigits + 1, ' ') : query;
}

/** A written sum in reading order: turned back when the task writes it units digit first. */
export function sumInReadingOrder(written: string, reverseAnswer: boolean): string {
  return reverseAnswer ? [...written].reverse().join('') : written;
}

/**
 * Addition as text (encoder-decoder, source 001): operands x and y uniform in
 * [10^(minDigits-1), 10^maxDigits - 1] (so most have maxDigits digits, as the source notes), input
 * `"x+y"`, target the decimal sum. Both are character ids over {@link additionSymbols} followed by the
 * stop symbol 0 and zero padding: inputs `[n, longest input + 1]`, targets `[n, longest sum + 1]`,
 * with separate `lengths` and `targetLengths` (both counting the stop).
 */
export function additionTask(options: AdditionOptions, rng: Rng): Dataset {
  const where = 'addition';
  const o = resolveOptions<Required<AdditionOptions>>(where, additionOptionSpecs, options);
  checkRng(where, rng);
  const { n, minDigits, maxDigits, reverse, fixedWidth, reverseAnswer } = o;
  checkOrdered(where, 'minDigits', minDigits, 'maxDigits', maxDigits);
  checkTaskSize(where, 'n × (2 × maxDigits + 2)', n * (2 * maxDigits + 2));
  const vocabulary = Vocabulary.fromSymbols(additionSymbols, { reserved: '<stop>' });
  const lo = 10 ** (minDigits - 1);
  const hi = 10 ** maxDigits - 1;
  // Written at the widest possible shape ("x+y" of maxDigits each, the sum one digit longer, plus
  // the stop), one example after the other, then narrowed to the longest drawn.
  const maxSteps = 2 * maxDigits + 2;
  const maxTargetSteps = maxDigits + 2;
  let inputs = zerosInt32([n, maxSteps]);
  let targets = zerosInt32([n, maxTargetSteps]);
  const lengths = new Int32Array(n);
  const targetLengths = new Int32Array(n);
  const idOf = new Int32Array(128);
  for (const ch of additionSymbols) idOf[ch.charCodeAt(0)] = vocabulary.idOf(ch);
  const write = (text: string, into: Int32Array, at: number, reversed: boolean) => {
    const last = text.length - 1;
    for (let k = 0; k <= last; k++) into[at + k] = idOf[text.charCodeAt(reversed ? last - k : k)];
  };
  let steps = 0;
  let targetSteps = 0;
  for (let i = 0; i < n; i++) {
    const x = rng.int(lo, hi);
    const y = rng.int(lo, hi);
    const query = additionQuery(x, y, o);
    const answer = fixedWidth ? `${x + y}`.padEnd(maxDigits + 1, ' ') : `${x + y}`;
    write(query, inputs.data, i * maxSteps, reverse);
    write(answer, targets.data, i * maxTargetSteps, reverseAnswer);
    lengths[i] = query.length + 1; // the stop symbol (id 0, already there) is a real step
    targetLengths[i] = answer.length + 1;
    steps = Math.max(steps, lengths[i]);
    targetSteps = Math.max(targetSteps, targetLengths[i]);
  }
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (steps < maxSteps) inputs = gatherRows(inputs, all, steps);
  if (targetSteps < maxTargetSteps) targets = gatherRows(targets, all, targetSteps);
  return {
    task: where,
    typology: 'seq2seq',
    options: o,
    size: n,
    inputs,
    lengths,
    mask: maskFromLengths(lengths, steps),
    targets,
    targetLengths,
    targetMask: maskFromLengths(targetLengths, targetSteps),
    vocabulary,
    decode(index) {
      checkIndex(where, index, n);
      const text = vocabulary.decode(inputs.data.subarray(index * steps, (index + 1) * steps));
      const written = vocabulary.decode(targets.data.subarray(index * targetSteps, (index + 1) * targetSteps));
      // The sum as a person reads it, whichever order the model writes it in.
      return { input: text, target: sumInReadingOrder(written, reverseAnswer), length: lengths[index] - 1 };
    },
  };
}
