import * as trieModule from '../context-trie';
import type { ContextTrie } from '../context-trie';
import type { Estimator } from './estimator';

// Bound once at load: dev transpilers (tsx, swc) compile each use of an imported binding into a
// getter call, which costs more than the work in these hot loops.
const { followerContinuation, followerCount, followerStride, followerSymbol, nodeFirstFollower, nodeLeaf, nodeStride } =
  trieModule;

/**
 * What interpolated Kneser-Ney needs beyond the counts, for a model of a given order: the discounts
 * of each depth, from its counts of counts. Computed once per order in one pass over the trie.
 * (A node's own sums, A and F below, are not stored: deep nodes have a handful of followers, summed
 * faster than a lookup in a table that would cost 16 bytes per node; shallow ones are cached.)
 */
export interface KneserNeyTables {
  /** The model order these are for (the depth whose raw counts are used). */
  readonly order: number;
  /** D1, D2 and D3+ of depth d at `[3d, 3d + 1, 3d + 2]`. */
  readonly discounts: Float64Array;
  /** How many (context, symbol) pairs of each depth had KN count 1, 2, 3 and 4: n1..n4 at `[4d .. 4d + 3]`. */
  readonly countOfCounts: Float64Array;
}

/**
 * The modified Kneser-Ney discounts (Chen & Goodman 1998) of one depth from its count-of-counts n1..n4:
 * Y = n1 / (n1 + 2 n2), D1 = 1 - 2Y n2/n1, D2 = 2 - 3Y n3/n2, D3+ = 3 - 4Y n4/n3.
 * Where a ratio is undefined (a tiny text with no count of 2, say) that discount falls back to Y
 * (or 0.5 without any count 1 or 2); each Dj is clamped to [0, j] so that no count goes negative and
 * every distribution still sums to 1.
 */
export function kneserNeyDiscounts(n1: number, n2: number, n3: number, n4: number): [number, number, number] {
  const y = n1 + 2 * n2 > 0 ? n1 / (n1 + 2 * n2) : 0.5;
  const d1 = n1 > 0 ? 1 - (2 * y * n2) / n1 : y;
  const d2 = n2 > 0 ? 2 - (3 * y * n3) / n2 : y;
  const d3 = n3 > 0 ? 3 - (4 * y * n4) / n3 : y;
  const clamp = (d: number, max: number): number => Math.min(max, Math.max(0, d));
  return [clamp(d1, 1), clamp(d2, 2), clamp(d3, 3)];
}

/**
 * The Kneser-Ney tables of an order-`order` model over `trie` (whose own order may be higher: a
 * deeper trie holds every shallower model).
 */
export function kneserNeyTables(trie: ContextTrie, order: number): KneserNeyTables {
  const { depthStart, nodes, followers } = trie;
  const countOfCounts = new Float64Array(4 * (order + 1));
  // Leaves imply a chain of deeper contexts with count 1 each: counted with a difference array.
  const leafChains = new Float64Array(order + 2);
  for (let d = 0; d <= order; d++) {
    const field = d === order ? followerCount : followerContinuation;
    for (let u = depthStart[d]; u < depthStart[d + 1]; u++) {
      const p = nodes[u * nodeStride + nodeLeaf];
      if (p >= 0) {
        // Continuation count 1 at depths d .. min(order - 1, p - 1); raw count 1 at `order` if p >= order.
        const last = Math.min(order - 1, p - 1);
        if (last >= d) {
          leafChains[d]++;
          leafChains[last + 1]--;
        }
        if (p >= order) countOfCounts[4 * order]++;
        continue;
      }
      const end = nodes[(u + 1) * nodeStride + nodeFirstFollower];
      for (let j = nodes[u * nodeStride + nodeFirstFollower]; j < end; j++) {
        const a = followers[j * followerStride + field];
        if (a >= 1 && a <= 4) countOfCounts[4 * d + a - 1]++;
      }
    }
  }
  let running = 0;
  for (let d = 0; d <= order; d++) {
    running += leafChains[d];
    countOfCounts[4 * d] += running;
  }
  const discounts = new Float64Array(3 * (order + 1));
  for (let d = 0; d <= order; d++) {
    const [d1, d2, d3] = kneserNeyDiscounts(
      countOfCounts[4 * d],
      countOfCounts[4 * d + 1],
      countOfCounts[4 * d + 2],
      countOfCounts[4 * d + 3],
    );
    discounts[3 * d] = d1;
    discounts[3 * d + 1] = d2;
    discounts[3 * d + 2] = d3;
  }
  return { order, discounts, countOfCounts };
}

/**
 * Interpolated modified Kneser-Ney. From the empty context up to the longest seen one, each level d
 * with KN counts a(ctx, x) (raw counts at the model's order, continuation counts below) and
 * A = sum of them gives
 *
 *   P_d(x) = (max(a(x) - D_d(a(x)), 0) + F(ctx) * P_{d-1}(x)) / A,   F(ctx) = sum over x of D_d(a(x)),
 *
 * starting from P_{-1}(x) = 1 / V; a level with A = 0 (a context only seen at the very start of the
 * text, with nothing before it) passes P_{d-1} through. An unseen context simply ends the walk
 * early: that is the back-off. Every P_d sums to 1, so every prediction is a proper distribution
 * that gives every symbol, even unknown ones, some probability.
 */
export function kneserNeyEstimator(trie: ContextTrie, tables: KneserNeyTables): Estimator {
  const { nodes, followers, symbols, vocabSize, depthStart } = trie;
  const { order, discounts } = tables;
  // Per level of the current path: A, the total KN count, and F, the mass discounting frees.
  const totals = new Float64Array(order + 1);
  const freed = new Float64Array(order + 1);

  /**
   * Sums A and F of level d at node u into totals[d] and freed[d] and returns the KN count of `x`
   * there (-1 for no x). A leaf's context was seen once, followed by symbols[leaf]: A = 1 and F = D1,
   * unless it cannot be extended left (continuation count 0: A = 0, the level passes through).
   */
  const sumLevel = (u: number, d: number, x: number): number => {
    const leaf = nodes[u * nodeStride + nodeLeaf];
    if (leaf >= 0) {
      const a = d === order || leaf >= d + 1 ? 1 : 0;
      totals[d] = a;
      freed[d] = a * discounts[3 * d];
      return symbols[leaf] === x ? a : 0;
    }
    const field = d === order ? followerCount : followerContinuation;
    const d1 = discounts[3 * d];
    const d2 = discounts[3 * d + 1];
    const d3 = discounts[3 * d + 2];
    let a = 0;
    let f = 0;
    let count = 0;
    const end = nodes[(u + 1) * nodeStride + nodeFirstFollower];
    for (let j = nodes[u * nodeStride + nodeFirstFollower]; j < end; j++) {
      const record = j * followerStride;
      const c = followers[record + field];
      a += c;
      f += c === 0 ? 0 : c === 1 ? d1 : c === 2 ? d2 : d3;
      if (followers[record + followerSymbol] === x) count = c;
    }
    totals[d] = a;
    freed[d] = f;
    return count;
  };

  /** Adds `weight` times level d's discounted counts / A at node u into `out[offset..]`. */
  const addLevel = (u: number, d: number, weight: number, out: Float64Array, offset: number): void => {
    const a = totals[d];
    if (a === 0) return;
    const leaf = nodes[u * nodeStride + nodeLeaf];
    if (leaf >= 0) {
      out[offset + symbols[leaf]] += weight * (1 - discounts[3 * d]);
      return;
    }
    const w = weight / a;
    const field = d === order ? followerCount : followerContinuation;
    const d1 = discounts[3 * d];
    const d2 = discounts[3 * d + 1];
    const d3 = discounts[3 * d + 2];
    const end = nodes[(u + 1) * nodeStride + nodeFirstFollower];
    for (let j = nodes[u * nodeStride + nodeFirstFollower]; j < end; j++) {
      const record = j * followerStride;
      const c = followers[record + field];
      if (c === 0) continue;
      out[offset + followers[record + followerSymbol]] += w * (c - (c === 1 ? d1 : c === 2 ? d2 : d3));
    }
  };

  /**
   * Writes P_depth into `out[offset..]`, levels above `from` computed here and P_from taken from
   * `below` (or, for from = -1, the uniform 1/V): accumulated from the deepest level down, each level
   * scaled by the F/A of the levels above it, so a level only touches its own followers.
   */
  const accumulate = (
    path: Int32Array,
    from: number,
    depth: number,
    below: Float64Array | undefined,
    belowOffset: number,
    out: Float64Array,
    offset: number,
  ): void => {
    for (let d = from + 1; d <= depth; d++) sumLevel(path[d], d, -1);
    out.fill(0, offset, offset + vocabSize);
    let weight = 1;
    for (let d = depth; d > from; d--) {
      addLevel(path[d], d, weight, out, offset);
      if (totals[d] > 0) weight *= freed[d] / totals[d];
    }
    if (below === undefined) {
      const floor = weight / vocabSize;
      for (let i = offset; i < offset + vocabSize; i++) out[i] += floor;
    } else {
      for (let i = 0; i < vocabSize; i++) out[offset + i] += weight * below[belowOffset + i];
    }
  };

  // The distributions of the shallow contexts (depth <= 2: under 1,500 nodes for text) are the same
  // for every query that passes through them: computed once, they save each query the levels with
  // the most followers.
  const cachedDepth = Math.min(2, order);
  const cache = new Float64Array(depthStart[cachedDepth + 1] * vocabSize);
  const nodePath = new Int32Array(cachedDepth + 1);
  for (let d = 0; d <= cachedDepth; d++) {
    for (let u = depthStart[d]; u < depthStart[d + 1]; u++) {
      // A node's path is its chain of suffixes, found by walking up its parents.
      nodePath[d] = u;
      for (let e = d - 1; e >= 0; e--) nodePath[e] = parentOf(trie, nodePath[e + 1], e + 1);
      if (d === 0) accumulate(nodePath, -1, 0, undefined, 0, cache, u * vocabSize);
      else accumulate(nodePath, d - 1, d, cache, nodePath[d - 1] * vocabSize, cache, u * vocabSize);
    }
  }

  /** The deepest level <= cachedDepth whose path entry is a stored node of that depth (not an implicit leaf level). */
  const cachedLevel = (path: Int32Array, depth: number): number => {
    let k = Math.min(depth, cachedDepth);
    while (k > 0 && path[k] < depthStart[k]) k--;
    return k;
  };

  return {
    probability(path, depth, _available, x) {
      const k = cachedLevel(path, depth);
      let p = cache[path[k] * vocabSize + x];
      for (let d = k + 1; d <= depth; d++) {
        const count = sumLevel(path[d], d, x);
        const a = totals[d];
        if (a === 0) continue;
        const discounted = count === 0 ? 0 : count - discounts[3 * d + Math.min(count, 3) - 1];
        p = (discounted + freed[d] * p) / a;
      }
      return p;
    },
    distribution(path, depth, _available, out, offset) {
      const k = cachedLevel(path, depth);
      accumulate(path, k, depth, cache, path[k] * vocabSize, out, offset);
    },
  };
}

/** The parent of node `u` at depth `d` (>= 1): the node whose children's id range holds `u`. */
function parentOf(trie: ContextTrie, u: number, d: number): number {
  const { nodes, depthStart } = trie;
  let lo = depthStart[d - 1];
  let hi = depthStart[d] - 1;
  // Children ranges are increasing with the parent id: the parent is the last one starting at or before u.
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (nodes[mid * nodeStride + trieModule.nodeFirstChild] <= u) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
