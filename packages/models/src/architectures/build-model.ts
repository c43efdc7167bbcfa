import type { Rng } from '@rnn/datasets';
import { GeneratorModel } from './generator-model';
import type { GeneratorModelSpec } from './generator-spec';
import type { SequenceModelSpec } from './model-spec';
import { Seq2SeqModel } from './seq2seq-model';
import type { Seq2SeqModelSpec } from './seq2seq-spec';
import { SequenceModel } from './sequence-model';

/** Any model spec of the typology: classifier, tagger, lm, seq2seq or generator. */
export type ModelSpec = SequenceModelSpec | Seq2SeqModelSpec | GeneratorModelSpec;

/** Any model of the typology. They share `spec`, `weights`, `forward(x, lengths, options)` and `dispose()`. */
export type RecurrentModel = SequenceModel | Seq2SeqModel | GeneratorModel;

/** Builds the model a spec describes (weights drawn from `rng`); the spec is checked first. */
export function buildModel(spec: ModelSpec, rng: Rng): RecurrentModel {
  switch (spec?.architecture) {
    case 'seq2seq':
      return new Seq2SeqModel(spec, rng);
    case 'generator':
      return new GeneratorModel(spec, rng);
    default:
      return new SequenceModel(spec as SequenceModelSpec, rng);
  }
}
