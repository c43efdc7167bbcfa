/**
 * A coordinate or size as it goes into an attribute: at most two decimals (a hundredth of a pixel is
 * finer than any screen), no `-0`. Every number the renderers write passes through here, and a
 * non-finite one is a bug upstream (the renderers drop NaN and Infinity before laying out), so it
 * throws rather than write `NaN` into the document.
 */
export function svgNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`internal: a non-finite number (${value}) reached an SVG attribute`);
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}
