import { GeneratorModel } from '@rnn/models';
import { generateValues } from '../metrics/within-tolerance';
import type { Recipe } from './recipe';

/** Starts past the training range, generated for longer than trained: how far the rule carries. */
const extrapolation = { starts: [100, 101, 102, 103, 104], steps: 8 };

/**
 * Counting (the RNN-from-scratch notebook, one-to-many): an integer n in, n+1..n+5 out, each output
 * fed back as the next input. The model is the notebook's linear Elman layer of 4 units with a
 * linear output; the integer enters as the first input (pre-inject). A linear model can represent
 * "add one" exactly, so it should also count past what it saw: the report generates 8 steps from
 * 100..104, beyond both the trained range and the trained length.
 */
export const countingRecipe: Recipe = {
  name: 'counting',
  source: 'the RNN-from-scratch notebook: counting (one-to-many, linear Elman 4, outputs fed back)',
  description: 'n in 0-99 in, n+1..n+5 out, each output fed back as the next input; linear Elman 4',
  task: { name: 'counting', options: { n: 1000, length: 5, minValue: 0, maxValue: 99 } },
  model: { cell: 'elman', hidden: 4, layers: 1, inject: 'pre' },
  training: { epochs: 60, batchSize: 10, learningRate: 0.03, optimizer: 'adam', schedule: { kind: 'cosine' } },
  target: {
    metric: 'withinTolerance',
    atLeast: 1,
    test: { n: 100, tolerance: 0.5 },
    description: 'every one of n+1..n+5 within +-0.5, for 100 fresh n in 0-99',
  },
  buildSpec: (data, { cell, hidden, layers, inject }) => ({
    architecture: 'generator',
    inputFeatures: data.inputs.shape[2] ?? 1,
    rnn: { kind: cell, units: hidden, layers, ...(cell === 'elman' ? { activation: 'linear' } : {}) },
    outputSize: 1,
    inject: inject ?? 'pre',
    steps: data.targets.shape[1] ?? 1,
  }),
  report: (model) => {
    if (!(model instanceof GeneratorModel)) return {};
    const { starts, steps } = extrapolation;
    const values = generateValues(model, Float32Array.from(starts), [starts.length, 1, 1], steps);
    const rows = starts.map((n, i) => ({
      n,
      generated: Array.from(values.subarray(i * steps, (i + 1) * steps), (v) => Math.round(v * 100) / 100),
    }));
    let worst = 0;
    rows.forEach(({ n, generated }) =>
      generated.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - (n + k + 1))))),
    );
    return { extrapolation: { steps, rows, worstError: Math.round(worst * 1000) / 1000 } };
  },
};
