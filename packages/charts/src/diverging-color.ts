/** The colour of the most negative value of a diverging scale (a blue). */
export const negativeColor = '#2166ac';
/** The colour of 0 on a diverging scale. */
export const zeroColor = '#ffffff';
/** The colour of the most positive value of a diverging scale (a red). */
export const positiveColor = '#b2182b';
/** The colour of a cell whose value is NaN or infinite. */
export const missingColor = '#bdbdbd';

const channels = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const [negative, zero, positive] = [negativeColor, zeroColor, positiveColor].map(channels);

/**
 * The colour of `value` on a diverging scale centred on 0: white at 0, blending linearly to blue at
 * -limit and to red at +limit, and clamped beyond. NaN and ±Infinity get {@link missingColor}.
 *
 * @example
 * divergingColor(-2, 2); // '#2166ac'
 * divergingColor(0, 2); // '#ffffff'
 */
export function divergingColor(value: number, limit: number): string {
  if (!(limit > 0) || !Number.isFinite(limit)) {
    throw new RangeError(`colour scale limit must be a finite number > 0, got ${limit}`);
  }
  if (!Number.isFinite(value)) return missingColor;
  const t = Math.min(1, Math.abs(value) / limit);
  const end = value < 0 ? negative : positive;
  return `#${zero
    .map((c, i) =>
      Math.round(c + (end[i] - c) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
