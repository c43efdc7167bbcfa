/**
 * Portable WebAssembly SIMD kernels: fused whole-sequence recurrent passes (Elman, LSTM, GRU), a
 * blocked SGEMM, and a training step's elementwise kernels (softmax and binary cross-entropy, Adam,
 * the per-token sum of an embedding's gradient), written in AssemblyScript (`assembly/`) with 128-bit SIMD (f32x4) and compiled at
 * install time, twice: a baseline module and a relaxed-SIMD one whose multiply-adds are fused (one
 * FMA instruction instead of a multiply and an add). Both ship as base64 inside this package's
 * sources, so that Node (with no C compiler) and browsers load them with no file path; the loader
 * takes the relaxed one where the engine has relaxed SIMD (`RNN_WASM_SIMD` in Node forces one).
 * {@link loadWasmKernels} never throws: where the engine lacks WebAssembly SIMD or the module was not
 * built, it says why.
 *
 * @packageDocumentation
 */
import { chooseModule } from './choose-module';
import { createWasmAdamUpdate } from './wasm-adam-update';
import { createWasmBinaryCrossEntropy } from './wasm-binary-cross-entropy';
import { createWasmKernel } from './wasm-kernel';
import { compiler, exportsOf, moduleBytes } from './wasm-module';
import { createWasmSgemm } from './wasm-sgemm';
import { createWasmSoftmaxCrossEntropy } from './wasm-softmax-cross-entropy';
import { createWasmSumRowsByIndex } from './wasm-sum-rows-by-index';
import { kernelCells } from '@rnn/kernel-abi';
import type { WasmInfo, WasmKernels, WasmSimd, WasmUnavailable } from './types';

export type { WasmInfo, WasmKernels, WasmSimd, WasmUnavailable } from './types';

let loaded: WasmKernels | WasmUnavailable | undefined;

function wrap(instance: WebAssembly.Instance, simd: WasmSimd, bytes: number): WasmKernels {
  const exports = exportsOf(instance);
  const info: WasmInfo = {
    simd,
    threads: 1,
    mr: exports.tileRows(),
    nr: exports.tileColumns(),
    compiler,
    bytes,
  };
  return {
    name: 'wasm',
    description: `WebAssembly SIMD (${info.simd}${simd === 'wasm-relaxed-simd' ? ', fused multiply-add' : ''}, ${info.mr}x${info.nr} tiles, ${info.compiler})`,
    sequence: { kernel: createWasmKernel(exports), cells: kernelCells },
    sgemm: createWasmSgemm(exports),
    softmaxCrossEntropy: createWasmSoftmaxCrossEntropy(exports),
    binaryCrossEntropy: createWasmBinaryCrossEntropy(exports),
    adamUpdate: createWasmAdamUpdate(exports),
    sumRowsByIndex: createWasmSumRowsByIndex(exports),
    info,
  };
}

/**
 * Compiles and instantiates the module synchronously, once; later calls (of this or
 * {@link loadWasmKernelsAsync}) return the same result. Never throws: returns `{ unavailable: reason }`
 * when the engine lacks WebAssembly SIMD, the module was not built, or it does not compile. Fine in
 * Node and in workers; a browser's main thread refuses to compile modules above 4 KB synchronously, so
 * use {@link loadWasmKernelsAsync} there (a refusal is not remembered, so the async load still works).
 * The relaxed-SIMD module is taken where the engine has relaxed SIMD, the baseline one elsewhere
 * (`info.simd` says which); in Node, `RNN_WASM_SIMD=relaxed` or `baseline` forces one (`relaxed`
 * where the engine lacks it is unavailable, with the reason), and `RNN_WASM_DISABLE=1` pretends
 * the module is missing.
 */
export function loadWasmKernels(): WasmKernels | WasmUnavailable {
  if (loaded) return loaded;
  const choice = chooseModule();
  if ('unavailable' in choice) return (loaded = choice);
  let module: WebAssembly.Module;
  const bytes = moduleBytes(choice.simd);
  try {
    module = new WebAssembly.Module(bytes);
  } catch (error) {
    // Not remembered: a main thread's refusal of a synchronous compile is no verdict on the module.
    return { unavailable: `the module does not compile synchronously here: ${(error as Error).message}` };
  }
  try {
    return (loaded = wrap(new WebAssembly.Instance(module, {}), choice.simd, bytes.length));
  } catch (error) {
    return (loaded = { unavailable: `the module does not instantiate: ${(error as Error).message}` });
  }
}

/**
 * {@link loadWasmKernels} with an asynchronous compile, as browsers' main threads require. Resolves
 * (never rejects) to the kernels or the reason they are unavailable; shares the result with
 * {@link loadWasmKernels}.
 */
export async function loadWasmKernelsAsync(): Promise<WasmKernels | WasmUnavailable> {
  if (loaded) return loaded;
  const choice = chooseModule();
  if ('unavailable' in choice) return (loaded = choice);
  const bytes = moduleBytes(choice.simd);
  try {
    const { instance } = await WebAssembly.instantiate(bytes, {});
    loaded ??= wrap(instance, choice.simd, bytes.length);
  } catch (error) {
    loaded ??= { unavailable: `the module does not compile: ${(error as Error).message}` };
  }
  return loaded;
}

/** Whether a load result is the kernels (and not the reason they are missing). */
export function isWasmAvailable(result: WasmKernels | WasmUnavailable): result is WasmKernels {
  return 'sequence' in result;
}
