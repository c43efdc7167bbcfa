import * as trieModule from './context-trie';
import type { ContextTrie } from './context-trie';

// Bound once at load: dev transpilers (tsx, swc) compile each use of an imported binding into a
// getter call, which costs more than the work in these hot loops.
const { followerCount, followerEntry, followerStride, nodeLeaf, nodeStride } = trieModule;

/** The leaf position of node `u`, or -1 if its context was seen more than once. */
export function leafOf(trie: ContextTrie, u: number): number {
  return trie.nodes[u * nodeStride + nodeLeaf];
}

/** c(ctx, x): how often `x` followed node `u`'s context (a leaf's single follower counts once). */
export function countAfter(trie: ContextTrie, u: number, x: number): number {
  const p = trie.nodes[u * nodeStride + nodeLeaf];
  if (p >= 0) return trie.symbols[p] === x ? 1 : 0;
  const j = followerEntry(trie, u, x);
  return j < 0 ? 0 : trie.followers[j * followerStride + followerCount];
}
