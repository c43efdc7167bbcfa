// Speed of the WebAssembly SIMD kernels, timed by the root harness (`npm run bench`): SGEMM at the
// shapes a character LSTM training step multiplies, and fused forward + backward passes. Where the
// module does not load there is nothing to time: the module exports no cases and says why.
import { isWasmAvailable, loadWasmKernels, type WasmCell, type WasmKernels } from '../src';

/** The shape of a case the root harness (bench/run.ts) times. */
interface BenchCase {
  readonly name: string;
  run(): void | Promise<void>;
  readonly work?: { readonly count: number; readonly unit: string };
}

const loaded = loadWasmKernels();

function random(n: number, scale: number): Float32Array {
  const a = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    a[i] = ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return a;
}

/** C[m,n] = A[m,k] · B[k,n], reported in GFLOP/s (the copies in and out of linear memory included). */
function sgemmCase(wasm: WasmKernels, m: number, k: number, n: number, what: string): BenchCase {
  let a: Float32Array | undefined;
  let b: Float32Array | undefined;
  const c = new Float32Array(m * n);
  const reps = Math.max(1, Math.round(2e8 / (2 * m * n * k)));
  return {
    name: `sgemm ${m}x${k}x${n} (MxKxN, ${what})`,
    run: () => {
      a ??= random(m * k, 1);
      b ??= random(k * n, 1);
      for (let r = 0; r < reps; r++) wasm.sgemm(false, false, m, n, k, 1, a, b, 0, c);
    },
    work: { count: (2 * m * n * k * reps) / 1e9, unit: 'GFLOP' },
  };
}

/** One fused forward and backward pass over a whole batch of sequences (input already projected). */
function sequenceCase(wasm: WasmKernels, cell: WasmCell, time: number, batch: number, units: number): BenchCase {
  const gates = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
  const gu = gates * units;
  const shape = { cell, time, batch, units };
  const state = () =>
    cell === 'lstm' ? [random(batch * units, 0.5), random(batch * units, 0.5)] : [random(batch * units, 0.5)];
  // Allocated by the first (warm-up) run, so that importing the cases stays cheap.
  const buffers = () => ({
    recurrentKernel: random(units * gu, 1 / Math.sqrt(units)),
    initialState: state(),
    projected: random(time * batch * gu, 1),
    outputs: new Float32Array(time * batch * units),
    finalState: state(),
    savedInputs: new Float32Array(time * batch * units),
    savedGates: new Float32Array(time * batch * (gu + (cell === 'lstm' ? units : 0))),
    outputsGrad: random(time * batch * units, 0.1),
    finalStateGrad: state(),
    projectedGrad: new Float32Array(time * batch * gu),
    recurrentKernelGrad: new Float32Array(units * gu),
    initialStateGrad: state(),
  });
  let b: ReturnType<typeof buffers> | undefined;
  return {
    name: `${cell}-${units} forward+backward, T=${time} B=${batch}`,
    run: () => {
      b ??= buffers();
      wasm.kernel.forward({ ...shape, ...b });
      wasm.kernel.backward({ ...shape, ...b });
    },
    // Multiply-adds of the recurrent products: forward h·U, backward dZ·Uᵀ and Hᵀ·dZ.
    work: { count: (3 * 2 * time * batch * units * gu) / 1e9, unit: 'GFLOP' },
  };
}

const cases: BenchCase[] = [];
if (isWasmAvailable(loaded)) {
  cases.push(
    sgemmCase(loaded, 3200, 64, 512, 'input projection of an LSTM-128 batch'),
    sgemmCase(loaded, 32, 128, 512, 'one LSTM-128 step'),
    sgemmCase(loaded, 512, 512, 512, 'square'),
    sequenceCase(loaded, 'lstm', 100, 32, 128),
    sequenceCase(loaded, 'gru', 100, 32, 128),
  );
} else {
  console.log(`wasm: no cases, ${loaded.unavailable}`);
}

export default cases;
