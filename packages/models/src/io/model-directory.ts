// Node only: exported from `@rnn/models/node`, so the main entry point stays safe to bundle.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { folderOnDisk, writeFileAtomic } from '@rnn/datasets/node';
import type { RecurrentModel } from '../architectures/build-model';
import { modelFiles, modelFromFolder, weightsFileName } from './model-artifacts';

/**
 * Saves `model` into folder `dir` as `model.json` (spec + tfjs weights manifest) and `weights.bin`.
 * Each file is written atomically, weights first: a kill mid-save leaves either the old pair or a new
 * weights file that the old model.json's hash rejects, never a silently mixed model.
 */
export async function saveModel(model: RecurrentModel, dir: string): Promise<void> {
  const files = modelFiles(model);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, weightsFileName), files.get(weightsFileName) as Uint8Array);
  await writeFileAtomic(path.join(dir, 'model.json'), files.get('model.json') as Uint8Array);
}

/**
 * Loads a model saved by {@link saveModel}; a missing, foreign or damaged folder is a one-line
 * RangeError naming the file (by its path in `dir`) and the field at fault.
 */
export function loadModel(dir: string): Promise<RecurrentModel> {
  return modelFromFolder(folderOnDisk(dir));
}
