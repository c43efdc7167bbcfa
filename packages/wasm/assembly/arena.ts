// The module's only memory manager: a bump arena over linear memory, grown with `memory.grow` on
// demand and rewound as a whole before each call from JavaScript. Nothing is ever freed one by one
// and there is no garbage collector (the module is compiled with `--runtime stub` and allocates no
// managed objects), so a call's inputs, outputs and scratch simply sit one after another.

/** Byte alignment of every block: a cache line, so that v128 loads never straddle one needlessly. */
const ALIGN: usize = 64;
/** Bytes left after every block, so that a full v128 load at a row's last element stays in bounds. */
const SLACK: usize = 16;

let top: usize = 0;

function first(): usize {
  return (__heap_base + ALIGN - 1) & ~(ALIGN - 1);
}

/** Forgets every block handed out: the next {@link alloc} starts again at the heap base. */
export function reset(): void {
  top = first();
}

/**
 * A block of `bytes` bytes, 64-byte aligned, valid until the next {@link reset}. Grows the memory as
 * needed (which detaches JavaScript's views of it); traps when the memory cannot grow.
 */
export function alloc(bytes: usize): usize {
  if (top == 0) top = first();
  const at = top;
  const end = (at + bytes + SLACK + ALIGN - 1) & ~(ALIGN - 1);
  if (end < at) unreachable(); // wrapped past 4 GiB
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >>> 16);
    if (memory.grow(pages) < 0) unreachable();
  }
  top = end;
  return at;
}

/** A block of `count` float32 values (see {@link alloc}). */
export function allocFloats(count: i32): usize {
  return alloc((<usize>count) << 2);
}
