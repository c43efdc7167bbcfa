import * as tf from '@tensorflow/tfjs';
import { checkInteger, iterateBatches, type Dataset, type Rng } from '@rnn/datasets';
import type { RecurrentModel } from '@rnn/models';
import { batchTensors, disposeBatchTensors, forwardInputs } from './batch-tensors';
import { clipByGlobalNorm } from './clip-by-global-norm';
import { createOptimizer, type OptimizerName } from './create-optimizer';
import { countedSteps, evaluate, type Evaluation } from './evaluate';
import {
  scheduledLearningRate,
  setOptimizerLearningRate,
  validateSchedule,
  type LearningRateSchedule,
} from './learning-rate-schedule';
import { objectiveFor } from './objective';

/** An optimizer's state as `optimizer.getWeights()` returns it: named tensors, in a fixed order. */
export type OptimizerState = Parameters<tf.Optimizer['setWeights']>[0];

/** Progress after one batch. */
export interface BatchProgress {
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  /** The learning rate this batch was trained with (see {@link FitOptions.schedule}). */
  readonly learningRate: number;
  /** Real input steps per second over the epoch so far. */
  readonly tokensPerSecond: number;
}

/** The record of one epoch. */
export interface EpochRecord {
  /** Mean training loss per real target step over the epoch. */
  readonly loss: number;
  readonly epoch: number;
  /** The learning rate of the epoch's last batch. */
  readonly learningRate: number;
  readonly seconds: number;
  readonly tokensPerSecond: number;
  /** Loss and accuracy on the validation set, when one was given. */
  readonly validation?: Evaluation;
  /**
   * A recipe run's target metric on a small fresh set after this epoch, where it was measured
   * (see `trainRecipe`'s `monitor`): how the result was reached, not only where it ended.
   */
  readonly metric?: number;
}

/** Options of {@link fit}. */
export interface FitOptions {
  /** Passes over the training set: an integer >= 1. */
  readonly epochs: number;
  /** Examples per batch: an integer >= 1. */
  readonly batchSize: number;
  /** The run's random stream: shuffling and dropout draw from its forks `shuffle` and `dropout`. */
  readonly rng: Rng;
  /** Default `adam`. */
  readonly optimizer?: OptimizerName;
  /** The base learning rate, > 0; the schedule scales it. Default 0.001. */
  readonly learningRate?: number;
  /**
   * How the learning rate changes over the epochs, as a factor of `learningRate`, set before every
   * batch from the epoch and batch numbers (so a resumed run repeats it exactly). Default constant.
   */
  readonly schedule?: LearningRateSchedule;
  /** Clip gradients to this global L2 norm; default no clipping. */
  readonly clipNorm?: number;
  /** Group examples of similar length into batches (less padding). Default false. */
  readonly bucket?: boolean;
  /** Evaluated after every epoch. */
  readonly validation?: Dataset;
  /** Stop when the validation loss (or training loss without validation) has not improved for this many epochs. */
  readonly patience?: number;
  /** Called after every batch, with the optimizer that trained it. */
  readonly onBatchEnd?: (progress: BatchProgress, optimizer: tf.Optimizer) => void;
  /** Return (or resolve to) `'stop'` to end training after this epoch; awaited, so it may save a checkpoint. */
  readonly onEpochEnd?: (record: EpochRecord, optimizer: tf.Optimizer) => void | 'stop' | Promise<void | 'stop'>;
  /** The first epoch to run, 1-based (a resumed run starts after its last checkpoint). Default 1. */
  readonly initialEpoch?: number;
  /**
   * The records of the epochs before `initialEpoch` (a checkpoint's history): early stopping counts
   * on from them, so a resumed run stops where the uninterrupted one would have.
   */
  readonly previousHistory?: readonly EpochRecord[];
  /**
   * Optimizer state to continue from (`optimizer.getWeights()` of a checkpoint). `fit` takes it over:
   * the optimizer copies it and the given tensors are freed.
   */
  readonly optimizerState?: OptimizerState;
}

/** What {@link fit} returns. */
export interface FitResult {
  readonly history: EpochRecord[];
  readonly stoppedBy: 'epochs' | 'patience' | 'callback';
}

/** Thrown when the loss becomes NaN or infinite: training cannot continue from there. */
export class NonFiniteLossError extends Error {
  constructor(epoch: number, batch: number, loss: number) {
    super(
      `loss became ${loss} at epoch ${epoch}, batch ${batch}: lower the learning rate or clip gradients (clipNorm)`,
    );
    this.name = 'NonFiniteLossError';
  }
}

/**
 * Trains `model` on `train`: shuffled (optionally length-bucketed) batches, a masked loss over real
 * steps only, optional gradient clipping, a learning-rate schedule, validation each epoch, early
 * stopping, and a clear stop on a NaN/Inf loss. Every random choice comes from `rng`, so on the cpu backend one seed gives the
 * same losses bit for bit.
 */
export async function fit(model: RecurrentModel, train: Dataset, options: FitOptions): Promise<FitResult> {
  checkInteger('fit', 'epochs', options.epochs, 1);
  checkInteger('fit', 'batchSize', options.batchSize, 1);
  if (options.patience !== undefined) checkInteger('fit', 'patience', options.patience, 1);
  if (options.clipNorm !== undefined && !(options.clipNorm > 0)) {
    throw new RangeError(`clipNorm must be > 0, got ${options.clipNorm}`);
  }
  const initialEpoch = options.initialEpoch ?? 1;
  checkInteger('fit', 'initialEpoch', initialEpoch, 1);
  const schedule = options.schedule ?? { kind: 'constant' };
  validateSchedule(schedule, options.epochs);
  const baseRate = options.learningRate ?? 0.001;
  const optimizer = createOptimizer(options.optimizer ?? 'adam', baseRate);
  if (options.optimizerState) {
    await optimizer.setWeights(options.optimizerState);
    tf.dispose(options.optimizerState.map((w) => w.tensor));
  }
  const history: EpochRecord[] = [];
  let best = Infinity;
  let sinceBest = 0;
  /** Early stopping's bookkeeping after an epoch: whether patience has run out. */
  const patienceRunsOut = (record: EpochRecord): boolean => {
    const monitored = record.validation?.loss ?? record.loss;
    if (monitored < best) {
      best = monitored;
      sinceBest = 0;
      return false;
    }
    return options.patience !== undefined && ++sinceBest >= options.patience;
  };
  for (const record of options.previousHistory ?? []) patienceRunsOut(record);
  try {
    for (let epoch = initialEpoch; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      const dropoutRng = options.rng.fork('dropout').fork(`epoch-${epoch}`);
      const batches = [
        ...iterateBatches(train, {
          batchSize: options.batchSize,
          rng: options.rng.fork('shuffle').fork(`epoch-${epoch}`),
          bucket: options.bucket ?? false,
        }),
      ];
      let lossSum = 0;
      let counted = 0;
      let tokens = 0;
      let learningRate = baseRate;
      for (let b = 0; b < batches.length; b++) {
        learningRate = scheduledLearningRate(schedule, baseRate, options.epochs, {
          epoch,
          batch: b,
          batches: batches.length,
        });
        setOptimizerLearningRate(optimizer, learningRate);
        const tensors = batchTensors(batches[b], model);
        const objective = objectiveFor(model, tensors.targets.dtype);
        const weight = countedSteps(tensors);
        const loss = tf.tidy(() => {
          const { value, grads } = tf.variableGrads(
            () =>
              objective.loss(
                model.forward(tensors.x, tensors.lengths, { dropoutRng, ...forwardInputs(tensors, true) }).logits,
                tensors,
              ),
            model.weights,
          );
          const applied = options.clipNorm === undefined ? grads : clipByGlobalNorm(grads, options.clipNorm).grads;
          optimizer.applyGradients(applied);
          return value.dataSync()[0];
        });
        disposeBatchTensors(tensors);
        if (!Number.isFinite(loss)) throw new NonFiniteLossError(epoch, b + 1, loss);
        lossSum += loss * weight;
        counted += weight;
        tokens += batches[b].lengths.reduce((s, n) => s + n, 0);
        const seconds = (performance.now() - started) / 1000;
        options.onBatchEnd?.(
          {
            epoch,
            batch: b + 1,
            batches: batches.length,
            loss,
            learningRate,
            tokensPerSecond: tokens / seconds,
          },
          optimizer,
        );
      }
      const seconds = (performance.now() - started) / 1000;
      const validation = options.validation ? evaluate(model, options.validation) : undefined;
      const record: EpochRecord = {
        epoch,
        loss: lossSum / Math.max(counted, 1),
        learningRate,
        seconds,
        tokensPerSecond: tokens / seconds,
        ...(validation ? { validation } : {}),
      };
      history.push(record);
      if ((await options.onEpochEnd?.(record, optimizer)) === 'stop') return { history, stoppedBy: 'callback' };
      if (patienceRunsOut(record)) return { history, stoppedBy: 'patience' };
    }
    return { history, stoppedBy: 'epochs' };
  } finally {
    optimizer.dispose();
  }
}
