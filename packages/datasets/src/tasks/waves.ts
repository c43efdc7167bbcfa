import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { zerosFloat32 } from '../tensor';
import { checkRng, checkTaskSize } from '../validate';
import { readableRow } from './decode-helpers';
import { oneToManyDataset } from './one-to-many-dataset';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** Options of {@link wavesTask}; every one has the source notebook's default. */
export interface WavesOptions {
  /** Number of examples. Default 1000. */
  readonly n?: number;
  /** The frequencies to draw from; the input is the one-hot of the drawn one. Default [1, 5, 10]. */
  readonly frequencies?: readonly number[];
  /** Points of each output wave. Default 50. */
  readonly length?: number;
}

/** The declared options of {@link wavesTask}, with defaults and ranges. */
export const wavesOptionSpecs: OptionSpecs = {
  n: { type: 'integer', default: 1000, min: 1, description: 'number of examples' },
  frequencies: { type: 'numbers', default: [1, 5, 10], description: 'frequencies to draw from (distinct)' },
  length: { type: 'integer', default: 50, min: 1, description: 'points of each output wave' },
};

/**
 * The oscillator (one-to-many, source 000): a frequency `f` drawn uniformly from `frequencies`; the
 * input is its one-hot, `[n, 1, frequencies.length]`, and the target the wave
 * `sin(2 pi f linspace(0, 1, length))`, `[n, length, 1]`.
 */
export function wavesTask(options: WavesOptions, rng: Rng): Dataset {
  const where = 'waves';
  const o = resolveOptions<Required<WavesOptions>>(where, wavesOptionSpecs, options);
  checkRng(where, rng);
  const { n, frequencies, length } = o;
  if (new Set(frequencies).size !== frequencies.length) {
    throw new RangeError(`${where}: frequencies must be distinct, got [${frequencies.join(', ')}]`);
  }
  const F = frequencies.length;
  checkTaskSize(where, 'n × length', n * length);
  // numpy's linspace(0, 1, length): the step is 1/(length-1), and a single point is 0.
  const waves = frequencies.map((f) =>
    Float32Array.from({ length }, (_, k) => Math.sin(2 * Math.PI * f * (length === 1 ? 0 : k / (length - 1)))),
  );
  const inputs = zerosFloat32([n, 1, F]);
  const targets = zerosFloat32([n, length, 1]);
  const chosen = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = rng.int(0, F - 1);
    chosen[i] = k;
    inputs.data[i * F + k] = 1;
    targets.data.set(waves[k], i * length);
  }
  return oneToManyDataset({
    task: where,
    options: o,
    inputs,
    targets,
    decodeValues: (index) => ({
      input: frequencies[chosen[index]],
      target: readableRow(targets.data, index * length, length),
    }),
  });
}
