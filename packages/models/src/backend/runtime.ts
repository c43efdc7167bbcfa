/** Where the toolkit is running, which decides the backends worth trying. */
export type Runtime = 'node' | 'browser';

/** Detects Node (including test runners) versus a browser or web worker. */
export function detectRuntime(): Runtime {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string' ? 'node' : 'browser';
}
