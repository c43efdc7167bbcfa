// Softmax cross-entropy on the module, with the native addon's signature and checks: logits, targets
// and mask are copied into linear memory, every row's probabilities computed there, and probs copied
// back.
import { checkFits, checkFloats, checkInteger, checkInts, trapsAsErrors } from './check';
import type { SoftmaxCrossEntropy } from '@rnn/kernel-abi';
import { LinearMemory, type KernelExports } from './wasm-module';

/** The largest rows or classes (the module addresses at most 4 GiB). */
const maxDimension = 2 ** 30;

/**
 * `softmaxCrossEntropy` on the module (see {@link SoftmaxCrossEntropy}): the portable kernel's
 * semantics (a row with a zero mask or a target outside 0..classes-1 gets zero probabilities and adds
 * nothing), with e^x as the fused recurrences' vector polynomial instead of V8's Math.exp, which
 * costs ~30 ns a call when a character model's batch needs 200,000.
 */
export function createWasmSoftmaxCrossEntropy(exports: KernelExports): SoftmaxCrossEntropy {
  const memory = new LinearMemory(exports);
  return (rows, classes, logits, targets, mask, probs) => {
    const fn = 'softmaxCrossEntropy';
    checkInteger(fn, 'rows', rows, 0, maxDimension);
    checkInteger(fn, 'classes', classes, 1, maxDimension);
    const cells = rows * classes;
    checkFloats(fn, 'logits', logits, cells);
    checkInts(fn, 'targets', targets, rows);
    checkFloats(fn, 'mask', mask, rows);
    checkFloats(fn, 'probs', probs, cells);
    const bytes = 4 * (2 * cells + 2 * rows);
    checkFits(fn, bytes);
    if (rows === 0) return 0;
    let total = 0;
    trapsAsErrors(fn, bytes, () => {
      memory.begin();
      const pLogits = memory.copyIn(logits, cells);
      const pTargets = memory.copyIn(targets, rows);
      const pMask = memory.copyIn(mask, rows);
      // Every value of probs is written (zeros on rows not counted): nothing to copy in.
      const pProbs = memory.block(cells);
      total = exports.softmaxCrossEntropy(rows, classes, pLogits, pTargets, pMask, pProbs);
      memory.copyOut(pProbs, probs, cells);
    });
    return total;
  };
}
