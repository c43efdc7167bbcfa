// Node only: exported from `@rnn/training/node`.
import { loadCheckpoint } from './checkpoint';
import { checkRunCheckpoint, type RunCheckpoint } from './run-checkpoint';

export type { RunCheckpoint } from './run-checkpoint';

/**
 * Loads the latest checkpoint of a run folder written by `rnn train --out` (see {@link
 * loadCheckpoint}) and checks that its parts belong together (`checkRunCheckpoint`). The
 * caller disposes the model, optimizer state and carried state.
 *
 * @throws RangeError, one line naming the file and the field.
 */
export async function loadRunCheckpoint(dir: string): Promise<RunCheckpoint> {
  return checkRunCheckpoint(await loadCheckpoint(dir));
}
