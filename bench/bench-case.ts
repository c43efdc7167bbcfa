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
  /** Untimed preparation before the warm-up (choose a backend, build a model). */
  setup?(): void | Promise<void>;
  /** Untimed cleanup after the last run. */
  teardown?(): void;
  /** Cap on timed runs, for cases that take minutes. */
  readonly maxRuns?: number;
  /** Training-step cases: the config they measure (`--only <config>` selects it exactly). */
  readonly config?: string;
  /** Training-step cases: which implementation ran (`rnn`, `wasm`, `tfjs`; the harness adds `pytorch`). */
  readonly impl?: string;
  /** Training-step cases: the shape in words, for the table. */
  readonly shape?: string;
  /** Training-step cases: the PyTorch anchor's line for the same config. */
  readonly anchor?: string;
  /** Training-step cases: the speed against PyTorch the project must reach (1 = as fast). */
  readonly must?: number;
  /** Training-step cases: what actually ran (backend, kernels), known after setup. */
  describe?(): string;
}

/** One training-step figure: a config on one implementation. */
export interface StepRecord {
  readonly config: string;
  readonly impl: string;
  readonly msPerStep: number;
  readonly tokensPerSecond: number;
  /** What ran: backend and kernels, or the PyTorch setup. */
  readonly ran: string;
  /**
   * Peak resident memory, MB, of a process that ran only this case (setup, warm-up and timed
   * steps): the harness runs every training-step case in a child process of its own.
   */
  readonly peakRssMB?: number;
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
