import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-train-lm-'));
const corpus = path.join(dir, 'corpus.txt');
writeFileSync(corpus, 'the cat sat on the mat. the dog sat on the log. a cat, a dog, a mat, a log. '.repeat(60));
const small = ['--corpus', corpus, '--hidden', '16', '--embedding', '8', '--batch-size', '4', '--length', '16'];
const base = ['train', 'charlm-quick', ...small, '--scheme', 'tbptt', '--seed', '4', '--backend', 'cpu', '--json'];

describe('rnn train charlm-quick (a character language model)', () => {
  it('trains on a given corpus into a folder, and a run stopped by its time budget resumes exactly (state carried)', async () => {
    const whole = captureIo();
    expect(await runCli([...base, '--epochs', '2', '--out', path.join(dir, 'whole')], whole)).toBe(0);
    const report = JSON.parse(whole.out());
    expect(report).toMatchObject({
      recipe: 'charlm-quick',
      seed: '4',
      stoppedBy: 'epochs',
      corpus: { name: corpus, characters: 4560 },
      target: { metric: 'validationBitsPerChar', atMost: 2.35, beatMarkov: false },
      backend: 'cpu',
    });
    expect(report.markov.order).toBeGreaterThan(0);
    expect(report.reached).toBe(report.validationBitsPerChar <= 2.35);
    expect(whole.err()).toBe('');

    const cut = path.join(dir, 'cut');
    const first = captureIo();
    expect(await runCli([...base, '--epochs', '2', '--minutes', '0.000001', '--out', cut], first)).toBe(0);
    expect(JSON.parse(first.out())).toMatchObject({ stoppedBy: 'minutes', steps: 1 });
    const resumed = captureIo();
    expect(await runCli(['train', 'charlm-quick', '--resume', cut, '--backend', 'cpu', '--json'], resumed)).toBe(0);
    const again = JSON.parse(resumed.out());
    expect(again.steps).toBe(report.steps);
    expect(again.validationBitsPerChar).toBe(report.validationBitsPerChar);
    expect(again.history.map((r: { loss: number }) => r.loss)).toEqual(
      report.history.map((r: { loss: number }) => r.loss),
    );
    const saved = JSON.parse(readFileSync(path.join(cut, 'result.json'), 'utf8'));
    expect(saved.testBitsPerChar).toBe(report.testBitsPerChar);
  });

  it('refuses to start over a folder that holds a run', async () => {
    const io = captureIo();
    expect(await runCli([...base, '--epochs', '1', '--out', path.join(dir, 'whole')], io)).toBe(2);
    expect(io.err()).toMatch(/already holds a run; continue it with --resume/);
  });

  it('refuses to start in a folder of other files, before reading the corpus or training', async () => {
    const photos = path.join(dir, 'photos');
    mkdirSync(path.join(photos, 'epoch-photos'), { recursive: true });
    writeFileSync(path.join(photos, 'epoch-notes.txt'), 'y');
    const io = captureIo();
    expect(await runCli([...base, '--epochs', '1', '--out', photos], io)).toBe(2);
    expect(io.err()).toMatch(
      /^rnn: --out .*photos is not empty and holds no run \(it has epoch-notes\.txt, epoch-photos\): give an empty or new folder, or --resume DIR to continue a run\n$/,
    );
    expect(io.out()).toBe('');
    expect(readdirSync(photos).sort()).toEqual(['epoch-notes.txt', 'epoch-photos']);
  });

  it.each([
    [['train', 'charlm-quick', '--task', 'n=5'], /--task does not apply to the language model recipe charlm-quick/],
    [
      ['train', 'calculator', '--corpus', corpus],
      /--corpus is for the language model recipes \(charlm, charlm-quick\) only/,
    ],
    [['train', 'charlm-quick', ...small, '--scheme', 'bptt'], /scheme must be one of tbptt, windows, got "bptt"/],
    [['train', 'charlm-quick', ...small, '--dropout', '1'], /dropout must be a number in \[0, 1\), got 1/],
    [['train', 'charlm-quick', '--corpus', path.join(dir, 'missing.txt')], /missing\.txt/],
    [
      ['train', 'charlm-quick', '--corpus', dir],
      /^rnn: .+ is a folder; a corpus is a name \(tinyshakespeare\) or a UTF-8 text file\n$/,
    ],
    [['train', 'charlm-quick', '--length', '1e12'], /^rnn: --length must be an integer from 1 to 100,000, got 1e12\n$/],
    [['train', 'charlm-quick', '--embedding', '1e12'], /^rnn: --embedding must be an integer from 1 to 16,384/],
    [
      ['train', 'charlm-quick', '--length', '100000'],
      /^rnn: --batch-size \d+ and --length 100000 on --hidden \d+ with --layers \d+ \(lstm\) need about [\d.]+ GB for one step's activations; the limit is 8\.0 GB: lower --batch-size or --length\n$/,
    ],
    [
      ['train', 'charlm-quick', '--resume', path.join(dir, 'whole'), '--hidden', '8'],
      /keeps the settings it was started with/,
    ],
    [['train', 'charlm', '--resume', path.join(dir, 'whole')], /holds a run of recipe charlm-quick, not charlm/],
    [['train', 'charlm-quick', '--corpus', ''], /^rnn: --corpus must name a corpus or a file, got an empty path\n$/],
    [['train', 'charlm-quick', '--out', ''], /^rnn: --out must name a folder, got an empty path\n$/],
  ])('rejects %j with one line and exit 2', async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });
});

describe('rnn train charlm-quick on Ctrl-C', () => {
  it('finishes the step, saves a checkpoint, reports, and a resumed run continues from there', async () => {
    const { spawn } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const out = path.join(dir, 'interrupted');
    const bin = path.join(__dirname, '..', '..', 'bin', 'rnn.js');
    // Its own process group, as a terminal's foreground job: the signal goes to the whole group.
    const child = spawn(process.execPath, [bin, ...base.slice(0, -1), '--epochs', '500', '--out', out, '--json'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let waited = 0; !existsSync(path.join(out, 'latest.json')) && waited < 60000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.kill(-(child.pid as number), 'SIGINT');
    expect(await exited).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.stoppedBy).toBe('signal');
    expect(report.steps).toBeLessThan(report.plannedSteps);
    const resumed = captureIo();
    const argv = ['train', 'charlm-quick', '--resume', out, '--minutes', '0.000001', '--backend', 'cpu', '--json'];
    expect(await runCli(argv, resumed)).toBe(0);
    expect(JSON.parse(resumed.out()).steps).toBe(report.steps + 1);
  }, 90000);
});
