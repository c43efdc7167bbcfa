import * as tf from '@tensorflow/tfjs';
import { onHostBackend, readFloats, runHostKernel, type HostIo } from './host-kernel';

/** The tfjs kernel name of the embedding lookup, registered per host-memory backend on first use. */
export const embeddingLookupKernelName = 'RnnEmbeddingLookup';

function lookupForward({ table, ids }: Record<string, tf.TensorInfo>, io: HostIo): tf.TensorInfo {
  const rows = io.readFloat(table);
  const index = io.read(ids);
  const [vocab, dim] = table.shape;
  const out = new Float32Array(index.length * dim);
  for (let i = 0; i < index.length; i++) {
    const id = index[i];
    if (id < 0 || id >= vocab) throw new RangeError(`embedding id ${id} is outside the table's 0..${vocab - 1}`);
    out.set(rows.subarray(id * dim, (id + 1) * dim), i * dim);
  }
  return io.write([...ids.shape, dim], out);
}

const lookupGradient: Omit<tf.GradConfig, 'kernelName'> = {
  inputsToSave: ['table', 'ids'],
  gradFunc: (dy, saved) => {
    const [table, ids] = saved;
    return {
      table: () => {
        const [vocab, dim] = table.shape as [number, number];
        const g = readFloats(dy as tf.Tensor);
        const index = ids.dataSync();
        const grad = new Float32Array(vocab * dim);
        for (let i = 0; i < index.length; i++) {
          const row = index[i] * dim;
          const from = i * dim;
          for (let j = 0; j < dim; j++) grad[row + j] += g[from + j];
        }
        return tf.tensor2d(grad, [vocab, dim]);
      },
      ids: () => tf.zerosLike(ids),
    };
  },
};

/**
 * Rows of an embedding table by id: `table` [vocab, dim], int32 `ids` of any shape → [...ids.shape, dim].
 * On host backends one kernel with a scatter-add gradient; tfjs's own gather gradient on the cpu
 * backend (UnsortedSegmentSum) compares every id with every vocabulary entry, a few seconds per
 * batch for a character model. Other backends use tf.gather.
 */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor): tf.Tensor {
  if (ids.dtype !== 'int32') throw new RangeError(`embedding ids must be int32, got ${ids.dtype}`);
  if (!onHostBackend()) return tf.gather(table, ids);
  return runHostKernel(embeddingLookupKernelName, lookupForward, lookupGradient, { table, ids }) as tf.Tensor;
}
