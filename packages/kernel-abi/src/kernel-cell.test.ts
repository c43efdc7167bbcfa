import {
  gatesOf,
  isKernelCell,
  kernelCellCode,
  kernelCellDefinition,
  kernelCells,
  savedGatesWidth,
  stateSizeOf,
} from './index';

describe('the kernel cell table', () => {
  it('gives every cell a distinct code, in code order from 0', () => {
    expect(kernelCells.map(kernelCellCode)).toEqual(kernelCells.map((_, i) => i));
  });

  it('sizes the buffers of each cell', () => {
    expect(kernelCells.map((c) => [c, gatesOf(c), stateSizeOf(c), savedGatesWidth(c, 8)])).toEqual([
      ['elman-tanh', 1, 1, 8],
      ['elman-relu', 1, 1, 8],
      ['elman-linear', 1, 1, 8],
      ['lstm', 4, 2, 40],
      ['gru', 3, 1, 24],
    ]);
  });

  it('refuses a name outside it, naming the cells there are', () => {
    expect(isKernelCell('lstm')).toBe(true);
    expect(isKernelCell('toString')).toBe(false);
    expect(isKernelCell(3)).toBe(false);
    expect(() => kernelCellDefinition('mgu')).toThrow(
      'kernel cell must be one of elman-tanh, elman-relu, elman-linear, lstm, gru, got "mgu"',
    );
  });
});
