import { defineConfig } from 'vite';

/** The console is served by paykit at /console; Vite's own JSX transform (oxc) targets Preact, no Babel. */
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
});
