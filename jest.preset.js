// Shared jest settings for every project: TypeScript through @swc/jest to CommonJS, workspace
// packages resolved to their sources (the "@rnn/source" export condition), no build needed first.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@rnn/source', 'node', 'require', 'default'] },
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/bench/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: [require.resolve('./tools/jest/setup.js')],
  // tfjs training under parallel Nx runs on 2 cores goes past jest's default 5 s.
  testTimeout: 60000,
};
