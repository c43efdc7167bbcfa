/**
 * The smoothed n-gram character Markov model: the baseline every character RNN must beat, scored
 * in the same unit (bits per character) on the same split, and generating through the same
 * `@rnn/sampling` contract. Pure TypeScript, safe to bundle for a browser; saving to and loading
 * from files is Node-only and lives in `@rnn/markov/node`.
 *
 * @packageDocumentation
 */
export { trainMarkov } from './train-markov';
export type { MarkovOptions } from './train-markov';
export { MarkovCounts, MarkovModel, unknownCharacter } from './markov-model';
export type { MarkovModelInfo, MarkovState, MarkovVocabulary } from './markov-model';
export { defaultK, defaultSmoothing, describeSmoothing, smoothingNames, toSmoothing } from './smoothing/smoothing';
export type { Smoothing, SmoothingName } from './smoothing/smoothing';
export { kneserNeyDiscounts } from './smoothing/kneser-ney';
export type { KneserNeyTables } from './smoothing/kneser-ney';
export {
  MarkovFormatError,
  deserializeMarkov,
  markovFormat,
  markovFormatVersion,
  serializeMarkov,
} from './model-format';
export { addKBitsPerChar, defaultKValues, sweepOrders } from './sweep';
export type { SweepOptions, SweepRow } from './sweep';
export { maxVocabSize } from './context-trie';
export type { ContextTrie } from './context-trie';
export { baselineOrders, markovBaseline } from './markov-baseline';
export type { MarkovBaseline, MarkovOrderScore } from './markov-baseline';
