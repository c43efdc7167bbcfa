import * as tf from '@tensorflow/tfjs';
import type { Recipe } from '../recipes/recipe';
import { runStudy, type Study, type StudyRow } from './study';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A running parity of 6 bits, small enough to train in a moment. */
const tinyParity: Recipe = {
  name: 'tiny-parity',
  source: 'test',
  description: 'test',
  task: { name: 'parity', options: { n: 64, length: 6, targets: 'running' } },
  model: { cell: 'simple', hidden: 4, layers: 1 },
  training: { epochs: 2, batchSize: 16, learningRate: 0.01, optimizer: 'adam' },
  target: { metric: 'accuracy', atLeast: 0.5, test: { n: 32 }, description: 'test' },
  buildSpec: (_data, { cell, hidden, layers }) => ({
    architecture: 'tagger',
    input: { type: 'dense', features: 1 },
    rnn: { kind: cell, units: hidden, layers },
    outputSize: 1,
  }),
};

const findTiny = (name: string) => {
  if (name !== tinyParity.name) throw new RangeError(`no recipe ${name}`);
  return tinyParity;
};

const tinyStudy: Study = {
  name: 'tiny',
  question: 'Which cell?',
  source: 'the parity notebook',
  budget: { overrides: { epochs: 2, task: { n: 48 } }, description: '48 sequences, 2 epochs' },
  variants: (['simple', 'gru'] as const).map((cell) => ({
    label: cell,
    recipe: 'tiny-parity',
    overrides: { cell, task: { length: 5 } },
    columns: { cell },
  })),
  columns: [
    { key: 'cell', header: 'cell' },
    { key: 'accuracy', header: 'accuracy', digits: 3 },
  ],
  measure: ({ result, model }) => ({
    cells: { accuracy: result.target.value },
    details: { weights: model.weights.length },
  }),
  finding: (rows: readonly StudyRow[]) => `${rows.filter((r) => r.reached).length} of ${rows.length} reached.`,
};

/** A row without its timing, which differs from run to run. */
const untimed = (row: StudyRow) => ({ ...row, seconds: 0, cells: { ...row.cells, seconds: 0 } });

describe('runStudy', () => {
  it('trains every variant with the one budget, and gives a row of cells per variant', async () => {
    const seen: string[] = [];
    const result = await runStudy(tinyStudy, {
      seed: 3,
      findRecipe: findTiny,
      onVariant: (row, { index, total }) => seen.push(`${index + 1}/${total} ${row.label}`),
    });
    expect(seen).toEqual(['1/2 simple', '2/2 gru']);
    expect(result).toMatchObject({ name: 'tiny', seed: '3', budget: tinyStudy.budget });
    expect(result.columns.map((c) => c.key)).toEqual(['cell', 'accuracy', 'reached', 'seconds']);
    expect(result.rows).toHaveLength(2);
    for (const row of result.rows) {
      expect(Object.keys(row.cells).sort()).toEqual(['accuracy', 'cell', 'reached', 'seconds']);
      expect(row.overrides).toEqual({ epochs: 2, cell: row.label, task: { n: 48, length: 5 } });
      expect(row.cells.accuracy).toBe(row.target.value);
      expect(row.reached).toBe(row.target.value >= 0.5);
      // Kernel, recurrent kernel, bias and the head's two; the reset-after GRU adds its recurrent bias.
      expect(row.details).toEqual({ weights: row.label === 'gru' ? 6 : 5 });
    }
    expect(result.finding).toMatch(/^\d of 2 reached\.$/);
    expect(result.markdown).toContain('| cell   | accuracy | reached | seconds |');
    expect(result.markdown).toContain(result.finding);
  });

  it('is deterministic for one seed: the same rows again, timings apart', async () => {
    const first = await runStudy(tinyStudy, { seed: 3, findRecipe: findTiny });
    const again = await runStudy(tinyStudy, { seed: 3, findRecipe: findTiny });
    expect(again.rows.map(untimed)).toEqual(first.rows.map(untimed));
  });

  it('refuses a variant that overrides the budget, before training anything', async () => {
    const clashing: Study = {
      ...tinyStudy,
      variants: [{ ...tinyStudy.variants[0], overrides: { epochs: 5, task: { n: 10 } } }],
    };
    await expect(runStudy(clashing, { findRecipe: findTiny })).rejects.toThrow(
      'tiny: variant "simple" must not override the study\'s budget (epochs, task.n)',
    );
  });

  it('refuses an unknown recipe, and a study without variants or with repeated labels', async () => {
    await expect(runStudy(tinyStudy)).rejects.toThrow(/recipe must be one of .*; got "tiny-parity"/);
    await expect(runStudy({ ...tinyStudy, variants: [] })).rejects.toThrow(/at least one variant/);
    const twice = { ...tinyStudy, variants: [tinyStudy.variants[0], tinyStudy.variants[0]] };
    await expect(runStudy(twice, { findRecipe: findTiny })).rejects.toThrow(/labels must be unique/);
  });
});
