// The wasm backend's binaries, emitted by the bundler as assets, so the page serves them itself.
// These are asset URLs, not ML code: the one place the app names a tfjs package.
/* eslint-disable @nx/enforce-module-boundaries */
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
/* eslint-enable @nx/enforce-module-boundaries */

/** File name to bundled URL, as `useBackend(name, { wasmPaths })` expects. */
export const wasmPaths: Record<string, string> = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
};
