import * as trieModule from '../context-trie';
import type { ContextTrie } from '../context-trie';
import * as statsModule from '../context-stats';
import type { Estimator } from './estimator';

// Bound once at load: dev transpilers (tsx, swc) compile each use of an imported binding into a
// getter call, which costs more than the work in these hot loops.
const { followerCount, followerStride, followerSymbol, nodeFirstFollower, nodeLeaf, nodeStride } = trieModule;
const { countAfter } = statsModule;

/**
 * Maximum likelihood: P(x | ctx) = c(ctx, x) / c(ctx) at the longest suffix of the context seen in
 * training (the whole context when it was seen, as the model is defined; a shorter one only
 * where that definition is 0 / 0).
 */
export function mleEstimator(trie: ContextTrie): Estimator {
  const { nodes, nodeTotal, followers, symbols, vocabSize } = trie;
  return {
    probability(path, depth, _available, x) {
      const u = path[depth];
      return countAfter(trie, u, x) / nodeTotal[u];
    },
    distribution(path, depth, _available, out, offset) {
      const u = path[depth];
      out.fill(0, offset, offset + vocabSize);
      const p = nodes[u * nodeStride + nodeLeaf];
      if (p >= 0) {
        out[offset + symbols[p]] = 1;
        return;
      }
      const total = nodeTotal[u];
      const last = nodes[(u + 1) * nodeStride + nodeFirstFollower];
      for (let j = nodes[u * nodeStride + nodeFirstFollower]; j < last; j++) {
        out[offset + followers[j * followerStride + followerSymbol]] =
          followers[j * followerStride + followerCount] / total;
      }
    },
  };
}
