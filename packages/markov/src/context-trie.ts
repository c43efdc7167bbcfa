import { checkInteger } from '@rnn/datasets';

/**
 * Every context of length 0..order in a training text with the counts of what followed it: the
 * sufficient statistics of every smoothing in this package.
 *
 * Contexts form a trie read right to left: a node at depth d is a context of d symbols, and its
 * children extend it by one more symbol on the left (the older end). So the path root -> d=1 -> d=2
 * follows the suffixes of a history from the most recent symbol back, and walking it finds the longest
 * context seen in training: back-off is simply where the walk stops.
 *
 * Leaves: a context seen at only one position p is a leaf. Every longer context ending there was also
 * seen once, followed by the same symbol, so those deeper nodes are implicit: they are read from the
 * text itself (`symbols[p - d]`) instead of being stored. At order 10 on tinyshakespeare this halves
 * the nodes (1.4 M instead of 3.2 M) and the work.
 *
 * Layout: flat `Int32Array` records, no per-node objects. A node's fields sit together (one cache
 * line serves a whole step of a walk), node ids are assigned depth by depth, and the children of a
 * node are consecutive records sorted by symbol, as are its followers, so lookups are binary searches.
 * A sentinel record after the last node closes the last ranges.
 *
 * Counts (by definition, at every depth d):
 * - c(ctx, x): positions i >= d with t[i-d..i-1] = ctx and t[i] = x (a follower's count; 1 for a
 *   leaf's single follower `symbols[leaf position]`).
 * - c(ctx): their sum over x (`nodeTotal`).
 * - N1+(. ctx x): how many distinct symbols y precede ctx x (positions i >= d+1), i.e. how many
 *   children of ctx saw x (a follower's continuation count); Kneser-Ney's lower orders use these.
 *   For a leaf at depth d it is 1 if p >= d + 1 (the context extends left inside the text), else 0.
 */
export interface ContextTrie {
  /** The deepest context length. */
  readonly order: number;
  /** Symbols are ids in [0, vocabSize). */
  readonly vocabSize: number;
  /** The training text's symbols, in the narrowest array that holds them (leaves read their implicit contexts here). */
  readonly symbols: Uint8Array | Uint16Array;
  /** Nodes at depth d are ids `[depthStart[d], depthStart[d + 1])`; length `order + 2`. Node 0 is the root. */
  readonly depthStart: Int32Array;
  /** Number of nodes (records `0 .. nodeCount - 1`; record `nodeCount` is the sentinel). */
  readonly nodeCount: number;
  /** Node records of `nodeStride` ints: see `nodeSymbol` and the other field offsets. */
  readonly nodes: Int32Array;
  /** c(ctx) of each node (1 for a leaf). */
  readonly nodeTotal: Int32Array;
  /** Number of follower records. */
  readonly followerCount: number;
  /** Follower records of `followerStride` ints: see `followerSymbol` and the other field offsets. */
  readonly followers: Int32Array;
}

/** Ints per node record. */
export const nodeStride = 4;
/** Node field: the symbol the node adds on the left of its parent's context (-1 for the root). */
export const nodeSymbol = 0;
/** Node field: its first child; the children are ids up to the next record's first child. */
export const nodeFirstChild = 1;
/** Node field: the one text position of a leaf's context, or -1 for a context seen more than once. */
export const nodeLeaf = 2;
/** Node field: its first follower record; none for a leaf. */
export const nodeFirstFollower = 3;

/** Ints per follower record. */
export const followerStride = 3;
/** Follower field: the symbol. */
export const followerSymbol = 0;
/** Follower field: c(ctx, x). */
export const followerCount = 1;
/** Follower field: N1+(. ctx x) (0 at the trie's deepest depth, which is never extended). */
export const followerContinuation = 2;

/**
 * The largest alphabet (ids, including the unknown symbol) the trie takes: a packed word needs room for
 * the follower and at least one context symbol of 16 bits each. Real texts use a few hundred at most.
 */
export const maxVocabSize = 65535;

/** Runs shorter than this are sorted by insertion: a counting sort's pass over the alphabet costs more. */
const insertionSortLimit = 32;

/**
 * Counts every context of length 0..`order` of `symbols` (ids in [0, vocabSize)).
 *
 * How: the text's positions are sorted by their left context one symbol deeper at a time (a
 * most-significant-digit radix sort), so at depth d each distinct context is a contiguous run of
 * positions: a trie node. A run of one position becomes a leaf and is never sorted again. Cost at
 * most O(length x order) with small constants, and no hashing.
 */
export function buildContextTrie(symbols: Int32Array, vocabSize: number, order: number): ContextTrie {
  checkInteger('buildContextTrie', 'order', order, 0);
  const builder = new TrieBuilder(symbols, vocabSize);
  const depthStart = new Int32Array(order + 2);
  builder.addRoot();
  depthStart[1] = 1;
  for (let d = 1; d <= order; d++) {
    builder.addDepth(d, depthStart[d - 1], depthStart[d]);
    depthStart[d + 1] = builder.nodeCount;
  }
  return builder.finish(order, depthStart);
}

/**
 * The state of one build.
 *
 * Memory access decides the speed. Sorted by context, neighbouring positions lie far apart in the
 * text, so reading "the symbol d places back" for each would be a cache miss per position per depth.
 * Instead every sorted entry carries a packed word: its follower t[p] in the low bits, then the next
 * few context symbols (+1, so 0 means "before the text start"). The word moves with the position in
 * each sort (into a second buffer, ping-pong), so the sort and the follower tally read memory in order,
 * and the text is only read again when a word's context symbols run out, every few depths.
 *
 * The work is split into small methods: V8 optimises a small function called many times far better
 * than one long function whose later loops have not run yet when it is first compiled.
 */
class TrieBuilder {
  nodeCount = 0;
  private followerCount = 0;
  private nodes: Int32Array;
  private nodeTotal: Int32Array;
  private followers: Int32Array;
  /** The text in the narrowest array that holds it: the random reads that remain hit cache more often. */
  private readonly text: Uint8Array | Uint16Array;
  // Sorted entries (position, packed word); `cur*` holds this depth's runs, the sort writes `next*`.
  private curPos: Int32Array;
  private curWord: Int32Array;
  private nextPos: Int32Array;
  private nextWord: Int32Array;
  /** Bits per symbol in a word, and how many context symbols a word holds after the follower. */
  private readonly bits: number;
  private readonly window: number;
  private readonly mask: number;
  /** Context symbols left in every active word (all entries are refilled at the same depths). */
  private remaining = 0;
  // The run of each node of the current depth and of the next (swapped each depth); -1 for leaves.
  private runStart: Int32Array;
  private runEnd: Int32Array;
  private nextRunStart: Int32Array;
  private nextRunEnd: Int32Array;
  /** The first node id of the depth being added (runs are indexed from it). */
  private childBase = 1;
  private readonly bucket: Int32Array;
  private readonly tally: Int32Array;
  private readonly touched: Int32Array;
  /** The follower record of each symbol of the parent being split (for continuation counts). */
  private readonly slotOf: Int32Array;
  private readonly smallKeys = new Int32Array(insertionSortLimit);
  /** For {@link TrieBuilder.refill}: the sorted entry of each text position, or -1. */
  private entryOf: Int32Array | undefined;

  constructor(symbols: Int32Array, vocabSize: number) {
    checkInteger('buildContextTrie', 'vocabSize', vocabSize, 1, maxVocabSize);
    const length = symbols.length;
    this.text = vocabSize <= 256 ? Uint8Array.from(symbols) : Uint16Array.from(symbols);
    // vocabSize + 1 values per context symbol (0 = before the start); the follower needs vocabSize.
    this.bits = Math.max(1, Math.ceil(Math.log2(vocabSize + 1)));
    this.window = Math.floor(32 / this.bits) - 1;
    this.mask = (1 << this.bits) - 1;
    this.curPos = new Int32Array(length);
    this.curWord = new Int32Array(length);
    this.nextPos = new Int32Array(length);
    this.nextWord = new Int32Array(length);
    // A depth has at most one node per position. Memory is only paid for when touched, so reserving
    // the bound costs nothing until used.
    const perDepth = length + 1;
    this.runStart = new Int32Array(perDepth);
    this.runEnd = new Int32Array(perDepth);
    this.nextRunStart = new Int32Array(perDepth);
    this.nextRunEnd = new Int32Array(perDepth);
    // Order 10 over tinyshakespeare needs 1.37 nodes and 1.53 follower records per position; lower
    // orders fewer (they are trimmed at the end), higher ones grow the arrays once.
    const guess = Math.ceil(1.6 * length) + 1024;
    this.nodes = new Int32Array(guess * nodeStride);
    this.nodeTotal = new Int32Array(guess);
    this.followers = new Int32Array(guess * followerStride);
    this.bucket = new Int32Array(vocabSize + 2);
    this.tally = new Int32Array(vocabSize);
    this.touched = new Int32Array(vocabSize);
    this.slotOf = new Int32Array(vocabSize);
  }

  /** Depth 0: the root, whose context is empty and whose run is every position. */
  addRoot(): void {
    const length = this.text.length;
    const { curPos, curWord, text } = this;
    for (let p = 0; p < length; p++) {
      curPos[p] = p;
      curWord[p] = text[p];
    }
    this.reserve(1, this.tally.length);
    this.nodes[nodeSymbol] = -1;
    this.nodes[nodeLeaf] = -1;
    this.nodes[nodeFirstFollower] = 0;
    this.nodeCount = 1;
    this.tallyFollowers(curWord, 0, length);
    this.runStart[0] = 0;
    this.runEnd[0] = length;
  }

  /** Adds the nodes of depth `d`: the run of every non-leaf node of depth d - 1 split by the symbol d places back. */
  addDepth(d: number, parentBase: number, parentEnd: number): void {
    const parents = parentEnd - parentBase;
    let positions = 0;
    for (let g = 0; g < parents; g++) if (this.runEnd[g] >= 0) positions += this.runEnd[g] - this.runStart[g];
    // At most one node and one follower record per position in a run.
    this.reserve(positions, positions);
    const refill = this.remaining === 0;
    if (refill) {
      this.remaining = this.window;
      this.refill(d, parents);
    }
    this.nodes[this.nodeCount * nodeStride + nodeFirstFollower] = this.followerCount;
    this.childBase = parentEnd;
    for (let u = parentBase; u < parentEnd; u++) {
      this.nodes[u * nodeStride + nodeFirstChild] = this.nodeCount;
      const g = u - parentBase;
      const end = this.runEnd[g];
      if (end >= 0) this.split(u, this.runStart[g], end);
    }
    this.remaining--;
    [this.runStart, this.nextRunStart] = [this.nextRunStart, this.runStart];
    [this.runEnd, this.nextRunEnd] = [this.nextRunEnd, this.runEnd];
    [this.curPos, this.nextPos] = [this.nextPos, this.curPos];
    [this.curWord, this.nextWord] = [this.nextWord, this.curWord];
  }

  /**
   * Reloads the context symbols d, d + 1, ... places back into the word of every entry still in a run.
   * Entries are in context order, so reading the text for each would be a cache miss apiece; instead
   * this notes each active position's entry, then walks the text in order and writes the words there
   * (scattered writes do not stall the processor the way scattered reads do).
   */
  private refill(d: number, runs: number): void {
    const { curPos, curWord, text, bits, window, runStart, runEnd } = this;
    const entryOf = (this.entryOf ??= new Int32Array(text.length).fill(-1));
    for (let g = 0; g < runs; g++) {
      for (let i = runStart[g], end = runEnd[g]; i < end; i++) entryOf[curPos[i]] = i;
    }
    for (let p = 0; p < text.length; p++) {
      const i = entryOf[p];
      if (i < 0) continue;
      entryOf[p] = -1;
      let word = text[p];
      for (let j = 0; j < window; j++) {
        const q = p - d - j;
        word |= (q >= 0 ? text[q] + 1 : 0) << (bits * (j + 1));
      }
      curWord[i] = word;
    }
  }

  /**
   * Sorts run `[start, end)` of node `u` by the next context symbol into the other buffer, consuming
   * that symbol from each word, and adds a child per symbol.
   */
  private split(u: number, start: number, end: number): void {
    const { slotOf, followers, nodes } = this;
    const first = nodes[u * nodeStride + nodeFirstFollower];
    const last = nodes[(u + 1) * nodeStride + nodeFirstFollower];
    for (let j = first; j < last; j++) slotOf[followers[j * followerStride + followerSymbol]] = j;
    if (end - start <= insertionSortLimit) this.insertionSort(start, end);
    else this.countingSort(start, end);
  }

  // In the two sorts below, a word's key is its next context symbol + 1 (0: the text starts before
  // it), `(word >>> bits) & mask`; consuming it keeps the follower and moves the other symbols down.
  // (A shift by 32 is a shift by 0 in JavaScript, hence `keep` for one-symbol windows.)

  private insertionSort(start: number, end: number): void {
    const { curPos, curWord, nextPos, nextWord, smallKeys, bits, mask } = this;
    const keep = this.window === 1 ? 0 : -1;
    for (let i = start; i < end; i++) {
      const w = curWord[i];
      const k = (w >>> bits) & mask;
      const word = (w & mask) | (((w >>> (2 * bits)) << bits) & keep);
      const p = curPos[i];
      let j = i - 1;
      while (j >= start && smallKeys[j - start] > k) {
        smallKeys[j + 1 - start] = smallKeys[j - start];
        nextPos[j + 1] = nextPos[j];
        nextWord[j + 1] = nextWord[j];
        j--;
      }
      smallKeys[j + 1 - start] = k;
      nextPos[j + 1] = p;
      nextWord[j + 1] = word;
    }
    let i = start;
    while (i < end) {
      const k = smallKeys[i - start];
      let e = i + 1;
      while (e < end && smallKeys[e - start] === k) e++;
      if (k > 0) this.addChild(k - 1, i, e);
      i = e;
    }
  }

  /** Stable counting sort of entries `[start, end)` by key into the other buffer; key 0 entries drop out. */
  private countingSort(start: number, end: number): void {
    const { curPos, curWord, nextPos, nextWord, bucket, bits, mask } = this;
    const buckets = this.tally.length + 1;
    const keep = this.window === 1 ? 0 : -1;
    for (let i = start; i < end; i++) bucket[(curWord[i] >>> bits) & mask]++;
    let offset = start;
    for (let b = 0; b < buckets; b++) {
      const count = bucket[b];
      bucket[b] = offset;
      offset += count;
    }
    for (let i = start; i < end; i++) {
      const w = curWord[i];
      const slot = bucket[(w >>> bits) & mask]++;
      nextPos[slot] = curPos[i];
      nextWord[slot] = (w & mask) | (((w >>> (2 * bits)) << bits) & keep);
    }
    // bucket[b] is now the end of bucket b's run and bucket[b - 1] its start.
    for (let b = 1; b < buckets; b++) {
      const runStart = bucket[b - 1];
      const runEnd = bucket[b];
      if (runEnd > runStart) this.addChild(b - 1, runStart, runEnd);
    }
    bucket.fill(0);
  }

  /** Adds the child with left symbol `symbol` whose entries are `[start, end)` of the sorted buffer. */
  private addChild(symbol: number, start: number, end: number): void {
    const node = this.nodeCount++;
    const record = node * nodeStride;
    const { nodes } = this;
    nodes[record + nodeSymbol] = symbol;
    const g = node - this.childBase;
    if (end - start === 1) {
      // A context seen at one position only: a leaf, with no followers or children stored.
      nodes[record + nodeLeaf] = this.nextPos[start];
      nodes[record + nodeStride + nodeFirstFollower] = this.followerCount;
      this.nodeTotal[node] = 1;
      this.nextRunStart[g] = -1;
      this.nextRunEnd[g] = -1;
      // One more left extension of (parent, the leaf's follower).
      this.followers[this.slotOf[this.nextWord[start] & this.mask] * followerStride + followerContinuation]++;
      return;
    }
    nodes[record + nodeLeaf] = -1;
    this.nextRunStart[g] = start;
    this.nextRunEnd[g] = end;
    const first = this.followerCount;
    this.tallyFollowers(this.nextWord, start, end);
    // Each distinct follower of the child is one more left extension of (parent, follower).
    const { followers, slotOf } = this;
    for (let j = first; j < this.followerCount; j++) {
      followers[slotOf[followers[j * followerStride + followerSymbol]] * followerStride + followerContinuation]++;
    }
  }

  /** Appends the followers (low bits of `words[start..end)`) as the newest node's, with their total. */
  private tallyFollowers(words: Int32Array, start: number, end: number): void {
    const { tally, touched, mask, followers } = this;
    let distinct = 0;
    for (let i = start; i < end; i++) {
      const x = words[i] & mask;
      if (tally[x]++ === 0) touched[distinct++] = x;
    }
    // Few distinct followers (rarely more than a handful past depth 2): insertion sort is the cheapest.
    for (let a = 1; a < distinct; a++) {
      const x = touched[a];
      let b = a - 1;
      while (b >= 0 && touched[b] > x) {
        touched[b + 1] = touched[b];
        b--;
      }
      touched[b + 1] = x;
    }
    let f = this.followerCount;
    for (let a = 0; a < distinct; a++) {
      const x = touched[a];
      const record = f * followerStride;
      followers[record + followerSymbol] = x;
      followers[record + followerCount] = tally[x];
      followers[record + followerContinuation] = 0;
      tally[x] = 0;
      f++;
    }
    this.followerCount = f;
    this.nodeTotal[this.nodeCount - 1] = end - start;
    this.nodes[this.nodeCount * nodeStride + nodeFirstFollower] = f;
  }

  /** Room for `nodes` more nodes (plus the sentinel) and `followers` more follower records (doubling). */
  private reserve(nodes: number, followers: number): void {
    const n = this.nodeCount + nodes + 2;
    if (n > this.nodeTotal.length) {
      const capacity = grownCapacity(this.nodeTotal.length, n);
      this.nodes = resized(this.nodes, (this.nodeCount + 1) * nodeStride, capacity * nodeStride);
      this.nodeTotal = resized(this.nodeTotal, this.nodeCount, capacity);
    }
    const f = this.followerCount + followers;
    if (f * followerStride > this.followers.length) {
      const capacity = grownCapacity(this.followers.length / followerStride, f);
      this.followers = resized(this.followers, this.followerCount * followerStride, capacity * followerStride);
    }
  }

  /**
   * The trie. An array that fills at least half of its buffer is returned as a view: copying would
   * touch every page again, which is most of a copy's cost (40 ms at order 10), while the untouched
   * tail costs address space but no memory. One with more slack is copied to its exact size, so a
   * small model does not hold a large buffer (which Node would count in `arrayBuffers`).
   */
  finish(order: number, depthStart: Int32Array): ContextTrie {
    const count = this.nodeCount;
    // The deepest nodes and the sentinel have no children: empty ranges at the end.
    for (let u = depthStart[order]; u <= count; u++) this.nodes[u * nodeStride + nodeFirstChild] = count;
    this.nodes[count * nodeStride + nodeFirstFollower] = this.followerCount;
    return {
      order,
      vocabSize: this.tally.length,
      symbols: this.text,
      depthStart,
      nodeCount: count,
      nodes: trimmed(this.nodes, (count + 1) * nodeStride),
      nodeTotal: trimmed(this.nodeTotal, count),
      followerCount: this.followerCount,
      followers: trimmed(this.followers, this.followerCount * followerStride),
    };
  }
}

/** The first `used` entries of `array`: a view when they fill at least half of it, else an exact copy. */
function trimmed(array: Int32Array, used: number): Int32Array {
  return used * 2 >= array.length ? array.subarray(0, used) : array.slice(0, used);
}

function grownCapacity(current: number, needed: number): number {
  let capacity = Math.max(16, current * 2);
  while (capacity < needed) capacity *= 2;
  return capacity;
}

function resized(array: Int32Array, used: number, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(array.subarray(0, used));
  return next;
}

/** The child of node `u` that adds `symbol` on the left, or -1 if that context never occurred. */
export function childOf(trie: ContextTrie, u: number, symbol: number): number {
  const nodes = trie.nodes;
  let lo = nodes[u * nodeStride + nodeFirstChild];
  let hi = nodes[(u + 1) * nodeStride + nodeFirstChild] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = nodes[mid * nodeStride + nodeSymbol];
    if (s < symbol) lo = mid + 1;
    else if (s > symbol) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The follower record of `symbol` after node `u`, or -1 if it never followed that context (or `u` is a leaf). */
export function followerEntry(trie: ContextTrie, u: number, symbol: number): number {
  const { nodes, followers } = trie;
  let lo = nodes[u * nodeStride + nodeFirstFollower];
  let hi = nodes[(u + 1) * nodeStride + nodeFirstFollower] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = followers[mid * followerStride + followerSymbol];
    if (s < symbol) lo = mid + 1;
    else if (s > symbol) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * Walks the trie along the history `history[end - 1], history[end - 2], ...` (most recent first) for
 * at most `maxDepth` symbols, writing the node of each depth into `path` (path[0] is the root). Past a
 * leaf the contexts are implicit: they match while the text before the leaf's position matches the
 * history, and `path` repeats the leaf's id for them.
 *
 * @returns the depth reached: the length of the longest suffix of the history seen in training.
 */
export function walkContext(
  trie: ContextTrie,
  history: ArrayLike<number>,
  end: number,
  maxDepth: number,
  path: Int32Array,
): number {
  const { nodes, symbols } = trie;
  let u = 0;
  path[0] = 0;
  let depth = 0;
  while (depth < maxDepth) {
    const p = nodes[u * nodeStride + nodeLeaf];
    if (p >= 0) {
      while (depth < maxDepth && p - depth - 1 >= 0 && symbols[p - depth - 1] === history[end - 1 - depth]) {
        path[++depth] = u;
      }
      break;
    }
    const child = childOf(trie, u, history[end - 1 - depth]);
    if (child < 0) break;
    u = child;
    path[++depth] = u;
  }
  return depth;
}
