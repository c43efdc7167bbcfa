import * as tf from '@tensorflow/tfjs';
import { checkInteger, checkNumber } from '@rnn/datasets';
import { onHostBackend, readFloats, runHostKernel, type HostIo } from './host-kernel';

/** The tfjs kernel name of host dropout, registered per host-memory backend on first use. */
export const dropoutKernelName = 'RnnDropout';

/**
 * The keep mask of one dropout draw, as a function of its seed: a mulberry32 stream, one draw per
 * element. The gradient draws it again from the same seed instead of keeping a mask tensor alive.
 */
function keepMask(size: number, rate: number, seed: number): Uint8Array {
  const keep = new Uint8Array(size);
  let state = seed >>> 0;
  const threshold = rate * 4294967296;
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    keep[i] = (t ^ (t >>> 14)) >>> 0 >= threshold ? 1 : 0;
  }
  return keep;
}

function scaled(values: Float32Array, keep: Uint8Array, scale: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) if (keep[i]) out[i] = values[i] * scale;
  return out;
}

function dropoutForward(
  { x }: Record<string, tf.TensorInfo>,
  io: HostIo,
  attrs: Record<string, unknown>,
): tf.TensorInfo {
  const rate = attrs.rate as number;
  const values = io.readFloat(x);
  return io.write([...x.shape], scaled(values, keepMask(values.length, rate, attrs.seed as number), 1 / (1 - rate)));
}

const dropoutGradient: Omit<tf.GradConfig, 'kernelName'> = {
  gradFunc: (dy, _saved, attrs) => {
    const { rate, seed } = attrs as unknown as { rate: number; seed: number };
    return {
      x: () => {
        const g = readFloats(dy as tf.Tensor);
        return tf.tensor(scaled(g, keepMask(g.length, rate, seed), 1 / (1 - rate)), (dy as tf.Tensor).shape);
      },
    };
  },
};

/**
 * Inverted dropout: each element of `x` is zeroed with probability `rate` and the rest scaled by
 * `1 / (1 - rate)`, the mask a pure function of `seed` (an unsigned 32-bit integer). On host
 * backends one pass over the values in each direction; tfjs's own dropout on the cpu backend takes
 * several element-wise ops of a few seconds each on a character model's [32, 100, 512] batch.
 * Other backends use tf.dropout with the same seed (a different, equally seeded mask).
 */
export function dropout<T extends tf.Tensor>(x: T, rate: number, seed: number): T {
  checkNumber('dropout', 'rate', rate, { min: 0, max: 1, maxExclusive: true });
  checkInteger('dropout', 'seed', seed, 0, 0xffffffff);
  if (rate === 0) return x;
  if (x.dtype !== 'float32') throw new RangeError(`dropout needs float32 values, got ${x.dtype}`);
  if (!onHostBackend()) return tf.dropout(x, rate, undefined, seed) as T;
  return runHostKernel(dropoutKernelName, dropoutForward, dropoutGradient, { x }, { rate, seed }) as T;
}
