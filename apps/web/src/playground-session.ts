// What the training worker does, apart from the Worker globals, so that Node tests drive it directly.
// Everything it computes comes from the packages: recipes and training from @rnn/training, backends
// and kernels from @rnn/models, data from @rnn/datasets, text from @rnn/sampling.
import { charactersOutside, createRng, formatExample, parseTaskInput } from '@rnn/datasets';
import {
  activeSequenceKernel,
  cellKinds,
  describeBackends,
  loadWasmKernelsAsync,
  quietTfjsWarnings,
  useBackend,
  type RecurrentModel,
} from '@rnn/models';
import { createSampler, generate } from '@rnn/sampling';
import {
  findRecipe,
  freshRecipeExamples,
  predictRecipe,
  recipeData,
  recipeLanguageModel,
  recipes,
  recipeWaves,
  recordRecipeHiddenStates,
  targetGoal,
  trainRecipe,
  type Recipe,
  type RecipeOverrides,
} from '@rnn/training';
import { recipeViewsOf } from '@rnn/views';
import type { PlaygroundReply, PlaygroundRequest, RecipeCard, RunSettings } from './protocol';

/** Options of {@link PlaygroundSession}. */
export interface PlaygroundSessionOptions {
  /** The tfjs wasm backend's binaries, for the backends table (a browser bundle's asset URLs). */
  readonly wasmPaths?: Record<string, string>;
  /**
   * Lets the requests that arrived during an epoch in (a macrotask: a worker's messages are events).
   * Default a zero timeout.
   */
  readonly yieldToMessages?: () => Promise<void>;
}

/** Fresh examples in a trained model's table: enough to see right and wrong answers at a glance. */
export const freshExampleCount = 8;
/** Fresh waves in a trained model's wave view: two frequencies or phases, still readable side by side. */
export const freshWaveCount = 2;

/** The recipes the page offers: every task recipe, with what the page shows of each. */
export function recipeCards(): RecipeCard[] {
  return recipes.map((r) => ({
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

interface TrainedRun {
  readonly recipe: Recipe;
  readonly settings: RunSettings;
  readonly overrides: RecipeOverrides;
  model: RecurrentModel;
  /** Samples drawn so far, each from its own fork of the run's `sample` stream. */
  draws: number;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * One worker's state: the backend and kernels, the run in progress or the last one, and its model,
 * which stays here (the page asks for predictions and text instead of holding tensors). Training
 * yields to requests after every epoch: pause takes effect there, and while paused the model of the
 * last epoch answers predictions.
 */
export class PlaygroundSession {
  private run: TrainedRun | undefined;
  private training = false;
  private pauseRequested = false;
  private resumeRun: (() => void) | undefined;
  private readonly yieldToMessages: () => Promise<void>;

  constructor(
    private readonly post: (reply: PlaygroundReply) => void,
    private readonly options: PlaygroundSessionOptions = {},
  ) {
    this.yieldToMessages = options.yieldToMessages ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  /** Loads the WebAssembly kernels, selects the cpu backend and says so, with the recipes on offer. */
  async start(): Promise<void> {
    try {
      quietTfjsWarnings();
      const wasm = await loadWasmKernelsAsync();
      // The WebAssembly kernels run the recurrences and matrix products on the cpu backend, far
      // faster than webgl for networks this small.
      const selected = await useBackend('cpu', this.options.wasmPaths ? { wasmPaths: this.options.wasmPaths } : {});
      const backend = {
        ...selected,
        reason: 'the WebAssembly SIMD kernels run on it, faster than webgl for networks this small',
      };
      this.post({
        type: 'ready',
        recipes: recipeCards(),
        cellKinds,
        engine: { backend, kernel: activeSequenceKernel(), wasm: { loaded: wasm.loaded, reason: wasm.reason } },
      });
    } catch (err) {
      this.post({ type: 'error', during: 'start', message: `could not start TensorFlow.js: ${messageOf(err)}` });
    }
  }

  /** Answers one request; a failure is an `error` reply naming the request, never a rejection. */
  async handle(request: PlaygroundRequest): Promise<void> {
    try {
      switch (request.type) {
        case 'examples':
          return this.examples(request.recipe, request.seed, request.count);
        case 'train':
          return await this.train(request.settings);
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
      }
    } catch (err) {
      this.post({ type: 'error', during: request.type, message: messageOf(err) });
    }
  }

  private examples(name: string, seed: string, count: number): void {
    const { train } = recipeData(findRecipe(name), seed);
    const lines: string[] = [];
    for (let i = 0; i < Math.min(count, train.size); i++) lines.push(formatExample(train.decode(i)));
    this.post({ type: 'examples', recipe: name, seed, lines });
  }

  private async train(settings: RunSettings): Promise<void> {
    if (this.training) throw new Error('a run is in progress: pause or reset it first');
    const recipe = findRecipe(settings.recipe);
    const overrides = overridesOf(settings);
    this.run?.model.dispose();
    this.run = undefined;
    this.training = true;
    this.pauseRequested = false;
    this.post({ type: 'started', settings });
    const { epochs } = settings;
    try {
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
          if (this.pauseRequested && record.epoch < epochs) {
            this.run = { recipe, settings, overrides, model: state.model, draws: 0 };
            this.post({ type: 'paused', epoch: record.epoch });
            await new Promise<void>((resolve) => (this.resumeRun = resolve));
            this.resumeRun = undefined;
            this.run = undefined;
            this.post({ type: 'resumed' });
          }
        },
      });
      this.run = { recipe, settings, overrides, model, draws: 0 };
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
    } finally {
      this.training = false;
    }
  }

  /** The model that answers now: the finished run's, or the paused run's last epoch. */
  private answering(): TrainedRun {
    if (this.run === undefined) {
      throw new Error(this.training ? 'the model is training: pause it to try it' : 'train a model first');
    }
    return this.run;
  }

  private async predict(inputs: readonly string[]): Promise<void> {
    const { recipe, model, overrides } = this.answering();
    const predictions = await predictRecipe(recipe, model, inputs, overrides);
    this.post({ type: 'predictions', predictions });
  }

  private async generate(request: Extract<PlaygroundRequest, { type: 'generate' }>): Promise<void> {
    const run = this.answering();
    const { recipe, model, overrides, settings } = run;
    const lm = recipeLanguageModel(recipe, model, settings.seed, overrides);
    const { train } = recipeData(recipe, settings.seed, overrides);
    let length = request.length;
    if (length === undefined) {
      // Checks the prime as the task reads one, and gives the characters left to the sentences' width.
      length = parseTaskInput(recipe.task.name, request.prime, train.options).targetSteps;
    } else if (train.vocabulary) {
      const unknown = charactersOutside(train.vocabulary, request.prime);
      if (unknown.length > 0) {
        throw new RangeError(
          `the prime has characters the model never saw: ${unknown.map((c) => JSON.stringify(c)).join(', ')}`,
        );
      }
    }
    const { text } = await generate(lm, {
      prime: request.prime,
      length,
      sampler: createSampler({ temperature: request.temperature }),
      rng: createRng(request.seed).fork('sample').fork(`draw-${run.draws++}`),
    });
    this.post({ type: 'generated', text, prime: request.prime });
  }

  /** The wave recipes get fresh waves in closed loop; every other recipe fresh examples with answers. */
  private async fresh(round: number): Promise<void> {
    const { recipe, model, overrides, settings } = this.answering();
    const kind = { task: recipe.task.name, target: recipe.target };
    if (recipeViewsOf(kind).waves) {
      const waves = recipeWaves(recipe, model, settings.seed, overrides, freshWaveCount, round);
      this.post({ type: 'fresh', round, waves });
    } else {
      const examples = await freshRecipeExamples(recipe, model, settings.seed, overrides, freshExampleCount, round);
      this.post({ type: 'fresh', round, examples });
    }
  }

  private hiddenStates(input: string): void {
    const { recipe, model, overrides } = this.answering();
    const record = recordRecipeHiddenStates(recipe, model, input, overrides);
    this.post({ type: 'hidden-states', input, record });
  }

  private async describeBackends(): Promise<void> {
    if (this.training) throw new Error('a run is in progress: checking the backends would slow it down');
    const statuses = await describeBackends(this.options.wasmPaths ? { wasmPaths: this.options.wasmPaths } : {});
    this.post({ type: 'backends', statuses });
  }
}
