/**
 * A tick's label: the shortest decimal that reads back as the value (ticks are exact decimals, see
 * `niceTicks`), in exponent notation below 1e-4 and from 1e6 up (`2e-7`, `1.5e6`).
 */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const shortest = Number(value.toPrecision(12));
  const magnitude = Math.abs(shortest);
  const text = magnitude < 1e-4 || magnitude >= 1e6 ? shortest.toExponential() : String(shortest);
  return text.replace('e+', 'e');
}

/** A value that is not a tick (a colour scale's end, say) with three significant digits. */
export function formatValue(value: number): string {
  return Number.isFinite(value) ? formatTick(Number(value.toPrecision(3))) : '';
}
