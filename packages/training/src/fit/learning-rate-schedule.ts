import type * as tf from '@tensorflow/tfjs';
import { checkInteger } from '@rnn/datasets';

/**
 * How the learning rate changes over a run, as a factor of the base `learningRate` (so `rnn train
 * --lr` rescales a recipe's schedule and keeps its shape):
 * - `constant`: the base rate throughout (the default).
 * - `step`: multiplied by `gamma` every `every` epochs: `lr * gamma^floor((epoch - 1) / every)`. It
 *   changes only between epochs.
 * - `cosine`: optionally a linear warm-up from near 0 to the base rate over the first `warmup` epochs,
 *   then half a cosine from the base rate down to `lr * minFactor` at the end of the last epoch.
 *
 * The rate is set before every batch from the run's position in epochs, `epoch - 1 + batch / batches`
 * (0-based batch, batches per epoch). Per batch, so a cosine decays smoothly even over a few epochs;
 * in epochs, so the shape does not depend on the data size or the batch size. The position is a pure
 * function of the epoch and batch numbers, so a run resumed from a checkpoint (which starts again at
 * `initialEpoch`) sets exactly the rates the uninterrupted run set at every step.
 */
export type LearningRateSchedule =
  | { readonly kind: 'constant' }
  | { readonly kind: 'step'; readonly every: number; readonly gamma: number }
  | { readonly kind: 'cosine'; readonly warmup?: number; readonly minFactor?: number };

/** Every schedule kind, for argument checks and help texts. */
export const scheduleKinds: readonly LearningRateSchedule['kind'][] = ['constant', 'step', 'cosine'];

/** Where a run is when a batch starts. */
export interface SchedulePosition {
  /** The current epoch, 1-based. */
  readonly epoch: number;
  /** The current batch within the epoch, 0-based. */
  readonly batch: number;
  /** Batches per epoch. */
  readonly batches: number;
}

const fieldsOf: Record<LearningRateSchedule['kind'], readonly string[]> = {
  constant: ['kind'],
  step: ['kind', 'every', 'gamma'],
  cosine: ['kind', 'warmup', 'minFactor'],
};

/**
 * Checks a schedule for a run of `epochs` epochs: a one-line RangeError naming the field and what is
 * allowed.
 */
export function validateSchedule(schedule: LearningRateSchedule, epochs: number): void {
  if (schedule === null || typeof schedule !== 'object' || !scheduleKinds.includes(schedule.kind)) {
    const kind = (schedule as { kind?: unknown } | null)?.kind;
    throw new RangeError(`schedule.kind must be one of ${scheduleKinds.join(', ')}, got ${JSON.stringify(kind)}`);
  }
  const allowed = fieldsOf[schedule.kind];
  for (const key of Object.keys(schedule)) {
    if (!allowed.includes(key)) {
      throw new RangeError(
        `schedule.${key} is not an option of a ${schedule.kind} schedule, which takes ${allowed.join(', ')}`,
      );
    }
  }
  if (schedule.kind === 'step') {
    checkInteger('validateSchedule', 'schedule.every', schedule.every, 1);
    if (!(schedule.gamma > 0 && schedule.gamma <= 1)) {
      throw new RangeError(`schedule.gamma must be in (0, 1], got ${schedule.gamma}`);
    }
  } else if (schedule.kind === 'cosine') {
    const warmup = schedule.warmup ?? 0;
    if (!(Number.isFinite(warmup) && warmup >= 0 && warmup < epochs)) {
      throw new RangeError(`schedule.warmup must be a number of epochs in [0, epochs = ${epochs}), got ${warmup}`);
    }
    const minFactor = schedule.minFactor ?? 0;
    if (!(minFactor >= 0 && minFactor <= 1)) {
      throw new RangeError(`schedule.minFactor must be in [0, 1], got ${minFactor}`);
    }
  }
}

/**
 * The learning rate of the batch at `position` in a run of `epochs` epochs with base rate
 * `learningRate`; see {@link LearningRateSchedule}. The schedule is assumed valid ({@link validateSchedule}).
 *
 * @example
 * scheduledLearningRate({ kind: 'step', every: 2, gamma: 0.5 }, 0.01, 10, { epoch: 3, batch: 0, batches: 50 }); // 0.005
 */
export function scheduledLearningRate(
  schedule: LearningRateSchedule,
  learningRate: number,
  epochs: number,
  position: SchedulePosition,
): number {
  switch (schedule.kind) {
    case 'constant':
      return learningRate;
    case 'step':
      return learningRate * schedule.gamma ** Math.floor((position.epoch - 1) / schedule.every);
    case 'cosine': {
      const at = position.epoch - 1 + position.batch / position.batches;
      const warmup = schedule.warmup ?? 0;
      // Linear, reaching the base rate at the warm-up's last batch; its first batch trains at a small
      // rate, not at 0 (a step that would not move).
      if (at < warmup) return learningRate * Math.min(1, (at + 1 / position.batches) / warmup);
      const minimum = learningRate * (schedule.minFactor ?? 0);
      const progress = (at - warmup) / (epochs - warmup);
      return minimum + ((learningRate - minimum) * (1 + Math.cos(Math.PI * progress))) / 2;
    }
  }
}

/**
 * Sets the learning rate of a tfjs optimizer between steps. Adam, RMSProp and Adagrad read their
 * `learningRate` field at every step; SGD and momentum keep it as a scalar tensor that
 * `setLearningRate` replaces.
 */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (o.learningRate === learningRate) return;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(learningRate);
  else o.learningRate = learningRate;
}

/** The learning rate a tfjs optimizer uses for its next step. */
export function optimizerLearningRate(optimizer: tf.Optimizer): number {
  return (optimizer as unknown as { learningRate: number }).learningRate;
}
