// The messages between the page and its training worker. Types only, plus nothing the page would
// have to bundle tfjs for: the worker owns the packages, the page owns the DOM.
import type {
  ActiveSequenceKernel,
  BackendSelection,
  BackendStatus,
  CellKind,
  HiddenStateRecord,
  WasmKernelStatus,
} from '@rnn/models';
import type { FreshExample, RecipePrediction, RecipeWave, TargetMetric } from '@rnn/training';

/** What the page shows of a recipe before anything is trained: its defaults and its target. */
export interface RecipeCard {
  readonly name: string;
  readonly description: string;
  readonly source: string;
  /** The task generator behind it, which decides the view of a trained model. */
  readonly task: string;
  readonly model: { readonly cell: CellKind; readonly hidden: number; readonly layers: number };
  readonly training: {
    readonly epochs: number;
    readonly learningRate: number;
    readonly batchSize: number;
    readonly optimizer: string;
  };
  readonly target: {
    readonly metric: TargetMetric;
    readonly atLeast?: number;
    readonly atMost?: number;
    /** The goal in symbols, e.g. `>= 0.99`. */
    readonly goal: string;
    readonly description: string;
  };
}

/** The knobs of one run: the recipe, the model and training choices the page offers, and the seed. */
export interface RunSettings {
  readonly recipe: string;
  readonly cell: CellKind;
  readonly hidden: number;
  readonly layers: number;
  readonly learningRate: number;
  readonly epochs: number;
  readonly seed: string;
}

/** Which backend and recurrence kernel the worker trains on, and why. */
export interface EngineReport {
  readonly backend: BackendSelection;
  readonly kernel: ActiveSequenceKernel;
  readonly wasm: Pick<WasmKernelStatus, 'loaded' | 'reason'>;
}

/** A run's measured target, as the status line states it. */
export interface RunOutcome {
  readonly recipe: string;
  readonly reached: boolean;
  readonly metric: TargetMetric;
  readonly value: number;
  readonly goal: string;
  readonly description: string;
  /** Seconds spent training, the live measurements after epochs included (the final one not). */
  readonly seconds: number;
}

/** Page to worker. */
export type PlaygroundRequest =
  | { readonly type: 'examples'; readonly recipe: string; readonly seed: string; readonly count: number }
  | { readonly type: 'train'; readonly settings: RunSettings }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'predict'; readonly inputs: readonly string[] }
  | {
      readonly type: 'generate';
      readonly prime: string;
      /** 0 is greedy. */
      readonly temperature: number;
      /** Characters to write; absent: up to the width of the task's sentences. */
      readonly length?: number;
      readonly seed: string;
    }
  | {
      /** Fresh examples (or waves) the model answers: the stream `data/examples-<round>` of the run's seed. */
      readonly type: 'fresh';
      readonly round: number;
    }
  | { readonly type: 'hidden-states'; readonly input: string }
  | { readonly type: 'describe-backends' };

/** Worker to page. */
export type PlaygroundReply =
  | {
      readonly type: 'ready';
      readonly recipes: readonly RecipeCard[];
      readonly cellKinds: readonly CellKind[];
      readonly engine: EngineReport;
    }
  | { readonly type: 'examples'; readonly recipe: string; readonly seed: string; readonly lines: readonly string[] }
  | { readonly type: 'started'; readonly settings: RunSettings }
  | {
      readonly type: 'batch';
      readonly epoch: number;
      readonly epochs: number;
      readonly batch: number;
      readonly batches: number;
      readonly loss: number;
    }
  | {
      readonly type: 'epoch';
      readonly epoch: number;
      readonly epochs: number;
      readonly loss: number;
      readonly seconds: number;
      /** The target's metric on held-out data after this epoch, when it was measured. */
      readonly metric?: number;
    }
  | { readonly type: 'paused'; readonly epoch: number }
  | { readonly type: 'resumed' }
  | { readonly type: 'measuring' }
  | { readonly type: 'done'; readonly outcome: RunOutcome }
  | { readonly type: 'predictions'; readonly predictions: readonly RecipePrediction[] }
  | { readonly type: 'generated'; readonly text: string; readonly prime: string }
  | {
      readonly type: 'fresh';
      readonly round: number;
      /** 8 fresh examples and the model's answers (every recipe but the wave ones). */
      readonly examples?: readonly FreshExample[];
      /** 2 fresh waves, generated in closed loop (the wave recipes). */
      readonly waves?: readonly RecipeWave[];
    }
  | { readonly type: 'hidden-states'; readonly input: string; readonly record: HiddenStateRecord }
  | { readonly type: 'backends'; readonly statuses: readonly BackendStatus[] }
  | { readonly type: 'error'; readonly during: PlaygroundRequest['type'] | 'start'; readonly message: string };
