/**
 * The transpose of a row-major rows x columns matrix, as a row-major columns x rows Float32Array.
 * Recorded hidden states are `steps x units` (one row per step, as tfjs lays them out); a heatmap of
 * them wants one row per unit.
 *
 * @example
 * transposeRowMajor([1, 2, 3, 4, 5, 6], 2, 3); // Float32Array [1, 4, 2, 5, 3, 6]
 */
export function transposeRowMajor(values: ArrayLike<number>, rows: number, columns: number): Float32Array {
  for (const [name, value] of [
    ['rows', rows],
    ['columns', columns],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be an integer >= 0, got ${value}`);
  }
  if (values?.length !== rows * columns) {
    throw new RangeError(`values must hold rows x columns = ${rows * columns} numbers, got ${values?.length}`);
  }
  const out = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c];
  }
  return out;
}
