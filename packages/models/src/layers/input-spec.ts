import { checkInteger } from '@rnn/datasets';

/**
 * How a model reads its input steps:
 * - `onehot`: integer ids [batch, time], each turned into a one-hot vector of `vocabSize`;
 * - `embedding`: integer ids [batch, time], looked up in a trained `vocabSize x dim` table;
 * - `dense`: real features [batch, time, features], used as they are.
 */
export type InputSpec =
  | { readonly type: 'onehot'; readonly vocabSize: number }
  | { readonly type: 'embedding'; readonly vocabSize: number; readonly dim: number }
  | { readonly type: 'dense'; readonly features: number };

/** The size of one input step after encoding: what the first recurrent layer sees. */
export function encodedSize(spec: InputSpec): number {
  return spec.type === 'onehot' ? spec.vocabSize : spec.type === 'embedding' ? spec.dim : spec.features;
}

/** Checks an input spec: a RangeError naming the field and what is allowed. */
export function validateInputSpec(spec: InputSpec): void {
  const positive = (name: string, value: unknown) => checkInteger('input', name, value, 1);
  switch (spec?.type) {
    case 'onehot':
      positive('vocabSize', spec.vocabSize);
      return;
    case 'embedding':
      positive('vocabSize', spec.vocabSize);
      positive('dim', spec.dim);
      return;
    case 'dense':
      positive('features', spec.features);
      return;
    default:
      throw new RangeError(
        `input type must be one of onehot, embedding, dense, got ${JSON.stringify((spec as { type?: unknown })?.type)}`,
      );
  }
}
