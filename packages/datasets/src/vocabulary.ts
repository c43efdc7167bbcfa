import { checkInteger, show } from './validate';

/** The JSON form of a {@link Vocabulary}, as written by `toJSON` and read by `Vocabulary.fromJSON`. */
export interface VocabularyJson {
  readonly format: 'rnn-vocabulary';
  readonly version: 1;
  /** The name shown for id 0, e.g. `"<pad>"` or `"<stop>"`. */
  readonly reserved: string;
  /** The symbols with ids 1, 2, ... in order. */
  readonly symbols: readonly string[];
}

/** Options of {@link Vocabulary.fromText} and {@link Vocabulary.fromSymbols}. */
export interface VocabularyOptions {
  /** The name of id 0 (padding, stop and unknown symbol), for display and JSON. Default `"<pad>"`. */
  readonly reserved?: string;
}

const NO_ID = -1;

/**
 * A symbol <-> id mapping. Id 0 is reserved: it is the padding, the stop symbol and the id every
 * unknown symbol maps to, so that a zero-filled batch is all padding and ids 1..size-1 are the real
 * symbols. Symbols are strings; `encode` of a plain string splits it into characters (code points).
 *
 * @example
 * const vocab = Vocabulary.fromText('hello');   // symbols e, h, l, o -> ids 1..4
 * vocab.encode('hole');                         // Int32Array [2, 4, 3, 1]
 * vocab.decode([2, 1, 3, 3, 4, 0, 0]);          // "hello" (id 0 is dropped)
 */
export class Vocabulary {
  /** The id of the reserved padding/stop/unknown symbol. */
  static readonly reservedId = 0;

  /** The name shown for id 0. */
  readonly reserved: string;
  /** The real symbols; `symbols[i]` has id `i + 1`. */
  readonly symbols: readonly string[];
  private readonly ids: Map<string, number>;
  // A direct table for single UTF-16 unit symbols: encoding a 1 MB corpus stays a tight loop.
  private readonly unitTable: Int32Array;
  private readonly allSingleCharacters: boolean;
  private unknowns = 0;

  private constructor(symbols: readonly string[], reserved: string) {
    if (typeof reserved !== 'string' || reserved.length === 0) {
      throw new RangeError(`Vocabulary: reserved must be a non-empty string, got ${show(reserved)}`);
    }
    if (symbols.length === 0) {
      throw new RangeError('Vocabulary: needs at least one symbol, got none (empty text or symbol list)');
    }
    const ids = new Map<string, number>();
    let maxUnit = 0;
    let allSingle = true;
    symbols.forEach((s, i) => {
      if (typeof s !== 'string' || s.length === 0) {
        throw new RangeError(`Vocabulary: symbols must be non-empty strings, got ${show(s)} at position ${i}`);
      }
      if (s === reserved) {
        throw new RangeError(`Vocabulary: symbol ${show(s)} clashes with the reserved symbol name`);
      }
      if (ids.has(s)) throw new RangeError(`Vocabulary: symbols must be distinct, ${show(s)} appears twice`);
      ids.set(s, i + 1);
      if ([...s].length !== 1) allSingle = false;
      if (s.length === 1) maxUnit = Math.max(maxUnit, s.charCodeAt(0));
    });
    this.reserved = reserved;
    this.symbols = Object.freeze([...symbols]);
    this.ids = ids;
    this.allSingleCharacters = allSingle;
    this.unitTable = new Int32Array(maxUnit + 1).fill(NO_ID);
    for (const [s, id] of ids) if (s.length === 1) this.unitTable[s.charCodeAt(0)] = id;
  }

  /**
   * The vocabulary of a text: its distinct characters sorted by code point (as numpy's `unique`
   * does in the source notebooks), with ids 1, 2, ... and id 0 reserved.
   */
  static fromText(text: string, options: VocabularyOptions = {}): Vocabulary {
    if (typeof text !== 'string') throw new RangeError(`Vocabulary.fromText: text must be a string, got ${show(text)}`);
    const seen = new Set<string>();
    for (const ch of text) seen.add(ch);
    const symbols = [...seen].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number));
    return new Vocabulary(symbols, options.reserved ?? '<pad>');
  }

  /** A vocabulary of the given symbols in the given order: `symbols[i]` gets id `i + 1`. */
  static fromSymbols(symbols: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
    if (symbols === null || typeof symbols !== 'object' || !(Symbol.iterator in symbols)) {
      throw new RangeError(`Vocabulary.fromSymbols: symbols must be a list of strings, got ${show(symbols)}`);
    }
    return new Vocabulary([...symbols], options.reserved ?? '<pad>');
  }

  /** Rebuilds a vocabulary from its {@link Vocabulary.toJSON} form; a foreign object is a RangeError. */
  static fromJSON(json: unknown): Vocabulary {
    const j = json as Partial<VocabularyJson> | null;
    if (
      j === null ||
      typeof j !== 'object' ||
      j.format !== 'rnn-vocabulary' ||
      j.version !== 1 ||
      !Array.isArray(j.symbols) ||
      typeof j.reserved !== 'string'
    ) {
      throw new RangeError(
        'Vocabulary.fromJSON: expected {format: "rnn-vocabulary", version: 1, reserved, symbols} as written by toJSON()',
      );
    }
    return new Vocabulary(j.symbols, j.reserved);
  }

  /** The number of ids, including the reserved id 0: the one-hot depth and the output layer width. */
  get size(): number {
    return this.symbols.length + 1;
  }

  /** How many unknown symbols `encode` has mapped to id 0 since this vocabulary was made. */
  get unknownCount(): number {
    return this.unknowns;
  }

  /** Whether `symbol` has its own id. */
  has(symbol: string): boolean {
    return this.ids.has(symbol);
  }

  /** The id of `symbol`, or 0 when it is unknown (not counted; see {@link Vocabulary.encode}). */
  idOf(symbol: string): number {
    return this.ids.get(symbol) ?? Vocabulary.reservedId;
  }

  /** The symbol of `id`; id 0 gives the reserved name. */
  symbolOf(id: number): string {
    checkInteger('Vocabulary.symbolOf', 'id', id, 0, this.size - 1);
    return id === 0 ? this.reserved : this.symbols[id - 1];
  }

  /**
   * The ids of a text (split into characters) or of a list of symbols. Unknown symbols map to id 0
   * and are counted in {@link Vocabulary.unknownCount}, so a caller can warn that, say, a validation
   * text holds characters the training text lacked.
   */
  encode(input: string | readonly string[]): Int32Array {
    if (typeof input === 'string') return this.encodeText(input);
    if (!Array.isArray(input)) {
      throw new RangeError(`Vocabulary.encode: input must be a string or a list of symbols, got ${show(input)}`);
    }
    const out = new Int32Array(input.length);
    for (let i = 0; i < input.length; i++) {
      const id = this.ids.get(input[i]);
      if (id === undefined) this.unknowns++;
      out[i] = id ?? Vocabulary.reservedId;
    }
    return out;
  }

  private encodeText(text: string): Int32Array {
    if (!this.allSingleCharacters) {
      throw new RangeError('Vocabulary.encode: this vocabulary has multi-character symbols; pass a list of symbols');
    }
    const out = new Int32Array(text.length);
    const table = this.unitTable;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let id: number;
      const next = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair is one character (one code point), looked up by its string.
        const pair = text.slice(i, i + 2);
        id = this.ids.get(pair) ?? NO_ID;
        i++;
      } else {
        id = unit < table.length ? table[unit] : NO_ID;
      }
      if (id === NO_ID) {
        this.unknowns++;
        id = Vocabulary.reservedId;
      }
      out[n++] = id;
    }
    return n === out.length ? out : out.slice(0, n);
  }

  /** The symbols of `ids`; id 0 is dropped unless `keepReserved`. An id out of range is a RangeError. */
  decodeSymbols(ids: ArrayLike<number>, options: { keepReserved?: boolean } = {}): string[] {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id === Vocabulary.reservedId && !options.keepReserved) continue;
      out.push(this.symbolOf(id));
    }
    return out;
  }

  /** The text of `ids` (symbols joined); id 0 (padding, stop) is dropped unless `keepReserved`. */
  decode(ids: ArrayLike<number>, options: { keepReserved?: boolean } = {}): string {
    return this.decodeSymbols(ids, options).join('');
  }

  /** The JSON form, for saving next to a model; {@link Vocabulary.fromJSON} reads it back. */
  toJSON(): VocabularyJson {
    return { format: 'rnn-vocabulary', version: 1, reserved: this.reserved, symbols: [...this.symbols] };
  }
}
