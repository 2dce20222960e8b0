import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once and served the same way to Electron (file://) and to browsers
// (web mode), hence relative asset paths.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173, strictPort: true },
});
