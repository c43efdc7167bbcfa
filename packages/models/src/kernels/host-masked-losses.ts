import * as tf from '@tensorflow/tfjs';
import { readFloats, runHostKernel, type HostIo } from './host-kernel';
import { softmaxCrossEntropyRows } from './host-softmax-cross-entropy';
import { hostBinaryCrossEntropy } from './kernel-registry';

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

/**
 * The loss and, as a second output kept for the backward pass, its gradient by each logit already
 * divided by the mask's total: the kernel computes both from one e^-|z| per element, so the backward
 * pass is one multiplication by the incoming gradient. Integer targets and masks are read as floats
 * here rather than cast by a tfjs op.
 */
function binaryForward({ logits, targets, mask }: Record<string, tf.TensorInfo>, io: HostIo): tf.TensorInfo[] {
  const z = io.readFloat(logits);
  const m = io.readFloat(mask);
  const grad = new Float32Array(z.length);
  const total = hostBinaryCrossEntropy()(z.length, z, io.readFloat(targets), m, grad);
  const denominator = maskTotal(m);
  for (let i = 0; i < grad.length; i++) grad[i] /= denominator;
  return [io.write([], Float32Array.of(total / denominator)), io.write([...logits.shape], grad)];
}

// Only the gradient output is saved (each saved tensor is a clone op): targets and mask, which take
// no gradient in any use, get zeros of the same shape, float32 as tfjs requires of every gradient.
const binaryGradient: Omit<tf.GradConfig, 'kernelName'> = {
  outputsToSave: [false, true],
  gradFunc: (dys, saved) => {
    const [perLogit] = saved;
    return {
      logits: () => {
        const scale = (dys as tf.Tensor[])[0].dataSync()[0];
        const grad = readFloats(perLogit).slice();
        if (scale !== 1) for (let i = 0; i < grad.length; i++) grad[i] *= scale;
        return tf.tensor(grad, perLogit.shape);
      },
      targets: () => tf.zeros(perLogit.shape),
      mask: () => tf.zeros(perLogit.shape),
    };
  },
};

/** The host kernel of `maskedBinaryCrossEntropy`: logits, targets and mask, all [B, T]. */
export function hostMaskedBinaryCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const [loss, perLogit] = runHostKernel('RnnMaskedBinaryCrossEntropy', binaryForward, binaryGradient, {
      logits,
      targets,
      mask,
    }) as tf.Tensor[];
    perLogit.dispose();
    return loss as tf.Scalar;
  });
}
