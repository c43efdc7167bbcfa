import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildProblem, relaxedSimdProbe } from './wasm-module';

/** The V8 flag that gives Node 20 relaxed SIMD. */
const relaxedSimdFlag = '--experimental-wasm-relaxed-simd';
/**
 * Whether a Node started without flags has relaxed SIMD anyway (later V8s turn it on by default).
 * Asked of such a child: this process may have been started with the flag.
 */
const relaxedByDefault =
  spawnSync(process.execPath, [
    '-e',
    `process.exit(WebAssembly.validate(Uint8Array.from(${JSON.stringify([...relaxedSimdProbe])})) ? 0 : 1)`,
  ]).status === 0;
/** `it`, or where a Node without flags has relaxed SIMD, a skip saying so (there is no engine lacking it to ask). */
const withoutRelaxedSimd = (name: string, body: () => void): void =>
  relaxedByDefault ? it.skip(`${name} (skipped: this Node has relaxed SIMD without flags)`, body) : it(name, body);
/** Node's flags for a child that must have relaxed SIMD. */
const withRelaxedSimd = relaxedByDefault ? [] : [relaxedSimdFlag];
/** Without the baseline module there is nothing to choose from (wasm.test.ts says whether that is expected). */
const notBuilt = buildProblem('wasm-simd128');

/**
 * Runs simd-module-check.testing.ts in a child Node with `nodeFlags` and RNN_WASM_SIMD set to
 * `request` (unset when undefined); `expected` makes it run every numeric check on that module.
 */
function runCheck(
  request: string | undefined,
  nodeFlags: readonly string[],
  expected?: string,
): { status: number | null; result: Record<string, unknown>; output: string } {
  const env = { ...process.env };
  delete env.RNN_WASM_SIMD;
  delete env.RNN_WASM_DISABLE;
  if (request !== undefined) env.RNN_WASM_SIMD = request;
  const script = path.join(__dirname, 'simd-module-check.testing.ts');
  const args = [...nodeFlags, '--conditions=@rnn/source', '--import', 'tsx', script, ...(expected ? [expected] : [])];
  const child = spawnSync(process.execPath, args, {
    cwd: path.join(__dirname, '..'),
    env,
    encoding: 'utf8',
    timeout: 180000,
  });
  const output = `${child.stdout}${child.stderr}${child.error?.message ?? ''}`;
  let result: Record<string, unknown> = {};
  try {
    result = JSON.parse(child.stdout.split('\n')[0]);
  } catch {
    // no JSON line: the output says why
  }
  return { status: child.status, result, output };
}

const title = 'the module chosen at load (RNN_WASM_SIMD)';

// The module is chosen once per process, when it loads: each is held to the reference in a child
// process of its own, forced by RNN_WASM_SIMD.
(notBuilt ? describe.skip : describe)(notBuilt ? `${title} (skipped: ${notBuilt})` : title, () => {
  it.each([
    ['relaxed', 'wasm-relaxed-simd', 5],
    ['baseline', 'wasm-simd128', 4],
  ])(
    'RNN_WASM_SIMD=%s on an engine with relaxed SIMD runs the %s module: SGEMM, fused and training-step kernels match the reference',
    (request, simd, mr) => {
      const child = runCheck(request, withRelaxedSimd, simd);
      if (child.status !== 0) throw new Error(`RNN_WASM_SIMD=${request}: ${child.output.trim()}`);
      expect(child.result).toMatchObject({ simd, mr, nr: 8, threads: 1 });
    },
    180000,
  );

  it('takes the relaxed-SIMD module by default where the engine has relaxed SIMD', () => {
    for (const request of [undefined, 'auto', '']) {
      expect(runCheck(request, withRelaxedSimd).result).toMatchObject({ simd: 'wasm-relaxed-simd', mr: 5 });
    }
  });

  withoutRelaxedSimd('takes the baseline module by default where the engine lacks relaxed SIMD', () => {
    expect(runCheck(undefined, []).result).toMatchObject({ simd: 'wasm-simd128', mr: 4 });
  });

  withoutRelaxedSimd(
    'RNN_WASM_SIMD=relaxed where the engine lacks relaxed SIMD is unavailable, naming what is missing and the flag',
    () => {
      const child = runCheck('relaxed', [], 'wasm-relaxed-simd');
      expect(child.status).toBe(1);
      expect(child.result).toEqual({
        unavailable:
          'RNN_WASM_SIMD=relaxed but this JavaScript engine lacks WebAssembly relaxed SIMD (f32x4.relaxed_madd; ' +
          'current Chromium has it, Node 20 needs --experimental-wasm-relaxed-simd)',
      });
    },
  );

  it('refuses an unknown RNN_WASM_SIMD in one line naming the choices', () => {
    const child = runCheck('fma', withRelaxedSimd);
    expect(child.result).toEqual({
      unavailable: 'RNN_WASM_SIMD must be auto, relaxed or baseline (or unset), got "fma"',
    });
  });
});
