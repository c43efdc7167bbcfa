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
  /** Training-step and sampling-speed cases: the shape in words, for the table. */
  readonly shape?: string;
  /** Training-step and sampling-speed cases: the PyTorch anchor's line for the same work. */
  readonly anchor?: string;
  /** Training-step cases: the speed against PyTorch the project must reach (1 = as fast). */
  readonly must?: number;
  /** Training-step cases: the speed against PyTorch the WebAssembly kernels must reach. */
  readonly mustWasm?: number;
  /** Training-step and sampling-speed cases: what actually ran (backend, kernels), known after setup. */
  describe?(): string;
  /**
   * Sampling-speed cases: how the next character is chosen (`greedy`, `top-p 0.9`). Such a case runs
   * in a child process of its own, its `work` counts generated characters, and it gets a row of the
   * sampling table beside the PyTorch anchor (bench/anchors/torch_sampling_bench.py).
   */
  readonly sampling?: string;
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
  /**
   * Our speed against PyTorch on this config: the median over rounds of PyTorch ms / our ms, each
   * pair timed one right after the other. Absent in records older than the pairing, where the
   * ratio of the two medians stands in.
   */
  readonly speedVsPytorch?: number;
}

/** One sampling-speed figure: a sampling mode on one implementation (`rnn`, or `pytorch`). */
export interface SamplingRecord {
  readonly sampling: string;
  readonly impl: string;
  readonly shape: string;
  readonly msPerChar: number;
  readonly charsPerSecond: number;
  /** What ran: backend and kernels, or the PyTorch setup. */
  readonly ran: string;
}

/**
 * The sampling-speed section of the results. It carries its own date, machine and load because
 * `npm run bench -- --only sampling --record` replaces it alone, beside tables of an earlier run.
 */
export interface SamplingSection {
  readonly date: string;
  /** CPU count, model and vector features, and the Node version. */
  readonly machine: string;
  readonly cores: number;
  /**
   * Cores kept busy by other processes while the cases and the anchor ran, on average (the bench's own
   * CPU time subtracted), from /proc/stat; absent where that cannot be read.
   */
  readonly otherLoad?: { readonly rnn: number; readonly pytorch?: number };
  /**
   * Cores the hypervisor of a virtual machine withheld meanwhile (steal time), on average, from
   * /proc/stat; absent where that cannot be read, and in records older than the measurement.
   */
  readonly steal?: { readonly rnn: number; readonly pytorch?: number };
  /** The PyTorch setup, or why PyTorch was not measured. */
  readonly anchor: string;
  readonly records: readonly SamplingRecord[];
}

/**
 * One run's training steps on one class of CPU. A full run replaces the section of its own class and
 * keeps the other's, because the ratio to PyTorch depends on whether the CPU has AVX-512 (PyTorch's
 * OpenBLAS switches kernels) and holds only for figures measured side by side.
 */
export interface StepSection {
  readonly date: string;
  /** CPU count, model and vector features, and the Node version. */
  readonly machine: string;
  readonly cores: number;
  readonly cpu: 'avx512' | 'no-avx512';
  /** Cores other processes kept busy while our cases and the anchor ran (see {@link SamplingSection}). */
  readonly otherLoad?: { readonly rnn: number; readonly pytorch?: number };
  /** Cores the hypervisor withheld meanwhile (see {@link SamplingSection}). */
  readonly steal?: { readonly rnn: number; readonly pytorch?: number };
  /** The PyTorch setup, or why PyTorch was not measured. */
  readonly anchor: string;
  /** Rounds alternating our cases and the anchor, each figure the median of its rounds (absent: one). */
  readonly rounds?: number;
  /** Node flags the wasm cases ran with, to give them what a browser's engine has. */
  readonly wasmNodeFlags?: readonly string[];
  /** Each config's shape in words and what the project asks of it. */
  readonly configs: readonly {
    readonly config: string;
    readonly shape: string;
    readonly must?: number;
    readonly mustWasm?: number;
  }[];
  readonly steps: readonly StepRecord[];
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
