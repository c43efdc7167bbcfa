// The Engine section's controls beside the report: the backend selector and the speed bench.
// DOM only: the worker measures, the page shows.
import type { BackendTrial } from './backend-choice';
import { backendOptionLabel } from './speed-text';

/** The elements {@link addEngineControls} adds. */
export interface EngineControls {
  /** `data-testid="backend-select"`: the measured backends; those that cannot train are disabled. */
  readonly backendSelect: HTMLSelectElement;
  /** `data-testid="backend-note"`: what became of the last switch (done, or refused and why). */
  readonly backendNote: HTMLParagraphElement;
  /** `data-testid="bench-button"`: Measure speed. */
  readonly benchButton: HTMLButtonElement;
  /** `data-testid="bench-result"`: the speed bench's figures, or why it could not run. */
  readonly benchResult: HTMLDivElement;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
  text = '',
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  made.textContent = text;
  return made;
}

/**
 * Adds the backend selector and the speed bench right after the engine report, so the figures a
 * choice rests on and the switch sit together. Everything starts disabled until the worker is ready.
 */
export function addEngineControls(report: HTMLElement): EngineControls {
  const backendSelect = element('select', { id: 'backend-select', 'data-testid': 'backend-select', disabled: '' });
  const label = element('label', { for: 'backend-select' }, 'Train on ');
  const backendNote = element('p', { 'data-testid': 'backend-note', 'aria-live': 'polite', class: 'note' });
  const benchButton = element(
    'button',
    { type: 'button', 'data-testid': 'bench-button', disabled: '' },
    'Measure speed',
  );
  const benchResult = element('div', {
    'data-testid': 'bench-result',
    'aria-live': 'polite',
    class: 'scroll bench-result',
  });
  const choice = element('div', { class: 'engine-controls' });
  choice.append(label, backendSelect, benchButton);
  report.after(choice, backendNote, benchResult);
  return { backendSelect, backendNote, benchButton, benchResult };
}

/** Fills the selector with the measured backends, the one in use selected. */
export function fillBackendSelect(select: HTMLSelectElement, trials: readonly BackendTrial[], current: string): void {
  select.replaceChildren(
    ...trials.map((t) => {
      const option = new Option(backendOptionLabel(t), t.name, false, t.name === current);
      option.disabled = t.msPerStep === undefined;
      return option;
    }),
  );
  select.value = current;
}
