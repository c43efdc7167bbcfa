/**
 * out[ids[r]] += values[r] for each row r of `values` [rows, width], `out` being [vocab, width]: the
 * gradient of a table whose rows were gathered by `ids` (an embedding folded into a recurrent layer's
 * input projection). Every id must be in 0..vocab−1, which the caller has checked; `out` must not
 * overlap `values`.
 */
export type SumRowsByIndex = (
  ids: Int32Array,
  values: Float32Array,
  rows: number,
  width: number,
  out: Float32Array,
) => void;
