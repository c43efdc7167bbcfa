// The session's engine requests: switching the backend, and the speed bench. The tensor count is
// read from tfjs itself: the page's code never imports it, but a leak is only visible there.
// eslint-disable-next-line @nx/enforce-module-boundaries
import * as tf from '@tensorflow/tfjs';
import { loadCorpus } from '@rnn/datasets/node';
import type { PlaygroundReply, RunSettings } from './protocol';
import { PlaygroundSession } from './playground-session';
import { speedBenchConfigs } from './speed-bench';

function session() {
  const replies: PlaygroundReply[] = [];
  const s = new PlaygroundSession((reply) => replies.push(reply), {
    loadCorpus: (name) => Promise.resolve(loadCorpus(name)),
  });
  const last = <T extends PlaygroundReply['type']>(type: T) =>
    replies.filter((r): r is Extract<PlaygroundReply, { type: T }> => r.type === type).at(-1);
  return { s, replies, last };
}

/** Waits, a macrotask at a time, until `done` holds: the session answers between its epochs. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Many short epochs: the session lets requests in after every one. */
const longRun: RunSettings = {
  recipe: 'sentences',
  cell: 'simple',
  hidden: 12,
  layers: 1,
  learningRate: 0.01,
  epochs: 2000,
  seed: '42',
};

describe('PlaygroundSession: the engine', () => {
  it('reports the measured figures it chose the backend by', async () => {
    const { s, last } = session();
    await s.start();
    const engine = last('ready')?.engine;
    expect(engine?.backend.name).toBe('cpu');
    expect(engine?.backend.reason).toMatch(
      /^the fastest measured here on a training step of parity \(cpu: [\d.]+ ms per step, webgl: runs only in a browser, not in Node\)$/,
    );
    expect(engine?.trials.map((t) => t.name)).toEqual(['cpu', 'webgl']);
  });

  it('switches to a measured backend, refuses one that cannot train, and refuses while a run is in progress', async () => {
    const { s, last } = session();
    await s.start();
    await s.handle({ type: 'use-backend', backend: 'cpu' });
    expect(last('engine')?.engine).toMatchObject({
      backend: {
        name: 'cpu',
        reason: expect.stringMatching(/^chosen on the page \(measured on a training step of parity: cpu: /),
      },
      kernel: { name: 'wasm' },
    });
    await s.handle({ type: 'use-backend', backend: 'webgl' });
    expect(last('error')).toEqual({
      type: 'error',
      during: 'use-backend',
      message: 'webgl cannot train here: runs only in a browser, not in Node',
    });
    // A long run, left paused at the end (a paused run waits on nothing that keeps jest running).
    void s.handle({ type: 'train', settings: longRun });
    await until(() => last('started') !== undefined);
    await s.handle({ type: 'use-backend', backend: 'cpu' });
    expect(last('error')).toEqual({
      type: 'error',
      during: 'use-backend',
      message: 'a run is in progress: the backend can change once it has finished or been reset',
    });
    await s.handle({ type: 'speed-bench' });
    expect(last('error')?.message).toBe('a run is in progress: measuring the speed now would slow both down');
    await s.handle({ type: 'pause' });
    await until(() => last('paused') !== undefined);
    await s.handle({ type: 'use-backend', backend: 'cpu' });
    expect(last('error')?.message).toBe(
      'a run is in progress: the backend can change once it has finished or been reset',
    );
  });

  it('times parity and charlm-quick on cpu with the WebAssembly kernel, leaks nothing, and keeps the backend', async () => {
    const { s, last, replies } = session();
    await s.start();
    const before = tf.memory().numTensors;
    await s.handle({ type: 'speed-bench' });
    expect(tf.memory().numTensors).toBe(before);
    expect(replies.filter((r) => r.type === 'error')).toEqual([]);
    const figures = last('speed-bench')?.figures ?? [];
    expect(figures.map((f) => f.recipe)).toEqual(speedBenchConfigs.map((c) => c.recipe));
    expect(figures.map((f) => f.shape)).toEqual([
      'simple 16x1, batch 64 x 50',
      'embedding 32, lstm 256x1, vocab 66, batch 32 x 100',
    ]);
    for (const f of figures) {
      expect(f.ran).toBe('cpu, wasm kernel');
      expect(f.msPerStep).toBeGreaterThan(0);
      expect(f.stepsPerSecond).toBeCloseTo(1000 / f.msPerStep, 6);
    }
    expect(tf.getBackend()).toBe('cpu');
  }, 120_000);
});
