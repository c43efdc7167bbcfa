import type { Dataset } from '../dataset';
import type { Float32Tensor, Int32Tensor } from '../tensor';
import type { Vocabulary } from '../vocabulary';
import { checkIndex } from './decode-helpers';

/** The parts of a next-character data set that differ between the tasks that make one. */
export interface NextCharacterParts {
  readonly task: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** `[n, steps]` ids; every row is a full window (no padding). */
  readonly inputs: Int32Tensor;
  /** `[n, steps]` ids: each input shifted by one character. */
  readonly targets: Int32Tensor;
  readonly lengths: Int32Array;
  readonly mask: Float32Tensor;
  readonly vocabulary: Vocabulary;
}

/**
 * A language model's data set of equal-length windows (text windows, padded sentences): the targets
 * are the inputs shifted by one, every step counts, and examples decode to their text.
 */
export function nextCharacterDataset(parts: NextCharacterParts): Dataset {
  const { task, inputs, targets, lengths, mask, vocabulary } = parts;
  const [n, steps] = inputs.shape;
  const row = (t: Int32Tensor, index: number) => t.data.subarray(index * steps, (index + 1) * steps);
  return {
    task,
    typology: 'lm',
    options: parts.options,
    size: n,
    inputs,
    lengths,
    mask,
    targets,
    targetLengths: lengths,
    targetMask: mask,
    vocabulary,
    decode(index) {
      checkIndex(task, index, n);
      return {
        input: vocabulary.decode(row(inputs, index)),
        target: vocabulary.decode(row(targets, index)),
        length: steps,
      };
    },
  };
}
