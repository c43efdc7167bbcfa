import { escapeHtml } from './escape-html';
import { examplesTableHtml, type ExampleRow } from './examples-table';
import { hiddenStateSvgs, type HiddenStates } from './hidden-state-heatmaps';
import { historyChartsSvg, type HistoryCurves } from './history-charts';
import { parityTableHtml, type ParityAnswer } from './parity-table';
import { waveChartsSvg, type WaveView } from './wave-charts';

/** A sample of generated text, with what wrote it and how well that model predicts held-out text. */
export interface TextSample {
  /** The model, e.g. `LSTM 256` or `Markov order 5`. */
  readonly model: string;
  readonly prime: string;
  readonly text: string;
  /** The model's bits per character on the held-out (validation) text. */
  readonly bitsPerChar: number;
}

/** One exercise of a tour, measured: its result against its target and the pictures of its model. */
export interface TourExercise {
  /** The recipe's name. */
  readonly name: string;
  /** The notebook exercise it comes from. */
  readonly source: string;
  /** What the exercise shows, in one line. */
  readonly shows: string;
  /** How this run differs from the exercise's full form, when it does beyond a shorter budget. */
  readonly note?: string;
  /** The command that runs the same thing alone. */
  readonly command: string;
  readonly target: {
    readonly description: string;
    /** `>= 0.99`, `<= 0.01`. */
    readonly goal: string;
    readonly metric: string;
    readonly value: number;
  };
  readonly reached: boolean;
  readonly seconds: number;
  readonly history: HistoryCurves;
  readonly examples?: readonly ExampleRow[];
  readonly waves?: readonly WaveView[];
  readonly parity?: readonly ParityAnswer[];
  /** Every unit of the trained model over one fresh input. */
  readonly hiddenStates?: { readonly input: string; readonly states: HiddenStates };
  /** Generated text (the character models and the sentences). */
  readonly samples?: readonly TextSample[];
}

/** A whole tour: every exercise measured, from one seed, on one machine. */
export interface TourReport {
  readonly seed: string;
  /** Where it ran: CPU, backend and kernel, in words. */
  readonly machine: string;
  /** When it ran, as an ISO date. */
  readonly date: string;
  readonly exercises: readonly TourExercise[];
  readonly seconds: number;
}

/** A metric's value as a short number: 4 significant digits, exponent form for small errors. */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

const style = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }
h1 { margin-bottom: 0.25rem; }
.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.reached { color: #116611; font-weight: bold; }
.missed { color: #aa1111; font-weight: bold; }
section.exercise { border-top: 2px solid #ccc; margin-top: 2.5rem; padding-top: 0.5rem; }
.pictures { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
figure { margin: 0; }
figure.heatmap svg { max-width: 100%; height: auto; }
tr.wrong td { background: #fdeaea; }
tr.right td.mark { color: #116611; }
tr.wrong td.mark { color: #aa1111; }
table.parity td { text-align: center; padding: 0.2rem; }
tr.bars td { height: 3.8rem; vertical-align: bottom; }
.bar { display: block; width: 0.8rem; margin: 0 auto; background: #3b6fb6; height: calc(var(--p) * 3.5rem); }
.bar + .value { display: block; font-size: 0.7rem; }
pre.sample { white-space: pre-wrap; background: #f6f6f6; padding: 0.75rem; border-left: 3px solid #3b6fb6; }
code { font-size: 0.95em; }
`;

const outcome = (reached: boolean) =>
  reached ? '<span class="reached">reached</span>' : '<span class="missed">not reached</span>';

/** A long input (a wave's hundred values) cut to what a heading can hold. */
const shortened = (text: string, most = 80) => (text.length > most ? `${text.slice(0, most - 1)}…` : text);

const anchorOf = (name: string) => `exercise-${name.replace(/[^a-z0-9-]/gi, '-')}`;

/** The tour's summary as an HTML table: one row per exercise, linked to its section. */
function summaryTable(exercises: readonly TourExercise[]): string {
  const rows = exercises
    .map(
      (e) =>
        `<tr><td><a href="#${anchorOf(e.name)}">${escapeHtml(e.name)}</a></td><td>${escapeHtml(e.source)}</td>` +
        `<td>${escapeHtml(e.shows)}</td><td>${escapeHtml(e.target.metric)} ${escapeHtml(e.target.goal)}</td>` +
        `<td class="number">${escapeHtml(formatMetric(e.target.value))}</td><td>${outcome(e.reached)}</td>` +
        `<td class="number">${e.seconds.toFixed(1)}</td></tr>`,
    )
    .join('');
  return (
    `<table class="summary" data-testid="tour-summary"><thead><tr><th>exercise</th><th>source notebook</th>` +
    `<th>what it shows</th><th>target</th><th>value</th><th></th><th>seconds</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function samplesHtml(samples: readonly TextSample[]): string {
  return samples
    .map(
      (s) =>
        `<h4>${escapeHtml(s.model)}: ${s.bitsPerChar.toFixed(3)} bits per character</h4>` +
        `<pre class="sample">${escapeHtml(s.text)}</pre>`,
    )
    .join('');
}

function exerciseSection(e: TourExercise): string {
  const parts = [
    `<section class="exercise" id="${anchorOf(e.name)}" data-testid="exercise-${escapeHtml(e.name)}">`,
    `<h2>${escapeHtml(e.name)}</h2>`,
    `<p>${escapeHtml(e.shows)}. From ${escapeHtml(e.source)}.${e.note ? ` In the tour: ${escapeHtml(e.note)}.` : ''}</p>`,
    `<p>Target: ${escapeHtml(e.target.description)}. Measured: <strong>${escapeHtml(formatMetric(e.target.value))}</strong>, ` +
      `${outcome(e.reached)}, in ${e.seconds.toFixed(1)} s of training. Alone: <code>${escapeHtml(e.command)}</code></p>`,
    `<div class="pictures">${historyChartsSvg(e.history)}</div>`,
  ];
  if (e.waves && e.waves.length > 0) parts.push(`<div class="pictures">${waveChartsSvg(e.waves)}</div>`);
  if (e.examples && e.examples.length > 0) parts.push(examplesTableHtml(e.examples));
  if (e.parity && e.parity.length > 0) parts.push(e.parity.map(parityTableHtml).join(''));
  if (e.samples && e.samples.length > 0) parts.push(samplesHtml(e.samples));
  if (e.hiddenStates) {
    parts.push(
      `<h3>Inside the trained model, on <code>${escapeHtml(shortened(e.hiddenStates.input))}</code></h3>`,
      '<p>Every hidden unit (a row) at every step (a column); <code>rnn inspect</code> adds the gates.</p>',
      `<div class="pictures">${hiddenStateSvgs(e.hiddenStates.states, { gates: false })}</div>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

/**
 * The tour as one self-contained HTML page: no script and no network, the style inline and every
 * picture an inline SVG, so it opens from disk anywhere and can be mailed as one file. A summary
 * table, then per exercise its training curves, its task's picture (waves, examples with marks,
 * parity bars or samples) and the hidden states of its trained model.
 */
export function tourReportHtml(report: TourReport): string {
  const reached = report.exercises.filter((e) => e.reached).length;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>The RNN tour</title>',
    `<style>${style}</style></head><body>`,
    '<h1>The RNN tour</h1>',
    `<p class="meta">${reached} of ${report.exercises.length} exercises reached their targets in ` +
      `${report.seconds.toFixed(0)} s, seed ${escapeHtml(report.seed)}, ${escapeHtml(report.date)}, ${escapeHtml(report.machine)}.</p>`,
    summaryTable(report.exercises),
    ...report.exercises.map(exerciseSection),
    '</body></html>',
    '',
  ].join('\n');
}
