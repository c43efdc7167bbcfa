import type { BackendName } from './backend-name';
import { activateBackend, type BackendOptions } from './activate-backend';
import { BackendUnavailableError } from './backend-unavailable-error';
import { probeTraining } from './probe-training';
import type { Runtime } from './runtime';

/** Whether a backend loads and trains here. */
export interface BackendCheck {
  /** True when it loads here. */
  readonly available: boolean;
  /** True when it also passes a training step (embedding gradient included). */
  readonly trains: boolean;
  /** Why it is or is not usable, in a few words. */
  readonly reason: string;
  /** What would make it usable (e.g. the install command), when something would. */
  readonly remedy?: string;
}

/**
 * Activates backend `name` and runs the training probe on it. A backend that loads stays active,
 * whether or not it trains; the caller decides what to keep.
 */
export async function checkBackend(
  name: BackendName,
  runtime: Runtime,
  options: BackendOptions,
): Promise<BackendCheck> {
  try {
    await activateBackend(name, runtime, options);
  } catch (err) {
    if (!(err instanceof BackendUnavailableError)) throw err;
    return err.remedy
      ? { available: false, trains: false, reason: err.reason, remedy: err.remedy }
      : { available: false, trains: false, reason: err.reason };
  }
  const failure = probeTraining();
  return failure === undefined
    ? { available: true, trains: true, reason: 'loads and trains' }
    : { available: true, trains: false, reason: failure };
}
