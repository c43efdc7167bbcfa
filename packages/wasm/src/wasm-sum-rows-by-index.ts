// The per-token sum of an embedding's gradient on the module, with the native addon's signature and
// checks (every id inside the table, out not overlapping values): ids, values and the table are
// copied into linear memory, the rows added there, and the table copied back.
import { checkFits, checkFloats, checkInteger, checkInts, trapsAsErrors } from './check';
import type { SumRowsByIndex } from '@rnn/kernel-abi';
import { LinearMemory, type KernelExports } from './wasm-module';

/** The largest rows or width (the module addresses at most 4 GiB). */
const maxDimension = 2 ** 30;

/** Whether two typed arrays share bytes. */
function overlaps(a: Float32Array, b: Float32Array): boolean {
  if (a.buffer !== b.buffer || a.length === 0 || b.length === 0) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/**
 * `sumRowsByIndex` on the module (see {@link SumRowsByIndex}): each row added four floats at a time,
 * where V8 adds float32 elements one by one at a few ns each.
 */
export function createWasmSumRowsByIndex(exports: KernelExports): SumRowsByIndex {
  const memory = new LinearMemory(exports);
  return (ids, values, rows, width, out) => {
    const fn = 'sumRowsByIndex';
    checkInteger(fn, 'rows', rows, 0, maxDimension);
    checkInteger(fn, 'width', width, 0, maxDimension);
    checkInts(fn, 'ids', ids, rows);
    checkFloats(fn, 'values', values, rows * width);
    checkFloats(fn, 'out', out, 0);
    const vocab = width > 0 ? Math.floor(out.length / width) : 0;
    for (let r = 0; r < rows; r++) {
      if (ids[r] < 0 || ids[r] >= vocab) {
        throw new RangeError(`@rnn/wasm ${fn}: ids[${r}] = ${ids[r]} is outside out's ${vocab} rows`);
      }
    }
    if (rows > 0 && width > 0 && overlaps(values.subarray(0, rows * width), out)) {
      throw new RangeError(`@rnn/wasm ${fn}: out must not overlap values`);
    }
    const tableSize = vocab * width;
    const bytes = 4 * (rows + rows * width + tableSize);
    checkFits(fn, bytes);
    if (rows === 0 || width === 0) return;
    trapsAsErrors(fn, bytes, () => {
      memory.begin();
      const pIds = memory.copyIn(ids, rows);
      const pValues = memory.copyIn(values, rows * width);
      const pOut = memory.copyIn(out, tableSize);
      exports.sumRowsByIndex(pIds, pValues, rows, width, pOut);
      memory.copyOut(pOut, out, tableSize);
    });
  };
}
