import { maskFromLengths } from '../batching/mask-from-lengths';
import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { gatherRows } from '../batching/take-batch';
import { zerosFloat32, zerosInt32 } from '../tensor';
import { checkRng, checkTaskSize } from '../validate';
import { bitString, checkIndex } from './decode-helpers';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** Options of {@link parityTask}; every one has the source notebook's default. */
export interface ParityOptions {
  /** Number of sequences. Default 100000 (the OpenAI warm-up exercise). */
  readonly n?: number;
  /** Bits per sequence; with `variableLength`, the longest. Default 50. */
  readonly length?: number;
  /** Draw each sequence's length uniformly in [1, length] instead of fixing it. Default false. */
  readonly variableLength?: boolean;
  /**
   * `running`: the parity of the prefix at every step (the source's per-step targets);
   * `final`: one label per sequence, the parity of all its bits. Default `running`.
   */
  readonly targets?: 'running' | 'final';
}

/** The declared options of {@link parityTask}, with defaults and ranges. */
export const parityOptionSpecs: OptionSpecs = {
  n: { type: 'integer', default: 100000, min: 1, description: 'number of sequences' },
  length: { type: 'integer', default: 50, min: 1, description: 'bits per sequence (the longest when variable)' },
  variableLength: { type: 'boolean', default: false, description: 'draw each length uniformly in [1, length]' },
  targets: {
    type: 'choice',
    default: 'running',
    choices: ['running', 'final'],
    description: 'parity of every prefix, or one label per sequence',
  },
};

/**
 * Parity / XOR (source 004): uniformly random bits, inputs `[n, steps, 1]` floats (0 after each
 * sequence's end). Targets are the running parity `[n, steps]` (bit t is the XOR of bits 0..t; a
 * tagger), or with `targets: 'final'` one label `[n]` per sequence (a classifier reading the last
 * valid step).
 */
export function parityTask(options: ParityOptions, rng: Rng): Dataset {
  const where = 'parity';
  const o = resolveOptions<Required<ParityOptions>>(where, parityOptionSpecs, options);
  checkRng(where, rng);
  const { n, length, variableLength } = o;
  checkTaskSize(where, 'n × length', n * length);
  const running = o.targets === 'running';
  // Written at the widest possible shape, one example after the other (so the first k examples do
  // not depend on n), then narrowed to the longest drawn length.
  const lengths = new Int32Array(n);
  let inputs = zerosFloat32([n, length, 1]);
  let targets = running ? zerosInt32([n, length]) : zerosInt32([n]);
  // Each 32-bit draw gives 32 uniform bits: 100,000 sequences of 50 bits take ~160,000 draws.
  let word = 0;
  let bitsLeft = 0;
  let steps = 0;
  for (let i = 0; i < n; i++) {
    const L = variableLength ? rng.int(1, length) : length;
    lengths[i] = L;
    steps = Math.max(steps, L);
    const row = i * length;
    let parity = 0;
    for (let t = 0; t < L; t++) {
      if (bitsLeft === 0) {
        word = rng.uint32();
        bitsLeft = 32;
      }
      const bit = word & 1;
      word >>>= 1;
      bitsLeft--;
      inputs.data[row + t] = bit;
      parity ^= bit;
      if (running) targets.data[row + t] = parity;
    }
    if (!running) targets.data[i] = parity;
  }
  if (steps < length) {
    const all = Int32Array.from({ length: n }, (_, i) => i);
    inputs = gatherRows(inputs, all, steps);
    if (running) targets = gatherRows(targets, all, steps);
  }
  const x = inputs.data;
  const y = targets.data;
  const mask = maskFromLengths(lengths, steps);
  const decode = (index: number) => {
    checkIndex(where, index, n);
    const L = lengths[index];
    return {
      input: bitString(x, index * steps, L),
      target: running ? bitString(y, index * steps, L) : y[index],
      length: L,
    };
  };
  return running
    ? {
        task: where,
        typology: 'tagger',
        options: o,
        size: n,
        inputs,
        lengths,
        mask,
        targets,
        targetLengths: lengths,
        targetMask: mask,
        decode,
      }
    : { task: where, typology: 'classifier', options: o, size: n, inputs, lengths, mask, targets, classes: 2, decode };
}
