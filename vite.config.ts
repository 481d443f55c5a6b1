import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/; `npm run build` writes dist/client, which the server serves.
// `npm run dev:client` proxies the API and the websocket to a server on port 8080.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/collab': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
