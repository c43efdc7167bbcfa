// The page's speed bench: training steps per second of two real recipes on the cpu backend with the
// WebAssembly SIMD kernels. The same function runs in the page's worker and in Node
// (`npm run bench:web`), so the two figures compare directly.
import { loadWasmKernelsAsync, useBackend, useSequenceKernel, type BackendOptions } from '@rnn/models';
import {
  findAnyRecipe,
  isLanguageModelRecipe,
  recipeTrainingStep,
  timeTrainingSteps,
  type TrainingStepTimingOptions,
} from '@rnn/training';

/**
 * The recipes timed, and how: parity's step takes milliseconds, so many of them; charlm-quick's
 * (LSTM 256 over batches of 32 x 100 characters) takes a good part of a second, so a few.
 */
export const speedBenchConfigs: readonly { readonly recipe: string; readonly timing: TrainingStepTimingOptions }[] = [
  { recipe: 'parity', timing: { warmupSteps: 3, minSteps: 20, maxSteps: 200, budgetMs: 1000 } },
  { recipe: 'charlm-quick', timing: { warmupSteps: 1, minSteps: 3, maxSteps: 10, budgetMs: 2000 } },
];

/** One recipe's measured training speed. */
export interface SpeedFigure {
  readonly recipe: string;
  /** The network and batch in words, e.g. `simple 16x1, batch 64 x 50`. */
  readonly shape: string;
  /** Timed steps. */
  readonly steps: number;
  /** Median milliseconds per training step. */
  readonly msPerStep: number;
  readonly stepsPerSecond: number;
  /** Backend and recurrence kernel the steps ran on, e.g. `cpu, wasm kernel`. */
  readonly ran: string;
}

/** Options of {@link runSpeedBench}. */
export interface SpeedBenchOptions {
  /** Reads a shipped corpus by name: the character model's vocabulary and batch come from it. */
  readonly loadCorpus: (name: string) => Promise<string>;
  /** The wasm backend's binaries, for a browser bundle (the cpu backend needs none). */
  readonly backendOptions?: BackendOptions;
}

/**
 * Times the training steps of every recipe of {@link speedBenchConfigs} on the cpu backend with the
 * WebAssembly SIMD sequence kernel, and leaves the cpu backend active with the kernel choice back
 * on `auto`. Throws when the WebAssembly kernels do not load here: the figure would be another one.
 */
export async function runSpeedBench(options: SpeedBenchOptions): Promise<SpeedFigure[]> {
  await useBackend('cpu', options.backendOptions ?? {});
  const wasm = await loadWasmKernelsAsync();
  if (!wasm.loaded) throw new Error(`the WebAssembly kernels did not load: ${wasm.reason}`);
  useSequenceKernel('wasm');
  try {
    const figures: SpeedFigure[] = [];
    for (const { recipe, timing } of speedBenchConfigs) {
      const found = findAnyRecipe(recipe);
      const text = isLanguageModelRecipe(found) ? await options.loadCorpus(found.corpus) : undefined;
      const work = recipeTrainingStep(recipe, text !== undefined ? { text } : {});
      const timed = await timeTrainingSteps(work, timing);
      figures.push({
        recipe,
        shape: work.shape,
        steps: timed.steps,
        msPerStep: timed.msPerStep,
        stepsPerSecond: timed.stepsPerSecond,
        ran: `${timed.backend}, ${timed.kernel} kernel`,
      });
    }
    return figures;
  } finally {
    useSequenceKernel('auto');
  }
}
