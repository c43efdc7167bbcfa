// Run folders as the page gets and gives them: a zip to download, and the files of a zip, a folder
// picker or a drop, found wherever the run folder sits among them. No model logic: the worker checks
// what the files hold (readRunFolder).
import { unzipSync, zipSync, type Zippable } from 'fflate';

/** The files of a folder by their paths inside it, `/` between parts. */
export type FolderFileMap = ReadonlyMap<string, Uint8Array>;

/** A zip holding the folder `name` with these files: what unpacks to the folder `rnn` reads. */
export function zipFolder(name: string, files: FolderFileMap): Uint8Array {
  const entries: Zippable = {};
  // Weights are floats that barely compress: store them, deflate the JSON.
  for (const [file, bytes] of files) entries[`${name}/${file}`] = [bytes, { level: file.endsWith('.json') ? 6 : 0 }];
  return zipSync(entries);
}

/** The files of a zip by their paths; a file that is not a zip is a one-line RangeError. */
export function unzipFiles(bytes: Uint8Array, name: string): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    throw new RangeError(`${name} is not a zip archive (${err instanceof Error ? err.message : String(err)})`);
  }
  // Folders are entries ending in "/": only files count.
  return new Map(Object.entries(entries).filter(([file]) => !file.endsWith('/')));
}

const checkpointFolder = /^(epoch-\d{5}|step-\d{8})$/;

/**
 * Finds a run folder among files given by paths (an archive's, a picked or dropped folder's): the
 * shallowest folder holding `latest.json`, or, when the user picked a checkpoint folder itself
 * (`epoch-00005/` with its `checkpoint.json`), that one with the `latest.json` that names it. Returns
 * the run folder's files by their paths inside it, and its name (the folder's, else `fallback`).
 *
 * @throws RangeError when no run folder is among the files, naming what was given.
 */
export function findRunFolder(
  files: FolderFileMap,
  fallback: string,
): { name: string; files: Map<string, Uint8Array> } {
  const paths = [...files.keys()].map((p) => p.replace(/^\.?\//, ''));
  const depth = (p: string) => p.split('/').length;
  const under = (root: string) =>
    new Map(
      [...files].flatMap(([p, bytes]) => {
        const clean = p.replace(/^\.?\//, '');
        if (root === '') return [[clean, bytes] as const];
        return clean.startsWith(`${root}/`) ? [[clean.slice(root.length + 1), bytes] as const] : [];
      }),
    );
  const nameOf = (root: string) => (root === '' ? fallback : (root.split('/').pop() as string));
  const pointer = paths.filter((p) => p.split('/').pop() === 'latest.json').sort((a, b) => depth(a) - depth(b))[0];
  if (pointer !== undefined) {
    const root = pointer.split('/').slice(0, -1).join('/');
    return { name: nameOf(root), files: under(root) };
  }
  const manifest = paths
    .filter((p) => {
      const parts = p.split('/');
      return parts.pop() === 'checkpoint.json' && checkpointFolder.test(parts.pop() ?? '');
    })
    .sort((a, b) => depth(a) - depth(b))[0];
  if (manifest !== undefined) {
    const folder = manifest.split('/').slice(0, -1);
    const checkpoint = folder.pop() as string;
    const root = folder.join('/');
    const run = under(root);
    for (const p of [...run.keys()]) if (!p.startsWith(`${checkpoint}/`)) run.delete(p);
    run.set('latest.json', new TextEncoder().encode(`${JSON.stringify({ folder: checkpoint })}\n`));
    return { name: root === '' ? checkpoint : nameOf(root), files: run };
  }
  const shown = paths.length === 0 ? 'no files' : `${paths.length} file(s), e.g. ${paths.slice(0, 3).join(', ')}`;
  throw new RangeError(
    `${fallback} holds no run folder (a latest.json, or a checkpoint folder with its checkpoint.json): got ${shown}`,
  );
}
