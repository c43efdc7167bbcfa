// SGEMM on the module, with the native addon's signature and checks: the operands' spans are copied
// into linear memory, each product of a batch runs there, and c's span is copied back.
import { checkFloats, checkInteger, checkNumber, trapsAsErrors } from './check';
import type { Sgemm } from '@rnn/kernel-abi';
import { LinearMemory, type KernelExports } from './wasm-module';

/** The largest m, n or k. */
const maxDimension = 2 ** 31 - 1;
/** The largest stride or batch (the module's memory is at most 4 GiB). */
const maxStride = 2 ** 30;

/** The span of a batch of products, in elements: the last product's start plus its size. */
const spanOf = (batch: number, stride: number, size: number): number => (batch === 0 ? 0 : (batch - 1) * stride + size);

/** `sgemm` on the module (see {@link Sgemm}). */
export function createWasmSgemm(exports: KernelExports): Sgemm {
  const memory = new LinearMemory(exports);
  return (transA, transB, m, n, k, alpha, a, b, beta, c, batch, strideA, strideB, strideC) => {
    const fn = 'sgemm';
    if (typeof transA !== 'boolean') throw new TypeError(`@rnn/wasm ${fn}: transA must be a boolean`);
    if (typeof transB !== 'boolean') throw new TypeError(`@rnn/wasm ${fn}: transB must be a boolean`);
    checkInteger(fn, 'm', m, 0, maxDimension);
    checkInteger(fn, 'n', n, 0, maxDimension);
    checkInteger(fn, 'k', k, 0, maxDimension);
    checkNumber(fn, 'alpha', alpha);
    checkNumber(fn, 'beta', beta);
    const count = batch === undefined ? 1 : checkInteger(fn, 'batch', batch, 0, maxStride);
    const sa = strideA === undefined ? m * k : checkInteger(fn, 'strideA', strideA, 0, maxStride);
    const sb = strideB === undefined ? k * n : checkInteger(fn, 'strideB', strideB, 0, maxStride);
    const sc = strideC === undefined ? m * n : checkInteger(fn, 'strideC', strideC, 0, maxStride);
    if (count > 1 && sc < m * n) {
      throw new RangeError(`@rnn/wasm ${fn}: strideC must be at least m * n (outputs may not overlap)`);
    }
    const needA = spanOf(count, sa, m * k);
    const needB = spanOf(count, sb, k * n);
    const needC = spanOf(count, sc, m * n);
    checkFloats(fn, 'a', a, needA);
    checkFloats(fn, 'b', b, needB);
    checkFloats(fn, 'c', c, needC);
    if (count === 0 || m === 0 || n === 0) return;
    trapsAsErrors(fn, 4 * (needA + needB + needC), () => {
      memory.begin();
      const pA = memory.copyIn(a, needA);
      const pB = memory.copyIn(b, needB);
      // c is read when beta is not 0, and its gaps between products must come back unchanged.
      const dense = count === 1 || sc === m * n;
      const pC = beta === 0 && dense ? memory.block(needC) : memory.copyIn(c, needC);
      const lda = transA ? m : k;
      const ldb = transB ? k : n;
      for (let i = 0; i < count; i++) {
        exports.sgemm(
          transA ? 1 : 0,
          transB ? 1 : 0,
          m,
          n,
          k,
          alpha,
          pA + 4 * i * sa,
          lda,
          pB + 4 * i * sb,
          ldb,
          beta,
          pC + 4 * i * sc,
          n,
        );
      }
      memory.copyOut(pC, c, needC);
    });
  };
}
