/**
 * The Node entry point of @rnn/training: everything of the main entry point plus checkpoints on disk.
 *
 * @packageDocumentation
 */
export * from './index';
export { loadCheckpoint, saveCheckpoint } from './checkpoint/checkpoint';
export { loadRunCheckpoint } from './checkpoint/load-run-checkpoint';
export { loadLanguageModelRun } from './checkpoint/load-language-model-run';
export type { LanguageModelRun } from './checkpoint/load-language-model-run';
export { defaultPrime } from './checkpoint/default-prime';
