import * as trieModule from '../context-trie';
import type { ContextTrie } from '../context-trie';
import * as statsModule from '../context-stats';
import type { Estimator } from './estimator';

// Bound once at load: dev transpilers (tsx, swc) compile each use of an imported binding into a
// getter call, which costs more than the work in these hot loops.
const { followerCount, followerStride, followerSymbol, nodeFirstFollower, nodeLeaf, nodeStride } = trieModule;
const { countAfter } = statsModule;

/**
 * Add-k: P(x | ctx) = (c(ctx, x) + k) / (c(ctx) + k V), with V = vocabSize (the training alphabet
 * plus the unknown symbol). A context never seen has c = 0 everywhere: uniform 1 / V, no back-off.
 */
export function addKEstimator(trie: ContextTrie, order: number, k: number): Estimator {
  const { nodes, nodeTotal, followers, symbols, vocabSize } = trie;
  return {
    probability(path, depth, available, x) {
      if (depth < Math.min(order, available)) return 1 / vocabSize;
      const u = path[depth];
      return (countAfter(trie, u, x) + k) / (nodeTotal[u] + k * vocabSize);
    },
    distribution(path, depth, available, out, offset) {
      if (depth < Math.min(order, available)) {
        out.fill(1 / vocabSize, offset, offset + vocabSize);
        return;
      }
      const u = path[depth];
      const denominator = nodeTotal[u] + k * vocabSize;
      out.fill(k / denominator, offset, offset + vocabSize);
      const p = nodes[u * nodeStride + nodeLeaf];
      if (p >= 0) {
        out[offset + symbols[p]] = (1 + k) / denominator;
        return;
      }
      const last = nodes[(u + 1) * nodeStride + nodeFirstFollower];
      for (let j = nodes[u * nodeStride + nodeFirstFollower]; j < last; j++) {
        out[offset + followers[j * followerStride + followerSymbol]] =
          (followers[j * followerStride + followerCount] + k) / denominator;
      }
    },
  };
}
