// What the page says about speed: times per step, the backends' measurements and the speed bench's
// figures. Types only from the rest of the app, so the page can show them without bundling tfjs.
import { escapeHtml } from '@rnn/views';
import type { BackendTrial } from './backend-choice';
import type { SpeedFigure } from './speed-bench';

/** Milliseconds as a person reads them: `0.42`, `3.1`, `41`, `450`. */
export function formatMs(ms: number): string {
  if (ms < 0.995) return ms.toFixed(2);
  if (ms < 9.95) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** The measurements in one line: `cpu: 3.1 ms per step, webgl: failed to start on this machine`. */
export function trialsText(trials: readonly BackendTrial[]): string {
  return trials
    .map((t) => `${t.name}: ${t.msPerStep !== undefined ? `${formatMs(t.msPerStep)} ms per step` : t.reason}`)
    .join(', ');
}

/** A backend as the backend selector offers it: its time per step, or why it cannot be chosen. */
export function backendOptionLabel(trial: BackendTrial): string {
  return trial.msPerStep !== undefined
    ? `${trial.name} (${formatMs(trial.msPerStep)} ms per step)`
    : `${trial.name} (${trial.reason})`;
}

/** The speed bench's figures as a table: recipe, network and batch, ms per step, steps per second. */
export function speedFiguresHtml(figures: readonly SpeedFigure[]): string {
  const rows = figures
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.recipe)}</td><td>${escapeHtml(f.shape)}</td>` +
        `<td class="number">${formatMs(f.msPerStep)}</td><td class="number">${f.stepsPerSecond.toFixed(1)}</td></tr>`,
    )
    .join('');
  const ran = [...new Set(figures.map((f) => f.ran))].join('; ');
  return (
    `<p>Training steps in this page, on ${escapeHtml(ran)} (the median of each recipe's timed steps):</p>` +
    '<table class="speed"><thead><tr><th>recipe</th><th>network and batch</th><th>ms per step</th><th>steps/s</th></tr></thead>' +
    `<tbody>${rows}</tbody></table>`
  );
}
