import type { RecurrentModel } from '@rnn/models';
import type { Evaluation } from '../fit/evaluate';
import type { MeasuredTarget } from '../recipes/measure-target';
import type { Recipe, RecipeOverrides } from '../recipes/recipe';
import { findRecipe } from '../recipes/registry';
import { trainRecipe, type RecipeResult } from '../recipes/train-recipe';
import { studyMarkdown } from './study-table';

/** One cell of a study's table: a setting of the variant or a measured number. */
export type StudyValue = string | number | boolean | null;

/** A column of a study's table. */
export interface StudyColumn {
  /** The key of the cell in each row's `cells`. */
  readonly key: string;
  /** The column's header in the markdown table. */
  readonly header: string;
  /** Decimal places a number is shown with; default as it comes. */
  readonly digits?: number;
}

/** One variant of a study: a recipe with the overrides that make it this variant. */
export interface StudyVariant {
  /** A short name of the variant, e.g. "lengths 1-50, final, lstm". */
  readonly label: string;
  /** The recipe trained (see `rnn list`). */
  readonly recipe: string;
  /** What differs from the other variants; the budget is the study's, never a variant's. */
  readonly overrides: RecipeOverrides;
  /** The variant's settings as table cells, by column key. */
  readonly columns: Readonly<Record<string, StudyValue>>;
}

/** The one budget every variant of a study trains with. */
export interface StudyBudget {
  /** Applied to every variant (data size, epochs, batch, learning rate, ...). */
  readonly overrides: RecipeOverrides;
  /** The budget in words, and why it was chosen. */
  readonly description: string;
}

/** A trained variant, for its study to measure. */
export interface VariantOutcome {
  readonly variant: StudyVariant;
  readonly result: RecipeResult;
  readonly model: RecurrentModel;
}

/** What a study measured on one trained variant, beyond the recipe's target. */
export interface VariantMeasurement {
  /** Measured table cells, by column key. */
  readonly cells: Readonly<Record<string, StudyValue>>;
  /** What does not fit in a table (e.g. eigenvalues as complex numbers); kept in the JSON. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * A question of a source notebook answered by measurement: variants of recipes trained with one
 * budget and one seed, measured the same way, and shown as one table.
 */
export interface Study {
  readonly name: string;
  /** The question the table answers. */
  readonly question: string;
  /** Where the question comes from, in words, e.g. "the parity notebook". */
  readonly source: string;
  readonly budget: StudyBudget;
  readonly variants: readonly StudyVariant[];
  /** The table's columns: the variants' settings, then the measurements (reached and seconds follow). */
  readonly columns: readonly StudyColumn[];
  /** Measures a trained variant (the model is disposed afterwards). */
  measure(outcome: VariantOutcome): VariantMeasurement;
  /** One paragraph-ready sentence or two computed from the rows: what the numbers say, not why. */
  finding(rows: readonly StudyRow[]): string;
}

/** One trained and measured variant: a row of the table and everything behind it. */
export interface StudyRow {
  readonly label: string;
  readonly recipe: string;
  /** The overrides the variant trained with: the budget's and its own. */
  readonly overrides: RecipeOverrides;
  /** Every cell of the row, by column key (`reached` and `seconds` included). */
  readonly cells: Readonly<Record<string, StudyValue>>;
  readonly target: MeasuredTarget;
  readonly reached: boolean;
  /** Loss, accuracy and exact match on the recipe's fresh test data. */
  readonly test: Evaluation;
  /** Mean training loss of the last epoch. */
  readonly trainingLoss: number;
  /** Seconds spent training. */
  readonly seconds: number;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What {@link runStudy} returns: the table as data and as markdown. */
export interface StudyResult {
  readonly name: string;
  readonly question: string;
  readonly source: string;
  readonly budget: StudyBudget;
  readonly seed: string;
  readonly columns: readonly StudyColumn[];
  readonly rows: readonly StudyRow[];
  /** See {@link Study.finding}. */
  readonly finding: string;
  /** The whole study as a markdown document: question, budget, table and finding. */
  readonly markdown: string;
}

/** Options of {@link runStudy}. */
export interface RunStudyOptions {
  /** The one seed every variant trains from. Default `42`. */
  readonly seed?: string | number;
  /** Called after each variant with its row, e.g. for a progress line. */
  readonly onVariant?: (row: StudyRow, position: { index: number; total: number }) => void;
  /** Where the variants' recipe names are looked up; default the registry of every recipe. */
  readonly findRecipe?: (name: string) => Recipe;
}

/** The columns every study's table ends with. */
const closingColumns: readonly StudyColumn[] = [
  { key: 'reached', header: 'reached' },
  { key: 'seconds', header: 'seconds', digits: 1 },
];

/**
 * The budget's overrides with the variant's on top. A variant that sets what the budget sets would
 * no longer share the budget, so that is refused.
 */
function variantOverrides(study: Study, variant: StudyVariant): RecipeOverrides {
  const budget = study.budget.overrides;
  const clash = [
    ...Object.keys(variant.overrides).filter((k) => k !== 'task' && k in budget),
    ...Object.keys(variant.overrides.task ?? {})
      .filter((k) => k in (budget.task ?? {}))
      .map((k) => `task.${k}`),
  ];
  if (clash.length > 0) {
    throw new RangeError(
      `${study.name}: variant "${variant.label}" must not override the study's budget (${clash.join(', ')})`,
    );
  }
  const task = { ...budget.task, ...variant.overrides.task };
  return { ...budget, ...variant.overrides, ...(Object.keys(task).length > 0 ? { task } : {}) };
}

/** Checks a study's shape before any training, so a mistake costs no minutes. */
function checkStudy(study: Study): void {
  if (study.variants.length === 0) throw new RangeError(`${study.name}: a study needs at least one variant`);
  const labels = new Set(study.variants.map((v) => v.label));
  if (labels.size !== study.variants.length) throw new RangeError(`${study.name}: variant labels must be unique`);
  const keys = new Set(study.columns.map((c) => c.key));
  for (const c of closingColumns) {
    if (keys.has(c.key)) throw new RangeError(`${study.name}: the column "${c.key}" is added by runStudy`);
  }
}

/**
 * Runs a study: trains every variant from the same seed with the study's one budget, measures it
 * (the recipe's target, then the study's own measurements), and renders the table. Variants run one
 * after the other; each model is disposed once measured.
 */
export async function runStudy(study: Study, options: RunStudyOptions = {}): Promise<StudyResult> {
  checkStudy(study);
  const seed = String(options.seed ?? 42);
  const lookup = options.findRecipe ?? findRecipe;
  const planned = study.variants.map((variant) => ({
    variant,
    recipe: lookup(variant.recipe),
    overrides: variantOverrides(study, variant),
  }));
  const rows: StudyRow[] = [];
  for (const [index, { variant, recipe, overrides }] of planned.entries()) {
    const { result, model } = await trainRecipe(recipe, { seed, overrides });
    let measured: VariantMeasurement;
    try {
      measured = study.measure({ variant, result, model });
    } finally {
      model.dispose();
    }
    const row: StudyRow = {
      label: variant.label,
      recipe: recipe.name,
      overrides,
      cells: { ...variant.columns, ...measured.cells, reached: result.reached, seconds: result.seconds },
      target: result.target,
      reached: result.reached,
      test: result.test,
      trainingLoss: result.history[result.history.length - 1]?.loss ?? Number.NaN,
      seconds: result.seconds,
      ...(measured.details ? { details: measured.details } : {}),
    };
    rows.push(row);
    options.onVariant?.(row, { index, total: planned.length });
  }
  const columns = [...study.columns, ...closingColumns];
  const finding = study.finding(rows);
  const { name, question, source, budget } = study;
  const unrendered = { name, question, source, budget, seed, columns, rows, finding };
  return { ...unrendered, markdown: studyMarkdown(unrendered) };
}
