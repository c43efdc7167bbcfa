import * as tf from '@tensorflow/tfjs';
import cases from './sampling-speed.bench';

describe('sampling-speed benchmarks', () => {
  it('times greedy and top-p sampling, each against its line of the PyTorch anchor', () => {
    expect(cases.map((c) => c.sampling)).toEqual(['greedy', 'top-p 0.9']);
    expect(cases.map((c) => c.anchor)).toEqual(['sample-lstm-512x2-greedy', 'sample-lstm-512x2-top-p']);
    for (const c of cases) expect(c.work).toEqual({ count: 300, unit: 'chars' });
  });

  it('a run generates every character on the cpu backend and leaks nothing', async () => {
    const c = cases[1];
    await c.setup();
    await c.run();
    const before = tf.memory().numTensors;
    await c.run();
    expect(tf.memory().numTensors).toBe(before);
    expect(c.describe()).toMatch(/^cpu, (native addon|wasm kernels|no compiled kernels)/);
    c.teardown();
  });
});
