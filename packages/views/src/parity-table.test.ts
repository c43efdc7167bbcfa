import { parityTableHtml } from './parity-table';

describe('parityTableHtml', () => {
  it('puts a bar of the probability of odd parity under every bit, and the predicted parity under it', () => {
    const html = parityTableHtml({ input: '011', prediction: '010', values: [0.01, 0.98, 0.25] });
    expect(html).toContain('<tr><th scope="row">bit</th><td>0</td><td>1</td><td>1</td></tr>');
    expect(html).toContain(
      '<span class="bar" style="--p: 0.9800" title="0.9800"></span><span class="value">0.98</span>',
    );
    expect(html.match(/class="bar"/g)).toHaveLength(3);
    expect(html).toContain('<tr><th scope="row">parity</th><td>0</td><td>1</td><td>0</td></tr>');
  });

  it('gives a model of one label per string one column for the whole string', () => {
    const html = parityTableHtml({ input: '0111', prediction: '1', values: [0.9] });
    expect(html).toContain('<th scope="row">bits</th><td>0111</td>');
    expect(html.match(/class="bar"/g)).toHaveLength(1);
    expect(html).toContain('the string holds an odd number of ones');
  });

  it("shows the task's message for a malformed input, escaped", () => {
    expect(parityTableHtml({ input: '01x', error: '"01x" is not a parity input; expected <bits>' })).toBe(
      '<p class="problem" role="alert">&#34;01x&#34; is not a parity input; expected &#60;bits&#62;</p>',
    );
  });
});
