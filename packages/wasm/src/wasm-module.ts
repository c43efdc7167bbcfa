// The compiled modules and their instance: the bytes from the generated base64 module (a baseline
// and a relaxed-SIMD build of the same sources), the engine checks, and a typed view of the exports
// with the helpers that copy arrays in and out of linear memory.
import {
  kernelsWasmBase64,
  kernelsWasmBuildError,
  kernelsWasmCompiler,
  kernelsWasmRelaxedBase64,
  kernelsWasmRelaxedBuildError,
} from './generated/kernels.wasm';
import type { WasmSimd } from './types';

/** The module's exports (see assembly/index.ts); booleans are passed as 0/1, pointers are byte addresses. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  reset(): void;
  alloc(bytes: number): number;
  tileRows(): number;
  tileColumns(): number;
  sgemm(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    beta: number,
    c: number,
    ldc: number,
  ): void;
  /** Returns the loss summed over counted rows (float64). */
  softmaxCrossEntropy(
    rows: number,
    classes: number,
    logits: number,
    targets: number,
    mask: number,
    probs: number,
  ): number;
  /** Returns the loss summed over counted elements (float64). */
  binaryCrossEntropy(n: number, logits: number, targets: number, mask: number, grad: number): number;
  /** Writes the new weights over `weights`. */
  adamUpdate(
    n: number,
    weights: number,
    gradient: number,
    firstMoment: number,
    secondMoment: number,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    correction1: number,
    correction2: number,
  ): void;
  sumRowsByIndex(ids: number, values: number, rows: number, width: number, out: number): void;
  forward(
    cell: number,
    time: number,
    batch: number,
    units: number,
    projected: number,
    kernel: number,
    h0: number,
    c0: number,
    lengths: number,
    outputs: number,
    hT: number,
    cT: number,
    savedInputs: number,
    savedGates: number,
    recurrentBias: number,
  ): void;
  backward(
    cell: number,
    time: number,
    batch: number,
    units: number,
    kernel: number,
    c0: number,
    lengths: number,
    savedInputs: number,
    savedGates: number,
    outputsGrad: number,
    dhT: number,
    dcT: number,
    projectedGrad: number,
    kernelGrad: number,
    dh0: number,
    dc0: number,
    recurrentBiasGrad: number,
  ): void;
}

/** The smallest module using SIMD: one function returning `v128.const 0`. */
const simdProbe = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x0b,
]);

/**
 * The smallest module using relaxed SIMD: one function returning `f32x4.relaxed_madd` of its three
 * v128 parameters. Exported for the tests, which ask a Node started without flags whether it has
 * relaxed SIMD.
 */
export const relaxedSimdProbe = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b,
]);

/** Why this engine cannot run the kernels, or undefined when it can. */
export function engineProblem(): string | undefined {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') {
    return 'this JavaScript engine has no WebAssembly';
  }
  try {
    if (WebAssembly.validate(simdProbe)) return undefined;
  } catch {
    // an engine that cannot even parse the probe
  }
  return 'this JavaScript engine lacks WebAssembly SIMD (Node 16.4+, Chrome 91+, Firefox 89+ and Safari 16.4+ have it)';
}

/**
 * Why this engine cannot run the relaxed-SIMD module (which needs 128-bit SIMD as well, see
 * {@link engineProblem}), or undefined when it can: checked with `WebAssembly.validate` of a tiny
 * module using `f32x4.relaxed_madd`.
 */
export function relaxedSimdProblem(): string | undefined {
  try {
    if (WebAssembly.validate(relaxedSimdProbe)) return undefined;
  } catch {
    // an engine that cannot even parse the probe
  }
  return 'this JavaScript engine lacks WebAssembly relaxed SIMD (f32x4.relaxed_madd; current Chromium has it, Node 20 needs --experimental-wasm-relaxed-simd)';
}

/** Why the module of that instruction set was not built, or undefined when it was. */
export function buildProblem(simd: WasmSimd): string | undefined {
  const [base64, error, what] =
    simd === 'wasm-relaxed-simd'
      ? [kernelsWasmRelaxedBase64, kernelsWasmRelaxedBuildError, 'relaxed-SIMD module']
      : [kernelsWasmBase64, kernelsWasmBuildError, 'WebAssembly module'];
  if (base64 !== '') return undefined;
  return `the ${what} was not built: ${error || 'no reason recorded'} (build it with: npm run build:wasm)`;
}

/** The bytes of the module of that instruction set, decoded from the generated base64 module. */
export function moduleBytes(simd: WasmSimd): Uint8Array<ArrayBuffer> {
  const text = atob(simd === 'wasm-relaxed-simd' ? kernelsWasmRelaxedBase64 : kernelsWasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The compiler that produced the modules, e.g. `AssemblyScript 0.28.20`. */
export const compiler = kernelsWasmCompiler;

/** The instance's exports, checked to be what the glue expects. */
export function exportsOf(instance: WebAssembly.Instance): KernelExports {
  const exports = instance.exports as unknown as KernelExports;
  const names = [
    'reset',
    'alloc',
    'sgemm',
    'forward',
    'backward',
    'softmaxCrossEntropy',
    'binaryCrossEntropy',
    'adamUpdate',
    'sumRowsByIndex',
    'tileRows',
    'tileColumns',
  ] as const;
  for (const name of names) {
    if (typeof exports[name] !== 'function') throw new Error(`the module has no function ${name}`);
  }
  if (!(exports.memory instanceof WebAssembly.Memory)) throw new Error('the module exports no memory');
  return exports;
}

/**
 * One call's arrays in linear memory: blocks are handed out from the module's arena (rewound by
 * {@link LinearMemory.begin}), and copied in and out with typed-array `set` (no element loops in
 * JavaScript). Views are made afresh for every copy, since growing the memory detaches old ones.
 */
export class LinearMemory {
  constructor(private readonly exports: KernelExports) {}

  /** Starts a call: every block of the previous one is forgotten. */
  begin(): void {
    this.exports.reset();
  }

  /** A block for `count` 4-byte values; its address. */
  block(count: number): number {
    return this.exports.alloc(count * 4) >>> 0;
  }

  /** A block holding the first `count` values of `source`. */
  copyIn(source: Float32Array | Int32Array, count: number): number {
    const at = this.block(count);
    this.write(at, source, count);
    return at;
  }

  /** Copies the first `count` values of `source` to the block at `at`. */
  write(at: number, source: Float32Array | Int32Array, count: number): void {
    if (count === 0) return;
    const view =
      source instanceof Int32Array
        ? new Int32Array(this.exports.memory.buffer, at, count)
        : new Float32Array(this.exports.memory.buffer, at, count);
    view.set(source.length === count ? source : source.subarray(0, count));
  }

  /** Copies `count` floats from the block at `at` to the start of `target`. */
  copyOut(at: number, target: Float32Array, count: number): void {
    if (count === 0) return;
    target.set(new Float32Array(this.exports.memory.buffer, at, count));
  }
}
