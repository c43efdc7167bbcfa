// Binary cross-entropy on the module, with the native addon's signature and checks: logits, targets
// and mask are copied into linear memory, every element's loss and gradient computed there, and the
// gradient copied back.
import { checkFits, checkFloats, checkInteger, trapsAsErrors } from './check';
import type { BinaryCrossEntropy } from '@rnn/kernel-abi';
import { LinearMemory, type KernelExports } from './wasm-module';

/** The largest n (the module addresses at most 4 GiB). */
const maxLength = 2 ** 30;

/**
 * `binaryCrossEntropy` on the module (see {@link BinaryCrossEntropy}): the portable kernel's
 * semantics (a masked element gets a gradient of 0 and adds nothing), four elements at a time with
 * e^-|z| from the fused recurrences' vector polynomial, where the portable loop pays for V8's
 * Math.exp and Math.log1p on every element.
 */
export function createWasmBinaryCrossEntropy(exports: KernelExports): BinaryCrossEntropy {
  const memory = new LinearMemory(exports);
  return (n, logits, targets, mask, grad) => {
    const fn = 'binaryCrossEntropy';
    checkInteger(fn, 'n', n, 0, maxLength);
    checkFloats(fn, 'logits', logits, n);
    checkFloats(fn, 'targets', targets, n);
    checkFloats(fn, 'mask', mask, n);
    checkFloats(fn, 'grad', grad, n);
    const bytes = 16 * n;
    checkFits(fn, bytes);
    if (n === 0) return 0;
    let total = 0;
    trapsAsErrors(fn, bytes, () => {
      memory.begin();
      const pLogits = memory.copyIn(logits, n);
      const pTargets = memory.copyIn(targets, n);
      const pMask = memory.copyIn(mask, n);
      // Every value of grad is written (zeros where the mask is 0): nothing to copy in.
      const pGrad = memory.block(n);
      total = exports.binaryCrossEntropy(n, pLogits, pTargets, pMask, pGrad);
      memory.copyOut(pGrad, grad, n);
    });
    return total;
  };
}
