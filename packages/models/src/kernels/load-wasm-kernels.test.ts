import * as tf from '@tensorflow/tfjs';
import { loadNativeKernels as loadAddon } from '@rnn/native';
import { loadWasmKernels as loadModule } from '@rnn/wasm';
import { createRng } from '@rnn/datasets';
import { hostMatMul } from './host-gemm';
import { jsSequenceKernel } from './js-sequence-kernel';
import { loadNativeKernels, unloadNativeKernels } from './load-native-kernels';
import { loadWasmKernels, loadWasmKernelsAsync, unloadWasmKernels } from './load-wasm-kernels';
import {
  gatesOf,
  hasRecurrentBias,
  kernelCells,
  savedGatesWidth,
  stateSizeOf,
  type KernelCell,
  type SequenceKernel,
} from '@rnn/kernel-abi';
import { activeSequenceKernel, sequenceKernelFor, useSequenceKernel } from './kernel-registry';

// Spies on both SGEMMs, installed before the models package captures them, show which one the host
// kernels' matrix products run on.
const wasmModule = loadModule();
const addon = loadAddon();
const wasmSgemm = 'sgemm' in wasmModule ? jest.spyOn(wasmModule, 'sgemm') : undefined;
const nativeSgemm = 'sgemm' in addon ? jest.spyOn(addon, 'sgemm') : undefined;
/** Node 20 always has WebAssembly SIMD and npm ci builds the module: only an explicit opt-out skips. */
const optedOut = process.env.RNN_WASM_DISABLE === '1' || process.env.RNN_WASM_SKIP === '1';
const withModule = 'sequence' in wasmModule || !optedOut ? describe : describe.skip;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  useSequenceKernel('auto');
  unloadWasmKernels();
  unloadNativeKernels();
});

withModule('loadWasmKernels', () => {
  it('loads on Node 20 and says what runs', async () => {
    const status = loadWasmKernels();
    expect(status).toEqual({
      loaded: true,
      reason: expect.stringContaining('WebAssembly SIMD'),
      info: expect.anything(),
    });
    expect(loadWasmKernels()).toBe(status);
    expect(await loadWasmKernelsAsync()).toBe(status);
    expect(activeSequenceKernel()).toEqual({
      name: 'wasm',
      reason: 'the native addon is not loaded; WebAssembly SIMD kernel on cpu',
    });
    expect(sequenceKernelFor('lstm')?.name).toBe('wasm');
  });

  it('loads asynchronously too', async () => {
    const status = await loadWasmKernelsAsync();
    expect(status.loaded).toBe(true);
    expect(activeSequenceKernel().name).toBe('wasm');
  });

  it("is chosen explicitly with 'wasm', and falls back to auto when unloaded", () => {
    expect(() => useSequenceKernel('wasm')).toThrow("sequence kernel 'wasm' is not loaded: call loadWasmKernels()");
    loadWasmKernels();
    useSequenceKernel('wasm');
    expect(activeSequenceKernel()).toEqual({ name: 'wasm', reason: 'chosen explicitly' });
    unloadWasmKernels();
    expect(activeSequenceKernel().name).toBe('js');
  });

  /** Which SGEMM `product` ran on: 'wasm', 'native' or 'portable' (tfjs's or the TypeScript loops). */
  function sgemmUsedBy(product: () => ArrayLike<number>): string {
    wasmSgemm?.mockClear();
    nativeSgemm?.mockClear();
    expect(Array.from(product())).toEqual([11]);
    if (wasmSgemm?.mock.calls.length) return 'wasm';
    if (nativeSgemm?.mock.calls.length) return 'native';
    return 'portable';
  }

  /** Which SGEMM the matrix products run on now: the host kernels' and tfjs's own BatchMatMul agree. */
  function hostSgemm(): string {
    const host = sgemmUsedBy(() => hostMatMul(Float32Array.of(1, 2), Float32Array.of(3, 4), 1, 2, 1));
    const tfjs = sgemmUsedBy(() => tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()));
    expect(tfjs).toBe(host);
    return host;
  }

  it('keeps native first whatever the order of loads and unloads', () => {
    const native = loadNativeKernels().loaded;
    unloadNativeKernels();
    const withNative = native ? 'native' : 'wasm';
    expect(hostSgemm()).toBe('portable');
    loadWasmKernels();
    expect([activeSequenceKernel().name, hostSgemm()]).toEqual(['wasm', 'wasm']);
    loadNativeKernels();
    expect([activeSequenceKernel().name, hostSgemm()]).toEqual([withNative, withNative]);
    unloadNativeKernels();
    expect([activeSequenceKernel().name, hostSgemm()]).toEqual(['wasm', 'wasm']);
    loadNativeKernels();
    unloadWasmKernels();
    expect([activeSequenceKernel().name, hostSgemm()]).toEqual(native ? ['native', 'native'] : ['js', 'portable']);
    loadWasmKernels();
    expect([activeSequenceKernel().name, hostSgemm()]).toEqual([withNative, withNative]);
    unloadWasmKernels();
    unloadNativeKernels();
    expect([activeSequenceKernel().name, hostSgemm()]).toEqual(['js', 'portable']);
  });
});

/** Both sides equal: NaN where the other has NaN (a buffer left untouched), else within 1e-4 relative. */
function expectSame(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const same = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= 1e-4 * Math.abs(e) + 1e-6;
    if (!same) throw new Error(`${what}[${i}] = ${a}, the js kernel has ${e}`);
  }
}

interface Buffers {
  outputs: Float32Array;
  finalState: Float32Array[];
  savedInputs: Float32Array;
  savedGates: Float32Array;
  projectedGrad: Float32Array;
  recurrentKernelGrad: Float32Array;
  /** Empty for a cell without a recurrent bias. */
  recurrentBiasGrad: Float32Array;
  initialStateGrad: Float32Array[];
}

/** Forward and backward of one kernel into buffers pre-filled with NaN, so that nothing unwritten hides. */
function runKernel(
  kernel: SequenceKernel,
  cell: KernelCell,
  time: number,
  batch: number,
  units: number,
  lengths: Int32Array | undefined,
): Buffers {
  const rng = createRng(time * 1000 + batch * 100 + units);
  const draw = (n: number, scale = 1) => Float32Array.from({ length: n }, () => scale * rng.normal());
  const nan = (n: number) => new Float32Array(n).fill(NaN);
  const width = gatesOf(cell) * units;
  const states = stateSizeOf(cell);
  const projected = draw(time * batch * width);
  const recurrentKernel = draw(units * width, 1 / Math.sqrt(units));
  const withBias = hasRecurrentBias(cell);
  const recurrentBias = withBias ? draw(width, 0.5) : undefined;
  const initialState = Array.from({ length: states }, () => draw(batch * units, 0.5));
  const outputsGrad = draw(time * batch * units);
  const finalStateGrad = Array.from({ length: states }, () => draw(batch * units));
  const b: Buffers = {
    outputs: nan(time * batch * units),
    finalState: Array.from({ length: states }, () => nan(batch * units)),
    savedInputs: nan(time * batch * units),
    savedGates: nan(time * batch * savedGatesWidth(cell, units)),
    projectedGrad: nan(time * batch * width),
    recurrentKernelGrad: nan(units * width),
    recurrentBiasGrad: nan(withBias ? width : 0),
    initialStateGrad: Array.from({ length: states }, () => nan(batch * units)),
  };
  const shape = { cell, time, batch, units, recurrentKernel, recurrentBias, initialState, lengths };
  const { recurrentBiasGrad, ...rest } = b;
  kernel.forward({ ...shape, projected, ...rest });
  kernel.backward({ ...shape, ...rest, ...(withBias ? { recurrentBiasGrad } : {}), outputsGrad, finalStateGrad });
  return b;
}

withModule.each(kernelCells)('the wasm kernel fills the same buffers as the js kernel: %s', (cell) => {
  const wasm = loadModule();
  const shapes: [number, number, number, number[] | undefined][] = [
    [1, 1, 1, undefined],
    [1, 3, 5, [1, 0, 1]],
    [5, 1, 7, undefined],
    [4, 6, 33, [4, 1, 0, 3, 4, 2]],
    [7, 5, 12, [7, 7, 7, 7, 7]],
  ];
  it.each(shapes)('T=%i B=%i U=%i lengths %j', (time, batch, units, lengths) => {
    if (!('sequence' in wasm)) throw new Error(wasm.unavailable);
    const lengthArray = lengths === undefined ? undefined : Int32Array.from(lengths);
    const got = runKernel(wasm.sequence.kernel, cell, time, batch, units, lengthArray);
    const want = runKernel(jsSequenceKernel, cell, time, batch, units, lengthArray);
    const keys = [
      'outputs',
      'savedInputs',
      'savedGates',
      'projectedGrad',
      'recurrentKernelGrad',
      'recurrentBiasGrad',
    ] as const;
    for (const key of keys) {
      expectSame(got[key], want[key], key);
    }
    got.finalState.forEach((s, i) => expectSame(s, want.finalState[i], `finalState[${i}]`));
    got.initialStateGrad.forEach((s, i) => expectSame(s, want.initialStateGrad[i], `initialStateGrad[${i}]`));
  });
});
