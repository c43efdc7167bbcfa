// Silences tfjs's "running in Node.js, install tfjs-node" hint in tests; the hint is for users.
try {
  require('@tensorflow/tfjs-core').env().set('IS_TEST', true);
} catch {
  // Pure packages do not depend on tfjs; nothing to silence there.
}
