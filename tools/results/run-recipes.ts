// `npm run results [-- --only <recipe>]`: runs `rnn train <recipe> --json` for every recipe, each in
// its own process with the default seed, and records what each reached, in how long, on which
// backend and kernels, in docs/results.md (written atomically). The numbers in that file come from
// here and nowhere else.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@rnn/datasets/node';
import { recipes } from '@rnn/training';

const root = path.resolve(__dirname, '..', '..');
const rnn = path.join(root, 'apps', 'cli', 'bin', 'rnn.js');
const { values } = parseArgs({ options: { only: { type: 'string' } } });

interface TrainJson {
  recipe: string;
  seed: string;
  settings: Record<string, unknown>;
  target: { metric: string; atLeast: number; value: number; description: string };
  reached: boolean;
  seconds: number;
  backend: string;
  kernel: string;
  history: { epoch: number }[];
}

function run(args: string[]): string {
  return execFileSync(process.execPath, [rnn, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
}

async function main(): Promise<void> {
  const chosen = recipes.filter((r) => !values.only || r.name === values.only);
  if (chosen.length === 0) {
    console.error(`results: no recipe named ${values.only}; recipes: ${recipes.map((r) => r.name).join(', ')}`);
    process.exit(2);
  }
  const info = JSON.parse(run(['info', '--json']));
  const kernels = `${info.kernels.sequence.name} recurrence kernel (${info.kernels.native.reason})`;
  const rows: string[] = [];
  for (const recipe of chosen) {
    console.log(`rnn train ${recipe.name} --json ...`);
    const started = performance.now();
    const result = JSON.parse(run(['train', recipe.name, '--json'])) as TrainJson;
    const wall = (performance.now() - started) / 1000;
    const line = `${recipe.name}: ${result.target.metric} ${result.target.value.toFixed(4)} (target >= ${result.target.atLeast}) ${result.reached ? 'reached' : 'NOT reached'} in ${result.seconds.toFixed(1)} s training, ${wall.toFixed(1)} s wall`;
    console.log(line);
    rows.push(
      `| ${recipe.name} | ${recipe.source} | ${result.target.description} | ${result.target.value.toFixed(4)} | ${result.reached ? 'yes' : '**no**'} | ${result.history.length} | ${result.seconds.toFixed(1)} | ${wall.toFixed(1)} | ${result.backend}, ${result.kernel} kernel |`,
    );
  }
  if (values.only) {
    console.log('(--only: docs/results.md left as it was)');
    return;
  }
  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.versions.node}`;
  const md = [
    '# Recipe results',
    '',
    `Recorded by \`npm run results\` on ${new Date().toISOString().slice(0, 10)}: each recipe trained by \`rnn train <recipe> --json\` in its own process, default seed 42, on ${machine}, ${kernels}.`,
    "Training seconds are the trainer's own clock; wall seconds include data generation, the final test on fresh data and process start-up.",
    '',
    '| recipe | source | target | reached value | reached | epochs | training s | wall s | backend, recurrence |',
    '|---|---|---|---:|---|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
  await writeFileAtomic(path.join(root, 'docs', 'results.md'), md);
  console.log('wrote docs/results.md');
}

main().catch((err) => {
  console.error(`results: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
