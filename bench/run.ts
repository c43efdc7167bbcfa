// `npm run bench [-- --only <text>]`: runs every packages/*/bench/*.bench.ts, prints a table and
// records the figures in bench/results.json and bench/results.md (written atomically).
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@rnn/datasets/node';
import type { BenchCase, BenchResult } from './bench-case';

const root = path.resolve(__dirname, '..');
const { values } = parseArgs({ options: { only: { type: 'string' }, 'min-runs': { type: 'string', default: '5' } } });
const minRuns = Number(values['min-runs']);
if (!Number.isInteger(minRuns) || minRuns < 1) {
  console.error(`bench: --min-runs must be an integer >= 1, got ${values['min-runs']}`);
  process.exit(2);
}
const minTimeMs = 1000;

function benchFiles(): { suite: string; file: string }[] {
  const packages = path.join(root, 'packages');
  return readdirSync(packages).flatMap((pkg) => {
    const dir = path.join(packages, pkg, 'bench');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => ({ suite: `${pkg}/${f.replace(/\.bench\.ts$/, '')}`, file: path.join(dir, f) }));
  });
}

async function time(c: BenchCase): Promise<{ runs: number; medianMs: number; minMs: number }> {
  await c.run(); // warm-up: JIT, caches, lazy initialisation
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || (performance.now() - start < minTimeMs && samples.length < 50)) {
    const t0 = performance.now();
    await c.run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { runs: samples.length, medianMs: samples[Math.floor(samples.length / 2)], minMs: samples[0] };
}

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  const files = benchFiles();
  for (const { suite, file } of files) {
    const cases: BenchCase[] = (await import(file)).default;
    for (const c of cases) {
      if (values.only && !`${suite} ${c.name}`.includes(values.only)) continue;
      const t = await time(c);
      const perSecond = c.work ? (c.work.count * 1000) / t.medianMs : undefined;
      const result: BenchResult = {
        suite,
        name: c.name,
        ...t,
        ...(perSecond === undefined ? {} : { perSecond, unit: c.work?.unit }),
        heapMB: process.memoryUsage().heapUsed / 2 ** 20,
      };
      results.push(result);
      const rate =
        perSecond === undefined ? '' : `  ${Math.round(perSecond).toLocaleString('en-US')} ${c.work?.unit}/s`;
      console.log(`${suite.padEnd(24)} ${c.name.padEnd(56)} ${t.medianMs.toFixed(2).padStart(10)} ms${rate}`);
    }
  }
  if (results.length === 0) {
    console.log(
      files.length === 0
        ? 'bench: no benchmarks yet (add packages/<name>/bench/<topic>.bench.ts)'
        : `bench: no case matches --only ${values.only}`,
    );
    return;
  }
  if (values.only) {
    console.log('(--only: results files left as they were)');
    return;
  }
  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.versions.node}`;
  const recorded = { date: new Date().toISOString(), machine, results };
  await writeFileAtomic(path.join(root, 'bench', 'results.json'), `${JSON.stringify(recorded, null, 2)}\n`);
  const rows = results.map(
    (r) =>
      `| ${r.suite} | ${r.name} | ${r.medianMs.toFixed(2)} | ${r.perSecond === undefined ? '' : `${Math.round(r.perSecond).toLocaleString('en-US')} ${r.unit}/s`} |`,
  );
  const md = [
    '# Benchmark results',
    '',
    `Recorded by \`npm run bench\` on ${recorded.date.slice(0, 10)}, ${machine}. Median of repeated runs after a warm-up.`,
    '',
    '| suite | case | median ms | rate |',
    '|---|---|---:|---:|',
    ...rows,
    '',
  ].join('\n');
  await writeFileAtomic(path.join(root, 'bench', 'results.md'), md);
  console.log('\nwrote bench/results.json and bench/results.md');
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
