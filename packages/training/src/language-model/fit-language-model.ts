import * as tf from '@tensorflow/tfjs';
import { checkInteger, ContiguousStreams, TextWindows, type Batch, type Rng } from '@rnn/datasets';
import type { CellState, SequenceModel } from '@rnn/models';
import { clipByGlobalNorm } from '../fit/clip-by-global-norm';
import { createOptimizer, type OptimizerName } from '../fit/create-optimizer';
import { NonFiniteLossError, type OptimizerState } from '../fit/fit';
import {
  scheduledLearningRate,
  setOptimizerLearningRate,
  validateSchedule,
  type LearningRateSchedule,
} from '../fit/learning-rate-schedule';
import { maskedCrossEntropy } from '../losses/masked-cross-entropy';
import { corpusBitsPerChar } from './corpus-bits-per-char';
import type { LanguageModelScheme } from './language-model-recipe';

/** Progress after one training step. */
export interface LanguageModelStepProgress {
  /** Steps done in all (1-based: the step just finished). */
  readonly step: number;
  /** Steps the schedule plans in all. */
  readonly steps: number;
  readonly epoch: number;
  readonly loss: number;
  readonly learningRate: number;
  /** Characters trained per second in this process so far. */
  readonly charsPerSecond: number;
}

/** The record of one pass over the training text (or, last, of the part of one a stop cut short). */
export interface LanguageModelEpochRecord {
  readonly epoch: number;
  /** Steps done in all at the end of this record. */
  readonly step: number;
  /** Mean training loss in nats per character over the epoch's steps. */
  readonly loss: number;
  /** Steps of this epoch the record covers. */
  readonly steps: number;
  readonly learningRate: number;
  readonly seconds: number;
  readonly charsPerSecond: number;
  /** Bits per character on the validation text, measured at the end of the record. */
  readonly validationBitsPerChar?: number;
  /** True when training stopped before the epoch's end (a time budget or Ctrl-C). */
  readonly partial?: boolean;
}

/** Where a run is, handed to the checkpoint callback: everything an exact resume needs. */
export interface LanguageModelCheckpointState {
  /** Steps done in all. */
  readonly step: number;
  /** Completed epochs. */
  readonly epoch: number;
  readonly optimizer: tf.Optimizer;
  /** The state carried into the next step (tbptt only), one [batch, units] tensor per layer and part. */
  readonly carried?: readonly tf.Tensor[];
  /** Every record so far; the last is `partial` when the run stopped inside an epoch. */
  readonly history: readonly LanguageModelEpochRecord[];
}

/** Where a resumed run picks up: a checkpoint's step, optimizer state, carried state and history. */
export interface LanguageModelStart {
  readonly step: number;
  readonly optimizerState: OptimizerState;
  readonly carried?: readonly tf.Tensor[];
  readonly history: readonly LanguageModelEpochRecord[];
}

/** Options of {@link fitLanguageModel}. */
export interface LanguageModelFitOptions {
  readonly scheme: LanguageModelScheme;
  readonly epochs: number;
  readonly batchSize: number;
  readonly length: number;
  readonly learningRate: number;
  readonly optimizer: OptimizerName;
  readonly schedule?: LearningRateSchedule;
  readonly clipNorm?: number;
  /** Window draws and dropout masks come from its forks, per step, so a resumed run repeats them. */
  readonly rng: Rng;
  /** Scored after every epoch (and at a stop), in bits per character. */
  readonly validation?: Int32Array;
  /** Stop at the end of the first step that ends after this many minutes (of this process). */
  readonly minutes?: number;
  /** Stop at the end of the current step once aborted (Ctrl-C). */
  readonly signal?: { readonly aborted: boolean };
  readonly start?: LanguageModelStart;
  /**
   * Called after every step. When it returns a promise, the next step waits for it (a page pauses a
   * run there, or lets its messages in); the time waited counts toward neither the budget nor the
   * seconds and speeds reported.
   */
  readonly onStep?: (progress: LanguageModelStepProgress) => void | Promise<void>;
  /** Called at the end of every epoch and at a stop, awaited: save a checkpoint here. */
  readonly onCheckpoint?: (state: LanguageModelCheckpointState) => void | Promise<void>;
}

/** What {@link fitLanguageModel} returns. */
export interface LanguageModelFitResult {
  readonly history: LanguageModelEpochRecord[];
  /** Steps done in all. */
  readonly steps: number;
  readonly stoppedBy: 'epochs' | 'minutes' | 'signal';
  /** Seconds this process trained. */
  readonly seconds: number;
}

/**
 * The steps of one epoch: one pass over the contiguous streams. The windows scheme takes as many
 * steps per epoch, so both read as many characters per epoch and compare at equal cost.
 */
export function stepsPerEpoch(train: Int32Array, batchSize: number, length: number): number {
  return new ContiguousStreams(train, { batchSize, length }).count;
}

/**
 * Trains a character language model on an encoded text, step by step: contiguous streams with the
 * hidden state carried across steps (truncated backpropagation through time) or random windows
 * from a zero state, a cross-entropy over every character, gradient clipping and a learning-rate
 * schedule over the planned epochs. Stops cleanly at the end of a step when the time budget is
 * spent or the signal is aborted, after handing a checkpoint state to `onCheckpoint`. From the same
 * rng and start, every step is the same, so a resumed run continues exactly.
 */
export async function fitLanguageModel(
  model: SequenceModel,
  train: Int32Array,
  options: LanguageModelFitOptions,
): Promise<LanguageModelFitResult> {
  const { scheme, epochs, batchSize, length } = options;
  if (scheme !== 'tbptt' && scheme !== 'windows') {
    throw new RangeError(`scheme must be tbptt or windows, got ${JSON.stringify(scheme)}`);
  }
  checkInteger('fitLanguageModel', 'epochs', epochs, 1);
  if (options.minutes !== undefined && !(options.minutes > 0)) {
    throw new RangeError(`minutes must be a number > 0, got ${options.minutes}`);
  }
  if (options.clipNorm !== undefined && !(options.clipNorm > 0)) {
    throw new RangeError(`clipNorm must be > 0, got ${options.clipNorm}`);
  }
  const schedule = options.schedule ?? { kind: 'constant' };
  validateSchedule(schedule, epochs);
  const streams = new ContiguousStreams(train, { batchSize, length });
  const windows = scheme === 'windows' ? new TextWindows(train, { length }) : undefined;
  const perEpoch = streams.count;
  const total = perEpoch * epochs;
  const optimizer = createOptimizer(options.optimizer, options.learningRate);
  const start = options.start;
  if (start) {
    await optimizer.setWeights(start.optimizerState);
    tf.dispose(start.optimizerState.map((w) => w.tensor));
  }
  const history = [...(start?.history ?? [])];
  // A partial last record is the epoch the checkpoint cut short: take up its sums again.
  const resumedPartial = history.length > 0 && history[history.length - 1].partial ? history.pop() : undefined;
  let carried: CellState[] | undefined = start?.carried?.length ? regroup(start.carried, model) : undefined;
  let step = start?.step ?? 0;
  let epochLoss = resumedPartial ? resumedPartial.loss * resumedPartial.steps : 0;
  let epochSteps = resumedPartial?.steps ?? 0;
  let epochSeconds = resumedPartial?.seconds ?? 0;
  let learningRate = options.learningRate;
  const began = performance.now();
  let epochBegan = performance.now();
  // Milliseconds spent waiting for onStep's promises, in all and when the current epoch began.
  let held = 0;
  let heldAtEpochBegan = 0;
  let stoppedBy: LanguageModelFitResult['stoppedBy'] = 'epochs';
  const mask = tf.ones([batchSize, length]);

  const record = (partial: boolean): LanguageModelEpochRecord => {
    const seconds = epochSeconds + (performance.now() - epochBegan - (held - heldAtEpochBegan)) / 1000;
    const validation = options.validation ? corpusBitsPerChar(model, options.validation) : undefined;
    return {
      epoch: Math.floor((step - 1) / perEpoch) + 1,
      step,
      loss: epochLoss / Math.max(epochSteps, 1),
      steps: epochSteps,
      learningRate,
      seconds,
      charsPerSecond: (epochSteps * batchSize * length) / Math.max(seconds, 1e-9),
      ...(validation ? { validationBitsPerChar: validation.bitsPerChar } : {}),
      ...(partial ? { partial: true } : {}),
    };
  };
  const checkpoint = async () => {
    await options.onCheckpoint?.({
      step,
      epoch: Math.floor(step / perEpoch),
      optimizer,
      ...(carried ? { carried: carried.flat() } : {}),
      history,
    });
  };

  try {
    while (step < total) {
      const epoch = Math.floor(step / perEpoch) + 1;
      const k = step % perEpoch;
      if (k === 0 && carried) {
        // A new pass starts every stream at its beginning again: from a zero state.
        tf.dispose(carried.flat());
        carried = undefined;
      }
      learningRate = scheduledLearningRate(schedule, options.learningRate, epochs, {
        epoch,
        batch: k,
        batches: perEpoch,
      });
      setOptimizerLearningRate(optimizer, learningRate);
      const batch: Batch = windows
        ? windows.batch(windows.sample(batchSize, options.rng.fork('windows').fork(`step-${step}`)))
        : streams.batch(k);
      const dropoutRng = options.rng.fork('dropout').fork(`step-${step}`);
      const from = windows ? undefined : carried;
      let next: CellState[] | undefined;
      const loss = tf.tidy(() => {
        const x = tf.tensor2d(batch.inputs.data as Int32Array, [batchSize, length], 'int32');
        const y = tf.tensor2d(batch.targets.data as Int32Array, [batchSize, length], 'int32');
        const { value, grads } = tf.variableGrads(() => {
          const result = model.forward(x, undefined, {
            dropoutRng,
            ...(from ? { initialStates: from } : {}),
            returnStates: !windows,
          });
          // The state goes on into the next step as a constant: gradients stop at the batch edge.
          if (result.states) next = result.states.map((layer) => layer.map((t) => tf.keep(t)) as CellState);
          return maskedCrossEntropy(result.logits, y, mask);
        }, model.weights);
        const applied = options.clipNorm === undefined ? grads : clipByGlobalNorm(grads, options.clipNorm).grads;
        optimizer.applyGradients(applied);
        return value.dataSync()[0];
      });
      if (carried) tf.dispose(carried.flat());
      carried = next;
      if (!Number.isFinite(loss)) throw new NonFiniteLossError(epoch, k + 1, loss);
      step++;
      epochLoss += loss;
      epochSteps++;
      const elapsed = (performance.now() - began - held) / 1000;
      const stepped = options.onStep?.({
        step,
        steps: total,
        epoch,
        loss,
        learningRate,
        charsPerSecond: ((step - (start?.step ?? 0)) * batchSize * length) / Math.max(elapsed, 1e-9),
      });
      if (stepped) {
        const waited = performance.now();
        await stepped;
        held += performance.now() - waited;
      }
      const epochDone = step % perEpoch === 0;
      if (epochDone) {
        history.push(record(false));
        await checkpoint();
        epochLoss = 0;
        epochSteps = 0;
        epochSeconds = 0;
        epochBegan = performance.now();
        heldAtEpochBegan = held;
      }
      const outOfTime = options.minutes !== undefined && elapsed >= options.minutes * 60;
      if (step < total && (outOfTime || options.signal?.aborted)) {
        stoppedBy = outOfTime ? 'minutes' : 'signal';
        if (!epochDone) {
          history.push(record(true));
          await checkpoint();
        }
        break;
      }
    }
    return { history, steps: step, stoppedBy, seconds: (performance.now() - began - held) / 1000 };
  } finally {
    mask.dispose();
    if (carried) tf.dispose(carried.flat());
    optimizer.dispose();
  }
}

/** A checkpoint's flat list of carried tensors back into one state per layer. */
function regroup(flat: readonly tf.Tensor[], model: SequenceModel): CellState[] {
  const layers = model.stack.cells.length;
  if (flat.length % layers !== 0) {
    throw new RangeError(
      `the carried state holds ${flat.length} tensors, not a multiple of the model's ${layers} layers`,
    );
  }
  const per = flat.length / layers;
  return Array.from({ length: layers }, (_, l) => flat.slice(l * per, (l + 1) * per) as CellState);
}
