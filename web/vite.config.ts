import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Builds the dashboard into dist/web/, which `blastwall serve` and `blastwall demo` serve at `/`. */
// A build is always React's production build, even when a test runner that set NODE_ENV=test starts it.
if (process.argv.includes('build')) process.env.NODE_ENV = 'production';

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npx vite --config web/vite.config.ts` next to `blastwall serve` (default port 8080), or set BLASTWALL_API.
    proxy: { '/v1': process.env.BLASTWALL_API ?? 'http://127.0.0.1:8080' },
  },
});
