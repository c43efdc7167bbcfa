import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = path.join(__dirname, '..', 'bin', 'rnn.js');

/** Whether `pid` is a live process (a zombie waiting for its reaper has stopped already). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Polls `ready` every 50 ms until it holds; false if it still does not after `tries` polls. */
async function waitFor(ready: () => boolean, tries: number): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (ready()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return ready();
}

describe('the rnn launcher', () => {
  (process.platform === 'linux' ? it : it.skip)(
    'takes the command down with it when it is killed with kill -9',
    async () => {
      const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'rnn-launcher-')), 'run');
      const launcher = spawn(
        process.execPath,
        [bin, 'train', 'parity', '--epochs', '50', '--out', out, '--backend', 'cpu'],
        { stdio: 'ignore' },
      );
      let worker: number | undefined;
      try {
        expect(await waitFor(() => existsSync(path.join(out, 'latest.json')), 1200)).toBe(true);
        worker = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(launcher.pid)], { encoding: 'utf8' }));
        expect(running(worker)).toBe(true);
        const killed = new Promise((resolve) => launcher.once('exit', resolve));
        launcher.kill('SIGKILL');
        await killed;
        const stopped = worker;
        expect(await waitFor(() => !running(stopped), 100)).toBe(true);
      } finally {
        launcher.kill('SIGKILL');
        if (worker !== undefined && running(worker)) process.kill(worker, 'SIGKILL');
      }
    },
  );

  it("passes Node's own flags on to the command", () => {
    // A V8 flag the command can observe: with it, Node 20's engine validates relaxed SIMD.
    const report = JSON.parse(
      execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', bin, 'info', '--json'], {
        encoding: 'utf8',
        env: { ...process.env, RNN_WASM_SIMD: 'relaxed' },
      }),
    );
    expect(report.kernels.wasm.info.simd).toBe('wasm-relaxed-simd');
  });
});
