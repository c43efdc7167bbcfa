import type { Prediction, StepModel } from './step-model';
import { disposeState, isPromiseLike } from './step-model';

/** A batch-1 state that has read the prime, and its prediction of the next token. */
export interface PrimedState<S> {
  readonly state: S;
  readonly prediction: Prediction;
}

/**
 * Reads `prime` into a fresh batch-1 state, one step per token, keeping only the last prediction.
 * An empty prime uses the model's `initialPrediction`, which not every model has.
 *
 * @param purpose - the calling function's name, for the error message.
 */
export async function readPrime<S>(model: StepModel<S>, prime: string, purpose: string): Promise<PrimedState<S>> {
  const ids = encodeChecked(model, prime);
  const pendingState = model.initialState(1);
  let state = isPromiseLike(pendingState) ? await pendingState : pendingState;
  try {
    if (ids.length === 0) {
      if (model.initialPrediction === undefined) {
        throw new RangeError(
          `${purpose} needs a non-empty prime: this model cannot predict the first token before reading any`,
        );
      }
      const pendingFirst = model.initialPrediction(state);
      return { state, prediction: isPromiseLike(pendingFirst) ? await pendingFirst : pendingFirst };
    }
    let prediction: Prediction | undefined;
    for (let i = 0; i < ids.length; i++) {
      const pending = model.step(state, Int32Array.of(ids[i]));
      const result = isPromiseLike(pending) ? await pending : pending;
      if (result.state !== state) disposeState(model, state);
      state = result.state;
      prediction = result;
    }
    return { state, prediction: prediction as Prediction };
  } catch (err) {
    disposeState(model, state);
    throw err;
  }
}

/**
 * `model.vocabulary.encode(text)`, checked: every id must be an integer in [0, vocabSize), or the
 * model would be stepped with garbage.
 */
export function encodeChecked(model: StepModel<unknown>, text: string): ArrayLike<number> {
  const ids = model.vocabulary.encode(text);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= model.vocabSize) {
      throw new RangeError(
        `vocabulary.encode gave id ${id} at position ${i}, outside [0, ${model.vocabSize}): vocabulary and model disagree`,
      );
    }
  }
  return ids;
}
