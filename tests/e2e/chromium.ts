// Debian's Chromium driven by playwright-core (no browser download): where it is, how it starts.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH)
export const CHROMIUM_SKIP_MESSAGE =
  `${CHROMIUM_PATH} is missing: browser tests skipped. Install it with \`apt-get install -y chromium\` (Debian).`

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS })
}
