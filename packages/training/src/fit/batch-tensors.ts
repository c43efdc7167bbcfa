import * as tf from '@tensorflow/tfjs';
import type { Batch, TypedTensor } from '@rnn/datasets';
import type { RecurrentModel } from '@rnn/models';

/** A batch as the tensors one training step needs. */
export interface BatchTensors {
  /** ids [batch, time] int32, or features [batch, time, features] float32. */
  readonly x: tf.Tensor;
  /** Real input steps per sequence, int32 [batch]. */
  readonly lengths: tf.Tensor1D;
  /** Labels [batch] or per-step targets [batch, time(, features)]. */
  readonly targets: tf.Tensor;
  /** Which target steps count, [batch, time]; absent for one label per sequence. */
  readonly targetMask?: tf.Tensor2D;
}

function toTensor(t: TypedTensor): tf.Tensor {
  return t.data instanceof Int32Array
    ? tf.tensor(t.data, [...t.shape], 'int32')
    : tf.tensor(t.data, [...t.shape], 'float32');
}

/**
 * Moves a batch from plain typed arrays into tensors shaped for `model`. Integer inputs for a model
 * with dense input (bits read as numbers) become [batch, time, 1] floats.
 */
export function batchTensors(batch: Batch, model: RecurrentModel): BatchTensors {
  return tf.tidy(() => {
    let x = toTensor(batch.inputs);
    if ('input' in model.spec && model.spec.input.type === 'dense' && x.rank === 2) x = tf.expandDims(x.toFloat(), 2);
    const targets = toTensor(batch.targets);
    const maskSource = batch.targetMask ?? (targets.rank >= 2 ? batch.mask : undefined);
    const result: BatchTensors = {
      x,
      lengths: tf.tensor1d(batch.lengths, 'int32'),
      targets,
      ...(maskSource && targets.rank >= 2
        ? { targetMask: tf.tensor2d(maskSource.data, [maskSource.shape[0], maskSource.shape[1]]) }
        : {}),
    };
    return result as unknown as tf.TensorContainer;
  }) as unknown as BatchTensors;
}

/**
 * What a model's forward pass needs besides x and lengths. Training passes the targets (a
 * teacher-forced decoder reads them); evaluation passes only their length, so a decoder is scored on
 * its own predictions. Models that need neither ignore both.
 */
export function forwardInputs(batch: BatchTensors, training: boolean): { targets?: tf.Tensor; targetSteps?: number } {
  if (batch.targets.rank < 2) return {};
  return training
    ? { targets: batch.targets, targetSteps: batch.targets.shape[1] }
    : { targetSteps: batch.targets.shape[1] };
}

/** Frees a batch's tensors. */
export function disposeBatchTensors(batch: BatchTensors): void {
  tf.dispose([batch.x, batch.lengths, batch.targets, ...(batch.targetMask ? [batch.targetMask] : [])]);
}
