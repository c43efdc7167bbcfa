import type { Float32Tensor, TypedTensor } from './tensor';
import type { Vocabulary } from './vocabulary';

/**
 * Which shape of network a task is for, in the design's typology: `classifier` (many-to-one),
 * `tagger` (many-to-many, same length), `generator` (one-to-many), `seq2seq` (encoder-decoder) and
 * `lm` (next-symbol language model).
 */
export type Typology = 'classifier' | 'tagger' | 'generator' | 'seq2seq' | 'lm';

/** A decoded input or target, as a person reads it. */
export type DecodedValue = string | number | readonly number[] | readonly (readonly number[])[];

/**
 * One example decoded for people: text without padding or stop symbols, bits as a string of digits,
 * numbers as numbers or arrays. This is what `rnn data --json` prints, one per line.
 */
export interface DecodedExample {
  readonly input: DecodedValue;
  readonly target: DecodedValue;
  /**
   * The example's length as a person counts it: the number of input steps without the stop symbol
   * (for one-to-many tasks, the number of output steps). `Dataset.lengths` counts the stop symbol too.
   */
  readonly length: number;
}

/**
 * A generated data set: every example padded into one tensor per field, with the lengths and masks
 * that say which steps are real. The time axis is axis 1 of `inputs` (and of `targets` when they
 * are sequences); padding is 0 and sits after the real steps. Treat the arrays as read-only: fields
 * that agree may share one array (a tagger's `mask` and `targetMask`, `lengths` and `targetLengths`).
 */
export interface Dataset {
  /** The task that made it, e.g. `"copy"`. */
  readonly task: string;
  /** The shape of network the task is for. */
  readonly typology: Typology;
  /** The task's options with every default filled in, to record next to a run. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The number of examples. */
  readonly size: number;
  /**
   * `[size, steps]` Int32 symbol ids (tasks with a {@link Dataset.vocabulary}) or
   * `[size, steps, features]` Float32 features (numeric tasks).
   */
  readonly inputs: TypedTensor;
  /** Real input steps per example, counting the stop symbol where the task has one. */
  readonly lengths: Int32Array;
  /** `[size, steps]`: 1 on real input steps (`t < lengths[i]`), 0 on padding. */
  readonly mask: Float32Tensor;
  /**
   * `[size]` Int32 class labels (classifiers), `[size, steps]` Int32 ids or bits, or
   * `[size, steps, features]` Float32 values (sequences).
   */
  readonly targets: TypedTensor;
  /** Real target steps per example, counting the stop symbol; absent when targets are one label each. */
  readonly targetLengths?: Int32Array;
  /** `[size, targetSteps]`: 1 where a target step counts in the loss; absent for one label each. */
  readonly targetMask?: Float32Tensor;
  /** The symbols of integer inputs and targets (id 0 is padding/stop); absent for numeric tasks. */
  readonly vocabulary?: Vocabulary;
  /** The number of classes of `[size]` label targets (classifiers). */
  readonly classes?: number;
  /** Example `index` as a person reads it. */
  decode(index: number): DecodedExample;
}
