import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  // PRINT_CHECK builds only the print check page (scripts/print-check.sh), never into the app's dist.
  build: process.env.PRINT_CHECK
    ? { target: 'es2022', outDir: '../target/print-check', emptyOutDir: true, rollupOptions: { input: 'print-check.html' } }
    : { target: 'safari15', outDir: 'dist', emptyOutDir: true },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.ts'],
  },
});
