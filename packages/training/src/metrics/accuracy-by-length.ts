import { checkInteger, type Dataset } from '@rnn/datasets';
import type { RecurrentModel } from '@rnn/models';
import { evaluate } from '../fit/evaluate';

/** What {@link accuracyByLength} measured. */
export interface LengthAccuracy {
  /** The lowest accuracy over the lengths, and the length where it was. */
  readonly worst: { readonly length: number; readonly accuracy: number };
  /** Accuracy at each length, shortest first. */
  readonly byLength: readonly { readonly length: number; readonly accuracy: number }[];
}

/**
 * Accuracy measured separately at every sequence length from `shortest` to `longest`, each on its own
 * fresh data set (`dataAt(length)`). A model that has learned a rule holds it at every length,
 * lengths it never saw included; an average over mixed lengths would hide the one length it fails.
 */
export function accuracyByLength(
  model: RecurrentModel,
  dataAt: (length: number) => Dataset,
  [shortest, longest]: readonly [number, number],
): LengthAccuracy {
  checkInteger('accuracyByLength', 'shortest length', shortest, 1);
  checkInteger('accuracyByLength', 'longest length', longest, shortest);
  const byLength: { length: number; accuracy: number }[] = [];
  for (let length = shortest; length <= longest; length++) {
    const accuracy = evaluate(model, dataAt(length)).accuracy;
    if (accuracy === undefined) throw new RangeError('accuracyByLength needs targets with classes (not real values)');
    byLength.push({ length, accuracy });
  }
  const worst = byLength.reduce((a, b) => (b.accuracy < a.accuracy ? b : a));
  return { worst, byLength };
}
