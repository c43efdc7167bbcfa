import { isKernelCell, type KernelCell } from '@rnn/kernel-abi';
import type { CellMath } from './cell-math';
import { gruResetsAfter, type CellSpec } from './cell-spec';
import { elmanMath } from './elman-math';
import { gruMath, gruResetAfterMath } from './gru-math';
import { lstmMath } from './lstm-math';

/** What the toolkit needs to know of a kind of cell: its math, and which fused kernel runs it. */
export interface CellKindDefinition {
  /** The arithmetic of a cell of this kind with `spec`'s options. */
  math(spec: CellSpec): CellMath;
  /**
   * The fused kernels' cell that computes exactly this math, or undefined (or a cell outside the
   * kernel table) to run on the reference loop of `math`.
   */
  kernelCell?(spec: CellSpec): KernelCell | undefined;
}

/** The built-in kinds: the one place a cell's kind meets its math and its kernel. */
const builtInKinds: Readonly<Record<string, CellKindDefinition>> = {
  elman: {
    math: (spec) => elmanMath(spec.activation ?? 'tanh'),
    kernelCell: (spec) => `elman-${spec.activation ?? 'tanh'}` as KernelCell,
  },
  simple: { math: () => elmanMath('tanh'), kernelCell: () => 'elman-tanh' },
  lstm: { math: () => lstmMath, kernelCell: () => 'lstm' },
  gru: {
    math: (spec) => (gruResetsAfter(spec) ? gruResetAfterMath : gruMath),
    kernelCell: (spec) => (gruResetsAfter(spec) ? 'gru-reset-after' : 'gru'),
  },
};

const kinds = new Map<string, CellKindDefinition>(Object.entries(builtInKinds));

/**
 * Adds a kind of cell of one's own: `createCell({ kind, ... })` then builds it with `definition`'s
 * math, and models stack it like any other. Without a `kernelCell` it runs on the reference loop of
 * its math on every backend (never on another cell's kernel). The built-in kinds cannot be replaced.
 *
 * @example
 * registerCellKind('sigmoid-elman', { math: () => sigmoidElmanMath });
 */
export function registerCellKind(kind: string, definition: CellKindDefinition): void {
  if (typeof kind !== 'string' || kind.length === 0) {
    throw new RangeError(`cell kind must be a non-empty string, got ${JSON.stringify(kind)}`);
  }
  if (kind in builtInKinds)
    throw new RangeError(`cell kind ${JSON.stringify(kind)} is built in and cannot be replaced`);
  if (typeof definition?.math !== 'function') {
    throw new RangeError(`cell kind ${JSON.stringify(kind)}: its definition must have a math(spec) function`);
  }
  kinds.set(kind, definition);
}

/** Every kind a spec may name now: the built-in ones, then those registered. */
export function knownCellKinds(): readonly string[] {
  return [...kinds.keys()];
}

/** The definition of `kind`; a RangeError naming the kinds there are when it is none of them. */
export function cellKindDefinition(kind: string): CellKindDefinition {
  const definition = kinds.get(kind);
  if (definition === undefined) {
    throw new RangeError(`cell kind must be one of ${knownCellKinds().join(', ')}, got ${JSON.stringify(kind)}`);
  }
  return definition;
}

/** The math of a spec's cell. */
export function cellMathOf(spec: CellSpec): CellMath {
  return cellKindDefinition(spec.kind).math(spec);
}

/**
 * The fused kernels' name for a spec's cell, or undefined for a cell they do not implement: such a
 * cell runs on the reference loop of its own math, never on the kernel of another cell.
 */
export function kernelCellOf(spec: CellSpec): KernelCell | undefined {
  const cell = kinds.get(spec.kind)?.kernelCell?.(spec);
  return isKernelCell(cell) ? cell : undefined;
}
