import { backendOptionLabel, formatMs, speedFiguresHtml, trialsText } from './speed-text';

describe('what the page says about speed', () => {
  it('writes milliseconds with the digits that matter', () => {
    expect([0.423, 0.999, 3.14, 9.96, 41.2, 452.6].map(formatMs)).toEqual(['0.42', '1.0', '3.1', '10', '41', '453']);
  });

  it('lists every measured backend, timed or not, in one line and in the selector', () => {
    const trials = [
      { name: 'cpu', msPerStep: 3.14 },
      { name: 'webgl', reason: 'failed to start on this machine' },
    ] as const;
    expect(trialsText(trials)).toBe('cpu: 3.1 ms per step, webgl: failed to start on this machine');
    expect(trials.map(backendOptionLabel)).toEqual([
      'cpu (3.1 ms per step)',
      'webgl (failed to start on this machine)',
    ]);
  });

  it('shows the speed bench as a table, one row per recipe, escaped', () => {
    const html = speedFiguresHtml([
      {
        recipe: 'parity',
        shape: 'simple 16x1, batch 64 x 50',
        steps: 200,
        msPerStep: 3.5,
        stepsPerSecond: 285.7,
        ran: 'cpu, wasm kernel',
      },
      { recipe: '<b>', shape: 'lstm', steps: 3, msPerStep: 452, stepsPerSecond: 2.21, ran: 'cpu, wasm kernel' },
    ]);
    expect(html).toContain('on cpu, wasm kernel (the median');
    expect(html).toContain(
      '<tr><td>parity</td><td>simple 16x1, batch 64 x 50</td><td class="number">3.5</td><td class="number">285.7</td></tr>',
    );
    expect(html).toContain('<td>&#60;b&#62;</td>');
  });
});
