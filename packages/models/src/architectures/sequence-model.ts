import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@rnn/datasets';
import type { CellState } from '../cells/recurrent-cell';
import { Dense } from '../layers/dense';
import { InputEncoder } from '../layers/input-encoder';
import { RecurrentStack } from '../layers/recurrent-stack';
import { validateSequenceModelSpec, type SequenceModelSpec } from './model-spec';

/** Options of a forward pass. */
export interface ForwardOptions {
  /** Dropout between layers, with masks drawn from this stream; leave out when evaluating. */
  readonly dropoutRng?: Rng;
  /** Also return every layer's hidden states [batch, time, units], to look inside. */
  readonly returnHidden?: boolean;
  /**
   * One state per layer to start from instead of zeros: a language model trained on contiguous
   * batches carries its state from one batch to the next (truncated backpropagation through time).
   */
  readonly initialStates?: readonly CellState[];
  /** Also return every layer's state after each sequence's last valid step, to carry it on. */
  readonly returnStates?: boolean;
}

/** What a forward pass returns. */
export interface ForwardResult {
  /** classifier: [batch, outputSize]; tagger and lm: [batch, time, outputSize]. */
  readonly logits: tf.Tensor;
  /** Each layer's outputs, when asked for with `returnHidden`. */
  readonly hidden?: tf.Tensor3D[];
  /** Each layer's final state, when asked for with `returnStates`. */
  readonly states?: CellState[];
}

/**
 * A classifier, tagger or language model: input encoding, stacked recurrent layers, a dense head.
 * Variable-length batches are handled by `lengths`: padded steps never change the state, so a
 * classifier reads each sequence's state at its own last valid step.
 */
export class SequenceModel {
  readonly encoder: InputEncoder;
  readonly stack: RecurrentStack;
  readonly head: Dense;

  constructor(
    readonly spec: SequenceModelSpec,
    rng: Rng,
  ) {
    validateSequenceModelSpec(spec);
    this.encoder = new InputEncoder(spec.input, rng);
    this.stack = new RecurrentStack(spec.rnn, this.encoder.size, rng);
    this.head = new Dense(spec.rnn.units, spec.outputSize, rng);
  }

  /** Every trainable weight: encoder, then each layer's kernel, recurrent kernel and bias, then the head. */
  get weights(): tf.Variable[] {
    return [...this.encoder.weights, ...this.stack.weights, ...this.head.weights];
  }

  /** Runs whole sequences: x is ids [batch, time] or features [batch, time, features]. */
  forward(x: tf.Tensor, lengths?: tf.Tensor1D, options: ForwardOptions = {}): ForwardResult {
    return tf.tidy((): tf.TensorContainer => {
      const encoded = this.encoder.encodeSequence(x);
      const { outputs, states, hidden } = this.stack.forward(encoded, {
        ...(lengths ? { lengths } : {}),
        ...(options.dropoutRng ? { dropoutRng: options.dropoutRng } : {}),
        ...(options.returnHidden ? { returnHidden: true } : {}),
        ...(options.initialStates ? { initialStates: options.initialStates } : {}),
      });
      const logits =
        this.spec.architecture === 'classifier'
          ? this.head.apply(states[states.length - 1][0])
          : this.head.apply(outputs);
      return {
        logits,
        ...(hidden ? { hidden } : {}),
        ...(options.returnStates ? { states } : {}),
      } as unknown as tf.TensorContainer;
    }) as unknown as ForwardResult;
  }

  /** Zero states for `batch` sequences, one per layer. */
  initialStates(batch: number): CellState[] {
    return this.stack.initialStates(batch);
  }

  /**
   * One step for every sequence: input ids [batch] (or features [batch, features]) and the layer
   * states in, next-step logits [batch, outputSize] and new states out. Generation calls this once
   * per token instead of re-running the prefix.
   */
  step(x: tf.Tensor, states: readonly CellState[]): { logits: tf.Tensor2D; states: CellState[] } {
    return tf.tidy(() => {
      // A one-step sequence: ids [batch] -> [batch, 1], features [batch, f] -> [batch, 1, f].
      const encoded = tf.squeeze(this.encoder.encode(tf.expandDims(x, 1)), [1]) as tf.Tensor2D;
      const { output, states: next } = this.stack.step(encoded, states);
      return { logits: this.head.apply(output), states: next };
    });
  }

  /** Frees every weight. */
  dispose(): void {
    this.encoder.dispose();
    this.stack.dispose();
    this.head.dispose();
  }
}
