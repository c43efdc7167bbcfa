// Node only: exported from `@rnn/models/node`, so the main entry point stays safe to bundle.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '@rnn/datasets/node';
import type { RecurrentModel } from '../architectures/build-model';
import { modelFromArtifacts, modelToArtifacts, weightsFileName } from './model-artifacts';

/**
 * Saves `model` into folder `dir` as `model.json` (spec + tfjs weights manifest) and `weights.bin`.
 * Each file is written atomically, weights first: a kill mid-save leaves either the old pair or a new
 * weights file that the old model.json's hash rejects, never a silently mixed model.
 */
export async function saveModel(model: RecurrentModel, dir: string): Promise<void> {
  const { json, weights } = modelToArtifacts(model);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, weightsFileName), weights);
  await writeFileAtomic(path.join(dir, 'model.json'), `${JSON.stringify(json, null, 2)}\n`);
}

/**
 * Loads a model saved by {@link saveModel}; a missing, foreign or damaged folder is a one-line
 * RangeError naming the file (by its path in `dir`) and the field at fault.
 */
export async function loadModel(dir: string): Promise<RecurrentModel> {
  const jsonFile = path.join(dir, 'model.json');
  let text: string;
  try {
    text = await readFile(jsonFile, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new RangeError(`no model in ${dir}: model.json is missing`);
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RangeError(`${jsonFile} is not valid JSON`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, weightsFileName));
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT')
      throw new RangeError(`no weights in ${dir}: ${weightsFileName} is missing`);
    throw err;
  }
  return modelFromArtifacts(json, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    json: jsonFile,
    weights: path.join(dir, weightsFileName),
  });
}
