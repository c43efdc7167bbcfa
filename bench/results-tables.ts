// The markdown of bench/results.md, rendered from what bench/results.json records: the table of every
// case, one training-step section per CPU class, and the sampling-speed section.
import type { BenchResult, SamplingRecord, SamplingSection, StepSection } from './bench-case';

/** The heading of a CPU class's training-step section. */
export const stepHeading = (cpu: StepSection['cpu']) =>
  `## Training steps against PyTorch, on a CPU ${cpu === 'avx512' ? 'with' : 'without'} AVX-512`;

/** Cores of a measurement: ours, and the PyTorch anchor's where it ran. */
type Cores = { readonly rnn: number; readonly pytorch?: number };

/**
 * A sentence on the cores other processes kept busy and the hypervisor withheld (steal time), or
 * nothing when neither was measured. Either above a quarter of a core marks the figures as taken
 * under load: both slow a case, and neither shows in its own CPU time.
 */
export function loadSentence(cores: number, load: Cores | undefined, steal?: Cores): string {
  if (load === undefined) return '';
  const during = (c: Cores) => (c.pytorch === undefined ? '' : ` (${c.pytorch.toFixed(1)} during the PyTorch anchor)`);
  const most = (c: Cores | undefined) => Math.max(c?.rnn ?? 0, c?.pytorch ?? 0);
  return (
    ` While they ran, other processes kept ${load.rnn.toFixed(1)} of the ${cores} cores busy on average${during(load)}` +
    `${steal === undefined ? '' : `, and the hypervisor withheld ${steal.rnn.toFixed(1)} (steal time)${during(steal)}`}` +
    `${Math.max(most(load), most(steal)) >= 0.25 ? ': these figures were taken under load' : ''}.`
  );
}

/**
 * The markdown section of one run's training steps: each config on each implementation, the ratio to
 * PyTorch measured in the same run, and whether it reaches what the project asks of it.
 */
export function stepTable(section: StepSection): string[] {
  const { steps, configs } = section;
  const ms = (config: string, impl: string) => steps.find((s) => s.config === config && s.impl === impl)?.msPerStep;
  const cell = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(v < 10 ? 2 : 0));
  const times = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(2)}x`);
  const met = (ratio: number | undefined, must: number | undefined) =>
    ratio === undefined || must === undefined ? '' : ratio >= must ? 'yes' : '**no**';
  const rows = configs.map(({ config, shape, must, mustWasm }) => {
    const ours = ms(config, 'rnn');
    const wasm = ms(config, 'wasm');
    const torch = ms(config, 'pytorch');
    const stock = ms(config, 'tfjs');
    const speedOf = (impl: string, v: number | undefined) =>
      steps.find((s) => s.config === config && s.impl === impl)?.speedVsPytorch ??
      (v !== undefined && torch !== undefined ? torch / v : undefined);
    const rss = steps.find((s) => s.config === config && s.impl === 'rnn')?.peakRssMB;
    const overStock = stock === undefined || ours === undefined ? '—' : `${(stock / ours).toFixed(1)}x`;
    const asks = [must === undefined ? '' : `rnn >= ${must}x`, mustWasm === undefined ? '' : `wasm >= ${mustWasm}x`];
    const reached = [met(speedOf('rnn', ours), must), met(speedOf('wasm', wasm), mustWasm)];
    return `| ${config} | ${shape} | ${rss ?? '—'} | ${cell(ours)} | ${cell(wasm)} | ${cell(stock)} | ${cell(torch)} | ${times(speedOf('rnn', ours))} | ${times(speedOf('wasm', wasm))} | ${overStock} | ${asks.filter(Boolean).join(', ')} | ${reached.filter(Boolean).join(', ')} |`;
  });
  const ran = [...new Set(steps.filter((s) => s.impl !== 'pytorch').map((s) => `\`${s.impl}\`: ${s.ran}`))];
  return [
    stepHeading(section.cpu),
    '',
    'Median ms per training step (forward, backward, Adam) after a warm-up; speed = PyTorch ms / our ms, both measured in the same run.',
    ...(section.steps.some((s) => s.speedVsPytorch !== undefined)
      ? [
          "Each config's PyTorch figure was timed right after ours, so that both see the same moment of a shared machine; the speed is the median of those pairs' ratios.",
        ]
      : []),
    ...(section.rounds
      ? [
          `Our cases and the PyTorch anchor ran in ${section.rounds} alternating rounds; each figure is the median of its rounds (stock tfjs ran once).`,
        ]
      : []),
    '`rnn` is the fastest Node setup (the native addon where it built); `wasm` is what a browser gets on the cpu backend.',
    ...(section.wasmNodeFlags?.length
      ? [
          `The \`wasm\` cases ran with \`${section.wasmNodeFlags.join(' ')}\`: Chromium runs relaxed SIMD by default, this Node's V8 only behind that flag.`,
        ]
      : []),
    `Measured on ${section.date.slice(0, 10)}, ${section.machine}.${loadSentence(section.cores, section.otherLoad, section.steal)}`,
    `${ran.join('; ')}. ${section.anchor}.`,
    '',
    '| config | shape | rnn peak RSS MB | rnn ms | wasm ms | stock tfjs ms | PyTorch ms | rnn speed vs PyTorch | wasm speed vs PyTorch | rnn vs stock tfjs | must reach | met |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows,
    '',
  ];
}

/** The heading of the sampling-speed section (`--only sampling --record` replaces it alone). */
export const samplingHeading = '## Sampling speed against PyTorch';

/** The markdown section of sampling speed: each sampling mode on our side and PyTorch's, and the ratio. */
export function samplingTable(section: SamplingSection): string[] {
  const modes = [...new Set(section.records.map((r) => r.sampling))];
  const find = (mode: string, impl: string) => section.records.find((r) => r.sampling === mode && r.impl === impl);
  const ms = (r: SamplingRecord | undefined) => (r === undefined ? '—' : r.msPerChar.toFixed(2));
  const rate = (r: SamplingRecord | undefined) => (r === undefined ? '—' : Math.round(r.charsPerSecond).toString());
  const rows = modes.map((mode) => {
    const ours = find(mode, 'rnn');
    const torch = find(mode, 'pytorch');
    const speed = ours && torch ? `${(torch.msPerChar / ours.msPerChar).toFixed(2)}x` : '—';
    return `| ${ours?.shape ?? torch?.shape ?? ''} | ${mode} | ${ms(ours)} | ${rate(ours)} | ${ms(torch)} | ${rate(torch)} | ${speed} |`;
  });
  const ran = [...new Set(section.records.filter((r) => r.impl !== 'pytorch').map((r) => `\`${r.impl}\`: ${r.ran}`))];
  return [
    samplingHeading,
    '',
    'Generation at batch 1, one model step per character: `generate` of @rnn/sampling on the `LanguageModel` step model of @rnn/models (random weights), the PyTorch anchor (bench/anchors/torch_sampling_bench.py) running the same loop under `torch.no_grad`.',
    'Each run reads the prime, then generates the characters the shape names; ms per char = median run / characters generated, after a warm-up; speed = PyTorch ms / our ms.',
    `Measured on ${section.date.slice(0, 10)}, ${section.machine}.${loadSentence(section.cores, section.otherLoad, section.steal)}`,
    `${ran.join('; ')}. ${section.anchor}.`,
    '',
    '| shape | sampling | rnn ms/char | rnn chars/s | PyTorch ms/char | PyTorch chars/s | rnn speed vs PyTorch |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ];
}

/** What a full run records in bench/results.json. */
export interface RecordedRun {
  readonly date: string;
  readonly machine: string;
  readonly results: readonly BenchResult[];
  readonly trainingStepSections: readonly StepSection[];
  readonly sampling?: SamplingSection;
}

/** bench/results.md from what bench/results.json records. */
export function renderResults(recorded: RecordedRun): string {
  const rows = recorded.results.map(
    (r) =>
      `| ${r.suite} | ${r.name} | ${r.medianMs.toFixed(2)} | ${r.perSecond === undefined ? '' : `${Math.round(r.perSecond).toLocaleString('en-US')} ${r.unit}/s`} |`,
  );
  return [
    '# Benchmark results',
    '',
    `Recorded by \`npm run bench\` on ${recorded.date.slice(0, 10)}, ${recorded.machine}. Median of repeated runs after a warm-up.`,
    '',
    '| suite | case | median ms | rate |',
    '|---|---|---:|---:|',
    ...rows,
    '',
    ...recorded.trainingStepSections.flatMap(stepTable),
    ...(recorded.sampling ? samplingTable(recorded.sampling) : []),
  ].join('\n');
}

/**
 * The training-step sections a full run records: its own first, then the last record of every other
 * CPU class, which it cannot re-measure (and whose ratios hold only there).
 */
export function mergeStepSections(current: StepSection | undefined, previous: readonly StepSection[]): StepSection[] {
  return [...(current ? [current] : []), ...previous.filter((section) => section.cpu !== current?.cpu)];
}
