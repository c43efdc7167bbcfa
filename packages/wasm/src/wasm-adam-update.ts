// Adam's update on the module, with the native addon's signature and checks: weights, gradient and
// both moments are copied into linear memory, updated there in one pass, and the moments and the
// new weights copied back.
import { checkFits, checkFloats, checkInteger, checkNumber, trapsAsErrors } from './check';
import type { AdamUpdate } from '@rnn/kernel-abi';
import { LinearMemory, type KernelExports } from './wasm-module';

/** The largest weight array (the module addresses at most 4 GiB). */
const maxLength = 2 ** 30;

/**
 * `adamUpdate` on the module (see {@link AdamUpdate}): float32 arithmetic four weights at a time, as
 * the C addon does, where V8 runs the portable loop one float64 weight at a time. `out` may be
 * `weights`: the module writes the new weights over its own copy, which is then copied to `out`.
 */
export function createWasmAdamUpdate(exports: KernelExports): AdamUpdate {
  const memory = new LinearMemory(exports);
  return (n, weights, gradient, firstMoment, secondMoment, out, lr, beta1, beta2, epsilon, c1, c2) => {
    const fn = 'adamUpdate';
    checkInteger(fn, 'n', n, 0, maxLength);
    checkFloats(fn, 'weights', weights, n);
    checkFloats(fn, 'gradient', gradient, n);
    checkFloats(fn, 'firstMoment', firstMoment, n);
    checkFloats(fn, 'secondMoment', secondMoment, n);
    checkFloats(fn, 'out', out, n);
    checkNumber(fn, 'learningRate', lr);
    checkNumber(fn, 'beta1', beta1);
    checkNumber(fn, 'beta2', beta2);
    checkNumber(fn, 'epsilon', epsilon);
    checkNumber(fn, 'correction1', c1);
    checkNumber(fn, 'correction2', c2);
    const bytes = 16 * n;
    checkFits(fn, bytes);
    if (n === 0) return;
    trapsAsErrors(fn, bytes, () => {
      memory.begin();
      const pWeights = memory.copyIn(weights, n);
      const pGradient = memory.copyIn(gradient, n);
      const pFirst = memory.copyIn(firstMoment, n);
      const pSecond = memory.copyIn(secondMoment, n);
      exports.adamUpdate(n, pWeights, pGradient, pFirst, pSecond, lr, beta1, beta2, epsilon, c1, c2);
      memory.copyOut(pFirst, firstMoment, n);
      memory.copyOut(pSecond, secondMoment, n);
      memory.copyOut(pWeights, out, n);
    });
  };
}
