import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMarkov, saveMarkov } from './model-file';
import { trainMarkov } from './train-markov';

describe('saveMarkov / loadMarkov', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rnn-markov-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through a file, replacing an old one and leaving no temporary file', async () => {
    const file = path.join(dir, 'shakespeare.markov');
    writeFileSync(file, 'an older file');
    const model = trainMarkov('to be or not to be, that is the question', { order: 3, smoothing: 'add-k', k: 0.1 });
    await saveMarkov(model, file);
    expect(readdirSync(dir)).toEqual(['shakespeare.markov']);
    const loaded = await loadMarkov(file);
    expect(loaded.order).toBe(3);
    expect(loaded.smoothing).toEqual({ kind: 'add-k', k: 0.1 });
    expect(loaded.bitsPerChar('to be is the question')).toBe(model.bitsPerChar('to be is the question'));
  });

  it('reports a missing file as ENOENT and a corrupt one as a MarkovFormatError naming the file', async () => {
    await expect(loadMarkov(path.join(dir, 'missing.markov'))).rejects.toMatchObject({ code: 'ENOENT' });
    const file = path.join(dir, 'model.markov');
    await saveMarkov(trainMarkov('abcabcabd', { order: 2 }), file);
    writeFileSync(file, readFileSync(file).subarray(0, 50));
    await expect(loadMarkov(file)).rejects.toThrow(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a damaged @rnn/markov model`),
    );
    writeFileSync(file, '\u0000\u0001binary');
    await expect(loadMarkov(file)).rejects.toThrow(/is not an @rnn\/markov model/);
    await expect(loadMarkov(dir)).rejects.toThrow(`${dir} is a folder, not an @rnn/markov model file`);
  });

  it('refuses a file whose header was edited by one byte (order 3 -> 7), naming the file', async () => {
    const file = path.join(dir, 'model.markov');
    await saveMarkov(trainMarkov('to be or not to be, that is the question', { order: 3 }), file);
    const bytes = readFileSync(file);
    bytes[bytes.indexOf('"order":3') + '"order":'.length] = '7'.charCodeAt(0);
    writeFileSync(file, bytes);
    await expect(loadMarkov(file)).rejects.toThrow(
      `${file} is a damaged @rnn/markov model: its header or training text does not match its checksum (edited or damaged)`,
    );
  });

  it('leaves no temporary file behind when the target cannot be written', async () => {
    const model = trainMarkov('abcabc', { order: 1 });
    await expect(saveMarkov(model, path.join(dir, 'no-such-dir', 'model.markov'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    // The target is a directory: the rename fails after the temporary file was written.
    const target = path.join(dir, 'taken');
    await saveMarkov(model, path.join(dir, 'first.markov'));
    require('node:fs').mkdirSync(path.join(target, 'inner'), { recursive: true });
    await expect(saveMarkov(model, target)).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['first.markov', 'taken']);
  });
});
