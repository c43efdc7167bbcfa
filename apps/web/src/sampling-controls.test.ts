import { corpusOpening } from './corpus-opening';
import { parseSamplingFields, samplingDefaults, shakespearePrime } from './sampling-controls';

const fields = { temperature: '0.8', topK: '', topP: '', length: '' };

describe('parseSamplingFields', () => {
  it('reads temperature, top-k, top-p and length, leaving out the empty ones', () => {
    expect(parseSamplingFields(fields)).toEqual({ choice: { temperature: 0.8 } });
    expect(parseSamplingFields({ temperature: '0', topK: '5', topP: '0.9', length: '300' })).toEqual({
      choice: { temperature: 0, topK: 5, topP: 0.9, length: 300 },
    });
  });

  it('names the first field that is not allowed and what it accepts', () => {
    expect(parseSamplingFields({ ...fields, temperature: '-1' }).problem).toBe(
      'temperature must be a number >= 0 (0 is greedy), got "-1"',
    );
    expect(parseSamplingFields({ ...fields, topK: '2.5' }).problem).toBe(
      'top-k must be an integer >= 1, or empty for every character, got "2.5"',
    );
    expect(parseSamplingFields({ ...fields, topP: '0' }).problem).toBe(
      'top-p must be a number > 0 and <= 1, or empty for every character, got "0"',
    );
    expect(parseSamplingFields({ ...fields, length: '1001' }).problem).toBe(
      'characters must be an integer from 0 to 1000, or empty, got "1001"',
    );
  });
});

describe('samplingDefaults', () => {
  it('starts sentences greedy to their width, a character model sampled from a speaker or the text', () => {
    expect(samplingDefaults('task')).toEqual({ prime: 'good', temperature: '0', topK: '', topP: '', length: '' });
    expect(samplingDefaults('language-model')).toMatchObject({ prime: shakespearePrime, temperature: '0.8' });
    expect(samplingDefaults('language-model', '\n  Once upon a time, in a land far away\n').prime).toBe(
      'Once upon a time, in',
    );
  });
});

describe('corpusOpening', () => {
  it('gives the first non-empty lines, long ones cut with an ellipsis', () => {
    expect(corpusOpening('a\n\nb  \nc\nd', 3)).toEqual(['a', 'b', 'c']);
    expect(corpusOpening('x'.repeat(200), 1)).toEqual([`${'x'.repeat(119)}…`]);
  });
});
