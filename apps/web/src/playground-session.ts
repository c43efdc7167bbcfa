// What the training worker does, apart from the Worker globals, so that Node tests drive it directly.
// Everything it computes comes from the packages: recipes and training from @rnn/training, backends
// and kernels from @rnn/models, data from @rnn/datasets, the baseline from @rnn/markov, text from
// @rnn/sampling.
import {
  charactersOutside,
  corpusFromText,
  createRng,
  folderInMemory,
  formatExample,
  parseTaskInput,
  Vocabulary,
  type VocabularyJson,
} from '@rnn/datasets';
import {
  activeSequenceKernel,
  cellKinds,
  describeBackends,
  LanguageModel,
  layersExport,
  quietTfjsWarnings,
  useBackend,
  type BackendName,
  type RecurrentModel,
  type SequenceModel,
} from '@rnn/models';
import { createSampler } from '@rnn/sampling';
import {
  encodeRunFolder,
  findAnyRecipe,
  freshRecipeExamples,
  isLanguageModelRecipe,
  languageModelRecipes,
  languageModelRunRecord,
  predictRecipe,
  readRunFolder,
  recipeData,
  recipeLanguageModel,
  recipeRunRecord,
  recipes,
  recipeInputSymbols,
  recipeWaves,
  recordLanguageModelHiddenStates,
  recordRecipeHiddenStates,
  targetGoal,
  trainLanguageModel,
  trainRecipe,
  type LanguageModelOverrides,
  type LanguageModelRecipe,
  type LanguageModelStepProgress,
  type Recipe,
  type CheckpointState,
  type RecipeOverrides,
} from '@rnn/training';
import { recipeViewsOf } from '@rnn/views';
import { chooseBackend, switchBackend } from './backend-choice';
import { CorpusBaseline } from './corpus-baseline';
import { corpusOpening } from './corpus-opening';
import {
  backendSwitchRefusal,
  defaultGeneratedLength,
  type EngineReport,
  type PlaygroundReply,
  type PlaygroundRequest,
  type RecipeCard,
  type RunSettings,
} from './protocol';
import { checkpointDescription, recordedHistory, runSettingsOf } from './opened-run';
import { generateSideBySide, type TextStream } from './side-by-side-generation';
import { runSpeedBench } from './speed-bench';

/** Options of {@link PlaygroundSession}. */
export interface PlaygroundSessionOptions {
  /** The tfjs wasm backend's binaries, for the backends table (a browser bundle's asset URLs). */
  readonly wasmPaths?: Record<string, string>;
  /**
   * Lets the requests that arrived during an epoch in (a macrotask: a worker's messages are events).
   * Default a zero timeout.
   */
  readonly yieldToMessages?: () => Promise<void>;
  /**
   * Reads a shipped corpus by name, for the character language models: the worker fetches the
   * bundled file. Without it, those recipes train only on a text handed in with the request.
   */
  readonly loadCorpus?: (name: string) => Promise<string>;
  /**
   * How often a language model run lets requests in between its steps, in milliseconds: a pause
   * lands within a step or so, at a cost of one zero timeout per interval. Default
   * {@link stepYieldInterval}; 0 lets them in after every step.
   */
  readonly stepYieldInterval?: number;
}

/** Fresh examples in a trained model's table: enough to see right and wrong answers at a glance. */
export const freshExampleCount = 8;
/** Fresh waves in a trained model's wave view: two frequencies or phases, still readable side by side. */
export const freshWaveCount = 2;
/** How often a language model run lets requests in between its steps unless told, in milliseconds. */
export const stepYieldInterval = 50;
/** The longest text whose hidden states a character model records for the page, in characters. */
export const hiddenStateTextLimit = 120;
/** What the page calls a corpus the user gives instead of the shipped one. */
export const ownTextName = 'your text';

/** A language model target's goal in symbols: its bar, and the Markov comparison when it asks for one. */
export function languageModelGoal(target: LanguageModelRecipe['target']): string {
  const bar = target.atMost !== undefined ? `<= ${target.atMost}` : undefined;
  if (!target.beatMarkov) return bar ?? 'any';
  return bar !== undefined ? `${bar} and below Markov` : 'below Markov';
}

/** What the page shows of a character language model recipe. */
function languageModelCard(r: LanguageModelRecipe): RecipeCard {
  return {
    kind: 'language-model',
    name: r.name,
    description: r.description,
    source: r.source,
    task: 'language-model',
    model: { cell: r.model.cell, hidden: r.model.hidden, layers: r.model.layers },
    training: {
      epochs: r.training.epochs,
      learningRate: r.training.learningRate,
      batchSize: r.training.batchSize,
      optimizer: r.training.optimizer,
      ...(r.training.minutes !== undefined ? { minutes: r.training.minutes } : {}),
    },
    target: {
      metric: 'validationBitsPerChar',
      ...(r.target.atMost !== undefined ? { atMost: r.target.atMost } : {}),
      beatMarkov: r.target.beatMarkov,
      goal: languageModelGoal(r.target),
      description: r.target.description,
    },
    corpus: r.corpus,
  };
}

/** The recipes the page offers: every recipe of `rnn list`, with what the page shows of each. */
export function recipeCards(): RecipeCard[] {
  const tasks = recipes.map((r): RecipeCard => ({
    kind: 'task',
    name: r.name,
    description: r.description,
    source: r.source,
    task: r.task.name,
    model: { cell: r.model.cell, hidden: r.model.hidden, layers: r.model.layers },
    training: {
      epochs: r.training.epochs,
      learningRate: r.training.learningRate,
      batchSize: r.training.batchSize,
      optimizer: r.training.optimizer,
    },
    target: {
      metric: r.target.metric,
      ...(r.target.atLeast !== undefined ? { atLeast: r.target.atLeast } : {}),
      ...(r.target.atMost !== undefined ? { atMost: r.target.atMost } : {}),
      goal: targetGoal(r.target),
      description: r.target.description,
    },
  }));
  return [...tasks, ...languageModelRecipes.map(languageModelCard)];
}

/** The recipe overrides of a run's knobs. */
export function overridesOf(settings: RunSettings): RecipeOverrides {
  return {
    cell: settings.cell,
    hidden: settings.hidden,
    layers: settings.layers,
    learningRate: settings.learningRate,
    epochs: settings.epochs,
  };
}

/** The language model overrides of a run's knobs: the task knobs and the time budget. */
export function languageModelOverridesOf(settings: RunSettings): LanguageModelOverrides {
  return { ...overridesOf(settings), ...(settings.minutes !== undefined ? { minutes: settings.minutes } : {}) };
}

/** A task recipe's trained (or paused) run. */
interface TaskRun {
  readonly kind: 'task';
  readonly recipe: Recipe;
  readonly settings: RunSettings;
  readonly overrides: RecipeOverrides;
  readonly model: RecurrentModel;
  /** Samples drawn so far, each from its own fork of the run's `sample` stream. */
  draws: number;
}

/** A character language model's trained (or paused) run, with its corpus and the Markov model beside it. */
interface LanguageModelRun {
  readonly kind: 'language-model';
  readonly recipe: LanguageModelRecipe;
  readonly settings: RunSettings;
  readonly model: SequenceModel;
  readonly vocabulary: Vocabulary;
  /** Absent for a run folder opened from a corpus the page does not have: no Markov model beside it. */
  readonly corpus?: CorpusBaseline;
  draws: number;
}

/** The answering run as a run folder, in memory: its last checkpoint, encoded when it was taken. */
interface RunFolderFiles {
  readonly files: Map<string, Uint8Array>;
  readonly description: string;
}

type TrainedRun = TaskRun | LanguageModelRun;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * One worker's state: the backend and kernels, the run in progress or the last one, and its model,
 * which stays here (the page asks for predictions and text instead of holding tensors). A task
 * recipe yields to requests after every epoch, a character language model after a step every
 * {@link stepYieldInterval} ms: pause takes effect there, and while paused the model as it is answers.
 */
export class PlaygroundSession {
  private run: TrainedRun | undefined;
  private training = false;
  private pauseRequested = false;
  private resumeRun: (() => void) | undefined;
  private readonly yieldToMessages: () => Promise<void>;
  /** Shipped corpora read so far, by name. */
  private readonly corpora = new Map<string, Promise<string>>();
  /** The last corpus a language model trained on, with its baseline, for the next run on it. */
  private lastCorpus: CorpusBaseline | undefined;
  /** The backend and kernel in use, with the measurements that chose them (set by `start`). */
  private engine: EngineReport | undefined;
  /** True while the speed bench runs: it holds the backend, so a run waits for it. */
  private measuringSpeed = false;
  /** The answering run's folder: encoded at its last epoch, at a pause, or as it was opened. */
  private folder: RunFolderFiles | undefined;

  constructor(
    private readonly post: (reply: PlaygroundReply) => void,
    private readonly options: PlaygroundSessionOptions = {},
  ) {
    this.yieldToMessages = options.yieldToMessages ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  /**
   * Loads the WebAssembly kernels, times a training step on every backend that starts here, keeps
   * the fastest and says so with the figures, with the recipes on offer.
   */
  async start(): Promise<void> {
    try {
      quietTfjsWarnings();
      const { selection, trials, wasm } = await chooseBackend(this.backendOptions());
      this.engine = {
        backend: selection,
        kernel: activeSequenceKernel(),
        wasm: { loaded: wasm.loaded, reason: wasm.reason },
        trials,
      };
      this.post({ type: 'ready', recipes: recipeCards(), cellKinds, engine: this.engine });
    } catch (err) {
      this.post({ type: 'error', during: 'start', message: `could not start TensorFlow.js: ${messageOf(err)}` });
    }
  }

  /** Answers one request; a failure is an `error` reply naming the request, never a rejection. */
  async handle(request: PlaygroundRequest): Promise<void> {
    try {
      if (this.measuringSpeed && request.type === 'train') {
        throw new Error('the speed bench is running: train once it has measured');
      }
      switch (request.type) {
        case 'examples':
          return await this.examples(request.recipe, request.seed, request.count);
        case 'train':
          return await this.train(request.settings, request.text);
        case 'pause':
          if (this.training) this.pauseRequested = true;
          return;
        case 'resume':
          this.pauseRequested = false;
          this.resumeRun?.();
          return;
        case 'predict':
          return await this.predict(request.inputs);
        case 'generate':
          return await this.generate(request);
        case 'fresh':
          return await this.fresh(request.round);
        case 'hidden-states':
          return this.hiddenStates(request.input);
        case 'describe-backends':
          return await this.describeBackends();
        case 'use-backend':
          return await this.useBackend(request.backend);
        case 'speed-bench':
          return await this.speedBench();
        case 'run-folder':
          return this.runFolder();
        case 'open-run-folder':
          return await this.openRunFolder(request.name, request.files);
        case 'layers-export':
          return await this.layersExport();
      }
    } catch (err) {
      this.post({ type: 'error', during: request.type, message: messageOf(err) });
    }
  }

  /** A task recipe's first training examples; a language model's shipped corpus, its first lines. */
  private async examples(name: string, seed: string, count: number): Promise<void> {
    const recipe = findAnyRecipe(name);
    if (isLanguageModelRecipe(recipe)) {
      const corpus = await this.corpusOf(recipe);
      const lines = corpusOpening(corpus.text, count);
      this.post({ type: 'examples', recipe: name, seed, lines, corpus: corpus.facts });
      return;
    }
    const { train } = recipeData(recipe, seed);
    const lines: string[] = [];
    for (let i = 0; i < Math.min(count, train.size); i++) lines.push(formatExample(train.decode(i)));
    this.post({ type: 'examples', recipe: name, seed, lines });
  }

  /** A shipped corpus's text, read once. */
  private shippedText(name: string): Promise<string> {
    const { loadCorpus } = this.options;
    if (!loadCorpus) {
      return Promise.reject(new Error(`the ${name} corpus is not available here: give a text to train on`));
    }
    let text = this.corpora.get(name);
    if (!text) {
      text = loadCorpus(name);
      // A failed read is not kept: the next request tries again.
      text.catch(() => this.corpora.delete(name));
      this.corpora.set(name, text);
    }
    return text;
  }

  /** The corpus a language model run reads: the user's text when given, else the recipe's shipped one. */
  private async corpusOf(recipe: LanguageModelRecipe, ownText?: string): Promise<CorpusBaseline> {
    const text = ownText === undefined ? await this.shippedText(recipe.corpus) : corpusFromText(ownText, ownTextName);
    if (!this.lastCorpus?.holds(text, recipe.markovOrders)) {
      this.lastCorpus = new CorpusBaseline(
        ownText === undefined ? recipe.corpus : ownTextName,
        text,
        recipe.markovOrders,
      );
    }
    return this.lastCorpus;
  }

  private async train(settings: RunSettings, text?: string): Promise<void> {
    if (this.training) throw new Error('a run is in progress: pause or reset it first');
    const recipe = findAnyRecipe(settings.recipe);
    if (text !== undefined && !isLanguageModelRecipe(recipe)) {
      throw new RangeError(
        `${recipe.name} trains on its own task's data; only the character language models read a text`,
      );
    }
    this.run?.model.dispose();
    this.run = undefined;
    this.folder = undefined;
    this.training = true;
    this.pauseRequested = false;
    this.post({ type: 'started', settings });
    try {
      if (isLanguageModelRecipe(recipe)) await this.trainLanguageModel(recipe, settings, text);
      else await this.trainTask(recipe, settings);
    } finally {
      this.training = false;
    }
  }

  private async trainTask(recipe: Recipe, settings: RunSettings): Promise<void> {
    const overrides = overridesOf(settings);
    const { epochs } = settings;
    const { result, model } = await trainRecipe(recipe, {
      seed: settings.seed,
      overrides,
      onBatchEnd: (p) =>
        this.post({ type: 'batch', epoch: p.epoch, epochs, batch: p.batch, batches: p.batches, loss: p.loss }),
      onEpochEnd: async (record, state) => {
        this.post({
          type: 'epoch',
          epoch: record.epoch,
          epochs,
          loss: record.loss,
          seconds: record.seconds,
          ...(record.metric !== undefined ? { metric: record.metric } : {}),
        });
        if (record.epoch === epochs) this.post({ type: 'measuring' });
        await this.yieldToMessages();
        if (record.epoch === epochs || this.pauseRequested) {
          const run = recipeRunRecord({
            recipe: recipe.name,
            seed: settings.seed,
            overrides,
            backend: this.backendName(),
          });
          this.folder = await encodedRunFolder({ ...state, epoch: record.epoch, run }, recipe.name, epochs);
        }
        if (this.pauseRequested && record.epoch < epochs) {
          this.run = { kind: 'task', recipe, settings, overrides, model: state.model, draws: 0 };
          this.post({ type: 'paused', epoch: record.epoch });
          await new Promise<void>((resolve) => (this.resumeRun = resolve));
          this.resumeRun = undefined;
          this.run = undefined;
          this.post({ type: 'resumed' });
        }
      },
    });
    this.run = { kind: 'task', recipe, settings, overrides, model, draws: 0 };
    this.post({
      type: 'done',
      outcome: {
        recipe: recipe.name,
        reached: result.reached,
        metric: result.target.metric,
        value: result.target.value,
        goal: targetGoal(result.target),
        description: result.target.description,
        seconds: result.seconds,
      },
    });
  }

  /**
   * A character language model run: the corpus, the Markov baseline on its split (shown before the
   * first step, then handed to the training so it is measured once), then `trainLanguageModel`,
   * letting requests in every {@link stepYieldInterval} ms so a pause lands after any step.
   */
  private async trainLanguageModel(recipe: LanguageModelRecipe, settings: RunSettings, text?: string): Promise<void> {
    const corpus = await this.corpusOf(recipe, text);
    const markov = corpus.baseline;
    this.post({ type: 'baseline', corpus: corpus.facts, markov });
    await this.yieldToMessages();
    const { epochs, minutes } = settings;
    const yieldInterval = this.options.stepYieldInterval ?? stepYieldInterval;
    const began = performance.now();
    let pausedFor = 0;
    let lastYield = performance.now();
    const pause = async (
      p: LanguageModelStepProgress & { model: SequenceModel; vocabulary: VocabularyJson },
      batch: number,
      batches: number,
    ) => {
      await this.yieldToMessages();
      lastYield = performance.now();
      if (!this.pauseRequested) return;
      const vocabulary = Vocabulary.fromJSON(p.vocabulary);
      this.run = { kind: 'language-model', recipe, settings, model: p.model, vocabulary, corpus, draws: 0 };
      this.post({ type: 'paused', epoch: p.epoch, batch, batches });
      const pausedAt = performance.now();
      await new Promise<void>((resolve) => (this.resumeRun = resolve));
      pausedFor += performance.now() - pausedAt;
      this.resumeRun = undefined;
      this.run = undefined;
      this.post({ type: 'resumed' });
    };
    const { result, model } = await trainLanguageModel(recipe, {
      text: corpus.text,
      corpusName: corpus.facts.name,
      seed: settings.seed,
      overrides: languageModelOverridesOf(settings),
      markov,
      onStep: (p) => {
        const batches = p.steps / epochs;
        const batch = p.step - (p.epoch - 1) * batches;
        const trained = (performance.now() - began - pausedFor) / 1000;
        this.post({
          type: 'batch',
          epoch: p.epoch,
          epochs,
          batch,
          batches,
          loss: p.loss / Math.LN2,
          languageModel: {
            charsPerSecond: p.charsPerSecond,
            ...(minutes !== undefined ? { budgetFraction: Math.min(1, trained / (minutes * 60)) } : {}),
          },
        });
        if (p.step === p.steps) {
          this.post({ type: 'measuring' });
          return undefined;
        }
        return performance.now() - lastYield >= yieldInterval ? pause(p, batch, batches) : undefined;
      },
      onCheckpoint: async (state) => {
        const record = state.history[state.history.length - 1];
        if (!record) return;
        const run = languageModelRunRecord({
          recipe: recipe.name,
          seed: settings.seed,
          overrides: languageModelOverridesOf(settings),
          corpus: corpus.facts.name,
          backend: this.backendName(),
          vocabulary: state.vocabulary,
        });
        this.folder = await encodedRunFolder({ ...state, run }, recipe.name, epochs);
        this.post({
          type: 'epoch',
          epoch: record.epoch,
          epochs,
          loss: record.loss / Math.LN2,
          seconds: record.seconds,
          ...(record.validationBitsPerChar !== undefined ? { metric: record.validationBitsPerChar } : {}),
          ...(record.partial ? { partial: true } : {}),
        });
        // A record cut short is the budget's end: only the test text is left to score.
        if (record.partial) this.post({ type: 'measuring' });
      },
    });
    const vocabulary = Vocabulary.fromJSON(result.vocabulary);
    this.run = { kind: 'language-model', recipe, settings, model, vocabulary, corpus, draws: 0 };
    this.post({
      type: 'done',
      outcome: {
        recipe: recipe.name,
        reached: result.reached,
        metric: 'validationBitsPerChar',
        value: result.validationBitsPerChar,
        goal: languageModelGoal(recipe.target),
        description: result.target.description,
        seconds: result.seconds,
        languageModel: {
          testBitsPerChar: result.testBitsPerChar,
          ...(result.markov
            ? {
                markov: {
                  order: result.markov.order,
                  validationBitsPerChar: result.markov.validationBitsPerChar,
                  testBitsPerChar: result.markov.testBitsPerChar,
                },
              }
            : {}),
          beatMarkov: result.target.beatMarkov,
          stoppedBy: result.stoppedBy,
          steps: result.steps,
          plannedSteps: result.plannedSteps,
          ...(result.settings.minutes !== undefined ? { minutes: result.settings.minutes } : {}),
          corpus: corpus.facts,
        },
      },
    });
  }

  /** The model that answers now: the finished run's, or the paused run's. */
  private answering(): TrainedRun {
    if (this.run === undefined) {
      throw new Error(this.training ? 'the model is training: pause it to try it' : 'train a model first');
    }
    return this.run;
  }

  /** The answering run, for the views of a task recipe's model. */
  private answeringTask(): TaskRun {
    const run = this.answering();
    if (run.kind !== 'task') {
      throw new RangeError(`the ${run.recipe.name} model answers with text: write from a prime with Generate`);
    }
    return run;
  }

  private async predict(inputs: readonly string[]): Promise<void> {
    const { recipe, model, overrides } = this.answeringTask();
    const predictions = await predictRecipe(recipe, model, inputs, overrides);
    this.post({ type: 'predictions', predictions });
  }

  /**
   * Writes from a prime with the answering model, streamed a character at a time: a task recipe's
   * character model alone, a language model beside the Markov model of its corpus. Each draw samples
   * from its own forks of the run's seed.
   */
  private async generate(request: Extract<PlaygroundRequest, { type: 'generate' }>): Promise<void> {
    const run = this.answering();
    const sampler = createSampler({
      temperature: request.temperature,
      ...(request.topK !== undefined ? { topK: request.topK } : {}),
      ...(request.topP !== undefined ? { topP: request.topP } : {}),
    });
    const draw = `draw-${run.draws++}`;
    const seeded = createRng(request.seed);
    let length = request.length;
    let streams: TextStream[];
    if (run.kind === 'task') {
      const { recipe, model, overrides, settings } = run;
      const lm = recipeLanguageModel(recipe, model, settings.seed, overrides);
      const { train } = recipeData(recipe, settings.seed, overrides);
      if (length === undefined) {
        // Checks the prime as the task reads one, and gives the characters left to the sentences' width.
        length = parseTaskInput(recipe.task.name, request.prime, train.options).targetSteps;
      } else if (train.vocabulary) {
        checkPrime(train.vocabulary, request.prime);
      }
      streams = [{ source: 'rnn', model: lm, rng: seeded.fork('sample').fork(draw) }];
    } else {
      if (request.prime === '') {
        throw new RangeError('the prime must have at least one character: the network writes on from what it read');
      }
      checkPrime(run.vocabulary, request.prime);
      length ??= defaultGeneratedLength;
      streams = [
        { source: 'rnn', model: new LanguageModel(run.model, run.vocabulary), rng: seeded.fork('sample').fork(draw) },
        ...(run.corpus
          ? [{ source: 'markov' as const, model: run.corpus.generator, rng: seeded.fork('markov-sample').fork(draw) }]
          : []),
      ];
    }
    const { id, prime } = request;
    await generateSideBySide(
      streams,
      { prime, length, sampler },
      {
        token: (source, text) => this.post({ type: 'generated-token', id, source, text }),
        done: (source, text) => this.post({ type: 'generated', id, source, text, prime }),
      },
    );
  }

  /** The wave recipes get fresh waves in closed loop; every other recipe fresh examples with answers. */
  private async fresh(round: number): Promise<void> {
    const { recipe, model, overrides, settings } = this.answeringTask();
    const kind = { task: recipe.task.name, target: recipe.target };
    if (recipeViewsOf(kind).waves) {
      const waves = recipeWaves(recipe, model, settings.seed, overrides, freshWaveCount, round);
      this.post({ type: 'fresh', round, waves });
    } else {
      const examples = await freshRecipeExamples(recipe, model, settings.seed, overrides, freshExampleCount, round);
      this.post({ type: 'fresh', round, examples });
    }
  }

  /**
   * The hidden states of the answering model on one input, with what each step read: a task
   * recipe's input line, or the text a character model reads (at most {@link hiddenStateTextLimit}
   * characters, which keeps the heatmaps of a wide network drawable).
   */
  private hiddenStates(input: string): void {
    const run = this.answering();
    if (run.kind === 'language-model') {
      const length = Array.from(input).length;
      if (length > hiddenStateTextLimit) {
        throw new RangeError(
          `the text has ${length} characters; the hidden states are drawn for at most ${hiddenStateTextLimit}`,
        );
      }
      const { labels, ...record } = recordLanguageModelHiddenStates(run.model, run.vocabulary, input);
      this.post({ type: 'hidden-states', input, record, labels });
      return;
    }
    const { recipe, model, overrides } = run;
    const record = recordRecipeHiddenStates(recipe, model, input, overrides);
    const labels = recipeInputSymbols(recipe, model, input, overrides);
    this.post({ type: 'hidden-states', input, record, ...(labels ? { labels } : {}) });
  }

  /** The backend training runs on, as a run record names it. */
  private backendName(): string {
    return this.engine?.backend.name ?? 'cpu';
  }

  /** The answering run's folder, as `rnn train --out` writes it. */
  private runFolder(): void {
    const run = this.answering();
    if (!this.folder) {
      throw new Error(
        `the ${run.recipe.name} run has no checkpoint yet: it keeps one after each epoch (pause after one, or let it finish)`,
      );
    }
    const name = `${run.recipe.name}-seed${run.settings.seed}`;
    this.post({ type: 'run-folder', name, ...this.folder });
  }

  /**
   * Opens a run folder given as files, checked whole (every file against its hash, the run record
   * against the model it builds); its model answers from now on, as if this page had trained it.
   */
  private async openRunFolder(name: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
    if (this.training)
      throw new Error('a run is in progress: let it finish, or reset it, before opening another model');
    const checkpoint = await readRunFolder(folderInMemory(files, name));
    // Optimizer and carried state are for resuming, which the command line does.
    for (const tensor of [...checkpoint.optimizerState.map((w) => w.tensor), ...(checkpoint.carried ?? [])]) {
      tensor.dispose();
    }
    let settings;
    try {
      settings = runSettingsOf(checkpoint);
    } catch (err) {
      checkpoint.model.dispose();
      throw err;
    }
    this.run?.model.dispose();
    this.run = undefined;
    let markov = false;
    if (checkpoint.kind === 'language-model') {
      const { recipe, vocabulary } = checkpoint;
      // The Markov model beside it needs the run's corpus: the shipped one is in the page, a file is not.
      const corpus =
        checkpoint.run.corpus === recipe.corpus && this.options.loadCorpus ? await this.corpusOf(recipe) : undefined;
      markov = corpus !== undefined;
      const model = checkpoint.model as SequenceModel;
      this.run = {
        kind: 'language-model',
        recipe,
        settings,
        model,
        vocabulary,
        ...(corpus ? { corpus } : {}),
        draws: 0,
      };
    } else {
      const { recipe, run } = checkpoint;
      this.run = { kind: 'task', recipe, settings, overrides: run.overrides, model: checkpoint.model, draws: 0 };
    }
    const description = checkpointDescription(checkpoint.recipe.name, checkpoint.manifest, settings.epochs);
    this.folder = { files: new Map(files), description };
    this.post({ type: 'opened', name, settings, description, history: recordedHistory(checkpoint), markov });
  }

  /** The answering model as a tfjs layers export (classifier, tagger and language models). */
  private async layersExport(): Promise<void> {
    const run = this.answering();
    const { files } = await layersExport(run.model);
    this.post({ type: 'layers-export', name: `${run.recipe.name}-seed${run.settings.seed}-tfjs`, files });
  }

  private async describeBackends(): Promise<void> {
    if (this.training) throw new Error('a run is in progress: checking the backends would slow it down');
    const statuses = await describeBackends(this.backendOptions());
    this.post({ type: 'backends', statuses });
  }

  private backendOptions(): { wasmPaths?: Record<string, string> } {
    return this.options.wasmPaths ? { wasmPaths: this.options.wasmPaths } : {};
  }

  /** Trains on another measured backend from now on; a run in progress (or paused) keeps its own. */
  private async useBackend(name: BackendName): Promise<void> {
    if (this.training) throw new Error(backendSwitchRefusal);
    if (this.measuringSpeed) throw new Error('the speed bench is running: change the backend once it has measured');
    const engine = this.startedEngine();
    const backend = await switchBackend(name, engine.trials, this.backendOptions());
    this.engine = { ...engine, backend, kernel: activeSequenceKernel() };
    this.post({ type: 'engine', engine: this.engine });
  }

  /** The speed bench on cpu with the WebAssembly kernels; the backend in use is back afterwards. */
  private async speedBench(): Promise<void> {
    if (this.training) throw new Error('a run is in progress: measuring the speed now would slow both down');
    if (this.measuringSpeed) throw new Error('the speed bench is already running');
    const engine = this.startedEngine();
    this.measuringSpeed = true;
    try {
      const figures = await runSpeedBench({
        loadCorpus: (name) => this.shippedText(name),
        backendOptions: this.backendOptions(),
      });
      this.post({ type: 'speed-bench', figures });
    } finally {
      await useBackend(engine.backend.name, this.backendOptions());
      this.measuringSpeed = false;
    }
  }

  private startedEngine(): EngineReport {
    if (!this.engine) throw new Error('the backend is not chosen yet: wait for the page to be ready');
    return this.engine;
  }
}

/** A run's state as the run folder `rnn train --out` would hold after it, and which checkpoint that is. */
async function encodedRunFolder(state: CheckpointState, recipe: string, epochs: number): Promise<RunFolderFiles> {
  return { files: await encodeRunFolder(state), description: checkpointDescription(recipe, state, epochs) };
}

/** A RangeError naming the prime's characters the model never saw, which it could not read. */
function checkPrime(vocabulary: Vocabulary, prime: string): void {
  const unknown = charactersOutside(vocabulary, prime);
  if (unknown.length > 0) {
    throw new RangeError(
      `the prime has characters the model never saw: ${unknown.map((c) => JSON.stringify(c)).join(', ')}`,
    );
  }
}
