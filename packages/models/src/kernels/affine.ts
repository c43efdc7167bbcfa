import * as tf from '@tensorflow/tfjs';
import { columnSums, hostAffine, hostMatMul } from './host-gemm';
import { onHostBackend, readFloats, runHostKernel, type HostIo } from './host-kernel';

/** The tfjs kernel name of x·W + b, registered per host-memory backend on first use. */
export const affineKernelName = 'RnnAffine';

function affineForward({ x, kernel, bias }: Record<string, tf.TensorInfo>, io: HostIo): tf.TensorInfo {
  const [rows, inner] = x.shape;
  const outer = kernel.shape[1];
  const y = hostAffine(io.readFloat(x), io.readFloat(kernel), io.readFloat(bias), rows, inner, outer);
  return io.write([rows, outer], y);
}

const affineGradient: Omit<tf.GradConfig, 'kernelName'> = {
  inputsToSave: ['x', 'kernel'],
  gradFunc: (dy, saved) => {
    const [x, kernel] = saved as [tf.Tensor2D, tf.Tensor2D];
    const [rows, inner] = x.shape;
    const outer = kernel.shape[1];
    const g = readFloats(dy as tf.Tensor);
    return {
      x: () => tf.tensor2d(hostMatMul(g, readFloats(kernel), rows, outer, inner, false, true), [rows, inner]),
      kernel: () => tf.tensor2d(hostMatMul(readFloats(x), g, inner, rows, outer, true, false), [inner, outer]),
      bias: () => tf.tensor1d(columnSums(g, rows, outer)),
    };
  },
};

/**
 * y = x·W + b for x [rows, in], W [in, out], b [out] as one op with its own gradient. On the cpu
 * backend tfjs would run a matmul, a broadcasting add (an index computation per element) and, for
 * the bias gradient, a transpose and a sum; here it is one product and one pass over the rows, on
 * the native SGEMM when loaded. Other backends get the plain tfjs ops.
 */
export function affine(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  if (!onHostBackend() || x.dtype !== 'float32') return tf.add(tf.matMul(x, kernel), bias) as tf.Tensor2D;
  if (x.shape[1] !== kernel.shape[0] || bias.shape[0] !== kernel.shape[1]) {
    throw new RangeError(
      `affine: x [${x.shape}], kernel [${kernel.shape}] and bias [${bias.shape}] do not fit together`,
    );
  }
  return runHostKernel(affineKernelName, affineForward, affineGradient, { x, kernel, bias }) as tf.Tensor2D;
}
