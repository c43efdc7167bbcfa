import { kernelCells, type KernelProvider } from '@rnn/kernel-abi';
import { jsAdamUpdate } from './js-adam-update';
import { jsBinaryCrossEntropy } from './js-binary-cross-entropy';
import { jsSequenceKernel } from './js-sequence-kernel';
import { jsSoftmaxCrossEntropy } from './js-softmax-cross-entropy';
import { jsSumRowsByIndex } from './js-sum-rows-by-index';
import { jsSwapLeadingAxes } from './js-swap-leading-axes';

/**
 * The portable TypeScript kernels, always on offer and last in line: they run wherever JavaScript
 * does. No SGEMM here: without a compiled one the host kernels use their own loops and tfjs its matmul.
 */
export const jsKernelProvider: KernelProvider = {
  name: 'js',
  description: 'portable TypeScript',
  sequence: { kernel: jsSequenceKernel, cells: kernelCells },
  softmaxCrossEntropy: jsSoftmaxCrossEntropy,
  binaryCrossEntropy: jsBinaryCrossEntropy,
  adamUpdate: jsAdamUpdate,
  swapLeadingAxes: jsSwapLeadingAxes,
  sumRowsByIndex: jsSumRowsByIndex,
};
