// Node only: exported from `@rnn/training/node` (it may read the run's corpus file).
import { loadCorpus } from '@rnn/datasets/node';
import { findAnyRecipe, isLanguageModelRecipe } from '../recipes/registry';
import { recipeData } from '../recipes/train-recipe';
import type { LanguageModelRun } from './load-language-model-run';
import { isLanguageModelRunRecord } from './run-record';

/**
 * The text to start sampling from when none is given: an RNN has no prediction before it has read
 * a character, so generation needs at least one. A newline when the model knows it (a model of
 * prose then writes as from the start of a line); otherwise the first character it read in
 * training (the corpus's first character, or the first sentence's for the sentences recipe), which
 * it saw at the start of a sequence; failing both, its first symbol.
 *
 * @example
 * const run = await loadLanguageModelRun('runs/charlm');
 * defaultPrime(run); // '\n'
 */
export function defaultPrime(run: LanguageModelRun): string {
  const { vocabulary } = run;
  if (vocabulary.has('\n')) return '\n';
  const known = (ch: string | undefined): ch is string => ch !== undefined && vocabulary.has(ch);
  try {
    if (run.corpus !== undefined) {
      const [first] = loadCorpus(run.corpus);
      if (known(first)) return first;
    } else if (!isLanguageModelRunRecord(run.manifest.run)) {
      const { seed, overrides } = run.manifest.run;
      const recipe = findAnyRecipe(run.recipe);
      if (!isLanguageModelRecipe(recipe)) {
        const ids = recipeData(recipe, seed, overrides).train.inputs.data;
        const first = ids.length > 0 && ids[0] !== 0 ? vocabulary.symbolOf(ids[0]) : undefined;
        if (known(first)) return first;
      }
    }
  } catch {
    // A corpus that has moved since training only costs the better default, not the sample.
  }
  return vocabulary.symbols[0];
}
