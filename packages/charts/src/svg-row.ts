import { svgDocument } from './svg-element';
import { svgNumber } from './svg-number';

const rootTag = /^<svg\b[^>]*>/;

/** The width and height a chart of this package gives its document element. */
function sizeOf(document: string, index: number): { width: number; height: number } {
  const tag = rootTag.exec(document)?.[0];
  const width = Number(/\swidth="([^"]+)"/.exec(tag ?? '')?.[1]);
  const height = Number(/\sheight="([^"]+)"/.exec(tag ?? '')?.[1]);
  if (tag === undefined || !(width > 0) || !(height > 0)) {
    throw new RangeError(
      `documents[${index}] must be an SVG document with a width and a height, as the charts here write`,
    );
  }
  return { width, height };
}

/**
 * Several SVG documents (charts of this package) side by side in one SVG document, left to right
 * with `gap` pixels between them, top-aligned: one file for pictures that belong together, such as
 * a run's loss and its metric.
 */
export function svgRow(documents: readonly string[], gap = 16): string {
  if (!Array.isArray(documents) || documents.length === 0) throw new RangeError('documents must hold at least one SVG');
  if (!(Number.isFinite(gap) && gap >= 0)) throw new RangeError(`gap must be a finite number >= 0, got ${gap}`);
  let x = 0;
  let height = 0;
  const placed = documents.map((document, i) => {
    const size = sizeOf(document, i);
    const at = x;
    x += size.width + gap;
    height = Math.max(height, size.height);
    // A nested <svg> is its own viewport: moved by its x attribute, its content untouched.
    return document.replace(rootTag, (tag: string) => tag.replace(/^<svg\b/, `<svg x="${svgNumber(at)}" y="0"`));
  });
  return svgDocument(x - gap, height, placed);
}
