import cases from './markov.bench';

describe('markov benchmarks', () => {
  it('exports named cases for the root harness: build, generate and score', () => {
    expect(cases.map((c) => c.name.split(':')[0])).toEqual(expect.arrayContaining(['build', 'generate', 'score']));
    for (const c of cases) expect(typeof c.run).toBe('function');
  });
});
