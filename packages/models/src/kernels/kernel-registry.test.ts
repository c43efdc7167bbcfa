import * as tf from '@tensorflow/tfjs';
import { kernelCells, type KernelProvider, type SequenceKernel } from '@rnn/kernel-abi';
import { createRng } from '@rnn/datasets';
import { createCell } from '../cells/create-cell';
import { hostMatMul } from './host-gemm';
import { adamUpdateInPlace } from './host-adam-update';
import { jsSequenceKernel } from './js-sequence-kernel';
import {
  activeSequenceKernel,
  kernelChoices,
  kernelProviders,
  offerKernelProvider,
  sequenceKernelFor,
  useSequenceKernel,
  withdrawKernelProvider,
} from './kernel-registry';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  useSequenceKernel('auto');
  for (const p of kernelProviders()) withdrawKernelProvider(p.name);
});

/** The portable kernel under another name, counting its calls. */
function countingKernel(name: string): SequenceKernel & { calls: number } {
  const kernel = {
    name,
    calls: 0,
    forward: (b: Parameters<SequenceKernel['forward']>[0]) => {
      kernel.calls++;
      jsSequenceKernel.forward(b);
    },
    backward: (b: Parameters<SequenceKernel['backward']>[0]) => jsSequenceKernel.backward(b),
  };
  return kernel;
}

function runCell(kind: 'lstm' | 'gru'): number[] {
  const cell = createCell({ kind, units: 3, inputSize: 2 }, createRng(2).fork('init'));
  const x = tf.ones([2, 4, 2]) as tf.Tensor3D;
  const { outputs, state } = cell.forward(x);
  const values = Array.from(outputs.dataSync());
  tf.dispose([x, outputs, ...state]);
  cell.dispose();
  return values;
}

describe('the kernel provider registry', () => {
  it('takes each cell from the first provider that implements it, and the rest from the reference loop', () => {
    const lstmOnly = countingKernel('lstm-only');
    offerKernelProvider({
      name: 'lstm-only',
      description: 'a test provider',
      sequence: { kernel: lstmOnly, cells: ['lstm'] },
    });
    // Offered providers rank after native and wasm, before the portable kernels.
    expect(kernelProviders().map((p) => p.name)).toEqual(['lstm-only', 'js']);
    expect(activeSequenceKernel('lstm').name).toBe('lstm-only');
    expect(activeSequenceKernel('gru').name).toBe('js');

    useSequenceKernel('lstm-only');
    const gruReference = runCell('gru');
    expect(activeSequenceKernel('gru')).toEqual({
      name: 'reference',
      reason: 'the chosen lstm-only kernels do not implement gru',
    });
    expect(sequenceKernelFor('gru')).toBeUndefined();
    runCell('lstm');
    expect(lstmOnly.calls).toBe(1);
    // The GRU ran its own math on the reference loop, not the LSTM kernel.
    useSequenceKernel('reference');
    expect(runCell('gru')).toEqual(gruReference);
    expect(lstmOnly.calls).toBe(1);
  });

  it('orders native, wasm, others, js whatever the order of offering, and withdraws cleanly', () => {
    const provider = (name: string): KernelProvider => ({
      name,
      description: `${name} stand-in`,
      sequence: { kernel: countingKernel(name), cells: kernelCells },
    });
    offerKernelProvider(provider('wasm'));
    offerKernelProvider(provider('other'));
    offerKernelProvider(provider('native'));
    expect(kernelProviders().map((p) => p.name)).toEqual(['native', 'wasm', 'other', 'js']);
    expect(activeSequenceKernel()).toEqual({ name: 'native', reason: 'fastest available on cpu' });
    useSequenceKernel('wasm');
    withdrawKernelProvider('wasm');
    // An explicit choice of a provider that went away returns to auto.
    expect(activeSequenceKernel().name).toBe('native');
    withdrawKernelProvider('native');
    expect(activeSequenceKernel()).toEqual({ name: 'other', reason: 'other stand-in, first on offer on cpu' });
    withdrawKernelProvider('js');
    expect(kernelProviders().map((p) => p.name)).toEqual(['other', 'js']);
  });

  it('takes the host kernels from the first provider offering each, and says so', () => {
    const products: number[] = [];
    const updates: number[] = [];
    offerKernelProvider({
      name: 'host-only',
      description: 'a host test provider',
      sgemm: (_transA, _transB, m, n, k, _alpha, _a, _b, _beta, c) => {
        products.push(m * n * k);
        for (let i = 0; i < m * n; i++) c[i] = 7;
      },
      adamUpdate: (n) => updates.push(n),
    });
    expect(Array.from(hostMatMul(Float32Array.of(1, 2), Float32Array.of(3, 4), 1, 2, 1))).toEqual([7]);
    expect(products).toEqual([2]);
    const w = new Float32Array(3);
    adamUpdateInPlace(w, w, w, w, w, {
      learningRate: 1,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
      correction1: 1,
      correction2: 1,
    });
    expect(updates).toEqual([3]);
    const choices = kernelChoices();
    expect(choices.map((c) => [c.kind, c.provider])).toEqual([
      ['sequence', 'js'],
      ['sgemm', 'host-only'],
      ['softmaxCrossEntropy', 'js'],
      ['binaryCrossEntropy', 'js'],
      ['adamUpdate', 'host-only'],
      ['swapLeadingAxes', 'js'],
      ['sumRowsByIndex', 'js'],
    ]);
    expect(choices[1].reason).toBe('a host test provider, first on offer');
    withdrawKernelProvider('host-only');
    expect(kernelChoices()[1]).toEqual({
      kind: 'sgemm',
      provider: 'reference',
      reason: "no compiled SGEMM is loaded: tfjs's matmul and portable loops",
    });
  });

  it('refuses reserved names, unknown choices and providers not on offer in one line', () => {
    expect(() => offerKernelProvider({ name: 'reference', description: 'x' })).toThrow(
      'kernel provider name "reference" is reserved',
    );
    expect(() => useSequenceKernel('fast')).toThrow(
      'sequence kernel must be one of auto, reference, js, native, wasm, got "fast"',
    );
    expect(() => useSequenceKernel('native')).toThrow("sequence kernel 'native' is not loaded: build @rnn/native");
  });
});
