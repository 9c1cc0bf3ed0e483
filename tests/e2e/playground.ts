// Helpers of the browser tests: a Chromium per test file, a fresh context per test, and the
// console's parts found by their accessible names (the textbox "Command", the log "Console output").
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, onTestFinished } from 'vitest'
import type {} from '../../src/console/playground.ts'
import { CHROMIUM_SKIP_MESSAGE, launchChromium } from './chromium.ts'
import { ARTIFACTS_DIR } from './paths.ts'
import type {} from './global-setup.ts'

/** The built site's address, or null when Chromium is missing. */
export const PLAYGROUND_URL = inject('playgroundUrl')

if (PLAYGROUND_URL === null) console.warn(CHROMIUM_SKIP_MESSAGE)

/** describe() that skips its tests when Chromium is missing. */
export const describeBrowser = describe.skipIf(PLAYGROUND_URL === null)

/** Launches Chromium for the file's tests (call at the top of a describeBrowser block). */
export function useChromium(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (browser === undefined) throw new Error('Chromium was not launched')
    return browser
  }
}

export interface PlaygroundPage {
  context: BrowserContext
  page: Page
  /** Uncaught exceptions in the page and console errors, checked when the test ends. */
  errors: string[]
}

export interface OpenOptions {
  viewport?: { width: number; height: number }
  /** Reuse a context (its IndexedDB and localStorage) instead of a fresh one. */
  context?: BrowserContext
}

/**
 * Opens the playground in a fresh browser context and waits until the engine is ready. When the
 * test fails, a screenshot of the page is saved; when it ends, the context is closed and the test
 * fails if the page threw.
 */
export async function openPlayground(browser: Browser, options: OpenOptions = {}): Promise<PlaygroundPage> {
  const context = options.context ?? (await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } }))
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`)
  })
  onTestFinished(async ({ task }) => {
    // A failed test leaves a screenshot of the page as it was.
    if (task.result?.state === 'fail' && !page.isClosed()) {
      mkdirSync(join(ARTIFACTS_DIR, 'failures'), { recursive: true })
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'failures', `${name}.png`), fullPage: true }).catch(() => undefined)
    }
    if (options.context === undefined) await context.close()
    expect(errors, 'errors in the page').toEqual([])
  })
  await load(page, 'goto')
  return { context, page, errors }
}

/** Loads (or reloads) the page and waits for window.playground.ready. */
export async function load(page: Page, how: 'goto' | 'reload'): Promise<void> {
  if (how === 'goto') await page.goto(PLAYGROUND_URL as string)
  else await page.reload()
  await page.waitForFunction(() => window.playground !== undefined)
  await page.evaluate(() => window.playground.ready)
  await commandBox(page).waitFor({ state: 'visible' })
}

/** The command line (CodeMirror's content element). */
export function commandBox(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Command' })
}

/** The active client's output. */
export function consoleLog(page: Page): Locator {
  return page.getByRole('log', { name: 'Console output' })
}

/** What the command line holds (the hint and placeholder are drawn by CSS, not text). */
export async function commandText(page: Page): Promise<string> {
  return (await commandBox(page).innerText()).replace(/\u200b/g, '').trimEnd()
}

/** Types a line in the command line, as a user does, without running it. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await commandBox(page).click()
  await page.keyboard.type(line)
}

/** Types a line and presses Enter. */
export async function submit(page: Page, line: string): Promise<void> {
  await typeLine(page, line)
  await expect.poll(() => commandText(page)).toBe(line)
  await page.keyboard.press('Enter')
}

/**
 * The output printed after the last entry of `command` in the log (the prompt and command line
 * come first, then the reply), or undefined while it is not there.
 */
export async function outputOf(page: Page, command: string): Promise<string | undefined> {
  const text = await consoleLog(page).innerText()
  const at = lastEntryOf(text, command)
  if (at < 0) return undefined
  const rest = text.slice(text.indexOf('\n', at) + 1)
  // The next entry starts with the next prompt.
  const next = rest.search(/^127\.0\.0\.1:\d+(\[\d+\])?(\(TX\))?> /m)
  return (next < 0 ? rest : rest.slice(0, next)).trimEnd()
}

/** Where the last entry of `command` starts in the log's text (its prompt's "> "), or -1. */
export function lastEntryOf(text: string, command: string): number {
  // The command may be followed by blanks the user typed, then its line ends.
  const ends = (at: number) => /^[ \t]*\n/.test(text.slice(at + 2 + command.length))
  for (let at = text.lastIndexOf(`> ${command}`); at >= 0; at = at === 0 ? -1 : text.lastIndexOf(`> ${command}`, at - 1)) {
    if (ends(at)) return at
  }
  return -1
}

/** Types a command, runs it and waits until its output is `expected` (text or pattern). */
export async function run(page: Page, command: string, expected: string | RegExp): Promise<void> {
  await submit(page, command)
  await expectOutput(page, command, expected)
}

export async function expectOutput(page: Page, command: string, expected: string | RegExp): Promise<void> {
  const poll = expect.poll(() => outputOf(page, command), { message: `output of ${command}` })
  if (typeof expected === 'string') await poll.toBe(expected)
  else await poll.toMatch(expected)
}

/** window.playground.exec in the page: the redis-cli text of a line on the active client. */
export function exec(page: Page, line: string): Promise<string> {
  return page.evaluate((text) => window.playground.exec(text), line)
}

/** Saves a screenshot under test-results/e2e/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const path = join(ARTIFACTS_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: false })
  return path
}
