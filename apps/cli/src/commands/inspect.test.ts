import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureIo } from '../capture-io.testing';
import { runCli } from '../run-cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-inspect-cli-'));

describe('rnn inspect', () => {
  it('with no run: a fresh SimpleRNN 100 on the two sine waves, as JSON and an SVG heatmap', async () => {
    const out = path.join(dir, 'fresh');
    const io = captureIo();
    expect(await runCli(['inspect', '--out', out, '--json', '--backend', 'cpu'], io)).toBe(0);
    const { files } = JSON.parse(io.out());
    expect(files).toEqual([path.join(out, 'inspect.json'), path.join(out, 'inspect-layer-1-hidden-state.svg')]);
    const record = JSON.parse(readFileSync(files[0], 'utf8'));
    expect(record.input).toHaveLength(200);
    expect(record.panels).toHaveLength(1);
    expect(record.panels[0]).toMatchObject({ name: 'layer 1 hidden state', units: 100, steps: 200 });
    // A fresh network still responds to its input: the hidden state is not constant.
    const values: number[] = record.panels[0].values;
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.1);
    const svg = readFileSync(files[1], 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect/g)?.length).toBeGreaterThan(100 * 200);
  });

  it('a trained LSTM run: hidden and cell state and every gate, on a given input', async () => {
    const run = path.join(dir, 'parity');
    const train = ['train', 'parity-final', '--cell', 'lstm', '--hidden', '3', '--epochs', '1'];
    const quick = [...train, '--task', 'n=64', '--test-size', '2', '--backend', 'cpu', '--out', run];
    expect(await runCli(quick, captureIo())).toBe(0);
    const io = captureIo();
    expect(await runCli(['inspect', run, '--input', '0110101', '--json'], io)).toBe(0);
    const record = JSON.parse(readFileSync(path.join(run, 'inspect.json'), 'utf8'));
    expect(record.input).toEqual([0, 1, 1, 0, 1, 0, 1]);
    expect(record.panels.map((p: { name: string }) => p.name)).toEqual([
      'layer 1 hidden state',
      'layer 1 cell state',
      'layer 1 input gate',
      'layer 1 forget gate',
      'layer 1 cell gate',
      'layer 1 output gate',
    ]);
    expect(readdirSync(run).filter((f) => f.endsWith('.svg'))).toHaveLength(6);
  });

  it('replaces an earlier inspection only with --force, and never writes into a checkpoint folder', async () => {
    const run = path.join(dir, 'parity');
    const before = readFileSync(path.join(run, 'inspect.json'), 'utf8');
    const again = captureIo();
    expect(await runCli(['inspect', run, '--input', '0011'], again)).toBe(2);
    expect(again.err()).toMatch(
      /^rnn: --out .*parity already holds inspect-layer-1-cell-gate\.svg, .*; give --force to replace them, or choose another --out\n$/,
    );
    expect(readFileSync(path.join(run, 'inspect.json'), 'utf8')).toBe(before);
    expect(await runCli(['inspect', run, '--input', '0011', '--force'], captureIo())).toBe(0);
    expect(JSON.parse(readFileSync(path.join(run, 'inspect.json'), 'utf8')).input).toEqual([0, 0, 1, 1]);

    const { folder } = JSON.parse(readFileSync(path.join(run, 'latest.json'), 'utf8'));
    const checkpoint = path.join(run, folder);
    const files = readdirSync(checkpoint).sort();
    const io = captureIo();
    expect(await runCli(['inspect', run, '--out', checkpoint, '--force'], io)).toBe(2);
    expect(io.err()).toMatch(/^rnn: --out .* is a checkpoint folder of the run in .*parity; .*even with --force/);
    expect(readdirSync(checkpoint).sort()).toEqual(files);
  });

  it.each([
    [['inspect', '--input', '01'], /--input needs a run folder/],
    [['inspect', ''], /^rnn: DIR must name a run folder, got an empty path\n$/],
    [['inspect', '--out', ''], /^rnn: --out must name a folder, got an empty path\n$/],
    [['inspect', path.join(dir, 'nothing-here')], /holds no checkpoint/],
    [['inspect', path.join(dir, 'parity'), '--input', '01x'], /parity/],
  ])('rejects %j with one line and exit 2', async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(message);
  });
});
