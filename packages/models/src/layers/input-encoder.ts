import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@rnn/datasets';
import { uniformWeights } from '../init/seeded-weights';
import { variableOf } from '../init/variable-of';
import { embeddingLookup } from '../kernels/embedding-lookup';
import type { EmbeddedTokens } from '../kernels/fused-sequence';
import { encodedSize, validateInputSpec, type InputSpec } from './input-spec';

/** Turns a batch of input steps into the [batch, time, size] floats a recurrent layer reads. */
export class InputEncoder {
  /** The embedding table when there is one ([vocabSize, dim]); empty otherwise. */
  readonly weights: readonly tf.Variable[];
  /** The size of one encoded step. */
  readonly size: number;
  private readonly table?: tf.Variable;

  constructor(
    readonly spec: InputSpec,
    rng: Rng,
  ) {
    validateInputSpec(spec);
    this.size = encodedSize(spec);
    if (spec.type === 'embedding') {
      // Keras's default embedding initialiser: uniform in ±0.05.
      this.table = variableOf(uniformWeights(rng, spec.vocabSize * spec.dim, 0.05), [spec.vocabSize, spec.dim]);
    }
    this.weights = this.table ? [this.table] : [];
  }

  /** Encodes ids [batch, time] (onehot, embedding) or features [batch, time, features] (dense). */
  encode(x: tf.Tensor): tf.Tensor3D {
    const { spec } = this;
    if (spec.type === 'dense') {
      if (x.rank !== 3 || x.shape[2] !== spec.features) {
        throw new RangeError(`dense input must have shape [batch, time, ${spec.features}], got [${x.shape}]`);
      }
      return x.toFloat() as tf.Tensor3D;
    }
    if (x.rank !== 2 || x.dtype !== 'int32') {
      throw new RangeError(`${spec.type} input must be int32 ids of shape [batch, time], got ${x.dtype} [${x.shape}]`);
    }
    return tf.tidy(() =>
      spec.type === 'onehot'
        ? (tf.oneHot(x as tf.Tensor2D, spec.vocabSize).toFloat() as tf.Tensor3D)
        : (embeddingLookup(this.table as tf.Tensor2D, x) as tf.Tensor3D),
    );
  }

  /**
   * What a recurrent layer reads over whole sequences: for an embedding input the ids with the table,
   * which a fused first layer folds into its input projection (and any other looks up), else
   * {@link encode}'s floats.
   */
  encodeSequence(x: tf.Tensor): tf.Tensor3D | EmbeddedTokens {
    if (this.spec.type !== 'embedding') return this.encode(x);
    if (x.rank !== 2 || x.dtype !== 'int32') {
      throw new RangeError(`embedding input must be int32 ids of shape [batch, time], got ${x.dtype} [${x.shape}]`);
    }
    return { table: this.table as tf.Tensor2D, ids: x as tf.Tensor2D };
  }

  /** Frees the embedding table. */
  dispose(): void {
    tf.dispose([...this.weights]);
  }
}
