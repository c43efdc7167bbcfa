import * as tf from '@tensorflow/tfjs';

/** Backends whose tensors live in host memory, where a kernel can read and write them as typed arrays. */
export const hostBackends: readonly string[] = ['cpu', 'wasm'];

/** Whether the active backend keeps tensors in host memory (so host kernels apply). */
export function onHostBackend(): boolean {
  return hostBackends.includes(tf.getBackend());
}

/** The methods of the cpu and wasm backends a host kernel needs. */
interface HostBackend {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo?(shape: number[], dtype: tf.DataType, values: Float32Array | Int32Array): tf.TensorInfo;
  makeOutput?(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset: undefined,
    values: Float32Array | Int32Array,
  ): tf.TensorInfo;
}

/** A kernel's view of its backend: read inputs, make outputs. */
export interface HostIo {
  /** The values of an input: float32 as Float32Array, int32 as Int32Array (the backend's own array on cpu: never write to it). */
  read(info: tf.TensorInfo): Float32Array | Int32Array;
  /** A float32 input's values. */
  readFloat(info: tf.TensorInfo): Float32Array;
  /** A new output tensor owning `values`. */
  write(shape: number[], values: Float32Array): tf.TensorInfo;
}

function hostIo(backend: unknown): HostIo {
  const host = backend as HostBackend;
  const read = (info: tf.TensorInfo) => {
    const values = host.readSync(info.dataId);
    if (values instanceof Float32Array || values instanceof Int32Array) return values;
    return info.dtype === 'int32'
      ? Int32Array.from(values as ArrayLike<number>)
      : new Float32Array(values as ArrayLike<number>);
  };
  return {
    read,
    readFloat: (info) => {
      const values = read(info);
      return values instanceof Float32Array ? values : new Float32Array(values);
    },
    write: (shape, values) =>
      host.makeTensorInfo
        ? host.makeTensorInfo(shape, 'float32', values)
        : host.makeOutput!(shape, 'float32', undefined, values),
  };
}

/**
 * Runs a host kernel as a tfjs op: registers `forward` for the active backend (which must be a host
 * backend) and `gradient` on first use, then calls it, so the op is recorded on the gradient tape like
 * any tfjs op. `forward` gets its inputs as TensorInfos and returns its outputs.
 */
export function runHostKernel(
  kernelName: string,
  forward: (
    inputs: Record<string, tf.TensorInfo>,
    io: HostIo,
    attrs: Record<string, unknown>,
  ) => tf.TensorInfo | tf.TensorInfo[],
  gradient: Omit<tf.GradConfig, 'kernelName'>,
  inputs: tf.NamedTensorMap,
  attrs: Record<string, unknown> = {},
): tf.Tensor | tf.Tensor[] {
  const backendName = tf.getBackend();
  if (!hostBackends.includes(backendName)) {
    throw new RangeError(`${kernelName} runs on ${hostBackends.join(', ')}, not on ${backendName}`);
  }
  if (tf.getKernel(kernelName, backendName) === undefined) {
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs: infos, backend, attrs: given }) =>
        forward(infos as Record<string, tf.TensorInfo>, hostIo(backend), (given ?? {}) as Record<string, unknown>),
    });
  }
  if (tf.getGradient(kernelName) === undefined) tf.registerGradient({ kernelName, ...gradient });
  return tf.engine().runKernel(kernelName, inputs, attrs as tf.NamedAttrMap);
}

/**
 * A tensor's values as a Float32Array. On the cpu backend a float32 tensor can hold an Int32Array
 * (a cast from int32 shares the data), and a kernel expecting floats would misread it.
 */
export function readFloats(t: tf.Tensor): Float32Array {
  const values = t.dataSync();
  return values instanceof Float32Array ? values : new Float32Array(values as ArrayLike<number>);
}
