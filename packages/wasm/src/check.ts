// Argument checks for the glue, worded like the native addon's: "@rnn/wasm <function>: <what>", a
// RangeError for a value out of range and a TypeError for a value of the wrong kind.

/** An integer in lo..hi, or a RangeError naming it. */
export function checkInteger(fn: string, name: string, value: unknown, lo: number, hi: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
    throw new RangeError(`@rnn/wasm ${fn}: ${name} must be an integer in ${lo}..${hi}, got ${String(value)}`);
  }
  return value;
}

/** A number (alpha, beta), or a TypeError. */
export function checkNumber(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`@rnn/wasm ${fn}: ${name} must be a number`);
  return value;
}

/** A Float32Array of at least `need` elements. */
export function checkFloats(fn: string, name: string, value: unknown, need: number): Float32Array {
  if (!(value instanceof Float32Array)) throw new TypeError(`@rnn/wasm ${fn}: ${name} must be a Float32Array`);
  if (value.length < need) {
    throw new RangeError(`@rnn/wasm ${fn}: ${name} has ${value.length} elements, needs at least ${need}`);
  }
  return value;
}

/** An Int32Array of at least `need` elements (ids, targets). */
export function checkInts(fn: string, name: string, value: unknown, need: number): Int32Array {
  if (!(value instanceof Int32Array)) throw new TypeError(`@rnn/wasm ${fn}: ${name} must be an Int32Array`);
  if (value.length < need) {
    throw new RangeError(`@rnn/wasm ${fn}: ${name} has ${value.length} elements, needs at least ${need}`);
  }
  return value;
}

/** Per-sequence lengths: an Int32Array of at least `batch` values, each in 0..time. */
export function checkLengths(fn: string, value: unknown, batch: number, time: number): Int32Array | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof Int32Array)) throw new TypeError(`@rnn/wasm ${fn}: lengths must be an Int32Array`);
  if (value.length < batch) {
    throw new RangeError(`@rnn/wasm ${fn}: lengths has ${value.length} elements, needs at least ${batch}`);
  }
  for (let b = 0; b < batch; b++) {
    if (value[b] < 0 || value[b] > time) {
      throw new RangeError(`@rnn/wasm ${fn}: lengths[${b}] = ${value[b]} is outside 0..${time}`);
    }
  }
  return value;
}

/**
 * Throws unless a call's arrays fit the module's memory together (`bytes` below 4 GiB): larger sizes
 * would wrap around the module's 32-bit addresses.
 */
export function checkFits(fn: string, bytes: number): void {
  if (bytes >= 2 ** 32) {
    throw new RangeError(
      `@rnn/wasm ${fn}: the arrays take ${Math.ceil(bytes / 2 ** 20)} MiB; the module's memory holds at most 4 GiB`,
    );
  }
}

/** Runs a call into the module, turning its trap on exhausted memory into a RangeError. */
export function trapsAsErrors(fn: string, bytes: number, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      const mib = Math.ceil(bytes / 2 ** 20);
      throw new RangeError(
        `@rnn/wasm ${fn}: out of WebAssembly memory (the arrays alone take ${mib} MiB; the limit is 4 GiB): ${error.message}`,
      );
    }
    throw error;
  }
}
