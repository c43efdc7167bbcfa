// The page: the form, the chart and the views of a trained model. Everything that trains or answers
// runs in the training worker (training-worker.ts); this file only shows what it reports.
import './style.css';
import type { BackendName, BackendStatus, CellKind } from '@rnn/models';
import { backendReportHtml } from './backend-report';
import { TrainingSeries } from './chart-series';
import { corpusOpening } from './corpus-opening';
import { byId } from './element-by-id';
import { fillBackendSelect, pageEngineControls } from './engine-controls';
import { speedFiguresHtml } from './speed-text';
import { languageModelScoresHtml, type ScoreRow } from './language-model-scores';
import { LossChart, type ChartBaseline } from './loss-chart';
import { createModelPanel } from './model-panel';
import type {
  CorpusFacts,
  EngineReport,
  PlaygroundReply,
  PlaygroundRequest,
  RecipeCard,
  RunSettings,
  TextSource,
} from './protocol';
import { backendSwitchRefusal } from './protocol';
import { parseSamplingFields, samplingDefaults } from './sampling-controls';
import {
  cliCommand,
  knobNames,
  knobsOf,
  parseKnob,
  queryOf,
  recipeDefaults,
  settingsFromQuery,
  type KnobName,
} from './settings';
import {
  escapeHtml,
  examplesTableHtml,
  hiddenStateSvgs,
  parityTableHtml,
  recipeViewsOf,
  waveChartsSvg,
} from '@rnn/views';
import {
  batchText,
  formatBits,
  languageModelMeasuringText,
  outcomeText,
  pausedText,
  progressFraction,
} from './status-text';

/** Training examples (or a corpus's first lines) shown for the chosen recipe. */
const exampleCount = 6;

/**
 * Where the page is: waiting for its worker, ready, training, asked to pause (a task recipe pauses
 * at the end of the epoch, a language model after the current step), paused, measuring the target,
 * or done.
 */
type Phase = 'starting' | 'idle' | 'training' | 'pausing' | 'paused' | 'measuring' | 'done';

/**
 * The part of the page that tries a trained model: parity's table, the text view (sentences, and
 * the character language models beside the Markov baseline), or the input of every other task.
 */
type View = 'parity' | 'text' | 'task';

const ui = {
  form: byId<HTMLFormElement>('run-form'),
  recipe: byId<HTMLSelectElement>('recipe'),
  about: byId<HTMLParagraphElement>('recipe-about'),
  knobs: byId<HTMLFieldSetElement>('knobs'),
  minutesField: byId<HTMLDivElement>('minutes-field'),
  corpusView: byId<HTMLFieldSetElement>('corpus-view'),
  corpusUsed: byId<HTMLParagraphElement>('corpus-used'),
  corpusInput: byId<HTMLTextAreaElement>('corpus-input'),
  corpusFile: byId<HTMLInputElement>('corpus-file'),
  problems: byId<HTMLUListElement>('problems'),
  train: document.querySelector<HTMLButtonElement>('[data-testid="train-button"]') as HTMLButtonElement,
  pause: byId<HTMLButtonElement>('pause'),
  reset: byId<HTMLButtonElement>('reset'),
  cli: document.querySelector<HTMLElement>('[data-testid="cli-command"]') as HTMLElement,
  permalink: byId<HTMLAnchorElement>('permalink'),
  examplesAside: byId<HTMLParagraphElement>('examples-aside'),
  examples: byId<HTMLPreElement>('examples'),
  progress: byId<HTMLProgressElement>('progress'),
  status: byId<HTMLParagraphElement>('status'),
  badge: byId<HTMLParagraphElement>('target-badge'),
  chart: byId<HTMLDivElement>('loss-chart'),
  tryHint: byId<HTMLParagraphElement>('try-hint'),
  views: {
    parity: byId<HTMLFormElement>('parity-view'),
    text: byId<HTMLFormElement>('sentences-view'),
    task: byId<HTMLFormElement>('task-view'),
  } satisfies Record<View, HTMLFormElement>,
  parityInput: byId<HTMLInputElement>('parity-input'),
  parityResult: byId<HTMLDivElement>('parity-result'),
  scores: byId<HTMLDivElement>('lm-scores'),
  prime: byId<HTMLInputElement>('prime-input'),
  temperature: byId<HTMLInputElement>('temperature-input'),
  topK: byId<HTMLInputElement>('top-k-input'),
  topP: byId<HTMLInputElement>('top-p-input'),
  lengthLabel: byId<HTMLLabelElement>('length-label'),
  length: byId<HTMLInputElement>('length-input'),
  generateButton: document.querySelector<HTMLButtonElement>('[data-testid="generate-button"]') as HTMLButtonElement,
  texts: {
    rnn: byId<HTMLOutputElement>('generated-text'),
    markov: byId<HTMLOutputElement>('markov-text'),
  } satisfies Record<TextSource, HTMLOutputElement>,
  captions: {
    rnn: byId<HTMLElement>('generated-caption'),
    markov: byId<HTMLElement>('markov-caption'),
  } satisfies Record<TextSource, HTMLElement>,
  markovColumn: byId<HTMLElement>('markov-column'),
  taskInput: byId<HTMLInputElement>('task-input'),
  taskOutput: byId<HTMLOutputElement>('task-output'),
  modelViews: {
    examples: byId<HTMLDivElement>('examples-view'),
    waves: byId<HTMLDivElement>('wave-view'),
    hiddenStates: byId<HTMLFormElement>('hidden-state-view'),
  },
  examplesButton: byId<HTMLButtonElement>('examples-button'),
  examplesResult: byId<HTMLDivElement>('examples-result'),
  wavesButton: byId<HTMLButtonElement>('waves-button'),
  waveResult: byId<HTMLDivElement>('wave-result'),
  hiddenStateInput: byId<HTMLInputElement>('hidden-state-input'),
  hiddenStateLabel: document.querySelector<HTMLLabelElement>('label[for="hidden-state-input"]') as HTMLLabelElement,
  hiddenStateResult: byId<HTMLDivElement>('hidden-state-result'),
  engine: byId<HTMLDivElement>('engine'),
  backendsButton: byId<HTMLButtonElement>('backends-button'),
};
/** The backend selector and the speed bench, beside the engine report. */
const engineControls = pageEngineControls();
/** Keeping, downloading and opening run folders. */
const modelPanel = createModelPanel({ send: (request) => send(request) });

const knobInputs: Record<KnobName, HTMLInputElement | HTMLSelectElement> = {
  cell: byId<HTMLSelectElement>('cell'),
  hidden: byId<HTMLInputElement>('hidden'),
  layers: byId<HTMLInputElement>('layers'),
  learningRate: byId<HTMLInputElement>('learningRate'),
  epochs: byId<HTMLInputElement>('epochs'),
  minutes: byId<HTMLInputElement>('minutes'),
  seed: byId<HTMLInputElement>('seed'),
};

const examplesAsideText = ui.examplesAside.innerHTML;
const sentencesLengthLabel = ui.lengthLabel.textContent ?? '';
const taskStateLabel = ui.hiddenStateLabel.textContent ?? '';
/** What the hidden-state view of a character model reads. */
const textStateLabel = 'Text, one column per character (default: the prime, or the first line of the corpus)';

let worker: Worker;
let cards: readonly RecipeCard[] = [];
let cellKinds: readonly CellKind[] = [];
let engine: EngineReport | undefined;
/** True from a press of Measure speed until the worker answers: the worker's backend is busy. */
let measuringSpeed = false;
let phase: Phase = 'starting';
/** The problems of the link the page was opened with, shown until the form is changed. */
let linkProblems: string[] = [];
/** The run in progress, and the run whose model answers the views (finished, or paused). */
let running: RunSettings | undefined;
let answering: RunSettings | undefined;
/** Whether the Markov model of the answering language model's corpus writes beside it (an opened run's corpus may not be in the page). */
let answeringHasMarkov = true;
let pausedAt: string | undefined;
let series: TrainingSeries | undefined;
const chart = new LossChart(ui.chart);
/** Rounds of fresh examples drawn for the answering model; each draws others. */
let freshRound = 0;
/** The hidden-state input the page filled in itself, replaced by the next run's first fresh example. */
let defaultStateInput: string | undefined;
/** The file the user's own text came from, for the command line (absent: typed or pasted). */
let ownTextFile: string | undefined;
/** The shipped corpus as the worker described it, once it has. */
let shippedCorpus: CorpusFacts | undefined;
/** A language model run's scores: the corpus, the Markov baseline and (once trained) the network. */
let scores: { recipe: string; corpus: CorpusFacts; goal: string; rows: ScoreRow[] } | undefined;
/** The text being written: its request, and the models still writing. */
let generation: { id: number; pending: Set<TextSource> } | undefined;
let generationCount = 0;
/** The text view's defaults the page filled in last, replaced when the recipe's kind changes. */
let textDefaultsKind: RecipeCard['kind'] | undefined;
/** The prime the page filled in itself, which follows the user's own text until the user edits it. */
let filledPrime: string | undefined;

function send(request: PlaygroundRequest): void {
  worker.postMessage(request);
}

function startWorker(): void {
  worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (event: MessageEvent<PlaygroundReply>) => onReply(event.data));
  worker.addEventListener('error', (event) => {
    // A worker that cannot even load is a broken build: say so where a developer looks too.
    console.error('the training worker failed:', event.message);
    ui.status.textContent = `The training worker failed: ${event.message || 'it did not load'}. Reload the page.`;
  });
}

function card(name = ui.recipe.value): RecipeCard | undefined {
  return cards.find((c) => c.name === name);
}

const isLanguageModel = (recipe: RecipeCard | undefined) => recipe?.kind === 'language-model';

function viewOf(recipe: RecipeCard | undefined): View {
  if (recipe?.task === 'parity') return 'parity';
  if (recipe?.task === 'sentences' || isLanguageModel(recipe)) return 'text';
  return 'task';
}

/** The user's own text, when the corpus field holds one (whitespace alone is none). */
function ownText(): string | undefined {
  const text = ui.corpusInput.value;
  return text.trim() === '' ? undefined : text;
}

/** The form's settings, or the one-line problem of every knob that is not allowed. */
function readForm(): { settings?: RunSettings; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, unknown> = { recipe: ui.recipe.value };
  for (const name of knobsOf(card()?.kind ?? 'task')) {
    try {
      values[name] = parseKnob(name, knobInputs[name].value, cellKinds);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return problems.length === 0 ? { settings: values as unknown as RunSettings, problems } : { problems };
}

function fillForm(settings: RunSettings): void {
  ui.recipe.value = settings.recipe;
  for (const name of knobNames) knobInputs[name].value = settings[name] === undefined ? '' : String(settings[name]);
}

function showProblems(problems: readonly string[]): void {
  ui.problems.replaceChildren(
    ...problems.map((p) => {
      const item = document.createElement('li');
      item.textContent = p;
      return item;
    }),
  );
}

/** After any change of the form: the problems, the link, the command line, the buttons. */
function formChanged(): void {
  const { settings, problems } = readForm();
  showProblems([...linkProblems, ...problems]);
  if (settings) {
    const query = `?${queryOf(settings)}`;
    if (location.search !== query) history.replaceState(null, '', query);
    ui.permalink.href = query;
    const own = isLanguageModel(card()) && ownText() !== undefined;
    ui.cli.textContent = cliCommand(settings, own ? (ownTextFile ?? 'your-text.txt') : undefined);
  }
  render();
}

function describe(recipe: RecipeCard): string {
  const { model, training, target } = recipe;
  const budget = training.minutes !== undefined ? ` or ${training.minutes} minutes, whichever ends first` : '';
  return (
    `${recipe.description}. Target: ${target.description}. ` +
    `Defaults: ${model.cell} ${model.hidden}x${model.layers}, ${training.epochs} epochs${budget}, batch ${training.batchSize}, ` +
    `${training.optimizer} at ${training.learningRate}. From ${recipe.source}.`
  );
}

/** The corpus line: which text a character model reads, the shipped one or the user's. */
function showCorpus(): void {
  const own = ownText();
  if (own !== undefined) {
    const from = ownTextFile !== undefined ? ` from ${ownTextFile}` : '';
    ui.corpusUsed.textContent =
      `Corpus: your text${from}, ${Array.from(own).length.toLocaleString('en-US')} characters ` +
      '(it stays in this tab and is not part of the link).';
  } else {
    const size = shippedCorpus ? `, ${shippedCorpus.characters.toLocaleString('en-US')} characters` : '';
    ui.corpusUsed.textContent = `Corpus: ${card()?.corpus ?? 'tinyshakespeare'}, shipped with the page${size}.`;
  }
}

function requestExamples(): void {
  const chosen = card();
  const seed = knobInputs.seed.value;
  if (!chosen) return;
  if (isLanguageModel(chosen)) {
    const own = ownText();
    ui.examplesAside.textContent =
      'The first lines of the corpus the character model reads; a tenth of its end is held out, to validate and to test.';
    if (own !== undefined) {
      ui.examples.textContent = corpusOpening(own, exampleCount).join('\n');
      return;
    }
  } else {
    ui.examplesAside.innerHTML = examplesAsideText;
  }
  if (seed === '' && !isLanguageModel(chosen)) return;
  send({ type: 'examples', recipe: chosen.name, seed: seed || '42', count: exampleCount });
}

/** The text view's fields as a recipe's kind starts them, unless they already hold that kind's. */
function fillTextDefaults(recipe: RecipeCard): void {
  if (textDefaultsKind === recipe.kind) return;
  textDefaultsKind = recipe.kind;
  const defaults = samplingDefaults(recipe.kind, ownText());
  ui.prime.value = filledPrime = defaults.prime;
  ui.temperature.value = defaults.temperature;
  ui.topK.value = defaults.topK;
  ui.topP.value = defaults.topP;
  ui.length.value = defaults.length;
  ui.lengthLabel.textContent = isLanguageModel(recipe) ? 'Characters' : sentencesLengthLabel;
}

function recipeChanged(): void {
  const chosen = card();
  if (!chosen) return;
  const seed = knobInputs.seed.value;
  fillForm({ ...recipeDefaults(chosen), ...(seed !== '' ? { seed } : {}) });
  linkProblems = [];
  ui.about.textContent = describe(chosen);
  ui.examples.textContent = '';
  fillTextDefaults(chosen);
  showCorpus();
  requestExamples();
  formChanged();
}

/** Buttons, fields and views as the phase and the form allow. */
function render(): void {
  const ready = phase === 'idle' || phase === 'done';
  const valid = readForm().settings !== undefined;
  const chosen = card();
  const languageModel = isLanguageModel(chosen);
  ui.recipe.disabled = !ready;
  ui.knobs.disabled = !ready;
  ui.corpusView.disabled = !ready;
  ui.minutesField.hidden = !languageModel;
  ui.corpusView.hidden = !languageModel;
  ui.train.disabled = !(ready && valid);
  ui.pause.disabled = !(phase === 'training' || phase === 'paused');
  ui.pause.textContent = phase === 'paused' ? 'Resume' : phase === 'pausing' ? 'Pausing…' : 'Pause';
  ui.reset.disabled = phase === 'starting';
  ui.backendsButton.disabled = !ready;
  // The selector stays usable during a run, so that trying to switch says why it cannot.
  engineControls.backendSelect.disabled = phase === 'starting' || measuringSpeed;
  engineControls.benchButton.disabled = !ready || measuringSpeed;
  if (measuringSpeed) ui.train.disabled = true;
  const view = viewOf(chosen);
  for (const [name, form] of Object.entries(ui.views)) form.hidden = name !== view;
  const canTry = answering !== undefined && answering.recipe === ui.recipe.value && (ready || phase === 'paused');
  // The character models answer with text: of a task's views, only what happens inside applies.
  const fits = languageModel
    ? { examples: false, waves: false, hiddenStates: true }
    : recipeViewsOf(chosen ?? { task: '', target: { metric: 'mse' } });
  ui.hiddenStateLabel.textContent = languageModel ? textStateLabel : taskStateLabel;
  for (const [name, element] of Object.entries(ui.modelViews)) {
    element.hidden = !(chosen && fits[name as keyof typeof fits]);
  }
  for (const element of [...Object.values(ui.views), ...Object.values(ui.modelViews)]) {
    for (const control of element.querySelectorAll<HTMLButtonElement>('button')) control.disabled = !canTry;
  }
  if (generation) ui.generateButton.disabled = true;
  ui.markovColumn.hidden = !languageModel || (answering?.recipe === chosen?.name && !answeringHasMarkov);
  renderScores();
  ui.tryHint.textContent = !canTry
    ? 'Train a model (or pause a run) to try it here.'
    : phase === 'paused'
      ? `Training is paused: the model ${pausedAt} answers.`
      : `The trained ${answering?.recipe} model answers (${answering?.cell} ${answering?.hidden}x${answering?.layers}, seed ${answering?.seed}).`;
  modelPanel.render({
    canKeep: canTry,
    canOpen: ready && !measuringSpeed,
    suggestedName: answering ? `${answering.recipe}-seed${answering.seed}` : '',
  });
}

/** The scores table of the chosen language model's last run, and the captions of its two texts. */
function renderScores(): void {
  const shown = scores !== undefined && scores.recipe === ui.recipe.value;
  ui.scores.hidden = !shown;
  if (!shown || !scores) {
    ui.captions.rnn.textContent = 'Text';
    ui.captions.markov.textContent = 'Markov';
    return;
  }
  ui.scores.innerHTML = languageModelScoresHtml(scores);
  const [rnn, markov] = scores.rows;
  const bits = (row: ScoreRow | undefined) =>
    row?.validationBitsPerChar !== undefined ? `, ${formatBits(row.validationBitsPerChar)} bits/char` : '';
  ui.captions.rnn.textContent = `${rnn?.model ?? 'the network'}${bits(rnn)}`;
  ui.captions.markov.textContent = `${markov?.model ?? 'Markov'}${bits(markov)}`;
}

function networkName(settings: RunSettings): string {
  return `${settings.cell.toUpperCase()} ${settings.layers}x${settings.hidden} (this run)`;
}

function setPhase(next: Phase): void {
  phase = next;
  render();
}

function renderEngine(statuses: readonly BackendStatus[] = []): void {
  if (!engine) return;
  ui.engine.innerHTML = backendReportHtml(statuses, engine.backend, { sequence: engine.kernel, wasm: engine.wasm });
  fillBackendSelect(engineControls.backendSelect, engine.trials, engine.backend.name);
}

/** Tries the freshly trained model at once with what its view holds, so the result shows. */
function tryModel(): void {
  const view = viewOf(card(answering?.recipe));
  if (view === 'parity') ui.views.parity.requestSubmit();
  else if (view === 'text') ui.views.text.requestSubmit();
  else {
    if (ui.taskInput.value === '') {
      const first = ui.examples.textContent?.split('\n')[0] ?? '';
      ui.taskInput.value = first.includes(' -> ') ? first.slice(0, first.indexOf(' -> ')) : '';
    }
    if (ui.taskInput.value !== '') ui.views.task.requestSubmit();
  }
}

/** Asks the worker for fresh examples (or waves) of the answering model; the next round draws others. */
function requestFresh(round: number): void {
  freshRound = round;
  send({ type: 'fresh', round });
}

/** Clears what the views of a trained model show, for a new run or a fresh worker. */
function clearModelViews(): void {
  ui.examplesResult.replaceChildren();
  ui.waveResult.replaceChildren();
  ui.hiddenStateResult.replaceChildren();
}

/** Ends the text being written (done, failed, or its worker gone), so Generate works again. */
function endGeneration(): void {
  generation = undefined;
  for (const output of Object.values(ui.texts)) output.setAttribute('aria-busy', 'false');
  render();
}

function clearTexts(): void {
  for (const output of Object.values(ui.texts)) output.textContent = '';
  endGeneration();
}

function onFresh(reply: Extract<PlaygroundReply, { type: 'fresh' }>): void {
  if (reply.round !== freshRound) return;
  if (reply.examples) ui.examplesResult.innerHTML = examplesTableHtml(reply.examples);
  if (reply.waves) ui.waveResult.innerHTML = waveChartsSvg(reply.waves);
  const first = reply.examples?.[0]?.input ?? reply.waves?.[0]?.input;
  const typed = ui.hiddenStateInput.value;
  if (first !== undefined && (typed === '' || typed === defaultStateInput)) {
    ui.hiddenStateInput.value = first;
    defaultStateInput = first;
  }
  if (ui.hiddenStateResult.childElementCount === 0 && ui.hiddenStateInput.value !== '') {
    ui.modelViews.hiddenStates.requestSubmit();
  }
}

/**
 * Fills a character model's hidden-state view with the prime (or, without one, the corpus's first
 * line) unless the user typed something, and shows its hidden states at once when `show` says so.
 */
function fillTextStates(show: boolean): void {
  const text = ui.prime.value !== '' ? ui.prime.value : (ui.examples.textContent?.split('\n')[0] ?? '');
  const typed = ui.hiddenStateInput.value;
  if (text !== '' && (typed === '' || typed === defaultStateInput)) {
    ui.hiddenStateInput.value = text;
    defaultStateInput = text;
  }
  if (show && ui.hiddenStateInput.value !== '') ui.modelViews.hiddenStates.requestSubmit();
}

function onReady(reply: Extract<PlaygroundReply, { type: 'ready' }>): void {
  engine = reply.engine;
  renderEngine();
  const first = cards.length === 0;
  cards = reply.recipes;
  cellKinds = reply.cellKinds;
  const where = `${engine.backend.name} backend, ${engine.kernel.name} recurrence kernel`;
  if (first) {
    ui.recipe.replaceChildren(...cards.map((c) => new Option(`${c.name}: ${c.description}`, c.name)));
    knobInputs.cell.replaceChildren(...cellKinds.map((k) => new Option(k, k)));
    const { settings, problems } = settingsFromQuery(new URLSearchParams(location.search), cards, cellKinds);
    linkProblems = problems;
    fillForm(settings);
    const chosen = card();
    if (chosen) {
      ui.about.textContent = describe(chosen);
      fillTextDefaults(chosen);
    }
    showCorpus();
    requestExamples();
    ui.status.textContent = `Ready (${where}): choose the settings and press Train.`;
  } else {
    ui.status.textContent = `Reset: a fresh worker is ready (${where}).`;
  }
  setPhase('idle');
  formChanged();
}

/** The badge over the status line: whether the last run reached its target, or nothing. */
function showBadge(reached?: boolean): void {
  ui.badge.hidden = reached === undefined;
  ui.badge.textContent = reached === undefined ? '' : reached ? 'target reached' : 'target not reached';
  ui.badge.classList.toggle('reached', reached === true);
  ui.badge.classList.toggle('missed', reached === false);
}

function onStarted(settings: RunSettings): void {
  showBadge();
  running = settings;
  answering = undefined;
  clearModelViews();
  const recipe = card(settings.recipe);
  series = new TrainingSeries(recipe?.target.atLeast ?? recipe?.target.atMost);
  if (recipe) chart.reset(recipe);
  ui.progress.value = 0;
  if (isLanguageModel(recipe)) {
    scores = undefined;
    clearTexts();
    ui.status.textContent = `training ${settings.recipe}: reading the corpus and measuring the Markov baseline on its split…`;
  } else {
    ui.status.textContent = `training ${settings.recipe}: building the model…`;
  }
  setPhase('training');
}

function onBaseline(reply: Extract<PlaygroundReply, { type: 'baseline' }>): void {
  const recipe = card(running?.recipe);
  if (!recipe || !running) return;
  const { markov } = reply;
  const baseline: ChartBaseline = { order: markov.order, bitsPerChar: markov.validationBitsPerChar };
  series?.setBaseline(markov.validationBitsPerChar);
  chart.reset(recipe, baseline);
  scores = {
    recipe: recipe.name,
    corpus: reply.corpus,
    goal: recipe.target.goal,
    rows: [
      { model: networkName(running) },
      {
        model: `Markov order ${markov.order} (Kneser-Ney)`,
        validationBitsPerChar: markov.validationBitsPerChar,
        testBitsPerChar: markov.testBitsPerChar,
      },
    ],
  };
  ui.status.textContent =
    `training ${recipe.name}: the best Markov order on ${reply.corpus.name} is ${markov.order} ` +
    `(${formatBits(markov.validationBitsPerChar)} bits/char on validation); building the network…`;
  render();
}

function onDone(reply: Extract<PlaygroundReply, { type: 'done' }>): void {
  showBadge(reply.outcome.reached);
  answering = running;
  answeringHasMarkov = true;
  running = undefined;
  ui.progress.value = 1;
  ui.status.textContent = outcomeText(reply.outcome);
  const lm = reply.outcome.languageModel;
  if (lm && scores && answering) {
    const [, markov] = scores.rows;
    scores.rows = [
      {
        model: networkName(answering),
        validationBitsPerChar: reply.outcome.value,
        testBitsPerChar: lm.testBitsPerChar,
      },
      ...(markov ? [markov] : []),
    ];
  }
  setPhase('done');
  tryModel();
  if (!lm) requestFresh(0);
  else fillTextStates(true);
}

/** A run folder was opened: its settings fill the form, its recorded epochs the chart, and its model answers. */
function onOpened(reply: Extract<PlaygroundReply, { type: 'opened' }>): void {
  const recipe = card(reply.settings.recipe);
  if (!recipe) return;
  fillForm(reply.settings);
  linkProblems = [];
  ui.about.textContent = describe(recipe);
  fillTextDefaults(recipe);
  showCorpus();
  requestExamples();
  running = undefined;
  answering = reply.settings;
  answeringHasMarkov = reply.markov;
  showBadge();
  scores = undefined;
  clearModelViews();
  clearTexts();
  series = new TrainingSeries(recipe.target.atLeast ?? recipe.target.atMost);
  chart.reset(recipe, undefined, 'epoch');
  for (const record of reply.history) series.addRecordedEpoch(record.epoch, record.loss, record.metric);
  chart.update(series.data());
  ui.progress.value = 1;
  ui.status.textContent = `Opened ${reply.name}: ${reply.description}; the chart shows its loss per epoch.`;
  modelPanel.onOpened(reply);
  setPhase('done');
  formChanged();
  tryModel();
  if (isLanguageModel(recipe)) fillTextStates(true);
  else requestFresh(0);
}

function onReply(reply: PlaygroundReply): void {
  switch (reply.type) {
    case 'ready':
      return onReady(reply);
    case 'examples':
      if (reply.recipe === ui.recipe.value && (reply.corpus || reply.seed === knobInputs.seed.value)) {
        if (reply.corpus && ownText() !== undefined) return;
        ui.examples.textContent = reply.lines.join('\n');
        if (reply.corpus) {
          shippedCorpus = reply.corpus;
          showCorpus();
        }
      }
      return;
    case 'started':
      return onStarted(reply.settings);
    case 'baseline':
      return onBaseline(reply);
    case 'batch': {
      series?.addBatch(reply);
      if (series) chart.update(series.data());
      ui.progress.value = progressFraction(reply);
      const line = batchText(reply, running?.minutes);
      if (phase === 'training') ui.status.textContent = line;
      if (phase === 'pausing') {
        ui.status.textContent = `${line}; pausing ${reply.languageModel ? 'after this step' : 'at the end of this epoch'}…`;
      }
      return;
    }
    case 'epoch':
      series?.addEpoch(reply);
      if (series) chart.update(series.data());
      return;
    case 'paused':
      answering = running;
      pausedAt =
        reply.batch !== undefined && reply.batches !== undefined && reply.batch < reply.batches
          ? `after step ${reply.batch} of epoch ${reply.epoch}`
          : `after epoch ${reply.epoch}`;
      ui.status.textContent = pausedText(reply, running?.epochs);
      setPhase('paused');
      if (isLanguageModel(card(answering?.recipe))) fillTextStates(false);
      return;
    case 'resumed':
      answering = undefined;
      return setPhase('training');
    case 'measuring':
      ui.status.textContent = isLanguageModel(card(running?.recipe))
        ? languageModelMeasuringText
        : 'measuring the target on fresh data…';
      return setPhase('measuring');
    case 'done':
      return onDone(reply);
    case 'predictions': {
      const [prediction] = reply.predictions;
      if (!prediction) return;
      if (viewOf(card(answering?.recipe)) === 'parity') {
        ui.parityResult.innerHTML = parityTableHtml(prediction);
      } else {
        ui.taskOutput.textContent = 'error' in prediction ? prediction.error : prediction.prediction;
      }
      return;
    }
    case 'generated-token':
      if (generation?.id === reply.id) ui.texts[reply.source].textContent += reply.text;
      return;
    case 'generated':
      if (generation?.id !== reply.id) return;
      ui.texts[reply.source].textContent = reply.text;
      ui.texts[reply.source].setAttribute('aria-busy', 'false');
      generation.pending.delete(reply.source);
      if (generation.pending.size === 0) endGeneration();
      return;
    case 'fresh':
      return onFresh(reply);
    case 'hidden-states': {
      const column = isLanguageModel(card(answering?.recipe)) ? 'character' : 'step';
      ui.hiddenStateResult.innerHTML =
        `<p>Input <code>${escapeHtml(reply.input)}</code>: one row per hidden unit, one column per ${column}.</p>` +
        hiddenStateSvgs(reply.labels ? { ...reply.record, labels: reply.labels } : reply.record);
      return;
    }
    case 'backends':
      return renderEngine(reply.statuses);
    case 'engine':
      engine = reply.engine;
      renderEngine();
      engineControls.backendNote.textContent = `Training runs on ${engine.backend.name} from now on (${engine.kernel.name} recurrence kernel).`;
      ui.status.textContent = `Ready (${engine.backend.name} backend, ${engine.kernel.name} recurrence kernel).`;
      return;
    case 'speed-bench':
      measuringSpeed = false;
      engineControls.benchResult.innerHTML = speedFiguresHtml(reply.figures);
      // The figures as data too, for scripts that read the page (npm run bench:web).
      engineControls.benchResult.dataset.figures = JSON.stringify(reply.figures);
      return render();
    case 'run-folder':
      return modelPanel.onRunFolder(reply);
    case 'layers-export':
      return modelPanel.onLayersExport(reply);
    case 'opened':
      return onOpened(reply);
    case 'error':
      return onError(reply);
  }
}

/** A refused switch: the selector shows the backend in use again, and the note says why. */
function keepBackend(why: string): void {
  if (!engine) return;
  engineControls.backendSelect.value = engine.backend.name;
  engineControls.backendNote.textContent = `The backend stays ${engine.backend.name}: ${why}.`;
}

function onError(reply: Extract<PlaygroundReply, { type: 'error' }>): void {
  switch (reply.during) {
    case 'start':
      console.error(reply.message);
      ui.status.textContent = reply.message;
      return;
    case 'train':
      running = undefined;
      scores = undefined;
      ui.status.textContent = `training failed: ${reply.message}`;
      return setPhase('idle');
    case 'predict':
      if (viewOf(card(answering?.recipe)) === 'parity') ui.parityResult.textContent = reply.message;
      else ui.taskOutput.textContent = reply.message;
      return;
    case 'generate':
      ui.texts.rnn.textContent = reply.message;
      ui.texts.markov.textContent = '';
      return endGeneration();
    case 'examples':
      ui.examples.textContent = reply.message;
      return;
    case 'fresh':
      ui.examplesResult.textContent = reply.message;
      ui.waveResult.textContent = reply.message;
      return;
    case 'hidden-states':
      ui.hiddenStateResult.textContent = reply.message;
      return;
    case 'use-backend':
      return keepBackend(reply.message);
    case 'run-folder':
    case 'open-run-folder':
    case 'layers-export':
      return modelPanel.onError(reply.message);
    case 'speed-bench':
      measuringSpeed = false;
      engineControls.benchResult.textContent = `Could not measure the speed: ${reply.message}.`;
      return render();
    default:
      ui.status.textContent = reply.message;
  }
}

ui.recipe.addEventListener('change', recipeChanged);
for (const name of knobNames) {
  knobInputs[name].addEventListener('input', () => {
    linkProblems = [];
    formChanged();
    if (name === 'seed') requestExamples();
  });
}

/** After the user's text changes: the corpus line, the examples, the command line and the prime. */
function ownTextChanged(): void {
  const chosen = card();
  if (chosen && isLanguageModel(chosen) && ui.prime.value === filledPrime) {
    ui.prime.value = filledPrime = samplingDefaults(chosen.kind, ownText()).prime;
  }
  showCorpus();
  requestExamples();
  formChanged();
}

ui.corpusInput.addEventListener('input', () => {
  ownTextFile = undefined;
  ownTextChanged();
});

ui.corpusFile.addEventListener('change', () => {
  const file = ui.corpusFile.files?.[0];
  if (!file) return;
  void file.text().then(
    (text) => {
      ui.corpusInput.value = text;
      ownTextFile = file.name;
      ownTextChanged();
    },
    (err: unknown) => {
      ui.corpusUsed.textContent = `Could not read ${file.name}: ${err instanceof Error ? err.message : String(err)}`;
    },
  );
});

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const { settings } = readForm();
  if (!settings || !(phase === 'idle' || phase === 'done')) return;
  linkProblems = [];
  showProblems([]);
  const text = isLanguageModel(card(settings.recipe)) ? ownText() : undefined;
  send({ type: 'train', settings, ...(text !== undefined ? { text } : {}) });
  ui.status.textContent = `training ${settings.recipe}: starting…`;
  setPhase('training');
});

ui.pause.addEventListener('click', () => {
  if (phase === 'training') {
    send({ type: 'pause' });
    setPhase('pausing');
  } else if (phase === 'paused') {
    send({ type: 'resume' });
  }
});

ui.reset.addEventListener('click', () => {
  showBadge();
  worker.terminate();
  if (measuringSpeed) engineControls.benchResult.textContent = '';
  measuringSpeed = false;
  running = undefined;
  answering = undefined;
  series = undefined;
  scores = undefined;
  const chosen = card();
  if (chosen) chart.reset(chosen);
  ui.progress.value = 0;
  ui.parityResult.replaceChildren();
  clearTexts();
  ui.taskOutput.textContent = '';
  clearModelViews();
  ui.status.textContent = 'Reset: starting a fresh worker…';
  setPhase('starting');
  startWorker();
});

engineControls.backendSelect.addEventListener('change', () => {
  const backend = engineControls.backendSelect.value as BackendName;
  if (!(phase === 'idle' || phase === 'done')) {
    keepBackend(backendSwitchRefusal);
    return;
  }
  engineControls.backendNote.textContent = `Switching to ${backend}…`;
  send({ type: 'use-backend', backend });
});

engineControls.benchButton.addEventListener('click', () => {
  measuringSpeed = true;
  engineControls.benchResult.textContent =
    'Measuring training steps of parity and charlm-quick on cpu with the WebAssembly kernels (a few seconds)…';
  delete engineControls.benchResult.dataset.figures;
  render();
  send({ type: 'speed-bench' });
});

ui.backendsButton.addEventListener('click', () => {
  ui.engine.insertAdjacentHTML('beforeend', '<p>Checking every backend…</p>');
  send({ type: 'describe-backends' });
});

ui.views.parity.addEventListener('submit', (event) => {
  event.preventDefault();
  send({ type: 'predict', inputs: [ui.parityInput.value.trim()] });
});

ui.examplesButton.addEventListener('click', () => requestFresh(freshRound + 1));
ui.wavesButton.addEventListener('click', () => requestFresh(freshRound + 1));

ui.modelViews.hiddenStates.addEventListener('submit', (event) => {
  event.preventDefault();
  send({ type: 'hidden-states', input: ui.hiddenStateInput.value });
});

ui.views.task.addEventListener('submit', (event) => {
  event.preventDefault();
  send({ type: 'predict', inputs: [ui.taskInput.value] });
});

ui.views.text.addEventListener('submit', (event) => {
  event.preventDefault();
  if (generation) return;
  const { choice, problem } = parseSamplingFields({
    temperature: ui.temperature.value,
    topK: ui.topK.value,
    topP: ui.topP.value,
    length: ui.length.value,
  });
  if (!choice) {
    ui.texts.rnn.textContent = problem ?? '';
    ui.texts.markov.textContent = '';
    return;
  }
  const sources: TextSource[] =
    isLanguageModel(card(answering?.recipe)) && answeringHasMarkov ? ['rnn', 'markov'] : ['rnn'];
  generation = { id: ++generationCount, pending: new Set(sources) };
  const prime = ui.prime.value;
  for (const output of Object.values(ui.texts)) output.textContent = '';
  for (const source of sources) {
    ui.texts[source].textContent = prime;
    ui.texts[source].setAttribute('aria-busy', 'true');
  }
  render();
  send({ type: 'generate', id: generation.id, prime, ...choice, seed: answering?.seed ?? '42' });
});

startWorker();
