import { Vocabulary } from '@rnn/datasets';
import { languageModelRunRecord, parseRunRecord, recipeRunRecord } from './run-record';

const file = 'runs/x/epoch-00001/checkpoint.json';
const recipeRun = { recipe: 'calculator', seed: '42', overrides: { hidden: 8, epochs: 2 }, backend: 'cpu' };
const vocabulary = Vocabulary.fromText('to be or not', { reserved: '<pad>' }).toJSON();
const languageModelRun = {
  recipe: 'charlm-quick',
  seed: '3',
  overrides: { hidden: 16, scheme: 'windows' },
  corpus: 'tinyshakespeare',
  backend: 'cpu',
  vocabulary,
};

describe('parseRunRecord', () => {
  it('accepts the records rnn train writes, for both kinds of recipe', () => {
    expect(parseRunRecord(recipeRun, file)).toEqual(recipeRun);
    expect(parseRunRecord({ ...recipeRun, notebook: true }, file)).toEqual({ ...recipeRun, notebook: true });
    expect(parseRunRecord(languageModelRun, file)).toEqual(languageModelRun);
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /: run must be an object \{recipe, seed, overrides, \.\.\.\}, got null$/],
    ['no recipe', { ...recipeRun, recipe: undefined }, /: run\.recipe is missing$/],
    [
      'an unknown recipe',
      { ...recipeRun, recipe: 'nope' },
      /: run\.recipe: recipe must be one of calculator, .*; got "nope"$/,
    ],
    ['no seed', { ...recipeRun, seed: undefined }, /: run\.seed is missing$/],
    ['a numeric seed', { ...recipeRun, seed: 42 }, /: run\.seed: expected string, received number$/],
    ['overrides "x"', { ...recipeRun, overrides: 'x' }, /: run\.overrides: expected object, received string$/],
    ['no overrides', { ...recipeRun, overrides: undefined }, /: run\.overrides is missing$/],
    ['an unknown override', { ...recipeRun, overrides: { depth: 3 } }, /: run\.overrides\.depth is not a field/],
    [
      'a cell of no kind',
      { ...recipeRun, overrides: { cell: 'transformer' } },
      /: run\.overrides\.cell: invalid enum value/,
    ],
    [
      '0 epochs',
      { ...recipeRun, overrides: { epochs: 0 } },
      /: run\.overrides\.epochs: number must be greater than or equal to 1, got 0$/,
    ],
    [
      'a schedule of no kind',
      { ...recipeRun, overrides: { schedule: { kind: 'warm' } } },
      /: run\.overrides\.schedule\.kind: invalid discriminator value/,
    ],
    ['no backend', { ...recipeRun, backend: undefined }, /: run\.backend is missing$/],
    ['an unknown field', { ...recipeRun, note: 'hi' }, /: run\.note is not a field this version of rnn writes$/],
    ['notebook false', { ...recipeRun, notebook: false }, /: run\.notebook: invalid literal value/],
    [
      'notebook for a recipe without notebook settings',
      { ...recipeRun, recipe: 'sentences', notebook: true },
      /: run\.notebook: the sentences recipe has no notebook settings of its own$/,
    ],
    [
      'an override the recipe has no use for',
      { ...recipeRun, overrides: { decoderInput: 'zeros' } },
      /: run\.overrides do not fit the calculator recipe: decoder input applies to the encoder-decoder recipes/,
    ],
    [
      'a language model run without its corpus',
      { ...languageModelRun, corpus: undefined },
      /: run\.corpus is missing$/,
    ],
    [
      'a language model run with a task override',
      { ...languageModelRun, overrides: { task: { n: 3 } } },
      /: run\.overrides\.task is not a field/,
    ],
    [
      'a language model run with a damaged vocabulary',
      { ...languageModelRun, vocabulary: { ...vocabulary, symbols: ['a', 'a'] } },
      /: run\.vocabulary: Vocabulary: .*a/,
    ],
    [
      'a language model run recorded under a task recipe',
      { ...languageModelRun, recipe: 'calculator' },
      /: run\.overrides\.scheme is not a field/,
    ],
  ])('refuses %s with one line naming the file and the field', (_, run, message) => {
    const shown = JSON.parse(JSON.stringify(run) ?? 'null');
    expect(() => parseRunRecord(shown, file)).toThrow(RangeError);
    expect(() => parseRunRecord(shown, file)).toThrow(new RegExp(`^${file.replace(/\./g, '\\.')}${message.source}`));
  });
});

describe('the run record builders', () => {
  it('write what reads back: no undefined fields, no notebook flag unless set, no time budget', () => {
    const built = recipeRunRecord({ ...recipeRun, overrides: { hidden: 8, epochs: undefined }, notebook: false });
    expect(built).toEqual({ ...recipeRun, overrides: { hidden: 8 } });
    expect(Object.keys(recipeRunRecord({ ...recipeRun, notebook: true }))).toContain('notebook');
    const lm = languageModelRunRecord({ ...languageModelRun, overrides: { hidden: 16, minutes: 5 } } as never);
    expect(lm.overrides).toEqual({ hidden: 16 });
  });

  it('refuse a record that could not be read back', () => {
    expect(() => recipeRunRecord({ ...recipeRun, overrides: { epochs: -1 } })).toThrow(
      /^the run record: run\.overrides\.epochs: number must be greater than or equal to 1, got -1$/,
    );
  });
});
