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

/** The recurrences the kernel knows (the same names as `@rnn/models`' `KernelCell`). */
export type NativeCell = 'elman-tanh' | 'elman-relu' | 'elman-linear' | 'lstm' | 'gru';

const cellCodes: Readonly<Record<NativeCell, number>> = {
  'elman-tanh': 0,
  'elman-relu': 1,
  'elman-linear': 2,
  lstm: 3,
  gru: 4,
};

/**
 * The forward buffers, structurally the same as `@rnn/models`' `ForwardBuffers` (declared here so that
 * this package does not depend on the models package). All arrays are dense float32 and time-major.
 */
export interface NativeForwardBuffers {
  readonly cell: NativeCell;
  readonly time: number;
  readonly batch: number;
  readonly units: number;
  readonly projected: Float32Array;
  readonly recurrentKernel: Float32Array;
  readonly initialState: readonly Float32Array[];
  readonly lengths?: Int32Array;
  readonly outputs: Float32Array;
  readonly finalState: readonly Float32Array[];
  readonly savedInputs: Float32Array;
  readonly savedGates: Float32Array;
}

/** The backward buffers, structurally the same as `@rnn/models`' `BackwardBuffers`. */
export interface NativeBackwardBuffers {
  readonly cell: NativeCell;
  readonly time: number;
  readonly batch: number;
  readonly units: number;
  readonly recurrentKernel: Float32Array;
  readonly initialState: readonly Float32Array[];
  readonly lengths?: Int32Array;
  readonly savedInputs: Float32Array;
  readonly savedGates: Float32Array;
  readonly outputsGrad: Float32Array;
  readonly finalStateGrad: readonly Float32Array[];
  readonly projectedGrad: Float32Array;
  readonly recurrentKernelGrad: Float32Array;
  readonly initialStateGrad: readonly Float32Array[];
}

/** A fused sequence kernel, structurally a `SequenceKernel` of `@rnn/models`. */
export interface NativeSequenceKernel {
  readonly name: 'native';
  forward(buffers: NativeForwardBuffers): void;
  backward(buffers: NativeBackwardBuffers): void;
}

/**
 * Row-major SGEMM: `c = alpha · op(a) · op(b) + beta · c` with op(a) of shape [m, k] (`a` stored [k, m]
 * when `transA`) and op(b) of shape [k, n] (`b` stored [n, k] when `transB`), dense operands. With
 * `batch`, runs that many products, the i-th reading `a` at `i · strideA`, `b` at `i · strideB` and
 * writing `c` at `i · strideC` (a stride of 0 reuses one operand for every product). `beta = 0` never
 * reads `c`. Throws a RangeError when an array is too short for the shapes given.
 */
export type Sgemm = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  b: Float32Array,
  beta: number,
  c: Float32Array,
  batch?: number,
  strideA?: number,
  strideB?: number,
  strideC?: number,
) => void;

/**
 * Softmax cross-entropy over the rows of `logits` `[rows, classes]`: for each row with a nonzero `mask`
 * and a target in [0, classes), writes the row's softmax to `probs` and adds mask · −log p(target)
 * to the returned sum; other rows of `probs` are zeroed and add nothing. Throws a RangeError when an
 * array is too short.
 */
export type SoftmaxCrossEntropy = (
  rows: number,
  classes: number,
  logits: Float32Array,
  targets: Int32Array,
  mask: Float32Array,
  probs: Float32Array,
) => number;

/**
 * Adam's update of one weight array of `n` elements in one pass: the moments `firstMoment` and
 * `secondMoment` are updated in place, the new weights written to `out` (which may be `weights`):
 * `out = weights − learningRate · (m / correction1) / (√(v / correction2) + epsilon)`.
 */
export type AdamUpdate = (
  n: number,
  weights: Float32Array,
  gradient: Float32Array,
  firstMoment: Float32Array,
  secondMoment: Float32Array,
  out: Float32Array,
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  correction1: number,
  correction2: number,
) => void;

/** What was compiled in, for `rnn info` and bench tables. */
export interface NativeInfo {
  /** Vector instruction set of the matrix kernel: `avx2+fma`, `generic-vector` or `scalar`. */
  readonly simd: string;
  /** Threads a large call uses (default min(2, CPUs); `RNN_NATIVE_THREADS` or {@link NativeKernels.setThreads}). */
  readonly threads: number;
  /** Register tile of the matrix microkernel, rows x columns. */
  readonly mr: number;
  readonly nr: number;
  readonly compiler: string;
  /** The loaded addon file. */
  readonly path: string;
}

/** The loaded addon. */
export interface NativeKernels {
  readonly kernel: NativeSequenceKernel;
  readonly sgemm: Sgemm;
  readonly softmaxCrossEntropy: SoftmaxCrossEntropy;
  readonly adamUpdate: AdamUpdate;
  readonly info: NativeInfo;
  /** Threads for later calls, 1..16 (1: everything on the calling thread). */
  setThreads(threads: number): void;
}

/** Why the addon could not be loaded, in one sentence. */
export interface NativeUnavailable {
  readonly unavailable: string;
}

interface Binding {
  sgemm: Sgemm;
  softmaxCrossEntropy: SoftmaxCrossEntropy;
  adamUpdate: AdamUpdate;
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
  const cellCode = (cell: NativeCell): number => {
    const code = cellCodes[cell];
    if (code === undefined) throw new RangeError(`@rnn/native: unknown cell ${JSON.stringify(cell)}`);
    return code;
  };
  const kernel: NativeSequenceKernel = {
    name: 'native',
    forward(b) {
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
      );
    },
    backward(b) {
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
      );
    },
  };
  return {
    kernel,
    sgemm: binding.sgemm,
    softmaxCrossEntropy: binding.softmaxCrossEntropy,
    adamUpdate: binding.adamUpdate,
    info: { ...binding.info(), path: file },
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
  return 'kernel' in result;
}
