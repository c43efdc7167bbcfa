import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-train-cli-'));
const run = path.join(dir, 'calc');
const quick = ['--hidden', '8', '--epochs', '1', '--seed', '3', '--backend', 'cpu'];

describe('rnn list / train / eval / export', () => {
  it('lists every recipe with its source, defaults and target', async () => {
    const io = captureIo();
    expect(await runCli(['list', '--json'], io)).toBe(0);
    const recipes = JSON.parse(io.out());
    expect(recipes.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['calculator', 'copy', 'reverse', 'parity']),
    );
    expect(recipes.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['sine', 'oscillator-init', 'addition-lstm', 'sentences', 'counting', 'parity-final']),
    );
    for (const r of recipes) {
      expect(r.source).toMatch(/notebook/);
      if (r.kind === 'language-model') expect(r.target.metric).toBe('validationBitsPerChar');
      else expect(r.target.atLeast !== undefined || r.target.atMost !== undefined).toBe(true);
    }
    expect(
      recipes.filter((r: { kind?: string }) => r.kind === 'language-model').map((r: { name: string }) => r.name),
    ).toEqual(['charlm-quick', 'charlm']);
    const text = captureIo();
    expect(await runCli(['list'], text)).toBe(0);
    expect(text.out()).toMatch(
      /^charlm\n .*\n {2}source: the sequences notebook: .*char-rnn.*\n {2}defaults: tinyshakespeare, embedding 64 \+ lstm 512x2, dropout [\d.]+, (tbptt|windows) batch \d+ x \d+, /m,
    );
    expect(text.out()).toMatch(
      /^copy\n .*\n {2}source: the sequences notebook: .*\n {2}defaults: gru 64x1, decoder reads teacher-forcing, \d+ epochs, batch \d+, adam lr [\d.]+ \(cosine schedule\), clip 1\n {2}target: whole-sequence exact match/m,
    );
  });

  it('trains a recipe into a folder, reports its target as JSON, and re-evaluates it', async () => {
    const io = captureIo();
    expect(await runCli(['train', 'calculator', ...quick, '--out', run, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({
      recipe: 'calculator',
      seed: '3',
      backend: 'cpu',
      target: { metric: 'accuracy', atLeast: 0.97 },
    });
    expect(['native', 'wasm', 'js']).toContain(report.kernel);
    expect(typeof report.reached).toBe('boolean');
    expect(report.settings).toMatchObject({ hidden: 8, epochs: 1 });
    expect(JSON.parse(readFileSync(path.join(run, 'result.json'), 'utf8')).target).toEqual(report.target);
    expect(io.err()).toBe(''); // no progress bar when stderr is not a terminal

    const evaluated = captureIo();
    expect(await runCli(['eval', run, '--json'], evaluated)).toBe(0);
    const again = JSON.parse(evaluated.out());
    expect(again).toMatchObject({ recipe: 'calculator', seed: '3', epoch: 1 });
    expect(again.test.accuracy).toBeGreaterThan(0.5);

    const exported = captureIo();
    expect(await runCli(['export', run, '--out', path.join(dir, 'layers')], exported)).toBe(0);
    expect(existsSync(path.join(dir, 'layers', 'model.json'))).toBe(true);
  });

  it("--task changes the task's options, and the model follows the task (final targets: a classifier)", async () => {
    const io = captureIo();
    const argv = ['train', 'parity', '--task', 'length=1..8', '--task', 'targets=final', '--task', 'n=64'];
    expect(await runCli([...argv, '--epochs', '1', '--hidden', '4', '--test-size', '16', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.settings.task).toMatchObject({ length: 8, variableLength: true, targets: 'final', n: 64 });
    expect(report.settings.testSize).toBe(16);
    expect(report.spec.architecture).toBe('classifier');
  });

  it("--notebook runs the notebook's own settings, and records that it did", async () => {
    const io = captureIo();
    expect(await runCli(['train', 'increasing', '--notebook', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.notebook).toBe(true);
    expect(report.settings).toMatchObject({ epochs: 101, batchSize: 6, optimizer: 'sgd', learningRate: 0.3 });
    expect(report.settings.task.n).toBe(6);
  });

  it('--engine scratch trains the plain-TypeScript Elman RNN on the same data and target', async () => {
    const io = captureIo();
    expect(await runCli(['train', 'increasing', '--engine', 'scratch', '--task', 'n=500', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ engine: 'scratch', recipe: 'increasing', target: { metric: 'accuracy' } });
    expect(report.spec).toMatchObject({ engine: 'scratch', units: 5, activation: 'tanh', output: 'sigmoid' });
    expect(report.target.value).toBeGreaterThan(0.8);
  });

  it('refuses --out on a folder of other files before any training, naming what is allowed', async () => {
    const photos = path.join(dir, 'photos');
    mkdirSync(path.join(photos, 'epoch-photos'), { recursive: true });
    writeFileSync(path.join(photos, 'epoch-photos', 'a.jpg'), 'x');
    writeFileSync(path.join(photos, 'epoch-notes.txt'), 'y');
    const io = captureIo();
    expect(await runCli(['train', 'parity', '--epochs', '1', '--out', photos, '--json'], io)).toBe(2);
    expect(io.err()).toBe(
      `rnn: --out ${photos} is not empty and holds no run (it has epoch-notes.txt, epoch-photos): ` +
        'give an empty or new folder, or --resume DIR to continue a run\n',
    );
    expect(io.out()).toBe('');
    expect(readdirSync(photos).sort()).toEqual(['epoch-notes.txt', 'epoch-photos']);
    expect(readdirSync(path.join(photos, 'epoch-photos'))).toEqual(['a.jpg']);
    expect(readFileSync(path.join(photos, 'epoch-notes.txt'), 'utf8')).toBe('y');
  });

  it('trains into an empty folder', async () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    expect(
      await runCli(
        ['train', 'parity', '--hidden', '4', '--epochs', '1', '--task', 'n=32', '--out', empty],
        captureIo(),
      ),
    ).toBe(0);
    expect(readdirSync(empty).sort()).toEqual(['epoch-00001', 'latest.json', 'result.json']);
  });

  it('resumes a run from its folder, keeping its settings', async () => {
    const io = captureIo();
    expect(await runCli(['train', 'calculator', '--resume', run, '--json'], io)).toBe(0);
    // The run had 1 epoch of 1: resuming finds it complete and re-measures it.
    expect(JSON.parse(io.out()).history).toHaveLength(1);
  });

  it.each([
    [
      ['train', 'nope'],
      /recipe must be one of calculator, oscillator-init, .*, parity-final, charlm-quick, charlm; got "nope"/,
    ],
    [['train', 'calculator', '--task', 'depth=3'], /the operands task has no option "depth"/],
    [['train', 'calculator', '--reverse-input'], /--reverse-input is for the addition recipes only/],
    [['train', 'sentences', '--notebook'], /runs the notebook's own settings already/],
    [['train', 'calculator', '--engine', 'gpu'], /--engine must be tfjs or scratch/],
    [['train', 'calculator', '--decoder-input', 'zeros'], /decoder input applies to the encoder-decoder recipes/],
    [['train', 'calculator', '--inject', 'pre'], /inject applies to the one-to-many recipes/],
    [
      ['train', 'copy', '--decoder-input', 'nope', '--epochs', '1'],
      /decoderInput must be one of zeros, teacher-forcing/,
    ],
    [['train', 'increasing', '--engine', 'scratch', '--out', run], /keeps its weights in memory only/],
    [['train', 'copy', '--engine', 'scratch', '--epochs', '1'], /the cell must be elman or simple, got gru/],
    [['train', 'calculator', '--epochs', '0'], /^rnn: --epochs must be an integer from 1 to 100,000, got 0\n$/],
    [['train', 'calculator', '--epochs', '1e12'], /^rnn: --epochs must be an integer from 1 to 100,000, got 1e12\n$/],
    [['train', 'calculator', '--hidden', '1e12'], /^rnn: --hidden must be an integer from 1 to 16,384, got 1e12\n$/],
    [['train', 'calculator', '--layers', '1e12'], /^rnn: --layers must be an integer from 1 to 64, got 1e12\n$/],
    [['train', 'calculator', '--test-size', '1e12'], /^rnn: --test-size must be an integer from 1 to 1,000,000/],
    [['train', 'calculator', '--batch-size', '1e12'], /^rnn: --batch-size must be an integer from 1 to 65,536/],
    [['train', 'calculator', '--task', 'n=1e12'], /^rnn: operands: n × length × 2 is \d+ values per array/],
    [
      ['train', 'calculator', '--hidden', '16000'],
      /^rnn: --hidden 16000 with --layers 1 \(simple\) needs about 4\.1 GB for the weights, gradients and Adam state; the limit is 4\.0 GB: lower --hidden or --layers\n$/,
    ],
    [
      ['train', 'calculator', '--hidden', '8000', '--cell', 'lstm', '--layers', '2'],
      /^rnn: --hidden 8000 with --layers 2 \(lstm\) needs about 12\.3 GB for the weights/,
    ],
    [['train', 'calculator', '--lr', '-1', '--epochs', '1'], /--lr must be a number > 0, got -1/],
    [['train', 'calculator', '--cell', 'transformer', '--epochs', '1'], /cell kind must be one of/],
    [['train', 'calculator', '--hidden', 'many'], /argument 'many' is invalid/],
    [['train', 'calculator', '--out', run], /already holds a run; continue it with --resume/],
    [['train', 'calculator', '--resume', run, '--epochs', '3'], /keeps the settings it was started with/],
    [['train', 'parity', '--resume', run], /holds a run of recipe calculator, not parity/],
    [['train', 'calculator', '--resume', dir], /holds no checkpoint/],
    [['eval', dir], /holds no checkpoint/],
    [['export', run, '--out', run], /--out must be another folder/],
    [['train', 'calculator', '--out', ''], /^rnn: --out must name a folder, got an empty path\n$/],
    [['train', 'calculator', '--resume', ''], /^rnn: --resume must name a run folder, got an empty path\n$/],
    [['eval', ''], /^rnn: DIR must name a run folder, got an empty path\n$/],
    [
      ['train', 'calculator', '--out', path.join(run, 'epoch-00001')],
      /--out .*epoch-00001 is a checkpoint folder of the run in .*calc; .*even with --force/,
    ],
    [
      ['train', 'calculator', '--out', path.join(run, 'epoch-00001', 'nested')],
      /--out .*nested lies inside the checkpoint folder .*epoch-00001 of the run in .*calc/,
    ],
    [['train', 'calculator', '--out', path.join(run, 'latest.json')], /latest\.json is a file, not a folder/],
  ])('rejects %j with one line and exit 2, changing nothing', async (argv, message) => {
    const before = readFileSync(path.join(run, 'latest.json'), 'utf8');
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(message);
    expect(readFileSync(path.join(run, 'latest.json'), 'utf8')).toBe(before);
  });
});
