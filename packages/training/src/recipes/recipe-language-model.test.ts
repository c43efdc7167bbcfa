import * as tf from '@tensorflow/tfjs';
import { createRng, type Vocabulary } from '@rnn/datasets';
import { buildModel, type RecurrentModel } from '@rnn/models';
import { createSampler, generate } from '@rnn/sampling';
import { recipeLanguageModel } from './recipe-language-model';
import { findRecipe } from './registry';
import { recipeData } from './train-recipe';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function untrained(name: string, seed: number): RecurrentModel {
  const recipe = findRecipe(name);
  const { train, settings } = recipeData(recipe, seed, {});
  return buildModel(recipe.buildSpec(train, settings), createRng(seed).fork('init'));
}

describe('recipeLanguageModel', () => {
  it("binds the sentences model to its task's vocabulary, so generation writes only the sentences' characters", async () => {
    const recipe = findRecipe('sentences');
    const model = untrained('sentences', 3);
    try {
      const lm = recipeLanguageModel(recipe, model, 3);
      const { vocabulary } = recipeData(recipe, 3).train;
      expect((lm.vocabulary as Vocabulary).symbols).toEqual(vocabulary?.symbols);
      expect(lm.vocabSize).toBe(vocabulary?.size);
      const { text, generated, tokens } = await generate(lm, {
        prime: 'good',
        length: 11,
        sampler: createSampler({ temperature: 0 }),
      });
      expect(text.startsWith('good')).toBe(true);
      expect(tokens).toHaveLength(11);
      const known = new Set('hey how are you good i am fine have a nice day');
      for (const c of generated) expect(known.has(c)).toBe(true);
    } finally {
      model.dispose();
    }
  });

  it('refuses a model that is not the character model of a character recipe', () => {
    const parity = untrained('parity', 1);
    try {
      expect(() => recipeLanguageModel(findRecipe('parity'), parity, 1)).toThrow(
        "the parity recipe's task has no vocabulary; only character recipes write text",
      );
      expect(() => recipeLanguageModel(findRecipe('sentences'), parity, 1)).toThrow(
        'the sentences recipe writes text with its lm model, got a tagger model',
      );
    } finally {
      parity.dispose();
    }
  });

  it('refuses a model trained on other sentences than the run it is bound to', () => {
    const recipe = findRecipe('sentences');
    const other = { task: { sentences: ['ab', 'cd'] } };
    const { train, settings } = recipeData(recipe, 1, other);
    const model = buildModel(recipe.buildSpec(train, settings), createRng(1).fork('init'));
    try {
      expect(() => recipeLanguageModel(recipe, model, 1)).toThrow(
        "the sentences recipe's vocabulary has 18 ids, the model has 5 outputs",
      );
      expect(recipeLanguageModel(recipe, model, 1, other).vocabSize).toBe(5);
    } finally {
      model.dispose();
    }
  });
});
