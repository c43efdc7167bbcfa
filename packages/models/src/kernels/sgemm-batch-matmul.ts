import * as tf from '@tensorflow/tfjs';
import type { Sgemm } from '@rnn/kernel-abi';

/** The part of tfjs's cpu backend (MathBackendCPU) the kernel uses. */
interface CpuBackendLike {
  readonly data: { get(dataId: tf.DataId): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

const kernelName = 'BatchMatMul';
const backendName = 'cpu';

let stock: tf.KernelConfig | undefined;

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * A BatchMatMul on a compiled SGEMM, for float32 operands whose batch dimensions are equal or where one
 * side is a single matrix (broadcast); anything else goes to tfjs's own kernel.
 */
function sgemmBatchMatMul(args: Parameters<tf.KernelFunc>[0], sgemm: Sgemm, fallback: tf.KernelFunc) {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
  const backend = args.backend as unknown as CpuBackendLike;
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || aRank < 2 || bRank < 2) return fallback(args);
  const m = transposeA ? a.shape[aRank - 1] : a.shape[aRank - 2];
  const k = transposeA ? a.shape[aRank - 2] : a.shape[aRank - 1];
  const kB = transposeB ? b.shape[bRank - 1] : b.shape[bRank - 2];
  const n = transposeB ? b.shape[bRank - 2] : b.shape[bRank - 1];
  if (k !== kB) return fallback(args); // tfjs's kernel words the error
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  let outer: number[];
  try {
    outer = tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
  } catch {
    return fallback(args);
  }
  const batch = sizeOf(outer);
  const batchA = sizeOf(outerA);
  const batchB = sizeOf(outerB);
  if ((batchA !== batch && batchA !== 1) || (batchB !== batch && batchB !== 1)) return fallback(args);
  const aValues = backend.data.get(a.dataId).values;
  const bValues = backend.data.get(b.dataId).values;
  if (!(aValues instanceof Float32Array) || !(bValues instanceof Float32Array)) return fallback(args);
  if (aValues.length < batchA * m * k || bValues.length < batchB * k * n) return fallback(args);
  const out = new Float32Array(batch * m * n);
  const strideA = batchA === 1 ? 0 : m * k;
  const strideB = batchB === 1 ? 0 : k * n;
  sgemm(transposeA, transposeB, m, n, k, 1, aValues, bValues, 0, out, batch, strideA, strideB, m * n);
  return backend.makeTensorInfo([...outer, m, n], 'float32', out);
}

/**
 * Replaces tfjs's `BatchMatMul` kernel on the `cpu` backend (a JavaScript triple loop) with one on a
 * compiled SGEMM: the native addon's (typically 20-100x faster) or the WebAssembly one. Operands it does not handle (non-float32, batch dimensions
 * that broadcast other than from a single matrix) still go to tfjs's kernel. Gradients are unchanged:
 * they are matmuls too. Calling it again swaps in the new `sgemm`.
 */
export function registerSgemmBatchMatMul(sgemm: Sgemm): void {
  const original = stock ?? tf.getKernel(kernelName, backendName);
  if (!original) throw new Error(`registerSgemmBatchMatMul: tfjs has no ${kernelName} kernel for the cpu backend`);
  stock = original;
  const fallback = original.kernelFunc;
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...original, kernelFunc: (args) => sgemmBatchMatMul(args, sgemm, fallback) });
}

/** Puts tfjs's own `BatchMatMul` kernel back (no-op when none of ours is registered). */
export function unregisterSgemmBatchMatMul(): void {
  if (!stock) return;
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel(stock);
  stock = undefined;
}

/** Whether {@link registerSgemmBatchMatMul} is in effect. */
export function isSgemmBatchMatMulRegistered(): boolean {
  return stock !== undefined;
}
