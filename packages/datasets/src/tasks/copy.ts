import { maskFromLengths } from '../batching/mask-from-lengths';
import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { zerosInt32 } from '../tensor';
import { checkOrdered, checkRng, checkTaskSize } from '../validate';
import { Vocabulary } from '../vocabulary';
import { checkIndex } from './decode-helpers';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** Options of {@link copyTask}; every one has the source notebook's default. */
export interface CopyOptions {
  /** Number of sequences. Default 10000. */
  readonly n?: number;
  /** The symbols, one per character, distinct; they get ids 1..|alphabet| in this order. Default "abc". */
  readonly alphabet?: string;
  /** Shortest sequence (symbols, without the stop). Default 3. */
  readonly minLength?: number;
  /** Longest sequence (symbols, without the stop). Default 14. */
  readonly maxLength?: number;
  /** Target the input reversed instead of copied. Default false. */
  readonly reverse?: boolean;
}

/** The declared options of {@link copyTask}, with defaults and ranges. */
export const copyOptionSpecs: OptionSpecs = {
  n: { type: 'integer', default: 10000, min: 1, description: 'number of sequences' },
  alphabet: { type: 'string', default: 'abc', description: 'symbols, one per character, distinct' },
  minLength: { type: 'integer', default: 3, min: 1, description: 'shortest sequence (without the stop symbol)' },
  maxLength: { type: 'integer', default: 14, min: 1, description: 'longest sequence (without the stop symbol)' },
  reverse: { type: 'boolean', default: false, description: 'target the input reversed' },
};

/**
 * Copy or reverse (encoder-decoder, source 001): sequences of symbols drawn uniformly from
 * `alphabet` with lengths uniform in [minLength, maxLength]. Ids 1..|alphabet| are the symbols and id
 * 0 is the stop symbol that ends every sequence and pads it: `[n, maxLength + 1]` ids where every row
 * is `symbols..., 0, 0...`. The target is the same or, with `reverse`, the symbols reversed, then the
 * stop. `lengths` and `mask` count the stop symbol, as the source's loss mask does.
 */
export function copyTask(options: CopyOptions, rng: Rng): Dataset {
  const where = 'copy';
  const o = resolveOptions<Required<CopyOptions>>(where, copyOptionSpecs, options);
  checkRng(where, rng);
  const { n, alphabet, minLength, maxLength, reverse } = o;
  checkOrdered(where, 'minLength', minLength, 'maxLength', maxLength);
  checkTaskSize(where, 'n × (maxLength + 1)', n * (maxLength + 1));
  const symbols = [...alphabet];
  if (new Set(symbols).size !== symbols.length) {
    throw new RangeError(`${where}: alphabet must have distinct characters, got ${JSON.stringify(alphabet)}`);
  }
  const vocabulary = Vocabulary.fromSymbols(symbols, { reserved: '<stop>' });
  const A = symbols.length;
  const lengths = new Int32Array(n);
  const drawn: Int32Array[] = [];
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const length = rng.int(minLength, maxLength);
    const seq = new Int32Array(length);
    for (let t = 0; t < length; t++) seq[t] = rng.int(1, A);
    drawn.push(seq);
    lengths[i] = length + 1; // the stop symbol is a real step
    longest = Math.max(longest, length);
  }
  // As in the source, padded to the longest drawn sequence plus its stop symbol.
  const steps = longest + 1;
  const inputs = zerosInt32([n, steps]);
  const targets = zerosInt32([n, steps]);
  drawn.forEach((seq, i) => {
    inputs.data.set(seq, i * steps);
    targets.data.set(reverse ? seq.slice().reverse() : seq, i * steps);
  });
  const mask = maskFromLengths(lengths, steps);
  return {
    task: where,
    typology: 'seq2seq',
    options: o,
    size: n,
    inputs,
    lengths,
    mask,
    targets,
    targetLengths: lengths,
    targetMask: mask,
    vocabulary,
    decode(index) {
      checkIndex(where, index, n);
      const row = (t: Int32Array) => t.subarray(index * steps, index * steps + lengths[index]);
      return {
        input: vocabulary.decode(row(inputs.data)),
        target: vocabulary.decode(row(targets.data)),
        length: lengths[index] - 1,
      };
    },
  };
}
