import path from 'node:path';
import type { Command } from 'commander';
import type { RecipeOverrides, RecipeResult, ResumePoint } from '@rnn/training';
import type { RecipeRunRecord } from '@rnn/training/node';
import { printJson, processIo, type CliIo } from '../cli-io';
import { loadModels, selectBackend } from '../load-models';
import { checkNewRunFolder, requirePath } from '../output-paths';
import {
  checkTrainingMemory,
  parseIntegerIn,
  parseNumber,
  parsePositive,
  parseSeed,
  rangeText,
  sizeLimits,
} from '../parse-option';
import type { GlobalOptions } from '../program';
import { trainingProgress } from '../training-progress';
import { UsageError } from '../usage-error';
import { trainLanguageModelCommand } from './train-language-model';

interface TrainFlags {
  readonly cell?: string;
  readonly hidden?: number;
  readonly layers?: number;
  readonly decoderInput?: string;
  readonly inject?: string;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly lr?: number;
  readonly optimizer?: string;
  readonly clip?: number;
  readonly task?: string[];
  readonly reverseInput?: boolean;
  readonly testSize?: number;
  readonly notebook?: boolean;
  readonly engine?: string;
  readonly embedding?: number;
  readonly dropout?: number;
  readonly scheme?: string;
  readonly length?: number;
  readonly minutes?: number;
  readonly corpus?: string;
  readonly seed?: string;
  readonly out?: string;
  readonly resume?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The overrides given on the command line, by the API's names; task options checked against the task. */
async function overridesOf(flags: TrainFlags, taskName: string): Promise<RecipeOverrides> {
  const { parseTaskOption } = await import('@rnn/datasets');
  let task: Record<string, unknown> | undefined;
  for (const assignment of flags.task ?? []) task = { ...task, ...parseTaskOption(taskName, assignment) };
  if (flags.reverseInput) {
    if (taskName !== 'addition') throw new UsageError('--reverse-input is for the addition recipes only');
    task = { ...task, reverse: true };
  }
  const pairs: [keyof RecipeOverrides, unknown][] = [
    ['cell', flags.cell],
    ['hidden', flags.hidden],
    ['layers', flags.layers],
    ['decoderInput', flags.decoderInput],
    ['inject', flags.inject],
    ['epochs', flags.epochs],
    ['batchSize', flags.batchSize],
    ['learningRate', flags.lr],
    ['optimizer', flags.optimizer],
    ['clipNorm', flags.clip],
    ['task', task],
    ['testSize', flags.testSize],
  ];
  return Object.fromEntries(pairs.filter(([, v]) => v !== undefined)) as RecipeOverrides;
}

/** The one-line summary `rnn train` and `rnn eval` print. */
export function summaryLine(result: RecipeResult, backend: string): string {
  const { target } = result;
  const goal = target.atLeast !== undefined ? `>= ${target.atLeast}` : `<= ${target.atMost}`;
  return (
    `${result.recipe}: test ${target.metric} ${target.value.toFixed(4)} (target ${goal}: ` +
    `${result.reached ? 'reached' : 'NOT reached'}), loss ${result.test.loss.toFixed(4)}, ` +
    `${result.seconds.toFixed(1)} s on ${backend}, seed ${result.seed}`
  );
}

/**
 * `rnn train RECIPE`: runs a recipe end to end from one seed, with a progress bar on a terminal and
 * a final metrics line (one JSON document with --json). With --out, a checkpoint after every epoch;
 * --resume continues one exactly.
 */
export function registerTrainCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('train')
    .description('train a recipe end to end and measure it against its target')
    .argument('<recipe>', 'the recipe (see rnn list)')
    .option('--cell <kind>', 'elman, simple, lstm or gru')
    .option(
      '--hidden <units>',
      `hidden units per layer, ${rangeText(1, sizeLimits.hidden)} (and the weights must fit in memory)`,
      parseIntegerIn('--hidden', 1, sizeLimits.hidden),
    )
    .option(
      '--layers <count>',
      `stacked recurrent layers, ${rangeText(1, sizeLimits.layers)}`,
      parseIntegerIn('--layers', 1, sizeLimits.layers),
    )
    .option('--decoder-input <mode>', 'encoder-decoders: zeros or teacher-forcing')
    .option('--inject <mode>', 'one-to-many generators: init, pre or par')
    .option(
      '--epochs <count>',
      `passes over the training data, ${rangeText(1, sizeLimits.epochs)}`,
      parseIntegerIn('--epochs', 1, sizeLimits.epochs),
    )
    .option(
      '--batch-size <count>',
      `examples per batch, ${rangeText(1, sizeLimits.batchSize)}`,
      parseIntegerIn('--batch-size', 1, sizeLimits.batchSize),
    )
    .option('--lr <rate>', "learning rate, > 0 (the base rate: a recipe's schedule scales it)", parsePositive('--lr'))
    .option('--optimizer <name>', 'adam, rmsprop, sgd or adagrad')
    .option('--clip <norm>', 'clip gradients to this global norm, > 0', parsePositive('--clip'))
    .option(
      '--task <name=value>',
      'a task option of the training data, e.g. n=1000, length=1..50, targets=final (repeatable; see rnn data --help)',
      collect,
    )
    .option('--reverse-input', 'addition: read the sum reversed (the Sutskever / Keras invert trick)')
    .option(
      '--test-size <count>',
      `fresh test examples (per length where the target measures every length), ${rangeText(1, sizeLimits.testSize)}`,
      parseIntegerIn('--test-size', 1, sizeLimits.testSize),
    )
    .option('--notebook', "the source notebook's own settings instead of the recipe's tuned defaults")
    .option('--engine <name>', 'tfjs (default), or scratch: the plain-TypeScript Elman RNN (increasing, counting)')
    .option('--corpus <name-or-file>', 'language models: tinyshakespeare (default) or any UTF-8 text file')
    .option('--scheme <name>', 'language models: tbptt (contiguous batches, state carried) or windows (random windows)')
    .option(
      '--length <chars>',
      `language models: characters per stream and step (how far back gradients flow), ${rangeText(1, sizeLimits.length)}`,
      parseIntegerIn('--length', 1, sizeLimits.length),
    )
    .option(
      '--embedding <width>',
      `language models: width of the character embedding, ${rangeText(1, sizeLimits.embedding)}`,
      parseIntegerIn('--embedding', 1, sizeLimits.embedding),
    )
    .option('--dropout <rate>', 'language models: dropout between the recurrent layers, in [0, 1)', parseNumber)
    .option(
      '--minutes <n>',
      'language models: stop cleanly (and checkpoint) at the end of the step that passes n minutes',
      parseNumber,
    )
    .option('--seed <seed>', 'the one seed of data, initialisation, shuffling and dropout (default: 42)', parseSeed)
    .option('--out <dir>', 'save a checkpoint after every epoch, and the result, into this folder (a new or empty one)')
    .option('--resume <dir>', 'continue the run checkpointed in this folder (keeps its settings)')
    .action(async (name: string, flags: TrainFlags, command: Command) => {
      const { json, backend } = command.optsWithGlobals<GlobalOptions>();
      requirePath('--out', flags.out, 'a folder');
      requirePath('--resume', flags.resume, 'a run folder');
      requirePath('--corpus', flags.corpus, 'a corpus or a file');
      const training = await import('@rnn/training/node');
      const { writeFileAtomic } = await import('@rnn/datasets/node');
      const found = training.findAnyRecipe(name);
      if (training.isLanguageModelRecipe(found)) {
        const foreign = (
          [
            ['--task', flags.task],
            ['--decoder-input', flags.decoderInput],
            ['--inject', flags.inject],
            ['--reverse-input', flags.reverseInput],
            ['--test-size', flags.testSize],
            ['--notebook', flags.notebook],
            ['--engine', flags.engine],
          ] as const
        ).find(([, v]) => v !== undefined);
        if (foreign) throw new UsageError(`${foreign[0]} does not apply to the language model recipe ${found.name}`);
        await trainLanguageModelCommand(found, flags, { json: json === true, ...(backend ? { backend } : {}), io });
        return;
      }
      const lmOnly = (
        [
          ['--corpus', flags.corpus],
          ['--scheme', flags.scheme],
          ['--length', flags.length],
          ['--embedding', flags.embedding],
          ['--dropout', flags.dropout],
          ['--minutes', flags.minutes],
        ] as const
      ).find(([, v]) => v !== undefined);
      if (lmOnly) throw new UsageError(`${lmOnly[0]} is for the language model recipes (charlm, charlm-quick) only`);
      const recipe = found;
      const given = await overridesOf(flags, recipe.task.name);
      if (flags.notebook && !recipe.notebook) {
        throw new UsageError(
          `the ${recipe.name} recipe runs the notebook's own settings already; leave out --notebook`,
        );
      }
      let overrides: RecipeOverrides = flags.notebook
        ? { ...recipe.notebook?.overrides, ...given, task: { ...recipe.notebook?.overrides.task, ...given.task } }
        : given;
      let seed = flags.seed ?? '42';
      if (flags.engine !== undefined && flags.engine !== 'tfjs' && flags.engine !== 'scratch') {
        throw new UsageError(`--engine must be tfjs or scratch, got ${JSON.stringify(flags.engine)}`);
      }
      if (flags.engine === 'scratch') {
        if (flags.out !== undefined || flags.resume !== undefined) {
          throw new UsageError('the scratch engine keeps its weights in memory only; leave out --out and --resume');
        }
        const progress = trainingProgress(io);
        const { epochs } = training.recipeSettings(recipe, overrides);
        checkTrainingMemory(training.recipeSettings(recipe, overrides));
        const result = training.trainRecipeFromScratch(recipe, {
          seed,
          overrides,
          onEpochEnd: (record) => progress.epoch(record, epochs),
        });
        progress.stop();
        const report = { ...result, engine: 'scratch', ...(flags.notebook ? { notebook: true } : {}) };
        if (json) printJson(io, report);
        else io.stdout.write(`${summaryLine(result, 'the from-scratch engine (plain TypeScript, no tfjs)')}\n`);
        return;
      }
      let resume: ResumePoint | undefined;
      let resumedNotebook = false;
      if (flags.resume !== undefined) {
        if (flags.out !== undefined && path.resolve(flags.out) !== path.resolve(flags.resume)) {
          throw new UsageError('--resume continues in its own folder; leave out --out or give the same folder');
        }
        if (Object.keys(given).length > 0 || flags.seed !== undefined || flags.notebook) {
          throw new UsageError(
            'a resumed run keeps the settings it was started with; leave out the other training options',
          );
        }
        const checkpoint = await training.loadRunCheckpoint(flags.resume);
        ({
          seed,
          overrides,
          notebook: resumedNotebook,
          resume,
        } = training.resumeRecipeRun(checkpoint, recipe.name, flags.resume));
      } else if (flags.out !== undefined) {
        checkNewRunFolder(flags.out);
      }
      const settings = training.recipeSettings(recipe, overrides);
      checkTrainingMemory(settings);
      const selection = await selectBackend(backend);
      const dir = flags.resume ?? flags.out;
      const progress = trainingProgress(io);
      const runFields = {
        recipe: recipe.name,
        seed,
        overrides,
        notebook: flags.notebook === true || resumedNotebook,
        backend: selection.name,
      };
      // Built where it is first written: by then training has checked the settings, in its own words.
      let run: RecipeRunRecord | undefined;
      let outcome;
      try {
        outcome = await training.trainRecipe(recipe, {
          seed,
          overrides,
          ...(resume ? { resume } : {}),
          onBatchEnd: (p) => progress.batch(p),
          onEpochEnd: async (record, state) => {
            progress.epoch(record, settings.epochs);
            if (dir !== undefined) {
              run ??= training.recipeRunRecord(runFields);
              await training.saveCheckpoint(dir, { ...state, epoch: record.epoch, run });
            }
          },
        });
      } finally {
        progress.stop();
      }
      const { result, model } = outcome;
      model.dispose();
      const models = await loadModels();
      const report = {
        ...result,
        ...(flags.notebook ? { notebook: true } : {}),
        backend: selection.name,
        kernel: models.activeSequenceKernel().name,
      };
      if (dir !== undefined)
        await writeFileAtomic(path.join(dir, 'result.json'), `${JSON.stringify(report, null, 2)}\n`);
      if (json) printJson(io, report);
      else io.stdout.write(`${summaryLine(result, `${selection.name} (${report.kernel} recurrence kernel)`)}\n`);
    });
}
