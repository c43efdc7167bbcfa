import { createTask, describeTask, type Dataset, type Rng } from '@rnn/datasets';
import type { RecurrentModel } from '@rnn/models';
import { evaluate, type Evaluation } from '../fit/evaluate';
import { accuracyByLength } from '../metrics/accuracy-by-length';
import { closedLoopMse } from '../metrics/closed-loop-mse';
import { greedyCompletions } from '../metrics/greedy-completion';
import { withinTolerance } from '../metrics/within-tolerance';
import type { Recipe, RecipeTarget } from './recipe';

/** A target as measured: the recipe's promise, the value found, and what else the measurement saw. */
export interface MeasuredTarget {
  readonly metric: RecipeTarget['metric'];
  readonly atLeast?: number;
  readonly atMost?: number;
  readonly value: number;
  readonly description: string;
  /** What the metric saw besides its one number (accuracy per length, the completions, ...). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Whether a measured value meets its target. */
export function targetReached(target: { atLeast?: number; atMost?: number; value: number }): boolean {
  if (!Number.isFinite(target.value)) return false;
  return target.atLeast !== undefined ? target.value >= target.atLeast : target.value <= (target.atMost ?? -Infinity);
}

/** The target's goal in words: `>= 0.99` or `<= 0.01`. */
export function targetGoal(target: { atLeast?: number; atMost?: number }): string {
  return target.atLeast !== undefined ? `>= ${target.atLeast}` : `<= ${target.atMost}`;
}

/** Fresh data of the recipe's task: its (overridden) training options, the test's own, and `n` examples. */
export function testDataOf(
  recipe: Recipe,
  taskOptions: Readonly<Record<string, unknown>>,
  n: number,
  rng: Rng,
  extra: Readonly<Record<string, unknown>> = {},
): Dataset {
  const { name } = recipe.task;
  const sized = 'n' in describeTask(name).options ? { n } : {};
  return createTask(name, { ...taskOptions, ...recipe.target.test.options, ...extra, ...sized }, rng);
}

/**
 * Measures a trained model against its recipe's target on fresh data drawn from `rng`, and also
 * returns the plain evaluation (loss, accuracy, exact match) on the test set.
 */
export async function measureTarget(
  recipe: Recipe,
  model: RecurrentModel,
  taskOptions: Readonly<Record<string, unknown>>,
  rng: Rng,
  testSize: number = recipe.target.test.n,
): Promise<{ test: Evaluation; target: MeasuredTarget; reached: boolean }> {
  const { metric, atLeast, atMost } = recipe.target;
  const description = recipe.target.describe?.(taskOptions) ?? recipe.target.description;
  const data = testDataOf(recipe, taskOptions, testSize, rng.fork('set'));
  const test = evaluate(model, data);
  const measured = await valueOf(recipe, model, data, test, taskOptions, rng, testSize);
  const target: MeasuredTarget = {
    metric,
    ...(atLeast !== undefined ? { atLeast } : {}),
    ...(atMost !== undefined ? { atMost } : {}),
    value: measured.value,
    description,
    ...(measured.details ? { details: measured.details } : {}),
  };
  return { test, target, reached: targetReached(target) };
}

async function valueOf(
  recipe: Recipe,
  model: RecurrentModel,
  data: Dataset,
  test: Evaluation,
  taskOptions: Readonly<Record<string, unknown>>,
  rng: Rng,
  testSize: number,
): Promise<{ value: number; details?: Record<string, unknown> }> {
  const spec = recipe.target.test;
  switch (recipe.target.metric) {
    case 'accuracy':
      return { value: test.accuracy ?? Number.NaN };
    case 'exactMatch':
      return { value: test.exactMatch ?? Number.NaN };
    case 'mse':
      return { value: test.loss };
    case 'closedLoopMse':
      return { value: closedLoopMse(model, data, spec.prime ?? 1).mse };
    case 'withinTolerance': {
      const { fraction, worstError } = withinTolerance(model, data, spec.tolerance ?? 0.5);
      return { value: fraction, details: { worstError } };
    }
    case 'worstLengthAccuracy': {
      const lengths = spec.lengths ?? [1, 1];
      const measured = accuracyByLength(
        model,
        (length) =>
          testDataOf(recipe, taskOptions, testSize, rng.fork(`length-${length}`), { length, variableLength: false }),
        lengths,
      );
      return {
        value: measured.worst.accuracy,
        details: { worstLength: measured.worst.length, byLength: measured.byLength },
      };
    }
    case 'completion': {
      const sentences = (data.options.sentences ?? []) as string[];
      if (!data.vocabulary) throw new RangeError(`${recipe.name}: completion needs a task with a vocabulary`);
      const { fraction, completions } = await greedyCompletions(model, data.vocabulary, sentences);
      return { value: fraction, details: { completions } };
    }
  }
}
