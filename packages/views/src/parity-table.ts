import { escapeHtml } from './escape-html';

/** A parity model's answer to one bit string, or the task's message on a malformed one. */
export type ParityAnswer =
  | {
      readonly input: string;
      /** The predicted parity: one bit per step, or one for the whole string. */
      readonly prediction: string;
      /** The probability of odd parity: after each bit, or of the whole string. */
      readonly values?: readonly number[];
    }
  | { readonly input: string; readonly error: string };

const bar = (p: number) =>
  `<span class="bar" style="--p: ${p.toFixed(4)}" title="${p.toFixed(4)}"></span><span class="value">${p.toFixed(2)}</span>`;

/**
 * A parity model's answer to one bit string as an HTML table: the bits, the probability of odd
 * parity after each (a bar, its height set by the `--p` custom property, and its value) and the
 * predicted parity; a model that gives one label per string (`parity-final`) gets one column for
 * the whole string. A malformed input shows the task's own message.
 */
export function parityTableHtml(answer: ParityAnswer): string {
  if ('error' in answer) return `<p class="problem" role="alert">${escapeHtml(answer.error)}</p>`;
  const values = answer.values ?? [];
  const bits = [...answer.input];
  const perStep = values.length === bits.length;
  const heads = perStep ? bits.map((b) => `<td>${escapeHtml(b)}</td>`) : [`<td>${escapeHtml(answer.input)}</td>`];
  const predicted = [...answer.prediction].map((b) => `<td>${escapeHtml(b)}</td>`);
  return (
    `<table class="parity" data-testid="parity-table">` +
    `<caption>${perStep ? 'Probability that the bits so far hold an odd number of ones' : 'Probability that the string holds an odd number of ones'}</caption>` +
    `<tbody><tr><th scope="row">bit${perStep ? '' : 's'}</th>${heads.join('')}</tr>` +
    `<tr class="bars"><th scope="row">P(odd)</th>${values.map((p) => `<td>${bar(p)}</td>`).join('')}</tr>` +
    `<tr><th scope="row">parity</th>${predicted.join('')}</tr></tbody></table>`
  );
}
