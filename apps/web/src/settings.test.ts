import type { CellKind } from '@rnn/models';
import type { RecipeCard } from './protocol';
import { cliCommand, knobsOf, parseKnob, queryOf, recipeDefaults, settingsFromQuery } from './settings';

const cellKinds: CellKind[] = ['elman', 'simple', 'lstm', 'gru'];

const card = (name: string, cell: CellKind, hidden: number, epochs: number): RecipeCard => ({
  kind: 'task',
  name,
  description: `${name} task`,
  source: 'a notebook',
  task: name,
  model: { cell, hidden, layers: 1 },
  training: { epochs, learningRate: 0.01, batchSize: 64, optimizer: 'adam' },
  target: { metric: 'accuracy', atLeast: 0.99, goal: '>= 0.99', description: 'accuracy >= 0.99' },
});
const charlmQuick: RecipeCard = {
  kind: 'language-model',
  name: 'charlm-quick',
  description: 'a character model',
  source: 'a notebook',
  task: 'language-model',
  model: { cell: 'lstm', hidden: 256, layers: 1 },
  training: { epochs: 3, learningRate: 0.01, batchSize: 32, optimizer: 'adam', minutes: 2.5 },
  target: { metric: 'validationBitsPerChar', atMost: 2.35, beatMarkov: false, goal: '<= 2.35', description: '<= 2.35' },
  corpus: 'tinyshakespeare',
};
const cards = [card('copy', 'gru', 64, 30), card('parity', 'simple', 16, 10), charlmQuick];

describe('settingsFromQuery', () => {
  it('opens parity with its defaults when the link names nothing', () => {
    expect(settingsFromQuery(new URLSearchParams(''), cards, cellKinds)).toEqual({
      settings: { recipe: 'parity', cell: 'simple', hidden: 16, layers: 1, learningRate: 0.01, epochs: 10, seed: '42' },
      problems: [],
    });
  });

  it('reads back every knob queryOf writes, so a link reproduces a run', () => {
    const settings = {
      recipe: 'copy',
      cell: 'lstm',
      hidden: 8,
      layers: 2,
      learningRate: 0.003,
      epochs: 3,
      seed: 'a b&c',
    } as const;
    const query = queryOf(settings);
    expect(query).toBe('recipe=copy&cell=lstm&hidden=8&layers=2&lr=0.003&epochs=3&seed=a+b%26c');
    expect(settingsFromQuery(new URLSearchParams(query), cards, cellKinds)).toEqual({ settings, problems: [] });
  });

  it('keeps the default of a value that is not allowed and says which, what is allowed and what is used', () => {
    const { settings, problems } = settingsFromQuery(
      new URLSearchParams('recipe=copy&cell=tanh&hidden=0&lr=-1&epochs=2.5&layers=3'),
      cards,
      cellKinds,
    );
    expect(settings).toEqual({ ...recipeDefaults(cards[0]), layers: 3 });
    expect(problems).toEqual([
      `the link's cell must be one of elman, simple, lstm, gru, got "tanh"; using gru`,
      `the link's hidden must be an integer from 1 to 1024, got "0"; using 64`,
      `the link's learning rate must be a number > 0 and <= 10, got "-1"; using 0.01`,
      `the link's epochs must be an integer from 1 to 10000, got "2.5"; using 30`,
    ]);
  });

  it('names the recipes there are when the link names another', () => {
    const { settings, problems } = settingsFromQuery(new URLSearchParams('recipe=charlm&hidden=5'), cards, cellKinds);
    expect(settings).toEqual({ ...recipeDefaults(cards[1]), hidden: 5 });
    expect(problems).toEqual([
      `the link's recipe must be one of copy, parity, charlm-quick, got "charlm"; showing parity`,
    ]);
  });

  it("holds a character model's time budget beside its knobs, and only a character model's", () => {
    const query = 'recipe=charlm-quick&cell=gru&hidden=16&layers=1&lr=0.01&epochs=1&minutes=0.2&seed=42';
    const { settings, problems } = settingsFromQuery(new URLSearchParams(query), cards, cellKinds);
    expect(problems).toEqual([]);
    expect(settings).toEqual({ ...recipeDefaults(charlmQuick), cell: 'gru', hidden: 16, epochs: 1, minutes: 0.2 });
    expect(queryOf(settings)).toBe(query);
    expect(recipeDefaults(charlmQuick).minutes).toBe(2.5);
    expect(settingsFromQuery(new URLSearchParams('recipe=charlm-quick&minutes=0'), cards, cellKinds).problems).toEqual([
      `the link's minutes must be a number > 0 and <= 600, got "0"; using 2.5`,
    ]);
    const task = settingsFromQuery(new URLSearchParams('recipe=parity&minutes=3'), cards, cellKinds);
    expect(task.settings).toEqual(recipeDefaults(cards[1]));
    expect(task.problems).toEqual([
      `the link's minutes is a setting of the character language models (charlm-quick) only; ignoring it`,
    ]);
    expect(knobsOf('task')).not.toContain('minutes');
    expect(knobsOf('language-model')).toContain('minutes');
  });
});

describe('parseKnob', () => {
  it('takes the values a run can use and names the knob of one it cannot', () => {
    expect(parseKnob('layers', '8', cellKinds)).toBe(8);
    expect(parseKnob('learningRate', '1e-3', cellKinds)).toBe(0.001);
    expect(() => parseKnob('layers', '9', cellKinds)).toThrow('layers must be an integer from 1 to 8, got "9"');
    expect(() => parseKnob('hidden', '', cellKinds)).toThrow('hidden must be an integer from 1 to 1024, got ""');
    expect(() => parseKnob('seed', '', cellKinds)).toThrow('seed must be 1 to 64 characters, got 0');
  });
});

describe('cliCommand', () => {
  it('writes the same run as rnn train flags, quoting a seed the shell would split', () => {
    const settings = recipeDefaults(cards[1]);
    expect(cliCommand(settings)).toBe(
      'rnn train parity --cell simple --hidden 16 --layers 1 --lr 0.01 --epochs 10 --seed 42 --backend cpu',
    );
    expect(cliCommand({ ...settings, seed: "it's" })).toContain(`--seed 'it'\\''s'`);
  });

  it("writes a character model's budget, and its corpus when it is the user's own file", () => {
    const settings = { ...recipeDefaults(charlmQuick), hidden: 16 };
    expect(cliCommand(settings)).toBe(
      'rnn train charlm-quick --cell lstm --hidden 16 --layers 1 --lr 0.01 --epochs 3 --minutes 2.5 --seed 42 --backend cpu',
    );
    expect(cliCommand(settings, 'my poems.txt')).toBe(
      "rnn train charlm-quick --cell lstm --hidden 16 --layers 1 --lr 0.01 --epochs 3 --minutes 2.5 --seed 42 --corpus 'my poems.txt' --backend cpu",
    );
    expect(cliCommand(recipeDefaults(cards[1]), 'ignored.txt')).not.toContain('--corpus');
  });
});
