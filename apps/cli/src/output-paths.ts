/**
 * The checks every command runs on the paths it is given, before it does any work: an empty path
 * (which Node would take as the current folder), and any place where writing would lose or damage
 * a user's files — a run's checkpoints, a folder of other files, an existing file without --force.
 * One module, so that every command refuses the same things with the same words.
 *
 * @packageDocumentation
 */

import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage-error';

/** The folders `rnn train` keeps its checkpoints in, inside a run folder (`epoch-00003`, `step-00000120`). */
const checkpointFolderName = /^(epoch|step)-\d+$/;
/** The file that makes a folder a run folder: it names the latest checkpoint. */
const runPointer = 'latest.json';

/**
 * Refuses an empty path: `''` would silently mean the current folder (a checkpoint written into it,
 * a `latest.json` read from it). `label` is what the user typed it as (`--out`, `DIR`); `what` says
 * what the path must name (`a folder`, `a run folder`, `a file`).
 */
export function requirePath(label: string, value: string | undefined, what: string): void {
  if (value === '') throw new UsageError(`${label} must name ${what}, got an empty path`);
}

/** What is at a path: nothing yet, a folder, a file, or nothing because a part of the path is a file. */
type PathKind = 'absent' | 'folder' | 'file' | 'under-a-file';

function kindOf(target: string): PathKind {
  try {
    return statSync(target).isDirectory() ? 'folder' : 'file';
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT') return 'absent';
    if (code === 'ENOTDIR') return 'under-a-file';
    throw err;
  }
}

/** Where a path really is, symbolic links followed as far as the path exists, so a link cannot hide a run. */
function realLocation(target: string): string {
  let head = path.resolve(target);
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(head), ...tail);
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return path.resolve(target);
      tail.unshift(path.basename(head));
      head = parent;
    }
  }
}

/** A folder as a message shows it: relative to the current folder when inside it. */
function shown(folder: string): string {
  const relative = path.relative(realLocation('.'), folder);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? folder : relative;
}

/**
 * The checkpoint folder of a run that `target` is or lies inside (`RUN/epoch-00001` beside
 * `RUN/latest.json`), or undefined. Writing there would change a checkpoint under the run.
 */
export function checkpointFolderAround(target: string): string | undefined {
  for (let at = realLocation(target); ; at = path.dirname(at)) {
    if (checkpointFolderName.test(path.basename(at)) && existsSync(path.join(path.dirname(at), runPointer))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

/** Whether `file` is the `latest.json` of a run folder (it names one of the run's checkpoint folders). */
function isRunPointer(file: string): boolean {
  if (path.basename(file) !== runPointer) return false;
  try {
    const { folder } = JSON.parse(readFileSync(file, 'utf8')) as { folder?: unknown };
    return typeof folder === 'string' && checkpointFolderName.test(folder);
  } catch {
    return false;
  }
}

/** Refuses, even with --force, any target inside a run's checkpoint folder: the run could no longer resume. */
function refuseCheckpointFolder(label: string, target: string): void {
  const checkpoint = checkpointFolderAround(target);
  if (checkpoint === undefined) return;
  const place =
    realLocation(target) === checkpoint
      ? 'is a checkpoint folder'
      : `lies inside the checkpoint folder ${shown(checkpoint)}`;
  throw new UsageError(
    `${label} ${target} ${place} of the run in ${shown(path.dirname(checkpoint))}; ` +
      `writing there would damage the run, so it is refused even with --force: choose a path outside it`,
  );
}

/** Refuses a target that is a file where a folder is needed, or sits under one. */
function requireFolderOrAbsent(label: string, dir: string): 'absent' | 'folder' {
  const kind = kindOf(dir);
  if (kind === 'file') throw new UsageError(`${label} ${dir} is a file, not a folder`);
  if (kind === 'under-a-file') throw new UsageError(`${label} ${dir}: a part of the path is a file, not a folder`);
  return kind;
}

/** The first few names of a folder's entries, for a one-line message. */
function preview(entries: readonly string[]): string {
  const first = [...entries].sort().slice(0, 3).join(', ');
  return entries.length > 3 ? `${first}, … (${entries.length} in all)` : first;
}

/** The files a checkpoint folder holds, and the temp files an interrupted atomic write leaves. */
const checkpointFile = /^(checkpoint\.json|model\.json|weights\.bin|optimizer\.bin|carried\.bin|\..+\.[0-9a-f]+\.tmp)$/;

/**
 * Whether a folder entry is what a run killed before its first checkpoint was complete leaves: a
 * checkpoint folder (or its staging folder) holding nothing but checkpoint files, or a temp file of
 * the run's pointer. Such
 * a folder holds no run yet, and starting the run again in it loses nothing.
 */
function isLeftOfKilledRun(dir: string, entry: string): boolean {
  if (/^\.latest\.json\.[0-9a-f]+\.tmp$/.test(entry)) return true;
  // A checkpoint is written into `.epoch-NNNNN.partial` (or `.step-….partial`) and renamed when whole.
  const staged = /^\.(.+)\.partial$/.exec(entry)?.[1];
  if (!checkpointFolderName.test(staged ?? entry)) return false;
  try {
    return readdirSync(path.join(dir, entry)).every((file) => checkpointFile.test(file));
  } catch {
    return false; // a file with a checkpoint's name is the user's
  }
}

/**
 * Checks the folder `rnn train --out DIR` starts a new run in. A run folder fills up with
 * checkpoints and loses older ones as it goes, so it must be new, empty, or hold only what a run
 * killed before its first checkpoint left (see {@link isLeftOfKilledRun}): a folder of other files
 * is refused (training would mix its checkpoints among them), as is one that holds a run already
 * (that one is continued with --resume) or a path inside another run's checkpoint.
 */
export function checkNewRunFolder(dir: string): void {
  requirePath('--out', dir, 'a folder');
  refuseCheckpointFolder('--out', dir);
  if (requireFolderOrAbsent('--out', dir) === 'absent') return;
  const entries = readdirSync(dir);
  if (entries.includes(runPointer)) {
    throw new UsageError(`${dir} already holds a run; continue it with --resume ${dir}, or choose another --out`);
  }
  if (entries.length > 0 && !entries.every((entry) => isLeftOfKilledRun(dir, entry))) {
    throw new UsageError(
      `--out ${dir} is not empty and holds no run (it has ${preview(entries)}): ` +
        `give an empty or new folder, or --resume DIR to continue a run`,
    );
  }
}

/**
 * Checks a folder a command writes the named `files` into (`rnn export --out`, `rnn inspect
 * --out`): not a file, not inside a run's checkpoint, and holding none of those files already
 * unless `force` (the user's --force) allows replacing them. Other files in the folder are left alone.
 */
export function checkOutputFolder(label: string, dir: string, files: readonly string[], force: boolean): void {
  requirePath(label, dir, 'a folder');
  refuseCheckpointFolder(label, dir);
  if (requireFolderOrAbsent(label, dir) === 'absent') return;
  for (const file of files) {
    if (isRunPointer(path.join(dir, file))) {
      throw new UsageError(`${label} ${dir} holds a run whose ${file} would be replaced; choose another ${label}`);
    }
  }
  const existing = files.filter((file) => existsSync(path.join(dir, file)));
  if (existing.length > 0 && !force) {
    throw new UsageError(
      `${label} ${dir} already holds ${preview(existing)}; give --force to replace ` +
        `${existing.length === 1 ? 'it' : 'them'}, or choose another ${label}`,
    );
  }
}

/**
 * Checks a file a command writes (`rnn markov train --out FILE`): in an existing folder, not a
 * folder itself, not part of a run, and not there already unless `force` (the user's --force)
 * allows replacing it.
 */
export function checkOutputFile(label: string, file: string, force: boolean): void {
  requirePath(label, file, 'a file');
  refuseCheckpointFolder(label, file);
  if (isRunPointer(file)) {
    throw new UsageError(
      `${label} ${file} is the latest.json of the run in ${shown(path.dirname(realLocation(file)))}; choose another ${label}`,
    );
  }
  const kind = kindOf(file);
  if (kind === 'folder') throw new UsageError(`${label} ${file} is a folder, not a file`);
  if (kind === 'under-a-file') throw new UsageError(`${label} ${file}: a part of the path is a file, not a folder`);
  if (kind === 'file') {
    if (!force)
      throw new UsageError(`${label} ${file} already exists; give --force to replace it, or choose another ${label}`);
    return;
  }
  const folder = path.dirname(file);
  if (kindOf(folder) !== 'folder') throw new UsageError(`${label} ${file}: the folder ${folder} does not exist`);
}
