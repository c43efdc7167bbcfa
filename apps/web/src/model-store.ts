// Models kept in this browser: run folders in IndexedDB (through idb-keyval), one record per name,
// so a model survives a reload and can be opened again like a folder the command line wrote.
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import type { FolderFileMap } from './run-archive';

/** A run folder kept in the browser, under a name the user chose. */
export interface SavedModel {
  readonly name: string;
  /** Which checkpoint it is, e.g. `parity after epoch 5 of 5`. */
  readonly description: string;
  /** When it was saved, as an ISO date. */
  readonly savedAt: string;
  readonly files: FolderFileMap;
}

/** What the list of saved models shows: everything but the files. */
export type SavedModelEntry = Omit<SavedModel, 'files'>;

/** The database and object store the page keeps its models in. */
export const modelDatabase = { name: 'rnn-playground', store: 'models' } as const;

/** The models kept in this browser's IndexedDB. */
export class ModelStore {
  private readonly store: UseStore;

  constructor() {
    this.store = createStore(modelDatabase.name, modelDatabase.store);
  }

  /** Every saved model, newest first. */
  async list(): Promise<SavedModelEntry[]> {
    const all = await entries<string, SavedModel>(this.store);
    return all
      .map(([, { name, description, savedAt }]) => ({ name, description, savedAt }))
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  /** Keeps a run folder under `name`, replacing a model saved under the same name. */
  async save(model: SavedModel): Promise<void> {
    if (model.name.trim() === '') throw new RangeError('a saved model needs a name');
    await set(model.name, { ...model, files: new Map(model.files) }, this.store);
  }

  /** The model saved under `name`. */
  async load(name: string): Promise<SavedModel> {
    const model = await get<SavedModel>(name, this.store);
    if (!model) throw new RangeError(`no model is saved under ${JSON.stringify(name)} in this browser`);
    return model;
  }

  async remove(name: string): Promise<void> {
    await del(name, this.store);
  }
}
