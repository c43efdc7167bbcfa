// Node only: exported from `@rnn/datasets/node`.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `bytes` to `file` atomically: they go to a temporary file in the same folder, are flushed
 * to disk, and only then renamed over `file`, so a crash, a kill or a full disk never leaves a
 * half-written file (a reader sees the old file or the new one). Every saved model, checkpoint and
 * results file of the toolkit is written through this.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  if (typeof file !== 'string' || file.length === 0) throw new RangeError('file must be a non-empty path');
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
