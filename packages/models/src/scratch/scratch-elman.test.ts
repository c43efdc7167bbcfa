import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { createCell } from '../cells/create-cell';
import { useSequenceKernel, type SequenceKernelChoice } from '../kernels/kernel-registry';
import { createScratchAdam } from './scratch-adam';
import {
  createScratchElman,
  scratchBackward,
  scratchBinaryCrossEntropy,
  scratchForward,
  scratchGenerate,
  scratchGenerateBackward,
  scratchMeanSquaredError,
  scratchWeightList,
  scratchWeightNames,
  type ScratchActivation,
  type ScratchArray,
  type ScratchElman,
  type ScratchElmanWeights,
} from './scratch-elman';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** `[batch, steps, size]` normal values; padded steps get large garbage, which must never matter. */
function paddedInputs(lengths: number[], steps: number, size: number, seed: number): ScratchArray {
  const rng = createRng(seed);
  const data = new Float64Array(lengths.length * steps * size);
  lengths.forEach((length, b) => {
    for (let t = 0; t < steps; t++) {
      for (let i = 0; i < size; i++) data[(b * steps + t) * size + i] = t < length ? rng.normal() : 100 + rng.normal();
    }
  });
  return { data, shape: [lengths.length, steps, size] };
}

/** The largest relative error |a - n| / (|a| + |n|) between analytic and numeric gradients. */
function largestRelativeError(analytic: ScratchElmanWeights, numeric: ScratchElmanWeights): number {
  let worst = 0;
  for (const name of scratchWeightNames) {
    analytic[name].forEach((a, i) => {
      const n = numeric[name][i];
      worst = Math.max(worst, Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), 1e-12));
    });
  }
  return worst;
}

/** Central finite differences of `loss` with respect to every weight of `model`, in float64. */
function numericGradients(model: ScratchElman, loss: () => number, h = 1e-5): ScratchElmanWeights {
  const grads = Object.fromEntries(
    scratchWeightNames.map((name) => {
      const w = model[name];
      const g = new Float64Array(w.length);
      for (let i = 0; i < w.length; i++) {
        const saved = w[i];
        w[i] = saved + h;
        const up = loss();
        w[i] = saved - h;
        const down = loss();
        w[i] = saved;
        g[i] = (up - down) / (2 * h);
      }
      return [name, g];
    }),
  );
  return grads as unknown as ScratchElmanWeights;
}

const activations: ScratchActivation[] = ['tanh', 'linear'];

describe('createScratchElman', () => {
  it('draws every weight uniform in ±1/sqrt(units), reproducibly from the seed', () => {
    const spec = { inputSize: 3, units: 4, outputSize: 2 };
    const a = createScratchElman(spec, createRng(7).fork('init'));
    const b = createScratchElman(spec, createRng(7).fork('init'));
    const c = createScratchElman(spec, createRng(8).fork('init'));
    expect(scratchWeightList(a).map((w) => w.length)).toEqual([12, 16, 4, 8, 2]);
    for (const w of scratchWeightList(a)) for (const v of w) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
    expect(scratchWeightList(a)).toEqual(scratchWeightList(b));
    expect(scratchWeightList(a)).not.toEqual(scratchWeightList(c));
    expect(a.spec).toEqual({ ...spec, activation: 'tanh', output: 'linear' });
  });

  it('rejects bad specs with a RangeError naming the field and the allowed values', () => {
    const rng = createRng(1);
    expect(() => createScratchElman({ inputSize: 0, units: 2, outputSize: 1 }, rng)).toThrow(
      /inputSize must be an integer >= 1, got 0/,
    );
    expect(() => createScratchElman({ inputSize: 1, units: 2.5, outputSize: 1 }, rng)).toThrow(RangeError);
    expect(() =>
      createScratchElman({ inputSize: 1, units: 2, outputSize: 1, activation: 'relu' as ScratchActivation }, rng),
    ).toThrow(/activation must be one of tanh, linear, got "relu"/);
    expect(() =>
      createScratchElman({ inputSize: 1, units: 2, outputSize: 1, output: 'softmax' as never }, rng),
    ).toThrow(/output must be one of sigmoid, linear/);
  });

  it('rejects inputs of the wrong shape and lengths outside [1, steps]', () => {
    const model = createScratchElman({ inputSize: 2, units: 3, outputSize: 1 }, createRng(1));
    const x = paddedInputs([2, 3], 3, 2, 1);
    expect(() => scratchForward(model, { data: x.data, shape: [2, 3, 1] }, [2, 3])).toThrow(
      /shape \[batch, steps, 2\]/,
    );
    expect(() => scratchForward(model, x, [2])).toThrow(/lengths must hold 2 values/);
    expect(() => scratchForward(model, x, [0, 3])).toThrow(/lengths\[0\] must be an integer in \[1, 3\], got 0/);
    expect(() => scratchForward(model, x, [4, 3])).toThrow(RangeError);
    expect(() => scratchBackward(model, scratchForward(model, x, [2, 3]), [1])).toThrow(/dOutputs must hold 2 values/);
    expect(() => scratchGenerate(model, { data: [1, 2], shape: [1, 2] }, 3)).toThrow(/outputSize must equal inputSize/);
    const generator = createScratchElman({ inputSize: 1, units: 3, outputSize: 1 }, createRng(1));
    expect(() => scratchGenerate(generator, { data: [1], shape: [1, 1] }, 0)).toThrow(/steps must be an integer >= 1/);
    expect(() => scratchGenerate(generator, { data: [1, 2], shape: [1, 2, 1] }, 3)).toThrow(/first must have shape/);
  });
});

describe('scratchForward', () => {
  it.each(activations)('%s: padded steps change nothing: each sequence equals running it alone', (activation) => {
    const model = createScratchElman({ inputSize: 2, units: 3, outputSize: 2, activation }, createRng(2));
    const lengths = [5, 1, 3];
    const x = paddedInputs(lengths, 5, 2, 3);
    const batched = scratchForward(model, x, lengths);
    lengths.forEach((length, b) => {
      const alone = scratchForward(
        model,
        { data: (x.data as Float64Array).slice(b * 5 * 2, (b * 5 + length) * 2), shape: [1, length, 2] },
        [length],
      );
      expect(Array.from(batched.outputs.subarray(b * 2, b * 2 + 2))).toEqual(Array.from(alone.outputs));
    });
    // The state after the last step is the one at each sequence's end, not a zero.
    expect(batched.outputs.some((v) => v === 0)).toBe(false);
  });
});

describe('gradient check (central differences, float64)', () => {
  it.each(activations)('%s classifier over ragged lengths, binary cross-entropy', (activation) => {
    const model = createScratchElman(
      { inputSize: 2, units: 3, outputSize: 1, activation, output: 'sigmoid' },
      createRng(3).fork('init'),
    );
    const lengths = [4, 1, 3, 2];
    const x = paddedInputs(lengths, 4, 2, 4);
    const labels = [1, 0, 1, 0];
    const loss = () => scratchBinaryCrossEntropy(scratchForward(model, x, lengths).outputs, labels).loss;
    const pass = scratchForward(model, x, lengths);
    const analytic = scratchBackward(model, pass, scratchBinaryCrossEntropy(pass.outputs, labels).gradient);
    expect(largestRelativeError(analytic, numericGradients(model, loss))).toBeLessThan(1e-6);
    // Garbage in the padding reaches no gradient: every weight still has one.
    expect(scratchWeightList(analytic).every((g) => g.every(Number.isFinite))).toBe(true);
  });

  it.each(activations)('%s generator with fed-back outputs, mean squared error', (activation) => {
    const model = createScratchElman({ inputSize: 1, units: 3, outputSize: 1, activation }, createRng(5).fork('init'));
    const first = { data: [0.7, -1.2], shape: [2, 1, 1] };
    const targets = [0.1, 0.5, -0.3, 0.9, 1.4, -0.6, 0.2, 0.8, 0, -1];
    const loss = () => scratchMeanSquaredError(scratchGenerate(model, first, 5).outputs, targets).loss;
    const pass = scratchGenerate(model, first, 5);
    const analytic = scratchGenerateBackward(model, pass, scratchMeanSquaredError(pass.outputs, targets).gradient);
    expect(largestRelativeError(analytic, numericGradients(model, loss))).toBeLessThan(1e-6);
  });

  it('a two-feature generator (feedback of a vector)', () => {
    const model = createScratchElman({ inputSize: 2, units: 4, outputSize: 2 }, createRng(6).fork('init'));
    const first = { data: [0.3, -0.8, 1.1, 0.4, -0.2, 0.9], shape: [3, 2] };
    const targets = Array.from({ length: 3 * 4 * 2 }, (_, i) => Math.sin(i));
    const loss = () => scratchMeanSquaredError(scratchGenerate(model, first, 4).outputs, targets).loss;
    const pass = scratchGenerate(model, first, 4);
    const analytic = scratchGenerateBackward(model, pass, scratchMeanSquaredError(pass.outputs, targets).gradient);
    expect(largestRelativeError(analytic, numericGradients(model, loss))).toBeLessThan(1e-6);
  });

  it('the check itself fails on a wrong gradient: one without the feedback path', () => {
    const model = createScratchElman({ inputSize: 1, units: 3, outputSize: 1 }, createRng(5).fork('init'));
    const first = { data: [0.7], shape: [1, 1] };
    const targets = [0.1, 0.5, -0.3];
    const pass = scratchGenerate(model, first, 3);
    const dOutputs = scratchMeanSquaredError(pass.outputs, targets).gradient;
    const withFeedback = scratchGenerateBackward(model, pass, dOutputs);
    // Treating every fed-back input as data is the classic bug: the same loss seen as a sequence pass.
    const asData = scratchForward(model, { data: pass.inputs, shape: [1, 3, 1] }, [3]);
    expect(asData.outputs[0]).toBeCloseTo(pass.outputs[2], 12);
    const detached = scratchBackward(model, asData, [dOutputs[2]]);
    expect(largestRelativeError(detached, withFeedback)).toBeGreaterThan(1e-3);
    const perturbed = { ...withFeedback, wh: withFeedback.wh.map((g, i) => (i === 0 ? g * (1 + 1e-4) : g)) };
    expect(largestRelativeError(perturbed, withFeedback)).toBeGreaterThan(1e-6);
  });
});

describe('scratchGenerate', () => {
  it('feeds each output back as the next input and carries the state', () => {
    const model = createScratchElman({ inputSize: 1, units: 4, outputSize: 1, activation: 'linear' }, createRng(9));
    const pass = scratchGenerate(model, { data: [3, -2], shape: [2, 1, 1] }, 4);
    expect(pass.inputs[0]).toBe(3);
    expect(pass.inputs[4]).toBe(-2);
    for (let b = 0; b < 2; b++) {
      for (let t = 1; t < 4; t++) expect(pass.inputs[b * 4 + t]).toBe(pass.outputs[b * 4 + t - 1]);
    }
    // The state is not reset between steps: step 1 from a zero state would give another output.
    const restarted = scratchGenerate(model, { data: [pass.outputs[0]], shape: [1, 1] }, 1);
    expect(Math.abs(restarted.outputs[0] - pass.outputs[1])).toBeGreaterThan(1e-6);
  });
});

describe('scratch adam', () => {
  it('takes PyTorch Adam steps: lr * sign(g) first, then the bias-corrected ratio', () => {
    const p = Float64Array.from([1, -2]);
    const adam = createScratchAdam([p], { learningRate: 0.1 });
    adam.step([Float64Array.from([0.5, -3])]);
    expect(p[0]).toBeCloseTo(0.9, 6);
    expect(p[1]).toBeCloseTo(-1.9, 6);
    adam.step([Float64Array.from([1, 0])]);
    // torch.optim.Adam(lr=0.1) after grads [0.5, -3] then [1, 0]:
    const m = 0.9 * 0.05 + 0.1 * 1;
    const v = 0.999 * 0.00025 + 0.001 * 1;
    const afterFirst = 1 - (0.1 * 0.5) / (0.5 + 1e-8);
    const expected = afterFirst - (0.1 * (m / (1 - 0.81))) / (Math.sqrt(v / (1 - 0.999 ** 2)) + 1e-8);
    expect(p[0]).toBeCloseTo(expected, 10);
    expect(adam.steps).toBe(2);
  });

  it('clips the global norm: the same as Adam on the scaled gradients, and reports the norm', () => {
    const clipped = Float64Array.from([1, 1]);
    const plain = Float64Array.from([1, 1]);
    const a = createScratchAdam([clipped], { learningRate: 0.1, clipNorm: 1 });
    const b = createScratchAdam([plain], { learningRate: 0.1 });
    expect(a.step([Float64Array.from([6, 8])])).toBeCloseTo(10, 12);
    b.step([Float64Array.from([0.6, 0.8])]);
    a.step([Float64Array.from([0.3, -0.4])]);
    b.step([Float64Array.from([0.3, -0.4])]);
    expect(Array.from(clipped)).toEqual(Array.from(plain).map((v) => expect.closeTo(v, 12)));
    const unclipped = Float64Array.from([1, 1]);
    const c = createScratchAdam([unclipped], { learningRate: 0.1 });
    c.step([Float64Array.from([6, 8])]);
    c.step([Float64Array.from([0.3, -0.4])]);
    expect(Math.abs(unclipped[1] - clipped[1])).toBeGreaterThan(1e-3);
  });

  it('rejects bad options and mismatched gradients', () => {
    expect(() => createScratchAdam([new Float64Array(2)], { learningRate: 0 })).toThrow(
      'scratch adam: learningRate must be a finite number > 0, got 0',
    );
    expect(() => createScratchAdam([new Float64Array(2)], { beta1: 1 })).toThrow(
      'scratch adam: beta1 must be a finite number in [0, 1), got 1',
    );
    expect(() => createScratchAdam([new Float64Array(2)], { clipNorm: -1 })).toThrow(
      'scratch adam: clipNorm must be a finite number > 0, got -1',
    );
    expect(() => createScratchAdam([[1, 2] as unknown as Float64Array])).toThrow(/array of Float64Array/);
    const adam = createScratchAdam([new Float64Array(2)]);
    expect(() => adam.step([new Float64Array(3)])).toThrow(/sizes \[2\], got \[3\]/);
  });
});

describe.each(['reference', 'js'] as SequenceKernelChoice[])(
  'held equal to the tfjs elman cell (%s kernel)',
  (kernel) => {
    beforeAll(() => useSequenceKernel(kernel));
    afterAll(() => useSequenceKernel('auto'));

    it.each(activations)(
      '%s: the same hidden states on the same weights, ragged lengths, no tensor leak',
      (activation) => {
        const spec = { inputSize: 3, units: 4, outputSize: 1, activation };
        const scratch = createScratchElman(spec, createRng(11).fork('init'));
        const cell = createCell({ kind: 'elman', units: 4, inputSize: 3, activation }, createRng(99).fork('init'));
        const lengths = [6, 1, 4];
        const x = paddedInputs(lengths, 6, 3, 12);
        const before = tf.memory().numTensors;
        const [kernelVar, recurrentVar, biasVar] = cell.weights;
        tf.tidy(() => {
          kernelVar.assign(tf.tensor(Float32Array.from(scratch.wx), [3, 4], 'float32'));
          recurrentVar.assign(tf.tensor(Float32Array.from(scratch.wh), [4, 4], 'float32'));
          biasVar.assign(tf.tensor(Float32Array.from(scratch.b), [4], 'float32'));
        });
        const { outputs, finals } = tf.tidy(() => {
          const result = cell.forward(tf.tensor3d(Float32Array.from(x.data), [3, 6, 3]), {
            lengths: tf.tensor1d(lengths, 'int32'),
          });
          return { outputs: result.outputs.arraySync(), finals: result.state[0].arraySync() };
        });
        expect(tf.memory().numTensors).toBe(before);
        const pass = scratchForward(scratch, x, lengths);
        const state = (b: number, t: number) => Array.from(pass.states.subarray((b * 7 + t) * 4, (b * 7 + t + 1) * 4));
        let largest = 0;
        lengths.forEach((length, b) => {
          for (let t = 0; t < 6; t++) {
            const expected = t < length ? state(b, t + 1) : [0, 0, 0, 0];
            outputs[b][t].forEach((v, j) => (largest = Math.max(largest, Math.abs(v - expected[j]))));
          }
          finals[b].forEach((v, j) => (largest = Math.max(largest, Math.abs(v - state(b, length)[j]))));
        });
        expect(largest).toBeLessThan(1e-5);
        // The comparison can fail: the states are not trivially small, and other weights give others.
        expect(Math.max(...pass.states.map(Math.abs))).toBeGreaterThan(0.1);
        const other = scratchForward(createScratchElman(spec, createRng(12).fork('init')), x, lengths);
        expect(Math.max(...other.states.map((v, i) => Math.abs(v - pass.states[i])))).toBeGreaterThan(1e-2);
        cell.dispose();
      },
    );
  },
);

describe('source', () => {
  it('never imports tfjs: the scratch model is plain TypeScript', () => {
    for (const file of ['scratch-elman.ts', 'scratch-adam.ts']) {
      expect(readFileSync(join(__dirname, file), 'utf8')).not.toMatch(/@tensorflow/);
    }
  });
});
