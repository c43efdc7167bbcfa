import * as tf from '@tensorflow/tfjs';
import cases from './training-step.bench';

describe('training-step benchmarks', () => {
  it("runs every config on the project's kernels (native, wasm) and on stock tfjs, the PyTorch anchor's configs among them", () => {
    const configs = [...new Set(cases.map((c) => c.config))];
    expect(configs).toEqual(expect.arrayContaining(['parity', 'charlm-128', 'addition', 'charlm-512x2']));
    for (const config of configs) {
      expect(cases.filter((c) => c.config === config).map((c) => c.impl)).toEqual(['rnn', 'wasm', 'tfjs']);
    }
    expect(cases.filter((c) => c.must !== undefined || c.mustWasm !== undefined).map((c) => c.anchor)).not.toContain(
      undefined,
    );
  });

  it.each([
    // What ran names the provider and how it was built, e.g. "native addon (avx512f, 2 threads)".
    ['parity rnn', /^cpu, (native sequence kernel \(native addon \(.+\)\)|js sequence kernel \(.+\))$/],
    ['parity wasm', /^cpu, wasm sequence kernel \(WebAssembly SIMD .+\)$/],
    ['parity tfjs', /^cpu, tfjs-layers /],
    ['addition rnn', /^cpu, (native sequence kernel \(native addon \(.+\)\)|js sequence kernel \(.+\))$/],
  ])('%s: a step trains and leaks nothing', async (name, ran) => {
    const c = cases.find((k) => k.name === name)!;
    await c.setup();
    await c.run();
    const before = tf.memory().numTensors;
    await c.run();
    await c.run();
    expect(tf.memory().numTensors).toBe(before);
    expect(c.describe()).toMatch(ran);
    c.teardown();
  });
});
