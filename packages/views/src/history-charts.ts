import { lineChartSvg, svgRow, type LineSeries } from '@rnn/charts';

/** One epoch of a run's history, as {@link historyChartsSvg} draws it. */
export interface HistoryEpoch {
  readonly epoch: number;
  /** The training loss of the epoch (mean per real target step). */
  readonly loss: number;
  /** The loss on held-out data after the epoch, where the run measured one. */
  readonly validationLoss?: number;
  /** The target's metric on fresh data after the epoch, where the run measured it. */
  readonly metric?: number;
}

/** A run's history and what its numbers mean. */
export interface HistoryCurves {
  /** What the loss is, e.g. `cross-entropy` or `bits per character`: the loss chart's axis. */
  readonly lossLabel: string;
  readonly epochs: readonly HistoryEpoch[];
  /** A loss another model reaches on the same held-out data (the Markov baseline), drawn across. */
  readonly baseline?: { readonly name: string; readonly loss: number };
  /** The metric the run's target is measured by, and the target. */
  readonly metric?: { readonly name: string; readonly atLeast?: number; readonly atMost?: number };
  /** A title before each chart's own, e.g. the recipe's name. */
  readonly title?: string;
}

const across = (name: string, value: number, epochs: readonly HistoryEpoch[]): LineSeries => ({
  name,
  points: [
    [epochs[0].epoch, value],
    [epochs[epochs.length - 1].epoch, value],
  ],
  dashed: true,
  color: '#777777',
});

function checkCurves(curves: HistoryCurves): void {
  if (!Array.isArray(curves?.epochs) || curves.epochs.length === 0) {
    throw new RangeError('epochs must hold at least one epoch record');
  }
  curves.epochs.forEach((e, i) => {
    if (!Number.isFinite(e?.epoch)) throw new RangeError(`epochs[${i}].epoch must be a finite number, got ${e?.epoch}`);
  });
}

/** The size of each chart of a history, in pixels. */
export interface HistoryChartSize {
  readonly width?: number;
  readonly height?: number;
}

/**
 * A run's history as pictures: the loss per epoch (training and, where measured, held-out; on a
 * logarithmic axis, with the baseline across), and, where the run measured its target's metric
 * after epochs, that metric with the target across. SVG documents one after the other, for a page.
 */
export function historyChartsSvg(curves: HistoryCurves, size: HistoryChartSize = {}): string {
  return historyCharts(curves, size).join('');
}

/** The same pictures as {@link historyChartsSvg}, side by side in one SVG document: for a file. */
export function historySvg(curves: HistoryCurves, size: HistoryChartSize = {}): string {
  return svgRow(historyCharts(curves, size));
}

function historyCharts(curves: HistoryCurves, size: HistoryChartSize): string[] {
  checkCurves(curves);
  const { epochs, metric, baseline } = curves;
  const prefix = curves.title ? `${curves.title}: ` : '';
  const width = size.width ?? 560;
  const height = size.height ?? 300;
  const validation = epochs.filter((e) => e.validationLoss !== undefined);
  const loss = lineChartSvg({
    title: `${prefix}loss per epoch`,
    xLabel: 'epoch',
    yLabel: curves.lossLabel,
    logY: true,
    width,
    height,
    series: [
      { name: 'training', points: epochs.map((e): [number, number] => [e.epoch, e.loss]) },
      ...(validation.length > 0
        ? [{ name: 'validation', points: validation.map((e): [number, number] => [e.epoch, e.validationLoss ?? NaN]) }]
        : []),
      ...(baseline ? [across(baseline.name, baseline.loss, epochs)] : []),
    ],
  });
  const measured = epochs.filter((e) => e.metric !== undefined);
  if (metric === undefined || measured.length === 0) return [loss];
  const goal = metric.atLeast ?? metric.atMost;
  const metricChart = lineChartSvg({
    title: `${prefix}${metric.name} on fresh data`,
    xLabel: 'epoch',
    yLabel: metric.name,
    // Errors span decades as a model learns; rates do not.
    logY: metric.atMost !== undefined,
    width,
    height,
    series: [
      { name: metric.name, points: measured.map((e): [number, number] => [e.epoch, e.metric ?? NaN]) },
      ...(goal !== undefined
        ? [across(`target ${metric.atLeast !== undefined ? '>=' : '<='} ${goal}`, goal, epochs)]
        : []),
    ],
  });
  return [loss, metricChart];
}
