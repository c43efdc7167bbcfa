import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { folderInMemory } from '@rnn/datasets';
import { findRecipe } from '../recipes/registry';
import { trainRecipe } from '../recipes/train-recipe';
import { saveCheckpoint } from './checkpoint';
import { encodeRunFolder, type CheckpointState } from './checkpoint-codec';
import { loadRunCheckpoint } from './load-run-checkpoint';
import { recipeRunRecord } from './run-record';
import { readRunFolder } from './run-checkpoint';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const parity = findRecipe('parity');
const overrides = { epochs: 2, task: { n: 64 } };

/** Trains two epochs of parity and hands the state after the last one to `keep`. */
async function lastState(keep: (state: CheckpointState) => Promise<void>): Promise<void> {
  const { model } = await trainRecipe(parity, {
    seed: 3,
    overrides,
    monitor: false,
    onEpochEnd: async (record, state) => {
      if (record.epoch === 2) {
        await keep({
          ...state,
          epoch: record.epoch,
          run: recipeRunRecord({ recipe: 'parity', seed: '3', overrides, backend: 'cpu' }),
        });
      }
    },
  });
  model.dispose();
}

describe('a run folder in memory', () => {
  it('holds byte for byte what saveCheckpoint writes, and reads back as the same run', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-codec-'));
    let files = new Map<string, Uint8Array>();
    await lastState(async (state) => {
      files = await encodeRunFolder(state);
      await saveCheckpoint(dir, state);
    });
    expect([...files.keys()].sort()).toEqual([
      'epoch-00002/checkpoint.json',
      'epoch-00002/model.json',
      'epoch-00002/optimizer.bin',
      'epoch-00002/weights.bin',
      'latest.json',
    ]);
    for (const [name, bytes] of files) {
      expect([name, Buffer.from(bytes).equals(await readFile(path.join(dir, name)))]).toEqual([name, true]);
    }
    const before = tf.memory().numTensors;
    const fromMemory = await readRunFolder(folderInMemory(files, 'parity.zip'));
    const fromDisk = await loadRunCheckpoint(dir);
    expect(fromMemory.kind).toBe('recipe');
    expect(fromMemory.recipe.name).toBe('parity');
    expect(fromMemory.folder).toBe('parity.zip/epoch-00002');
    expect(fromMemory.manifest).toEqual(fromDisk.manifest);
    fromMemory.model.weights.forEach((w, i) =>
      expect(Array.from(w.dataSync())).toEqual(Array.from(fromDisk.model.weights[i].dataSync())),
    );
    for (const c of [fromMemory, fromDisk]) {
      c.model.dispose();
      tf.dispose(c.optimizerState.map((w) => w.tensor));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a damaged file or a missing pointer with one line naming it', async () => {
    let files = new Map<string, Uint8Array>();
    await lastState(async (state) => {
      files = await encodeRunFolder(state);
    });
    const before = tf.memory().numTensors;
    const damaged = new Map(files);
    const optimizer = Uint8Array.from(files.get('epoch-00002/optimizer.bin')!);
    optimizer[0] ^= 1;
    damaged.set('epoch-00002/optimizer.bin', optimizer);
    await expect(readRunFolder(folderInMemory(damaged, 'run'))).rejects.toThrow(
      'run/epoch-00002/optimizer.bin does not match its sha256["optimizer.bin"] in run/epoch-00002/checkpoint.json',
    );
    const noPointer = new Map([...files].filter(([name]) => name !== 'latest.json'));
    await expect(readRunFolder(folderInMemory(noPointer, 'run'))).rejects.toThrow(
      'run holds no checkpoint (latest.json is missing)',
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
