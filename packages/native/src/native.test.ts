import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isNativeAvailable, loadNativeKernels, type NativeKernels } from './index';
import { hasRecurrentBias, kernelCells, type BackwardBuffers } from '@rnn/kernel-abi';
import {
  checkAdamUpdate,
  checkBinaryCrossEntropy,
  checkAgainstReference,
  checkFiniteDifferences,
  checkSgemmBatches,
  checkSgemmShapes,
  checkSgemmViews,
  checkSoftmaxCrossEntropy,
  checkSumRowsByIndex,
  checkSwapLeadingAxes,
  expectClose,
  randomArray,
  randomProblem,
  referenceMatMul,
  runKernel,
  seededRandom,
} from '@rnn/kernel-reference';

const loaded = loadNativeKernels();
const native: NativeKernels | undefined = isNativeAvailable(loaded) ? loaded : undefined;
const skipReason = isNativeAvailable(loaded) ? '' : loaded.unavailable;
if (!native) {
  console.warn(`@rnn/native tests: numeric checks skipped: ${skipReason}`);
}
/** Numeric suites run only with the addon; their title says why they were skipped otherwise. */
const withAddon = (title: string, body: () => void): void =>
  native ? describe(title, body) : describe.skip(`${title} (skipped: ${skipReason})`, body);

const cells = kernelCells;

describe('@rnn/native loading', () => {
  it('loads, or says in one sentence why not', () => {
    if (native) {
      expect(native.sequence.kernel.name).toBe('native');
      expect(typeof native.sgemm).toBe('function');
      expect(native.info.threads).toBeGreaterThanOrEqual(1);
      expect(native.info.simd).toMatch(/avx512f|avx2\+fma|generic-vector|scalar/);
      expect(native.info.simdPaths).toContain(native.info.simd);
    } else {
      expect(skipReason.length).toBeGreaterThan(0);
    }
    expect(loadNativeKernels()).toBe(loaded);
  });

  it('is built in CI (process.env.CI set), where npm ci compiles it', () => {
    const optedOut = process.env.RNN_NATIVE_DISABLE === '1' || process.env.RNN_NATIVE_SKIP === '1';
    if (process.env.CI && !optedOut && !native) {
      throw new Error(`CI is set but the native addon did not load: ${skipReason}`);
    }
  });
});

withAddon('swapLeadingAxes', () => {
  it('copies between batch-major and time-major layouts as defined', () => {
    checkSwapLeadingAxes(native!.swapLeadingAxes);
  });

  it('refuses short arrays and overlapping ones in one line', () => {
    const a = new Float32Array(12);
    expect(() => native!.swapLeadingAxes(a, new Float32Array(11), 2, 3, 2)).toThrow('@rnn/native swapLeadingAxes:');
    expect(() => native!.swapLeadingAxes(a, a.subarray(0), 2, 3, 2)).toThrow(
      '@rnn/native swapLeadingAxes: to must not overlap from',
    );
  });
});

withAddon('sumRowsByIndex', () => {
  it('adds each row into the row its id names', () => {
    checkSumRowsByIndex(native!.sumRowsByIndex);
  });

  it('refuses an id outside the table in one line', () => {
    const values = new Float32Array(6);
    expect(() => native!.sumRowsByIndex(Int32Array.of(0, 3), values, 2, 3, new Float32Array(9))).toThrow(
      "@rnn/native sumRowsByIndex: ids[1] = 3 is outside out's 3 rows",
    );
  });
});

withAddon('sgemm', () => {
  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])('matches the float64 product, transA=%s transB=%s, odd sizes, alpha and beta', (transA, transB) => {
    checkSgemmShapes(native!.sgemm, transA, transB);
  });

  it('multiplies products large enough to use every thread', () => {
    const random = seededRandom(7);
    const [m, n, k] = [200, 300, 150]; // 9M multiply-adds: above the 8M where products go parallel
    for (const [transA, transB] of [
      [false, false],
      [true, true],
    ]) {
      const a = randomArray(random, m * k);
      const b = randomArray(random, k * n);
      const c = new Float32Array(m * n);
      native!.sgemm(transA, transB, m, n, k, 1, a, b, 0, c);
      expectClose(c, referenceMatMul(transA, transB, m, n, k, a, b), 'large sgemm');
    }
  });

  // A one-row product takes its own unpacked path (batch-1 generation); a two-row one the packed path.
  // Generation must not change with it, so row 0 of both must agree to the bit, not just be close.
  it.each([
    [512, 2048, 0, 1, false],
    [600, 2053, 1, 0.5, false],
    [64, 65, 0.3, 2, true],
    [7, 5, 0, 1, false],
    [300, 16, 1, 1, true],
  ])(
    'a one-row product (K=%i N=%i beta=%s alpha=%s transA=%s) equals the packed path bit for bit',
    (k, n, beta, alpha, transA) => {
      const random = seededRandom(k + n);
      const row = randomArray(random, k);
      const b = randomArray(random, k * n);
      const c = randomArray(random, n);
      // op(A) = [row; row]: stored [2, K], or transposed [K, 2].
      const twoRows = new Float32Array(2 * k);
      for (let i = 0; i < k; i++) {
        if (transA) twoRows.set([row[i], row[i]], 2 * i);
        else twoRows[i] = twoRows[k + i] = row[i];
      }
      const one = c.slice();
      const two = new Float32Array(2 * n);
      two.set(c);
      two.set(c, n);
      native!.sgemm(transA, false, 1, n, k, alpha, row, b, beta, one);
      native!.sgemm(transA, false, 2, n, k, alpha, twoRows, b, beta, two);
      expect(Buffer.from(one.buffer).equals(Buffer.from(two.buffer, 0, 4 * n))).toBe(true);
    },
  );

  it('with beta = 0 ignores what C held (NaN included), and respects byteOffset views', () => {
    checkSgemmViews(native!.sgemm);
  });

  it('runs batches, with a stride of 0 broadcasting one operand and gaps in C kept', () => {
    checkSgemmBatches(native!.sgemm);
  });

  // Errors thrown by the addon come from Node's own realm, not jest's: match their messages.
  it('refuses arrays too short for the shapes given, and wrong types', () => {
    const a = new Float32Array(6);
    expect(() => native!.sgemm(false, false, 2, 3, 3, 1, a, a, 0, new Float32Array(6))).toThrow(
      'b has 6 elements, needs at least 9',
    );
    expect(() => native!.sgemm(false, false, 2, 2, 3, 1, a, new Float64Array(6) as never, 0, a)).toThrow(
      'b must be a Float32Array',
    );
    expect(() => native!.sgemm(false, false, -1, 2, 3, 1, a, a, 0, a)).toThrow('m must be in 0..');
  });
});

withAddon('softmaxCrossEntropy', () => {
  it('matches the float64 reference check: masks 0, fractional and 2, targets outside the classes, tails', () => {
    checkSoftmaxCrossEntropy(native!.softmaxCrossEntropy);
  });

  it('equals the float64 formula, skips masked rows and ids outside the classes, weights by the mask', () => {
    const random = seededRandom(99);
    const [rows, classes] = [7, 13];
    const logits = randomArray(random, rows * classes).map((v) => 20 * v);
    const targets = Int32Array.from([0, 12, 5, -1, 13, 3, 7]);
    const mask = Float32Array.from([1, 1, 0.5, 1, 1, 0, 2]);
    const probs = new Float32Array(rows * classes).fill(NaN);
    const total = native!.softmaxCrossEntropy(rows, classes, logits, targets, mask, probs);
    let expected = 0;
    for (let r = 0; r < rows; r++) {
      const z = Array.from(logits.subarray(r * classes, (r + 1) * classes));
      const counted = mask[r] !== 0 && targets[r] >= 0 && targets[r] < classes;
      const max = Math.max(...z);
      const sum = z.reduce((s, v) => s + Math.exp(v - max), 0);
      if (counted) expected += mask[r] * (max + Math.log(sum) - z[targets[r]]);
      const want = z.map((v) => (counted ? Math.exp(v - max) / sum : 0));
      expectClose(probs.subarray(r * classes, (r + 1) * classes), Float32Array.from(want), `probs row ${r}`);
    }
    expect(total).toBeCloseTo(expected, 4);
  });

  it('refuses arrays too short for the shapes given', () => {
    const f = new Float32Array(6);
    expect(() => native!.softmaxCrossEntropy(2, 3, f, new Int32Array(1), f, f)).toThrow(
      'targets has 1 elements, needs at least 2',
    );
    expect(() => native!.softmaxCrossEntropy(2, 0, f, new Int32Array(2), f, f)).toThrow('classes must be in 1..');
  });
});

withAddon('binaryCrossEntropy', () => {
  it('matches the float64 reference check: masks 0, fractional and 2, soft targets, logits at ±90, tails', () => {
    checkBinaryCrossEntropy(native!.binaryCrossEntropy);
  });

  it('refuses arrays too short for n, naming them', () => {
    const f = new Float32Array(4);
    expect(() => native!.binaryCrossEntropy(4, f, f, new Float32Array(3), f)).toThrow(
      'mask has 3 elements, needs at least 4',
    );
    expect(() => native!.binaryCrossEntropy(-1, f, f, f, f)).toThrow('n must be in 0..');
  });
});

withAddon('adamUpdate', () => {
  it('matches the float64 reference check on odd lengths, in place and into a separate out', () => {
    checkAdamUpdate(native!.adamUpdate);
  });

  it('updates the moments in place and writes the weights, as the formula says', () => {
    const random = seededRandom(5);
    const n = 37;
    const [w, g, m, v] = [1, 2, 3, 4].map(() => randomArray(random, n));
    v.forEach((x, i) => (v[i] = Math.abs(x)));
    const [m0, v0] = [m.slice(), v.slice()];
    const out = new Float32Array(n);
    native!.adamUpdate(n, w, g, m, v, out, 0.01, 0.9, 0.999, 1e-7, 0.19, 0.002);
    const mk = Array.from(m0, (x, i) => 0.9 * x + 0.1 * g[i]);
    const vk = Array.from(v0, (x, i) => 0.999 * x + 0.001 * g[i] * g[i]);
    expectClose(m, Float32Array.from(mk), 'first moment');
    expectClose(v, Float32Array.from(vk), 'second moment');
    const want = Array.from(w, (x, i) => x - (0.01 * (mk[i] / 0.19)) / (Math.sqrt(vk[i] / 0.002) + 1e-7));
    expectClose(out, Float32Array.from(want), 'weights');
    expect(() => native!.adamUpdate(n, w, g, m, v, new Float32Array(3), 0.01, 0.9, 0.999, 1e-7, 1, 1)).toThrow(
      'out has 3 elements, needs at least 37',
    );
  });
});

withAddon('fused sequence kernels against a float64 TypeScript reference', () => {
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 3, 4],
    [3, 1, 5],
    [6, 7, 17],
    [4, 13, 33],
  ];
  describe.each(cells)('%s', (cell) => {
    it.each(shapes)('T=%i B=%i U=%i, full and ragged lengths (incl. 0)', (T, B, U) => {
      const random = seededRandom(T * 1000 + B * 100 + U);
      checkAgainstReference(native!.sequence.kernel, randomProblem(random, cell, T, B, U, false));
      checkAgainstReference(native!.sequence.kernel, randomProblem(random, cell, T, B, U, true));
    });

    it('a batch large enough to split across threads, and K beyond one cache block', () => {
      const random = seededRandom(99);
      const U = cell === 'lstm' ? 70 : cell.startsWith('gru') ? 90 : 130;
      checkAgainstReference(native!.sequence.kernel, randomProblem(random, cell, 5, 19, U, true));
    });

    it('T = 0 passes the state and its gradient straight through', () => {
      const random = seededRandom(3);
      const p = randomProblem(random, cell, 0, 3, 4, false);
      const got = runKernel(native!.sequence.kernel, p);
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
  });

  it('requires the recurrent bias and its gradient of a cell that has one, of G·U values', () => {
    const p = randomProblem(seededRandom(2), 'gru-reset-after', 3, 2, 4, false);
    expect(() => runKernel(native!.sequence.kernel, { ...p, recurrentBias: undefined })).toThrow(
      'recurrentBias must be a Float32Array',
    );
    expect(() => runKernel(native!.sequence.kernel, { ...p, recurrentBias: p.recurrentBias!.subarray(1) })).toThrow(
      'recurrentBias has 11 elements, needs at least 12',
    );
    const noGrad = {
      ...native!.sequence.kernel,
      backward: (b: BackwardBuffers) => native!.sequence.kernel.backward({ ...b, recurrentBiasGrad: undefined }),
    };
    expect(() => runKernel(noGrad, p)).toThrow('recurrentBiasGrad must be a Float32Array');
  });

  it('rejects lengths outside 0..T and buffers of the wrong size', () => {
    const p = randomProblem(seededRandom(1), 'lstm', 3, 2, 4, false);
    expect(() => runKernel(native!.sequence.kernel, { ...p, lengths: Int32Array.from([1, 4]) })).toThrow(
      'lengths[1] = 4 is outside 0..3',
    );
    expect(() => runKernel(native!.sequence.kernel, { ...p, projected: p.projected.subarray(1) })).toThrow(
      'projected has 95 elements, needs at least 96',
    );
  });
});

withAddon('gradients against finite differences of the float64 reference', () => {
  it.each(cells)('%s: projected, recurrent kernel, recurrent bias (if any) and initial state', (cell) => {
    checkFiniteDifferences(native!.sequence.kernel, cell);
  });
});

/** A child Node process with RNN_NATIVE_SIMD set to `request` (unset when undefined); `args` after node's. */
function runChild(request: string | undefined, args: readonly string[]): { status: number | null; output: string } {
  const env = { ...process.env };
  delete env.RNN_NATIVE_SIMD;
  if (request !== undefined) env.RNN_NATIVE_SIMD = request;
  const child = spawnSync(process.execPath, args, {
    cwd: path.join(__dirname, '..'),
    env,
    encoding: 'utf8',
    timeout: 120000,
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}${child.error?.message ?? ''}` };
}

/** Loads the addon file itself (no TypeScript) with RNN_NATIVE_SIMD=request; prints its info() or the error. */
function loadInChild(request: string | undefined): { status: number | null; output: string } {
  const script = `try { console.log(JSON.stringify(require(${JSON.stringify(native?.info.path ?? '')}).info())) } catch (e) { console.error(e.message); process.exit(1) }`;
  return runChild(request, ['-e', script]);
}

// The matrix kernel is chosen once per process, when the addon loads: each one this CPU has is held to
// the reference in a child process of its own, forced by RNN_NATIVE_SIMD.
withAddon('the matrix kernel chosen at load (RNN_NATIVE_SIMD)', () => {
  const paths = native?.info.simdPaths ?? [];
  const kernels = [
    { simd: 'avx512f', request: 'avx512', mr: 14, nr: 32, missing: 'this CPU has no AVX-512F' },
    { simd: 'avx2+fma', request: 'avx2', mr: 6, nr: 16, missing: 'this build has no AVX2+FMA kernel' },
  ];

  it('runs the first kernel of simdPaths when RNN_NATIVE_SIMD is unset or auto', () => {
    for (const request of [undefined, 'auto']) {
      const child = loadInChild(request);
      expect(child.status).toBe(0);
      expect(JSON.parse(child.output).simd).toBe(paths[0]);
    }
  });

  describe.each(kernels)('RNN_NATIVE_SIMD=$request', ({ simd, request, mr, nr, missing }) => {
    const runs = paths.includes(simd);
    const title = `runs the ${simd} kernel: SGEMM and fused kernels match the reference`;
    if (!runs) {
      it.skip(`${title} (skipped: ${missing}; kernels here: ${paths.join(', ')})`, () => undefined);

      it('is refused at load, with the reason', () => {
        const child = loadInChild(request);
        expect(child.status).toBe(1);
        expect(child.output).toContain(`RNN_NATIVE_SIMD=${request} but this`);
      });
      return;
    }
    it(
      title,
      () => {
        const child = runChild(request, [
          '--conditions=@rnn/source',
          '--import',
          'tsx',
          path.join(__dirname, 'simd-path-check.testing.ts'),
          simd,
        ]);
        if (child.status !== 0) throw new Error(`RNN_NATIVE_SIMD=${request}: ${child.output.trim()}`);
        const info = JSON.parse(child.output.split('\n')[0]);
        expect(info).toMatchObject({ simd, mr, nr });
      },
      180000,
    );
  });

  it('refuses an unknown RNN_NATIVE_SIMD at load, in one line naming the choices', () => {
    const child = loadInChild('sse2');
    expect(child.status).toBe(1);
    expect(child.output.trim()).toBe('RNN_NATIVE_SIMD must be avx512, avx2 or auto (or unset)');
  });
});
