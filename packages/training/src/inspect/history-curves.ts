import type { MarkovBaseline } from '@rnn/markov';
import type { EpochRecord } from '../fit/fit';
import type { LanguageModelEpochRecord } from '../language-model/fit-language-model';
import type { RecipeTarget } from '../recipes/recipe';

/** One epoch of a run's curves: the loss, and what was measured on held-out data after it. */
export interface CurveEpoch {
  readonly epoch: number;
  readonly loss: number;
  /** Language models: bits per character on the validation text. */
  readonly validationLoss?: number;
  /** Task recipes: the target's metric on a small fresh set (see `trainRecipe`'s `monitor`). */
  readonly metric?: number;
}

/** A run's history as curves to draw: what the loss is, per epoch, against what. */
export interface HistoryCurveData {
  readonly lossLabel: string;
  readonly epochs: readonly CurveEpoch[];
  readonly metric?: { readonly name: string; readonly atLeast?: number; readonly atMost?: number };
  readonly baseline?: { readonly name: string; readonly loss: number };
}

/** A task recipe run's curves: the training loss, and the target's metric where it was measured. */
export function recipeHistoryCurves(
  target: Pick<RecipeTarget, 'metric' | 'atLeast' | 'atMost'>,
  history: readonly EpochRecord[],
): HistoryCurveData {
  return {
    lossLabel: 'loss per target step',
    epochs: history.map((h) => ({
      epoch: h.epoch,
      loss: h.loss,
      ...(h.validation ? { validationLoss: h.validation.loss } : {}),
      ...(h.metric !== undefined ? { metric: h.metric } : {}),
    })),
    metric: {
      name: target.metric,
      ...(target.atLeast !== undefined ? { atLeast: target.atLeast } : {}),
      ...(target.atMost !== undefined ? { atMost: target.atMost } : {}),
    },
  };
}

/**
 * A language model run's curves, all in bits per character so they compare: the training loss
 * (nats converted), the validation text's, and the Markov baseline's across, where measured. A
 * record cut short by a stop is drawn at its fraction of an epoch.
 */
export function languageModelHistoryCurves(
  history: readonly LanguageModelEpochRecord[],
  markov?: Pick<MarkovBaseline, 'order' | 'validationBitsPerChar'>,
): HistoryCurveData {
  let whole = 0;
  const epochs = history.map((h) => {
    const epoch = h.partial ? whole + 0.5 : ++whole;
    return {
      epoch,
      loss: h.loss / Math.LN2,
      ...(h.validationBitsPerChar !== undefined ? { validationLoss: h.validationBitsPerChar } : {}),
    };
  });
  return {
    lossLabel: 'bits per character',
    epochs,
    ...(markov ? { baseline: { name: `Markov order ${markov.order}`, loss: markov.validationBitsPerChar } } : {}),
  };
}
