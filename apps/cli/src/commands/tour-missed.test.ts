import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureIo } from '../capture-io.testing';
import { runCli } from '../run-cli';

// The tour's exit code when a target is missed, without training for minutes: the stops are
// replaced by ones that report at once, one of them short of its target.
jest.mock('@rnn/training/node', () => {
  const actual = jest.requireActual('@rnn/training/node');
  return {
    ...actual,
    runTourStop: async (stop: { recipe: string }) => ({
      stop,
      source: 'the parity notebook: a test',
      target: {
        description: 'accuracy >= 0.99',
        goal: '>= 0.99',
        metric: 'accuracy',
        value: stop.recipe === 'parity' ? 1 : 0.5,
      },
      reached: stop.recipe === 'parity',
      seconds: 0.1,
      history: { lossLabel: 'loss', epochs: [{ epoch: 1, loss: 0.5 }] },
    }),
  };
});

it('exits 1 with one line naming the missed exercises, after writing the report', async () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'rnn-tour-missed-')), 'report');
  const io = captureIo();
  // One lane: the stops run in this process, where the mock is.
  expect(await runCli(['tour', '--only', 'parity,copy', '--out', out, '--jobs', '1'], io)).toBe(1);
  expect(io.err().trim().split('\n').at(-1)).toBe(
    `rnn: 1 of 2 exercises missed their targets: copy (see ${path.join(out, 'tour.html')})`,
  );
  expect(io.out()).toMatch(/\| copy +\|.*\| NOT reached \|/);
  expect(existsSync(path.join(out, 'tour.html'))).toBe(true);
  expect(existsSync(path.join(out, 'tour.json'))).toBe(true);
});
