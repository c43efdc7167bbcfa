import { maskFromLengths } from '../batching/mask-from-lengths';
import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { zerosFloat32 } from '../tensor';
import { checkRng, checkTaskSize } from '../validate';
import { checkIndex, filledInt32, readableRow } from './decode-helpers';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** Options of {@link sineTask}; every one has the source notebook's default. */
export interface SineOptions {
  /** Number of samples. Default 1000. */
  readonly n?: number;
  /** Points per sample before the next-step split. Default 100. */
  readonly steps?: number;
  /** Time between points. Default 0.1. */
  readonly sampleInterval?: number;
  /** Frequencies summed in each sample. Default [1]. */
  readonly frequencies?: readonly number[];
  /** Weight of each frequency. Default equal weights summing to 1. */
  readonly weights?: readonly number[];
  /** Standard deviation of Gaussian noise added to every point. Default 0. */
  readonly noise?: number;
  /**
   * Predictions left out of the loss at the start of each sample (the target mask is 0 there): a
   * model starting from a zero state cannot know the phase before it has read a few points, and
   * scoring those guesses pulls it away from the exact dynamics. Default 0 (every step counts).
   */
  readonly warmup?: number;
}

/** The declared options of {@link sineTask}, with defaults and ranges. */
export const sineOptionSpecs: OptionSpecs = {
  n: { type: 'integer', default: 1000, min: 1, description: 'number of samples' },
  steps: { type: 'integer', default: 100, min: 2, description: 'points per sample (inputs and targets get steps - 1)' },
  sampleInterval: { type: 'number', default: 0.1, min: 0, minExclusive: true, description: 'time between points' },
  frequencies: { type: 'numbers', default: [1], description: 'frequencies summed in each sample' },
  weights: { type: 'numbers', description: 'weight of each frequency (default: equal, summing to 1)' },
  noise: { type: 'number', default: 0, min: 0, description: 'standard deviation of Gaussian noise per point' },
  warmup: { type: 'integer', default: 0, min: 0, description: 'first predictions of each sample left out of the loss' },
};

/**
 * Sine waves for next-step prediction (the linear RNN of source 001): each sample is
 * `x_t = sum_f w_f sin(2 pi f t dt + phase_f) (+ noise)` for `t = 0..steps-1`, with a phase uniform in
 * [0, 2 pi) per sample and frequency; inputs are `x_0..x_{steps-2}` and targets `x_1..x_{steps-1}`,
 * both `[n, steps - 1, 1]` floats.
 */
export function sineTask(options: SineOptions, rng: Rng): Dataset {
  const where = 'sine';
  const o = resolveOptions<Required<Omit<SineOptions, 'weights'>> & Pick<SineOptions, 'weights'>>(
    where,
    sineOptionSpecs,
    options,
  );
  checkRng(where, rng);
  const f = o.frequencies;
  const weights = o.weights ?? f.map(() => 1 / f.length);
  if (weights.length !== f.length) {
    throw new RangeError(
      `${where}: weights must have one entry per frequency (${f.length}), got ${weights.length} entries`,
    );
  }
  const { n, steps, sampleInterval: dt, noise, warmup } = o;
  const T = steps - 1;
  checkTaskSize(where, 'n × (steps - 1)', n * T);
  if (warmup >= T) throw new RangeError(`${where}: warmup must be < steps - 1 = ${T}, got ${warmup}`);
  const inputs = zerosFloat32([n, T, 1]);
  const targets = zerosFloat32([n, T, 1]);
  const phases = new Float64Array(f.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < f.length; k++) phases[k] = rng.next() * 2 * Math.PI;
    for (let t = 0; t < steps; t++) {
      let x = 0;
      for (let k = 0; k < f.length; k++) x += weights[k] * Math.sin(2 * Math.PI * f[k] * t * dt + phases[k]);
      if (noise > 0) x += noise * rng.normal();
      if (t < T) inputs.data[i * T + t] = x;
      if (t > 0) targets.data[i * T + t - 1] = x;
    }
  }
  const lengths = filledInt32(n, T);
  const mask = maskFromLengths(lengths, T);
  let targetMask = mask;
  if (warmup > 0) {
    targetMask = maskFromLengths(lengths, T);
    for (let i = 0; i < n; i++) targetMask.data.fill(0, i * T, i * T + warmup);
  }
  return {
    task: where,
    typology: 'tagger',
    options: { ...o, weights },
    size: n,
    inputs,
    lengths,
    mask,
    targets,
    targetLengths: lengths,
    targetMask,
    decode(index) {
      checkIndex(where, index, n);
      return {
        input: readableRow(inputs.data, index * T, T),
        target: readableRow(targets.data, index * T, T),
        length: T,
      };
    },
  };
}
