// The page's "Keep and share" panel: save the answering model in this browser, download its run
// folder or a tfjs layers export, and open a run folder from a picker, a zip or a drop. The files go
// to and come from the worker, which encodes and checks them; this file moves bytes and says what
// happened.
import { byId } from './element-by-id';
import { ModelStore, type SavedModelEntry } from './model-store';
import type { PlaygroundReply, PlaygroundRequest } from './protocol';
import { findRunFolder, unzipFiles, zipFolder } from './run-archive';

/** What the panel needs of the page. */
export interface ModelPanelHost {
  send(request: PlaygroundRequest): void;
}

/** What the page tells the panel, and the worker's replies it handles. */
export interface ModelPanel {
  /** Enables what applies: keeping needs an answering model, opening a page that is not training. */
  render(state: { canKeep: boolean; canOpen: boolean; suggestedName: string }): void;
  onRunFolder(reply: Extract<PlaygroundReply, { type: 'run-folder' }>): void;
  onLayersExport(reply: Extract<PlaygroundReply, { type: 'layers-export' }>): void;
  onOpened(reply: Extract<PlaygroundReply, { type: 'opened' }>): void;
  /** A request of the panel failed in the worker. */
  onError(message: string): void;
}

/** Offers bytes as a download named `file`. */
function download(file: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; the URL is only this page's handle on the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileBytes = async (file: File): Promise<Uint8Array> => new Uint8Array(await file.arrayBuffer());

/** Every file under a dropped folder, by its path from the folder's parent. */
async function entryFiles(entry: FileSystemEntry, into: Map<string, Uint8Array>): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    into.set(entry.fullPath.replace(/^\//, ''), await fileBytes(file));
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries hands out a folder's entries in batches, until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await entryFiles(child, into);
  }
}

/** Wires the panel of index.html to the worker. */
export function createModelPanel(host: ModelPanelHost): ModelPanel {
  const ui = {
    panel: byId<HTMLElement>('model-panel'),
    name: byId<HTMLInputElement>('save-name'),
    save: byId<HTMLButtonElement>('save-button'),
    download: byId<HTMLButtonElement>('download-button'),
    export: byId<HTMLButtonElement>('export-button'),
    saved: byId<HTMLSelectElement>('saved-models'),
    load: byId<HTMLButtonElement>('load-button'),
    remove: byId<HTMLButtonElement>('delete-button'),
    folderInput: byId<HTMLInputElement>('open-folder-input'),
    zipInput: byId<HTMLInputElement>('open-zip-input'),
    status: byId<HTMLParagraphElement>('model-status'),
  };
  const store = new ModelStore();
  /** What the next run-folder reply is for. */
  let wanted: 'save' | 'download' | undefined;
  /** The name the page suggested last, replaced by the next suggestion unless the user edited it. */
  let suggested = '';
  let state = { canKeep: false, canOpen: false, suggestedName: '' };
  let saved: SavedModelEntry[] = [];
  let busy = false;

  const say = (text: string) => (ui.status.textContent = text);

  const refresh = async (select?: string) => {
    try {
      saved = await store.list();
    } catch (err) {
      saved = [];
      say(`This browser does not keep models here: ${err instanceof Error ? err.message : String(err)}`);
    }
    ui.saved.replaceChildren(
      ...(saved.length === 0
        ? [new Option('nothing saved yet', '')]
        : saved.map(
            (m) => new Option(`${m.name}: ${m.description} (${m.savedAt.slice(0, 16).replace('T', ' ')})`, m.name),
          )),
    );
    if (select !== undefined) ui.saved.value = select;
    draw();
  };

  const draw = () => {
    const keep = state.canKeep && !busy;
    ui.save.disabled = !keep || ui.name.value.trim() === '';
    ui.download.disabled = !keep;
    ui.export.disabled = !keep;
    const open = state.canOpen && !busy;
    ui.load.disabled = !open || saved.length === 0;
    ui.remove.disabled = busy || saved.length === 0;
    ui.folderInput.disabled = !open;
    ui.zipInput.disabled = !open;
  };

  /** Hands files to the worker to open, once the run folder is found among them. */
  const open = (files: ReadonlyMap<string, Uint8Array>, from: string) => {
    if (!state.canOpen) {
      say('A model opens when no run is in progress: let the run finish, or reset it.');
      return;
    }
    try {
      const found = findRunFolder(files, from);
      busy = true;
      draw();
      say(`Opening ${found.name}…`);
      host.send({ type: 'open-run-folder', name: found.name, files: found.files });
    } catch (err) {
      say(err instanceof Error ? err.message : String(err));
    }
  };

  const openFiles = async (list: FileList | readonly File[], from: string) => {
    const files = new Map<string, Uint8Array>();
    for (const file of Array.from(list)) {
      if (/\.zip$/i.test(file.name)) {
        for (const [p, bytes] of unzipFiles(await fileBytes(file), file.name)) files.set(p, bytes);
      } else {
        files.set(file.webkitRelativePath || file.name, await fileBytes(file));
      }
    }
    open(files, from);
  };

  const guarded = (what: string, work: () => Promise<void>) => () => {
    work().catch((err: unknown) => {
      busy = false;
      say(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      draw();
    });
  };

  ui.name.addEventListener('input', draw);
  ui.save.addEventListener('click', () => {
    wanted = 'save';
    busy = true;
    draw();
    host.send({ type: 'run-folder' });
  });
  ui.download.addEventListener('click', () => {
    wanted = 'download';
    busy = true;
    draw();
    host.send({ type: 'run-folder' });
  });
  ui.export.addEventListener('click', () => {
    busy = true;
    draw();
    host.send({ type: 'layers-export' });
  });
  ui.load.addEventListener(
    'click',
    guarded('Could not open the saved model', async () => {
      const model = await store.load(ui.saved.value);
      open(model.files, model.name);
    }),
  );
  ui.remove.addEventListener(
    'click',
    guarded('Could not delete the saved model', async () => {
      const name = ui.saved.value;
      await store.remove(name);
      say(`Deleted ${name} from this browser.`);
      await refresh();
    }),
  );
  ui.folderInput.addEventListener(
    'change',
    guarded('Could not read the folder', async () => {
      const list = ui.folderInput.files;
      if (list && list.length > 0) await openFiles(list, 'the folder');
      ui.folderInput.value = '';
    }),
  );
  ui.zipInput.addEventListener(
    'change',
    guarded('Could not read the zip', async () => {
      const file = ui.zipInput.files?.[0];
      if (file) await openFiles([file], file.name);
      ui.zipInput.value = '';
    }),
  );
  ui.panel.addEventListener('dragover', (event) => {
    event.preventDefault();
    ui.panel.classList.add('dropping');
  });
  ui.panel.addEventListener('dragleave', () => ui.panel.classList.remove('dropping'));
  ui.panel.addEventListener('drop', (event) => {
    event.preventDefault();
    ui.panel.classList.remove('dropping');
    const items = Array.from(event.dataTransfer?.items ?? []);
    const entries = items.map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
    guarded('Could not read what was dropped', async () => {
      if (entries.some((e) => e.isDirectory)) {
        const files = new Map<string, Uint8Array>();
        for (const entry of entries) await entryFiles(entry, files);
        open(files, entries[0].name);
      } else {
        const files = Array.from(event.dataTransfer?.files ?? []);
        await openFiles(files, files[0]?.name ?? 'the dropped files');
      }
    })();
  });

  void refresh();

  return {
    render(next) {
      state = next;
      if (ui.name.value === suggested) ui.name.value = next.suggestedName;
      suggested = next.suggestedName;
      draw();
    },
    onRunFolder(reply) {
      const action = wanted;
      wanted = undefined;
      busy = false;
      if (action === 'download') {
        download(`${reply.name}.zip`, zipFolder(reply.name, reply.files));
        say(
          `Downloaded ${reply.name}.zip: ${reply.description}. Unzipped, it is a run folder rnn reads like its own ` +
            '(rnn predict, sample, eval, train --resume).',
        );
        draw();
        return;
      }
      const name = ui.name.value.trim();
      guarded('Could not save in this browser', async () => {
        await store.save({
          name,
          description: reply.description,
          savedAt: new Date().toISOString(),
          files: reply.files,
        });
        say(`Saved ${name} in this browser: ${reply.description}.`);
        await refresh(name);
      })();
      draw();
    },
    onLayersExport(reply) {
      busy = false;
      download(`${reply.name}.zip`, zipFolder(reply.name, reply.files));
      say(
        `Downloaded ${reply.name}.zip: model.json and weights.bin load with tf.loadLayersModel; rnn-spec.json rebuilds this toolkit's model.`,
      );
      draw();
    },
    onOpened(reply) {
      busy = false;
      say(`Opened ${reply.name}: ${reply.description}.`);
      draw();
    },
    onError(message) {
      busy = false;
      wanted = undefined;
      say(message);
      draw();
    },
  };
}
