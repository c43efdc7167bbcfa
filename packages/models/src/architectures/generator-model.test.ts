import * as tf from '@tensorflow/tfjs';
import { createRng, wavesTask } from '@rnn/datasets';
import type { CellState } from '../cells/recurrent-cell';
import { generatorInjects, type GeneratorInject, type GeneratorModelSpec } from './generator-spec';
import { GeneratorModel } from './generator-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const expectClose = (actual: number[], expected: number[], digits = 5) =>
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));

const specFor = (inject: GeneratorInject, rnn: GeneratorModelSpec['rnn'] = { kind: 'lstm', units: 6, layers: 2 }) =>
  ({ architecture: 'generator', inputFeatures: 3, rnn, outputSize: 2, inject, steps: 5 }) as GeneratorModelSpec;

// One one-hot vector per sequence, as the waves task gives it ([batch, 1, features]).
const oneHots = () => tf.tensor3d([[[1, 0, 0]], [[0, 0, 1]]]);

/** The definition forward() must match, written out one step at a time from the model's parts. */
function stepByHand(model: GeneratorModel, x: tf.Tensor2D, steps: number): number[][][] {
  return tf.tidy(() => {
    const { inject, outputSize } = model.spec;
    const batch = x.shape[0];
    let states: CellState[] = model.stack.initialStates(batch);
    if (inject === 'init') states[0] = [model.projection!.apply(x), ...states[0].slice(1)];
    let previous = tf.zeros([batch, outputSize]) as tf.Tensor2D;
    const rows: tf.Tensor2D[] = [];
    for (let t = 0; t < steps; t++) {
      let input = previous;
      if (inject === 'pre' && t === 0) input = model.projection!.apply(x);
      if (inject === 'par') input = tf.concat([previous, x], 1);
      const step = model.stack.step(input, states);
      states = step.states;
      previous = model.head.apply(step.output);
      rows.push(previous);
    }
    return tf.stack(rows, 1).arraySync() as number[][][];
  });
}

describe('GeneratorModel', () => {
  it.each(generatorInjects)(
    '%s-inject: outputs [batch, steps, outputSize], equal to feeding back each output by hand',
    (inject) => {
      const model = new GeneratorModel(specFor(inject), createRng(1).fork('init'));
      const x3 = oneHots();
      const x2 = tf.squeeze(x3, [1]) as tf.Tensor2D;
      const logits = model.forward(x3).logits;
      expect(logits.shape).toEqual([2, 5, 2]);
      expect(Array.from(model.forward(x2).logits.dataSync())).toEqual(Array.from(logits.dataSync()));
      const byHand = stepByHand(model, x2, 5);
      (logits.arraySync() as number[][][]).forEach((row, b) => row.forEach((y, t) => expectClose(y, byHand[b][t])));
      expect(model.forward(x3, undefined, { targetSteps: 7 }).logits.shape).toEqual([2, 7, 2]);
      expect(model.forward(x3, undefined, { targets: tf.zeros([2, 3, 2]) }).logits.shape).toEqual([2, 3, 2]);
      model.dispose();
    },
  );

  it.each(generatorInjects)('%s-inject: the outputs depend on x, and on the step (fed-back output)', (inject) => {
    const model = new GeneratorModel(specFor(inject), createRng(2).fork('init'));
    const y = model.forward(oneHots()).logits.arraySync();
    // Row 0 and row 1 differ only in x.
    for (let t = 0; t < 5; t++)
      expect(Math.max(...y[0][t].map((v, i) => Math.abs(v - y[1][t][i])))).toBeGreaterThan(1e-5);
    // The output moves from step to step: the model is not stuck repeating one value.
    expect(Math.max(...y[0][1].map((v, i) => Math.abs(v - y[0][0][i])))).toBeGreaterThan(1e-5);
    model.dispose();
  });

  it('init, pre and par inject are different architectures', () => {
    const shapes = generatorInjects.map((inject) => {
      const model = new GeneratorModel(specFor(inject, { kind: 'gru', units: 4 }), createRng(3).fork('init'));
      const result = {
        weights: model.weights.map((w) => w.shape),
        y: Array.from(model.forward(oneHots()).logits.dataSync()),
      };
      model.dispose();
      return result;
    });
    // init: x -> units; pre: x -> outputSize; par: x read raw beside the fed-back output.
    expect(shapes[0].weights.slice(0, 3)).toEqual([[3, 4], [4], [2, 12]]);
    expect(shapes[1].weights.slice(0, 3)).toEqual([[3, 2], [2], [2, 12]]);
    expect(shapes[2].weights[0]).toEqual([5, 12]);
    expect(shapes[0].y).not.toEqual(shapes[2].y);
    expect(shapes[0].y).not.toEqual(shapes[1].y);
  });

  it("returns every layer's hidden state at every step on request", () => {
    const model = new GeneratorModel(specFor('par'), createRng(4));
    const { logits, hidden } = model.forward(oneHots(), undefined, { returnHidden: true });
    expect(logits.shape).toEqual([2, 5, 2]);
    expect(hidden?.map((h) => h.shape)).toEqual([
      [2, 5, 6],
      [2, 5, 6],
    ]);
    model.dispose();
  });

  it.each(generatorInjects)('%s-inject: gradients reach every weight, and nothing leaks', (inject) => {
    const model = new GeneratorModel(specFor(inject), createRng(5).fork('init'));
    const x = oneHots();
    const target = tf.randomNormal([2, 5, 2], 0, 1, 'float32', 6);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.losses.meanSquaredError(target, model.forward(x).logits) as tf.Scalar,
      model.weights,
    );
    expect(Object.keys(grads)).toHaveLength(model.weights.length);
    for (const w of model.weights) {
      expect(tf.tidy(() => tf.max(tf.abs(grads[w.name])).dataSync()[0])).toBeGreaterThan(0);
    }
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('keeps tf.memory().numTensors flat across forward and the disposal of its results', () => {
    const model = new GeneratorModel(specFor('init', { kind: 'gru', units: 5, layers: 2, dropout: 0.3 }), createRng(7));
    const x = oneHots();
    const before = tf.memory().numTensors;
    const results = [
      model.forward(x),
      model.forward(x, tf.tensor1d([1, 1], 'int32'), { dropoutRng: createRng(8), returnHidden: true }),
    ];
    tf.dispose(results.flatMap((r) => [r.logits, ...(r.hidden ?? [])]));
    // The lengths tensor made above is the caller's: one tensor more, and nothing else.
    expect(tf.memory().numTensors).toBe(before + 1);
    model.dispose();
  });

  it('is deterministic for a seed, and applies seeded dropout between layers only when asked', () => {
    const spec = specFor('pre', { kind: 'simple', units: 8, layers: 2, dropout: 0.5 });
    const a = new GeneratorModel(spec, createRng(9).fork('init'));
    const b = new GeneratorModel(spec, createRng(9).fork('init'));
    const x = oneHots();
    const plain = Array.from(a.forward(x).logits.dataSync());
    expect(Array.from(b.forward(x).logits.dataSync())).toEqual(plain);
    const dropA = Array.from(a.forward(x, undefined, { dropoutRng: createRng(10) }).logits.dataSync());
    const dropB = Array.from(b.forward(x, undefined, { dropoutRng: createRng(10) }).logits.dataSync());
    expect(dropA).toEqual(dropB);
    expect(dropA).not.toEqual(plain);
    a.dispose();
    b.dispose();
  });

  it('rejects bad specs and inputs with a RangeError naming the field', () => {
    const rng = createRng(0);
    const base = specFor('init');
    const build = (spec: unknown) => () => new GeneratorModel(spec as GeneratorModelSpec, rng);
    expect(build({ ...base, architecture: 'seq2seq' })).toThrow(/architecture must be generator, got "seq2seq"/);
    expect(build({ ...base, inject: 'post' })).toThrow(/inject must be one of init, pre, par, got "post"/);
    expect(build({ ...base, inputFeatures: 0 })).toThrow(/inputFeatures must be an integer >= 1, got 0/);
    expect(build({ ...base, outputSize: 2.5 })).toThrow(/outputSize must be an integer >= 1, got 2.5/);
    expect(build({ ...base, steps: -1 })).toThrow(/steps must be an integer >= 1, got -1/);
    expect(build({ ...base, rnn: null })).toThrow(/rnn must be a stack spec/);
    expect(build({ ...base, rnn: { kind: 'lstm', units: 0 } })).toThrow(/cell units must be an integer >= 1/);
    expect(build({ ...base, rnn: { kind: 'lstm', units: 3, dropout: 1 } })).toThrow(/dropout must be in \[0, 1\)/);
    const model = new GeneratorModel(base, rng);
    expect(() => model.forward(tf.zeros([2, 4]))).toThrow(
      /generator input must have shape \[batch, 3\] or \[batch, 1, 3\], got \[2,4\]/,
    );
    expect(() => model.forward(tf.zeros([2, 2, 3]))).toThrow(/generator input must have shape/);
    expect(() => model.forward(tf.zeros([2, 3]), undefined, { targetSteps: 0 })).toThrow(
      /targetSteps must be an integer >= 1, got 0/,
    );
    model.dispose();
  });

  it('learns the oscillator: init-inject, three frequencies, fed its own outputs', () => {
    const length = 10;
    const data = wavesTask({ n: 24, frequencies: [1, 2, 3], length }, createRng('waves').fork('data'));
    const x = tf.tensor3d(data.inputs.data as Float32Array, [24, 1, 3]);
    const y = tf.tensor3d(data.targets.data as Float32Array, [24, length, 1]);
    const model = new GeneratorModel(
      {
        architecture: 'generator',
        inputFeatures: 3,
        rnn: { kind: 'simple', units: 16 },
        outputSize: 1,
        inject: 'init',
        steps: length,
      },
      createRng('waves').fork('init'),
    );
    const mse = () => tf.tidy(() => tf.losses.meanSquaredError(y, model.forward(x).logits).dataSync()[0]);
    const untrained = mse();
    const optimizer = tf.train.adam(0.02);
    for (let step = 0; step < 60; step++) {
      tf.tidy(() => {
        optimizer.minimize(() => tf.losses.meanSquaredError(y, model.forward(x).logits) as tf.Scalar);
      });
    }
    const trained = mse();
    // A wave's mean square is 0.5: predicting silence scores about that.
    expect(trained).toBeLessThan(0.02);
    expect(trained).toBeLessThan(untrained / 10);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
});
