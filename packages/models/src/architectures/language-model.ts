import * as tf from '@tensorflow/tfjs';
import type { StepModel, StepResult, TokenCodec } from '@rnn/sampling';
import type { CellState } from '../cells/recurrent-cell';
import type { SequenceModel } from './sequence-model';

/** The state of an RNN language model between steps: one cell state per layer. */
export type LanguageModelState = CellState[];

/**
 * Wraps a trained `lm` {@link SequenceModel} as the `@rnn/sampling` step-model contract, so every
 * sampler, `generate`, `beamSearch` and `bitsPerChar` run on it. Each step reads one token per row
 * and runs one step of every layer: generation never re-runs the prefix. Logits are read back to a
 * typed array and their tensor freed at once, so only states hold tensors, and their owners free them.
 */
export class LanguageModel implements StepModel<LanguageModelState> {
  readonly vocabSize: number;

  constructor(
    readonly model: SequenceModel,
    readonly vocabulary: TokenCodec,
  ) {
    if (model.spec.architecture !== 'lm' && model.spec.architecture !== 'tagger') {
      throw new RangeError(`LanguageModel needs an lm model, got architecture '${model.spec.architecture}'`);
    }
    if (model.spec.input.type === 'dense') {
      throw new RangeError('LanguageModel needs a model that reads token ids (onehot or embedding input), got dense');
    }
    this.vocabSize = model.spec.outputSize;
  }

  initialState(batch: number): LanguageModelState {
    return this.model.initialStates(batch);
  }

  async step(state: LanguageModelState, tokens: Int32Array): Promise<StepResult<LanguageModelState>> {
    const { logits, states } = tf.tidy(() => this.model.step(tf.tensor1d(tokens, 'int32'), state));
    const values = (await logits.data()) as Float32Array;
    logits.dispose();
    return { logits: values, state: states };
  }

  gatherState(state: LanguageModelState, rows: Int32Array): LanguageModelState {
    return tf.tidy(() => {
      const index = tf.tensor1d(rows, 'int32');
      return state.map((layer) => layer.map((t) => tf.gather(t, index) as tf.Tensor2D));
    });
  }

  disposeState(state: LanguageModelState): void {
    tf.dispose(state.flat());
  }
}
