import seedrandom from 'seedrandom';
import { checkInteger, checkOrdered } from './validate';

/** The serialisable state of an {@link Rng}: enough to continue its stream exactly (checkpoints). */
export interface RngState {
  /** The seed path this stream was created from, e.g. `"42/data"`. */
  readonly seed: string;
  /** The generator's internal state (seedrandom's Alea). */
  readonly alea: object;
  /** The second Box-Muller draw, kept for the next {@link Rng.normal} call. */
  readonly spareNormal?: number;
}

/**
 * A seeded random stream. Every random choice in the toolkit (data, initialisation, shuffling,
 * dropout, sampling) draws from one of these, so one seed reproduces a whole experiment.
 */
export interface Rng {
  /** The seed path of this stream (`"seed"`, `"seed/data"`, ...). */
  readonly seed: string;
  /** A float uniform in [0, 1). */
  next(): number;
  /** An integer uniform in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** A float uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A standard normal draw (mean 0, deviation 1), by Box-Muller. */
  normal(): number;
  /** A 32-bit unsigned integer, e.g. to seed another library's generator. */
  uint32(): number;
  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /**
   * An independent stream named `name`. It depends only on this stream's seed and the name, never on
   * how much this stream has been used, so adding examples never changes initialisation or sampling.
   */
  fork(name: string): Rng;
  /** A snapshot of the stream's position, to save in a checkpoint. */
  state(): RngState;
}

/**
 * Creates the root random stream for `seed`. The same seed gives the same numbers in every process
 * and platform; different seeds give different numbers.
 *
 * @example
 * const rng = createRng(42);
 * const data = rng.fork('data');   // generators draw from here
 * const init = rng.fork('init');   // weight initialisation draws from here
 */
export function createRng(seed: string | number): Rng {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new RangeError(`seed must be a finite number or a string, got ${seed}`);
  }
  if (typeof seed !== 'number' && typeof seed !== 'string') {
    throw new RangeError(`seed must be a number or a string, got ${typeof seed}`);
  }
  return makeRng(String(seed), seedrandom.alea(String(seed), { state: true }));
}

/** Continues a stream from a snapshot taken with {@link Rng.state}. */
export function restoreRng(state: RngState): Rng {
  if (state === null || typeof state !== 'object' || typeof state.seed !== 'string' || typeof state.alea !== 'object') {
    throw new RangeError('rng state must be an object {seed: string, alea: object} as returned by rng.state()');
  }
  return makeRng(state.seed, seedrandom.alea('', { state: state.alea as seedrandom.State.Alea }), state.spareNormal);
}

function makeRng(seed: string, prng: seedrandom.StatefulPRNG<seedrandom.State.Alea>, spare?: number): Rng {
  let spareNormal = spare;
  const rng: Rng = {
    seed,
    next: () => prng.double(),
    int(lo, hi) {
      checkInteger('rng.int', 'lo', lo, -Infinity);
      checkInteger('rng.int', 'hi', hi, -Infinity);
      checkOrdered('rng.int', 'lo', lo, 'hi', hi);
      return lo + Math.floor(prng.double() * (hi - lo + 1));
    },
    uniform: (lo, hi) => lo + prng.double() * (hi - lo),
    normal() {
      if (spareNormal !== undefined) {
        const z = spareNormal;
        spareNormal = undefined;
        return z;
      }
      let u = 0;
      while (u === 0) u = prng.double();
      const v = prng.double();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    uint32: () => prng.int32() >>> 0,
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(prng.double() * (i + 1));
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
      }
      return items;
    },
    fork(name) {
      if (typeof name !== 'string' || name.length === 0) {
        throw new RangeError(`fork(name) needs a non-empty string name, got ${JSON.stringify(name)}`);
      }
      const child = `${seed}/${name}`;
      return makeRng(child, seedrandom.alea(child, { state: true }));
    },
    state: () => (spareNormal === undefined ? { seed, alea: prng.state() } : { seed, alea: prng.state(), spareNormal }),
  };
  return rng;
}
