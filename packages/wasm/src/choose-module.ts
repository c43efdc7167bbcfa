// Which of the two compiled modules to load, before compiling anything: the relaxed-SIMD one (fused
// multiply-adds) where the engine has relaxed SIMD and it was built, else the baseline; Node's
// environment can force one or turn both off.
import type { WasmSimd } from './types';
import { buildProblem, engineProblem, relaxedSimdProblem } from './wasm-module';

/** Node's environment, or an empty one (a browser has none). */
function environment(): Record<string, string | undefined> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

/** Which module `RNN_WASM_SIMD` asks for (unset or empty is `auto`), or the one-line reason it is invalid. */
function requested(): 'auto' | 'relaxed' | 'baseline' | { unavailable: string } {
  const value = environment().RNN_WASM_SIMD;
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  if (value === 'relaxed' || value === 'baseline') return value;
  return { unavailable: `RNN_WASM_SIMD must be auto, relaxed or baseline (or unset), got ${JSON.stringify(value)}` };
}

/**
 * The module to load, or why none can be: `RNN_WASM_DISABLE=1` turns both off; `RNN_WASM_SIMD=relaxed`
 * insists on the relaxed-SIMD module (unavailable, with the reason, where the engine lacks relaxed
 * SIMD or it was not built), `baseline` on the 128-bit SIMD one (to compare, or where the relaxed
 * module's last-bit differences between machines matter), and `auto` (or unset) takes the relaxed
 * one wherever it runs.
 */
export function chooseModule(): { simd: WasmSimd } | { unavailable: string } {
  const env = environment();
  if (env.RNN_WASM_DISABLE === '1') return { unavailable: 'disabled by RNN_WASM_DISABLE=1' };
  const request = requested();
  if (typeof request === 'object') return request;
  const engine = engineProblem();
  if (engine) return { unavailable: engine };
  const baseline = buildProblem('wasm-simd128');
  const useBaseline = (): { simd: WasmSimd } | { unavailable: string } =>
    baseline ? { unavailable: baseline } : { simd: 'wasm-simd128' };
  if (request === 'baseline') return useBaseline();
  const relaxed = relaxedSimdProblem() ?? buildProblem('wasm-relaxed-simd');
  if (!relaxed) return { simd: 'wasm-relaxed-simd' };
  return request === 'relaxed' ? { unavailable: `RNN_WASM_SIMD=relaxed but ${relaxed}` } : useBaseline();
}
