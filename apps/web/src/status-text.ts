// The status line's words for each moment of a run.
import type { PlaygroundReply, RunOutcome } from './protocol';

/** A metric's value for people: four decimals, or three significant digits when that would show zeros. */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value === 0 || Math.abs(value) >= 0.001 ? value.toFixed(4) : value.toExponential(2);
}

/** Where a run is, after a batch: epoch and batch counts and the batch's loss. */
export function batchText(p: Extract<PlaygroundReply, { type: 'batch' }>): string {
  return `training: epoch ${p.epoch}/${p.epochs}, batch ${p.batch}/${p.batches}, loss ${formatMetric(p.loss)}`;
}

/**
 * The end of a run: whether the target was reached, the measured value and the target, e.g.
 * `parity: target reached: accuracy 0.9995 (target >= 0.99; per-step accuracy ...), 8.1 s of training`.
 */
export function outcomeText(o: RunOutcome): string {
  const verdict = o.reached ? 'target reached' : 'target not reached';
  return (
    `${o.recipe}: ${verdict}: ${o.metric} ${formatMetric(o.value)} (target ${o.goal}; ${o.description}), ` +
    `${o.seconds.toFixed(1)} s of training`
  );
}

/** The fraction of a run's batches done, for the progress bar. */
export function progressFraction(p: { epoch: number; epochs: number; batch: number; batches: number }): number {
  return ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches);
}
