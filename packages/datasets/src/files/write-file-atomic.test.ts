import { mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
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

  it('removes the temporary files a killed write of the same file left, once over a minute old', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-atomic-'));
    const file = path.join(dir, 'model.json');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    const leftovers = {
      stale: '.model.json.0123456789ab.tmp',
      fresh: '.model.json.ba9876543210.tmp', // another process may be writing it right now
      otherTarget: '.weights.bin.0123456789ab.tmp', // a leftover of another file: its own write removes it
      notOurs: '.model.json.notes.tmp', // not a name writeFileAtomic makes
    };
    for (const name of Object.values(leftovers)) await writeFile(path.join(dir, name), 'partial');
    for (const name of [leftovers.stale, leftovers.otherTarget, leftovers.notOurs]) {
      await utimes(path.join(dir, name), twoMinutesAgo, twoMinutesAgo);
    }
    await writeFileAtomic(file, 'new contents');
    expect(await readFile(file, 'utf8')).toBe('new contents');
    expect((await readdir(dir)).sort()).toEqual(
      [leftovers.fresh, leftovers.notOurs, leftovers.otherTarget, 'model.json'].sort(),
    );
    await writeFileAtomic(path.join(dir, 'weights.bin'), 'w');
    expect(await readdir(dir)).not.toContain(leftovers.otherTarget);
    expect(await readdir(dir)).toContain(leftovers.fresh);
  });

  it('reads a target name with regular-expression characters literally', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rnn-atomic-'));
    const old = new Date(Date.now() - 120_000);
    // `.` in a pattern built from "a.b" would also match "axb": that one's leftover must stay.
    const lookalike = '.axb.0123456789ab.tmp';
    const own = '.a.b.0123456789ab.tmp';
    for (const name of [lookalike, own]) {
      await writeFile(path.join(dir, name), 'partial');
      await utimes(path.join(dir, name), old, old);
    }
    await writeFileAtomic(path.join(dir, 'a.b'), 'x');
    expect((await readdir(dir)).sort()).toEqual([lookalike, 'a.b'].sort());
  });

  it('rejects an empty path', async () => {
    await expect(writeFileAtomic('', 'x')).rejects.toThrow('file must be a non-empty path');
  });
});
