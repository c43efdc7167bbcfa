/**
 * Seeded task generators, vocabularies, variable-length batching and corpora: the data layer of every
 * experiment. Pure TypeScript on plain typed arrays, no tfjs.
 *
 * @packageDocumentation
 */
export { createRng, restoreRng } from './rng';
export type { Rng, RngState } from './rng';
