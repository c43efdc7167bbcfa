// The cases `npm run bench` times for every compiled kernel package, written once so that the native
// and WebAssembly figures measure the same work.
import {
  gatesOf,
  savedGatesWidth,
  stateSizeOf,
  type KernelCell,
  type SequenceKernel,
  type Sgemm,
} from '@rnn/kernel-abi';

/** The shape of a case the root harness (bench/run.ts) times. */
export interface KernelBenchCase {
  readonly name: string;
  run(): void | Promise<void>;
  readonly work?: { readonly count: number; readonly unit: string };
}

/** Fixed pseudo-random values in ±scale (a linear congruential stream: the same in every run). */
function benchValues(n: number, scale: number): Float32Array {
  const a = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    a[i] = ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return a;
}

/** C[m,n] = A[m,k] · B[k,n], reported in GFLOP/s; `suffix` ends the name (e.g. the threads). */
export function sgemmBenchCase(
  sgemm: Sgemm,
  m: number,
  k: number,
  n: number,
  what: string,
  suffix = '',
): KernelBenchCase {
  let a: Float32Array | undefined;
  let b: Float32Array | undefined;
  const c = new Float32Array(m * n);
  const reps = Math.max(1, Math.round(2e8 / (2 * m * n * k)));
  return {
    name: `sgemm ${m}x${k}x${n} (MxKxN, ${what})${suffix}`,
    run: () => {
      a ??= benchValues(m * k, 1);
      b ??= benchValues(k * n, 1);
      for (let r = 0; r < reps; r++) sgemm(false, false, m, n, k, 1, a, b, 0, c);
    },
    work: { count: (2 * m * n * k * reps) / 1e9, unit: 'GFLOP' },
  };
}

/** One fused forward and backward pass over a whole batch of sequences (input already projected). */
export function sequenceBenchCase(
  kernel: SequenceKernel,
  cell: KernelCell,
  time: number,
  batch: number,
  units: number,
  suffix = '',
): KernelBenchCase {
  const gu = gatesOf(cell) * units;
  const shape = { cell, time, batch, units };
  const state = () => Array.from({ length: stateSizeOf(cell) }, () => benchValues(batch * units, 0.5));
  // Allocated by the first (warm-up) run, so that importing the cases stays cheap.
  const buffers = () => ({
    recurrentKernel: benchValues(units * gu, 1 / Math.sqrt(units)),
    initialState: state(),
    projected: benchValues(time * batch * gu, 1),
    outputs: new Float32Array(time * batch * units),
    finalState: state(),
    savedInputs: new Float32Array(time * batch * units),
    savedGates: new Float32Array(time * batch * savedGatesWidth(cell, units)),
    outputsGrad: benchValues(time * batch * units, 0.1),
    finalStateGrad: state(),
    projectedGrad: new Float32Array(time * batch * gu),
    recurrentKernelGrad: new Float32Array(units * gu),
    initialStateGrad: state(),
  });
  let b: ReturnType<typeof buffers> | undefined;
  return {
    name: `${cell}-${units} forward+backward, T=${time} B=${batch}${suffix}`,
    run: () => {
      b ??= buffers();
      kernel.forward({ ...shape, ...b });
      kernel.backward({ ...shape, ...b });
    },
    // Multiply-adds of the recurrent products: forward h·U, backward dZ·Uᵀ and Hᵀ·dZ.
    work: { count: (3 * 2 * time * batch * units * gu) / 1e9, unit: 'GFLOP' },
  };
}
