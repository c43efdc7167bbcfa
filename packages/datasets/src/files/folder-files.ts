/**
 * A folder of files as something to read from, wherever it lives: on disk, in a zip, in a browser's
 * file picker or IndexedDB. Loading code reads through it, so the checks and the messages of a model
 * or checkpoint folder are written once for Node and the browser alike.
 */
export interface FolderFiles {
  /** The folder as messages name it: a path on disk, or the name of what the user opened. */
  readonly where: string;
  /** A file of the folder as messages name it. */
  path(name: string): string;
  /** The bytes of a file of the folder (`name` may hold `/`), or undefined when there is none. */
  read(name: string): Promise<Uint8Array | undefined>;
}

/**
 * The files of a folder held in memory, by their paths inside it with `/` between parts (a run
 * folder: `latest.json`, `epoch-00003/model.json`, ...).
 */
export type FileMap = ReadonlyMap<string, Uint8Array>;

/** A folder whose files are in memory; `where` names it in messages. */
export function folderInMemory(files: FileMap, where: string): FolderFiles {
  return {
    where,
    path: (name) => `${where}/${name}`,
    read: async (name) => files.get(name),
  };
}

/** The part of a folder under one of its subfolders, e.g. a run folder's `epoch-00003`. */
export function subfolder(folder: FolderFiles, name: string): FolderFiles {
  return {
    where: folder.path(name),
    path: (file) => folder.path(`${name}/${file}`),
    read: (file) => folder.read(`${name}/${file}`),
  };
}

const encoder = new TextEncoder();

/** A text file's bytes, as UTF-8. */
export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text);
