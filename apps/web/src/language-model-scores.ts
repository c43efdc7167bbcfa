// The table a character model is judged by: its bits per character beside the best Markov order's,
// on the same validation and test text, with the target.
import { escapeHtml } from '@rnn/views';
import type { CorpusFacts } from './protocol';
import { formatBits } from './status-text';

/** One model's row: its name and its scores (absent while it trains). */
export interface ScoreRow {
  readonly model: string;
  readonly validationBitsPerChar?: number;
  readonly testBitsPerChar?: number;
}

/** What the table shows. */
export interface LanguageModelScores {
  readonly corpus: CorpusFacts;
  readonly rows: readonly ScoreRow[];
  /** The target in symbols, e.g. `<= 2.35`. */
  readonly goal: string;
}

const cell = (value: number | undefined) => `<td>${value === undefined ? '…' : formatBits(value)}</td>`;

/**
 * The scores as an HTML table, one row per model, in bits per character (lower is better), under a
 * line naming the corpus and the sizes of the parts both models share.
 */
export function languageModelScoresHtml(scores: LanguageModelScores): string {
  const { corpus } = scores;
  const sizes = [corpus.characters, corpus.train, corpus.validation, corpus.test].map((n) => n.toLocaleString('en-US'));
  const rows = scores.rows
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(row.model)}</th>${cell(row.validationBitsPerChar)}${cell(row.testBitsPerChar)}</tr>`,
    )
    .join('');
  return (
    `<p>Bits per character (lower is better) on ${escapeHtml(corpus.name)}: ${sizes[0]} characters, ` +
    `${sizes[1]} to train on, ${sizes[2]} to validate and choose the Markov order, ${sizes[3]} to test. ` +
    `Target: validation ${escapeHtml(scores.goal)}.</p>` +
    `<table class="scores"><thead><tr><th>model</th><th>validation</th><th>test</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`
  );
}
