import { machinesOf } from './machines-of';

describe('machinesOf', () => {
  it('names one machine when every record ran on it', () => {
    expect(
      machinesOf([
        { key: 'a', machine: 'X' },
        { key: 'b', machine: 'X' },
      ]),
    ).toBe('X');
  });

  it('names the main machine, then each other one with the rows it measured', () => {
    const records = [
      { key: 'sine', machine: 'Xeon' },
      { key: 'copy', machine: 'Xeon' },
      { key: 'addition-lstm', machine: 'EPYC' },
      { key: 'parity' },
    ];
    expect(machinesOf(records)).toBe('Xeon, except on EPYC (`addition-lstm`); an unrecorded machine (`parity`)');
  });
});
