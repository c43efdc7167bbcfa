import type { ActiveSequenceKernel, BackendSelection, BackendStatus, WasmKernelStatus } from '@rnn/models';
import { escapeHtml } from '@rnn/views';

/** Which kernel runs the recurrences, and whether the WebAssembly SIMD kernels loaded, for the report. */
export interface KernelReport {
  readonly sequence: ActiveSequenceKernel;
  readonly wasm: Pick<WasmKernelStatus, 'loaded' | 'reason'>;
}

/**
 * Renders which backends work in this browser, and which one the app uses, as an HTML fragment; with
 * `kernels`, also which kernel runs the recurrences and why. With no statuses (the backends not
 * checked yet) there is no table.
 */
export function backendReportHtml(
  statuses: readonly BackendStatus[],
  selection: BackendSelection,
  kernels?: KernelReport,
): string {
  const rows = statuses
    .map((s) => {
      const state = s.trains ? 'trains' : s.available ? 'loads' : 'unavailable';
      const chosen = s.name === selection.name ? ' aria-current="true"' : '';
      const detail = s.remedy ? `${s.reason} (${s.remedy})` : s.reason;
      return `<tr${chosen}><td>${escapeHtml(s.name)}</td><td>${state}</td><td>${escapeHtml(detail)}</td></tr>`;
    })
    .join('');
  const kernelHtml = kernels
    ? `<p>Recurrences run on the <strong>${escapeHtml(kernels.sequence.name)}</strong> kernel: ${escapeHtml(kernels.sequence.reason)}. ` +
      `WebAssembly SIMD kernels ${kernels.wasm.loaded ? 'loaded' : 'not loaded'}: ${escapeHtml(kernels.wasm.reason)}.</p>`
    : '';
  const table =
    statuses.length === 0
      ? ''
      : `<table><thead><tr><th>backend</th><th>state</th><th>why</th></tr></thead><tbody>${rows}</tbody></table>`;
  return (
    `<p>Using <strong>${escapeHtml(selection.name)}</strong>: ${escapeHtml(selection.reason)}</p>` + kernelHtml + table
  );
}
