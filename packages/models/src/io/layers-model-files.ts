import * as tf from '@tensorflow/tfjs';
import { utf8Bytes } from '@rnn/datasets';
import type { RecurrentModel } from '../architectures/build-model';
import type { SequenceModelSpec } from '../architectures/model-spec';
import { SequenceModel } from '../architectures/sequence-model';
import { exportMasksPadding, toLayersModel, type LayersExportOptions } from './export-layers-model';

/** The tfjs model file of a layers export: topology and weights manifest. */
export const layersModelFileName = 'model.json';
/** The weights file of a saved layers model, listed in its `weightsManifest`. */
export const layersWeightsFileName = 'weights.bin';
/** The file written next to the tfjs files of an export: our spec, to rebuild our model. */
export const rnnSpecFileName = 'rnn-spec.json';

/** The contents of `rnn-spec.json`. */
export interface RnnSpecJson {
  readonly format: 'rnn-spec';
  readonly version: 1;
  readonly spec: SequenceModelSpec;
  /** Whether the exported layers model masks padding (see {@link LayersExportOptions.maskZero}). */
  readonly maskZero: boolean;
}

/** The weights of saved artifacts as one run of bytes, in manifest order. */
export function layersWeightBytes(artifacts: tf.io.ModelArtifacts): Uint8Array {
  return new Uint8Array(
    artifacts.weightData == null ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData),
  );
}

/** The `model.json` tfjs writes for saved artifacts, its weights in one {@link layersWeightsFileName}. */
export function layersModelJson(artifacts: tf.io.ModelArtifacts): tf.io.ModelJSON {
  if (artifacts.modelTopology instanceof ArrayBuffer || artifacts.modelTopology == null) {
    throw new RangeError('a layers export saves layers models only (a JSON modelTopology)');
  }
  return {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    // null says "saved by tfjs itself, not converted", as tfjs's own handlers write it.
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [layersWeightsFileName], weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.signature ? { signature: artifacts.signature } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
}

/**
 * A model as the three files of a tfjs layers export, in memory: `model.json` and `weights.bin`
 * (what `tf.loadLayersModel` and the tensorflowjs converter read, see {@link toLayersModel}) and
 * `rnn-spec.json` (our spec, to rebuild our model). A browser zips or downloads them; Node's
 * `exportLayersModel` writes them to a folder. The temporary layers model is disposed before returning.
 */
export async function layersExport(
  model: RecurrentModel,
  options: LayersExportOptions = {},
): Promise<{ files: Map<string, Uint8Array>; result: tf.io.SaveResult }> {
  if (!(model instanceof SequenceModel)) {
    throw new RangeError(
      `export supports classifier, tagger and lm models; a ${model.spec.architecture} model has no tfjs layers equivalent yet`,
    );
  }
  const files = new Map<string, Uint8Array>();
  const capture: tf.io.IOHandler = {
    save: async (artifacts) => {
      files.set(layersWeightsFileName, layersWeightBytes(artifacts));
      files.set(layersModelFileName, utf8Bytes(`${JSON.stringify(layersModelJson(artifacts))}\n`));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
  const layersModel = toLayersModel(model, options);
  let result: tf.io.SaveResult;
  try {
    result = await layersModel.save(capture);
  } finally {
    layersModel.dispose();
  }
  const spec: RnnSpecJson = {
    format: 'rnn-spec',
    version: 1,
    spec: model.spec,
    maskZero: exportMasksPadding(model.spec, options),
  };
  files.set(rnnSpecFileName, utf8Bytes(`${JSON.stringify(spec, null, 2)}\n`));
  return { files, result };
}
