import { checkInteger, iterateBatches, type Batch, type Dataset, type Rng } from '@rnn/datasets';
import {
  createScratchAdam,
  scratchBackward,
  scratchBinaryCrossEntropy,
  scratchForward,
  scratchGenerate,
  scratchGenerateBackward,
  scratchMeanSquaredError,
  scratchSigmoid,
  scratchWeightList,
  type ScratchElman,
  type ScratchElmanWeights,
  type ScratchLoss,
} from '@rnn/models';
import { NonFiniteLossError } from '../fit/fit';
import { scheduledLearningRate, validateSchedule, type LearningRateSchedule } from '../fit/learning-rate-schedule';

/** The record of one epoch of {@link fitScratch}. */
export interface ScratchEpochRecord {
  /** 1-based. */
  readonly epoch: number;
  /** Mean training loss over the epoch's examples (binary cross-entropy, or mean squared error per value). */
  readonly loss: number;
  /** The learning rate of the epoch's last batch. */
  readonly learningRate: number;
  readonly seconds: number;
}

/** Options of {@link fitScratch}. */
export interface FitScratchOptions {
  /** Passes over the training set: an integer >= 1. */
  readonly epochs: number;
  /** Examples per batch: an integer >= 1. */
  readonly batchSize: number;
  /** The run's random stream: each epoch's shuffle draws from its fork `shuffle/epoch-<e>`. */
  readonly rng: Rng;
  /** Adam's base learning rate, > 0; the schedule scales it. Default 0.001 (PyTorch's). */
  readonly learningRate?: number;
  /**
   * How the learning rate changes over the epochs, set before every batch, as in `fit`. Default
   * constant; a decay lets Adam settle instead of jumping around a sharp minimum.
   */
  readonly schedule?: LearningRateSchedule;
  /** Clip the gradients to this global L2 norm before each update; default no clipping. */
  readonly clipNorm?: number;
  /** Called after every epoch; return `'stop'` to end training there. */
  readonly onEpochEnd?: (record: ScratchEpochRecord) => void | 'stop';
}

/** What {@link fitScratch} returns. */
export interface FitScratchResult {
  /** One record per epoch run. */
  readonly history: ScratchEpochRecord[];
  readonly stoppedBy: 'epochs' | 'callback';
}

/** Options of {@link predictScratch}. */
export interface PredictScratchOptions {
  /** Generators only: steps to generate, an integer >= 1. Default the data set's target steps. */
  readonly steps?: number;
}

/** What {@link predictScratch} returns: values with their shape, row-major. */
export interface ScratchPredictions {
  /** Classifier: P(label 1) per example. Generator: the generated values. */
  readonly data: Float64Array;
  /** `[n]` for a classifier, `[n, steps]` for a generator (`[n, steps, outputSize]` when outputSize > 1). */
  readonly shape: number[];
}

type ScratchUse = 'classifier' | 'generator';

/** Which use `dataset` asks of `model`, checked: a RangeError saying what does not fit. */
function useOf(where: string, model: ScratchElman, dataset: Dataset): ScratchUse {
  const { inputSize, outputSize, output } = model.spec;
  const features = dataset.inputs.shape[2];
  if (dataset.inputs.shape.length !== 3 || features !== inputSize) {
    throw new RangeError(
      `${where}: the data set's inputs must be [n, steps, ${inputSize}] numeric features, got [${dataset.inputs.shape}]`,
    );
  }
  if (dataset.typology === 'classifier') {
    if (dataset.classes !== 2 || output !== 'sigmoid' || outputSize !== 1) {
      throw new RangeError(
        `${where}: a classifier data set needs 2 classes and a model with output 'sigmoid' and outputSize 1, ` +
          `got ${dataset.classes} classes, output '${output}', outputSize ${outputSize}`,
      );
    }
    return 'classifier';
  }
  if (dataset.typology === 'generator') {
    if (output !== 'linear' || (dataset.targets.shape[2] ?? 1) !== outputSize) {
      throw new RangeError(
        `${where}: a generator data set needs a model with output 'linear' and outputSize ${dataset.targets.shape[2] ?? 1}, ` +
          `got output '${output}', outputSize ${outputSize}`,
      );
    }
    return 'generator';
  }
  throw new RangeError(`${where}: the data set's typology must be classifier or generator, got ${dataset.typology}`);
}

/** A batch's loss and the gradient of every weight: forward, loss, BPTT. */
function batchGradients(
  model: ScratchElman,
  use: ScratchUse,
  batch: Batch,
): ScratchLoss & { weights: ScratchElmanWeights } {
  if (use === 'classifier') {
    const pass = scratchForward(model, batch.inputs, batch.lengths);
    const loss = scratchBinaryCrossEntropy(pass.outputs, batch.targets.data);
    return { ...loss, weights: scratchBackward(model, pass, loss.gradient) };
  }
  // Every target step of a one-to-many data set is real, so no mask is needed.
  const pass = scratchGenerate(model, batch.inputs, batch.targets.shape[1]);
  const loss = scratchMeanSquaredError(pass.outputs, batch.targets.data);
  return { ...loss, weights: scratchGenerateBackward(model, pass, loss.gradient) };
}

/**
 * Trains a {@link ScratchElman} in place on `train` with Adam, in plain TypeScript (no tfjs): a
 * classifier data set (e.g. `increasing`) trains the many-to-one use with binary cross-entropy, a
 * generator data set (e.g. `counting`) the one-to-many use with feedback and mean squared error.
 * Batches are shuffled from `rng`, so one seed gives the same losses bit for bit.
 *
 * @example
 * const model = createScratchElman({ inputSize: 2, units: 5, outputSize: 1, output: 'sigmoid' }, rng.fork('init'));
 * const { history } = fitScratch(model, createTask('increasing', { n: 2000 }, rng.fork('data')), {
 *   epochs: 10, batchSize: 32, learningRate: 0.01, rng,
 * });
 */
export function fitScratch(model: ScratchElman, train: Dataset, options: FitScratchOptions): FitScratchResult {
  const where = 'fitScratch';
  checkInteger(where, 'epochs', options.epochs, 1);
  checkInteger(where, 'batchSize', options.batchSize, 1);
  if (typeof options.rng?.fork !== 'function') throw new RangeError(`${where}: rng must be an Rng of @rnn/datasets`);
  const schedule = options.schedule ?? { kind: 'constant' };
  validateSchedule(schedule, options.epochs);
  const use = useOf(where, model, train);
  const baseRate = options.learningRate ?? 0.001;
  const adam = createScratchAdam(scratchWeightList(model), {
    learningRate: baseRate,
    ...(options.clipNorm === undefined ? {} : { clipNorm: options.clipNorm }),
  });
  const history: ScratchEpochRecord[] = [];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const started = performance.now();
    const shuffle = options.rng.fork('shuffle').fork(`epoch-${epoch}`);
    const batches = [...iterateBatches(train, { batchSize: options.batchSize, rng: shuffle })];
    let lossSum = 0;
    let examples = 0;
    batches.forEach((batch, b) => {
      adam.learningRate = scheduledLearningRate(schedule, baseRate, options.epochs, {
        epoch,
        batch: b,
        batches: batches.length,
      });
      const { loss, weights } = batchGradients(model, use, batch);
      if (!Number.isFinite(loss)) throw new NonFiniteLossError(epoch, b + 1, loss);
      adam.step(scratchWeightList(weights));
      lossSum += loss * batch.indices.length;
      examples += batch.indices.length;
    });
    const seconds = (performance.now() - started) / 1000;
    const record = { epoch, loss: lossSum / examples, learningRate: adam.learningRate, seconds };
    history.push(record);
    if (options.onEpochEnd?.(record) === 'stop') return { history, stoppedBy: 'callback' };
  }
  return { history, stoppedBy: 'epochs' };
}

/**
 * What a {@link ScratchElman} predicts for every example of `dataset`: for a classifier the
 * probability of label 1 (the sigmoid of the logit at each sequence's last valid step); for a
 * generator the values it generates from each example's input with its outputs fed back, for
 * `steps` steps (more than it was trained on, to see whether the rule carries on).
 */
export function predictScratch(
  model: ScratchElman,
  dataset: Dataset,
  options: PredictScratchOptions = {},
): ScratchPredictions {
  const use = useOf('predictScratch', model, dataset);
  if (use === 'classifier') {
    const { outputs } = scratchForward(model, dataset.inputs, dataset.lengths);
    return { data: outputs.map(scratchSigmoid), shape: [dataset.size] };
  }
  const steps = options.steps ?? dataset.targets.shape[1];
  checkInteger('predictScratch', 'steps', steps, 1);
  const { outputs } = scratchGenerate(model, dataset.inputs, steps);
  const { outputSize } = model.spec;
  return { data: outputs, shape: outputSize === 1 ? [dataset.size, steps] : [dataset.size, steps, outputSize] };
}
