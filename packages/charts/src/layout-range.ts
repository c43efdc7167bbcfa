/**
 * The largest magnitude the renderers lay out. Finite values beyond it are drawn at it: that keeps
 * every difference and nice-tick bound finite (1e308 - -1e308 is Infinity), and no real chart needs more.
 */
export const layoutLimit = 1e300;

/** A value clamped to ±{@link layoutLimit}. */
export function clampForLayout(value: number): number {
  return Math.min(layoutLimit, Math.max(-layoutLimit, value));
}

/** The smallest and largest finite values (clamped for layout), or undefined when there are none. */
export function finiteExtent(values: Iterable<number>): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const v = clampForLayout(value);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}

/**
 * Maps [domainMin, domainMax] linearly onto [rangeStart, rangeEnd] (the range may run backwards, as a
 * y axis does). An empty domain maps everything to the middle of the range instead of dividing by zero.
 */
export function linearScale(
  domainMin: number,
  domainMax: number,
  rangeStart: number,
  rangeEnd: number,
): (value: number) => number {
  const span = domainMax - domainMin;
  if (!(span > 0)) return () => (rangeStart + rangeEnd) / 2;
  const factor = (rangeEnd - rangeStart) / span;
  return (value) => rangeStart + (clampForLayout(value) - domainMin) * factor;
}
