// `npm run bench [-- --only <text> [--record]] [--rounds N]`: runs every packages/*/bench/*.bench.ts, prints a table
// and records the figures in bench/results.json and bench/results.md (written atomically).
// `--only <text>` runs only the cases whose "suite name" contains the text (or the training-step config
// of that name) and leaves the results files as they were: e.g. `--only sampling` for the
// sampling-speed cases, `--only charlm-512x2` for one training-step config. `--only sampling --record`
// also replaces the sampling-speed section of both files (it carries its own date, machine and load),
// so that it can be remeasured without the whole run, which takes long. `--render` rewrites
// bench/results.md from bench/results.json without measuring anything. The training steps of ours and
// the PyTorch anchor run in `--rounds` alternating rounds (3 in a full run, 1 with --only), each figure
// the median of its rounds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@rnn/datasets/node';
import { describeMachine } from '@rnn/models/node';
import type { BenchCase, BenchResult, SamplingRecord, SamplingSection, StepRecord, StepSection } from './bench-case';
import {
  mergeStepSections,
  renderResults,
  samplingHeading,
  samplingTable,
  stepTable,
  type RecordedRun,
} from './results-tables';

const root = path.resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    record: { type: 'boolean', default: false },
    render: { type: 'boolean', default: false },
    'min-runs': { type: 'string', default: '5' },
    rounds: { type: 'string' },
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
// A full run alternates our training steps with the PyTorch anchor three times; an --only run once.
const rounds = Number(values.rounds ?? (values.only ? '1' : '3'));
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) {
  console.error(`bench: --rounds must be an integer from 1 to 20, got ${values.rounds}`);
  process.exit(2);
}

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
const anchors = path.join(root, 'bench', 'anchors');
const cpuFlags = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';

/**
 * The anchor's header names the fastest PyTorch CPU setup found on the project's machines: OpenBLAS
 * with 2 threads and its SkylakeX kernels. Those need AVX-512; on a CPU without it they die with an
 * illegal instruction, so there the AVX2 kernels (Haswell) are the fastest that run.
 */
function anchorEnv(): Record<string, string> {
  return { OPENBLAS_NUM_THREADS: '2', OPENBLAS_CORETYPE: /\bavx512f\b/.test(cpuFlags) ? 'SkylakeX' : 'Haswell' };
}

/** What an anchor script reported: its figures by line name, and the setup (or why it did not run). */
interface AnchorRun {
  readonly records: Map<string, { readonly ms: number; readonly perSecond: number }>;
  readonly note: string;
  /** CPU time the script reports having used (all its threads), to tell its load from other processes'. */
  readonly cpuSeconds: number;
}

/**
 * Runs a PyTorch anchor script (bench/anchors/<script> <args>) whose lines read
 * `name<TAB>x ms/<unit><TAB>n <unit>s/s`. Never throws: without torch, or when the script fails, the
 * figures are empty and the note says why, so the rest of the run is still recorded.
 */
function runAnchor(script: string, args: readonly string[], torchThreads: number): AnchorRun {
  const records: AnchorRun['records'] = new Map();
  const setup = torchSetup();
  if (setup.version === undefined) return { records, note: setup.note, cpuSeconds: 0 };
  console.log(`running the PyTorch anchor (bench/anchors/${[script, ...args].join(' ')})...`);
  const env = anchorEnv();
  let out: string;
  const children0 = childrenCpuSeconds();
  try {
    out = execFileSync(python, [path.join(anchors, script), ...args], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { records, note: `PyTorch not measured: bench/anchors/${script} failed (${why})`, cpuSeconds: 0 };
  }
  // The script's own report of its CPU time where it gives one, else what the kernel counted for it.
  const children = childrenCpuSeconds();
  let cpuSeconds = children0 === undefined || children === undefined ? 0 : children - children0;
  for (const line of out.split('\n')) {
    const m = /^(\S+)\t([\d.]+) ms\/\w+\t(\d+) \w+\/s/.exec(line);
    if (m) records.set(m[1], { ms: Number(m[2]), perSecond: Number(m[3]) });
    const cpu = /^cpu\t([\d.]+) s/.exec(line);
    if (cpu) cpuSeconds = Number(cpu[1]);
  }
  const threads = `${torchThreads} torch thread${torchThreads === 1 ? '' : 's'}`;
  return {
    records,
    note: `PyTorch ${setup.version} on the CPU: ${threads}, OpenBLAS with ${env.OPENBLAS_NUM_THREADS} threads and its ${env.OPENBLAS_CORETYPE} kernels`,
    cpuSeconds,
  };
}

let torchFound: { readonly version?: string; readonly note: string } | undefined;

/**
 * Whether the anchor's Python can import torch, and its version, asked once per run: each question
 * imports torch (a second of CPU), and the anchor now runs once per config and round, inside the
 * windows that measure the machine's load, where a process not counted as the anchor's would read
 * as another process's load.
 */
function torchSetup(): { readonly version?: string; readonly note: string } {
  if (torchFound) return torchFound;
  try {
    const version = execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    torchFound = { version, note: '' };
  } catch {
    torchFound = {
      note: `PyTorch not measured: ${python} cannot import torch (apt-get install python3-torch libopenblas0-pthread)`,
    };
  }
  return torchFound;
}

/**
 * CPU seconds of this process's finished children (Linux's /proc/self/stat: cutime + cstime, in
 * clock ticks of 1/100 s); undefined elsewhere.
 */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Busy, stolen and all CPU ticks of the whole machine since boot (Linux's /proc/stat); undefined
 * elsewhere. Busy counts what ran in this machine; stolen is the time a virtual machine's hypervisor
 * gave its cores to other guests, which slows every figure without any process here to show for it.
 */
function machineTicks(): { busy: number; stolen: number; all: number } | undefined {
  try {
    // cpu user nice system idle iowait irq softirq steal (guest time is counted in user already).
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((f) => !Number.isFinite(f))) return undefined;
    const all = fields.reduce((a, b) => a + b, 0);
    return { busy: all - fields[3] - fields[4] - fields[7], stolen: fields[7], all };
  } catch {
    return undefined;
  }
}

/**
 * The cores other processes kept busy, averaged over the windows it measured. Latency-bound figures
 * (sampling at batch 1) move with what else runs; the machine's busy time minus the bench's own CPU
 * time says how loaded it was, where the load average would count the bench itself.
 */
class OtherLoad {
  private busyTicks = 0;
  private stolenTicks = 0;
  private allTicks = 0;
  private ownSeconds = 0;
  private wallSeconds = 0;
  private readable = true;

  /** Runs `work`, which reports the CPU time of the child process it ran, inside a window. */
  measure<T extends { readonly cpuSeconds: number }>(work: () => T): T {
    const start = machineTicks();
    const t0 = performance.now();
    const self0 = process.cpuUsage();
    const result = work();
    const end = machineTicks();
    const self = process.cpuUsage(self0);
    if (start && end) {
      this.busyTicks += end.busy - start.busy;
      this.stolenTicks += end.stolen - start.stolen;
      this.allTicks += end.all - start.all;
    } else {
      this.readable = false;
    }
    this.wallSeconds += (performance.now() - t0) / 1000;
    this.ownSeconds += result.cpuSeconds + (self.user + self.system) / 1e6;
    return result;
  }

  /** The average, or undefined when nothing was measured or /proc/stat cannot be read. */
  cores(): number | undefined {
    if (!this.readable || this.allTicks <= 0 || this.wallSeconds <= 0) return undefined;
    const busy = (os.cpus().length * this.busyTicks) / this.allTicks;
    return Math.max(0, busy - this.ownSeconds / this.wallSeconds);
  }

  /** Cores the hypervisor withheld (steal time), on average; undefined as for {@link cores}. */
  stolenCores(): number | undefined {
    if (!this.readable || this.allTicks <= 0) return undefined;
    return (os.cpus().length * this.stolenTicks) / this.allTicks;
  }
}

/** The load of a section: other processes' cores, and the hypervisor's steal where it was measured. */
function measuredLoad(ours: OtherLoad, anchor: OtherLoad | undefined): Pick<StepSection, 'otherLoad' | 'steal'> {
  const rnn = ours.cores();
  if (rnn === undefined) return {};
  const pytorch = anchor?.cores();
  const stolen = ours.stolenCores()!;
  const anchorStolen = anchor?.stolenCores();
  return {
    otherLoad: { rnn, ...(pytorch === undefined ? {} : { pytorch }) },
    steal: { rnn: stolen, ...(anchorStolen === undefined ? {} : { pytorch: anchorStolen }) },
  };
}

/** `--only` names a training-step config exactly, or else any text in "suite case". */
function selected(suite: string, c: BenchCase, configs: ReadonlySet<string>): boolean {
  if (!values.only) return true;
  if (configs.has(values.only)) return c.config === values.only;
  return `${suite} ${c.name}`.includes(values.only);
}

/** Whether this CPU has AVX-512: the training-step record is kept per class, and ratios hold only within one. */
const cpuClass: StepSection['cpu'] = /\bavx512f\b/.test(cpuFlags) ? 'avx512' : 'no-avx512';

/**
 * `--record` after `--only`: the sampling-speed section replaces its predecessor in both results files
 * (or is added), and the rest stays as the last full run wrote it.
 */
async function recordSampling(section: SamplingSection): Promise<void> {
  const jsonFile = path.join(root, 'bench', 'results.json');
  const mdFile = path.join(root, 'bench', 'results.md');
  const recorded = existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>) : {};
  await writeFileAtomic(jsonFile, `${JSON.stringify({ ...recorded, sampling: section }, null, 2)}\n`);
  const md = existsSync(mdFile) ? readFileSync(mdFile, 'utf8') : '# Benchmark results\n\n';
  const table = samplingTable(section).join('\n');
  const start = md.indexOf(`${samplingHeading}\n`);
  const next = start < 0 ? -1 : md.indexOf('\n## ', start + samplingHeading.length);
  const updated =
    start < 0
      ? `${md.endsWith('\n') ? md : `${md}\n`}\n${table}`
      : `${md.slice(0, start)}${table}${next < 0 ? '' : md.slice(next)}`;
  await writeFileAtomic(mdFile, updated);
  console.log('\nreplaced the sampling-speed section of bench/results.json and bench/results.md');
}

/** The smallest module using relaxed SIMD: one function doing `f32x4.relaxed_madd` on its three v128 arguments. */
const relaxedSimdProbe = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b,
]);

/**
 * Node flags that give the wasm cases what a browser's engine has: Chromium runs relaxed SIMD (a real
 * fused multiply-add) by default, Node 20's V8 only behind a flag.
 */
const browserWasmFlags = WebAssembly.validate(relaxedSimdProbe) ? [] : ['--experimental-wasm-relaxed-simd'];

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
 * Times a training-step or sampling-speed case in a child process of its own, so that its peak memory
 * is its own and neither the garbage nor the thread pools of other cases (stock tfjs's above all) weigh
 * on it. The child's CPU time comes back beside its report, to tell its load from other processes'.
 */
function runIsolated(suite: string, c: BenchCase): { run: IsolatedRun; cpuSeconds: number } {
  const flags = c.impl === 'wasm' ? browserWasmFlags : [];
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, ...flags, __filename, '--case', `${suite} ${c.name}`, '--min-runs', String(minRuns)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  const line = out.split('\n').find((l) => l.startsWith(isolatedMarker));
  if (line === undefined) throw new Error(`bench: the child process for "${suite} ${c.name}" reported nothing`);
  const { cpuSeconds, ...run } = JSON.parse(line.slice(isolatedMarker.length)) as IsolatedRun & { cpuSeconds: number };
  return { run, cpuSeconds };
}

/** The training-step sections of the last full run (bench/results.json), to keep the other CPU class's. */
function previousStepSections(): StepSection[] {
  const file = path.join(root, 'bench', 'results.json');
  if (!existsSync(file)) return [];
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as { trainingStepSections?: StepSection[] };
  return recorded.trainingStepSections ?? [];
}

/**
 * This process's own peak resident memory, MB: Linux's VmHWM, the high-water mark of the memory it
 * has mapped since it started. Not getrusage's maxrss, which Linux carries over from the parent
 * through fork and exec, so that a child reports at least what the harness held when it spawned it.
 */
function ownPeakRssMB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // not Linux: fall through
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** The child's side of {@link runIsolated}. */
async function runOneCase(id: string): Promise<void> {
  // Only the case's own file: what other bench files load at import would weigh on its time and memory.
  for (const { suite, file } of benchFiles().filter((f) => id.startsWith(`${f.suite} `))) {
    const cases: BenchCase[] = (await import(file)).default;
    const c = cases.find((k) => `${suite} ${k.name}` === id);
    if (c === undefined) continue;
    await c.setup?.();
    const t = await time(c);
    const report: IsolatedRun = {
      ...t,
      ran: c.describe?.() ?? '',
      peakRssMB: ownPeakRssMB(),
      heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    };
    c.teardown?.();
    const cpu = process.cpuUsage();
    console.log(`${isolatedMarker}${JSON.stringify({ ...report, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}`);
    return;
  }
  throw new Error(`bench: no case "${id}"`);
}

/**
 * The PyTorch anchor, run for one config right after our cases of that config, so that every ratio
 * compares figures taken seconds apart: on a shared machine either side drifts by tens of percent
 * within minutes (other guests' load, steal time), and a pair sees the same drift.
 */
class PairedAnchor {
  /** The anchor's setup, or why it did not run. */
  note = '';
  /** Whether any figure came back. */
  ran = false;
  private readonly ratios = new Map<string, number[]>();

  constructor(private readonly load: OtherLoad) {}

  /**
   * Times the anchor's line for `config` and records PyTorch ms / our ms for each of our figures
   * of this round. Returns PyTorch's figure, or undefined when it did not run.
   */
  run(
    config: string,
    anchor: string,
    ours: readonly { readonly impl: string; readonly ms: number }[],
  ): { readonly ms: number; readonly perSecond: number } | undefined {
    torchSetup(); // outside the window: its import is not the anchor's timed work
    const run = this.load.measure(() => runAnchor('torch_rnn_bench.py', ['cpu', '1', anchor], 1));
    if (!this.ran) this.note = run.note;
    const figure = run.records.get(anchor);
    if (figure === undefined) return undefined;
    this.ran = true;
    for (const { impl, ms } of ours) {
      const key = `${config} ${impl}`;
      this.ratios.set(key, [...(this.ratios.get(key) ?? []), figure.ms / ms]);
    }
    console.log(`${'pytorch'.padEnd(24)} ${config.padEnd(56)} ${figure.ms.toFixed(2).padStart(10)} ms`);
    return figure;
  }

  /** The median over rounds of `impl`'s paired ratios on `config`, or undefined when none was measured. */
  speed(config: string, impl: string): number | undefined {
    const all = this.ratios.get(`${config} ${impl}`);
    return all === undefined ? undefined : median(all);
  }
}

/**
 * Whether `c` is the last of our training-step cases of its config among `cases` that run: the
 * anchor's turn for that config comes after it.
 */
function lastOursOfConfig(suite: string, cases: readonly BenchCase[], c: BenchCase, configs: ReadonlySet<string>) {
  const ours = (k: BenchCase) => k.config === c.config && k.impl !== undefined && k.impl !== 'tfjs';
  return ours(c) && cases.slice(cases.indexOf(c) + 1).every((k) => !ours(k) || !selected(suite, k, configs));
}

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  const steps: StepRecord[] = [];
  const stepCases: BenchCase[] = [];
  const suiteOf = new Map<BenchCase, string>();
  const sampling: SamplingRecord[] = [];
  const samplingCases: BenchCase[] = [];
  const samplingLoad = new OtherLoad();
  const stepLoad = new OtherLoad();
  const stepAnchorLoad = new OtherLoad();
  const paired = new PairedAnchor(stepAnchorLoad);
  const files = benchFiles();
  const suites: { suite: string; cases: BenchCase[] }[] = [];
  for (const { suite, file } of files) suites.push({ suite, cases: (await import(file)).default });
  const configs = new Set(suites.flatMap((s) => s.cases.flatMap((c) => (c.config === undefined ? [] : [c.config]))));
  for (const { suite, cases } of suites) {
    for (const c of cases) {
      if (!selected(suite, c, configs)) continue;
      const isStep = c.config !== undefined && c.impl !== undefined;
      const isolated =
        c.sampling !== undefined
          ? samplingLoad.measure(() => runIsolated(suite, c)).run
          : isStep
            ? // Stock tfjs's minutes-long steps are context, not a ratio: their window is not counted.
              c.impl === 'tfjs'
              ? runIsolated(suite, c).run
              : stepLoad.measure(() => runIsolated(suite, c)).run
            : undefined;
      let t: { runs: number; medianMs: number; minMs: number };
      let heapMB: number;
      if (isolated && c.sampling !== undefined) {
        ({ heapMB, ...t } = isolated);
        samplingCases.push(c);
        const chars = c.work?.count ?? 0;
        sampling.push({
          sampling: c.sampling,
          impl: 'rnn',
          shape: c.shape ?? '',
          msPerChar: t.medianMs / chars,
          charsPerSecond: (chars * 1000) / t.medianMs,
          ran: isolated.ran,
        });
      } else if (isolated) {
        ({ heapMB, ...t } = isolated);
        stepCases.push(c);
        suiteOf.set(c, suite);
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
      if (isolated && c.anchor !== undefined && lastOursOfConfig(suite, cases, c, configs)) {
        const ours = steps.filter((r) => r.config === c.config && r.impl !== 'tfjs' && r.impl !== 'pytorch');
        const figure = paired.run(
          c.config!,
          c.anchor,
          ours.map((r) => ({ impl: r.impl, ms: r.msPerStep })),
        );
        if (figure) {
          steps.push({
            config: c.config!,
            impl: 'pytorch',
            msPerStep: figure.ms,
            tokensPerSecond: figure.perSecond,
            ran: paired.note,
          });
        }
      }
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
  const anchorRan = paired.ran;
  const anchorNote = paired.note;
  if (rounds > 1 && anchorRan) moreRounds(stepCases, suiteOf, steps, results, stepLoad, paired);
  const machine = describeMachine();
  let samplingSection: SamplingSection | undefined;
  if (samplingCases.length > 0) {
    // Two torch threads: our side may use both cores too (the native addon's pool has two threads).
    const anchorLoad = new OtherLoad();
    torchSetup(); // outside the window: its import is not the anchor's timed work
    const anchor = anchorLoad.measure(() => runAnchor('torch_sampling_bench.py', ['2'], 2));
    console.log(anchor.note);
    for (const c of samplingCases) {
      const figure = c.anchor === undefined ? undefined : anchor.records.get(c.anchor);
      if (figure === undefined) continue;
      sampling.push({
        sampling: c.sampling!,
        impl: 'pytorch',
        shape: c.shape ?? '',
        msPerChar: figure.ms,
        charsPerSecond: figure.perSecond,
        ran: anchor.note,
      });
      console.log(`${'pytorch'.padEnd(24)} ${c.sampling!.padEnd(56)} ${figure.ms.toFixed(2).padStart(10)} ms/char`);
    }
    samplingSection = {
      date: new Date().toISOString(),
      machine,
      cores: os.cpus().length,
      ...measuredLoad(samplingLoad, anchor.records.size > 0 ? anchorLoad : undefined),
      anchor: anchor.note,
      records: sampling,
    };
  }
  let stepSection: StepSection | undefined;
  if (steps.length > 0) {
    const configRows = [...new Map(stepCases.map((c) => [c.config!, c])).values()].map((c) => ({
      config: c.config!,
      shape: c.shape ?? '',
      ...(c.must === undefined ? {} : { must: c.must }),
      ...(c.mustWasm === undefined ? {} : { mustWasm: c.mustWasm }),
    }));
    stepSection = {
      date: new Date().toISOString(),
      machine,
      cores: os.cpus().length,
      cpu: cpuClass,
      ...measuredLoad(stepLoad, anchorRan ? stepAnchorLoad : undefined),
      anchor: anchorNote,
      ...(rounds > 1 && anchorRan ? { rounds } : {}),
      ...(steps.some((r) => r.impl === 'wasm') && browserWasmFlags.length > 0
        ? { wasmNodeFlags: browserWasmFlags }
        : {}),
      configs: configRows,
      steps: steps.map((r) => {
        const speed = r.impl === 'pytorch' ? undefined : paired.speed(r.config, r.impl);
        return speed === undefined ? r : { ...r, speedVsPytorch: speed };
      }),
    };
  }
  const table = stepSection ? stepTable(stepSection) : [];
  if (table.length > 0) console.log(`\n${table.join('\n')}`);
  const samplingLines = samplingSection ? samplingTable(samplingSection) : [];
  if (samplingLines.length > 0) console.log(`\n${samplingLines.join('\n')}`);
  if (values.only) {
    if (values.record && samplingSection) await recordSampling(samplingSection);
    else if (values.record) console.log('(--record: no sampling-speed case ran, so there is nothing to record alone)');
    else console.log('(--only: results files left as they were)');
    return;
  }
  // The training-step record of a CPU of the other class (with or without AVX-512) is kept beside this
  // run's: ratios to PyTorch differ between them, and each holds only for its own.
  const stepSections = mergeStepSections(stepSection, previousStepSections());
  const recorded: RecordedRun = {
    date: new Date().toISOString(),
    machine,
    results,
    trainingStepSections: stepSections,
    ...(samplingSection ? { sampling: samplingSection } : {}),
  };
  await writeFileAtomic(path.join(root, 'bench', 'results.json'), `${JSON.stringify(recorded, null, 2)}\n`);
  const md = renderResults(recorded);
  await writeFileAtomic(path.join(root, 'bench', 'results.md'), md);
  console.log('\nwrote bench/results.json and bench/results.md');
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Rounds 2..n of the training steps: every case of ours (stock tfjs's minutes-long steps are left
 * out), each config's followed by the anchor's line for it, again; each figure becomes the median
 * of its rounds, and each ratio the median of its rounds' pairs (see {@link PairedAnchor}).
 */
function moreRounds(
  stepCases: readonly BenchCase[],
  suiteOf: ReadonlyMap<BenchCase, string>,
  steps: StepRecord[],
  results: BenchResult[],
  stepLoad: OtherLoad,
  paired: PairedAnchor,
): void {
  const ours = stepCases.filter((c) => c.impl !== 'tfjs');
  const indexOf = (config: string, impl: string) => steps.findIndex((s) => s.config === config && s.impl === impl);
  const figures = new Map<number, number[]>();
  const add = (index: number, ms: number) => {
    if (index >= 0) figures.set(index, [...(figures.get(index) ?? [steps[index].msPerStep]), ms]);
  };
  for (let round = 2; round <= rounds; round++) {
    console.log(`\nround ${round} of ${rounds}: our training steps, each config's followed by the PyTorch anchor's`);
    for (const config of new Set(ours.map((c) => c.config!))) {
      const mine = ours.filter((c) => c.config === config);
      const timed = mine.map((c) => {
        const { run } = stepLoad.measure(() => runIsolated(suiteOf.get(c)!, c));
        add(indexOf(config, c.impl!), run.medianMs);
        console.log(`${suiteOf.get(c)!.padEnd(24)} ${c.name.padEnd(56)} ${run.medianMs.toFixed(2).padStart(10)} ms`);
        return { impl: c.impl!, ms: run.medianMs };
      });
      const anchor = mine.find((c) => c.anchor !== undefined)?.anchor;
      const figure = anchor === undefined ? undefined : paired.run(config, anchor, timed);
      if (figure) add(indexOf(config, 'pytorch'), figure.ms);
    }
  }
  for (const [index, all] of figures) {
    const step = steps[index];
    const ms = median(all);
    steps[index] = { ...step, msPerStep: ms, tokensPerSecond: (step.tokensPerSecond * step.msPerStep) / ms };
    const c = ours.find((k) => k.config === step.config && k.impl === step.impl);
    const at = c ? results.findIndex((r) => r.suite === suiteOf.get(c) && r.name === c.name) : -1;
    if (at >= 0) {
      const r = results[at];
      results[at] = {
        ...r,
        medianMs: ms,
        ...(r.perSecond === undefined ? {} : { perSecond: (r.perSecond * r.medianMs) / ms }),
      };
    }
  }
}

/** `--render`: rewrites bench/results.md from bench/results.json, measuring nothing. */
async function renderOnly(): Promise<void> {
  const recorded = JSON.parse(readFileSync(path.join(root, 'bench', 'results.json'), 'utf8')) as RecordedRun;
  await writeFileAtomic(path.join(root, 'bench', 'results.md'), renderResults(recorded));
  console.log('wrote bench/results.md from bench/results.json');
}

(values.case !== undefined ? runOneCase(values.case) : values.render ? renderOnly() : main()).catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
