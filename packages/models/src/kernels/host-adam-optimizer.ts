import * as tf from '@tensorflow/tfjs';
import { adamUpdateInPlace } from './host-adam-update';
import { onHostBackend, readFloats } from './host-kernel';

/** The parts of tfjs's AdamOptimizer this subclass reads; they are private in its typings. */
interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  epsilon: number;
  incrementIterations(): void;
}

/**
 * A variable's values to update in place, when that is safe: on the cpu backend, as a Float32Array
 * that is the backend's own storage, referenced by this variable alone (a clone or reshape shares
 * storage, and would change with it). Elsewhere (the wasm backend reads out copies) undefined.
 */
function ownValues(variable: tf.Variable): Float32Array | undefined {
  if (tf.getBackend() !== 'cpu') return undefined;
  const backend = tf.backend() as unknown as {
    refCount(dataId: tf.DataId): number;
    readSync(dataId: tf.DataId): unknown;
  };
  if (backend.refCount(variable.dataId) !== 1) return undefined;
  const values = backend.readSync(variable.dataId);
  return values instanceof Float32Array ? values : undefined;
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
    const adamStep = { learningRate: lr, beta1, beta2, epsilon: eps, correction1, correction2 };
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
        // The moments are the optimizer's own: updated in place where safe. The weights get new
        // arrays: callers may hold a weight's values (dataSync) from before the step.
        const ownM = ownValues(first);
        const ownV = ownValues(second);
        const m = ownM ?? readFloats(first).slice();
        const v = ownV ?? readFloats(second).slice();
        const nextW = new Float32Array(gradient.size);
        adamUpdateInPlace(readFloats(value), readFloats(gradient), m, v, nextW, adamStep);
        if (ownM === undefined) first.assign(tf.tensor(m, first.shape));
        if (ownV === undefined) second.assign(tf.tensor(v, second.shape));
        value.assign(tf.tensor(nextW, value.shape));
      });
      // tfjs's own update reads these: keep them right for a switch of backend mid-run.
      self.accBeta1.assign(tf.scalar(Math.pow(beta1, step + 1)));
      self.accBeta2.assign(tf.scalar(Math.pow(beta2, step + 1)));
    });
    self.incrementIterations();
  }
}
