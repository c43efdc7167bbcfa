import { createRng, restoreRng } from './rng';

const draw = (seed: string | number, n = 5) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('repeats a seed exactly and differs across seeds', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw('42')).toEqual(draw(42));
  });

  it('forks streams that ignore how much the parent was used', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 100; i++) b.next();
    expect(a.fork('init').next()).toBe(b.fork('init').next());
    expect(a.fork('init').next()).not.toBe(a.fork('data').next());
    expect(a.fork('data').seed).toBe('7/data');
  });

  it('draws integers inside the inclusive range, hitting both ends', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws normals with mean 0 and variance 1', () => {
    const rng = createRng(3);
    const xs = Array.from({ length: 20000 }, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('shuffles into a permutation', () => {
    const xs = createRng(5).shuffle(Array.from({ length: 50 }, (_, i) => i));
    expect([...xs].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(xs).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('continues exactly from a saved state, including a pending normal', () => {
    const rng = createRng('resume');
    rng.next();
    rng.normal();
    const saved = JSON.parse(JSON.stringify(rng.state()));
    const expected = [rng.normal(), rng.next(), rng.int(0, 9)];
    const resumed = restoreRng(saved);
    expect([resumed.normal(), resumed.next(), resumed.int(0, 9)]).toEqual(expected);
  });

  it('rejects bad arguments with a RangeError naming them', () => {
    expect(() => createRng(Number.NaN)).toThrow(/seed/);
    expect(() => createRng(1).int(5, 2)).toThrow(RangeError);
    expect(() => createRng(1).fork('')).toThrow(/fork/);
    expect(() => restoreRng({} as never)).toThrow(/rng state/);
  });
});
