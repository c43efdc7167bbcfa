// The live chart of a run. A task recipe: the loss of every batch on the left axis, the target's
// metric after measured epochs and its goal on the right. A character language model: everything in
// bits per character on one axis, so the curves compare: the training loss of every step, the
// validation text's after each epoch, the target and the best Markov order.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AlignedSeries } from './chart-series';
import type { RecipeCard } from './protocol';

const height = 260;

/** The Markov baseline a language model's chart draws: which order, and its bits per character. */
export interface ChartBaseline {
  readonly order: number;
  readonly bitsPerChar: number;
}

/** One uPlot chart in `container`, redrawn at most once a frame however often data arrives. */
export class LossChart {
  private plot: uPlot | undefined;
  private pending: AlignedSeries | undefined;
  private frame = 0;

  constructor(private readonly container: HTMLElement) {
    window.addEventListener('resize', () => this.plot?.setSize({ width: this.width(), height }));
  }

  /**
   * Starts an empty chart for a run of `card`'s recipe (a language model's with its baseline, once
   * known). `x` names the horizontal axis: batches (steps) while training, epochs for an opened run.
   */
  reset(card: RecipeCard, baseline?: ChartBaseline, x?: string): void {
    this.plot?.destroy();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pending = undefined;
    const options = card.kind === 'language-model' ? languageModelOptions(card, baseline) : taskOptions(card);
    if (x !== undefined) {
      options.series[0] = { ...options.series[0], label: x };
      if (options.axes) options.axes[0] = { ...options.axes[0], label: x };
    }
    const empty = options.series.map(() => []) as unknown as uPlot.AlignedData;
    this.plot = new uPlot({ width: this.width(), height, ...options }, empty, this.container);
  }

  /** Draws `data` at the next frame (the series keeps growing; only the latest is drawn). */
  update(data: AlignedSeries): void {
    this.pending = data;
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const plot = this.plot;
      // A series the chart does not draw yet (the baseline before it is known) is left out.
      if (plot && this.pending) plot.setData(this.pending.slice(0, plot.series.length) as uPlot.AlignedData);
    });
  }

  private width(): number {
    return Math.max(320, this.container.clientWidth);
  }
}

type ChartOptions = Pick<uPlot.Options, 'legend' | 'scales' | 'series' | 'axes'>;

function taskOptions(card: RecipeCard): ChartOptions {
  const { metric } = card.target;
  // Scores in [0, 1] keep that range, so a curve's climb reads the same in every run.
  const bounded = card.target.atLeast !== undefined;
  return {
    // The values under the cursor would only repeat the status line; the legend names the lines.
    legend: { live: false },
    scales: {
      x: { time: false },
      loss: { auto: true },
      metric: bounded ? { auto: false, range: [0, 1] } : { auto: true },
    },
    series: [
      { label: 'batch' },
      { label: 'loss', scale: 'loss', stroke: '#1f5fa8', width: 1 },
      {
        label: `${metric} (held out)`,
        scale: 'metric',
        stroke: '#c0392b',
        width: 2,
        spanGaps: true,
        points: { show: true, size: 5 },
      },
      { label: `target ${card.target.goal}`, scale: 'metric', stroke: '#27863f', width: 1, dash: [6, 4] },
    ],
    axes: [
      { label: 'batch' },
      { scale: 'loss', label: 'loss' },
      { scale: 'metric', label: metric, side: 1, grid: { show: false } },
    ],
  };
}

function languageModelOptions(card: RecipeCard, baseline: ChartBaseline | undefined): ChartOptions {
  const series: uPlot.Series[] = [
    { label: 'step' },
    { label: 'training bits/char', scale: 'bits', stroke: '#1f5fa8', width: 1 },
    {
      label: 'validation bits/char',
      scale: 'bits',
      stroke: '#c0392b',
      width: 2,
      spanGaps: true,
      points: { show: true, size: 5 },
    },
    { label: `target ${card.target.goal}`, scale: 'bits', stroke: '#27863f', width: 1, dash: [6, 4] },
  ];
  if (baseline) {
    series.push({
      label: `Markov order ${baseline.order} (${baseline.bitsPerChar.toFixed(3)})`,
      scale: 'bits',
      stroke: '#8e44ad',
      width: 1,
      dash: [2, 3],
    });
  }
  return {
    legend: { live: false },
    scales: { x: { time: false }, bits: { auto: true } },
    series,
    axes: [{ label: 'step' }, { scale: 'bits', label: 'bits per character' }],
  };
}
