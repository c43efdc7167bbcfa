import * as tf from '@tensorflow/tfjs';
import { copyTask, createRng } from '@rnn/datasets';
import type { CellState } from '../cells/recurrent-cell';
import type { Seq2SeqModelSpec } from './seq2seq-spec';
import { Seq2SeqModel, seq2seqStartId } from './seq2seq-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const expectClose = (actual: number[], expected: number[], digits = 5) =>
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));

const ids = (rows: number[][]) => tf.tensor2d(rows, undefined, 'int32');

const teacherSpec: Seq2SeqModelSpec = {
  architecture: 'seq2seq',
  input: { type: 'embedding', vocabSize: 5, dim: 3 },
  rnn: { kind: 'lstm', units: 6, layers: 2 },
  outputSize: 5,
  decoderInput: 'teacher-forcing',
  targetSteps: 4,
};
const zerosSpec: Seq2SeqModelSpec = {
  architecture: 'seq2seq',
  input: { type: 'onehot', vocabSize: 4 },
  rnn: { kind: 'gru', units: 5, layers: 2 },
  outputSize: 4,
  decoderInput: 'zeros',
  targetSteps: 3,
};

// Two sequences of different lengths, padded with the stop/padding id 0.
const source = () =>
  ids([
    [1, 2, 3, 0, 0],
    [3, 1, 0, 0, 0],
  ]);
const sourceLengths = () => tf.tensor1d([4, 3], 'int32');

/**
 * The definition forward() must match: sequence b alone, its encoder stepped for its own length,
 * then its decoder stepped once per target step, reading `previous(t)` (teacher ids or nothing).
 */
function stepAlone(model: Seq2SeqModel, x: tf.Tensor2D, b: number, length: number, targets?: number[]): number[][] {
  return tf.tidy(() => {
    let states: CellState[] = model.encoder.initialStates(1);
    for (let t = 0; t < length; t++) {
      const xt = model.inputEncoder.encode(tf.slice(x, [b, t], [1, 1]));
      states = model.encoder.step(tf.squeeze(xt, [1]) as tf.Tensor2D, states).states;
    }
    const rows: number[][] = [];
    const steps = targets?.length ?? model.spec.targetSteps;
    for (let t = 0; t < steps; t++) {
      const previous = tf.tensor1d([t === 0 || !targets ? seq2seqStartId : targets[t - 1]], 'int32');
      const step = model.decodeStep(states, previous);
      states = step.states;
      rows.push(Array.from(step.logits.dataSync()));
    }
    return rows;
  });
}

describe('Seq2SeqModel', () => {
  it('gives logits [batch, targetSteps, outputSize], the steps taken from the options, the targets or the spec', () => {
    const model = new Seq2SeqModel(teacherSpec, createRng(1).fork('init'));
    const x = source();
    const lengths = sourceLengths();
    expect(model.forward(x, lengths).logits.shape).toEqual([2, 4, 5]);
    expect(
      model.forward(x, lengths, {
        targets: ids([
          [1, 2, 0],
          [3, 0, 0],
        ]),
      }).logits.shape,
    ).toEqual([2, 3, 5]);
    expect(model.forward(x, lengths, { targetSteps: 6 }).logits.shape).toEqual([2, 6, 5]);
    expect(model.greedyDecode(x, lengths).shape).toEqual([2, 4]);
    expect(model.greedyDecode(x, lengths).dtype).toBe('int32');
    const zeros = new Seq2SeqModel(zerosSpec, createRng(1).fork('init'));
    expect(zeros.forward(x, lengths).logits.shape).toEqual([2, 3, 4]);
    expect(
      zeros.forward(x, lengths, {
        targets: ids([
          [1, 0],
          [2, 0],
        ]),
      }).logits.shape,
    ).toEqual([2, 2, 4]);
    model.dispose();
    zeros.dispose();
  });

  it.each([
    ['teacher-forcing', teacherSpec],
    ['zeros', zerosSpec],
  ])('%s: forward over padded batches equals stepping each sequence alone', (_, spec) => {
    const model = new Seq2SeqModel(spec, createRng(2).fork('init'));
    const x = source();
    const targets = [
      [2, 3, 1, 0],
      [1, 2, 0, 0],
    ].map((row) => row.slice(0, spec.targetSteps));
    const options = spec.decoderInput === 'teacher-forcing' ? { targets: ids(targets) } : {};
    const whole = model.forward(x, sourceLengths(), options).logits.arraySync();
    [4, 3].forEach((length, b) => {
      const alone = stepAlone(model, x, b, length, spec.decoderInput === 'teacher-forcing' ? targets[b] : undefined);
      alone.forEach((row, t) => expectClose(whole[b][t], row));
    });
    // Reading past the end would change the encoder's state: lengths matter.
    const unmasked = model.forward(x, undefined, options).logits.arraySync();
    expect(Math.abs(unmasked[1][0][0] - whole[1][0][0])).toBeGreaterThan(1e-6);
    model.dispose();
  });

  it('teacher forcing reads the given targets one step late; zeros ignores their values', () => {
    const model = new Seq2SeqModel(teacherSpec, createRng(3).fork('init'));
    const x = source();
    const lengths = sourceLengths();
    const a = model
      .forward(x, lengths, {
        targets: ids([
          [1, 2, 3, 4],
          [4, 3, 2, 1],
        ]),
      })
      .logits.arraySync();
    const b = model
      .forward(x, lengths, {
        targets: ids([
          [1, 4, 3, 4],
          [4, 3, 2, 1],
        ]),
      })
      .logits.arraySync();
    // Target step 1 changed in row 0: steps 0 and 1 cannot see it, step 2 reads it, row 1 is untouched.
    expectClose(b[0][0], a[0][0]);
    expectClose(b[0][1], a[0][1]);
    expect(Math.max(...b[0][2].map((v, i) => Math.abs(v - a[0][2][i])))).toBeGreaterThan(1e-4);
    b[1].forEach((row, t) => expectClose(row, a[1][t]));
    model.dispose();

    const zeros = new Seq2SeqModel(zerosSpec, createRng(3).fork('init'));
    const z1 = zeros
      .forward(x, lengths, {
        targets: ids([
          [1, 2, 3],
          [3, 2, 1],
        ]),
      })
      .logits.dataSync();
    const z2 = zeros
      .forward(x, lengths, {
        targets: ids([
          [3, 3, 3],
          [0, 0, 0],
        ]),
      })
      .logits.dataSync();
    const z3 = zeros.forward(x, lengths).logits.dataSync();
    expect(Array.from(z2)).toEqual(Array.from(z1));
    expect(Array.from(z3)).toEqual(Array.from(z1));
    // Its greedy decoding is the argmax of that one run: there is nothing to feed back.
    expect(zeros.greedyDecode(x, lengths).arraySync()).toEqual(
      tf.argMax(zeros.forward(x, lengths).logits, 2).arraySync(),
    );
    zeros.dispose();
  });

  it('without targets a teacher-forced model decodes greedily: its own argmax fed back, one step per token', () => {
    const model = new Seq2SeqModel(
      { ...teacherSpec, input: { type: 'onehot', vocabSize: 5 }, rnn: { kind: 'elman', units: 8 } },
      createRng(4).fork('init'),
    );
    const x = source();
    const lengths = sourceLengths();
    const free = model.forward(x, lengths).logits;
    const decoded = model.greedyDecode(x, lengths);
    // The manual loop: encode once, then feed each step's argmax to the next.
    let states = model.encode(x, lengths);
    let previous = tf.fill([2], seq2seqStartId, 'int32') as tf.Tensor1D;
    const freeRows = free.arraySync();
    const manualIds: number[][] = [[], []];
    for (let t = 0; t < teacherSpec.targetSteps; t++) {
      const step = model.decodeStep(states, previous);
      states = step.states;
      previous = tf.argMax(step.logits, 1) as tf.Tensor1D;
      const logits = step.logits.arraySync();
      const chosen = previous.arraySync();
      for (let b = 0; b < 2; b++) {
        expectClose(freeRows[b][t], logits[b]);
        manualIds[b].push(chosen[b]);
      }
    }
    expect(decoded.arraySync()).toEqual(manualIds);
    expect(tf.argMax(free, 2).arraySync()).toEqual(manualIds);
    // Teacher-forcing the model with its own predictions is the same computation as running freely.
    const forced = model.forward(x, lengths, { targets: decoded }).logits.arraySync();
    forced.forEach((row, b) => row.forEach((logits, t) => expectClose(logits, freeRows[b][t])));
    model.dispose();
  });

  it('returns the hidden states of every encoder and decoder layer on request', () => {
    const model = new Seq2SeqModel(teacherSpec, createRng(5).fork('init'));
    const x = source();
    const forced = model.forward(x, sourceLengths(), {
      targets: ids([
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ]),
      returnHidden: true,
    });
    const free = model.forward(x, sourceLengths(), { returnHidden: true });
    for (const result of [forced, free]) {
      expect(result.hidden?.map((h) => h.shape)).toEqual([
        [2, 5, 6],
        [2, 5, 6],
      ]);
      expect(result.decoderHidden?.map((h) => h.shape)).toEqual([
        [2, 4, 6],
        [2, 4, 6],
      ]);
    }
    model.dispose();
  });

  it.each([
    ['teacher-forcing (embedding)', teacherSpec],
    ['zeros (onehot)', zerosSpec],
  ])('%s: gradients reach every weight that can learn, and nothing leaks', (_, spec) => {
    const model = new Seq2SeqModel(spec, createRng(6).fork('init'));
    const x = source();
    const lengths = sourceLengths();
    const targets = ids([[1, 2, 3, 0].slice(0, spec.targetSteps), [3, 1, 0, 0].slice(0, spec.targetSteps)]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () =>
        tf.losses.softmaxCrossEntropy(
          tf.oneHot(targets, spec.outputSize),
          model.forward(x, lengths, { targets }).logits,
        ) as tf.Scalar,
      model.weights,
    );
    expect(Object.keys(grads)).toHaveLength(model.weights.length);
    // The zeros decoder's first-layer kernel only ever multiplies zeros: it is the one weight that cannot learn.
    const deadKernel = spec.decoderInput === 'zeros' ? model.decoder.cells[0].weights[0] : undefined;
    for (const w of model.weights) {
      const size = tf.tidy(() => tf.max(tf.abs(grads[w.name])).dataSync()[0]);
      if (w === deadKernel) expect(size).toBe(0);
      else expect(size).toBeGreaterThan(0);
    }
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('keeps tf.memory().numTensors flat across forward, decoding and dispose', () => {
    const x = source();
    const lengths = sourceLengths();
    const targets = ids([
      [1, 2, 3, 4],
      [4, 3, 2, 1],
    ]);
    const before = tf.memory().numTensors;
    const model = new Seq2SeqModel({ ...teacherSpec, rnn: { ...teacherSpec.rnn, dropout: 0.3 } }, createRng(7));
    const results = [
      model.forward(x, lengths, { targets, dropoutRng: createRng(8) }),
      model.forward(x, lengths, { returnHidden: true }),
      model.forward(x, lengths, { targets, returnHidden: true }),
    ];
    tf.dispose(results.flatMap((r) => [r.logits, ...(r.hidden ?? []), ...(r.decoderHidden ?? [])]));
    tf.dispose(model.greedyDecode(x, lengths));
    const start = tf.fill([2], seq2seqStartId, 'int32') as tf.Tensor1D;
    const states = model.encode(x, lengths);
    const step = model.decodeStep(states, start);
    tf.dispose([start, ...states.flat(), ...step.states.flat(), step.logits]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic for a seed, and applies seeded dropout only when asked', () => {
    const spec = { ...teacherSpec, rnn: { ...teacherSpec.rnn, dropout: 0.5 } };
    const a = new Seq2SeqModel(spec, createRng(9).fork('init'));
    const b = new Seq2SeqModel(spec, createRng(9).fork('init'));
    const x = source();
    const lengths = sourceLengths();
    const targets = ids([
      [1, 2, 3, 4],
      [4, 3, 2, 1],
    ]);
    const plain = Array.from(a.forward(x, lengths, { targets }).logits.dataSync());
    expect(Array.from(b.forward(x, lengths, { targets }).logits.dataSync())).toEqual(plain);
    const dropA = Array.from(a.forward(x, lengths, { targets, dropoutRng: createRng(10) }).logits.dataSync());
    const dropB = Array.from(b.forward(x, lengths, { targets, dropoutRng: createRng(10) }).logits.dataSync());
    expect(dropA).toEqual(dropB);
    expect(dropA).not.toEqual(plain);
    a.dispose();
    b.dispose();
  });

  it('rejects bad specs and arguments with a RangeError naming the field', () => {
    const rng = createRng(0);
    const build = (spec: unknown) => () => new Seq2SeqModel(spec as Seq2SeqModelSpec, rng);
    expect(build({ ...zerosSpec, architecture: 'tagger' })).toThrow(/architecture must be seq2seq, got "tagger"/);
    expect(build({ ...zerosSpec, decoderInput: 'repeat' })).toThrow(
      /decoderInput must be one of zeros, teacher-forcing, got "repeat"/,
    );
    expect(build({ ...zerosSpec, targetSteps: 0 })).toThrow(/targetSteps must be an integer >= 1, got 0/);
    expect(build({ ...zerosSpec, outputSize: 1.5 })).toThrow(/outputSize must be an integer >= 1, got 1.5/);
    expect(build({ ...teacherSpec, targetVocabSize: 3 })).toThrow(
      /targetVocabSize must be an integer >= outputSize \(5\)/,
    );
    expect(build({ ...zerosSpec, rnn: undefined })).toThrow(/rnn must be a stack spec/);
    expect(build({ ...zerosSpec, rnn: { kind: 'cnn', units: 3 } })).toThrow(/cell kind must be one of/);
    expect(build({ ...zerosSpec, rnn: { kind: 'gru', units: 3, layers: 0 } })).toThrow(
      /layers must be an integer >= 1/,
    );
    expect(build({ ...zerosSpec, input: { type: 'onehot', vocabSize: 0 } })).toThrow(
      /input: vocabSize must be an integer >= 1, got 0/,
    );
    const model = new Seq2SeqModel(teacherSpec, rng);
    const x = source();
    expect(() => model.forward(x, undefined, { targets: tf.zeros([2, 4]) })).toThrow(
      /targets must be int32 ids of shape \[2, 4\]/,
    );
    expect(() => model.forward(x, undefined, { targets: ids([[1, 2, 3]]) })).toThrow(/targets must be int32 ids/);
    expect(() => model.forward(x, undefined, { targetSteps: 0 })).toThrow(/targetSteps must be an integer >= 1/);
    expect(() => model.forward(x, tf.tensor1d([1, 2, 3], 'int32'))).toThrow(/lengths must have shape \[2\]/);
    expect(() => model.decodeStep(model.encoder.initialStates(2))).toThrow(/previous ids int32 \[batch\] are required/);
    expect(() => model.decodeStep([])).toThrow(/states must hold one state per decoder layer \(2\), got 0/);
    model.dispose();
  });

  it('learns to copy 3-symbol sequences, teacher-forced in training and decoding greedily on fresh data', () => {
    // Small enough to train in seconds on the cpu backend; lengths and masks are covered above.
    const options = { alphabet: 'abc', minLength: 3, maxLength: 3 };
    const data = copyTask({ ...options, n: 256 }, createRng('copy').fork('data'));
    const test = copyTask({ ...options, n: 128 }, createRng('copy').fork('test'));
    const steps = data.targets.shape[1];
    const model = new Seq2SeqModel(
      {
        architecture: 'seq2seq',
        input: { type: 'onehot', vocabSize: 4 },
        rnn: { kind: 'simple', units: 32 },
        outputSize: 4,
        decoderInput: 'teacher-forcing',
        targetSteps: steps,
      },
      createRng('copy').fork('init'),
    );
    const tensors = (d: typeof data) => ({
      x: tf.tensor2d(d.inputs.data as Int32Array, [d.size, d.inputs.shape[1]], 'int32'),
      lengths: tf.tensor1d(d.lengths, 'int32'),
      targets: tf.tensor2d(d.targets.data as Int32Array, [d.size, steps], 'int32'),
      mask: tf.tensor2d(d.targetMask?.data as Float32Array, [d.size, steps]),
    });
    const train = tensors(data);
    const fresh = tensors(test);
    const optimizer = tf.train.adam(0.02);
    const batch = 64;
    for (let step = 0; step < 30; step++) {
      const start = (step * batch) % data.size;
      tf.tidy(() => {
        const rows = (t: tf.Tensor) => tf.slice(t, start, batch);
        const targets = rows(train.targets) as tf.Tensor2D;
        const mask = rows(train.mask);
        optimizer.minimize(() => {
          const logits = model.forward(rows(train.x), rows(train.lengths) as tf.Tensor1D, { targets }).logits;
          const nll = tf.neg(tf.sum(tf.mul(tf.oneHot(targets, 4), tf.logSoftmax(logits)), -1));
          return tf.div(tf.sum(tf.mul(nll, mask)), tf.sum(mask)) as tf.Scalar;
        });
      });
    }
    const [accuracy, exact] = tf.tidy(() => {
      const right = tf.mul(tf.equal(model.greedyDecode(fresh.x, fresh.lengths), fresh.targets).toFloat(), fresh.mask);
      const perRow = tf.equal(tf.sum(right, 1), tf.sum(fresh.mask, 1)).toFloat();
      return [tf.div(tf.sum(right), tf.sum(fresh.mask)).dataSync()[0], tf.mean(perRow).dataSync()[0]];
    });
    expect(accuracy).toBeGreaterThan(0.95);
    expect(exact).toBeGreaterThan(0.85);
    tf.dispose([...Object.values(train), ...Object.values(fresh)]);
    optimizer.dispose();
    model.dispose();
  });
});
