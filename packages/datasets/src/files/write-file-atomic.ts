// Node only: exported from `@rnn/datasets/node`.
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** How old a temporary file must be before a later write takes it for a leftover of a killed one. */
const staleTemporaryAgeMs = 60_000;
/** The random part of a temporary file's name: 6 bytes in hex. */
const temporaryTag = '[0-9a-f]{12}';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes the temporary files an earlier write of `file` left behind when it was killed between
 * creating and renaming one: those of this very target name only, and only once older than a
 * minute, so a write still under way in another process keeps its own. Best effort: a temporary
 * file that cannot be looked at or removed is left, and never fails the write.
 */
async function removeStaleTemporaries(file: string): Promise<void> {
  const folder = path.dirname(file);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(file))}\\.${temporaryTag}\\.tmp$`);
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return;
  }
  const now = Date.now();
  for (const entry of entries) {
    if (!pattern.test(entry)) continue;
    const leftover = path.join(folder, entry);
    try {
      const info = await lstat(leftover);
      if (info.isFile() && now - info.mtimeMs > staleTemporaryAgeMs) await unlink(leftover);
    } catch {
      // Gone already (another writer cleaned it up), or not ours to remove.
    }
  }
}

/**
 * Writes `bytes` to `file` atomically: they go to a temporary file in the same folder, are flushed
 * to disk, and only then renamed over `file`, so a crash, a kill or a full disk never leaves a
 * half-written file (a reader sees the old file or the new one). Every saved model, checkpoint and
 * results file of the toolkit is written through this. Temporary files a killed write left behind
 * for the same `file` are removed once they are over a minute old.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  if (typeof file !== 'string' || file.length === 0) throw new RangeError('file must be a non-empty path');
  await removeStaleTemporaries(file);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw err;
  }
  await handle.close();
  try {
    await rename(temporary, file);
  } catch (err) {
    await unlink(temporary).catch(() => undefined);
    throw err;
  }
}
