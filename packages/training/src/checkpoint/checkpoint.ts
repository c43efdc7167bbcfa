// Node only: exported from `@rnn/training/node`.
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '@rnn/datasets/node';
import { loadModel, saveModel, type RecurrentModel } from '@rnn/models/node';
import type { EpochRecord, OptimizerState } from '../fit/fit';

/** What a checkpoint records besides the weights: enough to resume the run exactly. */
export interface CheckpointManifest {
  readonly format: 'rnn-checkpoint';
  readonly version: 1;
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
  /** Anything the caller needs to rebuild the run (recipe, seed, overrides, backend). */
  readonly run: Readonly<Record<string, unknown>>;
}

/** A loaded checkpoint. */
export interface Checkpoint {
  readonly model: RecurrentModel;
  readonly optimizerState: OptimizerState;
  readonly manifest: CheckpointManifest;
  /** The carried state tensors, when the run saved some (the caller disposes them). */
  readonly carried?: tf.Tensor[];
}

const pointerFile = 'latest.json';
const folderOf = (epoch: number, step?: number) =>
  step === undefined ? `epoch-${String(epoch).padStart(5, '0')}` : `step-${String(step).padStart(8, '0')}`;
const checkpointFolder = /^(epoch|step)-\d+$/;

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

/**
 * Saves a checkpoint into a fresh folder `dir/epoch-NNNNN` and only then points `dir/latest.json`
 * at it (an atomic rename), so a kill at any moment leaves the last good checkpoint whole; older
 * checkpoint folders are removed afterwards.
 */
export async function saveCheckpoint(
  dir: string,
  state: {
    model: RecurrentModel;
    optimizer: tf.Optimizer;
    epoch: number;
    history: readonly EpochRecord[];
    run: Record<string, unknown>;
    /** Steps done in all, for a run that may stop between epochs (see {@link CheckpointManifest.step}). */
    step?: number;
    /** State carried between steps (see {@link CheckpointManifest.carried}). */
    carried?: readonly tf.Tensor[];
  },
): Promise<void> {
  const folder = folderOf(state.epoch, state.step);
  const target = path.join(dir, folder);
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  await saveModel(state.model, target);
  const named = await state.optimizer.getWeights();
  const packed = packFloats(named.map((w) => w.tensor));
  // getWeights hands out the optimizer's live accumulators; only its iteration count is a fresh tensor.
  tf.dispose(named.filter((w) => w.name === 'iter').map((w) => w.tensor));
  await writeFileAtomic(path.join(target, 'optimizer.bin'), packed);
  if (state.carried) await writeFileAtomic(path.join(target, 'carried.bin'), packFloats(state.carried));
  const manifest: CheckpointManifest = {
    format: 'rnn-checkpoint',
    version: 1,
    epoch: state.epoch,
    ...(state.step !== undefined ? { step: state.step } : {}),
    history: state.history,
    optimizer: named.map((w) => ({
      name: w.name,
      shape: [...w.tensor.shape],
      dtype: w.tensor.dtype === 'int32' ? 'int32' : 'float32',
    })),
    ...(state.carried ? { carried: state.carried.map((t) => ({ shape: [...t.shape] })) } : {}),
    run: state.run,
  };
  await writeFileAtomic(path.join(target, 'checkpoint.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFileAtomic(path.join(dir, pointerFile), `${JSON.stringify({ folder })}\n`);
  for (const entry of await readdir(dir)) {
    if (checkpointFolder.test(entry) && entry !== folder)
      await rm(path.join(dir, entry), { recursive: true, force: true });
  }
}

/**
 * Loads the latest checkpoint of `dir`. A folder without one, or with a damaged one, is a RangeError
 * that says so; nothing in the folder is changed.
 */
export async function loadCheckpoint(dir: string): Promise<Checkpoint> {
  let pointer: { folder?: unknown };
  try {
    pointer = JSON.parse(await readFile(path.join(dir, pointerFile), 'utf8'));
  } catch (err) {
    const missing = (err as { code?: string }).code === 'ENOENT';
    throw new RangeError(
      `${dir} ${missing ? 'holds no checkpoint (latest.json is missing)' : 'has a damaged latest.json'}`,
    );
  }
  if (typeof pointer.folder !== 'string' || !checkpointFolder.test(pointer.folder)) {
    throw new RangeError(`${dir} has a damaged latest.json (no checkpoint folder named)`);
  }
  const folder = path.join(dir, pointer.folder);
  let manifest: CheckpointManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(folder, 'checkpoint.json'), 'utf8'));
  } catch {
    throw new RangeError(`${folder}/checkpoint.json is missing or not valid JSON`);
  }
  if (manifest.format !== 'rnn-checkpoint' || manifest.version !== 1) {
    throw new RangeError(`${folder}/checkpoint.json is not an rnn checkpoint of version 1`);
  }
  const bytes = await readFile(path.join(folder, 'optimizer.bin')).catch(() => {
    throw new RangeError(`${folder}/optimizer.bin is missing`);
  });
  const values = new Float32Array(new Uint8Array(bytes).buffer);
  const expected = manifest.optimizer.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  if (values.length !== expected) {
    throw new RangeError(`${folder}/optimizer.bin holds ${values.length} values, checkpoint.json expects ${expected}`);
  }
  const model = await loadModel(folder);
  let offset = 0;
  const optimizerState = manifest.optimizer.map((w) => {
    const size = w.shape.reduce((a, b) => a * b, 1);
    const tensor = tf.tensor(values.subarray(offset, offset + size), [...w.shape], w.dtype);
    offset += size;
    return { name: w.name, tensor };
  });
  if (!manifest.carried) return { model, optimizerState, manifest };
  const carriedBytes = await readFile(path.join(folder, 'carried.bin')).catch(() => {
    tf.dispose(optimizerState.map((w) => w.tensor));
    model.dispose();
    throw new RangeError(`${folder}/carried.bin is missing`);
  });
  const carriedValues = new Float32Array(new Uint8Array(carriedBytes).buffer);
  const carriedExpected = manifest.carried.reduce((n, c) => n + c.shape.reduce((a, b) => a * b, 1), 0);
  if (carriedValues.length !== carriedExpected) {
    tf.dispose(optimizerState.map((w) => w.tensor));
    model.dispose();
    throw new RangeError(
      `${folder}/carried.bin holds ${carriedValues.length} values, checkpoint.json expects ${carriedExpected}`,
    );
  }
  let at = 0;
  const carried = manifest.carried.map((c) => {
    const size = c.shape.reduce((a, b) => a * b, 1);
    const tensor = tf.tensor(carriedValues.subarray(at, at + size), [...c.shape], 'float32');
    at += size;
    return tensor;
  });
  return { model, optimizerState, manifest, carried };
}
