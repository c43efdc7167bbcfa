import * as tf from '@tensorflow/tfjs';
import type { SequenceModelSpec } from '../architectures/model-spec';
import { SequenceModel } from '../architectures/sequence-model';
import { gruResetsAfter } from '../cells/cell-spec';

/** Options of {@link toLayersModel}. */
export interface LayersExportOptions {
  /**
   * Whether the exported model skips padding steps. A tfjs-layers model has no `lengths` input, so it
   * can only recognise padding by value: id 0 for onehot and embedding input (Embedding `maskZero`),
   * an all-zero feature vector for dense input (a `Masking` layer with value 0).
   *
   * Default: `true` for id inputs, because id 0 is the toolkit's padding; `false` for dense input,
   * because an all-zero step can be real data there (the calculator's "subtract digit 0" is [0, 0]).
   *
   * With the mask, a classifier reads each sequence's state at its last non-padding step, as
   * `forward(x, lengths)` does, and a tagger or lm gives the same logits on every real step (on padded
   * steps Keras repeats the last real output where ours is computed from zeros; losses ignore both).
   * The mask also skips an id 0 *inside* `lengths`, such as a stop symbol counted as a real step: for
   * such data export with `maskZero: false` and feed the exported model unpadded sequences.
   * Without the mask, every step is real, as in `forward(x)` without lengths.
   */
  readonly maskZero?: boolean;
}

/**
 * Whether {@link toLayersModel} masks padding for this spec and these options: `maskZero` when given,
 * else true for id inputs and false for dense input (see {@link LayersExportOptions.maskZero}).
 */
export function exportMasksPadding(spec: SequenceModelSpec, options: LayersExportOptions = {}): boolean {
  const maskZero = options.maskZero ?? spec.input.type !== 'dense';
  if (typeof maskZero !== 'boolean') {
    throw new RangeError(`maskZero must be true or false, got ${JSON.stringify(options.maskZero)}`);
  }
  return maskZero;
}

/** Keras names of our cell kinds' layers: `elman` and `simple` are both Keras's SimpleRNN. */
const recurrentLayer = {
  elman: tf.layers.simpleRNN,
  simple: tf.layers.simpleRNN,
  lstm: tf.layers.lstm,
  gru: tf.layers.gru,
} as const;

/**
 * Builds a tfjs-layers model that computes what `model` computes, with a copy of its weights, so it
 * can be saved in the tfjs format, loaded by `tf.loadLayersModel` with tfjs's own layers, and
 * converted to Keras by the tensorflowjs converter. The caller owns the result and disposes it.
 *
 * The layers, named after our own weight names: an input `ids` [batch, time] (int32) or `features`
 * [batch, time, features]; for onehot input a frozen identity `Embedding` named `onehot` (one-hot
 * encoding as a lookup, since a Lambda layer cannot be saved); for embedding input an `Embedding`;
 * for masked dense input a `Masking` layer; then `rnn_0`, `rnn_1`, ... (SimpleRNN, LSTM or GRU, every
 * one returning sequences except a classifier's last); and the Dense `head`, applied to every step of a
 * tagger or lm. Dropout is left out: it only acts while training and inference is what is exported.
 *
 * A GRU must be the reset-before form (`resetAfter: false`), the only one tfjs-layers implements: a
 * model with the default reset-after GRU is refused with a RangeError saying so.
 *
 * @example
 * const layers = toLayersModel(model);
 * const logits = layers.predict(ids) as tf.Tensor; // equals model.forward(ids, lengths).logits
 * layers.dispose();
 */
export function toLayersModel(model: SequenceModel, options: LayersExportOptions = {}): tf.LayersModel {
  if (!(model instanceof SequenceModel)) throw new RangeError('model must be a SequenceModel');
  const { spec } = model;
  const { input } = spec;
  if (model.stack.cells.some((cell) => cell.spec.kind === 'gru' && gruResetsAfter(cell.spec))) {
    throw new RangeError(
      'tfjs-layers has no GRU with resetAfter: true (its GRUCell implements reset_after=false only); ' +
        'build the model with resetAfter: false to export it',
    );
  }
  const maskZero = exportMasksPadding(spec, options);
  // Each layer with what to load into it; read only once the model is built, inside one tidy.
  const layers: { layer: tf.layers.Layer; weights: () => tf.Tensor[] }[] = [];
  const add = (layer: tf.layers.Layer, weights: () => readonly tf.Tensor[] = () => []) => {
    layers.push({ layer, weights: () => [...weights()] });
    return layer;
  };

  let x: tf.SymbolicTensor;
  const inputLayer =
    input.type === 'dense'
      ? tf.input({ shape: [null, input.features], name: 'features' })
      : tf.input({ shape: [null], dtype: 'int32', name: 'ids' });
  if (input.type === 'dense') {
    x = maskZero
      ? (add(tf.layers.masking({ maskValue: 0, name: 'masking' })).apply(inputLayer) as tf.SymbolicTensor)
      : inputLayer;
  } else {
    const { vocabSize } = input;
    const embedding = tf.layers.embedding({
      inputDim: vocabSize,
      outputDim: input.type === 'embedding' ? input.dim : vocabSize,
      maskZero,
      name: input.type,
      // The identity initialiser states what the onehot table is, so a rebuild from the config alone
      // (in Keras, say) is still one-hot; frozen so that further training keeps it so.
      ...(input.type === 'onehot' ? { embeddingsInitializer: 'identity', trainable: false } : {}),
    });
    const table = () => (input.type === 'embedding' ? model.encoder.weights : [tf.eye(vocabSize)]);
    x = add(embedding, table).apply(inputLayer) as tf.SymbolicTensor;
  }

  const count = model.stack.cells.length;
  model.stack.cells.forEach((cell, layer) => {
    const returnSequences = spec.architecture !== 'classifier' || layer < count - 1;
    const common = {
      units: spec.rnn.units,
      returnSequences,
      name: `rnn_${layer}`,
      // tfjs's default recurrent initialiser (Orthogonal) takes minutes at 512 units, and the values are
      // overwritten at once; Glorot is instant and still a sensible start if the config is rebuilt.
      recurrentInitializer: 'glorotUniform' as const,
    };
    const rnn =
      cell.spec.kind === 'elman' || cell.spec.kind === 'simple'
        ? recurrentLayer[cell.spec.kind]({ ...common, activation: cell.spec.activation ?? 'tanh' })
        : // tfjs defaults the gates to hardSigmoid; our cells, like PyTorch and Keras 2+, use the sigmoid.
          recurrentLayer[cell.spec.kind]({ ...common, activation: 'tanh', recurrentActivation: 'sigmoid' });
    x = add(rnn, () => cell.weights).apply(x) as tf.SymbolicTensor;
  });
  const head = tf.layers.dense({ units: spec.outputSize, name: 'head' });
  const output = add(head, () => model.head.weights).apply(x) as tf.SymbolicTensor;

  const layersModel = tf.model({ inputs: inputLayer, outputs: output, name: `rnn_${spec.architecture}` });
  tf.tidy(() => layers.forEach(({ layer, weights }) => layer.setWeights(weights())));
  return layersModel;
}
