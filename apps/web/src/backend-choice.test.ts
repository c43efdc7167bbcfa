// The tensor count is read from tfjs itself: the page's code never imports it, but a leak is only
// visible there.
// eslint-disable-next-line @nx/enforce-module-boundaries
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, fastestBackend, measuredBackends, switchBackend, type BackendTrial } from './backend-choice';

describe('fastestBackend', () => {
  it('picks the fastest timed backend and gives every figure as its reason', () => {
    const trials: BackendTrial[] = [
      { name: 'cpu', msPerStep: 3.14 },
      { name: 'webgl', msPerStep: 41.2 },
    ];
    expect(fastestBackend(trials)).toEqual({
      name: 'cpu',
      reason: 'the fastest measured here on a training step of parity (cpu: 3.1 ms per step, webgl: 41 ms per step)',
      passedOver: [{ name: 'webgl', reason: 'slower: 41 ms per step' }],
    });
    expect(
      fastestBackend([
        { name: 'cpu', msPerStep: 50 },
        { name: 'webgl', msPerStep: 4 },
      ])?.name,
    ).toBe('webgl');
  });

  it('names a backend that could not start with its reason, and has no choice when none was timed', () => {
    const trials: BackendTrial[] = [
      { name: 'cpu', msPerStep: 3.1 },
      { name: 'webgl', reason: 'failed to start on this machine' },
    ];
    expect(fastestBackend(trials)).toMatchObject({
      name: 'cpu',
      reason: expect.stringContaining('(cpu: 3.1 ms per step, webgl: failed to start on this machine)'),
      passedOver: [{ name: 'webgl', reason: 'failed to start on this machine' }],
    });
    expect(fastestBackend([{ name: 'webgl', reason: 'failed to start on this machine' }])).toBeUndefined();
  });
});

describe('chooseBackend in Node', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('times cpu, names why webgl cannot start, keeps cpu, quickly and without leaking a tensor', async () => {
    await chooseBackend(); // the first call compiles the WebAssembly kernels; the second is the page's cost
    const before = tf.memory().numTensors;
    const began = performance.now();
    const { selection, trials, wasm } = await chooseBackend();
    const took = performance.now() - began;
    expect(tf.memory().numTensors).toBe(before);
    expect(took).toBeLessThan(2000);
    expect(wasm.loaded).toBe(true);
    expect(trials.map((t) => t.name)).toEqual(measuredBackends);
    expect(trials[0].msPerStep).toBeGreaterThan(0);
    expect(trials[1]).toEqual({ name: 'webgl', reason: 'runs only in a browser, not in Node' });
    expect(selection.name).toBe('cpu');
    expect(selection.reason).toMatch(
      /^the fastest measured here on a training step of parity \(cpu: [\d.]+ ms per step, webgl: runs only in a browser, not in Node\)$/,
    );
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('switchBackend', () => {
  const trials: BackendTrial[] = [
    { name: 'cpu', msPerStep: 3.1 },
    { name: 'webgl', reason: 'failed to start on this machine' },
  ];

  it('switches to a timed backend and keeps the figures in the reason', async () => {
    await expect(switchBackend('cpu', trials)).resolves.toEqual({
      name: 'cpu',
      reason:
        'chosen on the page (measured on a training step of parity: cpu: 3.1 ms per step, webgl: failed to start on this machine)',
      passedOver: [],
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('refuses a backend that was not timed, and one that was not measured, in one line', async () => {
    await expect(switchBackend('webgl', trials)).rejects.toThrow(
      'webgl cannot train here: failed to start on this machine',
    );
    await expect(switchBackend('tpu', trials)).rejects.toThrow('backend must be one of cpu, webgl, got "tpu"');
  });
});
