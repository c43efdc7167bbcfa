import { checkInteger } from '@rnn/datasets';
import { validateInputSpec, type InputSpec } from '../layers/input-spec';
import { validateStackSpec, type StackSpec } from '../layers/recurrent-stack';

/**
 * The architectures of the task typology that read a sequence and answer per sequence or per step:
 * - `classifier` (many-to-one): logits from the state at each sequence's last valid step;
 * - `tagger` (many-to-many, same length): logits at every step;
 * - `lm` (character language model): a tagger over the vocabulary whose targets are the next ids.
 */
export type SequenceArchitecture = 'classifier' | 'tagger' | 'lm';

/** One model as plain JSON: `build(spec, rng)` makes it, and it is saved beside the weights. */
export interface SequenceModelSpec {
  readonly architecture: SequenceArchitecture;
  readonly input: InputSpec;
  readonly rnn: StackSpec;
  /** Number of output logits: classes (1 for a binary label), or the vocabulary size of an lm. */
  readonly outputSize: number;
}

/** Checks a model spec: a RangeError naming the field and what is allowed. */
export function validateSequenceModelSpec(spec: SequenceModelSpec): void {
  if (!['classifier', 'tagger', 'lm'].includes(spec?.architecture)) {
    throw new RangeError(
      `architecture must be one of classifier, tagger, lm, got ${JSON.stringify((spec as { architecture?: unknown })?.architecture)}`,
    );
  }
  validateInputSpec(spec.input);
  validateStackSpec(spec.rnn);
  checkInteger('SequenceModel', 'outputSize', spec.outputSize, 1);
  if (spec.architecture === 'lm' && spec.input.type !== 'dense' && spec.input.vocabSize !== spec.outputSize) {
    throw new RangeError(
      `an lm predicts its own vocabulary: outputSize must equal input vocabSize ${spec.input.vocabSize}, got ${spec.outputSize}`,
    );
  }
}
