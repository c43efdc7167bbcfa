import { clampForLayout, layoutLimit } from './layout-range';

/** Tick positions along an axis, and the domain they cover. */
export interface Ticks {
  /** The first tick: at or below the smallest value asked for. */
  readonly min: number;
  /** The last tick: at or above the largest value asked for. */
  readonly max: number;
  /** The distance between neighbouring ticks (for logarithmic ticks, 0: they are not evenly spaced). */
  readonly step: number;
  /** Every tick, ascending. */
  readonly ticks: readonly number[];
}

/** Options of {@link niceTicks}. */
export interface NiceTickOptions {
  /** About how many intervals to aim for (integer >= 1); default 5. There may be up to count + 2. */
  readonly count?: number;
  /** Steps of at least 1, for counts such as time steps and units; default false. */
  readonly integer?: boolean;
}

// Ticks are built as decimal strings (`${k * multiple}e${exponent}`), so 0.1 * 3 is 0.3 and not
// 0.30000000000000004 in the labels.
const decimal = (mantissa: number, exponent: number): number => Number(`${mantissa}e${exponent}`);

function checkRange(min: number, max: number): void {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new RangeError(`tick range must be finite numbers with min <= max, got min ${min}, max ${max}`);
  }
}

/**
 * Evenly spaced ticks at "nice" numbers, a step of 1, 2 or 5 times a power of ten, that cover the
 * range from min to max: the first tick is at or below min and the last at or above max. An empty range (min ===
 * max) is widened around its value, so constant data still gets an axis.
 *
 * @example
 * niceTicks(0.13, 0.87).ticks; // [0, 0.2, 0.4, 0.6, 0.8, 1]
 * niceTicks(0, 199, { integer: true }).ticks; // [0, 50, 100, 150, 200]
 */
export function niceTicks(min: number, max: number, options: NiceTickOptions = {}): Ticks {
  checkRange(min, max);
  const count = options.count ?? 5;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`tick count must be an integer >= 1, got ${count}`);
  let lo = clampForLayout(min);
  let hi = clampForLayout(max);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const rough = (hi - lo) / count;
  let exponent = Math.floor(Math.log10(rough));
  const residual = rough / decimal(1, exponent);
  let multiple = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
  if (multiple === 10) {
    multiple = 1;
    exponent += 1;
  }
  if (options.integer && exponent < 0) {
    multiple = 1;
    exponent = 0;
  }
  const step = decimal(multiple, exponent);
  let first = Math.floor(lo / step);
  let last = Math.ceil(hi / step);
  // Division rounds: make sure the ends really cover the range.
  while (decimal(first * multiple, exponent) > lo) first -= 1;
  while (decimal(last * multiple, exponent) < hi) last += 1;
  const ticks: number[] = [];
  for (let k = first; k <= last && ticks.length < 1000; k++) {
    const tick = decimal(k * multiple, exponent);
    if (ticks.length === 0 || tick > ticks[ticks.length - 1]) ticks.push(tick === 0 ? 0 : tick);
  }
  return { min: ticks[0], max: ticks[ticks.length - 1], step, ticks };
}

/** The exponent of the largest power of ten at or below a positive value, exact at powers of ten. */
function decadeBelow(value: number): number {
  let exponent = Math.floor(Math.log10(value));
  if (decimal(1, exponent + 1) <= value) exponent += 1;
  if (decimal(1, exponent) > value) exponent -= 1;
  return exponent;
}

/**
 * Ticks for a logarithmic axis over [min, max] (both > 0): the powers of ten around the range, with
 * 2 and 5 times them when it spans two decades or less, and every few decades when it spans more
 * than ten. The domain runs from a power of ten to a power of ten.
 *
 * @example
 * logTicks(0.3, 2.4).ticks; // [0.1, 0.2, 0.5, 1, 2, 5, 10]
 * logTicks(0.003, 2.4).ticks; // [0.001, 0.01, 0.1, 1, 10]
 */
export function logTicks(min: number, max: number): Ticks {
  checkRange(min, max);
  if (!(min > 0)) throw new RangeError(`logarithmic tick range must be positive, got min ${min}`);
  const lo = decadeBelow(Math.max(1 / layoutLimit, min));
  const top = Math.min(layoutLimit, max);
  let hi = decadeBelow(top);
  if (decimal(1, hi) < top || hi === lo) hi += 1;
  const decades = hi - lo;
  const mantissas = decades <= 2 ? [1, 2, 5] : [1];
  const every = Math.ceil(decades / 10);
  const ticks: number[] = [];
  for (let exponent = lo; exponent <= hi; exponent += every) {
    for (const mantissa of mantissas) {
      if (exponent === hi && mantissa > 1) break;
      ticks.push(decimal(mantissa, exponent));
    }
  }
  if (ticks[ticks.length - 1] < decimal(1, hi)) ticks.push(decimal(1, hi));
  return { min: ticks[0], max: ticks[ticks.length - 1], step: 0, ticks };
}
