import { formatTick, formatValue } from './format-tick';
import { logTicks, niceTicks } from './nice-ticks';

/** A seeded stream in [0, 1) (mulberry32), so the random ranges are the same in every run. */
function stream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1, 2 or 5 times a power of ten. */
function isNiceStep(step: number): boolean {
  const mantissa = step / 10 ** Math.floor(Math.log10(step));
  return [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-9);
}

describe('niceTicks', () => {
  it('gives the usual ticks', () => {
    expect(niceTicks(0.13, 0.87).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 199, { integer: true }).ticks).toEqual([0, 50, 100, 150, 200]);
    expect(niceTicks(-3.7, 12.2).ticks).toEqual([-5, 0, 5, 10, 15]);
    expect(niceTicks(0, 0.3, { count: 3 }).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('steps are 1, 2 or 5 x 10^k, ticks are multiples of the step, and they cover the range', () => {
    const random = stream(7);
    const failures: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const scale = 10 ** Math.floor(random() * 30 - 15);
      const a = (random() - 0.5) * 200 * scale;
      const b = a + random() * 100 * scale;
      const count = 1 + Math.floor(random() * 10);
      const { ticks, step, min, max } = niceTicks(a, b, { count });
      const ok =
        isNiceStep(step) &&
        ticks[0] === min &&
        ticks[ticks.length - 1] === max &&
        min <= a &&
        max >= b &&
        ticks.length >= 2 &&
        ticks.length <= count + 3 &&
        ticks.every((t, k) => Math.abs(t / step - Math.round(t / step)) < 1e-6 && (k === 0 || t > ticks[k - 1]));
      if (!ok) failures.push(`niceTicks(${a}, ${b}, {count: ${count}}) = ${JSON.stringify({ step, ticks })}`);
    }
    expect(failures).toEqual([]);
  });

  it('labels are short decimals, never float noise', () => {
    const labels = niceTicks(0.1, 0.7, { count: 6 }).ticks.map(formatTick);
    expect(labels).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7']);
    expect(niceTicks(1e-7, 5e-7).ticks.map(formatTick)).toContain('2e-7');
    expect(niceTicks(0, 3e6).ticks.map(formatTick)).toContain('1e6');
    expect(formatValue(0.87654)).toBe('0.877');
  });

  it('integer ticks never step below 1', () => {
    expect(niceTicks(0, 2, { integer: true, count: 10 }).ticks).toEqual([0, 1, 2]);
    expect(niceTicks(0, 0, { integer: true }).ticks).toEqual([-1, 0, 1]);
  });

  it('widens an empty range instead of dividing by zero', () => {
    expect(niceTicks(0, 0).ticks).toEqual([-1, -0.5, 0, 0.5, 1]);
    const constant = niceTicks(2.3, 2.3);
    expect(constant.min).toBeLessThan(2.3);
    expect(constant.max).toBeGreaterThan(2.3);
    expect(constant.ticks.every(Number.isFinite)).toBe(true);
  });

  it('stays finite at the ends of the double range', () => {
    const { ticks } = niceTicks(-Number.MAX_VALUE, Number.MAX_VALUE);
    expect(ticks.every(Number.isFinite)).toBe(true);
    expect(niceTicks(5e-324, 1e-323).ticks.every(Number.isFinite)).toBe(true);
  });

  it('refuses a range that is not one', () => {
    expect(() => niceTicks(NaN, 1)).toThrow(RangeError);
    expect(() => niceTicks(0, Infinity)).toThrow(RangeError);
    expect(() => niceTicks(2, 1)).toThrow(/min <= max/);
    expect(() => niceTicks(0, 1, { count: 0 })).toThrow(/count must be an integer >= 1/);
  });
});

describe('logTicks', () => {
  it('gives powers of ten, with 2 and 5 between them over two decades or less', () => {
    expect(logTicks(0.3, 2.4).ticks).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
    expect(logTicks(0.003, 2.4).ticks).toEqual([0.001, 0.01, 0.1, 1, 10]);
    expect(logTicks(1, 1000).ticks).toEqual([1, 10, 100, 1000]);
    expect(logTicks(1, 1).ticks).toEqual([1, 2, 5, 10]);
  });

  it('covers any positive range with 1, 2 or 5 x 10^k', () => {
    const random = stream(11);
    const failures: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const a = 10 ** (random() * 40 - 20);
      const b = a * 10 ** (random() * 25);
      const { ticks, min, max } = logTicks(a, b);
      if (!(min <= a && max >= b && ticks.length <= 16 && ticks.every(isNiceStep))) {
        failures.push(`logTicks(${a}, ${b}) = ${JSON.stringify(ticks)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a range that is not positive', () => {
    expect(() => logTicks(0, 1)).toThrow(/positive/);
    expect(() => logTicks(-1, 1)).toThrow(RangeError);
  });
});
