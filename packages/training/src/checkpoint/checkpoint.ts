// Node only: exported from `@rnn/training/node`.
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { folderOnDisk, writeFileAtomic } from '@rnn/datasets/node';
import {
  checkManifest,
  checkpointFolder,
  decodeRunFolder,
  encodeCheckpoint,
  folderOf,
  manifestFile,
  pointerFile,
  type Checkpoint,
  type CheckpointState,
} from './checkpoint-codec';

export { checkpointVersion } from './checkpoint-codec';
export type { Checkpoint, CheckpointFile, CheckpointManifest } from './checkpoint-codec';

/** Whether `folder` (a path) holds a checkpoint.json that this version of rnn wrote, whole. */
async function isCheckpointFolder(folder: string): Promise<boolean> {
  try {
    if (!(await stat(folder)).isDirectory()) return false;
    const json = JSON.parse(await readFile(path.join(folder, manifestFile), 'utf8'));
    return typeof checkManifest(json, manifestFile, path.basename(folder)) !== 'string';
  } catch {
    return false;
  }
}

/** The order a checkpoint's files are written in: what the later ones name comes first. */
const writeOrder = ['weights.bin', 'model.json', 'optimizer.bin', 'carried.bin', manifestFile];

/**
 * Saves a checkpoint: its files go into a staging folder that is renamed to `dir/epoch-NNNNN` (or
 * `dir/step-NNNNNNNN`) once whole, and only then is `dir/latest.json` pointed at it (an atomic
 * rename), so a kill at any moment leaves the last good checkpoint whole. checkpoint.json records
 * the SHA-256 of every other file. Older checkpoint folders are removed afterwards, but only folders
 * holding a valid checkpoint.json: a folder of the user's that merely has a checkpoint's name stays
 * (and one in the way of the new checkpoint is a RangeError).
 */
export async function saveCheckpoint(dir: string, state: CheckpointState): Promise<void> {
  // Encoding checks the checkpoint first: one that would not load is refused before anything is written.
  const { folder, files } = await encodeCheckpoint(state, path.join(dir, folderOf(state.epoch, state.step)));
  const target = path.join(dir, folder);
  const staging = path.join(dir, `.${folder}.partial`);
  const replaced = path.join(dir, `.${folder}.replaced`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const name of writeOrder) {
    const bytes = files.get(name);
    if (bytes) await writeFileAtomic(path.join(staging, name), bytes);
  }
  const existing = await stat(target).catch(() => undefined);
  if (existing) {
    if (!(await isCheckpointFolder(target))) {
      await rm(staging, { recursive: true, force: true });
      throw new RangeError(`${target} is in the way of the new checkpoint and is not one: move it out of ${dir}`);
    }
    await rm(replaced, { recursive: true, force: true });
    await rename(target, replaced);
  }
  await rename(staging, target);
  await writeFileAtomic(path.join(dir, pointerFile), `${JSON.stringify({ folder })}\n`);
  await rm(replaced, { recursive: true, force: true });
  for (const entry of await readdir(dir)) {
    if (!checkpointFolder.test(entry) || entry === folder) continue;
    const older = path.join(dir, entry);
    if (await isCheckpointFolder(older)) await rm(older, { recursive: true, force: true });
  }
}

/** Reading `latest.json` failed other than by its absence: one line on what is in the way. */
function pointerReadError(err: unknown, dir: string): Error {
  const code = (err as { code?: string }).code;
  const pointerPath = path.join(dir, pointerFile);
  // A file where the run folder should be, or a latest.json that cannot be read, is not damage.
  if (code === 'ENOTDIR') return new RangeError(`${dir} is a file, not a run folder holding a checkpoint`);
  if (code === 'EACCES' || code === 'EPERM') return new RangeError(`${pointerPath} cannot be read: permission denied`);
  if (code === 'EISDIR') return new RangeError(`${pointerPath} is a folder, not the file naming the latest checkpoint`);
  return err as Error;
}

/**
 * Loads the latest checkpoint of `dir`, checked whole (see `decodeRunFolder`): a folder without
 * a checkpoint, or with a damaged one, is a one-line RangeError naming the file and the field;
 * nothing in the folder is changed.
 */
export async function loadCheckpoint(dir: string): Promise<Checkpoint> {
  const disk = folderOnDisk(dir);
  return decodeRunFolder({
    ...disk,
    read: async (name) => {
      try {
        return await disk.read(name);
      } catch (err) {
        throw name === pointerFile ? pointerReadError(err, dir) : err;
      }
    },
  });
}
