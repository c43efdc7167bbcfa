import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { HostAdamOptimizer } from './host-adam-optimizer';
import { loadNativeKernels, unloadNativeKernels } from './load-native-kernels';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rng = createRng(9);
const draw = (shape: number[]) =>
  tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
  );

/** Trains two copies of the same weights on the same gradients: one with tfjs's Adam, one with ours. */
function trainBoth(steps: number) {
  const shapes = [[3, 5], [5], [1]];
  const init = shapes.map(draw);
  const ours = init.map((t) => tf.variable(t.clone()));
  const theirs = init.map((t) => tf.variable(t.clone()));
  const grads = Array.from({ length: steps }, () => shapes.map(draw));
  const oursOpt = new HostAdamOptimizer(0.01, 0.9, 0.999);
  const theirsOpt = tf.train.adam(0.01, 0.9, 0.999);
  for (const g of grads) {
    oursOpt.applyGradients(ours.map((v, i) => ({ name: v.name, tensor: g[i] })));
    theirsOpt.applyGradients(theirs.map((v, i) => ({ name: v.name, tensor: g[i] })));
  }
  return { init, ours, theirs, grads, oursOpt, theirsOpt };
}

const nativeLoaded = loadNativeKernels().loaded;
unloadNativeKernels();

describe.each(nativeLoaded ? ['portable loop', 'native addon'] : ['portable loop'])(
  'HostAdamOptimizer (%s)',
  (mode) => {
    beforeAll(() => {
      if (mode === 'native addon') loadNativeKernels();
    });
    afterAll(() => unloadNativeKernels());

    it("matches tfjs's Adam step for step, weights and state", async () => {
      const run = trainBoth(5);
      run.ours.forEach((v, i) => {
        const a = v.dataSync();
        const b = run.theirs[i].dataSync();
        a.forEach((x, k) => expect(x).toBeCloseTo(b[k], 5));
      });
      const [ourState, theirState] = [await run.oursOpt.getWeights(), await run.theirsOpt.getWeights()];
      expect(ourState.map((w) => w.name.replace(/^\d+\//, ''))).toEqual(
        theirState.map((w) => w.name.replace(/^\d+\//, '')),
      );
      ourState.forEach((w, i) => {
        const b = theirState[i].tensor.dataSync();
        w.tensor.dataSync().forEach((x, k) => expect(x).toBeCloseTo(b[k], 5));
      });
      tf.dispose([...run.init, ...run.ours, ...run.theirs, ...run.grads.flat()]);
      run.oursOpt.dispose();
      run.theirsOpt.dispose();
    });

    it('keeps the tensor count flat across steps', () => {
      const v = tf.variable(draw([4, 4]));
      const g = draw([4, 4]);
      const opt = new HostAdamOptimizer(0.01, 0.9, 0.999);
      opt.applyGradients([{ name: v.name, tensor: g }]);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) opt.applyGradients([{ name: v.name, tensor: g }]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([v, g]);
      opt.dispose();
    });

    it('changes no values a caller holds: earlier weight values, clones of its state', async () => {
      const v = tf.variable(draw([6]));
      const g = draw([6]);
      const opt = new HostAdamOptimizer(0.1, 0.9, 0.999);
      opt.applyGradients([{ name: v.name, tensor: g }]);
      const weightsBefore = v.dataSync().slice();
      const heldWeights = v.dataSync();
      const state = await opt.getWeights();
      const momentClone = state[1].tensor.clone();
      const momentBefore = momentClone.dataSync().slice();
      opt.applyGradients([{ name: v.name, tensor: g }]);
      expect(Array.from(heldWeights)).toEqual(Array.from(weightsBefore));
      expect(Array.from(momentClone.dataSync())).toEqual(Array.from(momentBefore));
      expect(Array.from(state[1].tensor.dataSync())).not.toEqual(Array.from(momentBefore));
      tf.dispose([v, g, momentClone]);
      opt.dispose();
    });
  },
);
