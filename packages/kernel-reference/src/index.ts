/**
 * Plain float64 TypeScript references of the recurrent cells and SGEMM, and a checker that holds a
 * compiled fused sequence kernel (`@rnn/native`'s C, `@rnn/wasm`'s AssemblyScript) to them buffer
 * for buffer, and the bench cases every kernel package is timed with. Test-only and private.
 *
 * @packageDocumentation
 */
export * from './reference';
export * from './check-kernel';
export * from './check-adam-update';
export * from './check-sgemm';
export * from './check-softmax-cross-entropy';
export * from './check-binary-cross-entropy';
export * from './check-sum-rows-by-index';
export * from './check-swap-leading-axes';
export * from './kernel-bench-cases';
