import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Recipe } from '../recipes/recipe';
import { trainRecipe } from '../recipes/train-recipe';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A calculator small enough to train in a moment. */
const tiny: Recipe = {
  name: 'tiny-calculator',
  source: 'test',
  description: 'test',
  task: { name: 'operands', options: { n: 96, length: 4 } },
  model: { cell: 'lstm', hidden: 6, layers: 1 },
  training: { epochs: 3, batchSize: 16, learningRate: 0.01, optimizer: 'adam' },
  target: { metric: 'accuracy', atLeast: 0, test: { n: 32 }, description: 'test' },
  buildSpec: () => ({
    architecture: 'classifier',
    input: { type: 'dense', features: 2 },
    rnn: { kind: 'lstm', units: 6 },
    outputSize: 1,
  }),
};

const weightsOf = (model: { weights: tf.Variable[] }) => model.weights.map((w) => Array.from(w.dataSync()));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a field is in parsed JSON: keys and list positions. */
type FieldPath = readonly (string | number)[];

/** A copy of parsed JSON with the field at `field` set to `value` (removed when undefined; all of it for []). */
function withField(json: unknown, field: FieldPath, value: unknown): unknown {
  if (field.length === 0) return value;
  const copy = structuredClone(json);
  const parent = field.slice(0, -1).reduce((v, key) => (v as Record<string | number, unknown>)[key], copy) as Record<
    string | number,
    unknown
  >;
  const key = field[field.length - 1];
  if (value === undefined) delete parent[key];
  else parent[key] = value;
  return copy;
}

/** A run of `tiny` checkpointed after each of its first `epochs` epochs into a fresh folder. */
async function checkpointedRun(epochs: number, seed = 5): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-ckpt-'));
  const { model } = await trainRecipe(tiny, {
    seed,
    overrides: { epochs },
    onEpochEnd: (record, state) =>
      saveCheckpoint(dir, { ...state, epoch: record.epoch, run: { recipe: tiny.name, seed } }),
  });
  model.dispose();
  return dir;
}

/** Expects loading `dir` to fail with one line (a RangeError) matching `message`. */
async function expectRefused(dir: string, message: RegExp): Promise<void> {
  const error = await loadCheckpoint(dir).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(RangeError);
  expect((error as Error).message).not.toMatch(/\n/);
  expect((error as Error).message).toMatch(message);
}

describe('checkpoints', () => {
  it('a run stopped after epoch 2 and resumed ends with exactly the weights of an uninterrupted run', async () => {
    const whole = await trainRecipe(tiny, { seed: 5 });
    const dir = await checkpointedRun(2);
    expect((await readdir(dir)).sort()).toEqual(['epoch-00002', 'latest.json']);
    const checkpoint = await loadCheckpoint(dir);
    expect(checkpoint.manifest.epoch).toBe(2);
    expect(checkpoint.folder).toBe(path.join(dir, 'epoch-00002'));
    expect(checkpoint.manifest.run).toEqual({ recipe: 'tiny-calculator', seed: 5 });
    expect(Object.keys(checkpoint.manifest.sha256).sort()).toEqual(['model.json', 'optimizer.bin', 'weights.bin']);
    const resumed = await trainRecipe(tiny, {
      seed: 5,
      resume: {
        model: checkpoint.model,
        optimizerState: checkpoint.optimizerState,
        epoch: checkpoint.manifest.epoch,
        history: checkpoint.manifest.history,
      },
    });
    expect(weightsOf(resumed.model)).toEqual(weightsOf(whole.model));
    expect(resumed.result.history.map((h) => h.loss)).toEqual(whole.result.history.map((h) => h.loss));
    whole.model.dispose();
    resumed.model.dispose();
  });

  it('reports a folder without a checkpoint, or a damaged pointer, clearly', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-ckpt-'));
    await expect(loadCheckpoint(dir)).rejects.toThrow(`${dir} holds no checkpoint (latest.json is missing)`);
    await writeFile(path.join(dir, 'latest.json'), '{"folder": "../etc"}');
    await expectRefused(dir, /damaged latest.json: folder must name a checkpoint folder .*, got "..\/etc"$/);
    await writeFile(path.join(dir, 'latest.json'), 'null');
    await expectRefused(dir, /damaged latest.json: folder must name a checkpoint folder .*, got null$/);
    await writeFile(path.join(dir, 'latest.json'), '{"folder": null}');
    await expectRefused(dir, /damaged latest.json: .*got null$/);
    await writeFile(path.join(dir, 'latest.json'), '{"folder": "epoch-00001"}');
    await expectRefused(dir, /checkpoint.json is missing or not valid JSON/);
  });

  it('tells a file given as the run folder, and a latest.json that is a folder, from a damaged pointer', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-ckpt-'));
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'not a run');
    await expectRefused(file, /^.*notes\.txt is a file, not a run folder holding a checkpoint$/);
    await mkdir(path.join(dir, 'latest.json'));
    await expectRefused(dir, /latest\.json is a folder, not the file naming the latest checkpoint$/);
  });

  describe('checks every field of checkpoint.json, naming the file and the field', () => {
    let dir: string;
    let file: string;
    let saved: unknown;
    beforeAll(async () => {
      dir = await checkpointedRun(1);
      file = path.join(dir, 'epoch-00001', 'checkpoint.json');
      saved = JSON.parse(await readFile(file, 'utf8'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    // [what, the field edited ([] for the whole file), its new value (undefined: removed), the message]
    it.each<[string, FieldPath, unknown, RegExp]>([
      ['null', [], null, /checkpoint.json is not an rnn checkpoint .*, got null$/],
      ['a list', [], [], /checkpoint.json is not an rnn checkpoint/],
      ['another format', ['format'], 'rnn-model', /is not an rnn checkpoint: format is "rnn-model"/],
      ['version 1', ['version'], 1, /written by an older version of rnn \(checkpoint version 1.*train the run again$/],
      ['version 3', ['version'], 3, /has checkpoint version 3; this version of rnn reads version 2/],
      ['no optimizer', ['optimizer'], undefined, /checkpoint.json: optimizer is missing$/],
      ['an optimizer entry without shape', ['optimizer', 1, 'shape'], undefined, /: optimizer\[1\]\.shape is missing$/],
      [
        'an optimizer entry of another dtype',
        ['optimizer', 0, 'dtype'],
        'int64',
        /: optimizer\[0\]\.dtype: invalid enum/,
      ],
      [
        'an iteration count of a shape',
        ['optimizer', 0, 'shape'],
        [1],
        /optimizer\[0\]\.shape must be \[\] for the iter/,
      ],
      ['no run', ['run'], undefined, /checkpoint.json: run is missing$/],
      ['a null run', ['run'], null, /checkpoint.json: run: expected object, received null$/],
      ['epoch 0', ['epoch'], 0, /checkpoint.json: epoch 0 does not match its folder epoch-00001$/],
      ['epoch 2 after one epoch', ['epoch'], 2, /epoch 2 does not match its folder epoch-00001$/],
      ['epoch 1e9', ['epoch'], 1e9, /epoch 1000000000 does not match its folder/],
      ['epoch 1.5', ['epoch'], 1.5, /checkpoint.json: epoch: expected integer, received float$/],
      ['a step in an epoch folder', ['step'], 3, /checkpoint.json: step is not a field this version/],
      ['a history record of another epoch', ['history', 0, 'epoch'], 4, /history\[0\]\.epoch is 4, expected 1/],
      ['an empty history', ['history'], [], /epoch is 1, but history holds 0 epoch record\(s\)/],
      ['a history record without a loss', ['history', 0, 'loss'], undefined, /history\[0\]\.loss is missing$/],
      ['no checksum of model.json', ['sha256', 'model.json'], undefined, /: sha256\["model.json"\] is missing$/],
      ['a malformed checksum', ['sha256', 'weights.bin'], 'abc', /: sha256\["weights.bin"\]: must be a SHA-256/],
      [
        'a checksum of carried.bin without carried state',
        ['sha256', 'carried.bin'],
        'a'.repeat(64),
        /sha256\["carried.bin"\] must be given exactly when carried is/,
      ],
      ['an unknown field', ['comment'], 'hi', /checkpoint.json: comment is not a field this version/],
    ])('refuses %s', async (_what, field, value, message) => {
      await writeFile(file, JSON.stringify(withField(saved, field, value)));
      await expectRefused(dir, new RegExp(`^${escaped(dir)}.*${message.source}`));
      await writeFile(file, JSON.stringify(saved));
      (await loadCheckpoint(dir)).model.dispose();
    });

    it('refuses epoch 2 with one history record even when the folder is renamed to match', async () => {
      await writeFile(file, JSON.stringify(withField(saved, ['epoch'], 2)));
      await rename(path.join(dir, 'epoch-00001'), path.join(dir, 'epoch-00002'));
      await writeFile(path.join(dir, 'latest.json'), '{"folder": "epoch-00002"}');
      await expectRefused(dir, /epoch-00002\/checkpoint.json: epoch is 2, but history holds 1 epoch record\(s\)$/);
      await rename(path.join(dir, 'epoch-00002'), path.join(dir, 'epoch-00001'));
      await writeFile(path.join(dir, 'latest.json'), '{"folder": "epoch-00001"}');
      await writeFile(file, JSON.stringify(saved));
    });
  });

  describe('loads the files of a checkpoint as one unit', () => {
    let dir: string;
    let other: string;
    let folder: string;
    beforeAll(async () => {
      dir = await checkpointedRun(1, 5);
      other = await checkpointedRun(1, 6);
      folder = path.join(dir, 'epoch-00001');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    });

    /** Runs `damage` on a copy of the run and expects loading it to fail with `message`. */
    const expectDamageRefused = async (damage: (copy: string) => Promise<void>, message: RegExp) => {
      const copy = await mkdtemp(path.join(os.tmpdir(), 'rnn-ckpt-copy-'));
      await cp(dir, copy, { recursive: true });
      await damage(path.join(copy, 'epoch-00001'));
      await expectRefused(copy, message);
      await rm(copy, { recursive: true, force: true });
    };
    const fromOther =
      (...files: string[]) =>
      async (copy: string) => {
        for (const f of files) await cp(path.join(other, 'epoch-00001', f), path.join(copy, f));
      };
    const flipByte = (name: string, at: number) => async (copy: string) => {
      const bytes = await readFile(path.join(copy, name));
      bytes[at] ^= 0x01;
      await writeFile(path.join(copy, name), bytes);
    };
    /** Replaces optimizer.bin's value `index` and records the new file's checksum, as a buggy save would. */
    const optimizerValue = (index: number, value: number) => async (copy: string) => {
      const bytes = await readFile(path.join(copy, 'optimizer.bin'));
      bytes.writeFloatLE(value, index * 4);
      await writeFile(path.join(copy, 'optimizer.bin'), bytes);
      const manifest = JSON.parse(await readFile(path.join(copy, 'checkpoint.json'), 'utf8'));
      manifest.sha256['optimizer.bin'] = sha256(bytes);
      await writeFile(path.join(copy, 'checkpoint.json'), JSON.stringify(manifest));
    };

    it.each<[string, (copy: string) => Promise<void>, RegExp]>([
      [
        'model.json and weights.bin of another run',
        fromOther('model.json', 'weights.bin'),
        /epoch-00001\/model.json does not match its sha256\["model.json"\] in .*checkpoint.json: it was changed, or comes from another checkpoint$/,
      ],
      ['weights.bin of another run', fromOther('weights.bin'), /weights.bin is damaged or from another save/],
      [
        'optimizer.bin of another run',
        fromOther('optimizer.bin'),
        /optimizer.bin does not match its sha256\["optimizer.bin"\]/,
      ],
      [
        'a flipped byte of optimizer.bin',
        flipByte('optimizer.bin', 40),
        /optimizer.bin does not match its sha256\["optimizer.bin"\]/,
      ],
      [
        'a truncated optimizer.bin',
        async (copy) => {
          const bytes = await readFile(path.join(copy, 'optimizer.bin'));
          await writeFile(path.join(copy, 'optimizer.bin'), bytes.subarray(0, 10));
        },
        /optimizer.bin does not match its sha256/,
      ],
      [
        'a missing optimizer.bin',
        (copy) => rm(path.join(copy, 'optimizer.bin')),
        /epoch-00001\/optimizer.bin is missing$/,
      ],
      [
        'a NaN iteration count',
        optimizerValue(0, NaN),
        /optimizer.bin: the iteration count \(optimizer\[0\] of .*\) must be an integer >= 0, got NaN$/,
      ],
      ['a negative iteration count', optimizerValue(0, -3), /the iteration count .* got -3$/],
      [
        'an infinite moment',
        optimizerValue(5, Infinity),
        /optimizer.bin holds a non-finite value \(Infinity\) at value 5$/,
      ],
    ])('refuses %s', async (_what, damage, message) => {
      await expectDamageRefused(damage, message);
    });

    it('still loads the untouched run', async () => {
      const checkpoint = await loadCheckpoint(dir);
      expect(checkpoint.folder).toBe(folder);
      checkpoint.model.dispose();
      tf.dispose(checkpoint.optimizerState.map((w) => w.tensor));
    });
  });

  it('saves carried state and a step into a step folder, both checked on load', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-ckpt-'));
    const { model } = await trainRecipe(tiny, {
      seed: 5,
      overrides: { epochs: 1 },
      onEpochEnd: async (_record, { model: trained, optimizer }) => {
        const carried = [tf.fill([2, 3], 0.5), tf.ones([2, 3])];
        await saveCheckpoint(dir, {
          model: trained,
          optimizer,
          epoch: 0,
          step: 3,
          history: [
            {
              epoch: 1,
              step: 3,
              loss: 1.5,
              steps: 3,
              learningRate: 0.01,
              seconds: 1,
              charsPerSecond: 9,
              partial: true,
            },
          ] as never,
          carried,
          run: { recipe: 'test' },
        });
        tf.dispose(carried);
      },
    });
    model.dispose();
    const checkpoint = await loadCheckpoint(dir);
    expect(checkpoint.folder).toBe(path.join(dir, 'step-00000003'));
    expect(checkpoint.carried?.map((t) => Array.from(t.dataSync()))).toEqual([Array(6).fill(0.5), Array(6).fill(1)]);
    checkpoint.model.dispose();
    tf.dispose(checkpoint.carried ?? []);
    const file = path.join(dir, 'step-00000003', 'checkpoint.json');
    const saved = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...saved, step: 4 }));
    await expectRefused(dir, /checkpoint.json: step 4 does not match its folder step-00000003$/);
    await writeFile(file, JSON.stringify(withField(saved, ['step'], undefined)));
    await expectRefused(dir, /checkpoint.json: step is missing$/);
    await writeFile(file, JSON.stringify({ ...saved, epoch: 1 }));
    await expectRefused(dir, /checkpoint.json: epoch is 1, but history holds 0 whole epoch record\(s\)$/);
    await writeFile(file, JSON.stringify(saved));
    const carriedFile = path.join(dir, 'step-00000003', 'carried.bin');
    const carried = await readFile(carriedFile);
    carried[3] ^= 0x10;
    await writeFile(carriedFile, carried);
    await expectRefused(dir, /carried.bin does not match its sha256\["carried.bin"\]/);
    await rm(carriedFile);
    await expectRefused(dir, /step-00000003\/carried.bin is missing$/);
  });

  it('removes only the older checkpoint folders it wrote, never a folder of the user that has such a name', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-ckpt-'));
    await mkdir(path.join(dir, 'epoch-00007'));
    await writeFile(path.join(dir, 'epoch-00007', 'notes.txt'), 'mine');
    await writeFile(path.join(dir, 'step-00000001'), 'a file, not a folder');
    // A checkpoint folder whose checkpoint.json is damaged is not recognised either.
    await mkdir(path.join(dir, 'epoch-00009'));
    await writeFile(path.join(dir, 'epoch-00009', 'checkpoint.json'), '{"format": "rnn-checkpoint"}');
    const { model } = await trainRecipe(tiny, {
      seed: 5,
      overrides: { epochs: 2 },
      onEpochEnd: async (record, state) => {
        await saveCheckpoint(dir, { ...state, epoch: record.epoch, run: { recipe: tiny.name } });
        // Saving the same epoch again replaces the checkpoint it wrote.
        await saveCheckpoint(dir, { ...state, epoch: record.epoch, run: { recipe: tiny.name } });
      },
    });
    model.dispose();
    expect((await readdir(dir)).sort()).toEqual([
      'epoch-00002',
      'epoch-00007',
      'epoch-00009',
      'latest.json',
      'step-00000001',
    ]);
    expect(await readFile(path.join(dir, 'epoch-00007', 'notes.txt'), 'utf8')).toBe('mine');
    (await loadCheckpoint(dir)).model.dispose();
  });

  it('refuses to replace a folder of the user that is in the way of a new checkpoint', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-ckpt-'));
    await mkdir(path.join(dir, 'epoch-00001'));
    await writeFile(path.join(dir, 'epoch-00001', 'notes.txt'), 'mine');
    const training = trainRecipe(tiny, {
      seed: 5,
      overrides: { epochs: 1 },
      onEpochEnd: (record, state) => saveCheckpoint(dir, { ...state, epoch: record.epoch, run: {} }),
    });
    await expect(training).rejects.toThrow(
      `${path.join(dir, 'epoch-00001')} is in the way of the new checkpoint and is not one: move it out of ${dir}`,
    );
    expect((await readdir(dir)).sort()).toEqual(['epoch-00001']);
    expect(await readFile(path.join(dir, 'epoch-00001', 'notes.txt'), 'utf8')).toBe('mine');
  });
});
