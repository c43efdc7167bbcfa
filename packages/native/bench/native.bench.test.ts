import { isNativeAvailable, loadNativeKernels } from '../src';
import cases from './native.bench';

describe('native benchmarks', () => {
  it('exports sgemm and fused-sequence cases for the root harness when the addon is built, none otherwise', () => {
    if (!isNativeAvailable(loadNativeKernels())) {
      expect(cases).toEqual([]);
      return;
    }
    expect(cases.map((c) => c.name.split(' ')[0])).toEqual(expect.arrayContaining(['sgemm', 'lstm-128', 'gru-128']));
    for (const c of cases) expect(typeof c.run).toBe('function');
  });
});
