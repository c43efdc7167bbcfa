import { maskFromLengths } from '../batching/mask-from-lengths';
import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { zerosFloat32, zerosInt32 } from '../tensor';
import { checkRng, checkTaskSize } from '../validate';
import { checkIndex, filledInt32 } from './decode-helpers';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** Options of {@link operandsTask}; every one has the source notebook's default. */
export interface OperandsOptions {
  /** Number of sequences. Default 1000. */
  readonly n?: number;
  /** Steps (operands) per sequence. Default 5. */
  readonly length?: number;
}

/** The declared options of {@link operandsTask}, with defaults and ranges. */
export const operandsOptionSpecs: OptionSpecs = {
  n: { type: 'integer', default: 1000, min: 1, description: 'number of sequences' },
  length: { type: 'integer', default: 5, min: 1, description: 'operands per sequence' },
};

/**
 * The pocket calculator (many-to-one, source 000): `length` steps of `[digit, op]` with the digit
 * uniform in 0..9 and op uniform in {0, 1}; op 1 adds the digit to the total and op 0 subtracts it,
 * the first step included. The label is 1 when the total is > 0, else 0 (a total of 0 is class 0).
 * Inputs `[n, length, 2]` floats, targets `[n]` labels.
 */
export function operandsTask(options: OperandsOptions, rng: Rng): Dataset {
  const where = 'operands';
  const o = resolveOptions<Required<OperandsOptions>>(where, operandsOptionSpecs, options);
  checkRng(where, rng);
  const { n, length: L } = o;
  checkTaskSize(where, 'n × length × 2', n * L * 2);
  const inputs = zerosFloat32([n, L, 2]);
  const targets = zerosInt32([n]);
  const digits = new Int32Array(L);
  for (let i = 0; i < n; i++) {
    // Digits first, then operators, as the source draws them.
    for (let t = 0; t < L; t++) digits[t] = rng.int(0, 9);
    let total = 0;
    for (let t = 0; t < L; t++) {
      const op = rng.int(0, 1);
      inputs.data[(i * L + t) * 2] = digits[t];
      inputs.data[(i * L + t) * 2 + 1] = op;
      total += op === 1 ? digits[t] : -digits[t];
    }
    targets.data[i] = total > 0 ? 1 : 0;
  }
  const lengths = filledInt32(n, L);
  return {
    task: where,
    typology: 'classifier',
    options: o,
    size: n,
    inputs,
    lengths,
    mask: maskFromLengths(lengths, L),
    targets,
    classes: 2,
    decode(index) {
      checkIndex(where, index, n);
      let expression = '';
      for (let t = 0; t < L; t++) {
        const at = (index * L + t) * 2;
        expression += `${inputs.data[at + 1] === 1 ? '+' : '-'}${inputs.data[at]}`;
      }
      return { input: expression, target: targets.data[index], length: L };
    },
  };
}
