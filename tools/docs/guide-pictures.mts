// `npx tsx tools/docs/guide-pictures.mts`: the pictures of docs/guides, drawn from the tour's quick
// form of every exercise at seed 42 (the same runs `rnn tour` makes, but for the character model,
// which runs its recipe's 3 epochs to their end where the tour runs 2, so that its curve has three
// points and does not depend on the machine's speed), plus what the tour has no stop for, each a
// second or less: the plain-TypeScript engine beside tfjs, the scratch counter run past its
// training range, the sentence model over a whole sentence, and the fresh SimpleRNN that
// `rnn inspect` looks inside. Writes docs/guides/pictures/*.svg and prints, per exercise, what the
// guides quote as text (fresh examples, parity probabilities, samples). Takes several minutes on
// two cores; run it alone.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { heatmapSvg, lineChartSvg, svgRow, type LineSeries } from '@rnn/charts';
import { createRng, createTask } from '@rnn/datasets';
import { loadCorpus, writeFileAtomic } from '@rnn/datasets/node';
// `@rnn/models/node` re-exports the main entry with `export *`, which an ES module script run by tsx
// cannot import by name: the main entry's names come from `@rnn/models` itself.
import {
  createScratchElman,
  loadWasmKernels,
  scratchGenerate,
  quietTfjsWarnings,
  useBackend,
  type HiddenStateRecord,
} from '@rnn/models';
import { loadNativeKernels } from '@rnn/models/node';
import {
  findRecipe,
  fitScratch,
  freshSimpleRnn,
  inspectModel,
  recordRecipeHiddenStates,
  recipeSettings,
  runTourStop,
  tourCorpusName,
  tourStops,
  trainRecipe,
  trainRecipeFromScratch,
  twoSineWaves,
  type TourStop,
  type TourStopResult,
} from '@rnn/training';
import { formatMetric, historySvg, layerHeatmapSvg, waveChartsSvg } from '@rnn/views';

const seed = '42';
const root = path.resolve(import.meta.dirname, '..', '..');
const outDir = path.join(root, 'docs', 'guides', 'pictures');
/**
 * The character model's budget for its picture: the recipe's 3 epochs (2.5 minutes at most) to
 * their end, under a time limit no machine reaches, so the curve has its three points whatever the
 * machine's load.
 */
const languageModelMinutes = 30;

if (process.argv.length > 2) {
  process.stderr.write(`guide-pictures takes no arguments, got ${JSON.stringify(process.argv.slice(2).join(' '))}\n`);
  process.exit(2);
}

/** The tour's stop for `recipe`; the character model's with the recipe's epochs and no time limit to speak of. */
function stopOf(recipe: string): TourStop {
  const stop = tourStops.find((s) => s.recipe === recipe);
  if (!stop) throw new RangeError(`the tour has no stop ${recipe}`);
  return recipe === 'charlm-quick' ? { ...stop, languageModelOverrides: { minutes: languageModelMinutes } } : stop;
}

/** Each `<svg ...>...</svg>` document of a string that holds several one after the other. */
function splitDocuments(svgs: string): string[] {
  return svgs.split(/(?=<svg\s[^>]*xmlns=)/).filter((part) => part.trim() !== '');
}

/**
 * One recorded layer as a heatmap: a row per unit, a column per step, the input drawn above when
 * given. A few steps get wide cells, so the picture is wider than its title; a gate, in [0, 1], gets
 * the scale [-1, 1] so that its values read as shades of one colour.
 */
function layerHeatmap(
  layer: HiddenStateRecord['layers'][number],
  title: string,
  values: ArrayLike<number> = layer.hidden,
  legendLabel = 'h',
  input?: readonly number[],
  gate = false,
): string {
  return layerHeatmapSvg(layer, {
    title,
    values,
    legendLabel,
    ...(input ? { input } : {}),
    ...(gate ? { limit: 1 } : {}),
  });
}

/** A stop's curves as one picture, titled with the recipe. */
const historyOf = (result: TourStopResult) => historySvg({ ...result.history, title: result.stop.recipe });

/** The bits of a parity input, as the line above its heatmap. */
const bitsOf = (input: string) => [...input].map(Number);

/** The first recorded layer of a stop's hidden states (a seq2seq model's encoder). */
function firstLayer(result: TourStopResult) {
  const layer = result.hiddenStates?.states.layers[0];
  if (!layer) throw new RangeError(`${result.stop.recipe}: the stop recorded no hidden states`);
  return layer;
}

const written: string[] = [];
async function write(name: string, svg: string): Promise<void> {
  await writeFileAtomic(path.join(outDir, name), svg.endsWith('\n') ? svg : `${svg}\n`);
  written.push(name);
}

/** What the guides quote as text: the measured value, the examples, the parity answers, the samples. */
function report(result: TourStopResult): void {
  const { stop, target } = result;
  const lines = [
    `## ${stop.recipe}: ${target.metric} ${formatMetric(target.value)} (target ${target.goal}, ${result.reached ? 'reached' : 'NOT reached'}) in ${result.seconds.toFixed(1)} s`,
  ];
  for (const e of result.examples ?? []) {
    lines.push(
      `${e.correct ? 'right' : 'WRONG'}  ${e.input} -> ${e.predicted}${e.correct ? '' : ` (expected ${e.expected})`}`,
    );
  }
  for (const p of result.parity ?? []) {
    if ('error' in p) lines.push(`${p.input}: ${p.error}`);
    else
      lines.push(
        `bits     ${p.input}`,
        `parity   ${p.prediction}`,
        `P(odd)   ${(p.values ?? []).map((v) => v.toFixed(2)).join(' ')}`,
      );
  }
  for (const s of result.samples ?? []) {
    lines.push(`-- ${s.model}, ${s.bitsPerChar.toFixed(3)} bits per character`, s.text);
  }
  if (result.hiddenStates) lines.push(`hidden states on: ${result.hiddenStates.input}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

quietTfjsWarnings();
loadNativeKernels();
loadWasmKernels();
await useBackend('cpu');
await mkdir(outDir, { recursive: true });
const started = performance.now();
const results = new Map<string, TourStopResult>();
const corpus = tourCorpusName(tourStops);
const text = corpus === undefined ? undefined : loadCorpus(corpus);
for (const { recipe } of tourStops) {
  const stop = stopOf(recipe);
  const result = await runTourStop(stop, { seed, ...(text !== undefined ? { text } : {}) });
  results.set(recipe, result);
  process.stderr.write(`${recipe}: ${formatMetric(result.target.value)} in ${result.seconds.toFixed(1)} s\n`);
  report(result);
}
const get = (recipe: string) => results.get(recipe) as TourStopResult;

// The pocket calculator.
const calculator = get('calculator');
await write('calculator-history.svg', historyOf(calculator));
await write(
  'calculator-hidden.svg',
  layerHeatmap(firstLayer(calculator), `calculator: hidden state on ${calculator.hiddenStates?.input}`),
);

// The oscillator: the three ways of injecting the frequency, then the waves of the first.
const injects = ['oscillator-init', 'oscillator-pre', 'oscillator-par'].map(get);
await write(
  'oscillator-losses.svg',
  lineChartSvg({
    title: 'oscillator: training loss per epoch, three ways to inject the frequency',
    xLabel: 'epoch',
    yLabel: 'mean squared error',
    logY: true,
    width: 720,
    height: 360,
    series: injects.map((r): LineSeries => ({
      name: r.stop.recipe,
      points: r.history.epochs.map((e): [number, number] => [e.epoch, e.loss]),
    })),
  }),
);
await write('oscillator-waves.svg', svgRow(splitDocuments(waveChartsSvg(injects[0].waves ?? []))));

// The linear RNN on sines.
const sine = get('sine');
await write('sine-history.svg', historyOf(sine));
await write('sine-waves.svg', svgRow(splitDocuments(waveChartsSvg(sine.waves ?? []))));

// Copy and reverse: the copy run's curves, and its encoder and decoder on one fresh sequence.
const copy = get('copy');
await write('copy-history.svg', historyOf(copy));
const copyStates = copy.hiddenStates?.states;
const decoder = copyStates?.decoderLayers?.[0];
await write(
  'copy-hidden.svg',
  svgRow([
    layerHeatmap(firstLayer(copy), `copy: encoder reading ${copy.hiddenStates?.input}`),
    ...(decoder ? [layerHeatmap(decoder, 'copy: decoder writing it back')] : []),
  ]),
);

// Addition: the LSTM's curves, and exact match of both cells after each epoch.
const additionRnn = get('addition-rnn');
const additionLstm = get('addition-lstm');
await write('addition-history.svg', historyOf(additionLstm));
await write(
  'addition-exact-match.svg',
  lineChartSvg({
    title: 'addition, two-digit operands: exact match on fresh sums after each epoch',
    xLabel: 'epoch',
    yLabel: 'exact match',
    width: 720,
    height: 360,
    series: [additionRnn, additionLstm].map((r): LineSeries => ({
      name: r.stop.recipe,
      points: r.history.epochs.flatMap((e): [number, number][] =>
        e.metric === undefined ? [] : [[e.epoch, e.metric]],
      ),
    })),
  }),
);

// The character model against the Markov baseline.
await write('charlm-history.svg', historyOf(get('charlm-quick')));

// The three sentences: the model again (a fraction of a second, the same seed and settings as the
// stop), to look inside it over a whole sentence rather than the prime.
const sentences = get('sentences');
await write('sentences-history.svg', historyOf(sentences));
const sentence = 'good i am fine';
const sentenceRun = await trainRecipe(findRecipe('sentences'), { seed, monitor: false });
try {
  const [layer] = recordRecipeHiddenStates(findRecipe('sentences'), sentenceRun.model, sentence).layers;
  await write('sentences-hidden.svg', layerHeatmap(layer, `sentences: hidden state reading "${sentence}"`));
} finally {
  sentenceRun.model.dispose();
}

// The RNN from scratch: the plain-TypeScript engine's loss beside tfjs's, on the tour's budgets.
const engineCharts = ['increasing', 'counting'].map((recipe) => {
  const tour = get(recipe);
  const stop = stopOf(recipe);
  const scratch = trainRecipeFromScratch(findRecipe(recipe), {
    seed,
    ...(stop.overrides ? { overrides: stop.overrides } : {}),
  });
  process.stdout.write(
    `## ${recipe} --engine scratch: ${scratch.target.metric} ${formatMetric(scratch.target.value)} in ${scratch.seconds.toFixed(1)} s\n\n`,
  );
  return lineChartSvg({
    title: `${recipe}: training loss per epoch`,
    xLabel: 'epoch',
    yLabel: recipe === 'counting' ? 'mean squared error' : 'binary cross-entropy',
    logY: true,
    width: 560,
    height: 300,
    series: [
      { name: 'tfjs', points: tour.history.epochs.map((e): [number, number] => [e.epoch, e.loss]) },
      {
        name: 'scratch (plain TypeScript)',
        points: scratch.history.map((e): [number, number] => [e.epoch, e.loss]),
        dashed: true,
      },
    ],
  });
});
await write('from-scratch-engines.svg', svgRow(engineCharts));

// The counter of `rnn train counting --engine scratch` (its data, weights and shuffles from the
// same seed streams), started past the trained range and run for longer than trained.
const countingRecipe = findRecipe('counting');
const countingSettings = recipeSettings(countingRecipe);
const counter = createScratchElman(
  { inputSize: 1, units: countingSettings.hidden, outputSize: 1, activation: 'linear' },
  createRng(seed).fork('init'),
);
fitScratch(counter, createTask('counting', countingSettings.task, createRng(seed).fork('data').fork('train')), {
  epochs: countingSettings.epochs,
  batchSize: countingSettings.batchSize,
  learningRate: countingSettings.learningRate,
  ...(countingSettings.schedule ? { schedule: countingSettings.schedule } : {}),
  rng: createRng(seed).fork('train'),
});
const beyondSteps = 8;
const starts = [100, 102, 104];
const beyond = scratchGenerate(counter, { data: starts, shape: [starts.length, 1, 1] }, beyondSteps).outputs;
await write(
  'counting-beyond.svg',
  lineChartSvg({
    title: 'counting (scratch engine): started at 100-104, trained on 0-99 and 5 steps',
    xLabel: 'step',
    yLabel: 'value',
    width: 720,
    height: 360,
    series: starts.flatMap((n, i): LineSeries[] => [
      {
        name: `from ${n}`,
        points: Array.from({ length: beyondSteps }, (_, k): [number, number] => [k + 1, beyond[i * beyondSteps + k]]),
      },
      {
        name: `${n} + step`,
        points: Array.from({ length: beyondSteps }, (_, k): [number, number] => [k + 1, n + k + 1]),
        dashed: true,
        color: '#777777',
      },
    ]),
  }),
);

// Parity: the variable-length run's curves, and the running parity's hidden state on one string.
await write('parity-history.svg', historyOf(get('parity-variable')));
const parity = get('parity');
const parityInput = parity.hiddenStates?.input ?? '';
await write(
  'parity-hidden.svg',
  layerHeatmap(firstLayer(parity), `parity: hidden state on ${parityInput}`, undefined, 'h', bitsOf(parityInput)),
);

// Looking inside: the fresh SimpleRNN on two sine waves (what `rnn inspect` draws with no run), and
// the parity-final LSTM's hidden state, cell state and forget gate on one string.
const fresh = freshSimpleRnn(seed);
try {
  const inspection = inspectModel(fresh, twoSineWaves());
  const panel = inspection.panels[0];
  // The first 20 units show the picture; all 100 would make a file of a megabyte.
  const shownUnits = 20;
  await write(
    'looking-inside-fresh.svg',
    heatmapSvg({
      values: panel.values.slice(0, shownUnits * panel.steps),
      rows: shownUnits,
      columns: panel.steps,
      title: `a fresh SimpleRNN of 100 units reading two sine waves: hidden state of its first ${shownUnits} units`,
      legendLabel: 'h',
      line: { values: inspection.input, label: 'input' },
    }),
  );
} finally {
  fresh.dispose();
}
const parityFinal = get('parity-final');
const lstm = firstLayer(parityFinal);
const lstmInput = parityFinal.hiddenStates?.input ?? '';
const forget = lstm.gates?.find((g) => g.name === 'forget');
await write(
  'looking-inside-lstm.svg',
  svgRow([
    layerHeatmap(lstm, 'parity-final: hidden state h', lstm.hidden, 'h', bitsOf(lstmInput)),
    ...(lstm.cell ? [layerHeatmap(lstm, 'cell state c', lstm.cell, 'c', bitsOf(lstmInput))] : []),
    ...(forget ? [layerHeatmap(lstm, 'forget gate', forget.values, 'forget', bitsOf(lstmInput), true)] : []),
  ]),
);

const seconds = (performance.now() - started) / 1000;
process.stderr.write(
  `wrote ${written.length} pictures into ${path.relative(root, outDir)} in ${seconds.toFixed(0)} s\n`,
);
