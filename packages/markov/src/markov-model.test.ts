import { createRng } from '@rnn/datasets';
import { bitsPerChar } from '@rnn/sampling';
import { kneserNeyDiscounts } from './smoothing/kneser-ney';
import { trainMarkov } from './train-markov';

// "abracadabra": alphabet a b c d r (|A| = 5, V = 6 with the unknown symbol).
// Order 1 counts over positions i >= 1: ab 2, ac 1, ad 1, br 2, ra 2, ca 1, da 1; c(a) = 4, c(b) = c(r) = 2.
const text = 'abracadabra';

describe('mle', () => {
  const model = trainMarkov(text, { order: 1, smoothing: 'mle' });

  it('is c(ctx, x) / c(ctx)', () => {
    expect(model.probability('b', 'a')).toBe(2 / 4);
    expect(model.probability('c', 'a')).toBe(1 / 4);
    expect(model.probability('a', 'r')).toBe(1);
    expect(model.probability('a', 'a')).toBe(0);
    expect(model.probability('z', 'a')).toBe(0);
    // Only the last N characters of the context matter.
    expect(model.probability('b', 'xyzra')).toBe(2 / 4);
  });

  it('scores bits per character over positions i >= N, and Infinity for an unseen pair', () => {
    // "abra": P(b|a) = 1/2, P(r|b) = 1, P(a|r) = 1.
    expect(model.bitsPerChar('abra')).toBe(1 / 3);
    expect(model.score('abra')).toEqual({ bitsPerChar: 1 / 3, perplexity: 2 ** (1 / 3), positions: 3, totalBits: 1 });
    expect(model.bitsPerChar('aab')).toBe(Infinity);
    expect(model.bitsPerChar('abz')).toBe(Infinity);
  });

  it('at order 2 uses the two previous characters', () => {
    const order2 = trainMarkov(text, { order: 2, smoothing: 'mle' });
    // Contexts of i >= 2: ab->r twice, br->a twice, ra->c, ac->a, ca->d, ad->a, da->b.
    expect(order2.probability('r', 'ab')).toBe(1);
    expect(order2.probability('c', 'ra')).toBe(1);
    // "abrac": P(r|ab) P(a|br) P(c|ra) = 1.
    expect(order2.bitsPerChar('abrac')).toBe(0);
  });

  it('backs off to the longest seen suffix where the definition is 0/0 (a context never seen)', () => {
    const order2 = trainMarkov(text, { order: 2, smoothing: 'mle' });
    // "zb" was never seen; "b" was (always followed by r).
    expect(order2.probability('r', 'zb')).toBe(1);
    // Nothing of "zz" was seen: the unigram over positions i >= 0, c(a) = 5 of 11.
    expect(order2.probability('a', 'zz')).toBe(5 / 11);
  });
});

describe('add-k', () => {
  it('is (c(ctx, x) + k) / (c(ctx) + k (|A| + 1))', () => {
    const model = trainMarkov(text, { order: 1, smoothing: { kind: 'add-k', k: 1 } });
    expect(model.vocabSize).toBe(6);
    expect(model.probability('b', 'a')).toBe(3 / 10);
    expect(model.probability('a', 'a')).toBe(1 / 10);
    expect(model.probability('z', 'a')).toBe(1 / 10);
    expect(model.probability('r', 'b')).toBe(3 / 8);
    const half = model.withSmoothing('add-k', 0.5);
    expect(half.probability('b', 'a')).toBe(2.5 / 7);
  });

  it('gives an unseen context the uniform 1 / (|A| + 1), without back-off', () => {
    const model = trainMarkov(text, { order: 2, smoothing: 'add-k', k: 0.1 });
    expect(model.probability('r', 'zb')).toBe(1 / 6);
    expect(model.probability('q', 'zz')).toBe(1 / 6);
  });

  it('scores by the definition', () => {
    const model = trainMarkov(text, { order: 1, smoothing: 'add-k', k: 1 });
    // "abra": 3/10, 3/8, 3/8.
    expect(model.bitsPerChar('abra')).toBeCloseTo(-(Math.log2(3 / 10) + 2 * Math.log2(3 / 8)) / 3, 14);
  });
});

describe('kneser-ney', () => {
  it('order 0 matches a hand computation', () => {
    // Counts a 5, b 2, r 2, c 1, d 1 of 11. n1 = 2, n2 = 2, n3 = n4 = 0: Y = 1/3, D1 = 1/3, D2 = 2,
    // D3+ = Y = 1/3 (no count of 3). Freed F = 2 (1/3) + 2 (2) + 1/3 = 5, spread as 5/11 * 1/6.
    const [d1, d2, d3] = kneserNeyDiscounts(2, 2, 0, 0);
    expect(d1).toBeCloseTo(1 / 3, 15);
    expect(d2).toBe(2);
    expect(d3).toBeCloseTo(1 / 3, 15);
    const model = trainMarkov(text, { order: 0 });
    expect(model.probability('a')).toBeCloseTo(33 / 66, 14);
    expect(model.probability('b')).toBeCloseTo(5 / 66, 14);
    expect(model.probability('c')).toBeCloseTo(9 / 66, 14);
    expect(model.probability('z')).toBeCloseTo(5 / 66, 14);
  });

  it('agrees with a direct implementation of the formulas on random texts', () => {
    for (let seed = 0; seed < 30; seed++) {
      const rng = createRng(`kn/${seed}`);
      const alphabet = 'abcdefg'.slice(0, 2 + (seed % 5));
      const training = randomText(rng, alphabet, 40 + 10 * seed);
      const order = seed % 5;
      const model = trainMarkov(training, { order });
      const reference = naiveKneserNey(training, order);
      for (let probe = 0; probe < 20; probe++) {
        const context = randomText(rng, alphabet + 'z', rng.int(0, order + 2));
        for (const x of [...alphabet, 'z']) {
          expect(model.probability(x, context)).toBeCloseTo(reference(x, context), 12);
        }
      }
    }
  });

  it('backs off: an unseen context predicts like its longest seen suffix', () => {
    const model = trainMarkov(text, { order: 3 });
    const lower = model.withOrder(1);
    // "zzb" and "zb" were never seen, "b" was: the order-3 prediction is the lower orders' one.
    for (const x of 'abcdrz') expect(model.probability(x, 'zzb')).toBeCloseTo(lower.probability(x, 'b'), 14);
    expect(Number.isFinite(model.bitsPerChar('zzzzzz'))).toBe(true);
  });
});

describe('every smoothing', () => {
  it('gives proper distributions (sum 1) that agree with probability()', () => {
    for (let seed = 0; seed < 10; seed++) {
      const rng = createRng(`sum/${seed}`);
      const training = randomText(rng, 'abcde', 200);
      for (const smoothing of ['mle', 'add-k', 'kneser-ney'] as const) {
        const model = trainMarkov(training, { order: 1 + (seed % 4), smoothing, k: 0.3 });
        for (let probe = 0; probe < 10; probe++) {
          const context = randomText(rng, 'abcdez', rng.int(0, 6));
          const p = model.distribution(context);
          expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          for (let id = 1; id < model.vocabSize; id++)
            expect(p[id]).toBeCloseTo(model.probability(model.alphabet[id - 1], context), 14);
        }
      }
    }
  });

  it('bitsPerChar agrees with @rnn/sampling scoring the model through the step contract (from N)', async () => {
    const rng = createRng('contract');
    const training = randomText(rng, 'abcdef', 500);
    const heldOut = randomText(rng, 'abcdefg', 120);
    for (const smoothing of ['mle', 'add-k', 'kneser-ney'] as const) {
      for (const order of [1, 3, 5]) {
        const model = trainMarkov(training, { order, smoothing, k: 0.5 });
        expect(await bitsPerChar(model, heldOut, { from: order })).toBeCloseTo(model.bitsPerChar(heldOut), 12);
      }
    }
  });
});

describe('argument checks', () => {
  it('rejects bad orders, texts, smoothings and k with RangeErrors naming them', () => {
    expect(() => trainMarkov(text, { order: -1 })).toThrow(/order must be an integer >= 0/);
    expect(() => trainMarkov(text, { order: 1.5 })).toThrow(RangeError);
    expect(() => trainMarkov('abc', { order: 3 })).toThrow(/longer than the order/);
    expect(() => trainMarkov('', { order: 0 })).toThrow(/longer than the order/);
    expect(() => trainMarkov(text, { order: 1, smoothing: 'witten-bell' as never })).toThrow(
      /smoothing must be one of mle, add-k, kneser-ney/,
    );
    expect(() => trainMarkov(text, { order: 1, smoothing: 'add-k', k: 0 })).toThrow(/k must be a finite number > 0/);
    expect(() => trainMarkov(text, { order: 1, smoothing: { kind: 'add-k', k: -1 } })).toThrow(RangeError);
    const model = trainMarkov(text, { order: 2 });
    expect(() => model.withOrder(3)).toThrow(/order must be an integer in \[0, 2\]/);
    expect(() => model.bitsPerChar('ab')).toThrow(/longer than the order \(2\)/);
    expect(() => model.probability('ab', 'a')).toThrow(/one character/);
  });
});

function randomText(rng: ReturnType<typeof createRng>, alphabet: string, length: number): string {
  let out = '';
  while (out.length < length) {
    // Repeats of earlier stretches make longer contexts recur, as in real text.
    if (out.length > 6 && rng.next() < 0.3) {
      const from = rng.int(0, out.length - 4);
      out += out.slice(from, from + rng.int(2, 5));
    } else {
      out += alphabet[Math.floor(alphabet.length * rng.next() ** 1.5)];
    }
  }
  return out.slice(0, length);
}

/**
 * Interpolated modified Kneser-Ney straight from its definition with string-keyed maps (no trie):
 * the reference the fast implementation must match.
 */
function naiveKneserNey(training: string, order: number): (x: string, context: string) => number {
  const chars = [...training];
  const alphabet = new Set(chars);
  const v = alphabet.size + 1;
  // counts[d]: ctx -> x -> KN count (raw at `order`, continuation below).
  const counts: Map<string, Map<string, number>>[] = [];
  for (let d = 0; d <= order; d++) {
    const byContext = new Map<string, Map<string, number>>();
    if (d === order) {
      for (let i = d; i < chars.length; i++) bump(byContext, chars.slice(i - d, i).join(''), chars[i], 1);
    } else {
      const seen = new Set<string>();
      for (let i = d + 1; i < chars.length; i++) {
        const key = chars.slice(i - d - 1, i + 1).join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
        bump(byContext, chars.slice(i - d, i).join(''), chars[i], 1);
      }
    }
    counts.push(byContext);
  }
  const discounts = counts.map((byContext) => {
    const n = [0, 0, 0, 0];
    for (const followers of byContext.values()) for (const a of followers.values()) if (a <= 4) n[a - 1]++;
    return kneserNeyDiscounts(n[0], n[1], n[2], n[3]);
  });
  const discount = (d: number, a: number): number => (a === 0 ? 0 : discounts[d][Math.min(a, 3) - 1]);
  return (x, context) => {
    const history = [...context];
    let p = 1 / v;
    for (let d = 0; d <= Math.min(order, history.length); d++) {
      const ctx = history.slice(history.length - d).join('');
      const contextSeenInTraining = training.includes(ctx) && (d === 0 || hasFollower(training, ctx));
      if (!contextSeenInTraining) break;
      const followers = counts[d].get(ctx);
      if (followers === undefined) continue;
      let a = 0;
      let freed = 0;
      for (const c of followers.values()) {
        a += c;
        freed += discount(d, c);
      }
      if (a === 0) continue;
      const c = followers.get(x) ?? 0;
      p = (Math.max(c - discount(d, c), 0) + freed * p) / a;
    }
    return p;
  };
}

/** Whether `ctx` occurs in `text` followed by some character (so the model has counts after it). */
function hasFollower(text: string, ctx: string): boolean {
  for (let i = text.indexOf(ctx); i >= 0; i = text.indexOf(ctx, i + 1)) if (i + ctx.length < text.length) return true;
  return false;
}

function bump(byContext: Map<string, Map<string, number>>, ctx: string, x: string, by: number): void {
  const followers = byContext.get(ctx) ?? new Map<string, number>();
  byContext.set(ctx, followers);
  followers.set(x, (followers.get(x) ?? 0) + by);
}
