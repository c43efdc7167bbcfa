import type { SumRowsByIndex } from '@rnn/kernel-abi';

/** The portable per-token sum of an embedding's gradient: one row added at a time. */
export const jsSumRowsByIndex: SumRowsByIndex = (ids, values, rows, width, out) => {
  for (let row = 0; row < rows; row++) {
    const to = ids[row] * width;
    const from = row * width;
    for (let j = 0; j < width; j++) out[to + j] += values[from + j];
  }
};
