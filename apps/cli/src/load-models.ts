import type { BackendSelection } from '@rnn/models';

type Models = typeof import('@rnn/models/node');

let loaded: Promise<Models> | undefined;

/**
 * Loads `@rnn/models` (and with it tfjs) on first use only, so commands that need no tfjs — data
 * generation, the Markov model — start fast, and puts the native kernels to work when they were
 * built, and the WebAssembly SIMD ones where they load (the native ones stay first when both do).
 * tfjs's own console hints are turned off: `rnn info` says which backend and kernels run and why.
 */
export function loadModels(): Promise<Models> {
  loaded ??= import('@rnn/models/node').then((models) => {
    models.quietTfjsWarnings();
    models.loadNativeKernels();
    models.loadWasmKernels();
    return models;
  });
  return loaded;
}

/** Activates the backend named by `--backend`, or the automatic choice when none was named. */
export async function selectBackend(name: string | undefined): Promise<BackendSelection> {
  const models = await loadModels();
  return models.useBackend(name);
}
