import * as tf from '@tensorflow/tfjs';
import { createRng, createTask, formatExample, formatTaskTarget, parseTaskInput, type Vocabulary } from '@rnn/datasets';
import { buildModel, type RecurrentModel, Seq2SeqModel } from '@rnn/models';
import { greedyCompletions } from '../metrics/greedy-completion';
import { predictRecipe, type RecipeAnswer, type RecipePrediction } from './predict-recipe';
import type { RecipeOverrides } from './recipe';
import { findRecipe } from './registry';
import { recipeData } from './train-recipe';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The recipe's model as `rnn train` builds it, untrained and small: these tests check the plumbing. */
function untrained(name: string, overrides: RecipeOverrides): RecurrentModel {
  const recipe = findRecipe(name);
  const { train, settings } = recipeData(recipe, 1, overrides);
  return buildModel(recipe.buildSpec(train, settings), createRng(1).fork('init'));
}

const answered = (p: RecipePrediction): RecipeAnswer => {
  if ('error' in p) throw new Error(`unexpected error: ${p.error}`);
  return p;
};

const probabilities = (values: readonly number[] | undefined, count: number) => {
  expect(values).toHaveLength(count);
  for (const v of values ?? []) expect(v >= 0 && v <= 1).toBe(true);
};

const bitsOf = (values: readonly number[] | undefined) => (values ?? []).map((p) => (p > 0.5 ? '1' : '0')).join('');

type Check = (input: string, answer: RecipeAnswer) => void;

const label: Check = (_, a) => {
  expect(a.prediction).toMatch(/^[01]$/);
  probabilities(a.values, 1);
  expect(bitsOf(a.values)).toBe(a.prediction);
};
const symbols: Check = (input, a) => {
  expect(a.prediction).toMatch(/^[abc]*$/);
  expect(a.prediction.length).toBeLessThanOrEqual(input.length + 1);
  expect(a.values).toBeUndefined();
};
const sum: Check = (input, a) => {
  // An untrained decoder writes any of the task's symbols, for at most the steps of the longest sum
  // and its stop (a decoder that never writes the stop shows all it wrote).
  expect(a.prediction).toMatch(/^[0-9+ ]*$/);
  expect(a.prediction.length).toBeLessThanOrEqual(Math.max(...input.split('+').map((x) => x.length)) + 2);
  expect(a.values).toBeUndefined();
};
const numbers = (count: (input: string) => number, integers: boolean): Check => {
  return (input, a) => {
    const parts = a.prediction.split(' ');
    expect(parts).toHaveLength(count(input));
    expect(a.values).toHaveLength(count(input));
    (a.values ?? []).forEach((v, t) => {
      // Rounded to whole numbers (counting) or to the 6 decimals rnn data prints.
      if (integers) expect(parts[t]).toMatch(/^-?\d+$/);
      expect(Math.abs(Number(parts[t]) - v)).toBeLessThanOrEqual(integers ? 0.5 : 5e-7);
    });
  };
};

const cases: [string, RecipeOverrides, string[], Check][] = [
  ['calculator', { task: { n: 16 } }, ['-8-2-2-9+1', '+3', '+9-1+2-3+4-5+6'], label],
  ['copy', { task: { n: 16 } }, ['abc', 'a', 'cbacbacbacbacb'], symbols],
  ['reverse', { task: { n: 16 } }, ['abc', 'a', 'cbacbacbacbacb'], symbols],
  ['addition-rnn', { task: { n: 16 } }, ['8704+2298', '1+2', '12+345'], sum],
  ['addition-lstm', { task: { n: 16, reverse: true } }, ['8704+2298', '1+2', '12+345'], sum],
  [
    'parity',
    { task: { n: 16, length: 10 } },
    ['0110', '1', '10110011101'],
    (input, a) => {
      expect(a.prediction).toMatch(new RegExp(`^[01]{${input.length}}$`));
      probabilities(a.values, input.length);
      expect(bitsOf(a.values)).toBe(a.prediction);
    },
  ],
  ['parity-final', { task: { n: 16, length: 10 } }, ['0110', '1', '10110011101'], label],
  ['increasing', { task: { n: 16 } }, ['(-5, 10) (-6, -3)', '(1, 2)', '(1, 2) (3, 4) (5, 6)'], label],
  ['counting', { task: { n: 16 } }, ['86', '0', '-5'], numbers(() => 5, true)],
  ['oscillator-init', { task: { n: 16 } }, ['1', '5', '10'], numbers(() => 50, false)],
  [
    'sine',
    { task: { n: 4, steps: 20 } },
    ['0 0.5 0.8', '0.1', '0.2 0.3 0.4 0.5 0.6'],
    numbers((i) => i.split(' ').length, false),
  ],
  [
    'sentences',
    {},
    ['good', 'h', 'have a'],
    (input, a) => {
      expect(a.prediction.startsWith(input.trimEnd())).toBe(true);
      expect(a.prediction.length).toBeLessThanOrEqual(15);
      expect(a.values).toBeUndefined();
    },
  ],
];

describe('predictRecipe', () => {
  it.each(cases)(
    '%s: answers each input in the target form, batched as one at a time, leaking nothing',
    async (name, overrides, inputs, check) => {
      const recipe = findRecipe(name);
      const model = untrained(name, { hidden: 4, ...overrides });
      const before = tf.memory().numTensors;
      const together = (await predictRecipe(recipe, model, inputs, overrides)).map(answered);
      expect(tf.memory().numTensors).toBe(before);
      expect(together.map((a) => a.input)).toEqual(inputs);
      together.forEach((a, i) => check(inputs[i], a));
      // Padding a group to its longest input must not change any answer.
      for (const [i, input] of inputs.entries()) {
        const [alone] = (await predictRecipe(recipe, model, [input], overrides)).map(answered);
        expect(alone.prediction).toBe(together[i].prediction);
        (alone.values ?? []).forEach((v, t) => expect(together[i].values?.[t]).toBeCloseTo(v, 5));
      }
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    },
  );

  it.each([
    ['calculator', { task: { n: 16 } }],
    ['increasing', { task: { n: 16 } }],
    ['parity-final', { task: { n: 16, length: 8, variableLength: true } }],
    ['copy', { task: { n: 16 } }],
    ['addition-lstm', { task: { n: 16, reverse: true } }],
    ['addition-rnn', { task: { n: 16, fixedWidth: true } }],
  ] as [string, RecipeOverrides][])(
    "%s: answers what rnn data prints as the model answers the generator's own encoding of it",
    async (name, overrides) => {
      const recipe = findRecipe(name);
      const model = untrained(name, { hidden: 4, ...overrides });
      const { settings } = recipeData(recipe, 1, overrides);
      const data = createTask(recipe.task.name, { ...settings.task, n: 6 }, createRng(9));
      const reversed = data.options.reverse === true && recipe.task.name === 'addition';
      const inputs = Array.from({ length: data.size }, (_, i) => {
        const input = formatExample(data.decode(i)).split(' -> ')[0];
        // A person writes a sum in order; the run reverses it, as its generator did.
        return reversed ? [...input].reverse().join('') : input;
      });
      const answers = (await predictRecipe(recipe, model, inputs, overrides)).map(answered);
      const expected = tf.tidy(() => {
        const x = tf.tensor(
          data.inputs.data,
          [...data.inputs.shape],
          data.inputs.data instanceof Int32Array ? 'int32' : 'float32',
        );
        const lengths = tf.tensor1d(data.lengths, 'int32');
        if (model instanceof Seq2SeqModel) {
          const steps = Math.max(...inputs.map((t) => parseTaskInput(recipe.task.name, t, data.options).targetSteps));
          const ids = model.greedyDecode(x, lengths, { targetSteps: steps }).arraySync();
          return inputs.map((t, i) => {
            const budget = parseTaskInput(recipe.task.name, t, data.options).targetSteps;
            return formatTaskTarget(recipe.task.name, ids[i].slice(0, budget), data.options);
          });
        }
        const logits = model.forward(x, lengths).logits.arraySync() as number[][];
        return logits.map((row) => (row[0] > 0 ? '1' : '0'));
      });
      expect(answers.map((a) => a.prediction)).toEqual(expected);
      model.dispose();
    },
  );

  it("completes a prime as the recipe's own completion test does", async () => {
    const recipe = findRecipe('sentences');
    const model = untrained('sentences', { hidden: 4 });
    const data = createTask('sentences', {});
    const sentences = data.options.sentences as string[];
    const { completions } = await greedyCompletions(model, data.vocabulary as Vocabulary, sentences);
    const answers = await predictRecipe(
      recipe,
      model,
      completions.map((c) => c.prime),
    );
    expect(answers.map((a) => answered(a).prediction)).toEqual(completions.map((c) => c.generated));
    model.dispose();
  });

  it('answers the well-formed inputs and gives each malformed one its error', async () => {
    const recipe = findRecipe('addition-rnn');
    const model = untrained('addition-rnn', { hidden: 4, task: { n: 16 } });
    const before = tf.memory().numTensors;
    const results = await predictRecipe(recipe, model, ['1+2', '12a+4', '', '99+1', '12345+1']);
    expect(tf.memory().numTensors).toBe(before);
    expect(results.map((r) => ('error' in r ? 'error' : 'answer'))).toEqual([
      'answer',
      'error',
      'error',
      'answer',
      'error',
    ]);
    expect(results[1]).toEqual({
      input: '12a+4',
      error:
        '"12a+4" is not an addition input; expected two whole numbers of at most 4 digits joined by +, e.g. 123+4567',
    });
    expect(results[2]).toMatchObject({ input: '', error: expect.stringMatching(/it is empty/) });
    expect(results[4]).toMatchObject({
      error: expect.stringMatching(/an operand of 5 digits is longer than the task's 4/),
    });
    expect(await predictRecipe(recipe, model, [])).toEqual([]);
    model.dispose();
  });

  it('takes the task options from the run: an override of the alphabet or the frequencies', async () => {
    const copy = untrained('copy', { hidden: 4, task: { n: 16, alphabet: 'xyz' } });
    const [ok, bad] = await predictRecipe(findRecipe('copy'), copy, ['xyzx', 'abc'], {
      task: { n: 16, alphabet: 'xyz' },
    });
    expect(answered(ok).prediction).toMatch(/^[xyz]*$/);
    expect(bad).toMatchObject({ error: expect.stringMatching(/"a" is not in the alphabet/) });
    copy.dispose();
    const waves = untrained('oscillator-init', { hidden: 4, task: { n: 16, frequencies: [2, 3], length: 7 } });
    const results = await predictRecipe(findRecipe('oscillator-init'), waves, ['3', '1'], {
      task: { n: 16, frequencies: [2, 3], length: 7 },
    });
    expect(answered(results[0]).values).toHaveLength(7);
    expect(results[1]).toMatchObject({ error: expect.stringMatching(/frequencies 2, 3$/) });
    waves.dispose();
  });

  it("refuses a model of another architecture than the recipe's, and inputs that are not strings", async () => {
    const model = untrained('calculator', { hidden: 4, task: { n: 16 } });
    await expect(predictRecipe(findRecipe('copy'), model, ['abc'])).rejects.toThrow(
      /the copy recipe's task needs a seq2seq model, got classifier/,
    );
    await expect(predictRecipe(findRecipe('calculator'), model, [7 as unknown as string])).rejects.toThrow(
      /inputs must be a list of strings/,
    );
    model.dispose();
  });
});
