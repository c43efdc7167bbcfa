import type { StepSection } from './bench-case';
import { mergeStepSections, renderResults, stepTable } from './results-tables';

const section = (cpu: StepSection['cpu'], date: string, torchMs: number): StepSection => ({
  date,
  machine: `2 x Test CPU (${cpu === 'avx512' ? 'avx512f, ' : ''}avx2, fma), Node 20`,
  cores: 2,
  cpu,
  otherLoad: { rnn: 0.4, pytorch: 0.1 },
  anchor: 'PyTorch 1.13 on the CPU',
  wasmNodeFlags: ['--experimental-wasm-relaxed-simd'],
  configs: [{ config: 'charlm-128', shape: 'LSTM 128', must: 1.5, mustWasm: 0.7 }],
  steps: [
    { config: 'charlm-128', impl: 'rnn', msPerStep: 40, tokensPerSecond: 80000, ran: 'cpu, native', peakRssMB: 300 },
    { config: 'charlm-128', impl: 'wasm', msPerStep: 100, tokensPerSecond: 32000, ran: 'cpu, wasm' },
    { config: 'charlm-128', impl: 'pytorch', msPerStep: torchMs, tokensPerSecond: 1, ran: 'PyTorch' },
  ],
});

describe('bench results tables', () => {
  it('gives each config its speed against PyTorch and whether it meets what is asked, for rnn and wasm', () => {
    const lines = stepTable(section('avx512', '2026-12-02T00:00:00Z', 80));
    expect(lines[0]).toBe('## Training steps against PyTorch, on a CPU with AVX-512');
    const row = lines.find((l) => l.startsWith('| charlm-128 |'))!;
    // rnn 80 / 40 = 2x >= 1.5x; wasm 80 / 100 = 0.8x >= 0.7x.
    expect(row).toContain('| 2.00x | 0.80x |');
    expect(row).toContain('| rnn >= 1.5x, wasm >= 0.7x | yes, yes |');
    const slow = stepTable(section('avx512', '2026-12-02T00:00:00Z', 50)).find((l) => l.startsWith('| charlm-128 |'))!;
    expect(slow).toContain('| 1.25x | 0.50x |');
    expect(slow).toContain('| **no**, **no** |');
    const text = lines.join('\n');
    expect(text).toContain(
      'other processes kept 0.4 of the 2 cores busy on average (0.1 during the PyTorch anchor): these figures were taken under load.',
    );
    expect(text).toContain('ran with `--experimental-wasm-relaxed-simd`');
    expect(text).not.toContain('alternating rounds');
    const rounds = stepTable({ ...section('avx512', '2026-12-02T00:00:00Z', 80), rounds: 3 }).join('\n');
    expect(rounds).toContain('ran in 3 alternating rounds; each figure is the median of its rounds');
  });

  it('says how much the hypervisor withheld, and calls a run with steal time above a quarter core loaded', () => {
    const quiet = { ...section('avx512', '2026-12-02T00:00:00Z', 80), otherLoad: { rnn: 0.1, pytorch: 0.1 } };
    expect(stepTable(quiet).join('\n')).toContain('busy on average (0.1 during the PyTorch anchor).');
    const calm = stepTable({ ...quiet, steal: { rnn: 0.1, pytorch: 0.0 } }).join('\n');
    expect(calm).toContain(
      'busy on average (0.1 during the PyTorch anchor), and the hypervisor withheld 0.1 (steal time) (0.0 during the PyTorch anchor).',
    );
    const stolen = stepTable({ ...quiet, steal: { rnn: 0.1, pytorch: 0.3 } }).join('\n');
    expect(stolen).toContain(
      'withheld 0.1 (steal time) (0.3 during the PyTorch anchor): these figures were taken under load.',
    );
  });

  it('takes the median of paired ratios where the run recorded them, over the ratio of the medians', () => {
    const base = section('avx512', '2026-12-02T00:00:00Z', 80);
    const pairedSteps = base.steps.map((s) =>
      s.impl === 'rnn' ? { ...s, speedVsPytorch: 1.4 } : s.impl === 'wasm' ? { ...s, speedVsPytorch: 0.75 } : s,
    );
    const lines = stepTable({ ...base, steps: pairedSteps });
    const row = lines.find((l) => l.startsWith('| charlm-128 |'))!;
    // The medians alone would give 2.00x and 0.80x; the pairs say 1.40x (short of 1.5x) and 0.75x.
    expect(row).toContain('| 1.40x | 0.75x |');
    expect(row).toContain('| **no**, yes |');
    expect(lines.join('\n')).toContain('the speed is the median of those pairs');
    expect(stepTable(base).join('\n')).not.toContain('pairs');
  });

  it("replaces the record of the run's own CPU class and keeps the other class's beside it", () => {
    const old512 = section('avx512', '2026-11-01T00:00:00Z', 60);
    const old2 = section('no-avx512', '2026-11-02T00:00:00Z', 70);
    const fresh = section('avx512', '2026-12-02T00:00:00Z', 80);
    expect(mergeStepSections(fresh, [old512, old2])).toEqual([fresh, old2]);
    expect(mergeStepSections(undefined, [old512, old2])).toEqual([old512, old2]);
    const md = renderResults({
      date: fresh.date,
      machine: fresh.machine,
      results: [],
      trainingStepSections: [fresh, old2],
    });
    expect(md.indexOf('on a CPU with AVX-512')).toBeGreaterThan(0);
    expect(md.indexOf('on a CPU without AVX-512')).toBeGreaterThan(md.indexOf('on a CPU with AVX-512'));
    expect(md).toContain('Measured on 2026-11-02');
  });
});
