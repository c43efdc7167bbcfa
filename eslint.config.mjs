// Lint rules, and the architecture (docs/architecture.md) as enforced module boundaries:
// pure packages never import tfjs, apps hold no ML logic (no tfjs either), nothing imports an app,
// and each package imports only the packages below it.
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-*/**',
      '**/node_modules/**',
      '.nx/**',
      'docs/site/**',
      'docs/.examples/**',
      'bench/.tmp/**',
      'runs/**',
      'packages/wasm/src/generated/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/bench/**/*.ts', 'apps/*/src/**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: true,
          checkDynamicDependenciesExceptions: [
            '@rnn/models',
            '@rnn/training',
            '@rnn/markov',
            '@rnn/datasets',
            '@rnn/sampling',
          ],
          depConstraints: [
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'], bannedExternalImports: ['@tensorflow/*'] },
            { sourceTag: 'purity:pure', bannedExternalImports: ['@tensorflow/*'] },
            { sourceTag: 'scope:datasets', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:kernel-abi', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:wasm', onlyDependOnLibsWithTags: ['scope:kernel-abi', 'scope:kernel-reference'] },
            { sourceTag: 'scope:native', onlyDependOnLibsWithTags: ['scope:kernel-abi', 'scope:kernel-reference'] },
            { sourceTag: 'scope:kernel-reference', onlyDependOnLibsWithTags: ['scope:kernel-abi'] },
            { sourceTag: 'scope:charts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:views', onlyDependOnLibsWithTags: ['scope:charts'] },
            { sourceTag: 'scope:sampling', onlyDependOnLibsWithTags: ['scope:datasets'] },
            { sourceTag: 'scope:markov', onlyDependOnLibsWithTags: ['scope:datasets', 'scope:sampling'] },
            {
              sourceTag: 'scope:models',
              onlyDependOnLibsWithTags: [
                'scope:datasets',
                'scope:sampling',
                'scope:kernel-abi',
                'scope:native',
                'scope:wasm',
              ],
            },
            {
              sourceTag: 'scope:training',
              onlyDependOnLibsWithTags: ['scope:datasets', 'scope:sampling', 'scope:markov', 'scope:models'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
