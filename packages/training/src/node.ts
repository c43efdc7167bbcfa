/**
 * The Node entry point of @rnn/training: everything of the main entry point plus checkpoints on disk.
 *
 * @packageDocumentation
 */
export * from './index';
export { loadCheckpoint, saveCheckpoint } from './checkpoint/checkpoint';
export type { Checkpoint, CheckpointManifest } from './checkpoint/checkpoint';
