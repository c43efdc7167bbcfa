// The messages between the page and its training worker. Types only, plus nothing the page would
// have to bundle tfjs for: the worker owns the packages, the page owns the DOM.
import type {
  ActiveSequenceKernel,
  BackendName,
  BackendSelection,
  BackendStatus,
  CellKind,
  HiddenStateRecord,
  WasmKernelStatus,
} from '@rnn/models';
import type { MarkovBaseline } from '@rnn/markov';
import type { FreshExample, RecipePrediction, RecipeWave, TargetMetric } from '@rnn/training';
import type { BackendTrial } from './backend-choice';
import type { SpeedFigure } from './speed-bench';

/**
 * The two kinds of recipe `rnn list` shows: a task of the notebooks, scored on fresh examples, or a
 * character language model of a corpus, scored in bits per character beside the Markov baseline.
 */
export type RecipeKindName = 'task' | 'language-model';

/** What a recipe's target measures: a task's metric, or a language model's validation bits per character. */
export type CardMetric = TargetMetric | 'validationBitsPerChar';

/** What the page shows of a recipe before anything is trained: its defaults and its target. */
export interface RecipeCard {
  readonly kind: RecipeKindName;
  readonly name: string;
  readonly description: string;
  readonly source: string;
  /**
   * The task generator behind a task recipe, which decides the view of a trained model;
   * `language-model` for the character models.
   */
  readonly task: string;
  readonly model: { readonly cell: CellKind; readonly hidden: number; readonly layers: number };
  readonly training: {
    readonly epochs: number;
    readonly learningRate: number;
    readonly batchSize: number;
    readonly optimizer: string;
    /** Language models: the wall-clock budget, after which training stops at the end of a step. */
    readonly minutes?: number;
  };
  readonly target: {
    readonly metric: CardMetric;
    readonly atLeast?: number;
    readonly atMost?: number;
    /** Language models: reached only when also below the best Markov order. */
    readonly beatMarkov?: boolean;
    /** The goal in symbols, e.g. `>= 0.99`, or `<= 2.09 and below Markov`. */
    readonly goal: string;
    readonly description: string;
  };
  /** Language models: the shipped corpus they read unless the page is given a text. */
  readonly corpus?: string;
}

/** A corpus a language model reads, and the sizes of the parts both models share, in characters. */
export interface CorpusFacts {
  /** The shipped corpus's name, or `your text`. */
  readonly name: string;
  readonly characters: number;
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

/** Which model writes a text: the trained recurrent network, or the best Markov order beside it. */
export type TextSource = 'rnn' | 'markov';

/** The knobs of one run: the recipe, the model and training choices the page offers, and the seed. */
export interface RunSettings {
  readonly recipe: string;
  readonly cell: CellKind;
  readonly hidden: number;
  readonly layers: number;
  readonly learningRate: number;
  readonly epochs: number;
  readonly seed: string;
  /** Language models only: the time budget in minutes. */
  readonly minutes?: number;
}

/** Which backend and recurrence kernel the worker trains on, and why. */
export interface EngineReport {
  readonly backend: BackendSelection;
  readonly kernel: ActiveSequenceKernel;
  readonly wasm: Pick<WasmKernelStatus, 'loaded' | 'reason'>;
  /** Each measured backend's time per training step, or why it could not be timed: what the choice rests on. */
  readonly trials: readonly BackendTrial[];
}

/** A run's measured target, as the status line states it. */
export interface RunOutcome {
  readonly recipe: string;
  readonly reached: boolean;
  readonly metric: CardMetric;
  readonly value: number;
  readonly goal: string;
  readonly description: string;
  /** Seconds spent training, the live measurements after epochs included (the final one not). */
  readonly seconds: number;
  /** Language models: the rest of the result, the Markov baseline beside the network. */
  readonly languageModel?: {
    readonly testBitsPerChar: number;
    readonly markov?: Pick<MarkovBaseline, 'order' | 'validationBitsPerChar' | 'testBitsPerChar'>;
    readonly beatMarkov: boolean;
    readonly stoppedBy: 'epochs' | 'minutes' | 'signal';
    readonly steps: number;
    readonly plannedSteps: number;
    readonly minutes?: number;
    readonly corpus: CorpusFacts;
  };
}

/** Page to worker. */
export type PlaygroundRequest =
  | { readonly type: 'examples'; readonly recipe: string; readonly seed: string; readonly count: number }
  | {
      readonly type: 'train';
      readonly settings: RunSettings;
      /** Language models: the user's own text, the corpus instead of the recipe's shipped one. */
      readonly text?: string;
    }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'predict'; readonly inputs: readonly string[] }
  | {
      readonly type: 'generate';
      /** Names the replies of this request, so a page can drop those of one it replaced. */
      readonly id: number;
      readonly prime: string;
      /** 0 is greedy. */
      readonly temperature: number;
      /** Keep only the k most likely characters; absent: all. */
      readonly topK?: number;
      /** Keep the most likely characters up to this probability (nucleus); absent: all. */
      readonly topP?: number;
      /**
       * Characters to write; absent: up to the width of the task's sentences, or
       * {@link defaultGeneratedLength} for a language model.
       */
      readonly length?: number;
      readonly seed: string;
    }
  | {
      /** Fresh examples (or waves) the model answers: the stream `data/examples-<round>` of the run's seed. */
      readonly type: 'fresh';
      readonly round: number;
    }
  | { readonly type: 'hidden-states'; readonly input: string }
  | { readonly type: 'describe-backends' }
  /** Train on another measured backend from now on (refused while a run is in progress). */
  | { readonly type: 'use-backend'; readonly backend: BackendName }
  /** Time the training steps of the speed bench's recipes on cpu with the WebAssembly kernels. */
  | { readonly type: 'speed-bench' }
  | {
      /** The answering run as the folder `rnn train --out` writes: to download or keep in the browser. */
      readonly type: 'run-folder';
    }
  | {
      /** A run folder written by `rnn train` or by this page, by paths inside it: its model answers next. */
      readonly type: 'open-run-folder';
      /** What it is called: the folder's or the archive's name. */
      readonly name: string;
      readonly files: ReadonlyMap<string, Uint8Array>;
    }
  | {
      /** The answering model as a tfjs layers model (`model.json`, `weights.bin`) with `rnn-spec.json`. */
      readonly type: 'layers-export';
    };

/** Worker to page. */
export type PlaygroundReply =
  | {
      readonly type: 'ready';
      readonly recipes: readonly RecipeCard[];
      readonly cellKinds: readonly CellKind[];
      readonly engine: EngineReport;
    }
  | {
      readonly type: 'examples';
      readonly recipe: string;
      readonly seed: string;
      /** Task recipes: examples as `rnn data` prints them; language models: the corpus's first lines. */
      readonly lines: readonly string[];
      /** Language models: the shipped corpus the lines open. */
      readonly corpus?: CorpusFacts;
    }
  | { readonly type: 'started'; readonly settings: RunSettings }
  | {
      /** Language models, before the first step: the corpus and the best Markov order on its split. */
      readonly type: 'baseline';
      readonly corpus: CorpusFacts;
      readonly markov: MarkovBaseline;
    }
  | {
      readonly type: 'batch';
      readonly epoch: number;
      readonly epochs: number;
      readonly batch: number;
      readonly batches: number;
      /** Per target step (task recipes), or in bits per character (language models). */
      readonly loss: number;
      /** Language models: a step of truncated backpropagation is a batch. */
      readonly languageModel?: {
        readonly charsPerSecond: number;
        /** The share of the time budget spent, pauses left out. */
        readonly budgetFraction?: number;
      };
    }
  | {
      readonly type: 'epoch';
      readonly epoch: number;
      readonly epochs: number;
      readonly loss: number;
      readonly seconds: number;
      /** The target's metric on held-out data after this epoch (language models: validation bits per character). */
      readonly metric?: number;
      /** Language models: the epoch was cut short by the time budget. */
      readonly partial?: boolean;
    }
  | {
      readonly type: 'paused';
      readonly epoch: number;
      /** Language models, which pause after any step: the step of the epoch, and the epoch's steps. */
      readonly batch?: number;
      readonly batches?: number;
    }
  | { readonly type: 'resumed' }
  | { readonly type: 'measuring' }
  | { readonly type: 'done'; readonly outcome: RunOutcome }
  | { readonly type: 'predictions'; readonly predictions: readonly RecipePrediction[] }
  | {
      /** One generated character, as it is chosen. */
      readonly type: 'generated-token';
      readonly id: number;
      readonly source: TextSource;
      readonly text: string;
    }
  | {
      /** One model's whole text, the prime first: the last reply of its stream. */
      readonly type: 'generated';
      readonly id: number;
      readonly source: TextSource;
      readonly text: string;
      readonly prime: string;
    }
  | {
      readonly type: 'fresh';
      readonly round: number;
      /** 8 fresh examples and the model's answers (every recipe but the wave ones). */
      readonly examples?: readonly FreshExample[];
      /** 2 fresh waves, generated in closed loop (the wave recipes). */
      readonly waves?: readonly RecipeWave[];
    }
  | {
      readonly type: 'hidden-states';
      /** The input as the request gave it: a task's input line, or a language model's text. */
      readonly input: string;
      readonly record: HiddenStateRecord;
      /**
       * What the record's layers read at each step, one per step (a bit, a digit, a character): the
       * labels of the heatmaps' time axis. Absent where the steps read no input (a generator's).
       */
      readonly labels?: readonly string[];
    }
  | { readonly type: 'backends'; readonly statuses: readonly BackendStatus[] }
  /** The backend and kernel after a `use-backend` request. */
  | { readonly type: 'engine'; readonly engine: EngineReport }
  | { readonly type: 'speed-bench'; readonly figures: readonly SpeedFigure[] }
  | {
      readonly type: 'run-folder';
      /** A name for the folder: the recipe and the seed, e.g. `parity-seed42`. */
      readonly name: string;
      /** The folder's files by their paths inside it (`latest.json`, `epoch-00005/model.json`, ...). */
      readonly files: ReadonlyMap<string, Uint8Array>;
      /** Which checkpoint it holds, e.g. `parity after epoch 5 of 5`. */
      readonly description: string;
    }
  | {
      /** A run folder was opened: its model answers now, trained with these settings. */
      readonly type: 'opened';
      readonly name: string;
      readonly settings: RunSettings;
      readonly description: string;
      /** The run's epochs as it recorded them, for the chart (task recipes: loss per target step; language models: bits per character). */
      readonly history: readonly { readonly epoch: number; readonly loss: number; readonly metric?: number }[];
      /** Language models: whether the Markov model of the run's corpus writes beside it (the corpus is in the page). */
      readonly markov: boolean;
    }
  | { readonly type: 'layers-export'; readonly name: string; readonly files: ReadonlyMap<string, Uint8Array> }
  | { readonly type: 'error'; readonly during: PlaygroundRequest['type'] | 'start'; readonly message: string };

/** Characters a language model writes when the request does not say: a few lines of a play. */
export const defaultGeneratedLength = 300;

/** Why the backend does not change now: the worker's answer, and the page's before it asks. */
export const backendSwitchRefusal = 'a run is in progress: the backend can change once it has finished or been reset';
