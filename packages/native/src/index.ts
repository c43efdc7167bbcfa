/**
 * The optional native addon: fused whole-sequence recurrent kernels (Elman, LSTM, GRU) and a fast
 * SGEMM, in C over N-API, built from source at install time for the machine it runs on.
 * {@link loadNativeKernels} never throws: when the addon is not built it says why.
 *
 * @packageDocumentation
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  kernelCellCode,
  kernelCells,
  type AdamUpdate,
  type BackwardBuffers,
  type BinaryCrossEntropy,
  type ForwardBuffers,
  type KernelCell,
  type KernelProvider,
  type KernelsUnavailable,
  type SequenceKernel,
  type Sgemm,
  type SoftmaxCrossEntropy,
  type SumRowsByIndex,
  type SwapLeadingAxes,
} from '@rnn/kernel-abi';

/** What was compiled in, for `rnn info` and bench tables. */
export interface NativeInfo {
  /**
   * Vector instruction set of the matrix kernel that runs: `avx512f`, `avx2+fma`, `generic-vector` or
   * `scalar`. Chosen once, when the addon loads: AVX-512F where the CPU has it, else what the build's
   * `-march` allowed; `RNN_NATIVE_SIMD=avx2` or `avx512` forces one (a request that cannot be met fails
   * the load, with the reason).
   */
  readonly simd: string;
  /** The matrix kernels this build can run on this CPU, the default first: what `RNN_NATIVE_SIMD` can pick. */
  readonly simdPaths: readonly string[];
  /** Threads a large call uses (default min(2, CPUs); `RNN_NATIVE_THREADS` or {@link NativeKernels.setThreads}). */
  readonly threads: number;
  /** Register tile of the matrix microkernel, rows x columns. */
  readonly mr: number;
  readonly nr: number;
  readonly compiler: string;
  /** The loaded addon file. */
  readonly path: string;
}

/** The loaded addon: a {@link KernelProvider} of every kernel kind, with what was compiled in. */
export interface NativeKernels extends KernelProvider {
  readonly name: 'native';
  readonly sequence: { readonly kernel: SequenceKernel; readonly cells: readonly KernelCell[] };
  readonly sgemm: Sgemm;
  readonly softmaxCrossEntropy: SoftmaxCrossEntropy;
  readonly binaryCrossEntropy: BinaryCrossEntropy;
  readonly adamUpdate: AdamUpdate;
  readonly swapLeadingAxes: SwapLeadingAxes;
  readonly sumRowsByIndex: SumRowsByIndex;
  readonly info: NativeInfo;
  /** Threads for later calls, 1..16 (1: everything on the calling thread). */
  setThreads(threads: number): void;
}

/** Why the addon could not be loaded, in one sentence. */
export type NativeUnavailable = KernelsUnavailable;

interface Binding {
  sgemm: Sgemm;
  softmaxCrossEntropy: SoftmaxCrossEntropy;
  binaryCrossEntropy: BinaryCrossEntropy;
  adamUpdate: AdamUpdate;
  swapLeadingAxes: SwapLeadingAxes;
  sumRowsByIndex: SumRowsByIndex;
  forward(...args: unknown[]): void;
  backward(...args: unknown[]): void;
  info(): Omit<NativeInfo, 'path'>;
  setThreads(threads: number): void;
}

/** The addon file node-gyp writes, relative to the package root. */
export const addonRelativePath = path.join('build', 'Release', 'rnn_native.node');

/** The package root: found from this file's directory (src/ or dist/), else through module resolution. */
function packageRoot(): string {
  // __dirname exists in CommonJS (jest, tsx, the compiled dist); `typeof` keeps an ESM loader safe.
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let i = 0; i < 4; i++) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@rnn/native') return dir;
    dir = path.dirname(dir);
  }
  const resolve = createRequire(path.join(process.cwd(), 'index.js')).resolve;
  return path.dirname(resolve('@rnn/native/package.json'));
}

function wrap(binding: Binding, file: string): NativeKernels {
  const cellCode = (cell: KernelCell): number => {
    if (!kernelCells.includes(cell)) throw new RangeError(`@rnn/native: unknown cell ${JSON.stringify(cell)}`);
    return kernelCellCode(cell);
  };
  const kernel: SequenceKernel = {
    name: 'native',
    forward(b: ForwardBuffers) {
      binding.forward(
        cellCode(b.cell),
        b.time,
        b.batch,
        b.units,
        b.projected,
        b.recurrentKernel,
        b.initialState[0],
        b.initialState[1] ?? null,
        b.lengths ?? null,
        b.outputs,
        b.finalState[0],
        b.finalState[1] ?? null,
        b.savedInputs,
        b.savedGates,
        b.recurrentBias ?? null,
      );
    },
    backward(b: BackwardBuffers) {
      binding.backward(
        cellCode(b.cell),
        b.time,
        b.batch,
        b.units,
        b.recurrentKernel,
        b.initialState[0],
        b.initialState[1] ?? null,
        b.lengths ?? null,
        b.savedInputs,
        b.savedGates,
        b.outputsGrad,
        b.finalStateGrad[0],
        b.finalStateGrad[1] ?? null,
        b.projectedGrad,
        b.recurrentKernelGrad,
        b.initialStateGrad[0],
        b.initialStateGrad[1] ?? null,
        b.recurrentBiasGrad ?? null,
      );
    },
  };
  const info: NativeInfo = { ...binding.info(), path: file };
  return {
    name: 'native',
    // A getter: setThreads changes what it says.
    get description() {
      const { simd, threads } = binding.info();
      return `native addon (${simd}, ${threads} thread${threads === 1 ? '' : 's'})`;
    },
    sequence: { kernel, cells: kernelCells },
    sgemm: binding.sgemm,
    softmaxCrossEntropy: binding.softmaxCrossEntropy,
    binaryCrossEntropy: binding.binaryCrossEntropy,
    adamUpdate: binding.adamUpdate,
    swapLeadingAxes: binding.swapLeadingAxes,
    sumRowsByIndex: binding.sumRowsByIndex,
    info,
    setThreads: (threads) => binding.setThreads(threads),
  };
}

let loaded: NativeKernels | NativeUnavailable | undefined;

/**
 * Loads the addon built by `npm ci` (or `npm run build:native`) from `build/Release/`, once; later calls
 * return the same result. Never throws: returns `{ unavailable: reason }` when the addon is not built or
 * does not load. `RNN_NATIVE_ADDON` may point at another build of the .node file; `RNN_NATIVE_DISABLE=1`
 * pretends it is missing.
 */
export function loadNativeKernels(): NativeKernels | NativeUnavailable {
  loaded ??= load();
  return loaded;
}

function load(): NativeKernels | NativeUnavailable {
  if (process.env.RNN_NATIVE_DISABLE === '1') return { unavailable: 'disabled by RNN_NATIVE_DISABLE=1' };
  let file: string;
  try {
    file = process.env.RNN_NATIVE_ADDON || path.join(packageRoot(), addonRelativePath);
  } catch (error) {
    return { unavailable: `cannot locate the @rnn/native package: ${(error as Error).message}` };
  }
  if (!existsSync(file)) {
    return {
      unavailable: `the addon is not built (no ${file}): run \`npm run build:native\` in the repository, or \`npm rebuild @rnn/native\` where it is a dependency (needs a C compiler, make and python3)`,
    };
  }
  try {
    const binding = createRequire(file)(file) as Binding;
    return wrap(binding, file);
  } catch (error) {
    return { unavailable: `the addon at ${file} does not load: ${(error as Error).message}` };
  }
}

/** Whether a load result is the addon (and not the reason it is missing). */
export function isNativeAvailable(result: NativeKernels | NativeUnavailable): result is NativeKernels {
  return 'sequence' in result;
}
