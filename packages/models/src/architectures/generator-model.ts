import * as tf from '@tensorflow/tfjs';
import { checkInteger, type Rng } from '@rnn/datasets';
import type { CellState } from '../cells/recurrent-cell';
import { Dense } from '../layers/dense';
import { RecurrentStack } from '../layers/recurrent-stack';
import { validateGeneratorModelSpec, type GeneratorModelSpec } from './generator-spec';
import type { ForwardOptions, ForwardResult } from './sequence-model';
import { dropout } from '../kernels/dropout';

/** Options of a generator's forward pass: those of every model, plus how many steps to generate. */
export interface GeneratorForwardOptions extends ForwardOptions {
  /**
   * Accepted so that one trainer call serves every architecture, and otherwise ignored: the generator
   * always feeds back its own outputs, in training too, as the source's oscillator does. Only their
   * length is read, as the default number of steps.
   */
  readonly targets?: tf.Tensor;
  /** Steps to generate; default the targets' length, else the spec's `steps`. */
  readonly targetSteps?: number;
}

/** What a generator's forward pass returns. */
export interface GeneratorForwardResult extends ForwardResult {
  /** The output of every step, [batch, steps, outputSize]: values for regression, else logits. */
  readonly logits: tf.Tensor3D;
  /** With `returnHidden`: each layer's hidden state at every step, [batch, steps, units]. */
  readonly hidden?: tf.Tensor3D[];
}

/**
 * A one-to-many generator (source 000's oscillator): one vector x per sequence in, `steps` outputs
 * out. Each step reads the previous step's output (zeros before the first), x enters where `inject`
 * says (see {@link GeneratorModelSpec.inject}), and a dense head makes the step's output. The output fed back
 * is the head's raw output (the value itself for a regression such as a wave), so gradients flow
 * through the feedback and training is free-running, exactly as generation is.
 *
 * @example
 * const model = new GeneratorModel(
 *   { architecture: 'generator', inputFeatures: 3, rnn: { kind: 'gru', units: 100 }, outputSize: 1,
 *     inject: 'init', steps: 50 },
 *   createRng(42).fork('init'),
 * );
 * const wave = model.forward(frequencyOneHot).logits; // [batch, 50, 1]
 */
export class GeneratorModel {
  /**
   * The linear map of x: to the first layer's hidden size for `init`, to the output width for `pre`;
   * absent for `par`, which reads x as it is.
   */
  readonly projection?: Dense;
  /** The recurrent layers. */
  readonly stack: RecurrentStack;
  /** Hidden state to step output. */
  readonly head: Dense;

  /** Builds the model, drawing every initial weight from `rng` (fork `init` of the run's seed). */
  constructor(
    readonly spec: GeneratorModelSpec,
    rng: Rng,
  ) {
    validateGeneratorModelSpec(spec);
    const { inputFeatures, outputSize, inject, rnn } = spec;
    if (inject === 'init') this.projection = new Dense(inputFeatures, rnn.units, rng);
    if (inject === 'pre') this.projection = new Dense(inputFeatures, outputSize, rng);
    this.stack = new RecurrentStack(rnn, inject === 'par' ? outputSize + inputFeatures : outputSize, rng);
    this.head = new Dense(rnn.units, outputSize, rng);
  }

  /** Every trainable weight: the projection (if any), each layer's kernel, recurrent kernel and bias, the head. */
  get weights(): tf.Variable[] {
    return [...(this.projection?.weights ?? []), ...this.stack.weights, ...this.head.weights];
  }

  /**
   * Generates from x, one vector per sequence: [batch, inputFeatures], or [batch, 1, inputFeatures] as
   * the waves and counting data sets hold it. `lengths` is accepted for the common model call and
   * ignored (the input is always one step).
   */
  forward(x: tf.Tensor, lengths?: tf.Tensor1D, options: GeneratorForwardOptions = {}): GeneratorForwardResult {
    void lengths;
    const fromTargets = options.targets && options.targets.rank >= 2 ? options.targets.shape[1] : undefined;
    const steps = options.targetSteps ?? fromTargets ?? this.spec.steps;
    checkInteger('GeneratorModel.forward', 'targetSteps', steps, 1);
    const { inputFeatures, outputSize, inject } = this.spec;
    const okShape = x.shape[x.rank - 1] === inputFeatures && (x.rank === 2 || (x.rank === 3 && x.shape[1] === 1));
    if (!okShape) {
      throw new RangeError(
        `generator input must have shape [batch, ${inputFeatures}] or [batch, 1, ${inputFeatures}], got [${x.shape}]`,
      );
    }
    const { dropoutRng, returnHidden } = options;
    return tf.tidy(() => {
      const batch = x.shape[0];
      const vector = tf.reshape(x.toFloat(), [batch, inputFeatures]) as tf.Tensor2D;
      let states = this.stack.initialStates(batch);
      if (inject === 'init') {
        const [, ...rest] = states[0]; // an LSTM's c stays zero
        states[0] = [(this.projection as Dense).apply(vector), ...rest];
      }
      let previous = tf.zeros([batch, outputSize]) as tf.Tensor2D;
      const outputs: tf.Tensor2D[] = [];
      const layerOutputs: tf.Tensor2D[][] = states.map(() => []);
      for (let t = 0; t < steps; t++) {
        const input =
          inject === 'par'
            ? (tf.concat([previous, vector], 1) as tf.Tensor2D)
            : inject === 'pre' && t === 0
              ? (this.projection as Dense).apply(vector)
              : previous;
        const step = this.stepLayers(input, states, dropoutRng);
        states = step.states;
        previous = this.head.apply(step.output);
        outputs.push(previous);
        states.forEach((state, layer) => layerOutputs[layer].push(state[0]));
      }
      const logits = tf.stack(outputs, 1) as tf.Tensor3D;
      return returnHidden ? { logits, hidden: layerOutputs.map((h) => tf.stack(h, 1) as tf.Tensor3D) } : { logits };
    });
  }

  /** Frees every weight. */
  dispose(): void {
    this.projection?.dispose();
    this.stack.dispose();
    this.head.dispose();
  }

  /**
   * One step of every layer. Training steps too (the output is fed back), so unlike
   * `RecurrentStack.step` this applies the stack's dropout between layers when given a stream.
   */
  private stepLayers(
    x: tf.Tensor2D,
    states: readonly CellState[],
    dropoutRng?: Rng,
  ): { output: tf.Tensor2D; states: CellState[] } {
    const rate = this.spec.rnn.dropout ?? 0;
    if (!dropoutRng || rate === 0) return this.stack.step(x, states);
    let input = x;
    const next: CellState[] = [];
    this.stack.cells.forEach((cell, layer) => {
      if (layer > 0) input = dropout(input, rate, dropoutRng.uint32());
      const result = cell.step(input, states[layer]);
      next.push(result.state);
      input = result.output;
    });
    return { output: input, states: next };
  }
}
