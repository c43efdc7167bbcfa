import path from 'node:path';
import type { LanguageModelOverrides, LanguageModelRecipe, LanguageModelResult } from '@rnn/training';
import { printJson, type CliIo } from '../cli-io';
import { languageModelProgress } from '../language-model-progress';
import { loadModels, selectBackend } from '../load-models';
import { checkNewRunFolder } from '../output-paths';
import { checkTrainingMemory } from '../parse-option';
import { UsageError } from '../usage-error';

/** The flags of `rnn train` a language model recipe reads. */
export interface LanguageModelFlags {
  readonly cell?: string;
  readonly hidden?: number;
  readonly layers?: number;
  readonly embedding?: number;
  readonly dropout?: number;
  readonly scheme?: string;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly length?: number;
  readonly lr?: number;
  readonly optimizer?: string;
  readonly clip?: number;
  readonly minutes?: number;
  readonly corpus?: string;
  readonly seed?: string;
  readonly out?: string;
  readonly resume?: string;
}

/** The one-line summary of a language model run. */
export function languageModelSummary(result: LanguageModelResult, backend: string): string {
  const markov = result.markov
    ? `, best Markov (order ${result.markov.order}) ${result.markov.validationBitsPerChar.toFixed(3)}`
    : '';
  const goal = result.target.atMost !== undefined ? `<= ${result.target.atMost}` : 'below Markov';
  return (
    `${result.recipe}: validation ${result.validationBitsPerChar.toFixed(3)} bits/char${markov} ` +
    `(target ${goal}: ${result.reached ? 'reached' : 'NOT reached'}), test ${result.testBitsPerChar.toFixed(3)}, ` +
    `${result.steps}/${result.plannedSteps} steps, ${result.seconds.toFixed(1)} s on ${backend}, seed ${result.seed}`
  );
}

/**
 * `rnn train charlm|charlm-quick`: trains a character language model on a corpus (the shipped
 * tinyshakespeare, or any UTF-8 file with --corpus), checkpointing at every epoch's end, at the end
 * of the --minutes budget and on Ctrl-C; --resume continues exactly.
 */
export async function trainLanguageModelCommand(
  recipe: LanguageModelRecipe,
  flags: LanguageModelFlags,
  options: { json: boolean; backend?: string; io: CliIo },
): Promise<void> {
  const { io, json } = options;
  const training = await import('@rnn/training/node');
  const { loadCorpus, writeFileAtomic } = await import('@rnn/datasets/node');
  const given: LanguageModelOverrides = Object.fromEntries(
    (
      [
        ['cell', flags.cell],
        ['hidden', flags.hidden],
        ['layers', flags.layers],
        ['embedding', flags.embedding],
        ['dropout', flags.dropout],
        ['scheme', flags.scheme],
        ['epochs', flags.epochs],
        ['batchSize', flags.batchSize],
        ['length', flags.length],
        ['learningRate', flags.lr],
        ['optimizer', flags.optimizer],
        ['clipNorm', flags.clip],
        ['minutes', flags.minutes],
      ] as const
    ).filter(([, v]) => v !== undefined),
  );
  let seed = flags.seed ?? '42';
  let overrides: LanguageModelOverrides = given;
  let corpus = flags.corpus ?? recipe.corpus;
  let resume: import('@rnn/training').LanguageModelResumePoint | undefined;
  if (flags.resume !== undefined) {
    if (flags.out !== undefined && path.resolve(flags.out) !== path.resolve(flags.resume)) {
      throw new UsageError('--resume continues in its own folder; leave out --out or give the same folder');
    }
    // The time budget is the one thing a resumed run may set anew: it is this process's.
    const { minutes, ...rest } = given;
    if (Object.keys(rest).length > 0 || flags.seed !== undefined || flags.corpus !== undefined) {
      throw new UsageError(
        'a resumed run keeps the settings it was started with; leave out the other training options',
      );
    }
    const checkpoint = await training.loadRunCheckpoint(flags.resume);
    ({ seed, overrides, corpus, resume } = training.resumeLanguageModelRun(
      checkpoint,
      recipe.name,
      flags.resume,
      minutes,
    ));
  } else if (flags.out !== undefined) {
    checkNewRunFolder(flags.out);
  }
  checkTrainingMemory(training.languageModelSettings(recipe, overrides));
  const text = loadCorpus(corpus);
  const selection = await selectBackend(options.backend);
  const dir = flags.resume ?? flags.out;
  const run = {
    recipe: recipe.name,
    seed,
    overrides: { ...overrides, minutes: undefined },
    corpus,
    backend: selection.name,
  };
  // Ctrl-C ends the current step, saves a checkpoint and reports; a second one quits at once.
  const signal = { aborted: false };
  const onInterrupt = () => {
    if (signal.aborted) process.exit(130);
    signal.aborted = true;
    io.stderr.write('\nstopping at the end of this step (Ctrl-C again to quit without saving)\n');
  };
  process.on('SIGINT', onInterrupt);
  const progress = languageModelProgress(io);
  let outcome;
  try {
    outcome = await training.trainLanguageModel(recipe, {
      text,
      corpusName: corpus,
      seed,
      overrides,
      signal,
      ...(resume ? { resume } : {}),
      onStep: (p) => progress.step(p),
      onCheckpoint: async (state) => {
        if (state.history.length > 0) progress.record(state.history[state.history.length - 1]);
        if (dir === undefined) return;
        await training.saveCheckpoint(dir, {
          model: state.model,
          optimizer: state.optimizer,
          epoch: state.epoch,
          step: state.step,
          history: state.history,
          ...(state.carried ? { carried: state.carried } : {}),
          run: training.languageModelRunRecord({ ...run, vocabulary: state.vocabulary }),
        });
      },
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
  }
  const { result, model } = outcome;
  model.dispose();
  const models = await loadModels();
  const report = { ...result, backend: selection.name, kernel: models.activeSequenceKernel().name };
  if (dir !== undefined) await writeFileAtomic(path.join(dir, 'result.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (json) printJson(io, report);
  else io.stdout.write(`${languageModelSummary(result, `${selection.name} (${report.kernel} recurrence kernel)`)}\n`);
}
