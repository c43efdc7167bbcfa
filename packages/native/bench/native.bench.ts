// Speed of the native addon, timed by the root harness (`npm run bench`): SGEMM at the shapes a
// character LSTM training step multiplies, and fused forward + backward passes. Without the addon
// built there is nothing to time: the module exports no cases and says why.
import { sequenceBenchCase, sgemmBenchCase, type KernelBenchCase } from '@rnn/kernel-reference';
import { isNativeAvailable, loadNativeKernels } from '../src';

const loaded = loadNativeKernels();
const cases: KernelBenchCase[] = [];
if (isNativeAvailable(loaded)) {
  const { threads } = loaded.info;
  const suffix = `, ${threads} thread${threads === 1 ? '' : 's'}`;
  const kernel = loaded.sequence.kernel;
  cases.push(
    sgemmBenchCase(loaded.sgemm, 3200, 64, 512, 'input projection of an LSTM-128 batch', suffix),
    sgemmBenchCase(loaded.sgemm, 32, 128, 512, 'one LSTM-128 step', suffix),
    sgemmBenchCase(loaded.sgemm, 512, 512, 512, 'square', suffix),
    sequenceBenchCase(kernel, 'lstm', 100, 32, 128, suffix),
    sequenceBenchCase(kernel, 'gru', 100, 32, 128, suffix),
    sequenceBenchCase(kernel, 'lstm', 100, 32, 512, suffix),
  );
} else {
  console.log(`native: no cases, ${loaded.unavailable}`);
}

export default cases;
