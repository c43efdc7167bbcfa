/**
 * Seeded task generators, vocabularies, variable-length batching and corpora: the data layer of every
 * experiment. Pure TypeScript on plain typed arrays, no tfjs, safe to bundle for a browser. Reading
 * corpus files is Node-only and lives in `@rnn/datasets/node`.
 *
 * @packageDocumentation
 */
export { createRng, restoreRng } from './rng';
export type { Rng, RngState } from './rng';

export { isInt32Tensor, shapeSize, zerosFloat32, zerosInt32 } from './tensor';
export type { Float32Tensor, Int32Tensor, TypedTensor } from './tensor';
export { Vocabulary } from './vocabulary';
export type { VocabularyJson, VocabularyOptions } from './vocabulary';
export type { Dataset, DecodedExample, DecodedValue, Typology } from './dataset';
export { formatExample } from './format-example';
export {
  checkBoolean,
  checkChoice,
  checkInteger,
  checkIntegerList,
  checkNumber,
  checkNumberList,
  checkOptionNames,
  checkOrdered,
  checkRng,
  checkString,
  checkTaskSize,
  maxTaskValues,
  show,
} from './validate';
export type { NumberRange } from './validate';

export { createTask, describeTask, isTaskName, taskNames } from './tasks/registry';
export type { TaskInfo, TaskName } from './tasks/registry';
export { parseTaskOption } from './tasks/parse-task-option';
export type { OptionSpec, OptionSpecs } from './tasks/option-spec';
export { sineOptionSpecs, sineTask } from './tasks/sine';
export type { SineOptions } from './tasks/sine';
export { wavesOptionSpecs, wavesTask } from './tasks/waves';
export type { WavesOptions } from './tasks/waves';
export { operandsOptionSpecs, operandsTask } from './tasks/operands';
export type { OperandsOptions } from './tasks/operands';
export { copyOptionSpecs, copyTask } from './tasks/copy';
export type { CopyOptions } from './tasks/copy';
export { additionOptionSpecs, additionSymbols, additionTask } from './tasks/addition';
export type { AdditionOptions } from './tasks/addition';
export { parityOptionSpecs, parityTask } from './tasks/parity';
export type { ParityOptions } from './tasks/parity';
export { prepareText, textOptionSpecs, textTask } from './tasks/text';
export type { PreparedText, TextOptions } from './tasks/text';
export { defaultSentences, sentencesOptionSpecs, sentencesTask } from './tasks/sentences';
export type { SentencesOptions } from './tasks/sentences';
export { increasingOptionSpecs, increasingTask, isIncreasing } from './tasks/increasing';
export type { IncreasingOptions } from './tasks/increasing';
export { countingOptionSpecs, countingTask } from './tasks/counting';
export type { CountingOptions } from './tasks/counting';
export { formatTaskTarget, parsableTaskNames, parseTaskInput } from './tasks/parse-input';
export type { TaskInput } from './tasks/parse-input';

export {
  defaultValidationFraction,
  splitIdsTrainValidation,
  splitTrainValidation,
  trainLength,
} from './text/split-train-validation';
export type { SplitOptions, TrainValidationSplit } from './text/split-train-validation';
export {
  corpusCuts,
  corpusParts,
  defaultCorpusTestFraction,
  defaultCorpusValidationFraction,
  splitCorpus,
  splitCorpusIds,
} from './text/split-corpus';
export type { CorpusPart, CorpusSplit, CorpusSplitOptions } from './text/split-corpus';
export { ContiguousStreams, contiguousStreams } from './text/contiguous-streams';
export type { ContiguousStreamOptions } from './text/contiguous-streams';
export { charactersOutside } from './text/characters-outside';
export { TextWindows, textWindows } from './text/text-windows';
export type { TextWindowOptions } from './text/text-windows';

export { maskFromLengths } from './batching/mask-from-lengths';
export { padSequences } from './batching/pad-sequences';
export type { PadOptions, PaddedSequences } from './batching/pad-sequences';
export { oneHot } from './batching/one-hot';
export { gatherRows, takeBatch } from './batching/take-batch';
export type { Batch } from './batching/take-batch';
export { batchIndices } from './batching/batch-indices';
export type { BatchIndicesOptions } from './batching/batch-indices';
export { bucketByLength } from './batching/bucket-by-length';
export type { BucketOptions, Buckets } from './batching/bucket-by-length';
export { paddingFraction } from './batching/padding-fraction';
export { iterateBatches } from './batching/iterate-batches';
export type { IterateBatchesOptions } from './batching/iterate-batches';

export { canonicalJson } from './files/canonical-json';
export { folderInMemory, subfolder, utf8Bytes } from './files/folder-files';
export type { FileMap, FolderFiles } from './files/folder-files';
export { bundledCorpora, corpusNames } from './corpus/bundled-corpora';
export type { BundledCorpus } from './corpus/bundled-corpora';
export { corpusFromBytes, corpusFromText, fetchCorpus } from './corpus/corpus-from-text';
