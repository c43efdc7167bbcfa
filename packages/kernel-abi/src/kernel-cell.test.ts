import {
  gatesOf,
  hasRecurrentBias,
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
    const rows = kernelCells.map((c) => [c, gatesOf(c), stateSizeOf(c), savedGatesWidth(c, 8), hasRecurrentBias(c)]);
    expect(rows).toEqual([
      ['elman-tanh', 1, 1, 8, false],
      ['elman-relu', 1, 1, 8, false],
      ['elman-linear', 1, 1, 8, false],
      ['lstm', 4, 2, 40, false],
      ['gru', 3, 1, 24, false],
      ['gru-reset-after', 3, 1, 32, true],
    ]);
  });

  it('refuses a name outside it, naming the cells there are', () => {
    expect(isKernelCell('lstm')).toBe(true);
    expect(isKernelCell('toString')).toBe(false);
    expect(isKernelCell(3)).toBe(false);
    expect(() => kernelCellDefinition('mgu')).toThrow(
      'kernel cell must be one of elman-tanh, elman-relu, elman-linear, lstm, gru, gru-reset-after, got "mgu"',
    );
  });
});
