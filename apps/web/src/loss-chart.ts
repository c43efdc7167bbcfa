// The live chart of a run: the loss of every batch on the left axis, the target's metric after
// measured epochs and its goal on the right.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AlignedSeries } from './chart-series';
import type { RecipeCard } from './protocol';

const height = 260;

/** One uPlot chart in `container`, redrawn at most once a frame however often data arrives. */
export class LossChart {
  private plot: uPlot | undefined;
  private pending: AlignedSeries | undefined;
  private frame = 0;

  constructor(private readonly container: HTMLElement) {
    window.addEventListener('resize', () => this.plot?.setSize({ width: this.width(), height }));
  }

  /** Starts an empty chart for a run of `card`'s recipe. */
  reset(card: RecipeCard): void {
    this.plot?.destroy();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pending = undefined;
    const { metric } = card.target;
    // Scores in [0, 1] keep that range, so a curve's climb reads the same in every run.
    const bounded = card.target.atLeast !== undefined;
    this.plot = new uPlot(
      {
        width: this.width(),
        height,
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
      },
      [[], [], [], []],
      this.container,
    );
  }

  /** Draws `data` at the next frame (the series keeps growing; only the latest is drawn). */
  update(data: AlignedSeries): void {
    this.pending = data;
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.pending) this.plot?.setData(this.pending as uPlot.AlignedData);
    });
  }

  private width(): number {
    return Math.max(320, this.container.clientWidth);
  }
}
