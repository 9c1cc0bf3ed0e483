// Global setup of the browser tests: builds the site once into dist/ and serves it on a free
// loopback port; the tests read its address with inject('playgroundUrl'). Without Chromium
// there is nothing to build for: the tests skip themselves (see chromium.ts).
import type { TestProject } from 'vitest/node'
import { CHROMIUM_SKIP_MESSAGE, HAS_CHROMIUM } from './chromium.ts'
import { buildAndServe } from './site.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built site's address (ending with '/'), or null when the browser tests are skipped. */
    playgroundUrl: string | null
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!HAS_CHROMIUM) {
    console.warn(CHROMIUM_SKIP_MESSAGE)
    project.provide('playgroundUrl', null)
    return async () => {}
  }
  const server = await buildAndServe()
  project.provide('playgroundUrl', server.url)
  return () => server.close()
}
