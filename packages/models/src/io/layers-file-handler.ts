// Node only: exported from `@rnn/models/node`, so the main entry point stays safe to bundle.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '@rnn/datasets/node';
import type { RecurrentModel } from '../architectures/build-model';
import type { LayersExportOptions } from './export-layers-model';
import {
  layersExport,
  layersModelFileName,
  layersModelJson,
  layersWeightBytes,
  layersWeightsFileName,
  rnnSpecFileName,
} from './layers-model-files';

/** Bytes per element of each weight dtype tfjs writes (quantized weights by their stored dtype). */
const bytesPerElement: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
  complex64: 8,
};

/** The byte size of a weights manifest's data, or a RangeError for a spec it cannot size. */
function expectedWeightBytes(specs: readonly tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((sum, spec) => {
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const size = bytesPerElement[dtype];
    if (size === undefined || !Array.isArray(spec.shape)) {
      throw new RangeError(`model.json's weight ${JSON.stringify(spec.name)} has an unsupported dtype or shape`);
    }
    return sum + size * spec.shape.reduce((n, d) => n * d, 1);
  }, 0);
}

/** Reads a file, turning "not there" into a RangeError that names what is missing. */
async function readRequired(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') {
      throw new RangeError(`no model in ${path.dirname(file)}: ${what} is missing`);
    }
    throw err;
  }
}

/**
 * A tfjs IOHandler that saves and loads a layers model in folder `dir` in tfjs's own format
 * (`model.json` with the topology and weights manifest, and `weights.bin`), with no need for
 * @tensorflow/tfjs-node: `await layersModel.save(layersFileHandler(dir))` and
 * `await tf.loadLayersModel(layersFileHandler(dir))`. The folder is what `tfjs-node`'s `file://`
 * handler writes, so Python's tensorflowjs converter reads it too.
 *
 * Each file is written atomically (a crash never leaves half a file), weights first, so model.json
 * never names weights that are not fully on disk. A crash between the two leaves the new weights
 * beside the old model.json: loading then fails on the size check when the shapes changed, but when
 * re-saving the same architecture it would pair them silently (the tfjs format has no checksum).
 * Loading checks the files before tfjs sees them: a folder without model.json, invalid JSON, a file
 * that is not a tfjs model, a missing weights file or one of the wrong size is a one-line RangeError.
 */
export function layersFileHandler(dir: string): tf.io.IOHandler {
  if (typeof dir !== 'string' || dir.length === 0) throw new RangeError('dir must be a non-empty folder path');
  const modelFile = path.join(dir, layersModelFileName);

  const save = async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
    if (artifacts.modelTopology instanceof ArrayBuffer || artifacts.modelTopology == null) {
      throw new RangeError('layersFileHandler saves layers models only (a JSON modelTopology)');
    }
    const weights = layersWeightBytes(artifacts);
    const json = layersModelJson(artifacts);
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(path.join(dir, layersWeightsFileName), weights);
    await writeFileAtomic(modelFile, `${JSON.stringify(json)}\n`);
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  };

  const load = async (): Promise<tf.io.ModelArtifacts> => {
    const text = (await readRequired(modelFile, layersModelFileName)).toString('utf8');
    let json: Partial<tf.io.ModelJSON> | null;
    try {
      json = JSON.parse(text);
    } catch {
      throw new RangeError(`${modelFile} is not valid JSON`);
    }
    if (
      json === null ||
      typeof json !== 'object' ||
      json.modelTopology === null ||
      typeof json.modelTopology !== 'object' ||
      !Array.isArray(json.weightsManifest)
    ) {
      throw new RangeError(`${modelFile} is not a tfjs layers model (it needs modelTopology and weightsManifest)`);
    }
    const manifest = json.weightsManifest;
    const files = manifest.flatMap((group) => (Array.isArray(group?.paths) ? group.paths : [undefined]));
    const parts: Buffer[] = [];
    for (const file of files) {
      // A manifest names files beside it; anything else is a foreign or hostile model.json.
      if (typeof file !== 'string' || file === '' || path.isAbsolute(file) || file.split(/[\\/]/).includes('..')) {
        throw new RangeError(`${modelFile} lists a weights path ${JSON.stringify(file)} outside its folder`);
      }
      parts.push(await readRequired(path.join(dir, file), file));
    }
    const weightSpecs = manifest.flatMap((group) => (Array.isArray(group.weights) ? group.weights : []));
    const expected = expectedWeightBytes(weightSpecs);
    const bytes = Buffer.concat(parts);
    if (bytes.byteLength !== expected) {
      throw new RangeError(
        `${files.join(', ')} in ${dir} has ${bytes.byteLength} bytes; model.json's weights need ${expected}`,
      );
    }
    // A fresh ArrayBuffer of exactly the weights: Node may hand back a slice of a larger shared pool.
    const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return tf.io.getModelArtifactsForJSONSync(json as tf.io.ModelJSON, weightSpecs, weightData);
  };

  return { save, load };
}

/**
 * Exports `model` to folder `dir` as a tfjs layers model (`model.json` + `weights.bin`, loadable by
 * `tf.loadLayersModel` and the tensorflowjs converter, see {@link toLayersModel}) and writes our spec
 * beside it as `rnn-spec.json`. The temporary layers model is disposed before returning.
 *
 * @example
 * await exportLayersModel(model, 'out/export');
 * const layers = await tf.loadLayersModel(layersFileHandler('out/export'));
 */
export async function exportLayersModel(
  model: RecurrentModel,
  dir: string,
  options: LayersExportOptions = {},
): Promise<tf.io.SaveResult> {
  const { files, result } = await layersExport(model, options);
  await mkdir(dir, { recursive: true });
  // Weights first, as layersFileHandler writes them, then the files that name them.
  for (const name of [layersWeightsFileName, layersModelFileName, rnnSpecFileName]) {
    await writeFileAtomic(path.join(dir, name), files.get(name) as Uint8Array);
  }
  return result;
}
