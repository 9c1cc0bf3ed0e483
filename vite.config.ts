// The playground page: Svelte 5, the engine in a module Web Worker, a service worker for offline use.
import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { VitePWA } from 'vite-plugin-pwa'

export default defineConfig({
  // Relative URLs everywhere, so dist/ works from any path (a sub-folder, a file server, GitHub Pages).
  base: './',
  plugins: [
    svelte(),
    VitePWA({
      // The service worker's own runtime without its development logging, whatever NODE_ENV says.
      mode: 'production',
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: {
        name: 'Redis Playground',
        short_name: 'Redis Playground',
        description: 'Learn Redis in the browser: a Redis-compatible engine, a redis-cli-style console, lessons.',
        theme_color: '#c6302b',
        background_color: '#16181c',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        // Everything the build emits, the engine's worker chunk included, is cached on the first visit.
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,md,json,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  worker: {
    // The engine's worker is an ES module (new Worker(..., { type: 'module' })) and may load chunks lazily.
    format: 'es',
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173 },
  preview: { port: 5173 },
})
