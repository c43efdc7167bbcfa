import { isWasmAvailable, loadWasmKernels, loadWasmKernelsAsync, type WasmKernels } from './index';
import {
  checkSequenceShape,
  largeShape,
  largeShapeSemantics,
  sequenceShapes,
  tileEdgeShapes,
} from './module-checks.testing';
import { buildProblem, relaxedSimdProblem } from './wasm-module';
import { hasRecurrentBias, kernelCells, type BackwardBuffers } from '@rnn/kernel-abi';
import {
  checkAdamUpdate,
  checkBinaryCrossEntropy,
  checkFiniteDifferences,
  checkSgemmBatches,
  checkSgemmShapes,
  checkSgemmViews,
  checkSoftmaxCrossEntropy,
  checkSumRowsByIndex,
  expectClose,
  randomProblem,
  runKernel,
  seededRandom,
  sgemmShapes,
} from '@rnn/kernel-reference';

const loaded = loadWasmKernels();
const wasm: WasmKernels | undefined = isWasmAvailable(loaded) ? loaded : undefined;
const skipReason = isWasmAvailable(loaded) ? '' : loaded.unavailable;
if (!wasm) console.warn(`@rnn/wasm tests: numeric checks skipped: ${skipReason}`);
/** Numeric suites run only with the module; their title says why they were skipped otherwise. */
const withModule = (title: string, body: () => void): void =>
  wasm ? describe(title, body) : describe.skip(`${title} (skipped: ${skipReason})`, body);

/** The module this process takes (choose-module.test.ts holds each one in a child process of its own). */
const relaxed =
  process.env.RNN_WASM_SIMD !== 'baseline' &&
  relaxedSimdProblem() === undefined &&
  buildProblem('wasm-relaxed-simd') === undefined;
const expectedInfo = relaxed ? { simd: 'wasm-relaxed-simd', mr: 5, nr: 8 } : { simd: 'wasm-simd128', mr: 4, nr: 8 };

const cells = kernelCells;

describe('@rnn/wasm loading', () => {
  it('loads, or says in one sentence why not', async () => {
    if (wasm) {
      expect(wasm.sequence.kernel.name).toBe('wasm');
      expect(wasm.info).toEqual(expect.objectContaining({ ...expectedInfo, threads: 1, compiler: expect.any(String) }));
      expect(wasm.info.bytes).toBeGreaterThan(1000);
    } else {
      expect(skipReason.length).toBeGreaterThan(0);
    }
    expect(loadWasmKernels()).toBe(loaded);
    expect(await loadWasmKernelsAsync()).toBe(loaded);
  });

  it('is available on Node 20, where WebAssembly SIMD always is, once npm ci has built it', () => {
    if (process.env.RNN_WASM_DISABLE !== '1' && process.env.RNN_WASM_SKIP !== '1') expect(skipReason).toBe('');
  });

  it('has the relaxed-SIMD module as well, once npm ci has built it', () => {
    if (process.env.RNN_WASM_SKIP !== '1') expect(buildProblem('wasm-relaxed-simd')).toBeUndefined();
  });
});

withModule('sgemm', () => {
  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])('matches the float64 product, transA=%s transB=%s, odd sizes, tile edges, alpha and beta', (transA, transB) => {
    checkSgemmShapes(wasm!.sgemm, transA, transB, [...sgemmShapes, ...tileEdgeShapes]);
  });

  it('with beta = 0 ignores what C held (NaN included), and respects byteOffset views', () => {
    checkSgemmViews(wasm!.sgemm);
  });

  it('leaves C past m * n alone, and with k = 0 only scales C', () => {
    const c = Float32Array.of(1, 2, 3, 4, 99);
    wasm!.sgemm(false, false, 2, 2, 0, 1, new Float32Array(0), new Float32Array(0), 3, c);
    expect(Array.from(c)).toEqual([3, 6, 9, 12, 99]);
  });

  it('runs batches, with a stride of 0 broadcasting one operand and gaps in C kept', () => {
    checkSgemmBatches(wasm!.sgemm);
  });

  it('refuses bad sizes and wrong types in one line', () => {
    const a = new Float32Array(6);
    const call =
      (...args: Parameters<WasmKernels['sgemm']>) =>
      () =>
        wasm!.sgemm(...args);
    expect(call(false, false, 2, 3, 3, 1, a, a, 0, new Float32Array(6))).toThrow(
      new RangeError('@rnn/wasm sgemm: b has 6 elements, needs at least 9'),
    );
    expect(call(false, false, -1, 2, 3, 1, a, a, 0, a)).toThrow(RangeError);
    expect(call(false, false, -1, 2, 3, 1, a, a, 0, a)).toThrow('@rnn/wasm sgemm: m must be an integer in 0..');
    expect(call(false, false, 2, 1.5, 3, 1, a, a, 0, a)).toThrow('n must be an integer');
    expect(call(false, false, 2, 2, 3, 1, a, new Float64Array(6) as never, 0, a)).toThrow(
      new TypeError('@rnn/wasm sgemm: b must be a Float32Array'),
    );
    expect(call(false, false, 2, 2, 1, 1, a, a, 0, a, 2, 2, 2, 3)).toThrow('strideC must be at least m * n');
  });
});

withModule('softmaxCrossEntropy', () => {
  it('matches the float64 definition: masks 0, fractional and 2, targets outside the classes, tails', () => {
    checkSoftmaxCrossEntropy(wasm!.softmaxCrossEntropy);
  });

  it('refuses bad sizes and wrong types in one line', () => {
    const f = new Float32Array(6);
    const softmax = wasm!.softmaxCrossEntropy;
    expect(() => softmax(2, 3, f, new Int32Array(1), f, f)).toThrow(
      new RangeError('@rnn/wasm softmaxCrossEntropy: targets has 1 elements, needs at least 2'),
    );
    expect(() => softmax(2, 0, f, new Int32Array(2), f, f)).toThrow(
      new RangeError('@rnn/wasm softmaxCrossEntropy: classes must be an integer in 1..1073741824, got 0'),
    );
    expect(() => softmax(2, 3, f, new Int32Array(2), f, new Float32Array(5))).toThrow(
      '@rnn/wasm softmaxCrossEntropy: probs has 5 elements, needs at least 6',
    );
    expect(() => softmax(2, 3, f, Float32Array.of(0, 1) as never, f, f)).toThrow(
      new TypeError('@rnn/wasm softmaxCrossEntropy: targets must be an Int32Array'),
    );
  });
});

withModule('binaryCrossEntropy', () => {
  it('matches the float64 definition: masks 0, fractional and 2, logits at ±90, views, tails of 1-3', () => {
    checkBinaryCrossEntropy(wasm!.binaryCrossEntropy);
  });

  it('refuses short arrays, a bad n and wrong types in one line', () => {
    const f = new Float32Array(4);
    const bce = wasm!.binaryCrossEntropy;
    expect(() => bce(4, f, new Float32Array(3), f, f)).toThrow(
      new RangeError('@rnn/wasm binaryCrossEntropy: targets has 3 elements, needs at least 4'),
    );
    expect(() => bce(4, f, f, f, new Float32Array(2))).toThrow(
      new RangeError('@rnn/wasm binaryCrossEntropy: grad has 2 elements, needs at least 4'),
    );
    expect(() => bce(-1, f, f, f, f)).toThrow(
      new RangeError('@rnn/wasm binaryCrossEntropy: n must be an integer in 0..1073741824, got -1'),
    );
    expect(() => bce(4, f, Float64Array.of(0, 1, 0, 1) as never, f, f)).toThrow(
      new TypeError('@rnn/wasm binaryCrossEntropy: targets must be a Float32Array'),
    );
  });
});

withModule('adamUpdate', () => {
  it('matches the float64 definition on odd lengths, in place and into a separate out', () => {
    checkAdamUpdate(wasm!.adamUpdate);
  });

  it('refuses short arrays and non-numbers in one line', () => {
    const a = new Float32Array(4);
    const adam = wasm!.adamUpdate;
    expect(() => adam(4, a, a, a, a, new Float32Array(3), 0.01, 0.9, 0.999, 1e-7, 1, 1)).toThrow(
      new RangeError('@rnn/wasm adamUpdate: out has 3 elements, needs at least 4'),
    );
    expect(() => adam(4, a, a, a, a, a, 0.01, '0.9' as never, 0.999, 1e-7, 1, 1)).toThrow(
      new TypeError('@rnn/wasm adamUpdate: beta1 must be a number'),
    );
  });
});

withModule('sumRowsByIndex', () => {
  it('adds each row into the row its id names', () => {
    checkSumRowsByIndex(wasm!.sumRowsByIndex);
  });

  it('refuses an id outside the table and overlapping arrays in one line', () => {
    const values = new Float32Array(6);
    expect(() => wasm!.sumRowsByIndex(Int32Array.of(0, 3), values, 2, 3, new Float32Array(9))).toThrow(
      new RangeError("@rnn/wasm sumRowsByIndex: ids[1] = 3 is outside out's 3 rows"),
    );
    const shared = new Float32Array(12);
    expect(() => wasm!.sumRowsByIndex(Int32Array.of(0, 1), shared.subarray(0, 6), 2, 3, shared.subarray(3))).toThrow(
      '@rnn/wasm sumRowsByIndex: out must not overlap values',
    );
  });
});

withModule('fused sequence kernels against a float64 TypeScript reference', () => {
  describe.each(cells)('%s', (cell) => {
    it.each(sequenceShapes)('T=%i B=%i U=%i, full and ragged lengths (incl. 0)', (T, B, U) => {
      checkSequenceShape(wasm!, cell, [T, B, U]);
    });

    it('T = 0 passes the state and its gradient straight through', () => {
      const p = randomProblem(seededRandom(3), cell, 0, 3, 4, false);
      const got = runKernel(wasm!.sequence.kernel, p);
      expectClose(got.hT, p.h0, 'hT');
      expectClose(got.dh0, p.dhT, 'dh0');
      expect(got.recurrentKernelGrad.every((v) => v === 0)).toBe(true);
      expect(got.recurrentBiasGrad.length).toBe(hasRecurrentBias(cell) ? 3 * 4 : 0);
      expect(got.recurrentBiasGrad.every((v) => v === 0)).toBe(true);
      if (cell === 'lstm') {
        expectClose(got.cT, p.c0, 'cT');
        expectClose(got.dc0, p.dcT, 'dc0');
      }
    });

    it('a batch past one 64-row block and units past one 256-deep block', () => {
      checkSequenceShape(wasm!, cell, largeShape(cell), largeShapeSemantics);
    });
  });

  it('requires the recurrent bias and its gradient of a cell that has one, of G·U values', () => {
    const p = randomProblem(seededRandom(2), 'gru-reset-after', 3, 2, 4, false);
    expect(() => runKernel(wasm!.sequence.kernel, { ...p, recurrentBias: undefined })).toThrow(
      new TypeError('@rnn/wasm forward: recurrentBias must be a Float32Array'),
    );
    expect(() => runKernel(wasm!.sequence.kernel, { ...p, recurrentBias: p.recurrentBias!.subarray(1) })).toThrow(
      new RangeError('@rnn/wasm forward: recurrentBias has 11 elements, needs at least 12'),
    );
    const kernel = wasm!.sequence.kernel;
    const noGrad = {
      ...kernel,
      backward: (b: BackwardBuffers) => kernel.backward({ ...b, recurrentBiasGrad: undefined }),
    };
    expect(() => runKernel(noGrad, p)).toThrow('@rnn/wasm backward: recurrentBiasGrad must be a Float32Array');
  });

  it('rejects bad shapes, lengths outside 0..T and buffers of the wrong size in one line', () => {
    const p = randomProblem(seededRandom(1), 'lstm', 3, 2, 4, false);
    expect(() => runKernel(wasm!.sequence.kernel, { ...p, time: 1.5 })).toThrow(
      new RangeError('@rnn/wasm forward: time must be an integer in 0..1073741824, got 1.5'),
    );
    expect(() => runKernel(wasm!.sequence.kernel, { ...p, units: 2.5 })).toThrow(
      '@rnn/wasm forward: units must be an integer',
    );
    expect(() => runKernel(wasm!.sequence.kernel, { ...p, cell: 'rnn' as never })).toThrow(
      '@rnn/wasm forward: unknown cell "rnn"',
    );
    expect(() => runKernel(wasm!.sequence.kernel, { ...p, lengths: Int32Array.from([1, 4]) })).toThrow(
      new RangeError('@rnn/wasm forward: lengths[1] = 4 is outside 0..3'),
    );
    expect(() => runKernel(wasm!.sequence.kernel, { ...p, projected: p.projected.subarray(1) })).toThrow(
      new RangeError('@rnn/wasm forward: projected has 95 elements, needs at least 96'),
    );
  });
});

withModule('gradients against finite differences of the float64 reference', () => {
  it.each(cells)('%s: projected, recurrent kernel, recurrent bias (if any) and initial state', (cell) => {
    checkFiniteDifferences(wasm!.sequence.kernel, cell);
  });
});
