// Speed of the WebAssembly SIMD kernels, timed by the root harness (`npm run bench`): SGEMM at the
// shapes a character LSTM training step multiplies (the copies in and out of linear memory
// included), and fused forward + backward passes, of the module this process loads (the relaxed-SIMD
// one's cases are named so, the baseline's keep their names). Where the module does not load there
// is nothing to time: the module exports no cases and says why.
import { sequenceBenchCase, sgemmBenchCase, type KernelBenchCase } from '@rnn/kernel-reference';
import { isWasmAvailable, loadWasmKernels } from '../src';

const loaded = loadWasmKernels();
const cases: KernelBenchCase[] = [];
if (isWasmAvailable(loaded)) {
  const kernel = loaded.sequence.kernel;
  const suffix = loaded.info.simd === 'wasm-relaxed-simd' ? ', relaxed SIMD' : '';
  cases.push(
    sgemmBenchCase(loaded.sgemm, 3200, 64, 512, 'input projection of an LSTM-128 batch', suffix),
    sgemmBenchCase(loaded.sgemm, 32, 128, 512, 'one LSTM-128 step', suffix),
    sgemmBenchCase(loaded.sgemm, 512, 512, 512, 'square', suffix),
    sequenceBenchCase(kernel, 'lstm', 100, 32, 128, suffix),
    sequenceBenchCase(kernel, 'gru', 100, 32, 128, suffix),
  );
} else {
  console.log(`wasm: no cases, ${loaded.unavailable}`);
}

export default cases;
