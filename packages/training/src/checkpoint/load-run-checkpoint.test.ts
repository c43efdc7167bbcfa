import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { SequenceModel, type SequenceModelSpec } from '@rnn/models';
import type { RecipeOverrides } from '../recipes/recipe';
import { findRecipe } from '../recipes/registry';
import { trainRecipe } from '../recipes/train-recipe';
import { saveCheckpoint } from './checkpoint';
import { loadRunCheckpoint } from './load-run-checkpoint';
import { recipeRunRecord } from './run-record';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const calculator = findRecipe('calculator');
const overrides: RecipeOverrides = { hidden: 3, epochs: 2, task: { n: 64 }, testSize: 8 };
const run = recipeRunRecord({ recipe: 'calculator', seed: '7', overrides, backend: 'cpu' });
/** A run record as parsed JSON, for editing. */
interface EditableRun {
  [field: string]: unknown;
  overrides: Record<string, unknown>;
}
const weightsOf = (model: { weights: tf.Variable[] }) => model.weights.map((w) => Array.from(w.dataSync()));

let root: string;
let whole: number[][];
/** A run of two epochs killed after the checkpoint of its first. */
let killed: string;
/** The uninterrupted run, checkpointed after both of its epochs. */
let finished: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'rnn-run-ckpt-'));
  killed = path.join(root, 'killed');
  finished = path.join(root, 'finished');
  const trained = await trainRecipe(calculator, {
    seed: run.seed,
    overrides,
    onEpochEnd: (record, state) => saveCheckpoint(finished, { ...state, epoch: record.epoch, run }),
  });
  whole = weightsOf(trained.model);
  trained.model.dispose();
  const stopped = trainRecipe(calculator, {
    seed: run.seed,
    overrides,
    onEpochEnd: async (record, state) => {
      await saveCheckpoint(killed, { ...state, epoch: record.epoch, run });
      throw new Error('killed');
    },
  });
  await expect(stopped).rejects.toThrow('killed');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('loadRunCheckpoint', () => {
  it('resumes a run exactly from its checked record: the weights of the uninterrupted run', async () => {
    const checkpoint = await loadRunCheckpoint(killed);
    expect(checkpoint.kind).toBe('recipe');
    expect(checkpoint.recipe).toBe(calculator);
    expect(checkpoint.run).toEqual(run);
    if (checkpoint.kind !== 'recipe') throw new Error('not a recipe run');
    const resumed = await trainRecipe(checkpoint.recipe, {
      seed: checkpoint.run.seed,
      overrides: checkpoint.run.overrides,
      resume: {
        model: checkpoint.model,
        optimizerState: checkpoint.optimizerState,
        epoch: checkpoint.manifest.epoch,
        history: checkpoint.manifest.history,
      },
    });
    expect(weightsOf(resumed.model)).toEqual(whole);
    resumed.model.dispose();
  });

  /** Edits `run` in a copy of `source`'s checkpoint and expects loading it to fail with one line. */
  const expectRefused = async (source: string, edit: (run: EditableRun) => void, message: RegExp) => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'rnn-run-ckpt-copy-'));
    await cp(source, copy, { recursive: true });
    const folder = JSON.parse(await readFile(path.join(copy, 'latest.json'), 'utf8')).folder;
    const file = path.join(copy, folder, 'checkpoint.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    edit(manifest.run);
    await writeFile(file, JSON.stringify(manifest));
    const error = await loadRunCheckpoint(copy).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(RangeError);
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect((error as Error).message).toMatch(new RegExp(`^${escaped}: ${message.source}$`));
    await rm(copy, { recursive: true, force: true });
  };

  it.each<[string, (run: EditableRun) => void, RegExp]>([
    [
      'another recipe',
      (r) => {
        r.recipe = 'parity';
      },
      /run\.recipe "parity" with run\.overrides builds a model whose spec\.\S+ is .*, but model\.json holds .*: the run record does not belong to this model/,
    ],
    [
      'other model settings',
      (r) => {
        r.overrides.hidden = 5;
      },
      /run\.recipe "calculator" with run\.overrides builds a model whose spec\.rnn\.units is 5, but model\.json holds 3: .*/,
    ],
    [
      'a language model recipe',
      (r) => {
        r.recipe = 'charlm';
      },
      /run\.overrides\.task is not a field this version of rnn writes/,
    ],
    [
      'no seed',
      (r) => {
        delete r.seed;
      },
      /run\.seed is missing/,
    ],
    [
      'overrides "x"',
      (r) => {
        (r as { overrides: unknown }).overrides = 'x';
      },
      /run\.overrides: expected object, received string/,
    ],
    [
      'task options the task does not have',
      (r) => {
        r.overrides.task = { depth: 3 };
      },
      /run\.overrides do not fit the calculator recipe: .*depth.*/,
    ],
  ])('refuses a run record edited to %s', async (_, edit, message) => {
    await expectRefused(killed, edit, message);
  });

  it('refuses a checkpoint whose epoch is past the epochs of its run', async () => {
    await expectRefused(
      finished,
      (r) => {
        r.overrides.epochs = 1;
      },
      /epoch 2 is past the 1 epochs of the run/,
    );
  });

  it('refuses, saying why, a GRU run saved before the reset-after GRU became the default', async () => {
    const gruOverrides: RecipeOverrides = { ...overrides, cell: 'gru', epochs: 1 };
    const gruRun = recipeRunRecord({ recipe: 'calculator', seed: '7', overrides: gruOverrides, backend: 'cpu' });
    const folder = path.join(root, 'reset-before');
    await trainRecipe(calculator, {
      seed: gruRun.seed,
      overrides: gruOverrides,
      onEpochEnd: async (record, state) => {
        // The same run with the GRU of earlier versions: resetAfter false, no recurrent bias.
        const spec = state.model.spec as SequenceModelSpec;
        const model = new SequenceModel({ ...spec, rnn: { ...spec.rnn, resetAfter: false } }, createRng(1));
        await saveCheckpoint(folder, { ...state, model, epoch: record.epoch, run: gruRun });
        model.dispose();
      },
    }).then(({ model }) => model.dispose());
    await expect(loadRunCheckpoint(folder)).rejects.toThrow(
      'model.json holds the reset-before GRU (resetAfter: false) that the calculator recipe trained before ' +
        'the reset-after GRU became its default; train the run again',
    );
  });
});
