/**
 * One benchmark: a named piece of work the harness times. Packages export an array of these as the
 * default export of `packages/<name>/bench/<topic>.bench.ts`.
 */
export interface BenchCase {
  /** What is measured, e.g. "parity: 100,000 sequences of length 50". */
  readonly name: string;
  /** Does the work once. Setup that should not be timed belongs outside, in the module. */
  run(): void | Promise<void>;
  /** How many units of work one run does, and their name, to report a rate (e.g. 100000, "sequences"). */
  readonly work?: { readonly count: number; readonly unit: string };
}

/** The timing of one case: the median of repeated runs after a warm-up. */
export interface BenchResult {
  readonly suite: string;
  readonly name: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly perSecond?: number;
  readonly unit?: string;
  readonly heapMB: number;
}
