import type { LanguageModelOverrides } from '../language-model/language-model-recipe';
import type { RecipeOverrides } from '../recipes/recipe';

/**
 * One exercise of the tour: a recipe, what it shows, and its quick form: the overrides of a budget
 * small enough for the whole tour to take minutes that still reaches the recipe's target, measured
 * at the default seed on two cores.
 */
export interface TourStop {
  /** A task recipe, or a language model recipe (`charlm-quick`, standing for `charlm`). */
  readonly recipe: string;
  /** What the exercise shows, in one line. */
  readonly shows: string;
  /** The quick form: a task recipe's overrides. */
  readonly overrides?: RecipeOverrides;
  /** The quick form: a language model recipe's overrides. */
  readonly languageModelOverrides?: LanguageModelOverrides;
  /** Why the quick form differs from the recipe beyond a shorter budget, when it does. */
  readonly why?: string;
}

/**
 * The tour, in the notebooks' order: every exercise of `rnn list`, the 45-minute `charlm` by its
 * quick form. Budgets are the fewest epochs that reached each target at seed 42 (of those tried);
 * a recipe without overrides needs its own budget.
 */
export const tourStops: readonly TourStop[] = [
  {
    recipe: 'calculator',
    shows: 'many-to-one: the sign of a running sum, read from the last state',
  },
  {
    recipe: 'oscillator-init',
    shows: 'one-to-many: a sine of the asked frequency, the code setting the first state',
    overrides: { epochs: 5 },
  },
  {
    recipe: 'oscillator-pre',
    shows: 'one-to-many: the same waves, the code read as the first input',
    // Its full 30 epochs: the code enters once, at the first step, and fewer do not carry it
    // through 50 steps yet.
  },
  {
    recipe: 'oscillator-par',
    shows: 'one-to-many: the same waves, the code beside every input',
    overrides: { epochs: 8 },
  },
  {
    recipe: 'sine',
    shows: 'a linear RNN of 2 units holds a rotation: the wave runs on in closed loop',
  },
  {
    recipe: 'copy',
    shows: 'encoder-decoder with a stop symbol and a loss mask over variable lengths',
    overrides: { epochs: 20 },
  },
  {
    recipe: 'reverse',
    shows: 'the same encoder-decoder writes its input backwards',
    overrides: { epochs: 6 },
  },
  {
    recipe: 'addition-rnn',
    shows: 'a tanh RNN encoder-decoder learning to add, beside the LSTM on the same sums',
    overrides: { task: { minDigits: 2, maxDigits: 2, n: 10000 }, epochs: 10 },
    why: 'two-digit operands, 8,100 sums in all, so many test sums were also training sums; the recipe trains on 50,000 three- and four-digit sums for minutes',
  },
  {
    recipe: 'addition-lstm',
    shows: 'an LSTM encoder-decoder adds whole numbers, the answer only in its final state',
    overrides: { task: { minDigits: 2, maxDigits: 2, n: 10000 }, epochs: 10 },
    why: 'two-digit operands, 8,100 sums in all, so many test sums were also training sums; the recipe trains on 50,000 three- and four-digit sums for minutes',
  },
  {
    recipe: 'charlm-quick',
    shows: 'a character LSTM language model of Shakespeare, against the best Markov order',
    // Two whole epochs rather than its 2.5 minutes: a budget of steps, not of time, gives the same
    // model on every machine; ten minutes only guards a very slow one.
    languageModelOverrides: { epochs: 2, minutes: 10 },
  },
  {
    recipe: 'sentences',
    shows: 'a character model completes three sentences from their first word',
  },
  {
    recipe: 'increasing',
    shows: 'many-to-one with two inputs per step: is the running sum increasing?',
  },
  {
    recipe: 'counting',
    shows: 'one-to-many, outputs fed back: a linear RNN counts on from n',
    overrides: { epochs: 30 },
  },
  {
    recipe: 'parity',
    shows: 'the running parity of 50 bits, tested on 75',
  },
  {
    recipe: 'parity-variable',
    shows: 'padded, masked, length-bucketed batches of 1-50 bits, right at every length to 75',
  },
  {
    recipe: 'parity-final',
    shows: 'one label per string: the LSTM reads the last valid step of 1-50 bits',
    overrides: { epochs: 5 },
  },
];
