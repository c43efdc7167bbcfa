import * as tf from '@tensorflow/tfjs';
import { backendNames, backendPackages, type BackendName } from './backend-name';
import type { BackendOptions } from './activate-backend';
import { checkBackend, type BackendCheck } from './check-backend';
import { detectRuntime } from './runtime';

/** Whether one backend can be used here, as `rnn info` reports it. */
export interface BackendStatus extends BackendCheck {
  /** The backend's name, as {@link useBackend} accepts it. */
  readonly name: BackendName;
  /** The npm package that provides it. */
  readonly package: string;
}

/**
 * Tries every backend in turn and reports which load and train here. Restores the backend that was
 * active before, so it is safe to call at any time.
 */
export async function describeBackends(options: BackendOptions = {}): Promise<BackendStatus[]> {
  const runtime = detectRuntime();
  const previous = tf.getBackend();
  const statuses: BackendStatus[] = [];
  for (const name of backendNames) {
    const check = await checkBackend(name, runtime, options);
    statuses.push({ name, package: backendPackages[name].package, ...check });
  }
  if (previous) await tf.setBackend(previous);
  return statuses;
}
