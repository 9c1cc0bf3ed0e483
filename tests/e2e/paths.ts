// Where the browser tests find the built site and put their screenshots.
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** The built site (`vite build`'s outDir, as `npm run build` makes it). */
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url))
/** Screenshots of the browser tests (test-results/ is gitignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url))
