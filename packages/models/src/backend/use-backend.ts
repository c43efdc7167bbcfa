import * as tf from '@tensorflow/tfjs';
import { backendNames, isBackendName, type BackendName } from './backend-name';
import { activateBackend, type BackendOptions } from './activate-backend';
import { BackendUnavailableError } from './backend-unavailable-error';
import { checkBackend } from './check-backend';
import { detectRuntime, type Runtime } from './runtime';

/** What {@link useBackend} chose, and why. */
export interface BackendSelection {
  /** The backend now in use. */
  readonly name: BackendName;
  /** One sentence on why this one: requested, or the fastest that loads and trains here. */
  readonly reason: string;
  /** The faster candidates that were tried first and why each was passed over. */
  readonly passedOver: readonly { readonly name: BackendName; readonly reason: string }[];
}

/**
 * Candidates for automatic selection, fastest first. Measured on a 2-core CPU for RNN training:
 * native TensorFlow beats wasm, which beats cpu 4-5x on one-hot models; webgl/webgpu win in a browser
 * with a real GPU. Each is used only if it loads *and* passes {@link probeTraining}.
 */
export const automaticOrder: Readonly<Record<Runtime, readonly BackendName[]>> = {
  node: ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'],
  browser: ['webgpu', 'webgl', 'wasm', 'cpu'],
};

/**
 * Selects the tfjs backend. With a name, loads exactly that one or throws
 * {@link BackendUnavailableError} with a one-line reason (including how to install it). Without a
 * name, picks the fastest backend that loads and can train (embedding gradients included) on this
 * machine, and says which and why.
 *
 * @example
 * const { name, reason } = await useBackend();   // e.g. 'cpu', with the reasons wasm was passed over
 * await useBackend('wasm');                       // exactly wasm, or a BackendUnavailableError
 */
export async function useBackend(name?: string, options: BackendOptions = {}): Promise<BackendSelection> {
  const runtime = detectRuntime();
  if (name !== undefined) {
    if (!isBackendName(name)) {
      throw new BackendUnavailableError(name, 'is not a backend', `expected one of: ${backendNames.join(', ')}`);
    }
    await activateBackend(name, runtime, options);
    return { name, reason: 'requested by name', passedOver: [] };
  }
  const passedOver: { name: BackendName; reason: string }[] = [];
  for (const candidate of automaticOrder[runtime]) {
    const check = await checkBackend(candidate, runtime, options);
    if (check.trains) {
      const skipped = passedOver.map((p) => `${p.name} ${p.reason}`).join('; ');
      const reason =
        passedOver.length === 0
          ? `the fastest backend for training in ${runtime}, and it trains here`
          : `the fastest backend that loads and trains here (${skipped})`;
      return { name: candidate, reason, passedOver };
    }
    passedOver.push({ name: candidate, reason: check.reason });
  }
  // cpu is pure JavaScript and ends every list, so this means tfjs itself is broken.
  throw new Error(`no tfjs backend can train here (${tf.version.tfjs}): ${passedOver.map((p) => p.reason).join('; ')}`);
}
