import * as tf from '@tensorflow/tfjs';
import cases from './training-step.bench';

describe('training-step benchmarks', () => {
  it("runs every config on the project's kernels and on stock tfjs, the PyTorch anchor's configs among them", () => {
    const configs = [...new Set(cases.map((c) => c.config))];
    expect(configs).toEqual(expect.arrayContaining(['parity', 'charlm-128', 'addition', 'charlm-512x2']));
    for (const config of configs) {
      expect(cases.filter((c) => c.config === config).map((c) => c.impl)).toEqual(['rnn', 'tfjs']);
    }
    expect(cases.filter((c) => c.must !== undefined).map((c) => c.anchor)).not.toContain(undefined);
  });

  it.each(['parity rnn', 'parity tfjs', 'addition rnn'])('%s: a step trains and leaks nothing', async (name) => {
    const c = cases.find((k) => k.name === name)!;
    await c.setup();
    await c.run();
    const before = tf.memory().numTensors;
    await c.run();
    await c.run();
    expect(tf.memory().numTensors).toBe(before);
    expect(c.describe()).toMatch(/^cpu, /);
    c.teardown();
  });
});
