import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { buildModel, SequenceModel } from '@rnn/models';
import { angleOfFrequency, elmanDynamics, formatEigenvalues } from './sine-study';
import { eigenvalues } from './eigenvalues';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the sine study', () => {
  it('reads the closed-loop matrix so that feeding the output back steps the state by it', () => {
    const model = buildModel(
      {
        architecture: 'tagger',
        input: { type: 'dense', features: 1 },
        rnn: { kind: 'elman', units: 3, layers: 1, activation: 'linear' },
        outputSize: 1,
      },
      createRng(7).fork('init'),
    );
    if (!(model instanceof SequenceModel)) throw new Error('expected a sequence model');
    const { closedLoop } = elmanDynamics(model);
    // One closed-loop step from h (the output y = h Wy + by read from h, then fed in) and from 0:
    // the difference is h M.
    const h = [[0.3, -0.2, 0.5]];
    const stepFrom = (state: number[][]) =>
      tf.tidy(() => {
        const y = model.head.apply(tf.tensor2d(state));
        const fed = model.step(y, [[tf.tensor2d(state)]]).states[0][0];
        return fed.arraySync() as number[][];
      });
    const moved = stepFrom(h)[0];
    const still = stepFrom([[0, 0, 0]])[0];
    const expected = [0, 1, 2].map((j) => h[0].reduce((s, v, i) => s + v * closedLoop[i][j], 0));
    moved.forEach((v, j) => expect(v - still[j]).toBeCloseTo(expected[j], 5));
    model.dispose();
  });

  it('rejects a model that is not a one-layer Elman sequence model', () => {
    const model = buildModel(
      { architecture: 'tagger', input: { type: 'dense', features: 1 }, rnn: { kind: 'lstm', units: 2 }, outputSize: 1 },
      createRng(1),
    );
    expect(() => elmanDynamics(model)).toThrow('model must be a one-layer Elman sequence model');
    model.dispose();
  });

  it('names the angle a frequency needs, and shows a conjugate pair once', () => {
    expect(angleOfFrequency(1, 0.1)).toBeCloseTo(0.6283, 4);
    const angle = angleOfFrequency(1, 0.1);
    const pairAndReal = eigenvalues([
      [Math.cos(angle), -Math.sin(angle), 0],
      [Math.sin(angle), Math.cos(angle), 0],
      [0, 0, -0.5],
    ]);
    expect(formatEigenvalues(pairAndReal)).toBe('1.000∠±0.628, 0.500∠3.142');
  });
});
