import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, createTask, type Dataset } from '@rnn/datasets';
import { createScratchElman, scratchGenerate, type ScratchElman } from '@rnn/models';
import { NonFiniteLossError } from '../fit/fit';
import { fitScratch, predictScratch } from './fit-scratch';

const classifier = (seed: number) =>
  createScratchElman({ inputSize: 2, units: 5, outputSize: 1, output: 'sigmoid' }, createRng(seed).fork('init'));
const counter = (seed: number) =>
  createScratchElman({ inputSize: 1, units: 4, outputSize: 1, activation: 'linear' }, createRng(seed).fork('init'));

function accuracy(model: ScratchElman, data: Dataset): number {
  const probabilities = predictScratch(model, data).data;
  let right = 0;
  probabilities.forEach((p, i) => (right += Number(p > 0.5) === data.targets.data[i] ? 1 : 0));
  return right / data.size;
}

/** The largest |generated - (n + k)| over starts n = 0..99 and steps k = 1..steps. */
function worstCountingError(model: ScratchElman, steps: number): number {
  const starts = Float64Array.from({ length: 100 }, (_, n) => n);
  const { outputs } = scratchGenerate(model, { data: starts, shape: [100, 1, 1] }, steps);
  let worst = 0;
  starts.forEach((n) => {
    for (let k = 0; k < steps; k++) worst = Math.max(worst, Math.abs(outputs[n * steps + k] - (n + k + 1)));
  });
  return worst;
}

describe('fitScratch', () => {
  it('learns "increasing sum" (many-to-one, Elman tanh 5, sigmoid) well above chance on fresh data', () => {
    const model = classifier(1);
    const train = createTask('increasing', { n: 2000 }, createRng(1).fork('data'));
    const test = createTask('increasing', { n: 1000 }, createRng(2).fork('data'));
    const untrained = accuracy(model, test);
    const records: number[] = [];
    const { history, stoppedBy } = fitScratch(model, train, {
      epochs: 20,
      batchSize: 32,
      learningRate: 0.01,
      schedule: { kind: 'cosine' },
      rng: createRng(1),
      onEpochEnd: (record) => {
        records.push(record.epoch);
      },
    });
    expect(stoppedBy).toBe('epochs');
    expect(records).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(history[19].loss).toBeLessThan(history[0].loss / 2);
    expect(history.every((r) => r.seconds >= 0 && r.learningRate > 0)).toBe(true);
    expect(untrained).toBeLessThan(0.7);
    expect(accuracy(model, test)).toBeGreaterThan(0.9);
  });

  it('learns counting (one-to-many, linear Elman 4, outputs fed back): n+1..n+5 within ±0.5 for n in 0..99', () => {
    const model = counter(1);
    const train = createTask('counting', { n: 1000 }, createRng(1).fork('data'));
    expect(worstCountingError(model, 5)).toBeGreaterThan(50);
    const { history } = fitScratch(model, train, {
      epochs: 80,
      batchSize: 10,
      learningRate: 0.02,
      schedule: { kind: 'cosine' },
      rng: createRng(1),
    });
    expect(history[79].loss).toBeLessThan(0.01);
    expect(worstCountingError(model, 5)).toBeLessThan(0.5);
    // "Add one" carries past the trained length: 8 generated steps on fresh starts.
    const fresh = createTask('counting', { n: 50 }, createRng(3).fork('data'));
    const generated = predictScratch(model, fresh, { steps: 8 });
    expect(generated.shape).toEqual([50, 8]);
    generated.data.forEach((v, i) => {
      const n = fresh.inputs.data[Math.floor(i / 8)];
      expect(Math.abs(v - (n + (i % 8) + 1))).toBeLessThan(0.5);
    });
  });

  it('gives the same losses bit for bit for one seed, and other losses for another', () => {
    const train = createTask('increasing', { n: 200 }, createRng(4).fork('data'));
    const run = (seed: number) =>
      fitScratch(classifier(4), train, {
        epochs: 3,
        batchSize: 16,
        learningRate: 0.01,
        rng: createRng(seed),
      }).history.map((r) => r.loss);
    expect(run(4)).toEqual(run(4));
    expect(run(5)).not.toEqual(run(4));
  });

  it('stops when onEpochEnd says so', () => {
    const train = createTask('counting', { n: 20 }, createRng(5).fork('data'));
    const result = fitScratch(counter(5), train, {
      epochs: 10,
      batchSize: 5,
      rng: createRng(5),
      onEpochEnd: (r) => (r.epoch === 2 ? 'stop' : undefined),
    });
    expect(result).toMatchObject({ stoppedBy: 'callback' });
    expect(result.history).toHaveLength(2);
  });

  it('stops with NonFiniteLossError on a NaN loss', () => {
    const train = createTask('counting', { n: 20 }, createRng(6).fork('data'));
    (train.inputs.data as Float32Array).fill(Number.NaN);
    expect(() => fitScratch(counter(6), train, { epochs: 1, batchSize: 5, rng: createRng(6) })).toThrow(
      NonFiniteLossError,
    );
  });

  it('rejects bad options and a data set the model does not fit, naming what is wrong', () => {
    const counting = createTask('counting', { n: 20 }, createRng(7).fork('data'));
    const increasing = createTask('increasing', { n: 20 }, createRng(7).fork('data'));
    const rng = createRng(7);
    expect(() => fitScratch(counter(7), counting, { epochs: 0, batchSize: 5, rng })).toThrow(
      /epochs must be an integer >= 1, got 0/,
    );
    expect(() => fitScratch(counter(7), counting, { epochs: 1, batchSize: 1.5, rng })).toThrow(/batchSize/);
    expect(() => fitScratch(counter(7), increasing, { epochs: 1, batchSize: 5, rng })).toThrow(
      /inputs must be \[n, steps, 1\]/,
    );
    const linearClassifier = createScratchElman({ inputSize: 2, units: 3, outputSize: 1 }, rng);
    expect(() => fitScratch(linearClassifier, increasing, { epochs: 1, batchSize: 5, rng })).toThrow(
      /output 'sigmoid'/,
    );
    expect(() => fitScratch(counter(7), { ...counting, typology: 'tagger' }, { epochs: 1, batchSize: 5, rng })).toThrow(
      /typology must be classifier or generator, got tagger/,
    );
    expect(() =>
      fitScratch(counter(7), counting, { epochs: 1, batchSize: 5, rng, schedule: { kind: 'linear' as never } }),
    ).toThrow(/schedule.kind must be one of/);
    expect(() => predictScratch(counter(7), counting, { steps: 0 })).toThrow(/steps must be an integer >= 1/);
  });

  it('never imports tfjs', () => {
    expect(readFileSync(join(__dirname, 'fit-scratch.ts'), 'utf8')).not.toMatch(/@tensorflow/);
  });
});
