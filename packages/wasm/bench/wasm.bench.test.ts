import { isWasmAvailable, loadWasmKernels } from '../src';
import cases from './wasm.bench';

describe('wasm benchmarks', () => {
  it('exports sgemm and fused-sequence cases for the root harness when the module loads, none otherwise', () => {
    if (!isWasmAvailable(loadWasmKernels())) {
      expect(cases).toEqual([]);
      return;
    }
    expect(cases.map((c) => c.name.split(' ')[0])).toEqual(expect.arrayContaining(['sgemm', 'lstm-128', 'gru-128']));
    for (const c of cases) expect(typeof c.run).toBe('function');
  });
});
