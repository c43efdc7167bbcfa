// Node only: exported from `@rnn/models/node` (it reads /proc/cpuinfo).
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** The vector features a kernel's speed depends on, in the order they are named. */
const cpuFeatures = ['avx512f', 'avx2', 'fma'] as const;

/**
 * The machine in one line, e.g. `2 x Intel(R) Xeon(R) Processor @ 2.80GHz (avx512f, avx2, fma), Node
 * 20.20.2`: cores, CPU model and its vector features. The kernels (and PyTorch beside them) run at
 * what those features allow, so a measured speed or time only compares with this line known.
 */
export function describeMachine(): string {
  const flags = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const features = cpuFeatures.filter((f) => new RegExp(`\\b${f}\\b`).test(flags));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} x ${cpu} (${features.join(', ') || 'no AVX'}), Node ${process.versions.node}`;
}
