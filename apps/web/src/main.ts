// The page: the form, the chart and the views of a trained model. Everything that trains or answers
// runs in the training worker (training-worker.ts); this file only shows what it reports.
import './style.css';
import type { BackendStatus, CellKind } from '@rnn/models';
import { backendReportHtml } from './backend-report';
import { TrainingSeries } from './chart-series';
import { LossChart } from './loss-chart';
import type { EngineReport, PlaygroundReply, PlaygroundRequest, RecipeCard, RunSettings } from './protocol';
import {
  cliCommand,
  knobNames,
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
import { batchText, outcomeText, progressFraction } from './status-text';

/** Training examples shown for the chosen recipe. */
const exampleCount = 6;
/** The most characters the sentences view writes at once. */
const maxGenerated = 1000;

/**
 * Where the page is: waiting for its worker, ready, training, asked to pause (it pauses at the end of
 * the epoch), paused, measuring the target, or done.
 */
type Phase = 'starting' | 'idle' | 'training' | 'pausing' | 'paused' | 'measuring' | 'done';

/** The part of the page that tries a trained model, by the recipe's task. */
type View = 'parity' | 'sentences' | 'task';

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no element #${id}`);
  return found as T;
}

const ui = {
  form: byId<HTMLFormElement>('run-form'),
  recipe: byId<HTMLSelectElement>('recipe'),
  about: byId<HTMLParagraphElement>('recipe-about'),
  knobs: byId<HTMLFieldSetElement>('knobs'),
  problems: byId<HTMLUListElement>('problems'),
  train: document.querySelector<HTMLButtonElement>('[data-testid="train-button"]') as HTMLButtonElement,
  pause: byId<HTMLButtonElement>('pause'),
  reset: byId<HTMLButtonElement>('reset'),
  cli: document.querySelector<HTMLElement>('[data-testid="cli-command"]') as HTMLElement,
  permalink: byId<HTMLAnchorElement>('permalink'),
  examples: byId<HTMLPreElement>('examples'),
  progress: byId<HTMLProgressElement>('progress'),
  status: byId<HTMLParagraphElement>('status'),
  chart: byId<HTMLDivElement>('loss-chart'),
  tryHint: byId<HTMLParagraphElement>('try-hint'),
  views: {
    parity: byId<HTMLFormElement>('parity-view'),
    sentences: byId<HTMLFormElement>('sentences-view'),
    task: byId<HTMLFormElement>('task-view'),
  } satisfies Record<View, HTMLFormElement>,
  parityInput: byId<HTMLInputElement>('parity-input'),
  parityResult: byId<HTMLDivElement>('parity-result'),
  prime: byId<HTMLInputElement>('prime-input'),
  temperature: byId<HTMLInputElement>('temperature-input'),
  length: byId<HTMLInputElement>('length-input'),
  generated: byId<HTMLOutputElement>('generated-text'),
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
  hiddenStateResult: byId<HTMLDivElement>('hidden-state-result'),
  engine: byId<HTMLDivElement>('engine'),
  backendsButton: byId<HTMLButtonElement>('backends-button'),
};

const knobInputs: Record<KnobName, HTMLInputElement | HTMLSelectElement> = {
  cell: byId<HTMLSelectElement>('cell'),
  hidden: byId<HTMLInputElement>('hidden'),
  layers: byId<HTMLInputElement>('layers'),
  learningRate: byId<HTMLInputElement>('learningRate'),
  epochs: byId<HTMLInputElement>('epochs'),
  seed: byId<HTMLInputElement>('seed'),
};

let worker: Worker;
let cards: readonly RecipeCard[] = [];
let cellKinds: readonly CellKind[] = [];
let engine: EngineReport | undefined;
let phase: Phase = 'starting';
/** The problems of the link the page was opened with, shown until the form is changed. */
let linkProblems: string[] = [];
/** The run in progress, and the run whose model answers the views (finished, or paused). */
let running: RunSettings | undefined;
let answering: RunSettings | undefined;
let pausedEpoch: number | undefined;
let series: TrainingSeries | undefined;
const chart = new LossChart(ui.chart);
/** Rounds of fresh examples drawn for the answering model; each draws others. */
let freshRound = 0;
/** The hidden-state input the page filled in itself, replaced by the next run's first fresh example. */
let defaultStateInput: string | undefined;

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

function viewOf(recipe: RecipeCard | undefined): View {
  if (recipe?.task === 'parity') return 'parity';
  if (recipe?.task === 'sentences') return 'sentences';
  return 'task';
}

/** The form's settings, or the one-line problem of every knob that is not allowed. */
function readForm(): { settings?: RunSettings; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, unknown> = { recipe: ui.recipe.value };
  for (const name of knobNames) {
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
  for (const name of knobNames) knobInputs[name].value = String(settings[name]);
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
    ui.cli.textContent = cliCommand(settings);
  }
  render();
}

function describe(recipe: RecipeCard): string {
  const { model, training, target } = recipe;
  return (
    `${recipe.description}. Target: ${target.description}. ` +
    `Defaults: ${model.cell} ${model.hidden}x${model.layers}, ${training.epochs} epochs, batch ${training.batchSize}, ` +
    `${training.optimizer} at ${training.learningRate}. From ${recipe.source}.`
  );
}

function requestExamples(): void {
  const seed = knobInputs.seed.value;
  if (seed === '' || !card()) return;
  send({ type: 'examples', recipe: ui.recipe.value, seed, count: exampleCount });
}

function recipeChanged(): void {
  const chosen = card();
  if (!chosen) return;
  const seed = knobInputs.seed.value;
  fillForm({ ...recipeDefaults(chosen), ...(seed !== '' ? { seed } : {}) });
  linkProblems = [];
  ui.about.textContent = describe(chosen);
  ui.examples.textContent = '';
  requestExamples();
  formChanged();
}

/** Buttons, fields and views as the phase and the form allow. */
function render(): void {
  const ready = phase === 'idle' || phase === 'done';
  const valid = readForm().settings !== undefined;
  ui.recipe.disabled = !ready;
  ui.knobs.disabled = !ready;
  ui.train.disabled = !(ready && valid);
  ui.pause.disabled = !(phase === 'training' || phase === 'paused');
  ui.pause.textContent = phase === 'paused' ? 'Resume' : phase === 'pausing' ? 'Pausing…' : 'Pause';
  ui.reset.disabled = phase === 'starting';
  ui.backendsButton.disabled = !ready;
  const view = viewOf(card());
  for (const [name, form] of Object.entries(ui.views)) form.hidden = name !== view;
  const canTry = answering !== undefined && answering.recipe === ui.recipe.value && (ready || phase === 'paused');
  const fits = recipeViewsOf(card() ?? { task: '', target: { metric: 'mse' } });
  for (const [name, element] of Object.entries(ui.modelViews)) {
    element.hidden = !(card() && fits[name as keyof typeof fits]);
  }
  for (const element of [...Object.values(ui.views), ...Object.values(ui.modelViews)]) {
    for (const control of element.querySelectorAll<HTMLButtonElement>('button')) control.disabled = !canTry;
  }
  ui.tryHint.textContent = !canTry
    ? 'Train a model (or pause a run) to try it here.'
    : phase === 'paused'
      ? `Training is paused: the model after epoch ${pausedEpoch} answers.`
      : `The trained ${answering?.recipe} model answers (${answering?.cell} ${answering?.hidden}x${answering?.layers}, seed ${answering?.seed}).`;
}

function setPhase(next: Phase): void {
  phase = next;
  render();
}

function renderEngine(statuses: readonly BackendStatus[] = []): void {
  if (!engine) return;
  ui.engine.innerHTML = backendReportHtml(statuses, engine.backend, { sequence: engine.kernel, wasm: engine.wasm });
}

/** Tries the freshly trained model at once with what its view holds, so the result shows. */
function tryModel(): void {
  const view = viewOf(card(answering?.recipe));
  if (view === 'parity') ui.views.parity.requestSubmit();
  else if (view === 'sentences') ui.views.sentences.requestSubmit();
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
    if (chosen) ui.about.textContent = describe(chosen);
    requestExamples();
    ui.status.textContent = `Ready (${where}): choose the settings and press Train.`;
  } else {
    ui.status.textContent = `Reset: a fresh worker is ready (${where}).`;
  }
  setPhase('idle');
  formChanged();
}

function onReply(reply: PlaygroundReply): void {
  switch (reply.type) {
    case 'ready':
      return onReady(reply);
    case 'examples':
      if (reply.recipe === ui.recipe.value && reply.seed === knobInputs.seed.value) {
        ui.examples.textContent = reply.lines.join('\n');
      }
      return;
    case 'started': {
      running = reply.settings;
      answering = undefined;
      clearModelViews();
      const recipe = card(reply.settings.recipe);
      series = new TrainingSeries(recipe?.target.atLeast ?? recipe?.target.atMost);
      if (recipe) chart.reset(recipe);
      ui.progress.value = 0;
      ui.status.textContent = `training ${reply.settings.recipe}: building the model…`;
      return setPhase('training');
    }
    case 'batch':
      series?.addBatch(reply);
      if (series) chart.update(series.data());
      ui.progress.value = progressFraction(reply);
      if (phase === 'training') ui.status.textContent = batchText(reply);
      if (phase === 'pausing') ui.status.textContent = `${batchText(reply)}; pausing at the end of this epoch…`;
      return;
    case 'epoch':
      series?.addEpoch(reply);
      if (series) chart.update(series.data());
      return;
    case 'paused':
      answering = running;
      pausedEpoch = reply.epoch;
      ui.status.textContent = `paused after epoch ${reply.epoch}/${running?.epochs}: press Resume to go on.`;
      return setPhase('paused');
    case 'resumed':
      answering = undefined;
      return setPhase('training');
    case 'measuring':
      ui.status.textContent = 'measuring the target on fresh data…';
      return setPhase('measuring');
    case 'done':
      answering = running;
      running = undefined;
      ui.progress.value = 1;
      ui.status.textContent = outcomeText(reply.outcome);
      setPhase('done');
      tryModel();
      return requestFresh(0);
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
    case 'generated':
      ui.generated.textContent = reply.text;
      return;
    case 'fresh':
      return onFresh(reply);
    case 'hidden-states':
      ui.hiddenStateResult.innerHTML =
        `<p>Input <code>${escapeHtml(reply.input)}</code>: one row per hidden unit, one column per step.</p>` +
        hiddenStateSvgs(reply.record);
      return;
    case 'backends':
      return renderEngine(reply.statuses);
    case 'error':
      return onError(reply);
  }
}

function onError(reply: Extract<PlaygroundReply, { type: 'error' }>): void {
  switch (reply.during) {
    case 'start':
      console.error(reply.message);
      ui.status.textContent = reply.message;
      return;
    case 'train':
      running = undefined;
      ui.status.textContent = `training failed: ${reply.message}`;
      return setPhase('idle');
    case 'predict':
      if (viewOf(card(answering?.recipe)) === 'parity') ui.parityResult.textContent = reply.message;
      else ui.taskOutput.textContent = reply.message;
      return;
    case 'generate':
      ui.generated.textContent = reply.message;
      return;
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

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const { settings } = readForm();
  if (!settings || !(phase === 'idle' || phase === 'done')) return;
  linkProblems = [];
  showProblems([]);
  send({ type: 'train', settings });
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
  worker.terminate();
  running = undefined;
  answering = undefined;
  series = undefined;
  const chosen = card();
  if (chosen) chart.reset(chosen);
  ui.progress.value = 0;
  ui.parityResult.replaceChildren();
  ui.generated.textContent = '';
  ui.taskOutput.textContent = '';
  clearModelViews();
  ui.status.textContent = 'Reset: starting a fresh worker…';
  setPhase('starting');
  startWorker();
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

ui.views.sentences.addEventListener('submit', (event) => {
  event.preventDefault();
  const temperature = Number(ui.temperature.value);
  if (ui.temperature.value.trim() === '' || !(temperature >= 0)) {
    ui.generated.textContent = `temperature must be a number >= 0 (0 is greedy), got ${JSON.stringify(ui.temperature.value)}`;
    return;
  }
  const raw = ui.length.value.trim();
  const length = raw === '' ? undefined : Number(raw);
  if (length !== undefined && !(Number.isInteger(length) && length >= 0 && length <= maxGenerated)) {
    ui.generated.textContent = `characters must be an integer from 0 to ${maxGenerated}, or empty, got ${JSON.stringify(raw)}`;
    return;
  }
  send({
    type: 'generate',
    prime: ui.prime.value,
    temperature,
    ...(length !== undefined ? { length } : {}),
    seed: answering?.seed ?? '42',
  });
});

startWorker();
