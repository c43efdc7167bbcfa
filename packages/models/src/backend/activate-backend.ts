import * as tf from '@tensorflow/tfjs';
import { backendPackages, type BackendName } from './backend-name';
import { BackendUnavailableError } from './backend-unavailable-error';
import { isMissingModule } from './is-missing-module';
import type { Runtime } from './runtime';

/** Options for loading a backend. */
export interface BackendOptions {
  /**
   * Where the wasm backend finds its `.wasm` files: a URL prefix ending in `/`, or a map from file name
   * to URL. A browser bundle passes the URLs its bundler emitted; in Node the files are found inside
   * the installed `@tensorflow/tfjs-backend-wasm` package, so this is rarely needed there.
   */
  readonly wasmPaths?: string | Record<string, string>;
}

/** The name tfjs registers each of our backends under (both native packages register `tensorflow`). */
const tfjsName: Record<BackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
  webgl: 'webgl',
  webgpu: 'webgpu',
};

const nodeOnly: ReadonlySet<BackendName> = new Set(['tensorflow', 'tensorflow-gpu']);
const browserOnly: ReadonlySet<BackendName> = new Set(['webgl', 'webgpu']);

/**
 * Loads backend `name` (importing its package on demand) and makes it tfjs's current backend.
 * Throws {@link BackendUnavailableError} with a one-line, actionable reason when it cannot.
 */
export async function activateBackend(
  name: BackendName,
  runtime: Runtime,
  options: BackendOptions = {},
): Promise<void> {
  if (runtime === 'browser' && nodeOnly.has(name)) {
    throw new BackendUnavailableError(name, 'runs only in Node, not in a browser');
  }
  if (runtime === 'node' && browserOnly.has(name)) {
    throw new BackendUnavailableError(name, 'runs only in a browser, not in Node');
  }
  if (nodeOnly.has(name) || name === 'webgpu') {
    await importOptionalPackage(name);
  } else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
  }
  const registered = tfjsName[name];
  if (tf.findBackendFactory(registered) === null) {
    throw new BackendUnavailableError(
      name,
      `did not register with this copy of @tensorflow/tfjs ${tf.version.tfjs}`,
      `install matching versions: ${backendPackages[name].install}`,
    );
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(registered);
  } catch (err) {
    throw new BackendUnavailableError(name, `failed to start: ${firstLine(err)}`);
  }
  if (!ok) throw new BackendUnavailableError(name, 'failed to start on this machine');
  await tf.ready();
}

/**
 * Imports a backend package that is not a dependency of this one. The specifier is a variable on
 * purpose: bundlers must not try to resolve packages that are optional and Node-only.
 */
async function importOptionalPackage(name: BackendName): Promise<void> {
  const { package: pkg, install } = backendPackages[name];
  try {
    await import(/* @vite-ignore */ pkg);
  } catch (err) {
    if (isMissingModule(err, pkg)) {
      throw new BackendUnavailableError(name, 'is not installed', `install it with: ${install}`);
    }
    throw new BackendUnavailableError(
      name,
      `is installed but failed to load (${firstLine(err)})`,
      `reinstall it with: ${install}`,
    );
  }
}

/** The first line of an error's message, so reasons stay one line. */
export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0].trim();
}
