// Silences tfjs's "running in Node.js, install tfjs-node" hint in tests. PROD mode only turns off
// tfjs's warnings; IS_TEST would also switch on kernel leak checks that misfire on custom gradients.
try {
  require('@tensorflow/tfjs-core').env().set('PROD', true);
} catch {
  // Pure packages do not depend on tfjs; nothing to silence there.
}
