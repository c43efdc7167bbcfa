import * as tf from '@tensorflow/tfjs';
import { hostBackends } from './host-kernel';
import { jsSequenceKernel } from './js-sequence-kernel';
import type { SequenceKernel } from './sequence-kernel';

/**
 * Which implementation runs a cell's whole-sequence pass:
 * - `reference`: the plain tfjs loop of small ops per step (the specification; any backend);
 * - `js`: the fused TypeScript kernel;
 * - `native`: the fused C kernel of the optional `@rnn/native` addon, once registered;
 * - `wasm`: the fused WebAssembly SIMD kernel of `@rnn/wasm`, once registered (Node and browsers);
 * - `auto`: the fastest fused kernel available on a backend whose tensors live in CPU memory (native,
 *   then wasm, then js), else `reference`.
 */
export type SequenceKernelChoice = 'auto' | 'reference' | 'js' | 'native' | 'wasm';

/** Every choice, for argument checks and help texts. */
export const sequenceKernelChoices: readonly SequenceKernelChoice[] = ['auto', 'reference', 'js', 'native', 'wasm'];

/** The kernel in use and why it was picked, for `rnn info` and bench tables. */
export interface ActiveSequenceKernel {
  readonly name: 'reference' | 'js' | 'native' | 'wasm';
  readonly reason: string;
}

let choice: SequenceKernelChoice = 'auto';
let nativeKernel: SequenceKernel | undefined;
let wasmKernel: SequenceKernel | undefined;

/**
 * Makes the native addon's kernel available to `auto` and `native`. Called by `@rnn/models/node`'s
 * `loadNativeKernels`; the browser never has one.
 */
export function registerNativeSequenceKernel(kernel: SequenceKernel | undefined): void {
  nativeKernel = kernel;
  // Without the addon an explicit `native` would name a kernel that no longer runs.
  if (kernel === undefined && choice === 'native') choice = 'auto';
}

/**
 * Makes the WebAssembly SIMD kernel available to `auto` and `wasm`. Called by `loadWasmKernels` and
 * `loadWasmKernelsAsync`; `undefined` withdraws it.
 */
export function registerWasmSequenceKernel(kernel: SequenceKernel | undefined): void {
  wasmKernel = kernel;
  if (kernel === undefined && choice === 'wasm') choice = 'auto';
}

/** Chooses the sequence kernel for every cell from now on (default `auto`). */
export function useSequenceKernel(next: SequenceKernelChoice): void {
  if (!sequenceKernelChoices.includes(next)) {
    throw new RangeError(
      `sequence kernel must be one of ${sequenceKernelChoices.join(', ')}, got ${JSON.stringify(next)}`,
    );
  }
  if (next === 'native' && nativeKernel === undefined) {
    throw new RangeError(
      "sequence kernel 'native' is not loaded: build @rnn/native (npm run build:native) and call loadNativeKernels()",
    );
  }
  if (next === 'wasm' && wasmKernel === undefined) {
    throw new RangeError(
      "sequence kernel 'wasm' is not loaded: call loadWasmKernels() (loadWasmKernelsAsync() on a browser's main thread)",
    );
  }
  choice = next;
}

/** The kernel the cells use on the current backend, and why. */
export function activeSequenceKernel(): ActiveSequenceKernel {
  const backend = tf.getBackend();
  if (choice === 'reference') return { name: 'reference', reason: 'chosen explicitly' };
  if (choice === 'js') return { name: 'js', reason: 'chosen explicitly' };
  if (choice === 'native') return { name: 'native', reason: 'chosen explicitly' };
  if (choice === 'wasm') return { name: 'wasm', reason: 'chosen explicitly' };
  if (!hostBackends.includes(backend)) {
    return {
      name: 'reference',
      reason: `the ${backend} backend keeps tensors outside JavaScript memory, so fused kernels would copy every call`,
    };
  }
  if (nativeKernel !== undefined) return { name: 'native', reason: `fastest available on ${backend}` };
  if (wasmKernel !== undefined) {
    return { name: 'wasm', reason: `the native addon is not loaded; WebAssembly SIMD kernel on ${backend}` };
  }
  return {
    name: 'js',
    reason: `neither the native addon nor the WebAssembly kernels are loaded; portable TypeScript kernel on ${backend}`,
  };
}

/** The fused kernel to run, or undefined for the tfjs reference. */
export function sequenceKernelInUse(): SequenceKernel | undefined {
  const { name } = activeSequenceKernel();
  if (name === 'native') return nativeKernel;
  if (name === 'wasm') return wasmKernel;
  return name === 'js' ? jsSequenceKernel : undefined;
}
