/**
 * Line colours, in the order series get them: Tableau's ten, distinct from one another and readable
 * by most colour-blind viewers. Series past the tenth reuse them in order.
 */
export const seriesColors: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** The colour of the series at `index` (0-based). */
export function seriesColor(index: number): string {
  return seriesColors[((index % seriesColors.length) + seriesColors.length) % seriesColors.length];
}
