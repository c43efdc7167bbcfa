import { checkInteger } from '@rnn/datasets';
import { validateInputSpec, type InputSpec } from '../layers/input-spec';
import { validateStackSpec, type StackSpec } from '../layers/recurrent-stack';

/**
 * What the decoder of an encoder-decoder reads at each step:
 * - `zeros`: nothing but a zero of width 1, as the source notebook's decoder does; everything it
 *   writes comes from the encoder's state. (Its first-layer kernel therefore never gets a gradient.)
 * - `teacher-forcing`: the previous target id (start id 0 at the first step), one-hot or embedded.
 *   With targets at hand (training) these are the true previous ids; without them (evaluation,
 *   {@link Seq2SeqModel.greedyDecode}) the model's own previous argmax, one step per token.
 */
export type Seq2SeqDecoderInput = 'zeros' | 'teacher-forcing';

/** Every decoder input mode, for argument checks and help texts. */
export const seq2seqDecoderInputs: readonly Seq2SeqDecoderInput[] = ['zeros', 'teacher-forcing'];

/**
 * An encoder-decoder as plain JSON. The encoder and the decoder are stacks of the same kind, units and
 * layers (so the encoder's state can start the decoder) with separate weights.
 */
export interface Seq2SeqModelSpec {
  readonly architecture: 'seq2seq';
  /** How the encoder reads the source sequence. */
  readonly input: InputSpec;
  /** The encoder's stack; the decoder's is built from the same spec. */
  readonly rnn: StackSpec;
  /** Number of output logits per decoder step: the target vocabulary size (id 0 is stop/padding). */
  readonly outputSize: number;
  readonly decoderInput: Seq2SeqDecoderInput;
  /** Decoder steps when no targets say otherwise (the longest target, stop symbol included). */
  readonly targetSteps: number;
  /**
   * The id range the teacher-forced decoder reads (default `outputSize`). It must cover every id the
   * decoder can be fed: the targets and its own predictions, so it is at least `outputSize`. The
   * previous id is one-hot when `input` is onehot or dense, and embedded in a table of
   * `targetVocabSize x input.dim` of its own when `input` is an embedding. Unused with `zeros`.
   */
  readonly targetVocabSize?: number;
}

/** Checks an encoder-decoder spec: a RangeError naming the field and what is allowed. */
export function validateSeq2SeqModelSpec(spec: Seq2SeqModelSpec): void {
  if (spec?.architecture !== 'seq2seq') {
    throw new RangeError(
      `architecture must be seq2seq, got ${JSON.stringify((spec as { architecture?: unknown })?.architecture)}`,
    );
  }
  validateInputSpec(spec.input);
  validateStackSpec(spec.rnn);
  checkInteger('Seq2SeqModel', 'outputSize', spec.outputSize, 1);
  if (!seq2seqDecoderInputs.includes(spec.decoderInput)) {
    throw new RangeError(
      `decoderInput must be one of ${seq2seqDecoderInputs.join(', ')}, got ${JSON.stringify(spec.decoderInput)}`,
    );
  }
  checkInteger('Seq2SeqModel', 'targetSteps', spec.targetSteps, 1);
  const vocab = spec.targetVocabSize;
  if (vocab !== undefined && (!Number.isInteger(vocab) || vocab < spec.outputSize)) {
    throw new RangeError(
      `targetVocabSize must be an integer >= outputSize (${spec.outputSize}) so the decoder can read its own predictions, got ${vocab}`,
    );
  }
}
