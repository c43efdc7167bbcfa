import { svgNumber } from './svg-number';

/**
 * The `d` of a `<path>` through points in order, lifting the pen at each `undefined` (a NaN or an
 * infinite value the caller dropped), so a gap shows as a gap instead of a line across it. A point
 * alone between gaps becomes a zero-length segment, which a round line cap draws as a dot. Empty
 * when there is no point.
 */
export function polylinePath(points: Iterable<readonly [number, number] | undefined>): string {
  const parts: string[] = [];
  let run = 0;
  for (const point of points) {
    if (point === undefined) {
      if (run === 1) parts.push('h0');
      run = 0;
      continue;
    }
    parts.push(`${run === 0 ? 'M' : 'L'}${svgNumber(point[0])} ${svgNumber(point[1])}`);
    run += 1;
  }
  if (run === 1) parts.push('h0');
  return parts.join('');
}
