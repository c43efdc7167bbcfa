import type { Rng } from '@rnn/datasets';
import { validateCellSpec, type CellSpec } from './cell-spec';
import { elmanMath } from './elman-math';
import { gruMath } from './gru-math';
import { lstmMath } from './lstm-math';
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
  const math = spec.kind === 'lstm' ? lstmMath : spec.kind === 'gru' ? gruMath : elmanMath(spec.activation ?? 'tanh');
  return new SequenceCell(spec, math, rng);
}
