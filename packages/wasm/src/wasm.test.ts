import { isWasmAvailable, loadWasmKernels, loadWasmKernelsAsync, type WasmCell, type WasmKernels } from './index';
import {
  gatesOf,
  randomArray,
  randomProblem,
  referenceBackward,
  referenceForward,
  referenceLoss,
  referenceMatMul,
  savedWidthOf,
  seededRandom,
  type Problem,
} from './wasm.testing';

const loaded = loadWasmKernels();
const wasm: WasmKernels | undefined = isWasmAvailable(loaded) ? loaded : undefined;
const skipReason = isWasmAvailable(loaded) ? '' : loaded.unavailable;
if (!wasm) console.warn(`@rnn/wasm tests: numeric checks skipped: ${skipReason}`);
/** Numeric suites run only with the module; their title says why they were skipped otherwise. */
const withModule = (title: string, body: () => void): void =>
  wasm ? describe(title, body) : describe.skip(`${title} (skipped: ${skipReason})`, body);

const cells: readonly WasmCell[] = ['elman-tanh', 'elman-relu', 'elman-linear', 'lstm', 'gru'];

/** |actual - expected| <= atol + rtol * |expected|, elementwise, with the first offender in the message. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, rtol = 1e-4, atol = 1e-5) {
  expect(actual.length).toBeGreaterThanOrEqual(expected.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) - (atol + rtol * Math.abs(expected[i]));
    if (!(excess <= worstExcess)) {
      worst = i;
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
    }
  }
  if (worst >= 0) {
    throw new Error(`${what}[${worst}] = ${actual[worst]}, expected ${expected[worst]} (of ${expected.length} values)`);
  }
}

interface Run {
  outputs: Float32Array;
  hT: Float32Array;
  cT: Float32Array;
  savedInputs: Float32Array;
  savedGates: Float32Array;
  projectedGrad: Float32Array;
  recurrentKernelGrad: Float32Array;
  dh0: Float32Array;
  dc0: Float32Array;
}

/** Forward then backward through the module, into fresh buffers pre-filled with NaN. */
function run(k: WasmKernels, p: Problem): Run {
  const { cell, time: T, batch: B, units: U } = p;
  const GU = gatesOf(cell) * U;
  const lstm = cell === 'lstm';
  const f32 = (a: ArrayLike<number>) => Float32Array.from(a);
  const nan = (n: number) => new Float32Array(n).fill(NaN);
  const r: Run = {
    outputs: nan(T * B * U),
    hT: nan(B * U),
    cT: nan(B * U),
    savedInputs: nan(T * B * U),
    savedGates: nan(T * B * savedWidthOf(cell, U)),
    projectedGrad: nan(T * B * GU),
    recurrentKernelGrad: nan(U * GU),
    dh0: nan(B * U),
    dc0: nan(B * U),
  };
  const initialState = lstm ? [f32(p.h0), f32(p.c0)] : [f32(p.h0)];
  const recurrentKernel = f32(p.recurrentKernel);
  const projected = f32(p.projected);
  k.kernel.forward({
    cell,
    time: T,
    batch: B,
    units: U,
    projected,
    recurrentKernel,
    initialState,
    lengths: p.lengths,
    outputs: r.outputs,
    finalState: lstm ? [r.hT, r.cT] : [r.hT],
    savedInputs: r.savedInputs,
    savedGates: r.savedGates,
  });
  expect(projected).toEqual(f32(p.projected)); // inputs are read only
  k.kernel.backward({
    cell,
    time: T,
    batch: B,
    units: U,
    recurrentKernel,
    initialState,
    lengths: p.lengths,
    savedInputs: r.savedInputs,
    savedGates: r.savedGates,
    outputsGrad: f32(p.outputsGrad),
    finalStateGrad: lstm ? [f32(p.dhT), f32(p.dcT)] : [f32(p.dhT)],
    projectedGrad: r.projectedGrad,
    recurrentKernelGrad: r.recurrentKernelGrad,
    initialStateGrad: lstm ? [r.dh0, r.dc0] : [r.dh0],
  });
  return r;
}

/** The saved gates the contract defines: gate parts of valid rows, and LSTM's c part of every row. */
function definedSavedGates(p: Problem, saved: ArrayLike<number>): number[] {
  const { cell, time: T, batch: B, units: U } = p;
  const GU = gatesOf(cell) * U;
  const W = savedWidthOf(cell, U);
  const out: number[] = [];
  for (let t = 0; t < T; t++)
    for (let b = 0; b < B; b++) {
      const valid = !p.lengths || t < p.lengths[b];
      for (let j = 0; j < W; j++) if (valid || j >= GU) out.push(saved[(t * B + b) * W + j]);
    }
  return out;
}

function checkAgainstReference(k: WasmKernels, p: Problem): void {
  const ref = referenceForward(p);
  const back = referenceBackward(p, ref);
  const got = run(k, p);
  const tag = `${p.cell} T=${p.time} B=${p.batch} U=${p.units}${p.lengths ? ' ragged' : ''}`;
  expectClose(got.outputs, ref.outputs, `${tag} outputs`);
  expectClose(got.hT, ref.hT, `${tag} finalState[0]`);
  if (p.cell === 'lstm') expectClose(got.cT, ref.cT, `${tag} finalState[1]`);
  expectClose(got.savedInputs, ref.savedInputs, `${tag} savedInputs`);
  expectClose(definedSavedGates(p, got.savedGates), definedSavedGates(p, ref.savedGates), `${tag} savedGates`);
  expectClose(got.projectedGrad, back.projectedGrad, `${tag} projectedGrad`, 1e-4, 1e-5);
  expectClose(got.recurrentKernelGrad, back.recurrentKernelGrad, `${tag} recurrentKernelGrad`, 1e-4, 1e-5);
  expectClose(got.dh0, back.dh0, `${tag} initialStateGrad[0]`, 1e-4, 1e-5);
  if (p.cell === 'lstm') expectClose(got.dc0, back.dc0, `${tag} initialStateGrad[1]`, 1e-4, 1e-5);
  if (p.lengths) {
    const { cell, time: T, batch: B, units: U } = p;
    const GU = gatesOf(cell) * U;
    const W = savedWidthOf(cell, U);
    for (let t = 0; t < T; t++)
      for (let b = 0; b < B; b++) {
        if (t < p.lengths[b]) continue;
        const row = t * B + b;
        expect(got.outputs.subarray(row * U, (row + 1) * U).every((v) => v === 0)).toBe(true);
        expect(got.projectedGrad.subarray(row * GU, (row + 1) * GU).every((v) => v === 0)).toBe(true);
        // As the portable kernel: gate blocks of a finished row keep what the caller's buffer held
        // (GRU computes its update and reset gates for every row, the candidate only for running ones).
        const untouched = got.savedGates.subarray(row * W + (cell === 'gru' ? 2 * U : 0), row * W + GU);
        expect(untouched.every((v) => Number.isNaN(v))).toBe(true);
      }
  }
}

describe('@rnn/wasm loading', () => {
  it('loads, or says in one sentence why not', async () => {
    if (wasm) {
      expect(wasm.kernel.name).toBe('wasm');
      expect(wasm.info).toEqual(
        expect.objectContaining({ simd: 'wasm-simd128', threads: 1, mr: 4, nr: 8, compiler: expect.any(String) }),
      );
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
});

withModule('sgemm', () => {
  const random = seededRandom(7);
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 17, 3],
    [5, 1, 9],
    [7, 13, 5],
    [6, 16, 256],
    [13, 35, 257],
    [37, 19, 70],
    [130, 33, 20],
    [67, 9, 600],
    [4, 6, 0],
  ];
  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])('matches a naive loop, transA=%s transB=%s, odd sizes, alpha and beta', (transA, transB) => {
    for (const [m, n, k] of shapes) {
      const a = randomArray(random, m * k);
      const b = randomArray(random, k * n);
      const c = randomArray(random, m * n);
      const expected = referenceMatMul(transA, transB, m, n, k, a, b).map((v, i) => 0.5 * v - 2 * c[i]);
      wasm!.sgemm(transA, transB, m, n, k, 0.5, a, b, -2, c);
      expectClose(c, expected, `sgemm ${m}x${n}x${k}`);
    }
  });

  it('with beta = 0 ignores what C held (NaN included), and respects byteOffset views', () => {
    const [m, n, k] = [3, 5, 4];
    const backing = randomArray(random, 100);
    const a = backing.subarray(7, 7 + m * k);
    const b = backing.subarray(31, 31 + k * n);
    const c = new Float32Array(m * n + 3).fill(NaN).subarray(3);
    wasm!.sgemm(false, false, m, n, k, 1, a, b, 0, c);
    expectClose(c, referenceMatMul(false, false, m, n, k, a, b), 'view sgemm');
  });

  it('leaves C past m * n alone, and with k = 0 only scales C', () => {
    const c = Float32Array.of(1, 2, 3, 4, 99);
    wasm!.sgemm(false, false, 2, 2, 0, 1, new Float32Array(0), new Float32Array(0), 3, c);
    expect(Array.from(c)).toEqual([3, 6, 9, 12, 99]);
  });

  it('runs batches, with a stride of 0 broadcasting one operand and gaps in C kept', () => {
    const [batch, m, n, k] = [5, 7, 9, 11];
    const a = randomArray(random, batch * m * k);
    const b = randomArray(random, k * n);
    const strideC = m * n + 2;
    const c = new Float32Array(batch * strideC).fill(42);
    wasm!.sgemm(false, true, m, n, k, 1, a, b, 0, c, batch, m * k, 0, strideC);
    for (let i = 0; i < batch; i++) {
      const expected = referenceMatMul(false, true, m, n, k, a.subarray(i * m * k, (i + 1) * m * k), b);
      expectClose(c.subarray(i * strideC, i * strideC + m * n), expected, `batch ${i}`);
      if (i < batch - 1) expect(Array.from(c.subarray(i * strideC + m * n, (i + 1) * strideC))).toEqual([42, 42]);
    }
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

withModule('fused sequence kernels against a float64 TypeScript reference', () => {
  // Units 1, 5, 7, 33 (tails of 1-3 lanes), T = 1, batch 1, and a batch past one 4-row tile.
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 3, 4],
    [3, 1, 5],
    [6, 7, 7],
    [4, 13, 33],
  ];
  describe.each(cells)('%s', (cell) => {
    it.each(shapes)('T=%i B=%i U=%i, full and ragged lengths (incl. 0)', (T, B, U) => {
      const random = seededRandom(T * 1000 + B * 100 + U);
      checkAgainstReference(wasm!, randomProblem(random, cell, T, B, U, false));
      checkAgainstReference(wasm!, randomProblem(random, cell, T, B, U, true));
    });

    it('T = 0 passes the state and its gradient straight through', () => {
      const p = randomProblem(seededRandom(3), cell, 0, 3, 4, false);
      const got = run(wasm!, p);
      expectClose(got.hT, p.h0, 'hT');
      expectClose(got.dh0, p.dhT, 'dh0');
      expect(got.recurrentKernelGrad.every((v) => v === 0)).toBe(true);
      if (cell === 'lstm') {
        expectClose(got.cT, p.c0, 'cT');
        expectClose(got.dc0, p.dcT, 'dc0');
      }
    });

    it('a batch past one 64-row block and units past one 256-deep block', () => {
      const random = seededRandom(99);
      const U = cell === 'lstm' ? 70 : cell === 'gru' ? 90 : 260;
      checkAgainstReference(wasm!, randomProblem(random, cell, 3, 67, U, true));
    });
  });

  it('rejects bad shapes, lengths outside 0..T and buffers of the wrong size in one line', () => {
    const p = randomProblem(seededRandom(1), 'lstm', 3, 2, 4, false);
    expect(() => run(wasm!, { ...p, time: 1.5 })).toThrow(
      new RangeError('@rnn/wasm forward: time must be an integer in 0..1073741824, got 1.5'),
    );
    expect(() => run(wasm!, { ...p, units: 2.5 })).toThrow('@rnn/wasm forward: units must be an integer');
    expect(() => run(wasm!, { ...p, cell: 'rnn' as never })).toThrow('@rnn/wasm forward: unknown cell "rnn"');
    expect(() => run(wasm!, { ...p, lengths: Int32Array.from([1, 4]) })).toThrow(
      new RangeError('@rnn/wasm forward: lengths[1] = 4 is outside 0..3'),
    );
    expect(() => run(wasm!, { ...p, projected: p.projected.subarray(1) })).toThrow(
      new RangeError('@rnn/wasm forward: projected has 95 elements, needs at least 96'),
    );
  });
});

withModule('gradients against finite differences of the float64 reference', () => {
  it.each(cells)('%s: projected, recurrent kernel and initial state', (cell) => {
    const random = seededRandom(11);
    const p = randomProblem(random, cell, 3, 2, 3, true);
    (p.lengths as Int32Array).set([3, 2]);
    const got = run(wasm!, p);
    const eps = 1e-5;
    const check = (name: string, values: Float32Array, grad: Float32Array) => {
      const x = Float64Array.from(values);
      const numeric = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) {
        const at = (v: number) => {
          const y = Float64Array.from(x);
          y[i] = v;
          return referenceLoss({ ...p, [name]: y });
        };
        numeric[i] = (at(x[i] + eps) - at(x[i] - eps)) / (2 * eps);
      }
      expectClose(grad, numeric, `${cell} d/d${name}`, 2e-3, 2e-4);
    };
    check('projected', p.projected, got.projectedGrad);
    check('recurrentKernel', p.recurrentKernel, got.recurrentKernelGrad);
    check('h0', p.h0, got.dh0);
    if (cell === 'lstm') check('c0', p.c0, got.dc0);
  });
});
