import cases from './generation.bench';

describe('generation benchmarks', () => {
  it('exports named cases for the root harness', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) {
      expect(typeof c.name).toBe('string');
      expect(typeof c.run).toBe('function');
    }
    expect(cases.map((c) => c.name.split(':')[0])).toEqual(expect.arrayContaining(['parity', 'addition', 'text']));
  });
});
