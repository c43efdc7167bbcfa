import type { Dataset } from '../dataset';
import { formatExample } from '../format-example';
import { createRng } from '../rng';
import { formatTaskTarget, parseTaskInput } from './parse-input';
import { createTask } from './registry';

/** The parts of `formatExample`'s line: what `rnn data` prints left and right of ` -> `. */
function printed(data: Dataset, i: number): { input: string; target: string } {
  const line = formatExample(data.decode(i));
  const at = line.indexOf(' -> ');
  return { input: line.slice(0, at), target: line.slice(at + 4) };
}

/** Example i's encoded input row: its real steps, and the padding after them. */
function inputRow(data: Dataset, i: number): { real: number[]; padding: number[] } {
  const [, steps, features = 1] = data.inputs.shape;
  const row = Array.from(data.inputs.data.subarray(i * steps * features, (i + 1) * steps * features));
  const real = data.lengths[i] * features;
  return { real: row.slice(0, real), padding: row.slice(real) };
}

/** Example i's encoded target: its label, or its real steps. */
function targetRow(data: Dataset, i: number): number | number[] {
  const [, steps, features = 1] = data.targets.shape;
  if (steps === undefined) return data.targets.data[i];
  const row = Array.from(data.targets.data.subarray(i * steps * features, (i + 1) * steps * features));
  return row.slice(0, (data.targetLengths?.[i] ?? steps) * features);
}

const cases: [string, Record<string, unknown>][] = [
  ['operands', {}],
  ['operands', { length: 3 }],
  ['copy', {}],
  ['copy', { alphabet: 'xyzw', minLength: 1, maxLength: 6, reverse: true }],
  ['addition', {}],
  ['addition', { minDigits: 1, maxDigits: 2, fixedWidth: true }],
  ['addition', { reverseAnswer: true }],
  ['addition', { minDigits: 1, maxDigits: 3, alignOperands: true, reverseAnswer: true }],
  ['parity', {}],
  ['parity', { length: 12, variableLength: true, targets: 'final' }],
  ['increasing', {}],
  ['increasing', { minLength: 1, maxLength: 4, balanced: false, minValue: -3, maxValue: 300 }],
  ['counting', {}],
  ['counting', { minValue: -50, maxValue: 50, length: 3 }],
  ['waves', {}],
  ['waves', { frequencies: [0.5, 2], length: 7 }],
  ['sentences', {}],
  ['sentences', { sentences: ['ab\\c', 'x\ty z', 'q'] }],
];

describe('parseTaskInput', () => {
  it.each(cases)("%s %j: what rnn data prints as the input parses to the generator's encoding", (task, given) => {
    const data = createTask(task, task === 'sentences' ? given : { n: 20, ...given }, createRng(1));
    for (let i = 0; i < data.size; i++) {
      const parsed = parseTaskInput(task, printed(data, i).input, data.options);
      const { real, padding } = inputRow(data, i);
      expect(Array.from(parsed.lengths)).toEqual([data.lengths[i]]);
      expect(Array.from(parsed.inputs.data)).toEqual(real);
      expect(parsed.inputs.data.constructor).toBe(data.inputs.data.constructor);
      expect(parsed.inputs.shape).toEqual([1, data.lengths[i], ...data.inputs.shape.slice(2)]);
      // The generator pads after the real steps with zeros, which a batch of parsed inputs does too.
      expect(padding.every((v) => v === 0)).toBe(true);
    }
  });

  it('reads an addition in order and reverses it as a reversed-input generator does', () => {
    const data = createTask('addition', { n: 20, reverse: true, fixedWidth: true }, createRng(2));
    for (let i = 0; i < data.size; i++) {
      // The generator's decoded input is the reversed text; a person writes the sum in order.
      const inOrder = [...printed(data, i).input].reverse().join('');
      const parsed = parseTaskInput('addition', inOrder, data.options);
      expect(Array.from(parsed.inputs.data)).toEqual(inputRow(data, i).real);
      expect(parsed.targetSteps).toBe(data.targets.shape[1]);
    }
    expect(Array.from(parseTaskInput('addition', '12+345', { reverse: true }).inputs.data)).toEqual(
      [...'543+21'].map((c) => (c === '+' ? 2 : Number(c) + 3)).concat(0),
    );
  });

  it('reads sine values to the 6 decimals rnn data prints', () => {
    const data = createTask('sine', { n: 5, steps: 30 }, createRng(3));
    for (let i = 0; i < data.size; i++) {
      const parsed = parseTaskInput('sine', printed(data, i).input, data.options);
      expect(parsed.inputs.shape).toEqual([1, 29, 1]);
      expect(Array.from(parsed.lengths)).toEqual([29]);
      const { real } = inputRow(data, i);
      parsed.inputs.data.forEach((v, t) => expect(Math.abs(v - real[t])).toBeLessThan(1e-6));
    }
    expect(Array.from(parseTaskInput('sine', ' 0.5  -1e-3 2 ').inputs.data)).toEqual(
      Array.from(Float32Array.of(0.5, -0.001, 2)),
    );
  });

  it('gives the steps a model must write: an upper bound for decoders, never the answer', () => {
    expect(parseTaskInput('copy', 'abca').targetSteps).toBe(5);
    expect(parseTaskInput('addition', '1+1').targetSteps).toBe(3); // "2" fits; a 2-digit sum would too
    expect(parseTaskInput('addition', '9999+1').targetSteps).toBe(6);
    expect(parseTaskInput('addition', '1+1', { fixedWidth: true }).targetSteps).toBe(6);
    expect(parseTaskInput('parity', '0110').targetSteps).toBe(4);
    expect(parseTaskInput('parity', '0110', { targets: 'final' }).targetSteps).toBe(1);
    expect(parseTaskInput('operands', '+1-2').targetSteps).toBe(1);
    expect(parseTaskInput('counting', '7', { length: 3 }).targetSteps).toBe(3);
    expect(parseTaskInput('waves', '5').targetSteps).toBe(50);
    expect(parseTaskInput('sine', '1 2 3').targetSteps).toBe(3);
    expect(parseTaskInput('sentences', 'good').targetSteps).toBe(15 - 4);
  });

  it('accepts the lengths a model reads other than the generator drew, and normal spacing', () => {
    expect(parseTaskInput('operands', ' +3 -2 ').inputs.shape).toEqual([1, 2, 2]);
    expect(Array.from(parseTaskInput('operands', '+3-2').inputs.data)).toEqual([3, 1, 2, 0]);
    expect(parseTaskInput('parity', '1').inputs.shape).toEqual([1, 1, 1]);
    expect(Array.from(parseTaskInput('increasing', '(1,2)(3, -4)').inputs.data)).toEqual([1, 2, 3, -4]);
    expect(Array.from(parseTaskInput('addition', ' 007 + 12 ').inputs.data)).toEqual(
      Array.from(parseTaskInput('addition', '7+12').inputs.data),
    );
    expect(Array.from(parseTaskInput('waves', '10.0').inputs.data)).toEqual([0, 0, 1]);
    expect(Array.from(parseTaskInput('counting', '-120').inputs.data)).toEqual([-120]);
    expect(Array.from(parseTaskInput('copy', 'a').inputs.data)).toEqual([1, 0]);
    expect(Array.from(parseTaskInput('sentences', 'h').inputs.data)).toHaveLength(1);
  });

  it.each([
    [
      'operands',
      '',
      /^"" is not an operands input: it is empty; expected operands of one digit 0-9, each after its sign/,
    ],
    ['operands', '+3-12', /^"\+3-12" is not an operands input; expected .*e\.g\. \+3-0\+7-4\+1$/],
    ['operands', '3-1', /is not an operands input/],
    ['operands', '+3*1', /is not an operands input/],
    ['copy', '', /^"" is not a copy input: it is empty; expected 1 to 14 symbols of the alphabet "abc", e\.g\. acbac$/],
    ['copy', 'abd', /^"abd" is not a copy input: "d" is not in the alphabet; expected/],
    ['copy', 'ab c', /" " is not in the alphabet/],
    ['copy', 'abcabcabcabcabc', /15 symbols are more than the task's 14/],
    [
      'addition',
      '12a+4',
      /^"12a\+4" is not an addition input; expected two whole numbers of at most 4 digits joined by \+, e\.g\. 123\+4567$/,
    ],
    ['addition', '', /it is empty/],
    ['addition', '1+2+3', /is not an addition input/],
    ['addition', '-1+2', /is not an addition input/],
    ['addition', '12345+1', /an operand of 5 digits is longer than the task's 4/],
    ['parity', '0120', /^"0120" is not a parity input; expected bits 0 and 1 written together, e\.g\. 0110$/],
    ['parity', ' ', /it is empty/],
    [
      'increasing',
      '(1, 2) (3)',
      /^"\(1, 2\) \(3\)" is not an increasing input: not a pair at "\(3\)"; expected pairs of whole numbers/,
    ],
    ['increasing', '1, 2', /is not an increasing input; expected pairs/],
    ['increasing', '(1.5, 2)', /is not an increasing input/],
    ['increasing', '', /it is empty/],
    ['counting', '8.5', /^"8\.5" is not a counting input; expected one whole number, e\.g\. 0$/],
    ['counting', '1 2', /is not a counting input/],
    ['counting', '', /it is empty/],
    ['waves', '7', /^"7" is not a waves input: 7 is not one of them; expected one of the task's frequencies 1, 5, 10$/],
    ['waves', 'ten', /is not a waves input; expected one of the task's frequencies/],
    ['waves', '', /it is empty/],
    ['sine', '0.5 x 1', /^"0\.5 x 1" is not a sine input: "x" is not a number; expected numbers separated by spaces/],
    ['sine', '', /it is empty/],
    [
      'sentences',
      '',
      /^"" is not a sentences input: it is empty; expected the first 1 to 14 characters of a sentence, e\.g\. hey$/,
    ],
    ['sentences', 'Good', /"G" is not a character of the sentences/],
    ['sentences', 'good i am fine!', /"!" is not a character/],
    ['sentences', 'good i am fine ', /15 characters leave nothing to write in 15/],
  ])('%s: refuses %j with a RangeError saying what is wrong and the form expected', (task, text, message) => {
    expect(() => parseTaskInput(task, text)).toThrow(RangeError);
    expect(() => parseTaskInput(task, text)).toThrow(message);
  });

  it('uses the task options it is given: alphabet, frequencies, digits', () => {
    expect(() => parseTaskInput('copy', 'xy', { alphabet: 'xyz', maxLength: 1 })).toThrow(
      /2 symbols are more than the task's 1/,
    );
    expect(() => parseTaskInput('waves', '1', { frequencies: [2, 3] })).toThrow(/frequencies 2, 3$/);
    expect(() => parseTaskInput('addition', '123+4', { maxDigits: 2 })).toThrow(/at most 2 digits .*e\.g\. 1\+45$/);
  });

  it('refuses the text task, unknown tasks and bad options', () => {
    expect(() => parseTaskInput('text', 'to be')).toThrow(/task must be one of sine, .*counting; got "text"/);
    expect(() => parseTaskInput('nope', '1')).toThrow(RangeError);
    expect(() => parseTaskInput('copy', 'a', { alphabet: 7 })).toThrow(/copy: alphabet must be a non-empty string/);
    expect(() => parseTaskInput('copy', 'a', { colour: 'red' })).toThrow(/unknown option "colour"/);
  });
});

describe('formatTaskTarget', () => {
  it.each([...cases, ['sine', { n: 5, steps: 12 }] as [string, Record<string, unknown>]])(
    '%s %j: the encoded target prints as rnn data prints it',
    (task, given) => {
      const data = createTask(task, task === 'sentences' ? given : { n: 20, ...given }, createRng(4));
      for (let i = 0; i < data.size; i++) {
        const target = targetRow(data, i);
        if (task === 'sentences') {
          // A completion is the whole sentence, written from the input's first character.
          const ids = [...inputRow(data, i).real, (target as number[]).at(-1) as number];
          expect(formatTaskTarget(task, ids, data.options)).toBe((data.options.sentences as string[])[i]);
        } else {
          expect(formatTaskTarget(task, target, data.options)).toBe(printed(data, i).target);
        }
      }
    },
  );

  it("writes predictions in the target's terms: cut at the stop, rounded, thresholded", () => {
    expect(formatTaskTarget('addition', [4, 4, 3, 3, 5, 0, 7, 0])).toBe('11002');
    expect(formatTaskTarget('addition', [5, 3, 3, 4, 4, 0, 7], { reverseAnswer: true })).toBe('11002');
    expect(formatTaskTarget('copy', Int32Array.of(1, 2, 3))).toBe('abc'); // no stop written: all of it
    expect(formatTaskTarget('copy', [0, 1, 2])).toBe('');
    expect(formatTaskTarget('counting', [87.2, 87.9, -0.2])).toBe('87 88 0');
    expect(formatTaskTarget('waves', Float32Array.of(0.30901700258255005, -1e-9))).toBe('0.309017 0');
    expect(formatTaskTarget('parity', [1, 0, 1])).toBe('101');
    expect(formatTaskTarget('parity', 1, { targets: 'final' })).toBe('1');
    expect(formatTaskTarget('operands', [0])).toBe('0');
    expect(formatTaskTarget('sentences', [7, 12, 12, 4, 1, 1])).toBe('good');
  });

  it('refuses targets of the wrong kind', () => {
    expect(() => formatTaskTarget('operands', 2)).toThrow(/target must be a label 0 or 1, got 2/);
    expect(() => formatTaskTarget('increasing', [0, 1])).toThrow(/label 0 or 1, got \[0, 1\]/);
    expect(() => formatTaskTarget('copy', 1)).toThrow(/target must be a sequence of numbers, got 1/);
    expect(() => formatTaskTarget('copy', [9])).toThrow(/id must be an integer in \[0, 3\], got 9/);
    expect(() => formatTaskTarget('text', [1])).toThrow(/got "text"/);
  });
});
