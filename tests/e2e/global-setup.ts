// Global setup of the browser tests: builds the site once into dist/ and serves it on a free
// loopback port; the tests read its address with inject('playgroundUrl'). Without Chromium
// there is nothing to build for: the tests skip themselves with a message (see playground.ts).
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { HAS_CHROMIUM } from './chromium.ts'
import { ARTIFACTS_DIR } from './paths.ts'
import { buildAndServe } from './site.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built site's address (ending with '/'), or null when the browser tests are skipped. */
    playgroundUrl: string | null
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!HAS_CHROMIUM) {
    project.provide('playgroundUrl', null)
    return async () => {}
  }
  // Screenshots of failed tests are those of this run only.
  rmSync(join(ARTIFACTS_DIR, 'failures'), { recursive: true, force: true })
  const server = await buildAndServe()
  project.provide('playgroundUrl', server.url)
  return () => server.close()
}
