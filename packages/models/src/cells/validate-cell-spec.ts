import { cellKindDefinition } from './cell-kinds';
import type { CellSpec } from './cell-spec';

/** Checks a cell spec, tfjs-core style: a RangeError naming the field and what is allowed. */
export function validateCellSpec(spec: CellSpec): void {
  cellKindDefinition(spec.kind);
  for (const field of ['units', 'inputSize'] as const) {
    const value = spec[field];
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`cell ${field} must be an integer >= 1, got ${value}`);
    }
  }
  if (spec.activation !== undefined) {
    if (spec.kind !== 'elman') {
      throw new RangeError(`cell activation applies to kind 'elman' only, got kind '${spec.kind}'`);
    }
    if (!['tanh', 'relu', 'linear'].includes(spec.activation)) {
      throw new RangeError(`cell activation must be one of tanh, relu, linear, got ${JSON.stringify(spec.activation)}`);
    }
  }
  if (spec.init !== undefined && !['pytorch', 'glorot'].includes(spec.init)) {
    throw new RangeError(`cell init must be one of pytorch, glorot, got ${JSON.stringify(spec.init)}`);
  }
  if (spec.resetAfter !== undefined) {
    if (spec.kind !== 'gru') {
      throw new RangeError(`cell resetAfter applies to kind 'gru' only, got kind '${spec.kind}'`);
    }
    if (typeof spec.resetAfter !== 'boolean') {
      throw new RangeError(`cell resetAfter must be true or false, got ${JSON.stringify(spec.resetAfter)}`);
    }
  }
}
