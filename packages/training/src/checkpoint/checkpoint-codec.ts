// Browser-safe: the checkpoint format itself, in memory. `saveCheckpoint` and `loadCheckpoint` (Node)
// put it on disk; a browser zips it or keeps it in IndexedDB. Both read through FolderFiles, so the
// checks and their messages are the same wherever a run folder lives.
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { subfolder, utf8Bytes, type FolderFiles } from '@rnn/datasets';
import { modelFiles, modelFromFolder, type RecurrentModel } from '@rnn/models';
import type { EpochRecord, OptimizerState } from '../fit/fit';
import type { LanguageModelEpochRecord } from '../language-model/fit-language-model';
import type { RunRecord } from './run-record';
import { fieldName, schemaErrorMessage } from './schema-error';

/** The format version of checkpoint.json that {@link encodeRunFolder} writes and `readRunFolder` reads. */
export const checkpointVersion = 2;

/** The files of a checkpoint folder besides checkpoint.json, each recorded by its SHA-256. */
export type CheckpointFile = 'model.json' | 'weights.bin' | 'optimizer.bin' | 'carried.bin';

/** What a checkpoint records besides the weights: enough to resume the run exactly. */
export interface CheckpointManifest {
  readonly format: 'rnn-checkpoint';
  readonly version: typeof checkpointVersion;
  /** The last completed epoch. */
  readonly epoch: number;
  /**
   * Runs that stop between epochs (a language model's time budget, Ctrl-C): the training steps done
   * in all, so that a resumed run starts at the very next step.
   */
  readonly step?: number;
  readonly history: readonly EpochRecord[];
  /** The optimizer's state tensors, in `optimizer.getWeights()` order, stored in optimizer.bin. */
  readonly optimizer: readonly {
    readonly name: string;
    readonly shape: readonly number[];
    readonly dtype: 'float32' | 'int32';
  }[];
  /**
   * State tensors the run carries from one step to the next (a language model's hidden state on
   * contiguous batches), stored in carried.bin.
   */
  readonly carried?: readonly { readonly shape: readonly number[] }[];
  /**
   * The SHA-256 (hex) of every other file of the folder: they are loaded as one unit, so a file that
   * was damaged or copied in from another checkpoint is refused rather than resumed from.
   */
  readonly sha256: Readonly<Partial<Record<CheckpointFile, string>>>;
  /** Anything the caller needs to rebuild the run (recipe, seed, overrides, backend). */
  readonly run: Readonly<Record<string, unknown>>;
}

/** A loaded checkpoint. */
export interface Checkpoint {
  /** The checkpoint folder it was read from (`dir/epoch-NNNNN` or `dir/step-NNNNNNNN`), for messages. */
  readonly folder: string;
  readonly model: RecurrentModel;
  readonly optimizerState: OptimizerState;
  readonly manifest: CheckpointManifest;
  /** The carried state tensors, when the run saved some (the caller disposes them). */
  readonly carried?: tf.Tensor[];
}

/** The file of a run folder that names its latest checkpoint folder. */
export const pointerFile = 'latest.json';
/** The file of a checkpoint folder that describes the rest. */
export const manifestFile = 'checkpoint.json';
/** The name of the folder that holds the checkpoint after `epoch` (or `step`). */
export const folderOf = (epoch: number, step?: number) =>
  step === undefined ? `epoch-${String(epoch).padStart(5, '0')}` : `step-${String(step).padStart(8, '0')}`;
/** The names {@link folderOf} gives. */
export const checkpointFolder = /^(epoch|step)-\d+$/;

const count = z.number().int().nonnegative();
const shape = z.array(count);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 (64 hexadecimal digits)');

/** One record of `fit`'s history ({@link EpochRecord}). */
const epochRecordSchema = z
  .object({
    loss: z.number(),
    epoch: z.number().int().min(1),
    learningRate: z.number().nonnegative(),
    seconds: z.number().nonnegative(),
    tokensPerSecond: z.number().nonnegative(),
    validation: z
      .object({
        loss: z.number(),
        accuracy: z.number().min(0).max(1).optional(),
        exactMatch: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
    metric: z.number().optional(),
  })
  .strict();

/** One record of a language model's history (`LanguageModelEpochRecord`). */
const languageModelRecordSchema = z
  .object({
    epoch: z.number().int().min(1),
    step: z.number().int().min(1),
    loss: z.number(),
    steps: count,
    learningRate: z.number().nonnegative(),
    seconds: z.number().nonnegative(),
    charsPerSecond: z.number().nonnegative(),
    validationBitsPerChar: z.number().nonnegative().optional(),
    partial: z.literal(true).optional(),
  })
  .strict();

const manifestFields = {
  format: z.literal('rnn-checkpoint'),
  version: z.literal(checkpointVersion),
  epoch: count,
  optimizer: z.array(z.object({ name: z.string().min(1), shape, dtype: z.enum(['float32', 'int32']) }).strict()),
  carried: z.array(z.object({ shape }).strict()).optional(),
  sha256: z
    .object({
      'model.json': sha256,
      'weights.bin': sha256,
      'optimizer.bin': sha256,
      'carried.bin': sha256.optional(),
    })
    .strict(),
  run: z.record(z.string(), z.unknown()),
};

/** A checkpoint saved at an epoch's end (`epoch-NNNNN`). */
const epochManifestSchema = z.object({ ...manifestFields, history: z.array(epochRecordSchema) }).strict();
/** A checkpoint saved after a given step (`step-NNNNNNNN`): a language model's. */
const stepManifestSchema = z
  .object({ ...manifestFields, step: z.number().int().min(1), history: z.array(languageModelRecordSchema) })
  .strict();

/**
 * Checks every field of a parsed checkpoint.json, and that the fields agree with each other and with
 * the folder's name. Returns the manifest, or the one-line reason it is not one.
 */
export function checkManifest(json: unknown, file: string, folderName: string): CheckpointManifest | string {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !('format' in json)) {
    return `${file} is not an rnn checkpoint (expected an object with format "rnn-checkpoint"), got ${JSON.stringify(json)}`;
  }
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format !== 'rnn-checkpoint') return `${file} is not an rnn checkpoint: format is ${JSON.stringify(format)}`;
  if (version === 1) {
    return (
      `${file} was written by an older version of rnn (checkpoint version 1, whose files are not checksummed); ` +
      `this one reads version ${checkpointVersion}: train the run again`
    );
  }
  if (version !== checkpointVersion) {
    return `${file} has checkpoint version ${JSON.stringify(version)}; this version of rnn reads version ${checkpointVersion}`;
  }
  // The folder's name says which kind of checkpoint it holds; the fields must then agree with it.
  const schema = folderName.startsWith('step-') ? stepManifestSchema : epochManifestSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) return schemaErrorMessage(file, parsed.error, json);
  const manifest = parsed.data as CheckpointManifest;
  const { epoch, step, history } = manifest;
  const at = step === undefined ? `epoch ${epoch}` : `step ${step}`;
  if (folderOf(epoch, step) !== folderName) return `${file}: ${at} does not match its folder ${folderName}`;
  const records = history as readonly { epoch: number; step?: number; partial?: true }[];
  const wrongEpoch = records.findIndex((r, i) => r.epoch !== i + 1);
  if (wrongEpoch >= 0) {
    return `${file}: history[${wrongEpoch}].epoch is ${records[wrongEpoch].epoch}, expected ${wrongEpoch + 1} (one record per epoch, in order)`;
  }
  if (step === undefined) {
    if (epoch < 1 || records.length !== epoch) {
      return `${file}: epoch is ${epoch}, but history holds ${records.length} epoch record(s)`;
    }
  } else {
    const whole = records.filter((r) => !r.partial).length;
    const partial = records.findIndex((r) => r.partial);
    if (partial >= 0 && partial !== records.length - 1) {
      return `${file}: history[${partial}] is partial, but only the last record may be`;
    }
    if (whole !== epoch) return `${file}: epoch is ${epoch}, but history holds ${whole} whole epoch record(s)`;
    const last = records[records.length - 1];
    if (last === undefined || last.step !== step) {
      return `${file}: step is ${step}, but the last history record ends at step ${String(last?.step)}`;
    }
  }
  const iterations = manifest.optimizer.findIndex((w) => w.name === 'iter' && w.shape.length !== 0);
  if (iterations >= 0) return `${file}: optimizer[${iterations}].shape must be [] for the iteration count`;
  if ((manifest.carried !== undefined) !== (manifest.sha256['carried.bin'] !== undefined)) {
    return `${file}: ${fieldName(['sha256', 'carried.bin'])} must be given exactly when carried is`;
  }
  return manifest;
}

/** The SHA-256 of some bytes, as 64 hexadecimal digits (Web Crypto: the same in Node and browsers). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Float32 values of tensors, end to end, as the bytes of one file. */
function packFloats(tensors: readonly tf.Tensor[]): Uint8Array {
  const values = new Float32Array(tensors.reduce((n, t) => n + t.size, 0));
  let offset = 0;
  for (const t of tensors) {
    values.set(t.dataSync(), offset);
    offset += t.size;
  }
  return new Uint8Array(values.buffer);
}

/** What a checkpoint saves: the run's state after an epoch (or a step). */
export interface CheckpointState {
  readonly model: RecurrentModel;
  readonly optimizer: tf.Optimizer;
  readonly epoch: number;
  /** `fit`'s history at an epoch's end, or a language model's at a step (`LanguageModelEpochRecord`). */
  readonly history: readonly EpochRecord[] | readonly LanguageModelEpochRecord[];
  /** What rebuilds the run: `rnn train` writes a {@link RunRecord}; any JSON object will do. */
  readonly run: RunRecord | Readonly<Record<string, unknown>>;
  /** Steps done in all, for a run that may stop between epochs (see {@link CheckpointManifest.step}). */
  readonly step?: number;
  /** State carried between steps (see {@link CheckpointManifest.carried}). */
  readonly carried?: readonly tf.Tensor[];
}

/**
 * A checkpoint as the files of its folder, in memory: `model.json`, `weights.bin`, `optimizer.bin`,
 * `carried.bin` when there is carried state, and `checkpoint.json` with the SHA-256 of each. A
 * checkpoint that would not load again is refused here with a RangeError, while the run can still say why.
 *
 * @param where - the checkpoint folder as messages name it.
 * @returns the folder's name (`epoch-NNNNN` or `step-NNNNNNNN`) and its files by name.
 */
export async function encodeCheckpoint(
  state: CheckpointState,
  where?: string,
): Promise<{ folder: string; files: Map<string, Uint8Array> }> {
  const folder = folderOf(state.epoch, state.step);
  const files = modelFiles(state.model);
  const named = await state.optimizer.getWeights();
  const packed = packFloats(named.map((w) => w.tensor));
  // getWeights hands out the optimizer's live accumulators; only its iteration count is a fresh tensor.
  tf.dispose(named.filter((w) => w.name === 'iter').map((w) => w.tensor));
  files.set('optimizer.bin', packed);
  const carried = state.carried ? packFloats(state.carried) : undefined;
  if (carried) files.set('carried.bin', carried);
  const manifest: CheckpointManifest = {
    format: 'rnn-checkpoint',
    version: checkpointVersion,
    epoch: state.epoch,
    ...(state.step !== undefined ? { step: state.step } : {}),
    // A step checkpoint's history is a language model's: checkManifest below checks it as one.
    history: state.history as readonly EpochRecord[],
    optimizer: named.map((w) => ({
      name: w.name,
      shape: [...w.tensor.shape],
      dtype: w.tensor.dtype === 'int32' ? 'int32' : 'float32',
    })),
    ...(state.carried ? { carried: state.carried.map((t) => ({ shape: [...t.shape] })) } : {}),
    sha256: {
      'model.json': await sha256Hex(files.get('model.json') as Uint8Array),
      'weights.bin': await sha256Hex(files.get('weights.bin') as Uint8Array),
      'optimizer.bin': await sha256Hex(packed),
      ...(carried ? { 'carried.bin': await sha256Hex(carried) } : {}),
    },
    run: state.run as Readonly<Record<string, unknown>>,
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const problem = checkManifest(JSON.parse(text), `${where ?? folder}/${manifestFile}`, folder);
  if (typeof problem === 'string') throw new RangeError(`cannot save a checkpoint: ${problem}`);
  files.set(manifestFile, utf8Bytes(text));
  return { folder, files };
}

/**
 * A whole run folder holding one checkpoint, in memory: what `saveCheckpoint` leaves on disk, by paths
 * inside the folder (`latest.json`, `epoch-00003/checkpoint.json`, ...). A browser zips these or
 * keeps them, and `rnn` reads the unpacked folder like one it wrote.
 */
export async function encodeRunFolder(state: CheckpointState): Promise<Map<string, Uint8Array>> {
  const { folder, files } = await encodeCheckpoint(state);
  const run = new Map<string, Uint8Array>([[pointerFile, utf8Bytes(`${JSON.stringify({ folder })}\n`)]]);
  for (const [name, bytes] of files) run.set(`${folder}/${name}`, bytes);
  return run;
}

/** Float32 values of a .bin file, checked against the count its manifest entries expect. */
function floatsOf(
  bytes: Uint8Array,
  file: string,
  shapes: readonly (readonly number[])[],
  manifest: string,
): Float32Array {
  const expected = shapes.reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
  if (bytes.byteLength !== expected * 4) {
    throw new RangeError(`${file} holds ${bytes.byteLength} bytes, ${manifest} expects ${expected * 4}`);
  }
  return new Float32Array(bytes.slice().buffer);
}

/** A RangeError for the first NaN or infinite value: state no training step could have left. */
function checkFinite(values: Float32Array, file: string): void {
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${file} holds a non-finite value (${values[bad]}) at value ${bad}`);
}

/** Tensors of the given shapes, cut from `values` in order. */
function tensorsOf(values: Float32Array, shapes: readonly (readonly number[])[], dtypes?: readonly tf.DataType[]) {
  let offset = 0;
  return shapes.map((s, i) => {
    const size = s.reduce((a, b) => a * b, 1);
    const tensor = tf.tensor(values.subarray(offset, offset + size), [...s], dtypes?.[i] ?? 'float32');
    offset += size;
    return tensor;
  });
}

/** The checkpoint folder a parsed `latest.json` names, or a RangeError saying it is damaged. */
function pointedFolder(pointer: unknown, where: string): string {
  const folderName = (pointer as { folder?: unknown } | null)?.folder;
  if (typeof folderName !== 'string' || !checkpointFolder.test(folderName)) {
    throw new RangeError(
      `${where} has a damaged latest.json: folder must name a checkpoint folder (epoch-NNNNN or step-NNNNNNNN), ` +
        `got ${pointer === null || typeof pointer !== 'object' ? JSON.stringify(pointer) : JSON.stringify(folderName ?? null)}`,
    );
  }
  return folderName;
}

/**
 * Reads the checkpoint a run folder's `latest.json` points at, checked whole: every field of
 * checkpoint.json against its schema and against the others (epoch, step, history, the folder's
 * name), every file against its SHA-256, the optimizer's and carried values for NaN and Infinity. A
 * folder without a checkpoint, or with a damaged one, is a one-line RangeError naming the file and
 * the field. The caller disposes the model, optimizer state and carried state.
 */
export async function decodeRunFolder(run: FolderFiles): Promise<Checkpoint> {
  const pointerBytes = await run.read(pointerFile);
  if (pointerBytes === undefined) throw new RangeError(`${run.where} holds no checkpoint (latest.json is missing)`);
  let pointer: unknown;
  try {
    pointer = JSON.parse(new TextDecoder().decode(pointerBytes));
  } catch {
    throw new RangeError(`${run.where} has a damaged latest.json (not valid JSON)`);
  }
  const folderName = pointedFolder(pointer, run.where);
  const folder = subfolder(run, folderName);
  const file = folder.path(manifestFile);
  let json: unknown;
  try {
    const bytes = await folder.read(manifestFile);
    if (bytes === undefined) throw new RangeError('missing');
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new RangeError(`${file} is missing or not valid JSON`);
  }
  const manifest = checkManifest(json, file, folderName);
  if (typeof manifest === 'string') throw new RangeError(manifest);
  const readPart = async (part: CheckpointFile): Promise<Uint8Array> => {
    const bytes = await folder.read(part);
    if (bytes === undefined) throw new RangeError(`${folder.path(part)} is missing`);
    return bytes;
  };
  const parts = new Map<CheckpointFile, Uint8Array>();
  for (const part of ['optimizer.bin', 'carried.bin'] as const) {
    if (manifest.sha256[part] !== undefined) parts.set(part, await readPart(part));
  }
  const model = await modelFromFolder(folder);
  try {
    parts.set('model.json', await readPart('model.json'));
    parts.set('weights.bin', await readPart('weights.bin'));
    for (const [part, bytes] of parts) {
      if ((await sha256Hex(bytes)) !== manifest.sha256[part]) {
        throw new RangeError(
          `${folder.path(part)} does not match its ${fieldName(['sha256', part])} in ${file}: ` +
            'it was changed, or comes from another checkpoint',
        );
      }
    }
    const optimizerFile = folder.path('optimizer.bin');
    const values = floatsOf(
      parts.get('optimizer.bin') as Uint8Array,
      optimizerFile,
      manifest.optimizer.map((w) => w.shape),
      file,
    );
    let offset = 0;
    manifest.optimizer.forEach((w, i) => {
      if (w.name === 'iter' && !(Number.isInteger(values[offset]) && values[offset] >= 0)) {
        throw new RangeError(
          `${optimizerFile}: the iteration count (optimizer[${i}] of ${file}) must be an integer >= 0, got ${values[offset]}`,
        );
      }
      offset += w.shape.reduce((a, b) => a * b, 1);
    });
    checkFinite(values, optimizerFile);
    const carriedBytes = parts.get('carried.bin');
    const carriedFile = folder.path('carried.bin');
    const carriedValues =
      manifest.carried && carriedBytes
        ? floatsOf(
            carriedBytes,
            carriedFile,
            manifest.carried.map((c) => c.shape),
            file,
          )
        : undefined;
    if (carriedValues) checkFinite(carriedValues, carriedFile);
    const optimizerState = tensorsOf(
      values,
      manifest.optimizer.map((w) => w.shape),
      manifest.optimizer.map((w) => w.dtype),
    ).map((tensor, i) => ({ name: manifest.optimizer[i].name, tensor }));
    const where = folder.where;
    if (!manifest.carried || !carriedValues) return { folder: where, model, optimizerState, manifest };
    const carried = tensorsOf(
      carriedValues,
      manifest.carried.map((c) => c.shape),
    );
    return { folder: where, model, optimizerState, manifest, carried };
  } catch (err) {
    model.dispose();
    throw err;
  }
}
