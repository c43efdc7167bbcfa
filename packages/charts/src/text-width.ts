/**
 * About how wide a line of sans-serif text is, in pixels. There is no font engine without a browser,
 * so layouts reserve room by this estimate (0.6 em per character is a little wider than average).
 */
export function textWidth(text: string, fontSize: number): number {
  return Array.from(text).length * fontSize * 0.6;
}

/** A label shortened to `max` characters with an ellipsis, so one long name cannot widen a chart without end. */
export function truncateLabel(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}\u2026`;
}
