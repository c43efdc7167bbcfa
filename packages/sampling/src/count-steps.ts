import type { StepModel } from './step-model';

/** A {@link StepModel} that counts the `step` calls made through it. */
export interface CountedStepModel<S> extends StepModel<S> {
  /** Calls to `step` so far: each is one model step, whatever the batch size. */
  readonly steps: number;
}

/**
 * Wraps `model` so that every call to `step` is counted, and passes everything else through
 * unchanged. The count is how a caller proves (or reports) what generation cost: `generate` takes
 * `prime + generated - 1` steps, never re-reading the prefix. `initialPrediction` is passed on only
 * when the model has one, since generation and scoring check whether it exists.
 *
 * @example
 * const counted = countSteps(model);
 * await generate(counted, { prime: 'ab', length: 10, sampler: greedy() });
 * counted.steps; // 11
 */
export function countSteps<S>(model: StepModel<S>): CountedStepModel<S> {
  let steps = 0;
  const counted: CountedStepModel<S> = {
    get steps() {
      return steps;
    },
    vocabSize: model.vocabSize,
    vocabulary: model.vocabulary,
    initialState: (batch) => model.initialState(batch),
    step: (state, tokens) => {
      steps++;
      return model.step(state, tokens);
    },
    gatherState: (state, rows) => model.gatherState(state, rows),
    disposeState: (state) => model.disposeState?.(state),
  };
  if (model.initialPrediction !== undefined) {
    const initialPrediction = model.initialPrediction.bind(model);
    return Object.assign(counted, { initialPrediction });
  }
  return counted;
}
