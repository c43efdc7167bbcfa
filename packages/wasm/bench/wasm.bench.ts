// Speed of the WebAssembly SIMD kernels, timed by the root harness (`npm run bench`): SGEMM at the
// shapes a character LSTM training step multiplies (the copies in and out of linear memory
// included), and fused forward + backward passes. Where the module does not load there is nothing to
// time: the module exports no cases and says why.
import { sequenceBenchCase, sgemmBenchCase, type KernelBenchCase } from '@rnn/kernel-reference';
import { isWasmAvailable, loadWasmKernels } from '../src';

const loaded = loadWasmKernels();
const cases: KernelBenchCase[] = [];
if (isWasmAvailable(loaded)) {
  const kernel = loaded.sequence.kernel;
  cases.push(
    sgemmBenchCase(loaded.sgemm, 3200, 64, 512, 'input projection of an LSTM-128 batch'),
    sgemmBenchCase(loaded.sgemm, 32, 128, 512, 'one LSTM-128 step'),
    sgemmBenchCase(loaded.sgemm, 512, 512, 512, 'square'),
    sequenceBenchCase(kernel, 'lstm', 100, 32, 128),
    sequenceBenchCase(kernel, 'gru', 100, 32, 128),
  );
} else {
  console.log(`wasm: no cases, ${loaded.unavailable}`);
}

export default cases;
