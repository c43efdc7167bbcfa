import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli } from './run-cli';
import { captureIo } from './capture-io.testing';
import { isUsageError, UsageError } from './usage-error';

const nativeInstalled = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'].some((pkg) => {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
});

describe('rnn info', () => {
  it('prints JSON naming every backend with availability and a reason', async () => {
    const io = captureIo();
    expect(await runCli(['info', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.versions).toMatchObject({ rnn: '0.1.0', tfjs: '4.22.0' });
    expect(report.backends.map((b: { name: string }) => b.name)).toEqual([
      'tensorflow-gpu',
      'tensorflow',
      'wasm',
      'cpu',
      'webgl',
      'webgpu',
    ]);
    for (const b of report.backends) {
      expect(typeof b.available).toBe('boolean');
      expect(b.reason).toEqual(expect.any(String));
    }
    expect(report.backend.name).toBe(nativeInstalled ? 'tensorflow' : 'cpu');
    // On cpu a fused kernel runs the recurrence: native where the addon was built, else WebAssembly
    // SIMD (which Node 20 always has), else portable js.
    const { native, wasm } = report.kernels;
    expect(report.kernels.sequence.name).toBe(native.loaded ? 'native' : wasm.loaded ? 'wasm' : 'js');
    expect(report.kernels.sequence.reason).toEqual(expect.any(String));
    // One line per kind of kernel: the recurrence, the matmul, the two losses, Adam, the layout copy and the embedding's gradient sum, each with its provider.
    const fastest = native.loaded ? 'native' : wasm.loaded ? 'wasm' : 'js';
    expect(report.kernels.choices.map((c: { kind: string; provider: string }) => [c.kind, c.provider])).toEqual([
      ['sequence', fastest],
      ['sgemm', native.loaded ? 'native' : wasm.loaded ? 'wasm' : 'reference'],
      ['softmaxCrossEntropy', native.loaded ? 'native' : 'js'],
      ['binaryCrossEntropy', native.loaded ? 'native' : 'js'],
      ['adamUpdate', native.loaded ? 'native' : 'js'],
      ['swapLeadingAxes', native.loaded ? 'native' : 'js'],
      ['sumRowsByIndex', native.loaded ? 'native' : 'js'],
    ]);
    expect(native.reason).toEqual(expect.any(String));
    if (process.env.RNN_WASM_DISABLE !== '1' && process.env.RNN_WASM_SKIP !== '1') {
      expect(wasm).toEqual({
        loaded: true,
        reason: expect.stringContaining('WebAssembly SIMD'),
        info: expect.anything(),
      });
    }
    expect(io.err()).toBe('');
  });

  it('prints a human table by default', async () => {
    const io = captureIo();
    expect(await runCli(['info'], io)).toBe(0);
    expect(io.out()).toMatch(/^ {2}cpu +trains +@tensorflow\/tfjs$/m);
    expect(io.out()).toMatch(/^using \w+/m);
    expect(io.out()).toMatch(/^ {2}recurrence {2}(native|wasm|js): .+$/m);
    expect(io.out()).toMatch(/^ {2}native {6}(loaded|not loaded): .+$/m);
    expect(io.out()).toMatch(/^ {2}wasm {8}(loaded|not loaded): .+$/m);
  });
});

describe('exit codes and errors', () => {
  (nativeInstalled ? it.skip : it)(
    'exits 2 with one line naming the install command for a missing backend',
    async () => {
      const io = captureIo();
      expect(await runCli(['--backend', 'tensorflow', 'info'], io)).toBe(2);
      expect(io.err()).toMatch(
        /^rnn: backend 'tensorflow' is not installed; install it with: npm install --save-optional @tensorflow\/tfjs-node@4\.22\.0 .*\n$/,
      );
      expect(io.out()).toBe('');
    },
  );

  it('exits 2 with one line for an unknown option or command, 0 for --help', async () => {
    const bad = captureIo();
    expect(await runCli(['info', '--bogus'], bad)).toBe(2);
    expect(bad.err()).toBe("rnn: unknown option '--bogus'\n");
    const unknown = captureIo();
    expect(await runCli(['nope'], unknown)).toBe(2);
    expect(unknown.err().trim().split('\n')).toHaveLength(1);
    const help = captureIo();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.out()).toContain('Usage: rnn');
  });

  it("treats argument checks and unreadable files as the user's error, anything else as internal", () => {
    expect(isUsageError(new RangeError('n must be >= 1'))).toBe(true);
    expect(isUsageError(new UsageError('no such corpus'))).toBe(true);
    expect(isUsageError(Object.assign(new Error('missing'), { code: 'ENOENT' }))).toBe(true);
    expect(isUsageError(Object.assign(new Error('x'), { name: 'BackendUnavailableError' }))).toBe(true);
    expect(isUsageError(new TypeError('x is undefined'))).toBe(false);
    expect(isUsageError(new Error('boom'))).toBe(false);
  });
});

describe('the rnn executable', () => {
  const bin = path.join(__dirname, '..', 'bin', 'rnn.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

  it('runs from source after npm ci, with JSON on stdout and nothing on stderr', () => {
    const result = run('--json', 'info');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).backends).toHaveLength(6);
    expect(result.stderr).toBe('');
  });

  (nativeInstalled ? it.skip : it)('exits 2 with a single line for a backend that is not installed', () => {
    const result = run('--backend', 'tensorflow', 'info');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('npm install --save-optional @tensorflow/tfjs-node@4.22.0'),
    ]);
  });
});
