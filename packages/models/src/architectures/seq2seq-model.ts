import * as tf from '@tensorflow/tfjs';
import { checkInteger, type Rng } from '@rnn/datasets';
import type { CellState } from '../cells/recurrent-cell';
import { Dense } from '../layers/dense';
import { InputEncoder } from '../layers/input-encoder';
import type { InputSpec } from '../layers/input-spec';
import { RecurrentStack } from '../layers/recurrent-stack';
import { validateSeq2SeqModelSpec, type Seq2SeqModelSpec } from './seq2seq-spec';
import type { ForwardOptions, ForwardResult } from './sequence-model';

/**
 * The id a teacher-forced decoder reads at its first step. It is 0, the stop/padding symbol of the
 * seq2seq data sets (copy, reverse, addition): a symbol every target vocabulary already has, so no
 * extra id is needed, and it never appears before a target's end, so it cannot be confused with one.
 */
export const seq2seqStartId = 0;

/** Options of an encoder-decoder's forward pass: those of every model, plus the targets. */
export interface Seq2SeqForwardOptions extends ForwardOptions {
  /**
   * The batch's target ids, int32 [batch, targetSteps]. A teacher-forced decoder reads them shifted one
   * step right (the true previous id); a `zeros` decoder only takes their length. Leave them out to
   * decode from the model's own predictions, as evaluation must.
   */
  readonly targets?: tf.Tensor;
  /** Decoder steps; default the targets' length, else the spec's `targetSteps`. */
  readonly targetSteps?: number;
}

/** What an encoder-decoder's forward pass returns. */
export interface Seq2SeqForwardResult extends ForwardResult {
  /** One row of logits per decoder step, [batch, targetSteps, outputSize]. */
  readonly logits: tf.Tensor3D;
  /** With `returnHidden`: each encoder layer's outputs [batch, time, units]. */
  readonly hidden?: tf.Tensor3D[];
  /** With `returnHidden`: each decoder layer's outputs [batch, targetSteps, units]. */
  readonly decoderHidden?: tf.Tensor3D[];
}

/** The decoder's input spec in teacher forcing: the encoder's kind of encoding, over the target ids. */
function targetInputSpec(spec: Seq2SeqModelSpec): InputSpec {
  const vocabSize = spec.targetVocabSize ?? spec.outputSize;
  return spec.input.type === 'embedding'
    ? { type: 'embedding', vocabSize, dim: spec.input.dim }
    : { type: 'onehot', vocabSize };
}

/**
 * An encoder-decoder (source 001's copy, reverse and addition networks). The encoder reads the padded
 * source with its `lengths`, and its state at each sequence's last valid step (every layer's, h and c
 * for an LSTM) starts a decoder of the same shape with its own weights; a dense head turns each decoder
 * step into logits over the target vocabulary. The decoder is fed zeros (the source's way) or, with
 * teacher forcing, the previous target id.
 *
 * @example
 * const model = new Seq2SeqModel(
 *   { architecture: 'seq2seq', input: { type: 'onehot', vocabSize: 4 }, rnn: { kind: 'lstm', units: 64 },
 *     outputSize: 4, decoderInput: 'teacher-forcing', targetSteps: 15 },
 *   createRng(42).fork('init'),
 * );
 * const { logits } = model.forward(x, lengths, { targets }); // training
 * const ids = model.greedyDecode(x, lengths);               // inference
 */
export class Seq2SeqModel {
  /** Encodes the source ids or features for the encoder. */
  readonly inputEncoder: InputEncoder;
  /** The encoder's recurrent layers. */
  readonly encoder: RecurrentStack;
  /** Encodes the previous target id for a teacher-forced decoder; absent with `zeros`. */
  readonly targetEncoder?: InputEncoder;
  /** The decoder's recurrent layers: the encoder's spec, its own weights. */
  readonly decoder: RecurrentStack;
  /** Decoder outputs to logits. */
  readonly head: Dense;

  /** Builds the model, drawing every initial weight from `rng` (fork `init` of the run's seed). */
  constructor(
    readonly spec: Seq2SeqModelSpec,
    rng: Rng,
  ) {
    validateSeq2SeqModelSpec(spec);
    this.inputEncoder = new InputEncoder(spec.input, rng);
    this.encoder = new RecurrentStack(spec.rnn, this.inputEncoder.size, rng);
    if (spec.decoderInput === 'teacher-forcing') this.targetEncoder = new InputEncoder(targetInputSpec(spec), rng);
    // The source's zero decoder input has width 1: a kernel that never learns, kept for fidelity.
    this.decoder = new RecurrentStack(spec.rnn, this.targetEncoder?.size ?? 1, rng);
    this.head = new Dense(spec.rnn.units, spec.outputSize, rng);
  }

  /**
   * Every trainable weight, in this order: input embedding (if any), encoder layers, target embedding
   * (if any), decoder layers (kernel, recurrent kernel, bias each), head.
   */
  get weights(): tf.Variable[] {
    return [
      ...this.inputEncoder.weights,
      ...this.encoder.weights,
      ...(this.targetEncoder?.weights ?? []),
      ...this.decoder.weights,
      ...this.head.weights,
    ];
  }

  /**
   * Runs the encoder over x (ids [batch, time] or features [batch, time, features]) and returns every
   * layer's state at each sequence's last valid step: the decoder's initial state for
   * {@link Seq2SeqModel.decodeStep}.
   */
  encode(x: tf.Tensor, lengths?: tf.Tensor1D): CellState[] {
    return tf.tidy(() => this.encoder.forward(this.inputEncoder.encodeSequence(x), lengths ? { lengths } : {}).states);
  }

  /**
   * One decoder step for every sequence: the layer states and, for a teacher-forced decoder, the
   * previous ids int32 [batch] ({@link seq2seqStartId} at the first step) in; logits [batch, outputSize]
   * and the new states out. A `zeros` decoder ignores `previous`. Decoding calls this once per token
   * rather than re-running the prefix.
   */
  decodeStep(states: readonly CellState[], previous?: tf.Tensor1D): { logits: tf.Tensor2D; states: CellState[] } {
    const layers = this.decoder.cells.length;
    if (states.length !== layers) {
      throw new RangeError(`states must hold one state per decoder layer (${layers}), got ${states.length}`);
    }
    const batch = states[0][0].shape[0];
    if (this.targetEncoder && previous === undefined) {
      throw new RangeError('previous ids int32 [batch] are required by a teacher-forced decoder');
    }
    return tf.tidy(() => {
      const input = this.targetEncoder
        ? (tf.squeeze(this.targetEncoder.encode(tf.expandDims(previous as tf.Tensor1D, 1)), [1]) as tf.Tensor2D)
        : (tf.zeros([batch, 1]) as tf.Tensor2D);
      const { output, states: next } = this.decoder.step(input, states);
      return { logits: this.head.apply(output), states: next };
    });
  }

  /**
   * Encodes x and decodes `targetSteps` steps (see {@link Seq2SeqForwardOptions}). A teacher-forced
   * decoder given `targets` runs as one sequence over the shifted targets (training); without them it
   * feeds back its own argmax step by step, so evaluation measures what inference will do.
   */
  forward(x: tf.Tensor, lengths?: tf.Tensor1D, options: Seq2SeqForwardOptions = {}): Seq2SeqForwardResult {
    const steps = this.resolveSteps(options);
    const teacherTargets = this.targetEncoder ? options.targets : undefined;
    if (teacherTargets) this.checkTargets(teacherTargets, x.shape[0], steps);
    const { dropoutRng, returnHidden } = options;
    return tf.tidy(() => {
      const encoded = this.encoder.forward(this.inputEncoder.encodeSequence(x), {
        ...(lengths ? { lengths } : {}),
        ...(dropoutRng ? { dropoutRng } : {}),
        ...(returnHidden ? { returnHidden: true } : {}),
      });
      const batch = x.shape[0];
      let logits: tf.Tensor3D;
      let decoderHidden: tf.Tensor3D[] | undefined;
      if (this.targetEncoder && !teacherTargets) {
        ({ logits, hidden: decoderHidden } = this.runFreely(encoded.states, batch, steps));
      } else {
        const input = teacherTargets
          ? this.shiftedTargets(teacherTargets, steps)
          : (tf.zeros([batch, steps, 1]) as tf.Tensor3D);
        const decoded = this.decoder.forward(input, {
          initialStates: encoded.states,
          ...(dropoutRng ? { dropoutRng } : {}),
          ...(returnHidden ? { returnHidden: true } : {}),
        });
        logits = this.head.apply(decoded.outputs);
        decoderHidden = decoded.hidden;
      }
      return returnHidden ? { logits, hidden: encoded.hidden, decoderHidden } : { logits };
    });
  }

  /**
   * Greedy decoding: the argmax id at every step, int32 [batch, targetSteps], each step fed back to a
   * teacher-forced decoder as the next step's previous id. Stop symbols (0) are kept; the caller cuts
   * each row at its first 0.
   */
  greedyDecode(x: tf.Tensor, lengths?: tf.Tensor1D, options: { targetSteps?: number } = {}): tf.Tensor2D {
    const steps = this.resolveSteps(options);
    return tf.tidy(() => this.runFreely(this.encode(x, lengths), x.shape[0], steps).ids);
  }

  /** Frees every weight. */
  dispose(): void {
    this.inputEncoder.dispose();
    this.encoder.dispose();
    this.targetEncoder?.dispose();
    this.decoder.dispose();
    this.head.dispose();
  }

  /** Decodes from the model's own predictions, one step per token (no dropout: this is inference). */
  private runFreely(
    initial: CellState[],
    batch: number,
    steps: number,
  ): { logits: tf.Tensor3D; ids: tf.Tensor2D; hidden: tf.Tensor3D[] } {
    let states = initial;
    let previous = tf.fill([batch], seq2seqStartId, 'int32') as tf.Tensor1D;
    const logits: tf.Tensor2D[] = [];
    const ids: tf.Tensor1D[] = [];
    const layerOutputs: tf.Tensor2D[][] = states.map(() => []);
    for (let t = 0; t < steps; t++) {
      const step = this.decodeStep(states, previous);
      states = step.states;
      previous = tf.argMax(step.logits, 1) as tf.Tensor1D;
      logits.push(step.logits);
      ids.push(previous);
      states.forEach((state, layer) => layerOutputs[layer].push(state[0]));
    }
    return {
      logits: tf.stack(logits, 1) as tf.Tensor3D,
      ids: tf.stack(ids, 1) as tf.Tensor2D,
      hidden: layerOutputs.map((outputs) => tf.stack(outputs, 1) as tf.Tensor3D),
    };
  }

  /** The decoder's inputs under teacher forcing: the start id, then every target id but the last. */
  private shiftedTargets(targets: tf.Tensor, steps: number): tf.Tensor3D {
    const batch = targets.shape[0];
    const start = tf.fill([batch, 1], seq2seqStartId, 'int32');
    const previous = steps === 1 ? start : tf.concat([start, tf.slice(targets, [0, 0], [batch, steps - 1])], 1);
    return (this.targetEncoder as InputEncoder).encode(previous);
  }

  private resolveSteps(options: { targets?: tf.Tensor; targetSteps?: number }): number {
    const fromTargets = options.targets?.rank === 2 ? options.targets.shape[1] : undefined;
    const steps = options.targetSteps ?? fromTargets ?? this.spec.targetSteps;
    return checkInteger('Seq2SeqModel', 'targetSteps', steps, 1);
  }

  private checkTargets(targets: tf.Tensor, batch: number, steps: number): void {
    if (targets.rank !== 2 || targets.dtype !== 'int32' || targets.shape[0] !== batch || targets.shape[1] !== steps) {
      throw new RangeError(
        `targets must be int32 ids of shape [${batch}, ${steps}] (batch, targetSteps), got ${targets.dtype} [${targets.shape}]`,
      );
    }
  }
}
