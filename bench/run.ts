// `npm run bench [-- --only <text>]`: runs every packages/*/bench/*.bench.ts, prints a table and
// records the figures in bench/results.json and bench/results.md (written atomically).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@rnn/datasets/node';
import type { BenchCase, BenchResult, StepRecord } from './bench-case';

const root = path.resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'min-runs': { type: 'string', default: '5' },
    // Internal: run one case ("<suite> <name>") in this process and print its figures as JSON.
    case: { type: 'string' },
  },
});
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
  // Warm-up (JIT, caches, lazy initialisation), except for a case timed once: it takes minutes, so
  // start-up is noise, and a second run would double the wait.
  if (c.maxRuns !== 1) await c.run();
  const samples: number[] = [];
  const start = performance.now();
  const most = c.maxRuns ?? 50;
  const least = Math.min(minRuns, most);
  while (samples.length < least || (performance.now() - start < minTimeMs && samples.length < most)) {
    const t0 = performance.now();
    await c.run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { runs: samples.length, medianMs: samples[Math.floor(samples.length / 2)], minMs: samples[0] };
}

const python = '/usr/bin/python3';
const anchorScript = path.join(root, 'bench', 'anchors', 'torch_rnn_bench.py');
/**
 * The anchor's header names the fastest PyTorch CPU setup found on the project's machines: OpenBLAS
 * with 2 threads and its SkylakeX kernels. Those need AVX-512; on a CPU without it they die with an
 * illegal instruction, so there the AVX2 kernels (Haswell) are the fastest that run.
 */
function anchorEnv(): Record<string, string> {
  const flags = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  return { OPENBLAS_NUM_THREADS: '2', OPENBLAS_CORETYPE: /\bavx512f\b/.test(flags) ? 'SkylakeX' : 'Haswell' };
}

/** PyTorch's figures from the anchor script, by anchor name; empty (with why) when torch is missing. */
function runAnchor(): { records: Map<string, { msPerStep: number; tokensPerSecond: number }>; note: string } {
  const records = new Map<string, { msPerStep: number; tokensPerSecond: number }>();
  try {
    execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return {
      records,
      note: `PyTorch not measured: ${python} cannot import torch (apt-get install python3-torch libopenblas0-pthread)`,
    };
  }
  console.log('running the PyTorch anchor (bench/anchors/torch_rnn_bench.py cpu 1)...');
  const env = anchorEnv();
  const out = execFileSync(python, [anchorScript, 'cpu', '1'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  for (const line of out.split('\n')) {
    const m = /^(\S+)\t([\d.]+) ms\/step\t(\d+) tokens\/s/.exec(line);
    if (m) records.set(m[1], { msPerStep: Number(m[2]), tokensPerSecond: Number(m[3]) });
  }
  const version = execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).trim();
  return {
    records,
    note: `PyTorch ${version} on the CPU: 1 torch thread, OpenBLAS with ${env.OPENBLAS_NUM_THREADS} threads and its ${env.OPENBLAS_CORETYPE} kernels`,
  };
}

/** `--only` names a training-step config exactly, or else any text in "suite case". */
function selected(suite: string, c: BenchCase, configs: ReadonlySet<string>): boolean {
  if (!values.only) return true;
  if (configs.has(values.only)) return c.config === values.only;
  return `${suite} ${c.name}`.includes(values.only);
}

/** The markdown table of training steps: each config on each implementation, and the ratio to PyTorch. */
function stepTable(cases: BenchCase[], steps: StepRecord[], anchorNote: string): string[] {
  const configs = [...new Set(steps.map((s) => s.config))];
  const ms = (config: string, impl: string) => steps.find((s) => s.config === config && s.impl === impl)?.msPerStep;
  const cell = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(v < 10 ? 2 : 0));
  const rows = configs.map((config) => {
    const c = cases.find((k) => k.config === config)!;
    const ours = ms(config, 'rnn');
    const wasm = ms(config, 'wasm');
    const torch = ms(config, 'pytorch');
    const stock = ms(config, 'tfjs');
    const speed = (v: number | undefined) => (v !== undefined && torch !== undefined ? torch / v : undefined);
    const ratio = speed(ours);
    const times = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(2)}x`);
    const rss = steps.find((s) => s.config === config && s.impl === 'rnn')?.peakRssMB;
    const must = c.must === undefined ? '' : `>= ${c.must}x`;
    const met = ratio === undefined || c.must === undefined ? '' : ratio >= c.must ? 'yes' : 'no';
    const overStock = stock === undefined || ours === undefined ? '—' : `${(stock / ours).toFixed(1)}x`;
    return `| ${config} | ${c.shape ?? ''} | ${rss ?? '—'} | ${cell(ours)} | ${cell(wasm)} | ${cell(stock)} | ${cell(torch)} | ${times(ratio)} | ${times(speed(wasm))} | ${overStock} | ${must} | ${met} |`;
  });
  const ran = [...new Set(steps.filter((s) => s.impl !== 'pytorch').map((s) => `\`${s.impl}\`: ${s.ran}`))];
  return [
    '## Training steps against PyTorch',
    '',
    'Median ms per training step (forward, backward, Adam) after a warm-up; speed = PyTorch ms / our ms.',
    '`rnn` is the fastest Node setup (the native addon where it built); `wasm` is what a browser gets on the cpu backend.',
    `${ran.join('; ')}. ${anchorNote}.`,
    '',
    '| config | shape | rnn peak RSS MB | rnn ms | wasm ms | stock tfjs ms | PyTorch ms | rnn speed vs PyTorch | wasm speed vs PyTorch | rnn vs stock tfjs | must reach | met |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ];
}

/** What a child process reports for the one case it ran. */
interface IsolatedRun {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly ran: string;
  readonly peakRssMB: number;
  readonly heapMB: number;
}

const isolatedMarker = 'bench-isolated-result ';

/**
 * Times a training-step case in a child process of its own, so that its peak memory is its own and
 * neither the garbage nor the thread pools of other cases (stock tfjs's above all) weigh on it.
 */
function runIsolated(suite: string, c: BenchCase): IsolatedRun {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, __filename, '--case', `${suite} ${c.name}`, '--min-runs', String(minRuns)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  const line = out.split('\n').find((l) => l.startsWith(isolatedMarker));
  if (line === undefined) throw new Error(`bench: the child process for "${suite} ${c.name}" reported nothing`);
  return JSON.parse(line.slice(isolatedMarker.length)) as IsolatedRun;
}

/** The child's side of {@link runIsolated}. */
async function runOneCase(id: string): Promise<void> {
  for (const { suite, file } of benchFiles()) {
    const cases: BenchCase[] = (await import(file)).default;
    const c = cases.find((k) => `${suite} ${k.name}` === id);
    if (c === undefined) continue;
    await c.setup?.();
    const t = await time(c);
    const report: IsolatedRun = {
      ...t,
      ran: c.describe?.() ?? '',
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    };
    c.teardown?.();
    console.log(`${isolatedMarker}${JSON.stringify(report)}`);
    return;
  }
  throw new Error(`bench: no case "${id}"`);
}

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  const steps: StepRecord[] = [];
  const stepCases: BenchCase[] = [];
  const files = benchFiles();
  const suites: { suite: string; cases: BenchCase[] }[] = [];
  for (const { suite, file } of files) suites.push({ suite, cases: (await import(file)).default });
  const configs = new Set(suites.flatMap((s) => s.cases.flatMap((c) => (c.config === undefined ? [] : [c.config]))));
  for (const { suite, cases } of suites) {
    for (const c of cases) {
      if (!selected(suite, c, configs)) continue;
      const isolated = c.config !== undefined && c.impl !== undefined ? runIsolated(suite, c) : undefined;
      let t: { runs: number; medianMs: number; minMs: number };
      let heapMB: number;
      if (isolated) {
        ({ heapMB, ...t } = isolated);
        stepCases.push(c);
        steps.push({
          config: c.config!,
          impl: c.impl!,
          msPerStep: t.medianMs,
          tokensPerSecond: ((c.work?.count ?? 0) * 1000) / t.medianMs,
          ran: isolated.ran,
          peakRssMB: isolated.peakRssMB,
        });
      } else {
        await c.setup?.();
        t = await time(c);
        c.teardown?.();
        heapMB = process.memoryUsage().heapUsed / 2 ** 20;
      }
      const perSecond = c.work ? (c.work.count * 1000) / t.medianMs : undefined;
      const result: BenchResult = {
        suite,
        name: c.name,
        ...t,
        ...(perSecond === undefined ? {} : { perSecond, unit: c.work?.unit }),
        heapMB,
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
  let anchorNote = '';
  if (stepCases.some((c) => c.anchor !== undefined)) {
    const anchor = runAnchor();
    anchorNote = anchor.note;
    console.log(anchor.note);
    for (const c of stepCases) {
      const figure = c.anchor === undefined ? undefined : anchor.records.get(c.anchor);
      if (figure && !steps.some((s) => s.config === c.config && s.impl === 'pytorch')) {
        steps.push({ config: c.config!, impl: 'pytorch', ...figure, ran: anchor.note });
        console.log(`${'pytorch'.padEnd(24)} ${c.config!.padEnd(56)} ${figure.msPerStep.toFixed(2).padStart(10)} ms`);
      }
    }
  }
  const table = steps.length > 0 ? stepTable(stepCases, steps, anchorNote) : [];
  if (table.length > 0) console.log(`\n${table.join('\n')}`);
  if (values.only) {
    console.log('(--only: results files left as they were)');
    return;
  }
  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.versions.node}`;
  const recorded = { date: new Date().toISOString(), machine, results, trainingSteps: steps };
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
    ...table,
  ].join('\n');
  await writeFileAtomic(path.join(root, 'bench', 'results.md'), md);
  console.log('\nwrote bench/results.json and bench/results.md');
}

(values.case === undefined ? main() : runOneCase(values.case)).catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
