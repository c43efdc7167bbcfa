import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '@rnn/datasets';

// kill -9 at random moments, and at the moment a checkpoint is being written, must lose nothing: the
// run resumes from its folder and ends with weights and optimizer state byte-identical to a run
// never interrupted. RNN_KILL_COUNT sets how many random kills (a few here; many on demand).
const kills = Number(process.env.RNN_KILL_COUNT ?? 2);
const cliDir = path.resolve(__dirname, '..');
const tsx = pathToFileURL(require.resolve('tsx', { paths: [cliDir] })).href;
const main = path.join(cliDir, 'src', 'main.ts');
const training = ['train', 'parity', '--epochs', '6', '--task', 'n=3000', '--test-size', '20', '--json'];

/** The worker itself (not the launcher), so that the kill lands on the process that writes. */
const nodeArgs = (args: string[]) => ['--conditions=@rnn/source', '--import', tsx, main, ...args];

function runToEnd(args: string[]): void {
  const done = spawnSync(process.execPath, nodeArgs(args), { encoding: 'utf8', timeout: 120_000 });
  if (done.status !== 0) throw new Error(`rnn ${args.join(' ')} exited ${done.status}: ${done.stderr}`);
}

function finalState(dir: string): Buffer[] {
  const { folder } = JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8')) as { folder: string };
  return ['weights.bin', 'optimizer.bin'].map((f) => readFileSync(path.join(dir, folder, f)));
}

/** Starts a run into `dir` and kills it -9 after `delayMs`, or at the first write into `dir`. */
function startAndKill(dir: string, when: number | 'at-save'): Promise<void> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, nodeArgs([...training, '--out', dir]), { stdio: 'ignore' });
    const kill = () => child.kill('SIGKILL');
    let watcher: ReturnType<typeof watch> | undefined;
    let timer: NodeJS.Timeout | undefined;
    if (when === 'at-save') {
      // The folder exists once the run starts writing; watch it from then on.
      const poll = setInterval(() => {
        try {
          watcher = watch(dir, kill);
          clearInterval(poll);
        } catch {
          // not created yet
        }
      }, 5);
      child.on('exit', () => clearInterval(poll));
    } else {
      timer = setTimeout(kill, when);
    }
    child.on('exit', () => {
      watcher?.close();
      if (timer) clearTimeout(timer);
      resolve();
    });
  });
}

describe('a run killed with -9 loses nothing', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'rnn-kill-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let reference: Buffer[];

  beforeAll(() => {
    const dir = path.join(scratch, 'uninterrupted');
    runToEnd([...training, '--out', dir]);
    reference = finalState(dir);
  }, 120_000);

  const rng = createRng('kill-moments');
  const moments: (number | 'at-save')[] = ['at-save', ...Array.from({ length: kills }, () => rng.int(600, 3000))];

  it.each(
    moments.map((m, i) => [m === 'at-save' ? 'as it writes its first file' : `${m} ms after the start`, i, m] as const),
  )(
    'killed %s: the resumed run ends byte-identical',
    async (_, i, moment) => {
      const dir = path.join(scratch, `killed-${i}`);
      await startAndKill(dir, moment);
      let resumable = true;
      try {
        readFileSync(path.join(dir, 'latest.json'));
      } catch {
        resumable = false; // killed before the first checkpoint: nothing to resume, start again in it
      }
      runToEnd(resumable ? ['train', 'parity', '--resume', dir, '--json'] : [...training, '--out', dir]);
      expect(finalState(dir)).toEqual(reference);
    },
    120_000,
  );
});
