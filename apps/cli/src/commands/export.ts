import path from 'node:path';
import type { Command } from 'commander';
import { printJson, processIo, type CliIo } from '../cli-io';
import { checkOutputFolder, requirePath } from '../output-paths';
import type { GlobalOptions } from '../program';
import { UsageError } from '../usage-error';

/**
 * `rnn export DIR --out OUT`: writes the model of a saved run (`rnn train --out DIR`) in tfjs's own
 * layers format, loadable with `tf.loadLayersModel` (and by Python through the tensorflowjs converter).
 */
export function registerExportCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('export')
    .description("write a saved run's model in the tfjs layers format (tf.loadLayersModel, tensorflowjs converter)")
    .argument('<dir>', 'the folder rnn train --out wrote')
    .requiredOption('--out <dir>', 'the folder to write model.json, weights.bin and rnn-spec.json into')
    .option('--force', 'replace model.json, weights.bin and rnn-spec.json when --out holds them already')
    .action(async (dir: string, flags: { out: string; force?: boolean }, command: Command) => {
      const { json } = command.optsWithGlobals<GlobalOptions>();
      requirePath('DIR', dir, 'a run folder');
      requirePath('--out', flags.out, 'a folder');
      if (path.resolve(flags.out) === path.resolve(dir)) {
        throw new UsageError('--out must be another folder than the run it exports (its model.json would be replaced)');
      }
      const [training, models] = await Promise.all([import('@rnn/training/node'), import('@rnn/models/node')]);
      const written = [models.layersModelFileName, models.layersWeightsFileName, models.rnnSpecFileName];
      checkOutputFolder('--out', flags.out, written, flags.force === true);
      const checkpoint = await training.loadCheckpoint(dir);
      try {
        await models.exportLayersModel(checkpoint.model, flags.out);
      } finally {
        checkpoint.model.dispose();
      }
      if (json) printJson(io, { out: flags.out, files: written });
      else io.stdout.write(`wrote ${written.map((f) => path.join(flags.out, f)).join(', ')}\n`);
    });
}
