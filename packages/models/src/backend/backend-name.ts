/**
 * The TensorFlow.js backends the toolkit knows how to load.
 *
 * - `tensorflow-gpu`: native TensorFlow with CUDA (`@tensorflow/tfjs-node-gpu`), Node only.
 * - `tensorflow`: native TensorFlow on the CPU (`@tensorflow/tfjs-node`), Node only.
 * - `wasm`: WebAssembly with SIMD (`@tensorflow/tfjs-backend-wasm`), Node and browser.
 * - `cpu`: plain JavaScript, always available, slowest.
 * - `webgl` / `webgpu`: the GPU in a browser.
 */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu' | 'webgl' | 'webgpu';

/** Every backend name, in the order `rnn info` lists them. */
export const backendNames: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu', 'webgl', 'webgpu'];

/** Whether `name` is one of {@link backendNames}. */
export function isBackendName(name: string): name is BackendName {
  return (backendNames as readonly string[]).includes(name);
}

/**
 * The npm package that provides each backend, and the commands that install it. The native packages
 * download libtensorflow in an install script, which npm 11 skips for a dependency its project has
 * not approved (and `--allow-scripts` is refused inside a project): install, approve, then rebuild
 * to run the script. `--save-optional` keeps the project installable where the download fails.
 */
export const backendPackages: Readonly<Record<BackendName, { package: string; install: string }>> = {
  'tensorflow-gpu': {
    package: '@tensorflow/tfjs-node-gpu',
    install: `${nativeInstall('@tensorflow/tfjs-node-gpu')} (needs internet, CUDA 11.2 and cuDNN 8.1)`,
  },
  tensorflow: {
    package: '@tensorflow/tfjs-node',
    install: `${nativeInstall('@tensorflow/tfjs-node')} (needs internet)`,
  },
  wasm: { package: '@tensorflow/tfjs-backend-wasm', install: 'npm install @tensorflow/tfjs-backend-wasm@4.22.0' },
  cpu: { package: '@tensorflow/tfjs', install: 'npm install @tensorflow/tfjs@4.22.0' },
  webgl: { package: '@tensorflow/tfjs', install: 'npm install @tensorflow/tfjs@4.22.0' },
  webgpu: { package: '@tensorflow/tfjs-backend-webgpu', install: 'npm install @tensorflow/tfjs-backend-webgpu@4.22.0' },
};

/** The npm 11 command sequence that installs a package whose install script must run. */
function nativeInstall(name: string): string {
  return `npm install --save-optional ${name}@4.22.0 && npm install-scripts approve ${name} && npm rebuild ${name}`;
}
