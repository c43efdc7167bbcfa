import { createRng } from '@rnn/datasets';
import { argmax } from '../distribution';
import { createSampler } from './create-sampler';
import { greedy } from './greedy';
import { applyTemperature } from './temperature';
import { keepTopK } from './top-k';
import { keepTopP } from './top-p';

function randomDistribution(seed: number, size: number, zeros = 0): Float64Array {
  const rng = createRng(`dist/${seed}`);
  const p = Float64Array.from({ length: size }, () => rng.next() ** 3);
  for (let z = 0; z < zeros; z++) p[rng.int(0, size - 1)] = 0;
  if (p.every((x) => x === 0)) p[0] = 1;
  const sum = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / sum);
}

function frequencies(
  sampler: ReturnType<typeof createSampler>,
  p: Float64Array,
  n: number,
  seed: string,
): Float64Array {
  const rng = createRng(seed);
  const counts = new Float64Array(p.length);
  for (let i = 0; i < n; i++) counts[sampler.sample(p, rng)]++;
  return counts.map((c) => c / n);
}

/** Every empirical frequency within 5 standard errors of its target (a loose but seeded, so stable, check). */
function expectMatches(observed: Float64Array, target: Float64Array, n: number): void {
  for (let i = 0; i < target.length; i++) {
    const se = Math.sqrt((target[i] * (1 - target[i])) / n) + 1e-9;
    expect(Math.abs(observed[i] - target[i])).toBeLessThanOrEqual(5 * se);
  }
}

describe('greedy', () => {
  it('picks the argmax, lowest id on ties, and draws nothing from the rng', () => {
    const rng = createRng(1);
    const before = JSON.stringify(rng.state());
    expect(greedy().sample([0.1, 0.4, 0.2, 0.3], rng)).toBe(1);
    expect(greedy().sample([0.3, 0.1, 0.3, 0.3], rng)).toBe(0);
    expect(greedy().sample([0, 0, 5], rng)).toBe(2);
    expect(JSON.stringify(rng.state())).toBe(before);
    expect(greedy().deterministic).toBe(true);
    expect(Array.from(greedy().distribution([0.1, 0.6, 0.3]))).toEqual([0, 1, 0]);
  });

  it('temperature 0 equals greedy whatever top-k and top-p say', () => {
    for (let seed = 0; seed < 50; seed++) {
      const p = randomDistribution(seed, 17, seed % 5);
      for (const options of [{ temperature: 0 }, { temperature: 0, topK: 3 }, { temperature: 0, topP: 0.3 }]) {
        expect(createSampler(options).sample(p)).toBe(argmax(p));
      }
    }
  });
});

describe('sampling at temperature 1', () => {
  it('a large seeded sample matches the model distribution', () => {
    const p = Float64Array.of(0.5, 0.25, 0.125, 0.0625, 0.0625, 0);
    const n = 40000;
    const observed = frequencies(createSampler(), p, n, 'match');
    expectMatches(observed, p, n);
    expect(observed[5]).toBe(0);
  });

  it('accepts unnormalised weights', () => {
    const observed = frequencies(createSampler(), Float64Array.of(2, 6), 20000, 'weights');
    expectMatches(observed, Float64Array.of(0.25, 0.75), 20000);
  });

  it('is reproducible from the seed and differs between seeds', () => {
    const p = randomDistribution(3, 30);
    const draw = (seed: string): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 200 }, () => createSampler().sample(p, rng));
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });
});

describe('temperature', () => {
  it('rescales the distribution to p^(1/T), normalised', () => {
    const p = [0.5, 0.3, 0.2];
    const t = 0.5;
    const raised = p.map((x) => x ** (1 / t));
    const z = raised.reduce((a, b) => a + b, 0);
    const q = createSampler({ temperature: t }).distribution(p);
    raised.forEach((r, i) => expect(q[i]).toBeCloseTo(r / z, 12));
    expect(applyTemperature(p, 2)[2]).toBeCloseTo(
      Math.sqrt(0.2) / (Math.sqrt(0.5) + Math.sqrt(0.3) + Math.sqrt(0.2)),
      12,
    );
  });

  it('sharpens below 1 and flattens above 1, measured on seeded samples', () => {
    const p = Float64Array.of(0.6, 0.3, 0.1);
    const n = 30000;
    const cold = frequencies(createSampler({ temperature: 0.5 }), p, n, 'cold');
    const hot = frequencies(createSampler({ temperature: 3 }), p, n, 'hot');
    expectMatches(cold, createSampler({ temperature: 0.5 }).distribution(p), n);
    expectMatches(hot, createSampler({ temperature: 3 }).distribution(p), n);
    expect(cold[0]).toBeGreaterThan(0.75); // 0.36 / 0.46 = 0.78
    expect(hot[0]).toBeLessThan(0.5); // 0.6^(1/3) / sum = 0.43
    expect(hot[2]).toBeGreaterThan(0.2);
  });

  it('keeps impossible tokens impossible and survives tiny temperatures without underflow', () => {
    // (1/2)^1000 = 9.3e-302: tiny but computed, where p^(1/T) directly would be 0/0.
    const q = applyTemperature([1e-300, 0, 2e-300], 0.001);
    expect(q[0]).toBeCloseTo(0.5 ** 1000, 310);
    expect(q[0]).toBeGreaterThan(0);
    expect(q[1]).toBe(0);
    expect(q[2]).toBeCloseTo(1, 15);
    expect(Array.from(applyTemperature([0.5, 0, 0.5], 5))).toEqual([0.5, 0, 0.5]);
  });
});

describe('top-k', () => {
  it('never samples outside the k most likely tokens', () => {
    for (let seed = 0; seed < 30; seed++) {
      const p = randomDistribution(seed, 20);
      const k = 1 + (seed % 6);
      const ranked = Array.from(p.keys()).sort((a, b) => p[b] - p[a] || a - b);
      const allowed = new Set(ranked.slice(0, k));
      const sampler = createSampler({ topK: k });
      const rng = createRng(`topk/${seed}`);
      for (let i = 0; i < 500; i++) expect(allowed.has(sampler.sample(p, rng))).toBe(true);
    }
  });

  it('renormalises the kept tokens and keeps exactly k on ties (lower id first)', () => {
    expect(Array.from(keepTopK([0.1, 0.4, 0.2, 0.3], 2))).toEqual([0, 0.4 / 0.7, 0, 0.3 / 0.7]);
    expect(Array.from(keepTopK([0.25, 0.25, 0.25, 0.25], 2))).toEqual([0.5, 0.5, 0, 0]);
    expect(Array.from(keepTopK([0.5, 0.5], 10))).toEqual([0.5, 0.5]);
  });

  it('a large seeded sample matches the truncated distribution', () => {
    const p = Float64Array.of(0.05, 0.4, 0.15, 0.3, 0.1);
    const n = 30000;
    expectMatches(
      frequencies(createSampler({ topK: 3 }), p, n, 'topk'),
      Float64Array.of(0, 0.4 / 0.85, 0.15 / 0.85, 0.3 / 0.85, 0),
      n,
    );
  });
});

describe('top-p', () => {
  const p = [0.1, 0.5, 0.15, 0.25];
  const kept = (topP: number): number[] =>
    Array.from(keepTopP(p, topP).entries())
      .filter(([, q]) => q > 0)
      .map(([i]) => i);

  it('keeps exactly the smallest most-likely set reaching p', () => {
    expect(kept(0.3)).toEqual([1]);
    expect(kept(0.5)).toEqual([1]);
    expect(kept(0.7)).toEqual([1, 3]);
    expect(kept(0.75)).toEqual([1, 3]);
    expect(kept(0.76)).toEqual([1, 2, 3]);
    expect(kept(0.9)).toEqual([1, 2, 3]);
    expect(kept(0.91)).toEqual([0, 1, 2, 3]);
    expect(kept(1)).toEqual([0, 1, 2, 3]);
    expect(Array.from(keepTopP(p, 0.75))).toEqual([0, 0.5 / 0.75, 0, 0.25 / 0.75]);
  });

  it('p = 1 never adds impossible tokens; tiny p keeps the single best', () => {
    expect(Array.from(keepTopP([0.5, 0, 0.5], 1))).toEqual([0.5, 0, 0.5]);
    expect(Array.from(keepTopP([0.2, 0.8], 1e-9))).toEqual([0, 1]);
  });

  it('never samples outside the nucleus', () => {
    const sampler = createSampler({ topP: 0.7 });
    const rng = createRng('nucleus');
    for (let i = 0; i < 2000; i++) expect([1, 3]).toContain(sampler.sample(p, rng));
  });
});

describe('combinations', () => {
  it('apply temperature, then top-k, then top-p', () => {
    for (let seed = 0; seed < 20; seed++) {
      const p = randomDistribution(100 + seed, 12, 2);
      const options = { temperature: 0.7, topK: 6, topP: 0.8 };
      const expected = keepTopP(keepTopK(applyTemperature(p, 0.7), 6), 0.8);
      expect(Array.from(createSampler(options).distribution(p))).toEqual(Array.from(expected));
    }
  });
});

describe('argument checks', () => {
  it.each([
    [{ temperature: -0.1 }, /temperature must be a finite number >= 0/],
    [{ temperature: NaN }, /temperature/],
    [{ temperature: Infinity }, /temperature/],
    [{ topK: 0 }, /topK must be an integer >= 1/],
    [{ topK: 2.5 }, /topK/],
    [{ topK: -1 }, /topK/],
    [{ topP: 0 }, /topP must be a number in \(0, 1\]/],
    [{ topP: 1.01 }, /topP/],
    [{ topP: NaN }, /topP/],
  ])('%p is a RangeError', (options, message) => {
    expect(() => createSampler(options)).toThrow(RangeError);
    expect(() => createSampler(options)).toThrow(message);
  });

  it('a random sampler needs an rng; bad weights are RangeErrors', () => {
    expect(() => createSampler().sample([0.5, 0.5])).toThrow(/rng is required/);
    expect(() => createSampler().sample([0.5, -1], createRng(1))).toThrow(RangeError);
    expect(() => createSampler().sample([0, 0], createRng(1))).toThrow(RangeError);
    expect(() => createSampler({ topK: 2 }).distribution([])).toThrow(RangeError);
    expect(() => createSampler({ temperature: 0.5 }).sample([0.5, NaN], createRng(1))).toThrow(RangeError);
  });
});
