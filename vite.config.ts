import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { META_CONTENT_SECURITY_POLICY } from './shared/security/csp.ts';

/**
 * The window's Content-Security-Policy comes from shared/security/csp.ts, the same source
 * as the web server's header and Electron's: written into the built page, never by hand.
 * Only in the build: the dev server's hot reload needs an inline script.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'pupitre-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
        injectTo: 'head',
      },
    ],
  };
}

// The renderer is built once and served the same way to Electron (file://) and to browsers
// (web mode), hence relative asset paths.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173, strictPort: true },
});
