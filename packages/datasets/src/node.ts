/**
 * The Node entry point of @rnn/datasets: everything of the main entry point plus reading corpus
 * files. Browser code imports `@rnn/datasets` instead, which never touches `fs`.
 *
 * @packageDocumentation
 */
export * from './index';
export { bundledCorpusPath, loadCorpus, packageRoot } from './corpus/load-corpus';
export { folderOnDisk } from './files/folder-on-disk';
export { writeFileAtomic } from './files/write-file-atomic';
