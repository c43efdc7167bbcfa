import * as tf from '@tensorflow/tfjs';
import { checkInteger } from '@rnn/datasets';
import type { RecurrentModel } from '../architectures/build-model';
import { GeneratorModel } from '../architectures/generator-model';
import { Seq2SeqModel, seq2seqStartId } from '../architectures/seq2seq-model';
import { SequenceModel } from '../architectures/sequence-model';
import type { Dense } from '../layers/dense';
import type { InputEncoder } from '../layers/input-encoder';
import { StackRecorder, type LayerRecord } from './stack-recorder';

/** Options of {@link recordHiddenStates}; each applies to the architectures it names. */
export interface RecordHiddenStatesOptions {
  /**
   * Sequence models and the seq2seq encoder: how many of x's steps are real, 1 to x's time steps;
   * the padding after them is neither run nor recorded. Default all. A generator ignores it.
   */
  readonly length?: number;
  /**
   * Seq2seq with a teacher-forced decoder: the target ids, int32 [1, targetSteps]. As in `forward`,
   * the decoder then reads them shifted one step right; without them it reads its own argmax.
   */
  readonly targets?: tf.Tensor;
  /** Seq2seq decoder steps, or generator steps; default the targets' length, else the spec's. */
  readonly targetSteps?: number;
}

/** What {@link recordHiddenStates} saw inside a model on one sequence. */
export interface HiddenStateRecord {
  /**
   * The recurrent layers that read the input, bottom first: a sequence model's stack, a seq2seq
   * model's encoder, a generator's stack (over its generated steps).
   */
  readonly layers: LayerRecord[];
  /** Seq2seq only: the decoder's layers over its steps, started from the encoder's final states. */
  readonly decoderLayers?: LayerRecord[];
}

function checkOptions(options: RecordHiddenStatesOptions, time: number | undefined): void {
  const { length, targetSteps } = options;
  // At most x's time steps: the steps past them were never read.
  if (length !== undefined && time !== undefined) checkInteger('recordHiddenStates', 'length', length, 1, time);
  if (targetSteps !== undefined) checkInteger('recordHiddenStates', 'targetSteps', targetSteps, 1);
}

/** The first `length` steps of ids [1, time] or features [1, time, features]. */
function firstSteps(x: tf.Tensor, length: number | undefined): tf.Tensor {
  if (length === undefined || length === x.shape[1]) return x;
  return tf.slice(x, Array(x.rank).fill(0), [1, length, ...x.shape.slice(2)]);
}

/** Runs an encoded sequence [1, time, size] through a recorder, one step at a time. */
function stepThrough(recorder: StackRecorder, encoded: tf.Tensor3D): void {
  const [, time, size] = encoded.shape;
  for (let t = 0; t < time; t++) recorder.step(tf.reshape(tf.slice(encoded, [0, t, 0], [1, 1, size]), [1, size]));
}

function recordSequenceModel(
  model: SequenceModel,
  x: tf.Tensor,
  options: RecordHiddenStatesOptions,
): HiddenStateRecord {
  const recorder = new StackRecorder(model.stack, model.stack.initialStates(1));
  stepThrough(recorder, model.encoder.encode(firstSteps(x, options.length)));
  return { layers: recorder.read() };
}

function recordSeq2Seq(model: Seq2SeqModel, x: tf.Tensor, options: RecordHiddenStatesOptions): HiddenStateRecord {
  const encoder = new StackRecorder(model.encoder, model.encoder.initialStates(1));
  stepThrough(encoder, model.inputEncoder.encode(firstSteps(x, options.length)));
  const { targets } = options;
  const teacherTargets = model.targetEncoder ? targets : undefined;
  const fromTargets = targets?.rank === 2 ? targets.shape[1] : undefined;
  const steps = options.targetSteps ?? fromTargets ?? model.spec.targetSteps;
  const decoder = new StackRecorder(model.decoder, encoder.states);
  const targetEncoder = model.targetEncoder as InputEncoder;
  if (teacherTargets) {
    if (teacherTargets.rank !== 2 || teacherTargets.dtype !== 'int32' || teacherTargets.shape[1] !== steps) {
      throw new RangeError(
        `targets must be int32 ids of shape [1, ${steps}] (batch, targetSteps), got ${teacherTargets.dtype} [${teacherTargets.shape}]`,
      );
    }
    // What the teacher-forced decoder of `forward` reads: the start id, then every target but the last.
    const start = tf.fill([1, 1], seq2seqStartId, 'int32');
    const previous = steps === 1 ? start : tf.concat([start, tf.slice(teacherTargets, [0, 0], [1, steps - 1])], 1);
    stepThrough(decoder, targetEncoder.encode(previous));
  } else if (model.targetEncoder) {
    // No targets: the decoder reads back its own argmax, as `forward` and `greedyDecode` do.
    let previous = tf.fill([1], seq2seqStartId, 'int32') as tf.Tensor1D;
    for (let t = 0; t < steps; t++) {
      const input = tf.squeeze(targetEncoder.encode(tf.expandDims(previous, 1)), [1]) as tf.Tensor2D;
      previous = tf.argMax(model.head.apply(decoder.step(input)), 1) as tf.Tensor1D;
    }
  } else {
    for (let t = 0; t < steps; t++) decoder.step(tf.zeros([1, 1]) as tf.Tensor2D);
  }
  return { layers: encoder.read(), decoderLayers: decoder.read() };
}

function recordGenerator(model: GeneratorModel, x: tf.Tensor, options: RecordHiddenStatesOptions): HiddenStateRecord {
  const { inputFeatures, outputSize, inject } = model.spec;
  const steps = options.targetSteps ?? model.spec.steps;
  const okShape = x.shape[x.rank - 1] === inputFeatures && (x.rank === 2 || (x.rank === 3 && x.shape[1] === 1));
  if (!okShape) {
    throw new RangeError(
      `generator input must have shape [1, ${inputFeatures}] or [1, 1, ${inputFeatures}], got [${x.shape}]`,
    );
  }
  // The steps of GeneratorModel.forward without dropout, one by one.
  const vector = tf.reshape(x.toFloat(), [1, inputFeatures]) as tf.Tensor2D;
  const projection = model.projection as Dense;
  const states = model.stack.initialStates(1);
  if (inject === 'init') {
    const [, ...rest] = states[0];
    states[0] = [projection.apply(vector), ...rest];
  }
  const recorder = new StackRecorder(model.stack, states);
  let previous = tf.zeros([1, outputSize]) as tf.Tensor2D;
  for (let t = 0; t < steps; t++) {
    const input =
      inject === 'par'
        ? (tf.concat([previous, vector], 1) as tf.Tensor2D)
        : inject === 'pre' && t === 0
          ? projection.apply(vector)
          : previous;
    previous = model.head.apply(recorder.step(input));
  }
  return { layers: recorder.read() };
}

/**
 * Runs a model on one sequence (batch 1) and records what happens inside: every layer's hidden state
 * at every step, the LSTM's cell state, and for LSTM and GRU each gate's activations, as row-major
 * [steps, units] Float32Arrays. The cells are stepped one step at a time with plain tfjs ops (never
 * the fused kernels, whose gates never leave native memory), so the hidden states equal those of the
 * model's own `forward(x, lengths, { returnHidden: true })` up to float rounding. A seq2seq model
 * records its encoder and its decoder (fed as `forward` feeds it); a generator its generated steps.
 * No tensor outlives the call. For pictures, see `heatmapSvg` of `@rnn/charts`.
 *
 * @param x - what the model's `forward` reads, for one sequence: ids [1, time] or features
 *   [1, time, features]; a generator's vector [1, inputFeatures] or [1, 1, inputFeatures].
 * @example
 * const model = buildModel({ architecture: 'tagger', input: { type: 'dense', features: 1 },
 *   rnn: { kind: 'lstm', units: 32 }, outputSize: 1 }, createRng(1).fork('init'));
 * const { layers } = recordHiddenStates(model, tf.tensor3d(wave, [1, 200, 1]));
 * layers[0].hidden; // Float32Array [200 x 32]
 * layers[0].gates?.map((g) => g.name); // ['input', 'forget', 'cell', 'output']
 */
export function recordHiddenStates(
  model: RecurrentModel,
  x: tf.Tensor,
  options: RecordHiddenStatesOptions = {},
): HiddenStateRecord {
  if (!(model instanceof SequenceModel || model instanceof Seq2SeqModel || model instanceof GeneratorModel)) {
    throw new RangeError('model must be a SequenceModel, Seq2SeqModel or GeneratorModel (what buildModel makes)');
  }
  if (!(x instanceof tf.Tensor) || x.rank < 2 || x.shape[0] !== 1) {
    throw new RangeError(
      `x must be a tensor holding one sequence (batch 1), got ${x instanceof tf.Tensor ? `shape [${x.shape}]` : typeof x}`,
    );
  }
  const time = model instanceof GeneratorModel ? undefined : (x.shape[1] as number);
  if (time !== undefined && time < 1)
    throw new RangeError(`x must have at least one time step, got shape [${x.shape}]`);
  checkOptions(options, time);
  let record: HiddenStateRecord | undefined;
  // Every tensor made while stepping is freed here; the records are plain arrays read out inside.
  tf.tidy(() => {
    record =
      model instanceof SequenceModel
        ? recordSequenceModel(model, x, options)
        : model instanceof Seq2SeqModel
          ? recordSeq2Seq(model, x, options)
          : recordGenerator(model, x, options);
  });
  return record as HiddenStateRecord;
}
