// The built playground: `vite build` into dist/ (with the project's vite.config.ts), then served
// from a loopback port. Used by the browser tests' global setup and by `npm run bench:browser`.
import { build } from 'vite'
import { DIST, PROJECT_ROOT } from './paths.ts'
import { serveStatic, type ServeOptions, type StaticServer } from './static-server.ts'

/** Builds the site into dist/ as `npm run build` does. */
export async function buildSite(): Promise<void> {
  await build({ root: PROJECT_ROOT, logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } })
}

/** Builds the site and serves it; close() stops the server. */
export async function buildAndServe(options: ServeOptions = {}): Promise<StaticServer> {
  await buildSite()
  return serveStatic(DIST, options)
}
