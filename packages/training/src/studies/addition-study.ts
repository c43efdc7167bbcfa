import { additionLstmRecipe, additionRnnRecipe } from '../recipes/addition';
import type { Recipe } from '../recipes/recipe';
import type { Study, StudyRow, StudyVariant } from './study';

/**
 * A third of the recipes' epochs on their data (sums written for column addition), so the four
 * variants fit in a few minutes. Batch, optimizer, learning rate, schedule and clipping are the same
 * for both.
 */
const { batchSize, learningRate, optimizer, schedule, clipNorm } = additionRnnRecipe.training;
// The training settings are spelled out so both cells keep one budget: the SimpleRNN recipe's, whose
// rate (0.005) both cells learn at; the LSTM recipe trains at 0.02, where the SimpleRNN does not learn.
const budget = {
  task: { n: 50000 },
  epochs: 8,
  batchSize,
  learningRate,
  optimizer,
  ...(schedule ? { schedule } : {}),
  ...(clipNorm !== undefined ? { clipNorm } : {}),
};

function modelName(recipe: Recipe): string {
  const { cell, hidden, layers } = recipe.model;
  return `${cell === 'lstm' ? 'LSTM' : 'SimpleRNN'} ${hidden}x${layers}`;
}

function variant(recipe: Recipe, reverse: boolean): StudyVariant {
  const input = reverse ? 'reversed' : 'in order';
  return {
    label: `${modelName(recipe)}, input ${input}`,
    recipe: recipe.name,
    overrides: { task: { reverse } },
    columns: { model: modelName(recipe), input },
  };
}

function additionFinding(rows: readonly StudyRow[]): string {
  const byValue = [...rows].sort((a, b) => b.target.value - a.target.value);
  // Semicolons, because the labels themselves hold commas.
  const scores = byValue.map((r) => `${r.label} ${r.target.value.toFixed(3)}`).join('; ');
  const gains = [additionRnnRecipe, additionLstmRecipe].flatMap((recipe) => {
    const ordered = rows.find((r) => r.recipe === recipe.name && r.cells.input === 'in order');
    const reversed = rows.find((r) => r.recipe === recipe.name && r.cells.input === 'reversed');
    if (!ordered || !reversed) return [];
    const change = reversed.target.value - ordered.target.value;
    return [`${change >= 0 ? '+' : ''}${change.toFixed(3)} for the ${modelName(recipe)}`];
  });
  const lstmGoal = additionLstmRecipe.target.atLeast ?? 0.99;
  const lstmReached = rows.filter((r) => r.recipe === additionLstmRecipe.name && r.reached).map((r) => r.label);
  return (
    `Exact match on fresh sums, best first: ${scores}. Reversing the input changed exact match by ${gains.join(' and ')}. ` +
    `The LSTM recipe's target (>= ${lstmGoal}) was reached by ${lstmReached.length > 0 ? lstmReached.join(' and ') : 'neither LSTM variant'} in this budget.`
  );
}

/**
 * The sequences notebook's comparison of its SumRNN and SumLSTM, with the input read in order and
 * reversed (the invert trick): four variants of the two addition recipes, each model at its
 * recipe's own size, all with one shortened budget.
 */
export const additionStudy: Study = {
  name: 'addition',
  question:
    'How much better does an LSTM encoder-decoder add than a SimpleRNN one, and does reading the ' +
    'sum reversed help either?',
  source: 'the sequences notebook',
  budget: {
    overrides: budget,
    description:
      `${budget.task.n.toLocaleString('en-US')} sums of 3-4 digit operands, ${budget.epochs} epochs ` +
      `(the recipes train ${additionLstmRecipe.training.epochs}), batch ${batchSize}, ${optimizer} at ${learningRate}` +
      `${schedule ? ` on a ${schedule.kind} schedule` : ''}${clipNorm !== undefined ? `, gradients clipped to norm ${clipNorm}` : ''}; ` +
      `each model at its recipe's size; exact match of the whole answer on ` +
      `${additionLstmRecipe.target.test.n.toLocaleString('en-US')} fresh sums`,
  },
  variants: [additionRnnRecipe, additionLstmRecipe].flatMap((recipe) => [false, true].map((r) => variant(recipe, r))),
  columns: [
    { key: 'model', header: 'model' },
    { key: 'input', header: 'input' },
    { key: 'exactMatch', header: 'exact match', digits: 3 },
    { key: 'accuracy', header: 'per-character accuracy', digits: 3 },
    { key: 'loss', header: 'test loss', digits: 4 },
  ],
  measure({ result }) {
    return {
      cells: { exactMatch: result.target.value, accuracy: result.test.accuracy ?? null, loss: result.test.loss },
    };
  },
  finding: additionFinding,
};
