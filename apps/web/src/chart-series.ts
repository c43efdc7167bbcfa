// The chart's data as training reports it: a loss per batch and the target's metric after some
// epochs, aligned on one axis of batches (the arrays uPlot draws).
import type { PlaygroundReply } from './protocol';

/** uPlot's aligned data: x values, then one array per series (null where a series has no point). */
export type AlignedSeries = [number[], (number | null)[], (number | null)[], (number | null)[]];

/** Loss, metric and target line of one run, as uPlot draws them. */
export class TrainingSeries {
  private readonly steps: number[] = [];
  private readonly losses: (number | null)[] = [];
  private readonly metrics: (number | null)[] = [];
  private readonly targets: (number | null)[] = [];

  /** `target`: the metric's goal, drawn as a flat line (absent: none). */
  constructor(private readonly target?: number) {}

  /** One batch: its loss at its step, counted from 1 over the whole run. */
  addBatch(p: Extract<PlaygroundReply, { type: 'batch' }>): void {
    this.steps.push((p.epoch - 1) * p.batches + p.batch);
    this.losses.push(p.loss);
    this.metrics.push(null);
    this.targets.push(this.target ?? null);
  }

  /** One epoch: its measured metric at the epoch's last step, when it was measured. */
  addEpoch(p: Extract<PlaygroundReply, { type: 'epoch' }>): void {
    if (p.metric === undefined || this.metrics.length === 0) return;
    this.metrics[this.metrics.length - 1] = p.metric;
  }

  /** How many batches are drawn. */
  get length(): number {
    return this.steps.length;
  }

  /** The arrays for `uPlot.setData`. */
  data(): AlignedSeries {
    return [this.steps, this.losses, this.metrics, this.targets];
  }
}
