// Node only: exported from `@rnn/datasets/node`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FolderFiles } from './folder-files';

/**
 * A folder on disk as {@link FolderFiles}: a missing file reads as undefined; any other failure
 * (permissions, a folder where a file should be) is thrown as it is.
 */
export function folderOnDisk(dir: string): FolderFiles {
  return {
    where: dir,
    path: (name) => path.join(dir, name),
    read: async (name) => {
      try {
        const bytes = await readFile(path.join(dir, name));
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (err) {
        if ((err as { code?: string }).code === 'ENOENT') return undefined;
        throw err;
      }
    },
  };
}
