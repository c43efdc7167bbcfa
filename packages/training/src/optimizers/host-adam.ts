import * as tf from '@tensorflow/tfjs';
import { onHostBackend, readFloats } from '@rnn/models';

/** The parts of tfjs's AdamOptimizer this subclass reads; they are private in its typings. */
interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  epsilon: number;
  incrementIterations(): void;
}

/** One Adam step over a weight array, into new arrays (a top-level loop V8 compiles once, monomorphic). */
function adamUpdate(
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  w: Float32Array,
  nextM: Float32Array,
  nextV: Float32Array,
  nextW: Float32Array,
  beta1: number,
  beta2: number,
  lr: number,
  eps: number,
  correction1: number,
  correction2: number,
): void {
  for (let k = 0; k < g.length; k++) {
    const mk = m[k] * beta1 + g[k] * (1 - beta1);
    const vk = v[k] * beta2 + g[k] * g[k] * (1 - beta2);
    nextM[k] = mk;
    nextV[k] = vk;
    nextW[k] = w[k] - (lr * (mk / correction1)) / (Math.sqrt(vk / correction2) + eps);
  }
}

/**
 * tfjs's Adam with its update done in one pass per variable on host backends (cpu, wasm): tfjs runs
 * about ten element-wise ops per variable, each a pass over the weights and an allocation. Same
 * state, names and order (`getWeights`/`setWeights`, checkpoints, `tf.train.adam` files), same
 * formula; results agree with tfjs to float32 rounding (tested). Other backends use tfjs's update.
 */
export class HostAdamOptimizer extends tf.AdamOptimizer {
  /** tfjs's class name, so serialised optimizers stay loadable as Adam. */
  static override get className(): string {
    return 'Adam';
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!onHostBackend()) {
      super.applyGradients(variableGradients);
      return;
    }
    const self = this as unknown as AdamInternals;
    const named = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor] as const)
      : Object.entries(variableGradients);
    const [beta1, beta2, lr, eps] = [this.beta1, this.beta2, this.learningRate, self.epsilon];
    // From the step count, not a running product: a run resumed from a checkpoint (which stores the
    // count) then uses exactly the corrections of an uninterrupted one.
    const step = this.iterations + 1;
    const correction1 = 1 - Math.pow(beta1, step);
    const correction2 = 1 - Math.pow(beta2, step);
    tf.tidy(() => {
      named.forEach(([name, gradient], i) => {
        const value = tf.engine().registeredVariables[name];
        self.accumulatedFirstMoment[i] ??= {
          originalName: `${name}/m`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        self.accumulatedSecondMoment[i] ??= {
          originalName: `${name}/v`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        if (gradient == null) return;
        const first = self.accumulatedFirstMoment[i].variable;
        const second = self.accumulatedSecondMoment[i].variable;
        const g = readFloats(gradient);
        const m = readFloats(first);
        const v = readFloats(second);
        const w = readFloats(value);
        const nextM = new Float32Array(g.length);
        const nextV = new Float32Array(g.length);
        const nextW = new Float32Array(g.length);
        adamUpdate(g, m, v, w, nextM, nextV, nextW, beta1, beta2, lr, eps, correction1, correction2);
        first.assign(tf.tensor(nextM, first.shape));
        second.assign(tf.tensor(nextV, second.shape));
        value.assign(tf.tensor(nextW, value.shape));
      });
      // tfjs's own update reads these: keep them right for a switch of backend mid-run.
      self.accBeta1.assign(tf.scalar(Math.pow(beta1, step + 1)));
      self.accBeta2.assign(tf.scalar(Math.pow(beta2, step + 1)));
    });
    self.incrementIterations();
  }
}
