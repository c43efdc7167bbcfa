import * as tf from '@tensorflow/tfjs';
import { readFloats, runHostKernel, type HostIo } from './host-kernel';
import { softmaxCrossEntropyRows } from './host-softmax-cross-entropy';

/**
 * The masked losses as single host kernels: one pass over the logits forward and one backward, in
 * place of tfjs's chain of element-wise ops (each a full pass and an allocation, several of them
 * broadcasting, which tfjs's cpu backend runs with an index computation per element). The results
 * equal the tfjs formulas of `@rnn/training`'s maskedCrossEntropy and maskedBinaryCrossEntropy (tested there).
 */

/** Σ mask, floored at 1: the denominator of every masked mean (an all-padding batch gives 0, not NaN). */
function maskTotal(mask: Float32Array): number {
  let total = 0;
  for (let i = 0; i < mask.length; i++) total += mask[i];
  return Math.max(total, 1);
}

function crossEntropyForward({ logits, targets, mask }: Record<string, tf.TensorInfo>, io: HostIo): tf.TensorInfo[] {
  const t = io.read(targets);
  const m = io.readFloat(mask);
  const classes = logits.shape[logits.shape.length - 1];
  // The softmax of every counted row, kept for the backward pass (which is then one subtraction).
  const probs = new Float32Array(m.length * classes);
  const total = softmaxCrossEntropyRows(
    m.length,
    classes,
    io.readFloat(logits),
    t instanceof Int32Array ? t : Int32Array.from(t),
    m,
    probs,
  );
  return [io.write([], Float32Array.of(total / maskTotal(m))), io.write([...logits.shape], probs)];
}

const crossEntropyGradient: Omit<tf.GradConfig, 'kernelName'> = {
  inputsToSave: ['targets', 'mask'],
  outputsToSave: [false, true],
  gradFunc: (dys, saved) => {
    const [targets, mask, probs] = saved;
    return {
      logits: () => {
        const p = readFloats(probs);
        const t = targets.dataSync();
        const m = readFloats(mask);
        const classes = probs.shape[probs.shape.length - 1]!;
        const scale = (dys as tf.Tensor[])[0].dataSync()[0] / maskTotal(m);
        const grad = new Float32Array(p.length);
        for (let r = 0; r < m.length; r++) {
          const target = t[r];
          if (m[r] === 0 || target < 0 || target >= classes) continue;
          const at = r * classes;
          const w = scale * m[r];
          for (let c = 0; c < classes; c++) grad[at + c] = w * p[at + c];
          grad[at + target] -= w;
        }
        return tf.tensor(grad, probs.shape);
      },
      targets: () => tf.zerosLike(targets),
      mask: () => tf.zerosLike(mask),
    };
  },
};

/** The host kernel of `maskedCrossEntropy`: logits [B, T, C], int32 targets [B, T], mask [B, T]. */
export function hostMaskedCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const [loss, probs] = runHostKernel('RnnMaskedCrossEntropy', crossEntropyForward, crossEntropyGradient, {
      logits,
      targets,
      mask: mask.dtype === 'float32' ? mask : tf.cast(mask, 'float32'),
    }) as tf.Tensor[];
    probs.dispose();
    return loss as tf.Scalar;
  });
}

/** log(1 + e^-|z|) + max(z, 0) - z·y: binary cross-entropy on a logit, stable for any z. */
const binaryLoss = (z: number, y: number): number => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));

function binaryForward({ logits, targets, mask }: Record<string, tf.TensorInfo>, io: HostIo): tf.TensorInfo {
  const z = io.readFloat(logits);
  const y = io.readFloat(targets);
  const m = io.readFloat(mask);
  let loss = 0;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) loss += m[i] * binaryLoss(z[i], y[i]);
  return io.write([], Float32Array.of(loss / maskTotal(m)));
}

const binaryGradient: Omit<tf.GradConfig, 'kernelName'> = {
  inputsToSave: ['logits', 'targets', 'mask'],
  gradFunc: (dy, saved) => {
    const [logits, targets, mask] = saved;
    return {
      logits: () => {
        const z = readFloats(logits);
        const y = readFloats(targets);
        const m = readFloats(mask);
        const scale = (dy as tf.Tensor).dataSync()[0] / maskTotal(m);
        const grad = new Float32Array(z.length);
        for (let i = 0; i < m.length; i++) if (m[i] !== 0) grad[i] = scale * m[i] * (1 / (1 + Math.exp(-z[i])) - y[i]);
        return tf.tensor(grad, logits.shape);
      },
      targets: () => tf.zerosLike(targets),
      mask: () => tf.zerosLike(mask),
    };
  },
};

/** The host kernel of `maskedBinaryCrossEntropy`: logits, float targets and mask, all [B, T]. */
export function hostMaskedBinaryCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return runHostKernel('RnnMaskedBinaryCrossEntropy', binaryForward, binaryGradient, {
    logits,
    targets: targets.dtype === 'float32' ? targets : tf.cast(targets, 'float32'),
    mask: mask.dtype === 'float32' ? mask : tf.cast(mask, 'float32'),
  }) as tf.Scalar;
}
