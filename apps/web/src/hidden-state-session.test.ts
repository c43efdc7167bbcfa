// The hidden-state view's side of the worker, driven without a browser: what a trained (or paused)
// model records on a typed input, the character models included, and the labels of its steps.
import type { RunSettings } from './protocol';
import { recordedSession, tinyCharlm, tinyCorpus } from './recorded-session.testing';
import { hiddenStateTextLimit } from './playground-session';
import { recipeDefaults } from './settings';

const session = recordedSession;

const charlm = (over: Partial<RunSettings> = {}) => tinyCharlm({ epochs: 1, ...over });

describe('PlaygroundSession: hidden states of the character language models', () => {
  it('records every layer and gate of a trained model over a typed text, the characters as labels', async () => {
    const { s, last } = session();
    await s.start();
    await s.handle({ type: 'train', settings: charlm({ layers: 2 }), text: tinyCorpus });
    expect(last('done')?.outcome.recipe).toBe('charlm-quick');
    await s.handle({ type: 'hidden-states', input: 'the dog' });
    const reply = last('hidden-states');
    expect(reply?.input).toBe('the dog');
    expect(reply?.labels).toEqual(['t', 'h', 'e', ' ', 'd', 'o', 'g']);
    expect(reply?.record.layers.map((l) => [l.layer, l.kind, l.units, l.steps, l.hidden.length])).toEqual([
      [0, 'lstm', 8, 7, 56],
      [1, 'lstm', 8, 7, 56],
    ]);
    expect(reply?.record.layers[1].gates?.map((g) => g.name)).toEqual(['input', 'forget', 'cell', 'output']);
    expect(reply?.record.layers[0].cell).toHaveLength(56);
    // The record is plain data the worker can post: no labels inside it, no tensors.
    expect(Object.keys(reply?.record ?? {})).toEqual(['layers']);
    expect(structuredClone(reply)).toEqual(reply);
  });

  it('refuses characters the model never saw, an empty text and one too long to draw, in one line', async () => {
    const { s, last, of } = session();
    await s.start();
    await s.handle({ type: 'train', settings: charlm(), text: tinyCorpus });
    await s.handle({ type: 'hidden-states', input: 'The Dog!' });
    expect(last('error')).toEqual({
      type: 'error',
      during: 'hidden-states',
      message: 'the text has characters the model never saw: "T", "D", "!"',
    });
    await s.handle({ type: 'hidden-states', input: '' });
    expect(last('error')?.message).toBe('the text must have at least one character to read');
    const long = 'the cat '.repeat(20);
    await s.handle({ type: 'hidden-states', input: long });
    expect(last('error')?.message).toBe(
      `the text has 160 characters; the hidden states are drawn for at most ${hiddenStateTextLimit}`,
    );
    expect(of('hidden-states')).toEqual([]);
    await s.handle({ type: 'hidden-states', input: long.slice(0, hiddenStateTextLimit) });
    expect(last('hidden-states')?.record.layers[0].steps).toBe(hiddenStateTextLimit);
  });

  it('answers with the paused model inside an epoch, and says to wait while it trains', async () => {
    const { s, listeners, of } = session({ stepYieldInterval: 0 });
    await s.start();
    const errors: string[] = [];
    listeners.push((r) => {
      if (r.type === 'batch' && r.batch === 1) {
        void s.handle({ type: 'hidden-states', input: 'the' });
      }
      if (r.type === 'batch' && r.batch === 2) void s.handle({ type: 'pause' });
      if (r.type === 'paused') {
        void (async () => {
          await s.handle({ type: 'hidden-states', input: 'sat on' });
          await s.handle({ type: 'resume' });
        })();
      }
      if (r.type === 'error') errors.push(r.message);
    });
    await s.handle({ type: 'train', settings: charlm(), text: tinyCorpus });
    expect(errors).toEqual(['the model is training: pause it to try it']);
    const [paused] = of('hidden-states');
    expect(of('hidden-states')).toHaveLength(1);
    expect(paused.labels).toEqual([...'sat on']);
    expect(paused.record.layers[0].steps).toBe(6);
  });
});

describe('PlaygroundSession: the input symbols of a task recipe', () => {
  it('labels the steps with the bits of a parity input, and the values of a sine', async () => {
    const { s, last } = session();
    await s.start();
    const cards = last('ready')?.recipes ?? [];
    const card = (name: string) => {
      const found = cards.find((c) => c.name === name);
      if (!found) throw new Error(`no ${name} card`);
      return found;
    };
    await s.handle({ type: 'train', settings: { ...recipeDefaults(card('parity')), hidden: 4, epochs: 1 } });
    await s.handle({ type: 'hidden-states', input: '01101' });
    expect(last('hidden-states')?.labels).toEqual(['0', '1', '1', '0', '1']);
    expect(last('hidden-states')?.record.layers[0].steps).toBe(5);
    await s.handle({ type: 'train', settings: { ...recipeDefaults(card('sine')), epochs: 1 } });
    await s.handle({ type: 'hidden-states', input: '0 0.5 0.866025 1' });
    expect(last('hidden-states')?.labels).toEqual(['0', '0.5', '0.866', '1']);
  });
});
