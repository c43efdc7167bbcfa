// The status line's words for each moment of a run.
import type { PlaygroundReply, RunOutcome } from './protocol';

/** A metric's value for people: four decimals, or three significant digits when that would show zeros. */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value === 0 || Math.abs(value) >= 0.001 ? value.toFixed(4) : value.toExponential(2);
}

/** Bits per character for people: three decimals, as `rnn train` prints them. */
export function formatBits(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : String(value);
}

/** A time budget in words: `the 2.5-minute budget`. */
function budgetText(minutes: number): string {
  return `the ${minutes}-minute budget`;
}

/**
 * Where a run is, after a batch: epoch and batch counts and the batch's loss; for a language model
 * the loss in bits per character, the speed and the share of the time budget spent.
 */
export function batchText(p: Extract<PlaygroundReply, { type: 'batch' }>, minutes?: number): string {
  if (!p.languageModel) {
    return `training: epoch ${p.epoch}/${p.epochs}, batch ${p.batch}/${p.batches}, loss ${formatMetric(p.loss)}`;
  }
  const { charsPerSecond, budgetFraction } = p.languageModel;
  const budget =
    budgetFraction !== undefined && minutes !== undefined
      ? `, ${Math.round(budgetFraction * 100)}% of ${budgetText(minutes)}`
      : '';
  return (
    `training: epoch ${p.epoch}/${p.epochs}, step ${p.batch}/${p.batches}, loss ${formatBits(p.loss)} bits/char, ` +
    `${Math.round(charsPerSecond).toLocaleString('en-US')} chars/s${budget}`
  );
}

/** Where a paused run stopped: after an epoch, or (a language model) after a step of one. */
export function pausedText(p: Extract<PlaygroundReply, { type: 'paused' }>, epochs: number | undefined): string {
  const where =
    p.batch !== undefined && p.batches !== undefined && p.batch < p.batches
      ? `paused at step ${p.batch}/${p.batches} of epoch ${p.epoch}/${epochs}`
      : `paused after epoch ${p.epoch}/${epochs}`;
  return `${where}: press Resume to go on.`;
}

/** What the end of a language model run measures, when the last step is done. */
export const languageModelMeasuringText = 'scoring the validation and test text in bits per character…';

/**
 * The end of a run: whether the target was reached, the measured value and the target, e.g.
 * `parity: target reached: accuracy 0.9995 (target >= 0.99; per-step accuracy ...), 8.1 s of training`.
 * A language model's line puts the best Markov order beside it and says why training ended.
 */
export function outcomeText(o: RunOutcome): string {
  const verdict = o.reached ? 'target reached' : 'target not reached';
  const lm = o.languageModel;
  if (!lm) {
    return (
      `${o.recipe}: ${verdict}: ${o.metric} ${formatMetric(o.value)} (target ${o.goal}; ${o.description}), ` +
      `${o.seconds.toFixed(1)} s of training`
    );
  }
  const markov = lm.markov
    ? `; Markov order ${lm.markov.order}: ${formatBits(lm.markov.validationBitsPerChar)} bits/char, ` +
      `the network ${formatBits(Math.abs(o.value - lm.markov.validationBitsPerChar))} ` +
      `${o.value < lm.markov.validationBitsPerChar ? 'below' : 'above'} it`
    : '';
  const ended =
    lm.stoppedBy === 'minutes' && lm.minutes !== undefined
      ? `${budgetText(lm.minutes)} ended it after ${lm.steps}/${lm.plannedSteps} steps`
      : `${lm.steps}/${lm.plannedSteps} steps`;
  return (
    `${o.recipe}: ${verdict}: validation ${formatBits(o.value)} bits/char (target ${o.goal}; ${o.description})` +
    `${markov}; test ${formatBits(lm.testBitsPerChar)} bits/char; ${ended}, ${o.seconds.toFixed(1)} s of training`
  );
}

/**
 * The fraction of a run done, for the progress bar: its batches, or the share of a language model's
 * time budget spent when that is further along (the budget ends the run first).
 */
export function progressFraction(p: {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  languageModel?: { budgetFraction?: number };
}): number {
  const steps = ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches);
  return Math.max(steps, p.languageModel?.budgetFraction ?? 0);
}
