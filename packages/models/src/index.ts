/**
 * Recurrent cells and architectures on TensorFlow.js, the step API, save/load and backend selection.
 * Everything that touches tfjs lives in this package.
 *
 * @packageDocumentation
 */
export { useBackend, automaticOrder } from './backend/use-backend';
export type { BackendSelection } from './backend/use-backend';
export { describeBackends } from './backend/describe-backends';
export type { BackendStatus } from './backend/describe-backends';
export type { BackendCheck } from './backend/check-backend';
export type { BackendOptions } from './backend/activate-backend';
export { BackendUnavailableError } from './backend/backend-unavailable-error';
export { backendNames, backendPackages, isBackendName } from './backend/backend-name';
export type { BackendName } from './backend/backend-name';
export { probeTraining } from './backend/probe-training';
export { quietTfjsWarnings } from './backend/quiet-tfjs-warnings';
export { detectRuntime } from './backend/runtime';
export type { Runtime } from './backend/runtime';
export { tfjsVersion } from './tfjs-version';
export { createCell } from './cells/create-cell';
export { cellKinds } from './cells/cell-spec';
export { validateCellSpec } from './cells/validate-cell-spec';
export { knownCellKinds, registerCellKind } from './cells/cell-kinds';
export type { CellKindDefinition } from './cells/cell-kinds';
export type { CellKind, CellSpec, CellInit, ElmanActivation } from './cells/cell-spec';
export type { RecurrentCell, CellState, SequenceResult } from './cells/recurrent-cell';
export type { EmbeddedTokens } from './kernels/fused-sequence';
export type { CellMath } from './cells/cell-math';
export type { GatedUpdate } from './cells/cell-math';
export { lstmGateNames } from './cells/lstm-math';
export { gruGateNames } from './cells/gru-math';
export { SequenceModel } from './architectures/sequence-model';
export { LanguageModel } from './architectures/language-model';
export type { LanguageModelState } from './architectures/language-model';
export type { ForwardOptions, ForwardResult } from './architectures/sequence-model';
export { validateSequenceModelSpec } from './architectures/model-spec';
export type { SequenceArchitecture, SequenceModelSpec } from './architectures/model-spec';
export { RecurrentStack, validateStackSpec } from './layers/recurrent-stack';
export type { StackSpec, StackForwardOptions } from './layers/recurrent-stack';
export { InputEncoder } from './layers/input-encoder';
export { encodedSize, validateInputSpec } from './layers/input-spec';
export type { InputSpec } from './layers/input-spec';
export { Dense } from './layers/dense';
export {
  modelFiles,
  modelFormatVersion,
  modelFromArtifacts,
  modelFromFolder,
  modelToArtifacts,
  weightsFileName,
} from './io/model-artifacts';
export type { ModelArtifactNames, ModelArtifacts, ModelJson } from './io/model-artifacts';
export { toLayersModel, exportMasksPadding } from './io/export-layers-model';
export { layersExport, layersModelFileName, layersWeightsFileName, rnnSpecFileName } from './io/layers-model-files';
export type { RnnSpecJson } from './io/layers-model-files';
export type { LayersExportOptions } from './io/export-layers-model';
export { Seq2SeqModel, seq2seqStartId } from './architectures/seq2seq-model';
export type { Seq2SeqForwardOptions, Seq2SeqForwardResult } from './architectures/seq2seq-model';
export { seq2seqDecoderInputs, validateSeq2SeqModelSpec } from './architectures/seq2seq-spec';
export type { Seq2SeqDecoderInput, Seq2SeqModelSpec } from './architectures/seq2seq-spec';
export { GeneratorModel } from './architectures/generator-model';
export type { GeneratorForwardOptions, GeneratorForwardResult } from './architectures/generator-model';
export { generatorInjects, validateGeneratorModelSpec } from './architectures/generator-spec';
export type { GeneratorInject, GeneratorModelSpec } from './architectures/generator-spec';
export { buildModel } from './architectures/build-model';
export type { ModelSpec, RecurrentModel } from './architectures/build-model';
export { recordHiddenStates } from './inspect/record-hidden-states';
export type { HiddenStateRecord, RecordHiddenStatesOptions } from './inspect/record-hidden-states';
export type { GateRecord, LayerRecord } from './inspect/stack-recorder';
export {
  activeSequenceKernel,
  kernelChoices,
  sequenceKernelChoices,
  useSequenceKernel,
} from './kernels/kernel-registry';
export type { ActiveSequenceKernel, KernelChoice, SequenceKernelChoice } from './kernels/kernel-registry';
export { loadWasmKernels, loadWasmKernelsAsync, unloadWasmKernels } from './kernels/load-wasm-kernels';
export type { WasmKernelStatus } from './kernels/load-wasm-kernels';
export type { KernelPackageStatus } from './kernels/offer-kernel-package';
export {
  createScratchElman,
  scratchActivations,
  scratchBackward,
  scratchBinaryCrossEntropy,
  scratchForward,
  scratchGenerate,
  scratchGenerateBackward,
  scratchMeanSquaredError,
  scratchOutputs,
  scratchSigmoid,
  scratchWeightList,
  scratchWeightNames,
  scratchZeroGradients,
  validateScratchElmanSpec,
} from './scratch/scratch-elman';
export type {
  ScratchActivation,
  ScratchArray,
  ScratchElman,
  ScratchElmanSpec,
  ScratchElmanWeights,
  ScratchGenerationPass,
  ScratchLoss,
  ScratchOutput,
  ScratchSequencePass,
} from './scratch/scratch-elman';
export { createScratchAdam } from './scratch/scratch-adam';
export type { ScratchAdam, ScratchAdamOptions } from './scratch/scratch-adam';
