/**
 * Masked losses, metrics, the trainer, checkpoints and one recipe per source exercise.
 *
 * @packageDocumentation
 */
export { maskedMean } from './losses/masked-mean';
export { maskedCrossEntropy } from './losses/masked-cross-entropy';
export { maskedBinaryCrossEntropy } from './losses/masked-binary-cross-entropy';
export { maskedMeanSquaredError } from './losses/masked-mean-squared-error';
export { maskedTokenAccuracy } from './metrics/masked-token-accuracy';
export { fit, NonFiniteLossError } from './fit/fit';
export type { FitOptions, FitResult, EpochRecord, BatchProgress } from './fit/fit';
export { evaluate } from './fit/evaluate';
export type { Evaluation } from './fit/evaluate';
export { objectiveFor } from './fit/objective';
export type { Objective } from './fit/objective';
export { clipByGlobalNorm } from './fit/clip-by-global-norm';
export { createOptimizer, optimizerNames } from './fit/create-optimizer';
export {
  optimizerLearningRate,
  scheduleKinds,
  scheduledLearningRate,
  setOptimizerLearningRate,
  validateSchedule,
} from './fit/learning-rate-schedule';
export type { LearningRateSchedule, SchedulePosition } from './fit/learning-rate-schedule';
export type { OptimizerName } from './fit/create-optimizer';
export type { OptimizerState } from './fit/fit';
export { recipes, findAnyRecipe, findRecipe, isLanguageModelRecipe } from './recipes/registry';
export type {
  NotebookSettings,
  Recipe,
  RecipeModel,
  RecipeOverrides,
  RecipeTarget,
  RecipeTest,
  RecipeTraining,
  TargetMetric,
} from './recipes/recipe';
export { targetMetrics } from './recipes/recipe';
export { calculatorRecipe } from './recipes/calculator';
export { oscillatorInitRecipe, oscillatorParRecipe, oscillatorPreRecipe } from './recipes/oscillator';
export { sineRecipe } from './recipes/sine';
export { copyRecipe, reverseRecipe } from './recipes/copy';
export { additionLstmRecipe, additionRnnRecipe } from './recipes/addition';
export { sentencesRecipe } from './recipes/sentences';
export { increasingRecipe } from './recipes/increasing';
export { countingRecipe } from './recipes/counting';
export { parityFinalRecipe, parityRecipe, parityVariableRecipe } from './recipes/parity';
export { trainRecipe, recipeSettings, recipeData, evaluateRecipe } from './recipes/train-recipe';
export { measureTarget, targetGoal, targetReached, testDataOf } from './recipes/measure-target';
export type { MeasuredTarget } from './recipes/measure-target';
export { closedLoopMse } from './metrics/closed-loop-mse';
export type { ClosedLoopResult } from './metrics/closed-loop-mse';
export { generateValues, toleranceOf, withinTolerance } from './metrics/within-tolerance';
export type { ToleranceResult } from './metrics/within-tolerance';
export { accuracyByLength } from './metrics/accuracy-by-length';
export type { LengthAccuracy } from './metrics/accuracy-by-length';
export { greedyCompletions } from './metrics/greedy-completion';
export type { Completion, CompletionResult } from './metrics/greedy-completion';
export type { RecipeResult, RecipeSettings, ResumePoint, TrainRecipeOptions } from './recipes/train-recipe';
export { predictRecipe } from './recipes/predict-recipe';
export { recipeLanguageModel } from './recipes/recipe-language-model';
export type { RecipeAnswer, RecipeInputError, RecipePrediction } from './recipes/predict-recipe';
export { fitScratch, predictScratch } from './scratch/fit-scratch';
export type {
  FitScratchOptions,
  FitScratchResult,
  PredictScratchOptions,
  ScratchEpochRecord,
  ScratchPredictions,
} from './scratch/fit-scratch';
export { trainRecipeFromScratch } from './scratch/train-recipe-from-scratch';
export type { TrainFromScratchOptions } from './scratch/train-recipe-from-scratch';
export { freshSimpleRnn, inspectModel, twoSineWaves } from './inspect/inspect-model';
export type { InspectedExamples, Inspection, InspectionPanel } from './inspect/inspect-model';
export { runStudy } from './studies/study';
export type {
  RunStudyOptions,
  Study,
  StudyBudget,
  StudyColumn,
  StudyResult,
  StudyRow,
  StudyValue,
  StudyVariant,
  VariantMeasurement,
  VariantOutcome,
} from './studies/study';
export { findStudy, studies } from './studies/registry';
export { parityStudy } from './studies/parity-study';
export { sineStudy, angleOfFrequency, elmanDynamics, formatEigenvalues } from './studies/sine-study';
export type { ElmanDynamics } from './studies/sine-study';
export { additionStudy } from './studies/addition-study';
export { describeEigenvalue, eigenvalues } from './studies/eigenvalues';
export type { Complex, DescribedEigenvalue } from './studies/eigenvalues';
export { formatStudyValue, markdownTable, studyMarkdown } from './studies/study-table';
export { charlmQuickRecipe, charlmRecipe, languageModelRecipes } from './language-model/charlm';
export { languageModelSchemes } from './language-model/language-model-recipe';
export type {
  LanguageModelOverrides,
  LanguageModelRecipe,
  LanguageModelScheme,
  LanguageModelSettings,
  LanguageModelShape,
  LanguageModelTarget,
  LanguageModelTraining,
} from './language-model/language-model-recipe';
export { corpusBitsPerChar } from './language-model/corpus-bits-per-char';
export type { CorpusScore, CorpusScoreOptions } from './language-model/corpus-bits-per-char';
export { fitLanguageModel, stepsPerEpoch } from './language-model/fit-language-model';
export type {
  LanguageModelCheckpointState,
  LanguageModelEpochRecord,
  LanguageModelFitOptions,
  LanguageModelFitResult,
  LanguageModelStart,
  LanguageModelStepProgress,
} from './language-model/fit-language-model';
export { languageModelSettings, languageModelSpec, trainLanguageModel } from './language-model/train-language-model';
export type {
  LanguageModelResult,
  LanguageModelResumePoint,
  TrainLanguageModelOptions,
} from './language-model/train-language-model';
export {
  freshRecipeExamples,
  freshRecipeInput,
  recipeWaves,
  recordRecipeHiddenStates,
  type FreshExample,
  type RecipeWave,
} from './inspect/recipe-views';
export { recipeInputSymbols } from './inspect/recipe-input-symbols';
export { recordLanguageModelHiddenStates, type TextHiddenStates } from './inspect/language-model-hidden-states';
export { tourStops } from './tour/tour-stops';
export type { TourStop } from './tour/tour-stops';
export { runTourStop, tourCorpusName } from './tour/run-tour-stop';
export type { RunTourStopOptions, TourProgress, TourSample, TourStopResult } from './tour/run-tour-stop';
export { languageModelHistoryCurves, recipeHistoryCurves } from './inspect/history-curves';
export type { CurveEpoch, HistoryCurveData } from './inspect/history-curves';
export { checkpointVersion, encodeRunFolder } from './checkpoint/checkpoint-codec';
export type { Checkpoint, CheckpointFile, CheckpointManifest, CheckpointState } from './checkpoint/checkpoint-codec';
export { readRunFolder } from './checkpoint/run-checkpoint';
export type {
  LanguageModelCheckpointManifest,
  RecipeCheckpointManifest,
  RunCheckpoint,
} from './checkpoint/run-checkpoint';
export { resumeLanguageModelRun, resumeRecipeRun } from './checkpoint/resume-run';
export type { ResumedLanguageModelRun, ResumedRecipeRun } from './checkpoint/resume-run';
export {
  isLanguageModelRunRecord,
  languageModelRunRecord,
  parseRunRecord,
  recipeRunRecord,
} from './checkpoint/run-record';
export type { LanguageModelRunRecord, RecipeRunRecord, RunRecord } from './checkpoint/run-record';
export { timeTrainingSteps } from './speed/time-training-steps';
export type { TrainingStepTiming, TrainingStepTimingOptions, TrainingStepWork } from './speed/time-training-steps';
export { recipeTrainingStep } from './speed/recipe-training-step';
export type { RecipeTrainingStepOptions } from './speed/recipe-training-step';
