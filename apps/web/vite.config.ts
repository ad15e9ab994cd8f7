import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorker } from './scripts/service-worker.ts';

/** The web client: built into dist/ and served by the Rounds server at `/`. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Old phones matter more than the newest syntax: stay on what browsers from 2021 on run.
    target: ['es2021', 'chrome90', 'safari14', 'firefox90'],
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev -w @rounds/web` next to `npm run dev` (the server on :3000).
    proxy: {
      '/api/v1/streaming': { target: 'ws://127.0.0.1:3000', ws: true },
      '/api': 'http://127.0.0.1:3000',
      '/oauth': 'http://127.0.0.1:3000',
      '/media': 'http://127.0.0.1:3000',
      '/avatars': 'http://127.0.0.1:3000',
      '/headers': 'http://127.0.0.1:3000',
    },
  },
});
