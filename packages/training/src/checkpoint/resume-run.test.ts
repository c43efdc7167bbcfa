import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { charlmQuickRecipe } from '../language-model/charlm';
import type { LanguageModelOverrides } from '../language-model/language-model-recipe';
import { patternText } from '../language-model/language-model.testing';
import { trainLanguageModel } from '../language-model/train-language-model';
import type { RecipeOverrides } from '../recipes/recipe';
import { findRecipe } from '../recipes/registry';
import { trainRecipe } from '../recipes/train-recipe';
import { saveCheckpoint } from './checkpoint';
import { loadRunCheckpoint } from './load-run-checkpoint';
import { resumeLanguageModelRun, resumeRecipeRun } from './resume-run';
import type { RunCheckpoint } from './run-checkpoint';
import { languageModelRunRecord, recipeRunRecord } from './run-record';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightsOf = (model: { weights: tf.Variable[] }) => model.weights.map((w) => Array.from(w.dataSync()));
const isFreed = (checkpoint: RunCheckpoint) =>
  checkpoint.model.weights.every((w) => w.isDisposed) && checkpoint.optimizerState.every((w) => w.tensor.isDisposed);

const calculator = findRecipe('calculator');
const recipeOverrides: RecipeOverrides = { hidden: 3, epochs: 2, task: { n: 64 }, testSize: 8 };
const recipeRun = recipeRunRecord({ recipe: 'calculator', seed: '7', overrides: recipeOverrides, backend: 'cpu' });

const lmOverrides: LanguageModelOverrides = {
  hidden: 8,
  embedding: 4,
  batchSize: 4,
  length: 8,
  epochs: 1,
  scheme: 'tbptt',
};
const lmSeed = '3';
const lmCorpus = 'the pattern text';

let root: string;
/** A calculator run of two epochs, killed after the checkpoint of its first. */
let killed: string;
/** The same first epoch, recorded as a run of the source notebook's settings. */
let notebookRun: string;
/** A checkpoint written with no run record, as by a caller other than `rnn train`. */
let withoutRun: string;
let wholeRecipeWeights: number[][];
/** A charlm-quick run stopped by its time budget after its first step. */
let cut: string;
let wholeLanguageModel: { weights: number[][]; losses: number[] };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'rnn-resume-run-'));
  killed = path.join(root, 'killed');
  notebookRun = path.join(root, 'notebook');
  withoutRun = path.join(root, 'without-run');
  cut = path.join(root, 'cut');

  const whole = await trainRecipe(calculator, { seed: recipeRun.seed, overrides: recipeOverrides });
  wholeRecipeWeights = weightsOf(whole.model);
  whole.model.dispose();
  const stopped = trainRecipe(calculator, {
    seed: recipeRun.seed,
    overrides: recipeOverrides,
    onEpochEnd: async (record, state) => {
      await saveCheckpoint(killed, { ...state, epoch: record.epoch, run: recipeRun });
      await saveCheckpoint(notebookRun, {
        ...state,
        epoch: record.epoch,
        run: recipeRunRecord({ ...recipeRun, notebook: true }),
      });
      await saveCheckpoint(withoutRun, { ...state, epoch: record.epoch, run: {} });
      throw new Error('killed');
    },
  });
  await expect(stopped).rejects.toThrow('killed');

  const lmWhole = await trainLanguageModel(charlmQuickRecipe, {
    text: patternText,
    seed: lmSeed,
    overrides: lmOverrides,
    baseline: false,
  });
  wholeLanguageModel = {
    weights: weightsOf(lmWhole.model),
    losses: lmWhole.result.history.map((r) => r.loss),
  };
  lmWhole.model.dispose();
  const budgeted = await trainLanguageModel(charlmQuickRecipe, {
    text: patternText,
    seed: lmSeed,
    overrides: { ...lmOverrides, minutes: 1e-9 },
    baseline: false,
    onCheckpoint: (state) =>
      saveCheckpoint(cut, {
        model: state.model,
        optimizer: state.optimizer,
        epoch: state.epoch,
        step: state.step,
        history: state.history,
        ...(state.carried ? { carried: state.carried } : {}),
        run: languageModelRunRecord({
          recipe: charlmQuickRecipe.name,
          seed: lmSeed,
          overrides: lmOverrides,
          corpus: lmCorpus,
          backend: 'cpu',
          vocabulary: state.vocabulary,
        }),
      }),
  });
  expect(budgeted.result.stoppedBy).toBe('minutes');
  expect(budgeted.result.steps).toBe(1);
  budgeted.model.dispose();
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('resumeRecipeRun', () => {
  it("takes the seed, overrides and trainer state from the checkpoint: resuming gives the uninterrupted run's weights", async () => {
    const resumed = resumeRecipeRun(await loadRunCheckpoint(killed), 'calculator', killed);
    expect(resumed.seed).toBe('7');
    expect(resumed.overrides).toEqual(recipeOverrides);
    expect(resumed.notebook).toBe(false);
    expect(resumed.resume.epoch).toBe(1);
    expect(resumed.resume.history.map((r) => r.epoch)).toEqual([1]);
    const { model } = await trainRecipe(calculator, {
      seed: resumed.seed,
      overrides: resumed.overrides,
      resume: resumed.resume,
    });
    expect(weightsOf(model)).toEqual(wholeRecipeWeights);
    model.dispose();
  });

  it("keeps a run of the source notebook's settings one", async () => {
    const checkpoint = await loadRunCheckpoint(notebookRun);
    const resumed = resumeRecipeRun(checkpoint, 'calculator', notebookRun);
    expect(resumed.notebook).toBe(true);
    expect(resumed.overrides).toEqual(recipeOverrides);
    checkpoint.model.dispose();
    tf.dispose(checkpoint.optimizerState.map((w) => w.tensor));
  });

  it('refuses a run of another recipe in one line naming the folder, and frees the checkpoint', async () => {
    const checkpoint = await loadRunCheckpoint(killed);
    expect(() => resumeRecipeRun(checkpoint, 'parity', 'runs/mine')).toThrow(
      new RangeError('runs/mine holds a run of recipe calculator, not parity'),
    );
    expect(isFreed(checkpoint)).toBe(true);
  });

  it("refuses a language model's run", async () => {
    const checkpoint = await loadRunCheckpoint(cut);
    expect(() => resumeRecipeRun(checkpoint, 'calculator', cut)).toThrow(
      new RangeError(`${cut} holds a run of recipe charlm-quick, not calculator`),
    );
    expect(isFreed(checkpoint)).toBe(true);
  });

  it('never sees a checkpoint without a run record: loading it for a resume fails first, in one line naming the file', async () => {
    const error = await loadRunCheckpoint(withoutRun).then(
      (checkpoint) => resumeRecipeRun(checkpoint, 'calculator', withoutRun),
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe(
      `${path.join(withoutRun, 'epoch-00001', 'checkpoint.json')}: run.recipe is missing`,
    );
  });
});

describe('resumeLanguageModelRun', () => {
  it('continues at the next step with the carried state: resuming gives the uninterrupted run', async () => {
    const resumed = resumeLanguageModelRun(await loadRunCheckpoint(cut), 'charlm-quick', cut);
    expect(resumed.seed).toBe(lmSeed);
    expect(resumed.corpus).toBe(lmCorpus);
    expect(resumed.overrides).toEqual(lmOverrides);
    expect(resumed.resume.step).toBe(1);
    expect(resumed.resume.carried?.length).toBeGreaterThan(0);
    expect(resumed.resume.history).toEqual([expect.objectContaining({ epoch: 1, step: 1, partial: true })]);
    const { result, model } = await trainLanguageModel(charlmQuickRecipe, {
      text: patternText,
      seed: resumed.seed,
      overrides: resumed.overrides,
      baseline: false,
      resume: resumed.resume,
    });
    expect(result.history.map((r) => r.loss)).toEqual(wholeLanguageModel.losses);
    expect(weightsOf(model)).toEqual(wholeLanguageModel.weights);
    model.dispose();
  });

  it('takes a new time budget, the one setting a resumed run may set anew', async () => {
    const checkpoint = await loadRunCheckpoint(cut);
    const resumed = resumeLanguageModelRun(checkpoint, 'charlm-quick', cut, 5);
    expect(resumed.overrides).toEqual({ ...lmOverrides, minutes: 5 });
    expect(resumed.seed).toBe(lmSeed);
    expect(resumed.corpus).toBe(lmCorpus);
    checkpoint.model.dispose();
    tf.dispose(checkpoint.optimizerState.map((w) => w.tensor));
    tf.dispose(checkpoint.carried ?? []);
  });

  it('refuses a run of another recipe in one line naming the folder, and frees the checkpoint', async () => {
    const checkpoint = await loadRunCheckpoint(cut);
    expect(() => resumeLanguageModelRun(checkpoint, 'charlm', 'runs/lm')).toThrow(
      new RangeError('runs/lm holds a run of recipe charlm-quick, not charlm'),
    );
    expect(isFreed(checkpoint)).toBe(true);
    expect(checkpoint.carried?.every((t) => t.isDisposed)).toBe(true);
  });

  it("refuses a task recipe's run", async () => {
    const checkpoint = await loadRunCheckpoint(killed);
    expect(() => resumeLanguageModelRun(checkpoint, 'charlm-quick', killed)).toThrow(
      new RangeError(`${killed} holds a run of recipe calculator, not charlm-quick`),
    );
    expect(isFreed(checkpoint)).toBe(true);
  });
});
