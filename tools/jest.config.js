module.exports = {
  ...require('../jest.preset.js'),
  displayName: require('./package.json').name,
  testMatch: ['<rootDir>/ci/**/*.test.ts', '<rootDir>/release/**/*.test.ts', '<rootDir>/docs/**/*.test.ts'],
  setupFiles: [require.resolve('./jest/setup.js')],
};
