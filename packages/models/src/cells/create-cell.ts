import type { Rng } from '@rnn/datasets';
import type { CellSpec } from './cell-spec';
import { validateCellSpec } from './validate-cell-spec';
import { cellMathOf } from './cell-kinds';
import type { RecurrentCell } from './recurrent-cell';
import { SequenceCell } from './sequence-cell';

/**
 * Builds a cell from its spec, drawing the initial weights from `rng` (fork `init` of the run's seed),
 * so one seed gives the same network on every backend.
 *
 * @example
 * const cell = createCell({ kind: 'lstm', units: 128, inputSize: 64 }, createRng(42).fork('init'));
 * const { outputs, state } = cell.forward(x, { lengths });
 */
export function createCell(spec: CellSpec, rng: Rng): RecurrentCell {
  validateCellSpec(spec);
  return new SequenceCell(spec, cellMathOf(spec), rng);
}
