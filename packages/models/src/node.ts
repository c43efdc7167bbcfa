/**
 * The Node entry point of @rnn/models: everything of the main entry point plus saving and loading
 * models on disk. Browser code imports `@rnn/models`, which never touches `fs`.
 *
 * @packageDocumentation
 */
export * from './index';
export { loadModel, saveModel } from './io/model-directory';
export { layersFileHandler, exportLayersModel } from './io/layers-file-handler';
export { loadNativeKernels, unloadNativeKernels } from './kernels/load-native-kernels';
export { describeMachine } from './backend/describe-machine';
export type { NativeKernelStatus } from './kernels/load-native-kernels';
export { loadFastestKernels } from './kernels/load-fastest-kernels';
export type { FastestKernels } from './kernels/load-fastest-kernels';
