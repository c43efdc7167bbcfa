/**
 * Hands out small typed arrays as views into large shared buffers.
 *
 * Why: a model step returns a fresh prediction (66 doubles for text) and a fresh state, thousands
 * of times per generated text. A `new Float64Array(66)` gets its own backing store, which in V8
 * costs about a microsecond (as much as the whole n-gram step); a view into an existing buffer costs
 * a tenth of that. A buffer is freed by the garbage collector once no view of it is alive, so the
 * waste is bounded by one buffer per live chunk.
 */
export class ViewPool {
  private float64Buffer = new ArrayBuffer(0);
  private float64Used = 0;
  private int32Buffer = new ArrayBuffer(0);
  private int32Used = 0;

  /** @param chunkBytes - the size of each shared buffer. */
  constructor(private readonly chunkBytes = 1 << 18) {}

  /** A zero-filled `Float64Array` of `length`. */
  float64(length: number): Float64Array {
    const bytes = length * 8;
    if (bytes > this.chunkBytes / 4) return new Float64Array(length);
    if (this.float64Used + bytes > this.float64Buffer.byteLength) {
      this.float64Buffer = new ArrayBuffer(this.chunkBytes);
      this.float64Used = 0;
    }
    const view = new Float64Array(this.float64Buffer, this.float64Used, length);
    this.float64Used += bytes;
    return view;
  }

  /** A zero-filled `Int32Array` of `length`. */
  int32(length: number): Int32Array {
    const bytes = length * 4;
    if (bytes > this.chunkBytes / 4) return new Int32Array(length);
    if (this.int32Used + bytes > this.int32Buffer.byteLength) {
      this.int32Buffer = new ArrayBuffer(this.chunkBytes);
      this.int32Used = 0;
    }
    const view = new Int32Array(this.int32Buffer, this.int32Used, length);
    this.int32Used += bytes;
    return view;
  }
}
