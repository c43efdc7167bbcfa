import * as tf from '@tensorflow/tfjs';
import { canonicalJson, checkInteger, createRng, utf8Bytes, type FolderFiles } from '@rnn/datasets';
import { buildModel, type ModelSpec, type RecurrentModel } from '../architectures/build-model';
import { SequenceModel } from '../architectures/sequence-model';
import { gruResetsAfter } from '../cells/cell-spec';

/**
 * The format version of `model.json` that {@link modelToArtifacts} writes. {@link modelFromArtifacts}
 * reads it and version 2, written before GRUs had `resetAfter`, whose GRUs it reads as `resetAfter:
 * false`: the form they were trained in.
 */
export const modelFormatVersion = 3;

/** The format versions {@link modelFromArtifacts} reads. */
const readableVersions: readonly number[] = [2, modelFormatVersion];

/** The contents of `model.json`: the spec and a tfjs-style weights manifest. */
export interface ModelJson {
  readonly format: 'rnn-model';
  /** {@link modelFormatVersion}, or 2 in a file saved before GRUs had `resetAfter`. */
  readonly version: typeof modelFormatVersion | 2;
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
  /**
   * FNV-1a hash of the spec, the weights manifest, `weightsBytes` and `weightsHash` together: it ties
   * the spec to these very weights, so an edited spec (another architecture whose weights happen to
   * have the same shapes) is refused instead of loading as a different model.
   */
  readonly specHash: string;
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
  model.stack.cells.forEach((cell, layer) => {
    names.push(`rnn_${layer}/kernel`, `rnn_${layer}/recurrent_kernel`, `rnn_${layer}/bias`);
    // The reset-after GRU's bias inside the recurrent product (Keras keeps it as a second bias row).
    if (cell.weights.length > 3) names.push(`rnn_${layer}/recurrent_bias`);
  });
  names.push('head/kernel', 'head/bias');
  return names;
}

/**
 * A spec with `resetAfter` written out in its GRU stack, so that the file says which GRU it holds
 * whatever a later default may be.
 */
function explicitSpec(spec: ModelSpec): ModelSpec {
  if (spec.rnn.kind !== 'gru') return spec;
  return { ...spec, rnn: { ...spec.rnn, resetAfter: gruResetsAfter(spec.rnn) } };
}

/**
 * A file's spec as the model read from it holds it. Version 2: its GRU was the reset-before form,
 * the only one there was, so `resetAfter: false` is filled in. Version 3: `resetAfter: true`, the
 * default, is left out again, so that the model read back has the spec of the model saved when that
 * left it out (recipes and run records do, and compare specs field by field).
 */
function specAsRead(spec: ModelSpec, version: ModelJson['version']): ModelSpec {
  // Not checked yet (building the model checks it): rnn may be anything.
  if (!isObject(spec.rnn) || spec.rnn.kind !== 'gru') return spec;
  const { resetAfter, ...rest } = spec.rnn;
  if (version === 2) return { ...spec, rnn: { ...rest, resetAfter: resetAfter ?? false } };
  return resetAfter === true ? { ...spec, rnn: rest } : spec;
}

/**
 * Serialises a model's spec (with `resetAfter` explicit in a GRU stack) and its weights (float32,
 * little-endian, in {@link SequenceModel.weights} order).
 */
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
  const bytes = new Uint8Array(values.buffer);
  const bound = {
    spec: explicitSpec(model.spec),
    weightsManifest: [
      {
        paths: [weightsFileName],
        weights: weights.map((w, i) => ({ name: names[i], shape: [...w.shape], dtype: 'float32' as const })),
      },
    ],
    weightsBytes: bytes.byteLength,
    weightsHash: fnv1a(bytes),
  };
  return {
    json: { format: 'rnn-model', version: modelFormatVersion, ...bound, specHash: specHashOf(bound) },
    weights: bytes,
  };
}

/** FNV-1a, 32 bits, as 8 hex digits: a fast fingerprint, not a cryptographic one. */
export function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The {@link ModelJson.specHash} of the fields it binds together. */
function specHashOf(fields: Pick<ModelJson, 'spec' | 'weightsManifest' | 'weightsBytes' | 'weightsHash'>): string {
  const { spec, weightsManifest, weightsBytes, weightsHash } = fields;
  return fnv1a(new TextEncoder().encode(canonicalJson({ spec, weightsManifest, weightsBytes, weightsHash })));
}

/** Where the two files came from, for messages (paths when read from a folder). */
export interface ModelArtifactNames {
  readonly json: string;
  readonly weights: string;
}

const shown = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{8}$/.test(value);

/** Checks every field of a parsed `model.json` before any of it is used: a RangeError naming the field. */
function checkModelJson(json: unknown, file: string): ModelJson {
  if (!isObject(json) || json.format !== 'rnn-model') {
    throw new RangeError(`${file} is not an rnn model file (format must be "rnn-model")`);
  }
  if (json.version === 1) {
    throw new RangeError(
      `${file} was saved by an older version of rnn (model format 1, whose spec is not tied to its weights); ` +
        `this one reads formats ${readableVersions.join(' and ')}: train the model again`,
    );
  }
  if (!readableVersions.includes(json.version as number)) {
    throw new RangeError(
      `${file} has version ${shown(json.version)}; this toolkit reads versions ${readableVersions.join(' and ')}`,
    );
  }
  if (!isObject(json.spec)) throw new RangeError(`${file}: spec must be an object, got ${shown(json.spec)}`);
  const groups = json.weightsManifest;
  if (!Array.isArray(groups) || groups.length !== 1 || !isObject(groups[0])) {
    throw new RangeError(`${file}: weightsManifest must be a list of one group of weights, got ${shown(groups)}`);
  }
  const [group] = groups as Record<string, unknown>[];
  if (!Array.isArray(group.paths) || group.paths.length !== 1 || group.paths[0] !== weightsFileName) {
    throw new RangeError(`${file}: weightsManifest[0].paths must be ["${weightsFileName}"], got ${shown(group.paths)}`);
  }
  if (!Array.isArray(group.weights)) {
    throw new RangeError(`${file}: weightsManifest[0].weights must be a list, got ${shown(group.weights)}`);
  }
  group.weights.forEach((entry: unknown, i) => {
    const at = `${file}: weightsManifest[0].weights[${i}]`;
    if (!isObject(entry)) throw new RangeError(`${at} must be an object {name, shape, dtype}, got ${shown(entry)}`);
    if (typeof entry.name !== 'string' || entry.name === '') {
      throw new RangeError(`${at}.name must be a non-empty string, got ${shown(entry.name)}`);
    }
    const { shape } = entry;
    if (!Array.isArray(shape) || !shape.every((d: unknown) => Number.isInteger(d) && (d as number) >= 0)) {
      throw new RangeError(`${at}.shape must be a list of integers >= 0, got ${shown(shape)}`);
    }
    if (entry.dtype !== 'float32') throw new RangeError(`${at}.dtype must be "float32", got ${shown(entry.dtype)}`);
  });
  checkInteger(file, 'weightsBytes', json.weightsBytes, 0);
  for (const field of ['weightsHash', 'specHash'] as const) {
    if (!isHash(json[field])) {
      throw new RangeError(`${file}: ${field} must be 8 hexadecimal digits, got ${shown(json[field])}`);
    }
  }
  return json as unknown as ModelJson;
}

/**
 * Rebuilds a model from its artifacts, of format 3 or 2 (whose GRUs are read as `resetAfter: false`,
 * the form they were trained in). A foreign, corrupt or mismatched pair of files is a RangeError
 * that names the file and the field at fault; every field, the weights' length and hash, and the
 * spec's tie to the weights are checked before anything is built.
 *
 * @param names - the files the artifacts were read from, for messages (default `model.json` and `weights.bin`).
 */
export function modelFromArtifacts(
  json: unknown,
  weights: Uint8Array,
  names: ModelArtifactNames = { json: 'model.json', weights: weightsFileName },
): RecurrentModel {
  const j = checkModelJson(json, names.json);
  if (weights.byteLength !== j.weightsBytes) {
    throw new RangeError(
      `${names.weights} has ${weights.byteLength} bytes, ${names.json} expects ${j.weightsBytes} (weightsBytes)`,
    );
  }
  if (fnv1a(weights) !== j.weightsHash) {
    throw new RangeError(
      `${names.weights} is damaged or from another save (its hash does not match weightsHash in ${names.json})`,
    );
  }
  if (specHashOf(j) !== j.specHash) {
    throw new RangeError(
      `${names.json}'s spec or weights manifest was changed after the save (specHash does not match): ` +
        `the weights no longer fit the spec`,
    );
  }
  let model: RecurrentModel;
  try {
    // Building checks the spec; the fixed seed only allocates, every value is overwritten below.
    model = buildModel(specAsRead(j.spec, j.version), createRng(0));
  } catch (err) {
    if (err instanceof RangeError) throw new RangeError(`${names.json}: spec: ${err.message}`);
    throw err;
  }
  const manifest = j.weightsManifest[0].weights;
  const expected = model.weights.map((w) => w.shape.join('x')).join(',');
  const given = manifest.map((w) => w.shape.join('x')).join(',');
  if (expected !== given) {
    model.dispose();
    throw new RangeError(`${names.json}'s weights [${given}] do not match its spec, which needs [${expected}]`);
  }
  const aligned = new Float32Array(weights.slice().buffer);
  const bad = aligned.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    model.dispose();
    throw new RangeError(`${names.weights} holds a non-finite weight (${aligned[bad]}) at value ${bad}`);
  }
  let offset = 0;
  for (const w of model.weights) {
    tf.tidy(() => w.assign(tf.tensor(aligned.subarray(offset, offset + w.size), w.shape)));
    offset += w.size;
  }
  return model;
}

/** The files {@link modelFromFolder} reads, by name: `model.json` (pretty-printed) and `weights.bin`. */
export function modelFiles(model: RecurrentModel): Map<string, Uint8Array> {
  const { json, weights } = modelToArtifacts(model);
  return new Map([
    [weightsFileName, weights],
    ['model.json', utf8Bytes(`${JSON.stringify(json, null, 2)}\n`)],
  ]);
}

/**
 * Loads the model a folder holds as `model.json` and `weights.bin` (what `saveModel` and
 * {@link modelFiles} write), from disk or from memory alike. A missing file, invalid JSON or any
 * problem {@link modelFromArtifacts} finds is a one-line RangeError naming the file.
 */
export async function modelFromFolder(folder: FolderFiles): Promise<RecurrentModel> {
  const jsonBytes = await folder.read('model.json');
  if (jsonBytes === undefined) throw new RangeError(`no model in ${folder.where}: model.json is missing`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonBytes));
  } catch {
    throw new RangeError(`${folder.path('model.json')} is not valid JSON`);
  }
  const weights = await folder.read(weightsFileName);
  if (weights === undefined) throw new RangeError(`no weights in ${folder.where}: ${weightsFileName} is missing`);
  return modelFromArtifacts(json, weights, { json: folder.path('model.json'), weights: folder.path(weightsFileName) });
}
