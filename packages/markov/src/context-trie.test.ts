import { createRng } from '@rnn/datasets';
import {
  buildContextTrie,
  followerContinuation,
  followerCount,
  followerStride,
  followerSymbol,
  nodeFirstFollower,
  nodeLeaf,
  nodeStride,
  walkContext,
  type ContextTrie,
} from './context-trie';

interface Stats {
  count: number;
  continuation: number;
}

/** The definitions, computed the slow obvious way with strings: ctx -> follower -> stats, per depth. */
function naiveCounts(text: number[], order: number): Map<string, Map<number, Stats>>[] {
  const depths: Map<string, Map<number, Stats>>[] = [];
  for (let d = 0; d <= order; d++) {
    const byContext = new Map<string, Map<number, Stats>>();
    for (let i = d; i < text.length; i++) {
      const ctx = text.slice(i - d, i).join(',');
      const followers = byContext.get(ctx) ?? new Map<number, Stats>();
      byContext.set(ctx, followers);
      const stats = followers.get(text[i]) ?? { count: 0, continuation: 0 };
      stats.count++;
      followers.set(text[i], stats);
    }
    depths.push(byContext);
  }
  for (let d = 0; d < order; d++) {
    for (const [ctx, followers] of depths[d]) {
      for (const [x, stats] of followers) {
        const left = new Set<number>();
        for (let i = d + 1; i < text.length; i++) {
          if (text[i] === x && text.slice(i - d, i).join(',') === ctx) left.add(text[i - d - 1]);
        }
        stats.continuation = left.size;
      }
    }
  }
  return depths;
}

/** The followers the trie stores (or implies, for a leaf) for node `u` at depth `d`. */
function trieFollowers(trie: ContextTrie, u: number, d: number): Map<number, Stats> {
  const out = new Map<number, Stats>();
  const p = trie.nodes[u * nodeStride + nodeLeaf];
  if (p >= 0) {
    out.set(trie.symbols[p], { count: 1, continuation: d < trie.order && p >= d + 1 ? 1 : 0 });
    return out;
  }
  const end = trie.nodes[(u + 1) * nodeStride + nodeFirstFollower];
  for (let j = trie.nodes[u * nodeStride + nodeFirstFollower]; j < end; j++) {
    const record = j * followerStride;
    out.set(trie.followers[record + followerSymbol], {
      count: trie.followers[record + followerCount],
      continuation: trie.followers[record + followerContinuation],
    });
  }
  return out;
}

function randomText(seed: string, length: number, alphabet: number): number[] {
  const rng = createRng(seed);
  // Skewed and repetitive, so that long contexts repeat (and some do not).
  const text: number[] = [];
  while (text.length < length) {
    if (text.length > 8 && rng.next() < 0.3) {
      const from = rng.int(0, text.length - 6);
      text.push(...text.slice(from, from + rng.int(2, 6)));
    } else {
      text.push(Math.floor(alphabet * rng.next() ** 2));
    }
  }
  return text.slice(0, length);
}

describe('buildContextTrie', () => {
  it('stores exactly the counts, totals and continuation counts of the definitions', () => {
    for (let seed = 0; seed < 40; seed++) {
      const alphabet = 2 + (seed % 5);
      const text = randomText(`trie/${seed}`, 20 + seed * 7, alphabet);
      const order = seed % 7;
      const trie = buildContextTrie(Int32Array.from(text), alphabet, order);
      const naive = naiveCounts(text, order);
      const path = new Int32Array(order + 1);
      for (let d = 0; d <= order; d++) {
        for (const [ctx, followers] of naive[d]) {
          const history = ctx === '' ? [] : ctx.split(',').map(Number);
          expect(walkContext(trie, history, history.length, d, path)).toBe(d);
          const u = path[d];
          expect(trieFollowers(trie, u, d)).toEqual(followers);
          const total = [...followers.values()].reduce((a, s) => a + s.count, 0);
          expect(trie.nodeTotal[u]).toBe(total);
        }
      }
      expect(trie.nodeTotal[0]).toBe(text.length);
    }
  });

  it('walks unseen contexts only as deep as their longest seen suffix', () => {
    for (let seed = 0; seed < 20; seed++) {
      const text = randomText(`unseen/${seed}`, 60, 4);
      const order = 5;
      const trie = buildContextTrie(Int32Array.from(text), 5, order);
      const naive = naiveCounts(text, order);
      const rng = createRng(`probe/${seed}`);
      const path = new Int32Array(order + 1);
      for (let probe = 0; probe < 50; probe++) {
        // Symbol 4 never occurs in the text: an unknown symbol in the history.
        const history = Array.from({ length: order }, () => rng.int(0, 4));
        let longest = 0;
        while (longest < order && naive[longest + 1].has(history.slice(order - longest - 1).join(','))) longest++;
        expect(walkContext(trie, history, order, order, path)).toBe(longest);
      }
    }
  });

  it('handles texts no longer than the order, one symbol, and order 0', () => {
    const trie = buildContextTrie(Int32Array.of(0, 1), 2, 4);
    expect(trie.nodeTotal[0]).toBe(2);
    const path = new Int32Array(5);
    expect(walkContext(trie, [0], 1, 4, path)).toBe(1);
    expect(walkContext(trie, [1], 1, 4, path)).toBe(0);
    const zero = buildContextTrie(Int32Array.of(1, 1, 0), 2, 0);
    expect(Array.from(zero.followers)).toEqual([0, 1, 0, 1, 2, 0]);
    expect(() => buildContextTrie(Int32Array.of(0), 1, -1)).toThrow(RangeError);
  });

  it('uses every packing width (alphabets needing 1 to 16 bits)', () => {
    for (const alphabet of [1, 2, 3, 200, 300, 5000, 65535]) {
      const rng = createRng(`wide/${alphabet}`);
      const text = Array.from({ length: 300 }, (_, i) =>
        i % 7 === 0 ? alphabet - 1 : rng.int(0, Math.min(alphabet - 1, 5)),
      );
      const order = 7;
      const trie = buildContextTrie(Int32Array.from(text), alphabet, order);
      const naive = naiveCounts(text, order);
      const path = new Int32Array(order + 1);
      for (let d = 0; d <= order; d++) {
        for (const [ctx, followers] of naive[d]) {
          const history = ctx === '' ? [] : ctx.split(',').map(Number);
          expect(walkContext(trie, history, history.length, d, path)).toBe(d);
          expect(trieFollowers(trie, path[d], d)).toEqual(followers);
        }
      }
    }
  });
});
