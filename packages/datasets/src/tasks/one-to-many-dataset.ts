import { maskFromLengths } from '../batching/mask-from-lengths';
import type { Dataset, DecodedValue } from '../dataset';
import type { Float32Tensor } from '../tensor';
import { checkIndex, filledInt32 } from './decode-helpers';

/** The parts of a one-to-many data set that differ between the tasks that make one. */
export interface OneToManyParts {
  readonly task: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** One input step per example, `[n, features]` or `[n, 1, features]`. */
  readonly inputs: Float32Tensor;
  /** `[n, steps, 1]` target values; every step is real. */
  readonly targets: Float32Tensor;
  /** The example's input and target as a person reads them. */
  readonly decodeValues: (index: number) => { input: DecodedValue; target: DecodedValue };
}

/**
 * A generator's data set (one input, a whole sequence out): one real input step, `steps` real target
 * steps, and examples that decode to their values.
 */
export function oneToManyDataset(parts: OneToManyParts): Dataset {
  const { task, inputs, targets, decodeValues } = parts;
  const [n, steps] = targets.shape;
  const lengths = filledInt32(n, 1);
  const targetLengths = filledInt32(n, steps);
  return {
    task,
    typology: 'generator',
    options: parts.options,
    size: n,
    inputs,
    lengths,
    mask: maskFromLengths(lengths, 1),
    targets,
    targetLengths,
    targetMask: maskFromLengths(targetLengths, steps),
    decode(index) {
      checkIndex(task, index, n);
      return { ...decodeValues(index), length: steps };
    },
  };
}
