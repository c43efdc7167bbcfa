import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { buildModel, type ModelSpec, type RecurrentModel } from '../architectures/build-model';
import { SequenceModel } from '../architectures/sequence-model';

/** The contents of `model.json`: the spec and a tfjs-style weights manifest. */
export interface ModelJson {
  readonly format: 'rnn-model';
  readonly version: 1;
  readonly spec: ModelSpec;
  /** tfjs's manifest layout, so tfjs tooling can read `weights.bin` too. */
  readonly weightsManifest: readonly {
    readonly paths: readonly string[];
    readonly weights: readonly {
      readonly name: string;
      readonly shape: readonly number[];
      readonly dtype: 'float32';
    }[];
  }[];
  /** Byte length of weights.bin, to catch a truncated file. */
  readonly weightsBytes: number;
  /** FNV-1a hash of weights.bin, to catch a damaged file or one from another save. */
  readonly weightsHash: string;
}

/** A model as the two files it is saved to. */
export interface ModelArtifacts {
  readonly json: ModelJson;
  readonly weights: Uint8Array;
}

/** The file that holds the weights, next to `model.json`. */
export const weightsFileName = 'weights.bin';

/**
 * Weight names by position: Keras-like names for classifier/tagger/lm (which `rnn export` maps to
 * tfjs layers); positional names for the other architectures, whose weights load by position too.
 */
function weightNames(model: RecurrentModel): string[] {
  if (!(model instanceof SequenceModel)) return model.weights.map((_, i) => `weight_${i}`);
  const names: string[] = model.encoder.weights.map(() => 'embedding/embeddings');
  model.stack.cells.forEach((_, layer) =>
    names.push(`rnn_${layer}/kernel`, `rnn_${layer}/recurrent_kernel`, `rnn_${layer}/bias`),
  );
  names.push('head/kernel', 'head/bias');
  return names;
}

/** Serialises a model's spec and weights (float32, little-endian, in {@link SequenceModel.weights} order). */
export function modelToArtifacts(model: RecurrentModel): ModelArtifacts {
  const weights = model.weights;
  const names = weightNames(model);
  const total = weights.reduce((sum, w) => sum + w.size, 0);
  const values = new Float32Array(total);
  let offset = 0;
  for (const w of weights) {
    values.set(w.dataSync() as Float32Array, offset);
    offset += w.size;
  }
  return {
    json: {
      format: 'rnn-model',
      version: 1,
      spec: model.spec,
      weightsManifest: [
        {
          paths: [weightsFileName],
          weights: weights.map((w, i) => ({ name: names[i], shape: [...w.shape], dtype: 'float32' as const })),
        },
      ],
      weightsBytes: values.byteLength,
      weightsHash: fnv1a(new Uint8Array(values.buffer)),
    },
    weights: new Uint8Array(values.buffer),
  };
}

/** FNV-1a, 32 bits, as 8 hex digits: a fast fingerprint, not a cryptographic one. */
export function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Rebuilds a model from its artifacts. A foreign, corrupt or mismatched pair of files is a RangeError
 * that says what is wrong; the weights are checked against the spec before anything is built.
 */
export function modelFromArtifacts(json: unknown, weights: Uint8Array): RecurrentModel {
  const j = json as Partial<ModelJson> | null;
  if (j === null || typeof j !== 'object' || j.format !== 'rnn-model') {
    throw new RangeError('model.json is not an rnn model file (format must be "rnn-model")');
  }
  if (j.version !== 1)
    throw new RangeError(`model.json has version ${String(j.version)}; this toolkit reads version 1`);
  if (weights.byteLength !== j.weightsBytes) {
    throw new RangeError(
      `${weightsFileName} has ${weights.byteLength} bytes, model.json expects ${String(j.weightsBytes)}`,
    );
  }
  if (fnv1a(weights) !== j.weightsHash) {
    throw new RangeError(`${weightsFileName} is damaged or from another save (its hash does not match model.json)`);
  }
  // Building checks the spec; the fixed seed only allocates, every value is overwritten below.
  const model = buildModel(j.spec as ModelSpec, createRng(0));
  const manifest = j.weightsManifest?.[0]?.weights ?? [];
  const expected = model.weights.map((w) => w.shape.join('x')).join(',');
  const given = manifest.map((w) => w.shape.join('x')).join(',');
  if (expected !== given) {
    model.dispose();
    throw new RangeError(`model.json's weights [${given}] do not match its spec, which needs [${expected}]`);
  }
  const aligned = new Float32Array(weights.slice().buffer);
  let offset = 0;
  for (const w of model.weights) {
    tf.tidy(() => w.assign(tf.tensor(aligned.subarray(offset, offset + w.size), w.shape)));
    offset += w.size;
  }
  return model;
}
