import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError } from './backend-unavailable-error';
import { describeBackends } from './describe-backends';
import { probeTraining } from './probe-training';
import { releaseAbandonedTape } from './release-abandoned-tape';
import { useBackend } from './use-backend';

const installed = (pkg: string) => {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
};
const nativeInstalled = installed('@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node-gpu');

describe('useBackend', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('loads a named backend and makes it current', async () => {
    await expect(useBackend('cpu')).resolves.toMatchObject({ name: 'cpu', reason: 'requested by name' });
    expect(tf.getBackend()).toBe('cpu');
    await useBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  (nativeInstalled ? it.skip : it)(
    'fails for an uninstalled backend with one line naming the install command',
    async () => {
      const failure = useBackend('tensorflow');
      await expect(failure).rejects.toBeInstanceOf(BackendUnavailableError);
      await expect(failure).rejects.toThrow(
        /^backend 'tensorflow' is not installed; install it with: npm install --save-optional @tensorflow\/tfjs-node@4\.22\.0 [^\n]*$/,
      );
      await expect(useBackend('tensorflow-gpu')).rejects.toThrow(
        /npm install --save-optional @tensorflow\/tfjs-node-gpu/,
      );
    },
  );

  it('rejects unknown and browser-only names in Node with the allowed names', async () => {
    await expect(useBackend('tpu')).rejects.toThrow(
      "backend 'tpu' is not a backend; expected one of: tensorflow-gpu, tensorflow, wasm, cpu, webgl, webgpu",
    );
    await expect(useBackend('webgl')).rejects.toThrow(/runs only in a browser/);
  });

  (nativeInstalled ? it.skip : it)(
    'passes over wasm (no embedding gradient) and picks cpu without native TensorFlow',
    async () => {
      const selection = await useBackend();
      expect(selection.name).toBe('cpu');
      expect(tf.getBackend()).toBe('cpu');
      expect(selection.passedOver.map((p) => p.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm']);
      expect(selection.passedOver[2].reason).toMatch(/cannot train: .*UnsortedSegmentSum/);
      expect(selection.reason).toMatch(
        /^the fastest backend that loads and trains here \(tensorflow-gpu is not installed; tensorflow is not installed; wasm loads but cannot train: Kernel 'UnsortedSegmentSum'/,
      );
    },
  );
});

describe('probeTraining', () => {
  it('passes on cpu, fails on wasm for the embedding gradient, and leaks no tensors', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    expect(probeTraining()).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
    await useBackend('wasm');
    const wasmBefore = tf.memory().numTensors;
    expect(probeTraining()).toMatch(/UnsortedSegmentSum/);
    expect(tf.memory().numTensors).toBe(wasmBefore);
    await tf.setBackend('cpu');
  });
});

describe('describeBackends', () => {
  it('reports every backend with availability and a reason, and restores the current one', async () => {
    await tf.setBackend('cpu');
    const statuses = await describeBackends();
    expect(statuses.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu', 'webgl', 'webgpu']);
    const byName = Object.fromEntries(statuses.map((s) => [s.name, s]));
    expect(byName.cpu).toMatchObject({ available: true, trains: true });
    expect(byName.wasm).toMatchObject({ available: true, trains: false });
    expect(byName.webgl).toMatchObject({ available: false, reason: 'runs only in a browser, not in Node' });
    if (!nativeInstalled) {
      expect(byName.tensorflow).toMatchObject({ available: false, reason: 'is not installed' });
      expect(byName.tensorflow.remedy).toMatch(
        /^install it with: npm install --save-optional @tensorflow\/tfjs-node@4\.22\.0/,
      );
    }
    for (const s of statuses) expect(s.reason).not.toContain('\n');
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('releaseAbandonedTape', () => {
  it('stops a failed backward pass from leaking into every later op', async () => {
    await useBackend('wasm');
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const ids = tf.tensor1d([0, 1, 1], 'int32');
    const before = tf.memory().numTensors;
    expect(() => tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, ids)))(x))).toThrow(/UnsortedSegmentSum/);
    releaseAbandonedTape();
    expect(tf.memory().numTensors).toBe(before);
    tf.tidy(() => {
      tf.add(x, 1);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, ids]);
    await tf.setBackend('cpu');
  });
});
