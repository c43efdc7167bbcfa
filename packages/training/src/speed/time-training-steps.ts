import * as tf from '@tensorflow/tfjs';
import { checkInteger, createRng, type Batch } from '@rnn/datasets';
import { activeSequenceKernel, buildModel, type ActiveSequenceKernel, type ModelSpec } from '@rnn/models';
import { batchTensors, disposeBatchTensors, forwardInputs } from '../fit/batch-tensors';
import { clipByGlobalNorm } from '../fit/clip-by-global-norm';
import { createOptimizer, type OptimizerName } from '../fit/create-optimizer';
import { objectiveFor } from '../fit/objective';

/** One training step's work: the network, one batch of it, and how the weights are updated. */
export interface TrainingStepWork {
  /** The work in words, for tables: e.g. `simple 16x1, batch 64 x 50`. */
  readonly shape: string;
  readonly spec: ModelSpec;
  readonly batch: Batch;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** Clip the gradients to this global norm, as the recipe does; absent: no clipping. */
  readonly clipNorm?: number;
}

/** Options of {@link timeTrainingSteps}. */
export interface TrainingStepTimingOptions {
  /** Untimed steps first (kernels compiled, buffers allocated, shaders built). Default 1. */
  readonly warmupSteps?: number;
  /** Timed steps at least. Default 3. */
  readonly minSteps?: number;
  /** Timed steps at most. Default {@link TrainingStepTimingOptions.minSteps}. */
  readonly maxSteps?: number;
  /** After `minSteps`, keep timing until this many milliseconds of timed steps or `maxSteps`. Default 0. */
  readonly budgetMs?: number;
  /** The seed of the weights. Default `timing`. */
  readonly seed?: string;
}

/** How fast one training step ran on the backend and kernel active at the time. */
export interface TrainingStepTiming {
  /** Timed steps. */
  readonly steps: number;
  /** The median of the timed steps, in milliseconds. */
  readonly msPerStep: number;
  /** 1000 / {@link TrainingStepTiming.msPerStep}. */
  readonly stepsPerSecond: number;
  /** The tfjs backend the steps ran on. */
  readonly backend: string;
  /** The recurrence kernel the steps ran on. */
  readonly kernel: ActiveSequenceKernel['name'];
}

/** The middle value (the mean of the two middle ones for an even count): one slow step moves it little. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times whole training steps (forward, backward, gradient clipping, the optimizer's update, the
 * loss read back) of `work` on the backend and kernels active now, exactly as `fit` runs them, and
 * frees everything it made. The same function runs in Node and in a browser's worker, so their
 * figures compare: speed is the one thing a user of a page and of the command line both wait on.
 * Steps are synchronous, so the caller's thread is busy for the whole measurement.
 */
export async function timeTrainingSteps(
  work: TrainingStepWork,
  options: TrainingStepTimingOptions = {},
): Promise<TrainingStepTiming> {
  const warmupSteps = options.warmupSteps ?? 1;
  const minSteps = options.minSteps ?? 3;
  const maxSteps = options.maxSteps ?? minSteps;
  const budgetMs = options.budgetMs ?? 0;
  checkInteger('timeTrainingSteps', 'warmup steps', warmupSteps, 0);
  checkInteger('timeTrainingSteps', 'timed steps', minSteps, 1);
  checkInteger('timeTrainingSteps', 'most timed steps', maxSteps, minSteps);
  if (!(budgetMs >= 0)) throw new RangeError(`the time budget must be a number of milliseconds >= 0, got ${budgetMs}`);
  const model = buildModel(work.spec, createRng(options.seed ?? 'timing').fork('init'));
  const optimizer = createOptimizer(work.optimizer, work.learningRate);
  let tensors: ReturnType<typeof batchTensors> | undefined;
  try {
    tensors = batchTensors(work.batch, model);
    const batch = tensors;
    const objective = objectiveFor(model, batch.targets.dtype);
    const step = async () => {
      const loss = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(
          () => objective.loss(model.forward(batch.x, batch.lengths, forwardInputs(batch, true)).logits, batch),
          model.weights,
        );
        const applied = work.clipNorm === undefined ? grads : clipByGlobalNorm(grads, work.clipNorm).grads;
        optimizer.applyGradients(applied);
        return value;
      });
      // Reading the loss waits for the backend: a GPU's queued work counts, as it does in training.
      await loss.data();
      loss.dispose();
    };
    for (let i = 0; i < warmupSteps; i++) await step();
    const samples: number[] = [];
    const began = performance.now();
    while (samples.length < minSteps || (samples.length < maxSteps && performance.now() - began < budgetMs)) {
      const t0 = performance.now();
      await step();
      samples.push(performance.now() - t0);
    }
    const msPerStep = median(samples);
    return {
      steps: samples.length,
      msPerStep,
      stepsPerSecond: 1000 / msPerStep,
      backend: tf.getBackend(),
      kernel: activeSequenceKernel().name,
    };
  } finally {
    if (tensors) disposeBatchTensors(tensors);
    optimizer.dispose();
    model.dispose();
  }
}
