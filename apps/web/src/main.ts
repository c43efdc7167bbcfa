import {
  activeSequenceKernel,
  describeBackends,
  loadWasmKernelsAsync,
  quietTfjsWarnings,
  useBackend,
} from '@rnn/models';
import { backendReportHtml } from './backend-report';
import { wasmPaths } from './wasm-paths';

async function main(): Promise<void> {
  const target = document.getElementById('backends');
  if (!target) return;
  quietTfjsWarnings();
  try {
    // The WebAssembly SIMD kernels (compiled asynchronously: a page's main thread refuses to compile
    // them synchronously) run the recurrences and matrix products on the cpu and wasm backends.
    const wasm = await loadWasmKernelsAsync();
    const statuses = await describeBackends({ wasmPaths });
    const selection = await useBackend(undefined, { wasmPaths });
    target.innerHTML = backendReportHtml(statuses, selection, { sequence: activeSequenceKernel(), wasm });
  } catch (err) {
    target.textContent = `Could not start TensorFlow.js: ${err instanceof Error ? err.message : String(err)}`;
  }
}

void main();
