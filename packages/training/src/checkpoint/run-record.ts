import { z } from 'zod';
import { Vocabulary, type VocabularyJson } from '@rnn/datasets';
import { cellKinds, generatorInjects, seq2seqDecoderInputs } from '@rnn/models';
import { optimizerNames } from '../fit/create-optimizer';
import type { LearningRateSchedule } from '../fit/learning-rate-schedule';
import { languageModelSchemes, type LanguageModelOverrides } from '../language-model/language-model-recipe';
import { languageModelSettings } from '../language-model/train-language-model';
import type { RecipeOverrides } from '../recipes/recipe';
import { findAnyRecipe, isLanguageModelRecipe } from '../recipes/registry';
import { recipeSettings } from '../recipes/train-recipe';
import { schemaErrorMessage } from './schema-error';

/** What `rnn train` records of a task recipe's run in its checkpoints: enough to rebuild it exactly. */
export interface RecipeRunRecord {
  readonly recipe: string;
  /** The one seed of the run, as given (`--seed`, default `42`). */
  readonly seed: string;
  /** The settings given on the command line (`--notebook`'s included), by the API's names. */
  readonly overrides: RecipeOverrides;
  /** Present when the run used the source notebook's own settings. */
  readonly notebook?: true;
  /** The tfjs backend that trained it, for the record (a resumed run may use another). */
  readonly backend: string;
}

/** What `rnn train` records of a character language model's run in its checkpoints. */
export interface LanguageModelRunRecord {
  readonly recipe: string;
  readonly seed: string;
  /** The settings given on the command line; the time budget is left out (it is each process's own). */
  readonly overrides: Omit<LanguageModelOverrides, 'minutes'>;
  /** The corpus it trains on: a shipped corpus's name or a file path. */
  readonly corpus: string;
  readonly backend: string;
  /** The corpus's vocabulary, so sampling needs neither the corpus nor a rebuild. */
  readonly vocabulary: VocabularyJson;
}

/** The run record of a checkpoint written by `rnn train`: `manifest.run`. */
export type RunRecord = RecipeRunRecord | LanguageModelRunRecord;

const oneOf = <T extends string>(values: readonly T[]) => z.enum(values as unknown as [T, ...T[]]);
const positiveInteger = z.number().int().min(1);
const positive = z.number().positive();

const scheduleSchema: z.ZodType<LearningRateSchedule> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }).strict(),
  z.object({ kind: z.literal('step'), every: positiveInteger, gamma: z.number().gt(0).max(1) }).strict(),
  z
    .object({
      kind: z.literal('cosine'),
      warmup: z.number().nonnegative().optional(),
      minFactor: z.number().min(0).max(1).optional(),
    })
    .strict(),
]);

/** The overrides both kinds of recipe take. */
const sharedOverrides = {
  cell: oneOf(cellKinds).optional(),
  hidden: positiveInteger.optional(),
  layers: positiveInteger.optional(),
  epochs: positiveInteger.optional(),
  batchSize: positiveInteger.optional(),
  learningRate: positive.optional(),
  clipNorm: positive.optional(),
  optimizer: oneOf(optimizerNames).optional(),
  schedule: scheduleSchema.optional(),
};

const recipeOverridesSchema: z.ZodType<RecipeOverrides> = z
  .object({
    ...sharedOverrides,
    decoderInput: oneOf(seq2seqDecoderInputs).optional(),
    inject: oneOf(generatorInjects).optional(),
    task: z.record(z.string(), z.unknown()).optional(),
    testSize: positiveInteger.optional(),
  })
  .strict();

const languageModelOverridesSchema: z.ZodType<Omit<LanguageModelOverrides, 'minutes'>> = z
  .object({
    ...sharedOverrides,
    embedding: positiveInteger.optional(),
    dropout: z.number().min(0).lt(1).optional(),
    scheme: oneOf(languageModelSchemes).optional(),
    length: positiveInteger.optional(),
  })
  .strict();

const recipeName = z.string().min(1);
const seed = z.string();
const backend = z.string().min(1);

/** The schema of {@link RecipeRunRecord}. */
export const recipeRunRecordSchema: z.ZodType<RecipeRunRecord> = z
  .object({ recipe: recipeName, seed, overrides: recipeOverridesSchema, notebook: z.literal(true).optional(), backend })
  .strict();

/** The schema of {@link LanguageModelRunRecord}. */
export const languageModelRunRecordSchema: z.ZodType<LanguageModelRunRecord> = z
  .object({
    recipe: recipeName,
    seed,
    overrides: languageModelOverridesSchema,
    corpus: z.string().min(1),
    backend,
    vocabulary: z
      .object({
        format: z.literal('rnn-vocabulary'),
        version: z.literal(1),
        reserved: z.string(),
        symbols: z.array(z.string().min(1)),
      })
      .strict(),
  })
  .strict();

/**
 * Checks a run record read from `file` (a checkpoint.json): its fields against the schema of its
 * recipe's kind, and its overrides against the recipe. The recipe is looked up by `run.recipe`, so a
 * record of a recipe this version does not have is refused too.
 *
 * @throws RangeError, one line naming the file and the field (`checkpoint.json: run.seed is missing`).
 */
export function parseRunRecord(value: unknown, file: string): RunRecord {
  const fail = (why: string): never => {
    throw new RangeError(`${file}: ${why}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`run must be an object {recipe, seed, overrides, ...}, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  const name = (value as { recipe?: unknown }).recipe;
  if (typeof name !== 'string') {
    return fail(
      name === undefined ? 'run.recipe is missing' : `run.recipe must be a string, got ${JSON.stringify(name)}`,
    );
  }
  let recipe;
  try {
    recipe = findAnyRecipe(name);
  } catch (err) {
    return fail(`run.recipe: ${(err as Error).message}`);
  }
  const schema = isLanguageModelRecipe(recipe) ? languageModelRunRecordSchema : recipeRunRecordSchema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RangeError(schemaErrorMessage(file, parsed.error, value, ['run']));
  const run = parsed.data;
  if (isLanguageModelRecipe(recipe)) {
    try {
      Vocabulary.fromJSON((run as LanguageModelRunRecord).vocabulary);
    } catch (err) {
      return fail(`run.vocabulary: ${(err as Error).message}`);
    }
  }
  try {
    if (isLanguageModelRecipe(recipe)) {
      languageModelSettings(recipe, run.overrides);
    } else {
      recipeSettings(recipe, run.overrides as RecipeOverrides);
      if ((run as RecipeRunRecord).notebook && !recipe.notebook) {
        return fail(`run.notebook: the ${recipe.name} recipe has no notebook settings of its own`);
      }
    }
  } catch (err) {
    if (!(err instanceof RangeError) || err.message.startsWith(`${file}: `)) throw err;
    return fail(`run.overrides do not fit the ${recipe.name} recipe: ${err.message}`);
  }
  return run;
}

/** Whether a run record is a character language model's (it names its corpus). */
export function isLanguageModelRunRecord(run: RunRecord): run is LanguageModelRunRecord {
  return 'corpus' in run;
}

/** Drops what JSON would drop (undefined fields), so a record checks as it will read back. */
const asWritten = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * The run record of a task recipe's run, as `rnn train` writes it into every checkpoint, checked
 * against the schema it will be read back with, so a run never writes a record it cannot resume.
 */
export function recipeRunRecord(fields: {
  recipe: string;
  seed: string;
  overrides: RecipeOverrides;
  notebook?: boolean;
  backend: string;
}): RecipeRunRecord {
  const { notebook, ...rest } = fields;
  const record = asWritten({ ...rest, ...(notebook ? { notebook: true } : {}) });
  return parseRunRecord(record, 'the run record') as RecipeRunRecord;
}

/**
 * The run record of a character language model's run, as `rnn train` writes it into every
 * checkpoint (without the time budget, which is each process's own), checked as it will be read.
 */
export function languageModelRunRecord(fields: {
  recipe: string;
  seed: string;
  overrides: LanguageModelOverrides;
  corpus: string;
  backend: string;
  vocabulary: VocabularyJson;
}): LanguageModelRunRecord {
  const overrides = Object.fromEntries(Object.entries(fields.overrides).filter(([key]) => key !== 'minutes'));
  const record = asWritten({ ...fields, overrides });
  return parseRunRecord(record, 'the run record') as LanguageModelRunRecord;
}
