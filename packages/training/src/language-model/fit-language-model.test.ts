import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { SequenceModel } from '@rnn/models';
import { loadCheckpoint, saveCheckpoint } from '../checkpoint/checkpoint';
import { fitLanguageModel, stepsPerEpoch, type LanguageModelFitOptions } from './fit-language-model';
import { encodedPattern, tinyLanguageModel } from './language-model.testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const { vocabulary, ids } = encodedPattern();
const train = ids.subarray(0, 1600);
const validation = ids.subarray(1600);
const weightsOf = (model: SequenceModel) => model.weights.map((w) => Array.from(w.dataSync()));
const options = (over: Partial<LanguageModelFitOptions> = {}): LanguageModelFitOptions => ({
  scheme: 'tbptt',
  epochs: 2,
  batchSize: 4,
  length: 10,
  learningRate: 0.02,
  optimizer: 'adam',
  schedule: { kind: 'cosine' },
  clipNorm: 5,
  rng: createRng(7),
  validation,
  ...over,
});

describe('fitLanguageModel', () => {
  it.each(['tbptt', 'windows'] as const)('learns a patterned text (%s)', async (scheme) => {
    const model = tinyLanguageModel(vocabulary.size, 1, 2);
    const result = await fitLanguageModel(model, train, options({ scheme, epochs: 3 }));
    expect(result.history).toHaveLength(3);
    expect(result.steps).toBe(3 * stepsPerEpoch(train, 4, 10));
    const [first, , last] = result.history;
    // Uniform over the vocabulary is log2(size) bits; the pattern is far more predictable.
    expect(last.validationBitsPerChar).toBeLessThan(Math.log2(vocabulary.size) - 1.5);
    expect(last.loss).toBeLessThan(first.loss);
    model.dispose();
  });

  it('carries the state from batch to batch on contiguous streams, and starts each pass from zeros', async () => {
    const model = tinyLanguageModel(vocabulary.size);
    const forward = jest.spyOn(model, 'forward');
    await fitLanguageModel(model, train, options({ epochs: 2, validation: undefined }));
    const perEpoch = stepsPerEpoch(train, 4, 10);
    const carried = forward.mock.calls.map((call) => call[2]?.initialStates !== undefined);
    expect(carried).toHaveLength(2 * perEpoch);
    expect(carried[0]).toBe(false);
    expect(carried[perEpoch]).toBe(false);
    expect(carried.filter(Boolean)).toHaveLength(2 * (perEpoch - 1));
    forward.mockClear();
    await fitLanguageModel(model, train, options({ scheme: 'windows', epochs: 1, validation: undefined }));
    expect(forward.mock.calls.every((call) => call[2]?.initialStates === undefined)).toBe(true);
    model.dispose();
  });

  it('stopped by a signal mid-epoch, checkpointed and resumed, ends exactly as an uninterrupted run', async () => {
    const whole = tinyLanguageModel(vocabulary.size, 2, 2);
    const straight = await fitLanguageModel(whole, train, options());

    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-lm-'));
    const signal = { aborted: false };
    const interrupted = tinyLanguageModel(vocabulary.size, 2, 2);
    const first = await fitLanguageModel(interrupted, train, {
      ...options(),
      signal,
      onStep: (p) => {
        if (p.step === 7) signal.aborted = true;
      },
      onCheckpoint: (state) =>
        saveCheckpoint(dir, {
          model: interrupted,
          optimizer: state.optimizer,
          epoch: state.epoch,
          step: state.step,
          history: state.history as never,
          ...(state.carried ? { carried: state.carried } : {}),
          run: { recipe: 'test' },
        }),
    });
    expect(first.stoppedBy).toBe('signal');
    expect(first.steps).toBe(7);
    expect(first.history[first.history.length - 1].partial).toBe(true);
    interrupted.dispose();

    const checkpoint = await loadCheckpoint(dir);
    expect(checkpoint.manifest.step).toBe(7);
    expect(checkpoint.carried).toHaveLength(4); // two layers, h and c each
    const resumedModel = checkpoint.model as SequenceModel;
    const resumed = await fitLanguageModel(resumedModel, train, {
      ...options(),
      start: {
        step: 7,
        optimizerState: checkpoint.optimizerState,
        carried: checkpoint.carried as tf.Tensor[],
        history: checkpoint.manifest.history as never,
      },
    });
    tf.dispose(checkpoint.carried);
    expect(weightsOf(resumedModel)).toEqual(weightsOf(whole));
    expect(resumed.history.map((r) => r.loss)).toEqual(straight.history.map((r) => r.loss));
    expect(resumed.history.map((r) => r.validationBitsPerChar)).toEqual(
      straight.history.map((r) => r.validationBitsPerChar),
    );
    whole.dispose();
    resumedModel.dispose();
  });

  it('stops at the end of the step that passes the time budget, with a partial record', async () => {
    const model = tinyLanguageModel(vocabulary.size);
    const result = await fitLanguageModel(model, train, options({ minutes: 1e-9 }));
    expect(result.stoppedBy).toBe('minutes');
    expect(result.steps).toBe(1);
    expect(result.history).toEqual([expect.objectContaining({ step: 1, steps: 1, partial: true })]);
    model.dispose();
  });

  it('waits for the promise onStep returns, and the time waited counts toward neither the budget nor the seconds', async () => {
    const unheld = tinyLanguageModel(vocabulary.size);
    const plain = await fitLanguageModel(unheld, train, options({ epochs: 1, validation: undefined }));
    unheld.dispose();
    const total = stepsPerEpoch(train, 4, 10);
    // Far more than the run needs, and far less than the wait: without the exclusion the run would
    // stop at its second step.
    const budget = 3 * plain.seconds + 0.2;
    const wait = (budget + plain.seconds + 0.3) * 1000;
    const model = tinyLanguageModel(vocabulary.size);
    const seen: number[] = [];
    let waited = false;
    const result = await fitLanguageModel(model, train, {
      ...options({ epochs: 1, validation: undefined, minutes: budget / 60 }),
      onStep: (p) => {
        seen.push(p.step);
        if (p.step === 1) expect(waited).toBe(false);
        if (p.step === 2) expect(waited).toBe(true);
        if (p.step !== 1) return undefined;
        return new Promise<void>((resolve) =>
          setTimeout(() => {
            waited = true;
            resolve();
          }, wait),
        );
      },
    });
    expect(result.stoppedBy).toBe('epochs');
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(result.seconds).toBeLessThan(wait / 1000);
    expect(result.history[0].seconds).toBeLessThan(wait / 1000);
    model.dispose();
  });

  it('keeps the tensor count flat and checks its options', async () => {
    const model = tinyLanguageModel(vocabulary.size);
    const before = tf.memory().numTensors;
    await fitLanguageModel(model, train, options({ epochs: 1 }));
    expect(tf.memory().numTensors).toBe(before);
    await expect(fitLanguageModel(model, train, options({ scheme: 'bptt' as never }))).rejects.toThrow(
      'scheme must be tbptt or windows, got "bptt"',
    );
    await expect(fitLanguageModel(model, train, options({ minutes: 0 }))).rejects.toThrow(
      'minutes must be a number > 0',
    );
    await expect(fitLanguageModel(model, train.subarray(0, 30), options())).rejects.toThrow(/cannot fill one batch/);
    model.dispose();
  });
});
