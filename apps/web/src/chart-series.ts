// The chart's data as training reports it: a loss per batch and the target's metric after some
// epochs, aligned on one axis of batches (the arrays uPlot draws); for a language model also the
// Markov baseline it is measured against.
import type { PlaygroundReply } from './protocol';

/** uPlot's aligned data: x values, then one array per series (null where a series has no point). */
export type AlignedSeries = [number[], ...(number | null)[][]];

/** Loss, metric, target line and (language models) Markov line of one run, as uPlot draws them. */
export class TrainingSeries {
  private readonly steps: number[] = [];
  private readonly losses: (number | null)[] = [];
  private readonly metrics: (number | null)[] = [];
  private readonly targets: (number | null)[] = [];
  private readonly baselines: (number | null)[] = [];
  private baseline: number | undefined;

  /** `target`: the metric's goal, drawn as a flat line (absent: none). */
  constructor(private readonly target?: number) {}

  /** A flat line the run is compared with (the best Markov order's bits per character), from the first step on. */
  setBaseline(value: number): void {
    this.baseline = value;
    this.baselines.fill(value);
  }

  /** One batch: its loss at its step, counted from 1 over the whole run. */
  addBatch(p: Extract<PlaygroundReply, { type: 'batch' }>): void {
    this.steps.push((p.epoch - 1) * p.batches + p.batch);
    this.losses.push(p.loss);
    this.metrics.push(null);
    this.targets.push(this.target ?? null);
    this.baselines.push(this.baseline ?? null);
  }

  /**
   * One epoch of a run folder the page opened, which records epochs, not batches: its mean loss and
   * metric at x = the epoch.
   */
  addRecordedEpoch(epoch: number, loss: number, metric?: number): void {
    this.steps.push(epoch);
    this.losses.push(loss);
    this.metrics.push(metric ?? null);
    this.targets.push(this.target ?? null);
    this.baselines.push(this.baseline ?? null);
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

  /** The arrays for `uPlot.setData`: steps, loss, metric, target, and the baseline when there is one. */
  data(): AlignedSeries {
    const drawn: AlignedSeries = [this.steps, this.losses, this.metrics, this.targets];
    return this.baseline === undefined ? drawn : [...drawn, this.baselines];
  }
}
