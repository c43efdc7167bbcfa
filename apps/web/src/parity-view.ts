// The parity view: the model's probability that the bits read so far hold an odd number of ones,
// step by step, as a row of bars under the bits.
import type { RecipePrediction } from '@rnn/training';
import { escapeHtml } from './html';

const bar = (p: number) =>
  `<span class="bar" style="--p: ${p.toFixed(4)}" title="${p.toFixed(4)}"></span><span class="value">${p.toFixed(2)}</span>`;

/**
 * The model's answer to one bit string as an HTML table: the bits, the probability of odd parity
 * after each (a bar and its value) and the predicted parity; a model that gives one label per string
 * (`parity-final`) gets one column for the whole string. A malformed input shows the task's own message.
 */
export function parityTableHtml(prediction: RecipePrediction): string {
  if ('error' in prediction) return `<p class="problem" role="alert">${escapeHtml(prediction.error)}</p>`;
  const values = prediction.values ?? [];
  const bits = [...prediction.input];
  const perStep = values.length === bits.length;
  const heads = perStep ? bits.map((b) => `<td>${escapeHtml(b)}</td>`) : [`<td>${escapeHtml(prediction.input)}</td>`];
  const predicted = [...prediction.prediction].map((b) => `<td>${escapeHtml(b)}</td>`);
  return (
    `<table class="parity" data-testid="parity-table">` +
    `<caption>${perStep ? 'Probability that the bits so far hold an odd number of ones' : 'Probability that the string holds an odd number of ones'}</caption>` +
    `<tbody><tr><th scope="row">bit${perStep ? '' : 's'}</th>${heads.join('')}</tr>` +
    `<tr class="bars"><th scope="row">P(odd)</th>${values.map((p) => `<td>${bar(p)}</td>`).join('')}</tr>` +
    `<tr><th scope="row">parity</th>${predicted.join('')}</tr></tbody></table>`
  );
}
