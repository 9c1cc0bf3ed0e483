// The playground page: Svelte 5, the engine in a module Web Worker, a service worker for offline use.
import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { VitePWA } from 'vite-plugin-pwa'
import { build as esbuild } from 'esbuild'
import type { Plugin } from 'vite'

/**
 * fengari (the Lua VM, CommonJS with circular requires) breaks when Vite's bundler turns its
 * modules into ES modules: a module sees another's exports before they are filled in
 * ("TValue is not a constructor"). esbuild keeps CommonJS semantics, so fengari is bundled by
 * esbuild into one ES module first. The engine also patches some of fengari's inner modules
 * (worker/scripting/vm.ts, lua51-patches.ts), so those come out of the same bundle: one
 * instance of each. Importing any other inner module fails the build, rather than the page.
 * Its Node-only branches (fs, os, tmp...) are never reached in a browser and stay as requires
 * that would throw.
 */
function fengariAsOneModule(): Plugin {
  const modules = ['fengari', 'fengari/src/lobject.js', 'fengari/src/lstring.js', 'fengari/src/lvm.js', 'fengari/src/llex.js']
  const bundleId = '\0fengari-bundle'
  const prefix = '\0fengari-module:'
  return {
    name: 'fengari-as-one-module',
    enforce: 'pre',
    resolveId(source) {
      if (source === bundleId) return bundleId
      if (modules.includes(source)) return prefix + source
      if (source.startsWith('fengari/')) this.error(`${source}: add it to fengariAsOneModule's modules (vite.config.ts)`)
      return undefined
    },
    async load(loading) {
      if (loading.startsWith(prefix)) {
        return `import all from ${JSON.stringify(bundleId)}\nexport default all[${JSON.stringify(loading.slice(prefix.length))}]`
      }
      if (loading !== bundleId) return undefined
      const exportsByName = modules.map((name) => `${JSON.stringify(name)}: require(${JSON.stringify(name)})`).join(', ')
      const result = await esbuild({
        stdin: { contents: `module.exports = { ${exportsByName} }`, resolveDir: process.cwd() },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        external: ['fs', 'os', 'path', 'tmp', 'child_process', 'readline-sync'],
        logLevel: 'silent',
      })
      return result.outputFiles[0].text
    },
  }
}

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
    plugins: () => [fengariAsOneModule()],
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173 },
  preview: { port: 5173 },
})
