import { recipes } from '@rnn/training';
import { recipeViewsOf } from '@rnn/views';

const viewsOf = (name: string) => {
  const recipe = recipes.find((r) => r.name === name);
  if (!recipe) throw new Error(`no recipe ${name}`);
  return recipeViewsOf({ task: recipe.task.name, target: recipe.target });
};

describe('recipeViewsOf over every recipe', () => {
  it('gives the examples table to recipes scored on discrete outputs, waves to the closed-loop ones', () => {
    for (const name of ['calculator', 'copy', 'reverse', 'addition-lstm', 'addition-rnn', 'parity', 'increasing']) {
      expect([name, viewsOf(name)]).toEqual([name, { examples: true, waves: false, hiddenStates: true }]);
    }
    for (const name of ['oscillator-init', 'oscillator-pre', 'oscillator-par', 'sine']) {
      expect([name, viewsOf(name)]).toEqual([name, { examples: false, waves: true, hiddenStates: true }]);
    }
    expect(viewsOf('sentences')).toEqual({ examples: false, waves: false, hiddenStates: true });
    expect(viewsOf('counting')).toEqual({ examples: false, waves: false, hiddenStates: true });
  });
});
