import { findRecipe } from '../recipes/registry';
import { findStudy, studies } from './registry';

describe('studies', () => {
  it('finds a study by name, and names every study when asked for another', () => {
    expect(findStudy('parity').name).toBe('parity');
    expect(() => findStudy('nope')).toThrow(RangeError);
    expect(() => findStudy('nope')).toThrow('study must be one of sine, addition, parity; got "nope"');
  });

  it.each(studies.map((s) => [s.name, s] as const))(
    '%s: variants of existing recipes, unique labels, a cell for every variant column, no budget overrides',
    (_name, study) => {
      expect(study.source).toMatch(/^the .* notebook$/);
      expect(new Set(study.variants.map((v) => v.label)).size).toBe(study.variants.length);
      const keys = study.columns.map((c) => c.key);
      for (const v of study.variants) {
        expect(() => findRecipe(v.recipe)).not.toThrow();
        for (const key of Object.keys(v.columns)) expect(keys).toContain(key);
        for (const key of Object.keys(v.overrides))
          if (key !== 'task') expect(study.budget.overrides).not.toHaveProperty(key);
      }
    },
  );

  it('the parity study crosses lengths, targets and cells: 8 variants', () => {
    const { variants } = findStudy('parity');
    expect(variants).toHaveLength(8);
    const combos = new Set(variants.map((v) => `${v.columns.lengths}/${v.columns.targets}/${v.columns.cell}`));
    expect(combos.size).toBe(8);
    expect(variants.every((v) => v.recipe === 'parity-variable' && v.overrides.task?.length === 50)).toBe(true);
  });

  it('the sine study: 1, 2 and 4 units on one and on two frequencies; addition: 2 recipes x 2 inputs', () => {
    expect(findStudy('sine').variants.map((v) => [v.columns.frequencies, v.overrides.hidden])).toEqual([
      ['1', 1],
      ['1', 2],
      ['1', 4],
      ['1, 2', 1],
      ['1, 2', 2],
      ['1, 2', 4],
    ]);
    expect(findStudy('addition').variants.map((v) => [v.recipe, v.overrides.task?.reverse])).toEqual([
      ['addition-rnn', false],
      ['addition-rnn', true],
      ['addition-lstm', false],
      ['addition-lstm', true],
    ]);
  });
});
