// Which tfjs backend the page trains on: measured in this browser, not assumed. Each candidate that
// starts here times a few training steps of the parity recipe (the page's first recipe, a small
// network of the kind the page trains), and the fastest is used. Runs in the worker.
import {
  BackendUnavailableError,
  loadWasmKernelsAsync,
  probeTraining,
  useBackend,
  type BackendName,
  type BackendOptions,
  type BackendSelection,
  type WasmKernelStatus,
} from '@rnn/models';
import { recipeTrainingStep, timeTrainingSteps, type TrainingStepTimingOptions } from '@rnn/training';
import { formatMs, trialsText } from './speed-text';

/**
 * The backends the page measures: cpu, which runs the WebAssembly SIMD kernels, and webgl, the GPU
 * where the browser offers one. wasm cannot train the character models (no embedding gradient), and
 * webgpu is not bundled.
 */
export const measuredBackends: readonly BackendName[] = ['cpu', 'webgl'];

/** The recipe whose training step is timed on each backend. */
export const choiceRecipe = 'parity';

/**
 * How long each backend is timed: 3 warm-up steps (a GPU builds its shaders in the first, the
 * JavaScript engine compiles the cpu path's hot code over the first few), then 2 to 10 steps
 * within 150 ms. Parity's step takes a few milliseconds on cpu, so the whole choice takes a
 * fraction of a second there.
 */
export const choiceTiming: TrainingStepTimingOptions = { warmupSteps: 3, minSteps: 2, maxSteps: 10, budgetMs: 150 };

/** One backend's measurement: its time per step, or the one-line reason it could not be timed. */
export interface BackendTrial {
  readonly name: BackendName;
  /** Median milliseconds per training step; absent when the backend did not start or train. */
  readonly msPerStep?: number;
  /** Why it was not timed (did not start, or cannot train); absent when it was. */
  readonly reason?: string;
}

/** What the page trains on, the measurements that chose it, and whether the cpu backend had its kernels. */
export interface BackendChoice {
  readonly selection: BackendSelection;
  readonly trials: readonly BackendTrial[];
  readonly wasm: WasmKernelStatus;
}

/** The backends that were timed, fastest first. */
export function timedBackends(trials: readonly BackendTrial[]): (BackendTrial & { readonly msPerStep: number })[] {
  return trials
    .filter((t): t is BackendTrial & { msPerStep: number } => t.msPerStep !== undefined)
    .sort((a, b) => a.msPerStep - b.msPerStep);
}

/**
 * The fastest timed backend, with the figures as its reason; undefined when none could be timed.
 * `passedOver` lists every other candidate with its time or its reason.
 */
export function fastestBackend(trials: readonly BackendTrial[]): BackendSelection | undefined {
  const [fastest] = timedBackends(trials);
  if (!fastest) return undefined;
  const others = trials.filter((t) => t.name !== fastest.name);
  return {
    name: fastest.name,
    reason: `the fastest measured here on a training step of ${choiceRecipe} (${trialsText(trials)})`,
    passedOver: others.map((t) => ({
      name: t.name,
      reason: t.msPerStep !== undefined ? `slower: ${formatMs(t.msPerStep)} ms per step` : (t.reason ?? ''),
    })),
  };
}

/**
 * The name of the software rasterizer behind WebGL here (SwiftShader, llvmpipe), or undefined when
 * WebGL runs on a GPU or is absent. On a software renderer webgl is far slower than cpu and its first
 * step alone takes seconds (measured: 724 ms per step against 12 on cpu, after a warm-up of several
 * seconds), so it is not worth the page's wait to time it.
 */
export function softwareWebglRenderer(): string | undefined {
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  const canvas = new OffscreenCanvas(1, 1);
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return undefined;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer.match(/swiftshader|llvmpipe|softpipe|software rasterizer/i)?.[0];
}

/** One candidate: started, checked that it trains (embedding gradient included), then timed. */
async function trial(name: BackendName, options: BackendOptions): Promise<BackendTrial> {
  const software = name === 'webgl' ? softwareWebglRenderer() : undefined;
  if (software !== undefined) return { name, reason: `no GPU here, only the software renderer ${software}` };
  try {
    await useBackend(name, options);
  } catch (err) {
    if (err instanceof BackendUnavailableError) return { name, reason: err.reason };
    throw err;
  }
  const failure = probeTraining();
  if (failure !== undefined) return { name, reason: failure };
  try {
    const timing = await timeTrainingSteps(recipeTrainingStep(choiceRecipe), choiceTiming);
    return { name, msPerStep: timing.msPerStep };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { name, reason: `started but a training step failed: ${message.split('\n')[0]}` };
  }
}

/**
 * Loads the WebAssembly kernels, times every backend of {@link measuredBackends} that starts here,
 * and leaves the fastest active. cpu always starts, so there is always a choice.
 */
export async function chooseBackend(options: BackendOptions = {}): Promise<BackendChoice> {
  const wasm = await loadWasmKernelsAsync();
  const trials: BackendTrial[] = [];
  for (const name of measuredBackends) trials.push(await trial(name, options));
  const fastest = fastestBackend(trials);
  if (!fastest) throw new Error(`no backend could train here: ${trialsText(trials)}`);
  await useBackend(fastest.name, options);
  return { selection: fastest, trials, wasm };
}

/**
 * Switches to a backend the user picked: one of {@link measuredBackends} that was timed here, with
 * the figures kept in the reason. A backend that was not timed is refused with its reason.
 */
export async function switchBackend(
  name: string,
  trials: readonly BackendTrial[],
  options: BackendOptions = {},
): Promise<BackendSelection> {
  const measured = trials.find((t) => t.name === name);
  if (!measured) {
    throw new RangeError(`backend must be one of ${trials.map((t) => t.name).join(', ')}, got ${JSON.stringify(name)}`);
  }
  if (measured.msPerStep === undefined) throw new RangeError(`${name} cannot train here: ${measured.reason}`);
  await useBackend(measured.name, options);
  return {
    name: measured.name,
    reason: `chosen on the page (measured on a training step of ${choiceRecipe}: ${trialsText(trials)})`,
    passedOver: [],
  };
}
