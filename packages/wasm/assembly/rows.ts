// The gradient of a gathered table: each row of `values` added into the row of `out` its id names,
// four floats at a time (a row's last 1-3 one by one). Ids were checked on the JavaScript side.

/** out[ids[r]] += values[r] for r in 0..rows-1, rows of `width` float32 (byte addresses). */
export function sumRowsByIndex(ids: usize, values: usize, rows: i32, width: i32, out: usize): void {
  const rowBytes = (<usize>width) << 2;
  for (let r = 0; r < rows; r++) {
    const to = out + <usize>load<i32>(ids + ((<usize>r) << 2)) * rowBytes;
    const from = values + <usize>r * rowBytes;
    let j = 0;
    for (; j + 4 <= width; j += 4) {
      const o = (<usize>j) << 2;
      v128.store(to + o, f32x4.add(v128.load(to + o), v128.load(from + o)));
    }
    for (; j < width; j++) {
      const o = (<usize>j) << 2;
      store<f32>(to + o, load<f32>(to + o) + load<f32>(from + o));
    }
  }
}
