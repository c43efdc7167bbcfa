// Small conversions used by the generators' `decode`: what a person reads, not what a model eats.
import { checkInteger } from '../validate';

/**
 * A float32 value rounded to 6 decimals, so float32 noise (0.30901700258255005, 3.7e-16 for a zero
 * of a sine) does not reach people; negative zero prints as 0.
 */
export function readable(x: number): number {
  return Math.round(x * 1e6) / 1e6 + 0;
}

/** The real steps of a `[.., steps, 1]` float row as readable numbers. */
export function readableRow(data: Float32Array, offset: number, count: number): number[] {
  const out = new Array<number>(count);
  for (let t = 0; t < count; t++) out[t] = readable(data[offset + t]);
  return out;
}

/** Bits as a string of digits, e.g. `"01101"`. */
export function bitString(values: ArrayLike<number>, offset: number, count: number): string {
  let s = '';
  for (let t = 0; t < count; t++) s += values[offset + t] ? '1' : '0';
  return s;
}

/** Checks an example index for `decode`. */
export function checkIndex(where: string, index: number, size: number): void {
  checkInteger(`${where}.decode`, 'index', index, 0, size - 1);
}

/** An Int32Array filled with `value`. */
export function filledInt32(n: number, value: number): Int32Array {
  return new Int32Array(n).fill(value);
}
