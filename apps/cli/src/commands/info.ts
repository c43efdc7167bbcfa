import type { Command } from 'commander';
import { printJson, type CliIo } from '../cli-io';
import { loadModels, selectBackend } from '../load-models';
import { cliVersion, type GlobalOptions } from '../program';

/** `rnn info`: versions, and which backends load and train here (with the reason when not). */
export function registerInfoCommand(program: Command, io: CliIo): void {
  program
    .command('info')
    .description('show versions and which tfjs backends load and train on this machine')
    .action(async (_options: unknown, command: Command) => {
      const { json, backend } = command.optsWithGlobals<GlobalOptions>();
      const models = await loadModels();
      const backends = await models.describeBackends();
      const selected = await selectBackend(backend);
      const report = {
        versions: { rnn: cliVersion, node: process.versions.node, ...models.tfjsVersion() },
        runtime: models.detectRuntime(),
        backend: { name: selected.name, reason: selected.reason },
        backends,
        kernels: {
          sequence: models.activeSequenceKernel(),
          native: models.loadNativeKernels(),
          wasm: models.loadWasmKernels(),
          choices: models.kernelChoices(),
        },
      };
      if (json) {
        printJson(io, report);
        return;
      }
      const versions = Object.entries(report.versions).map(([k, v]) => `${k} ${v}`);
      io.stdout.write(`${versions.join(', ')}\n\nbackends (${report.runtime}):\n`);
      const width = Math.max(...backends.map((b) => b.name.length));
      for (const b of backends) {
        const status = b.trains ? 'trains' : b.available ? 'loads ' : 'no    ';
        const detail = b.trains ? b.package : `${b.reason}${b.remedy ? ` (${b.remedy})` : ''}`;
        io.stdout.write(`  ${b.name.padEnd(width)}  ${status}  ${detail}\n`);
      }
      io.stdout.write(`\nusing ${selected.name}: ${selected.reason}\n`);
      const { native, wasm, choices } = report.kernels;
      const kindNames = {
        sequence: 'recurrence',
        sgemm: 'matmul',
        softmaxCrossEntropy: 'softmax CE',
        binaryCrossEntropy: 'binary CE',
        adamUpdate: 'adam',
        swapLeadingAxes: 'layout',
        sumRowsByIndex: 'embed grad',
      } as const;
      io.stdout.write('\nkernels (each kind from the first provider offering it):\n');
      for (const c of choices) io.stdout.write(`  ${kindNames[c.kind].padEnd(10)}  ${c.provider}: ${c.reason}\n`);
      io.stdout.write(`\nkernel packages:\n`);
      io.stdout.write(`  native      ${native.loaded ? 'loaded' : 'not loaded'}: ${native.reason}\n`);
      io.stdout.write(`  wasm        ${wasm.loaded ? 'loaded' : 'not loaded'}: ${wasm.reason}\n`);
    });
}
