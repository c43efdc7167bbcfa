import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from './write-file-atomic';

describe('writeFileAtomic', () => {
  it('replaces a file whole and leaves no temporary files behind', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-atomic-'));
    const file = path.join(dir, 'model.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new contents');
    expect(await readFile(file, 'utf8')).toBe('new contents');
    expect(await readdir(dir)).toEqual(['model.json']);
  });

  it('keeps the old file when the write fails', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-atomic-'));
    const file = path.join(dir, 'kept.bin');
    await writeFile(file, 'old');
    await expect(writeFileAtomic(path.join(dir, 'missing-folder', 'x.bin'), 'new')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await expect(writeFileAtomic(file, 42 as never)).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['kept.bin']);
  });

  it('rejects an empty path', async () => {
    await expect(writeFileAtomic('', 'x')).rejects.toThrow('file must be a non-empty path');
  });
});
