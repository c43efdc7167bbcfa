module.exports = {
  ...require('../jest.preset.js'),
  displayName: require('./package.json').name,
  // The bench harness at the root has no project of its own: its tests run here.
  roots: ['<rootDir>', '<rootDir>/../bench'],
  testMatch: [
    '<rootDir>/ci/**/*.test.ts',
    '<rootDir>/release/**/*.test.ts',
    '<rootDir>/docs/**/*.test.ts',
    '<rootDir>/results/**/*.test.ts',
    '<rootDir>/../bench/**/*.test.ts',
  ],
  setupFiles: [require.resolve('./jest/setup.js')],
};
