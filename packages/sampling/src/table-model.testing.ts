import type { Prediction, StepModel, StepResult } from './step-model';

/** The state of a {@link TableModel}: the last token of each row (-1 before any). */
export interface TableState {
  readonly serial: number;
  readonly last: Int32Array;
}

/** Options of {@link createTableModel}. */
export interface TableModelOptions {
  /** One character per token id. */
  readonly alphabet: string;
  /** `table[a]` is the distribution of the token after `a` (rows need not be normalised). */
  readonly table: readonly (readonly number[])[];
  /** The distribution of the first token; without it the model has no `initialPrediction`. */
  readonly first?: readonly number[];
  /** Return log-weights as logits instead of probabilities. */
  readonly output?: 'probabilities' | 'logits';
  /** Return promises, like a tfjs model would. */
  readonly async?: boolean;
}

/** A bigram {@link StepModel} with known distributions that counts its calls and live states. */
export interface TableModel extends StepModel<TableState> {
  /** Calls to `step` so far. */
  steps: number;
  /** States created and not yet disposed (leak check). */
  readonly live: Set<number>;
}

/**
 * A test double: a bigram language model given as an explicit table, so every distribution a test
 * sees is known exactly. It tracks state ownership like a tfjs model must: disposing a state twice,
 * or stepping a disposed state, throws.
 */
export function createTableModel(options: TableModelOptions): TableModel {
  const chars = [...options.alphabet];
  const vocabSize = chars.length;
  let serial = 0;
  const live = new Set<number>();
  const wrap = <T>(value: T): T | Promise<T> => (options.async ? Promise.resolve(value) : value);
  const newState = (last: Int32Array): TableState => {
    const state = { serial: serial++, last };
    live.add(state.serial);
    return state;
  };
  const checkLive = (state: TableState): void => {
    if (!live.has(state.serial)) throw new Error(`state ${state.serial} used after dispose`);
  };
  const predict = (rows: readonly (readonly number[])[]): Prediction => {
    const values = new Float64Array(rows.length * vocabSize);
    rows.forEach((row, r) => {
      for (let v = 0; v < vocabSize; v++) {
        values[r * vocabSize + v] = options.output === 'logits' ? Math.log(row[v]) + 3 : row[v];
      }
    });
    return options.output === 'logits' ? { logits: values } : { probabilities: values };
  };
  const model: TableModel = {
    steps: 0,
    live,
    vocabSize,
    vocabulary: {
      encode: (text) =>
        Int32Array.from([...text], (c) => {
          const id = chars.indexOf(c);
          if (id < 0) throw new RangeError(`unknown character ${JSON.stringify(c)}`);
          return id;
        }),
      decode: (ids) => Array.from(ids, (id) => chars[id]).join(''),
    },
    initialState: (batch) => wrap(newState(new Int32Array(batch).fill(-1))),
    step(state, tokens): StepResult<TableState> | Promise<StepResult<TableState>> {
      checkLive(state);
      if (tokens.length !== state.last.length) throw new Error('batch mismatch');
      model.steps++;
      const next = newState(Int32Array.from(tokens));
      return wrap({ ...predict(Array.from(tokens, (t) => options.table[t])), state: next });
    },
    gatherState(state, rows) {
      checkLive(state);
      return wrap(newState(Int32Array.from(rows, (r) => state.last[r])));
    },
    disposeState(state) {
      if (!live.delete(state.serial)) throw new Error(`state ${state.serial} disposed twice`);
    },
  };
  if (options.first !== undefined) {
    const first = options.first;
    model.initialPrediction = (state) => {
      checkLive(state);
      return wrap(predict(Array.from(state.last, () => first)));
    };
  }
  return model;
}

/** A random table over `vocabSize` tokens from a seeded stream (for loops over seeds). */
export function randomTable(next: () => number, vocabSize: number): number[][] {
  return Array.from({ length: vocabSize }, () => Array.from({ length: vocabSize }, () => 0.05 + next()));
}
