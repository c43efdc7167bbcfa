// Loads the module this process chooses (RNN_WASM_SIMD, and for the relaxed-SIMD one an engine that
// has relaxed SIMD: Node 20 with --experimental-wasm-relaxed-simd) and holds it to the float64
// reference, in a process of its own: the choice is made once per process, so choose-module.test.ts
// runs this once per module. Plain throws, no test framework.
//
// Usage: node [--experimental-wasm-relaxed-simd] --conditions=@rnn/source --import tsx
//        src/simd-module-check.testing.ts [info.simd expected]
// Prints the load result as one line of JSON (the info, or { unavailable }). With an expected
// instruction set, exits 1 unless that module loaded and passes every check of module-checks.testing.ts.
import { isWasmAvailable, loadWasmKernels } from './index';
import { checkModule } from './module-checks.testing';

function main(): void {
  const expected = process.argv[2];
  const loaded = loadWasmKernels();
  console.log(JSON.stringify(isWasmAvailable(loaded) ? loaded.info : loaded));
  if (expected === undefined) return;
  if (!isWasmAvailable(loaded)) throw new Error(`the module did not load: ${loaded.unavailable}`);
  if (loaded.info.simd !== expected) throw new Error(`info.simd is ${loaded.info.simd}, expected ${expected}`);
  checkModule(loaded);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
