// The Engine section's controls beside the report: the backend selector and the speed bench.
// DOM only: the worker measures, the page shows.
import type { BackendTrial } from './backend-choice';
import { byId } from './element-by-id';
import { backendOptionLabel } from './speed-text';

/** The Engine section's controls in index.html. */
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

/**
 * The page's backend selector and speed bench, right after the engine report: the figures a choice
 * rests on and the switch sit together.
 */
export function pageEngineControls(): EngineControls {
  return {
    backendSelect: byId<HTMLSelectElement>('backend-select'),
    backendNote: byId<HTMLParagraphElement>('backend-note'),
    benchButton: byId<HTMLButtonElement>('bench-button'),
    benchResult: byId<HTMLDivElement>('bench-result'),
  };
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
