import { defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources (the "@rnn/source" export condition),
// so the app builds without building the packages first.
export default defineConfig({
  resolve: { conditions: ['@rnn/source', 'module', 'browser', 'development|production'] },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
});
