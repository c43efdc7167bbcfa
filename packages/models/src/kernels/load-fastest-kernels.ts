import { activeSequenceKernel, type ActiveSequenceKernel } from './kernel-registry';
import { loadNativeKernels, type NativeKernelStatus } from './load-native-kernels';
import { loadWasmKernels, type WasmKernelStatus } from './load-wasm-kernels';

/** What {@link loadFastestKernels} put to work. */
export interface FastestKernels {
  /** The fused recurrence kernel the cells now use on the current backend, and why. */
  readonly sequence: ActiveSequenceKernel;
  readonly native: NativeKernelStatus;
  readonly wasm: WasmKernelStatus;
}

/**
 * The one call a Node program makes to train at full speed, as the `rnn` command does: the native
 * addon where it was built (first in line), the WebAssembly SIMD kernels behind it (they run where
 * no C compiler was), and the portable kernels last. Without it a model trains on the portable
 * TypeScript kernels, several times slower. Never throws; idempotent.
 *
 * @example
 * import { loadFastestKernels } from '@rnn/models/node';
 * console.log(loadFastestKernels().sequence.name); // 'native', or 'wasm' where the addon is not built
 */
export function loadFastestKernels(): FastestKernels {
  const native = loadNativeKernels();
  const wasm = loadWasmKernels();
  return { sequence: activeSequenceKernel(), native, wasm };
}
