/**
 * The Node entry point of @rnn/training: everything of the main entry point plus checkpoints on disk.
 *
 * @packageDocumentation
 */
export * from './index';
export { checkpointVersion, loadCheckpoint, saveCheckpoint } from './checkpoint/checkpoint';
export type { Checkpoint, CheckpointFile, CheckpointManifest } from './checkpoint/checkpoint';
export { loadRunCheckpoint } from './checkpoint/load-run-checkpoint';
export type { RunCheckpoint } from './checkpoint/load-run-checkpoint';
export {
  isLanguageModelRunRecord,
  languageModelRunRecord,
  languageModelRunRecordSchema,
  parseRunRecord,
  recipeRunRecord,
  recipeRunRecordSchema,
} from './checkpoint/run-record';
export type { LanguageModelRunRecord, RecipeRunRecord, RunRecord } from './checkpoint/run-record';
export { loadLanguageModelRun } from './checkpoint/load-language-model-run';
export type { LanguageModelRun } from './checkpoint/load-language-model-run';
export { defaultPrime } from './checkpoint/default-prime';
