import { describeBackends, quietTfjsWarnings, useBackend } from '@rnn/models';
import { backendReportHtml } from './backend-report';
import { wasmPaths } from './wasm-paths';

async function main(): Promise<void> {
  const target = document.getElementById('backends');
  if (!target) return;
  quietTfjsWarnings();
  try {
    const statuses = await describeBackends({ wasmPaths });
    const selection = await useBackend(undefined, { wasmPaths });
    target.innerHTML = backendReportHtml(statuses, selection);
  } catch (err) {
    target.textContent = `Could not start TensorFlow.js: ${err instanceof Error ? err.message : String(err)}`;
  }
}

void main();
