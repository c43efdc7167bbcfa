import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@rnn/datasets';
import { glorotUniformWeights, uniformWeights } from '../init/seeded-weights';
import { variableOf } from '../init/variable-of';
import type { CellSpec } from './cell-spec';
import type { CellMath } from './cell-math';
import type { CellState, RecurrentCell, SequenceResult } from './recurrent-cell';
import { embeddingLookup } from '../kernels/embedding-lookup';
import { fusedSequence, isEmbeddedTokens, type EmbeddedTokens } from '../kernels/fused-sequence';
import { sequenceKernelFor } from '../kernels/kernel-registry';
import { kernelCellOf } from './cell-kinds';

/**
 * A recurrent cell built from its {@link CellMath}: owns the weights, steps one input, and runs a
 * whole padded sequence. `forward` runs the fused kernel chosen by `useSequenceKernel` when there is
 * one, else `referenceForward`, the plain tfjs loop that fused kernels are held to.
 */
export class SequenceCell implements RecurrentCell {
  readonly spec: CellSpec;
  readonly weights: readonly tf.Variable[];
  private readonly math: CellMath;
  private readonly kernel: tf.Variable;
  private readonly recurrentKernel: tf.Variable;
  private readonly bias: tf.Variable;
  /** The math's own bias inside the recurrent product, when it has one (the reset-after GRU). */
  private readonly recurrentBias: tf.Variable | undefined;

  constructor(spec: CellSpec, math: CellMath, rng: Rng) {
    this.spec = spec;
    this.math = math;
    const { units, inputSize } = spec;
    const width = math.gates * units;
    if ((spec.init ?? 'pytorch') === 'pytorch') {
      const limit = 1 / Math.sqrt(units);
      this.kernel = variableOf(uniformWeights(rng, inputSize * width, limit), [inputSize, width]);
      this.recurrentKernel = variableOf(uniformWeights(rng, units * width, limit), [units, width]);
      this.bias = variableOf(uniformWeights(rng, width, limit), [width]);
      // Drawn last, so the other weights are those of the same seed without it (torch.nn.GRU: b_hh).
      if (math.recurrentBias) this.recurrentBias = variableOf(uniformWeights(rng, width, limit), [width]);
    } else {
      this.kernel = variableOf(glorotUniformWeights(rng, inputSize, width), [inputSize, width]);
      this.recurrentKernel = variableOf(glorotUniformWeights(rng, units, width), [units, width]);
      const bias = new Float32Array(width);
      if (spec.kind === 'lstm') bias.fill(1, units, 2 * units); // Keras's unitForgetBias
      this.bias = variableOf(bias, [width]);
      if (math.recurrentBias) this.recurrentBias = variableOf(new Float32Array(width), [width]);
    }
    this.weights = [this.kernel, this.recurrentKernel, this.bias, ...(this.recurrentBias ? [this.recurrentBias] : [])];
  }

  initialState(batch: number): CellState {
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be an integer >= 1, got ${batch}`);
    return Array.from({ length: this.math.stateSize }, () => tf.zeros([batch, this.spec.units]) as tf.Tensor2D);
  }

  step(x: tf.Tensor2D, state: CellState): { output: tf.Tensor2D; state: CellState } {
    this.checkInput(x, 2);
    this.checkState(state, x.shape[0]);
    return tf.tidy(() => {
      const projected = tf.add(tf.matMul(x, this.kernel), this.bias) as tf.Tensor2D;
      const next = this.math.update(
        projected,
        state,
        this.recurrentKernel as tf.Tensor2D,
        this.recurrentBias as tf.Tensor1D | undefined,
      );
      return { output: next[0].clone(), state: next };
    });
  }

  forward(
    x: tf.Tensor3D | EmbeddedTokens,
    options: { lengths?: tf.Tensor1D; initialState?: CellState } = {},
  ): SequenceResult {
    const cell = kernelCellOf(this.spec);
    const kernel = cell === undefined ? undefined : sequenceKernelFor(cell);
    if (kernel === undefined || cell === undefined) {
      if (!isEmbeddedTokens(x)) return this.referenceForward(x, options);
      const looked = embeddingLookup(x.table, x.ids) as tf.Tensor3D;
      const result = this.referenceForward(looked, options);
      looked.dispose();
      return result;
    }
    this.checkForward(x, options);
    const batch = isEmbeddedTokens(x) ? x.ids.shape[0] : x.shape[0];
    const lengths = options.lengths === undefined ? undefined : Int32Array.from(options.lengths.dataSync());
    return tf.tidy(() => {
      const { outputs, state } = fusedSequence(
        kernel,
        cell,
        x,
        this.kernel as tf.Tensor2D,
        this.bias as tf.Tensor1D,
        this.recurrentKernel as tf.Tensor2D,
        options.initialState ?? this.initialState(batch),
        lengths,
        this.recurrentBias as tf.Tensor1D | undefined,
      );
      return { outputs, state };
    });
  }

  /** The plain tfjs loop over steps: the specification every fused kernel is tested against. */
  referenceForward(x: tf.Tensor3D, options: { lengths?: tf.Tensor1D; initialState?: CellState } = {}): SequenceResult {
    this.checkForward(x, options);
    const [batch, time, inputSize] = x.shape;
    const { lengths, initialState } = options;
    return tf.tidy(() => {
      const width = this.math.gates * this.spec.units;
      // One large matmul for the input projection of every step, then one small one per step.
      const projected = tf.reshape(
        tf.add(tf.matMul(tf.reshape(x, [batch * time, inputSize]), this.kernel), this.bias),
        [batch, time, width],
      );
      // Slices, not tf.unstack: tfjs 4.22's Unpack gradient fails when T = 1.
      const steps = Array.from(
        { length: time },
        (_, t) => tf.reshape(tf.slice(projected, [0, t, 0], [batch, 1, width]), [batch, width]) as tf.Tensor2D,
      );
      let state = initialState ?? this.initialState(batch);
      const outputs: tf.Tensor2D[] = [];
      for (let t = 0; t < time; t++) {
        const next = this.math.update(
          steps[t],
          state,
          this.recurrentKernel as tf.Tensor2D,
          this.recurrentBias as tf.Tensor1D | undefined,
        );
        if (lengths === undefined) {
          state = next;
          outputs.push(next[0]);
        } else {
          const live = tf.expandDims(tf.cast(tf.less(t, lengths), 'float32'), 1);
          const done = tf.sub(1, live);
          state = next.map((s, i) => tf.add(tf.mul(live, s), tf.mul(done, state[i])) as tf.Tensor2D);
          outputs.push(tf.mul(live, next[0]) as tf.Tensor2D);
        }
      }
      return { outputs: tf.stack(outputs, 1) as tf.Tensor3D, state };
    });
  }

  dispose(): void {
    tf.dispose([...this.weights]);
  }

  private checkForward(
    x: tf.Tensor3D | EmbeddedTokens,
    { lengths, initialState }: { lengths?: tf.Tensor1D; initialState?: CellState },
  ): void {
    if (isEmbeddedTokens(x)) {
      const { ids, table } = x;
      if (ids.rank !== 2 || ids.dtype !== 'int32' || table.rank !== 2 || table.shape[1] !== this.spec.inputSize) {
        throw new RangeError(
          `${this.spec.kind} cell embedded input must be int32 ids [batch, time] and a table [vocab, ${this.spec.inputSize}], got ids ${ids.dtype} [${ids.shape}] and table [${table.shape}]`,
        );
      }
    } else {
      this.checkInput(x, 3);
    }
    const batch = isEmbeddedTokens(x) ? x.ids.shape[0] : x.shape[0];
    if (lengths !== undefined && (lengths.rank !== 1 || lengths.shape[0] !== batch)) {
      throw new RangeError(`lengths must have shape [${batch}] (one per sequence), got [${lengths.shape}]`);
    }
    if (initialState !== undefined) this.checkState(initialState, batch);
  }

  private checkInput(x: tf.Tensor, rank: number): void {
    const expected = rank === 3 ? '[batch, time, inputSize]' : '[batch, inputSize]';
    if (x.rank !== rank || x.shape[rank - 1] !== this.spec.inputSize) {
      throw new RangeError(
        `${this.spec.kind} cell input must have shape ${expected} with inputSize ${this.spec.inputSize}, got [${x.shape}]`,
      );
    }
  }

  private checkState(state: CellState, batch: number): void {
    const ok =
      state.length === this.math.stateSize &&
      state.every((s) => s.rank === 2 && s.shape[0] === batch && s.shape[1] === this.spec.units);
    if (!ok) {
      throw new RangeError(
        `${this.spec.kind} cell state must be ${this.math.stateSize} tensor(s) of shape [${batch}, ${this.spec.units}], got ${state
          .map((s) => `[${s.shape}]`)
          .join(', ')}`,
      );
    }
  }
}
