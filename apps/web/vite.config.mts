import { defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources (the "@rnn/source" export condition),
// so the app builds without building the packages first. The training worker is an ES module, so it
// splits its lazily loaded backends into chunks as the page does. `vite preview` listens on
// 127.0.0.1 unless --host says otherwise.
export default defineConfig({
  resolve: { conditions: ['@rnn/source', 'module', 'browser', 'development|production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    // The worker is bundled inside the page's transform, which then reports as slow on every build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: 4173 },
});
