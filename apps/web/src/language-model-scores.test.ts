import { languageModelScoresHtml } from './language-model-scores';

describe('languageModelScoresHtml', () => {
  it('puts the network beside the Markov baseline in bits per character, pending scores as an ellipsis', () => {
    const html = languageModelScoresHtml({
      corpus: { name: 'tinyshakespeare', characters: 1115394, train: 1003856, validation: 55769, test: 55769 },
      goal: '<= 2.35',
      rows: [
        { model: 'LSTM 1x16 (this run)' },
        { model: 'Markov order 6 (Kneser-Ney)', validationBitsPerChar: 2.09668, testBitsPerChar: 2.2792 },
      ],
    });
    expect(html).toContain('on tinyshakespeare: 1,115,394 characters, 1,003,856 to train on');
    expect(html).toContain('Target: validation &#60;= 2.35.');
    expect(html).toContain('<tr><th scope="row">LSTM 1x16 (this run)</th><td>…</td><td>…</td></tr>');
    expect(html).toContain('<tr><th scope="row">Markov order 6 (Kneser-Ney)</th><td>2.097</td><td>2.279</td></tr>');
  });
});
