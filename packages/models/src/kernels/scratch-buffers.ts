/**
 * Reusable Float32Arrays for the host kernels' internal buffers (time-major copies, saved gates,
 * gradients before they become tensors). A fresh multi-megabyte typed array costs page faults on
 * first touch and, later, garbage collections triggered by external-memory pressure: on the
 * project's 2-core machine a new 6.5 MB array filled once took 5.4 ms against 0.3 ms for refilling
 * one already touched, and a character-model step allocated about 50 MB. Only buffers that never
 * become tensor data come from here: tfjs hands a cpu tensor's own array to `dataSync()` callers,
 * who may keep it after disposing the tensor, so tensor outputs stay freshly allocated.
 */

/** Idle bytes kept for reuse; beyond this the least recently returned sizes are let go. */
const retainLimitBytes = 256 * 1024 * 1024;

const idle = new Map<number, Float32Array[]>();
/** The buffers in `idle`, so that returning one twice cannot hand it to two takers. */
const idleSet = new WeakSet<Float32Array>();
let idleBytes = 0;

/** An idle buffer of `length`, taken out of the pool, or undefined. */
function takeIdle(length: number): Float32Array | undefined {
  const free = idle.get(length);
  const buffer = free?.pop();
  if (buffer === undefined) return undefined;
  if (free!.length === 0) idle.delete(length);
  idleSet.delete(buffer);
  idleBytes -= buffer.byteLength;
  return buffer;
}

/**
 * A Float32Array of `length` holding whatever its last user left, for a caller that writes every
 * element before reading any: the zero fill of a multi-megabyte buffer is a full pass over memory,
 * so the pool offers no zero-filled buffers (every kernel here overwrites its scratch whole).
 */
export function takeScratchToOverwrite(length: number): Float32Array {
  return takeIdle(length) ?? new Float32Array(length);
}

/**
 * Hands buffers back for reuse. The caller must hold no view of them afterwards: the next
 * {@link takeScratchToOverwrite} of that length overwrites them.
 */
export function returnScratch(...buffers: Float32Array[]): void {
  for (const buffer of buffers) {
    // A view into a larger buffer would alias its neighbours when reused.
    if (buffer.byteOffset !== 0 || buffer.byteLength !== buffer.buffer.byteLength || idleSet.has(buffer)) continue;
    idleSet.add(buffer);
    const free = idle.get(buffer.length) ?? [];
    idle.delete(buffer.length); // re-inserted last: the most recently used size
    free.push(buffer);
    idle.set(buffer.length, free);
    idleBytes += buffer.byteLength;
  }
  for (const [length, free] of idle) {
    if (idleBytes <= retainLimitBytes) break;
    while (free.length > 0 && idleBytes > retainLimitBytes) {
      const dropped = free.shift()!;
      idleSet.delete(dropped);
      idleBytes -= dropped.byteLength;
    }
    if (free.length === 0) idle.delete(length);
  }
}

/** Bytes held idle for reuse (for tests and memory reports). */
export function idleScratchBytes(): number {
  return idleBytes;
}
