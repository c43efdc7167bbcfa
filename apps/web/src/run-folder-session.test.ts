import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadRunCheckpoint } from '@rnn/training/node';
import type { RunSettings } from './protocol';
import { recordedSession } from './recorded-session.testing';

const session = recordedSession;

const parity: RunSettings = {
  recipe: 'parity',
  cell: 'simple',
  hidden: 8,
  layers: 1,
  learningRate: 0.01,
  epochs: 2,
  seed: '11',
};
const bits = '0110100111';

/** Writes a run folder held in memory to disk, as unpacking the page's download does. */
async function writeFolder(files: ReadonlyMap<string, Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-page-run-'));
  for (const [name, bytes] of files) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), bytes);
  }
  return dir;
}

describe('run folders in the playground', () => {
  let files: ReadonlyMap<string, Uint8Array>;
  let predicted: unknown;

  beforeAll(async () => {
    const trained = session();
    await trained.s.start();
    await trained.s.handle({ type: 'run-folder' });
    expect(trained.last('error')).toMatchObject({ during: 'run-folder', message: 'train a model first' });
    await trained.s.handle({ type: 'train', settings: parity });
    await trained.s.handle({ type: 'predict', inputs: [bits] });
    predicted = trained.last('predictions')?.predictions;
    await trained.s.handle({ type: 'run-folder' });
    const folder = trained.last('run-folder');
    expect(folder).toMatchObject({ name: 'parity-seed11', description: 'parity after epoch 2 of 2' });
    files = folder!.files;
  }, 60_000);

  it('hands out the folder rnn train writes, which the command line loads as the same run', async () => {
    expect([...files.keys()].sort()).toEqual([
      'epoch-00002/checkpoint.json',
      'epoch-00002/model.json',
      'epoch-00002/optimizer.bin',
      'epoch-00002/weights.bin',
      'latest.json',
    ]);
    const checkpoint = await loadRunCheckpoint(await writeFolder(files));
    expect(checkpoint.run).toEqual({
      recipe: 'parity',
      seed: '11',
      overrides: { cell: 'simple', hidden: 8, layers: 1, learningRate: 0.01, epochs: 2 },
      backend: 'cpu',
    });
    expect(checkpoint.manifest.history.map((r) => r.epoch)).toEqual([1, 2]);
    checkpoint.model.dispose();
    for (const w of checkpoint.optimizerState) w.tensor.dispose();
  });

  it('opens the folder in a fresh page: same settings, same answers, the same folder and a layers export', async () => {
    const opened = session();
    await opened.s.start();
    await opened.s.handle({ type: 'open-run-folder', name: 'parity-seed11', files });
    expect(opened.last('error')).toBeUndefined();
    expect(opened.last('opened')).toMatchObject({
      name: 'parity-seed11',
      settings: parity,
      description: 'parity after epoch 2 of 2',
      markov: false,
    });
    expect(opened.last('opened')?.history.map((r) => r.epoch)).toEqual([1, 2]);
    await opened.s.handle({ type: 'predict', inputs: [bits] });
    expect(opened.last('predictions')?.predictions).toEqual(predicted);
    await opened.s.handle({ type: 'run-folder' });
    expect(opened.last('run-folder')?.files).toEqual(files);
    await opened.s.handle({ type: 'layers-export' });
    const exported = opened.last('layers-export');
    expect(exported?.name).toBe('parity-seed11-tfjs');
    expect([...(exported?.files.keys() ?? [])].sort()).toEqual(['model.json', 'rnn-spec.json', 'weights.bin']);
    const json = JSON.parse(new TextDecoder().decode(exported?.files.get('model.json')));
    expect(json.format).toBe('layers-model');
  });

  it('refuses a damaged folder with one line naming the file, and keeps what answered before', async () => {
    const opened = session();
    await opened.s.start();
    const damaged = new Map(files);
    const weights = Uint8Array.from(files.get('epoch-00002/weights.bin')!);
    weights[3] ^= 0x40;
    damaged.set('epoch-00002/weights.bin', weights);
    await opened.s.handle({ type: 'open-run-folder', name: 'mine.zip', files: damaged });
    const error = opened.last('error');
    expect(error?.during).toBe('open-run-folder');
    expect(error?.message).toMatch(/^mine\.zip\/epoch-00002\/weights\.bin is damaged or from another save/);
    expect(opened.last('opened')).toBeUndefined();
    await opened.s.handle({ type: 'predict', inputs: [bits] });
    expect(opened.last('error')).toMatchObject({ during: 'predict', message: 'train a model first' });
  });

  it('keeps a paused run as the folder of its last epoch, and opens no other model until the run ends', async () => {
    const { s, listeners, last } = session();
    await s.start();
    listeners.push((r) => {
      if (r.type === 'batch' && r.epoch === 1) void s.handle({ type: 'pause' });
      if (r.type === 'paused') {
        void (async () => {
          await s.handle({ type: 'run-folder' });
          await s.handle({ type: 'open-run-folder', name: 'parity-seed11', files });
          await s.handle({ type: 'resume' });
        })();
      }
    });
    await s.handle({ type: 'train', settings: { ...parity, epochs: 3 } });
    expect(last('run-folder')?.description).toBe('parity after epoch 1 of 3');
    expect(last('error')).toMatchObject({
      during: 'open-run-folder',
      message: 'a run is in progress: let it finish, or reset it, before opening another model',
    });
    expect(last('opened')).toBeUndefined();
    expect(last('done')).toBeDefined();
  });

  it('keeps a character model trained on your text, which opens without a Markov model and writes the same', async () => {
    const trained = session();
    await trained.s.start();
    const settings: RunSettings = { ...parity, recipe: 'charlm-quick', cell: 'lstm', epochs: 1, minutes: 1 };
    await trained.s.handle({ type: 'train', settings, text: 'the cat sat on the mat. '.repeat(600) });
    expect(trained.last('done')).toBeDefined();
    const generate = { type: 'generate', id: 1, prime: 'the ', temperature: 0, length: 30, seed: '1' } as const;
    await trained.s.handle({ type: 'run-folder' });
    const folder = trained.last('run-folder')!;
    expect(folder.description).toBe('charlm-quick after step 4 (1 of 1 epochs done)');
    await trained.s.handle(generate);
    const written = trained.replies.filter((r) => r.type === 'generated' && r.source === 'rnn').at(-1);

    const opened = session();
    await opened.s.start();
    await opened.s.handle({ type: 'open-run-folder', name: folder.name, files: folder.files });
    expect(opened.last('error')).toBeUndefined();
    expect(opened.last('opened')).toMatchObject({ settings: { ...settings, minutes: 2.5 }, markov: false });
    await opened.s.handle(generate);
    const generated = opened.replies.filter((r) => r.type === 'generated');
    expect(generated.map((r) => r.type === 'generated' && r.source)).toEqual(['rnn']);
    expect(generated[0]).toEqual(written);
  }, 60_000);
});
