import { escapeHtml } from './escape-html';

/** One fresh example beside a model's answer, in the task's printed text forms. */
export interface ExampleRow {
  readonly input: string;
  readonly expected: string;
  /** The model's answer, or the reason it could not answer. */
  readonly predicted: string;
  readonly correct: boolean;
}

/** The fresh examples as a table: input, expected, predicted and a mark, with the count right. */
export function examplesTableHtml(rows: readonly ExampleRow[]): string {
  const right = rows.filter((r) => r.correct).length;
  const body = rows
    .map(
      (r) =>
        `<tr class="${r.correct ? 'right' : 'wrong'}"><td><code>${escapeHtml(r.input)}</code></td>` +
        `<td><code>${escapeHtml(r.expected)}</code></td><td><code>${escapeHtml(r.predicted)}</code></td>` +
        `<td class="mark" aria-label="${r.correct ? 'right' : 'wrong'}">${r.correct ? '✓' : '✗'}</td></tr>`,
    )
    .join('');
  return (
    `<table class="examples" data-testid="examples-table">` +
    `<caption>${right} of ${rows.length} fresh examples right</caption>` +
    `<thead><tr><th scope="col">input</th><th scope="col">expected</th><th scope="col">predicted</th><th scope="col"></th></tr></thead>` +
    `<tbody>${body}</tbody></table>`
  );
}
