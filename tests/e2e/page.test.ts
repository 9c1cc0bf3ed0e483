// The page as a whole: large replies are paged and never hang it, the main thread stays free
// while the worker works, and it looks right at 1280x800 and on a narrow window (screenshots).
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import {
  commandBox, commandText, consoleLog, describeBrowser, exec, expectOutput, openPlayground, outputOf, run, screenshot,
  submit, typeLine, useChromium,
} from './playground.ts'

/** Fills `key` with `count` list elements item:1..item:N through window.playground.exec, in batches. */
async function fillList(page: Page, key: string, count: number): Promise<void> {
  await page.evaluate(
    async ({ key, count }) => {
      const batch = 1_000
      for (let start = 1; start <= count; start += batch) {
        const items: string[] = []
        for (let i = start; i < Math.min(start + batch, count + 1); i++) items.push(`item:${i}`)
        const reply = await window.playground.exec(`RPUSH ${key} ${items.join(' ')}`)
        if (!reply.startsWith('(integer)')) throw new Error(reply)
      }
    },
    { key, count },
  )
}

/** Starts recording main-thread tasks over 50 ms (PerformanceObserver 'longtask'). */
async function recordLongTasks(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const record = window as unknown as { longTasks: number[] }
    record.longTasks = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.longTasks.push(entry.duration)
    }).observe({ type: 'longtask' })
  })
  return () => page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks))
}

/** The largest gap between animation frames while `during` runs, in ms. */
async function frameGaps(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const record = window as unknown as { frameGap: number; frames: boolean }
    record.frameGap = 0
    record.frames = true
    let last = performance.now()
    const frame = (now: number) => {
      record.frameGap = Math.max(record.frameGap, now - last)
      last = now
      if (record.frames) requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })
  return () =>
    page.evaluate(() => {
      const record = window as unknown as { frameGap: number; frames: boolean }
      record.frames = false
      return record.frameGap
    })
}

describeBrowser('page', () => {
  const browser = useChromium()

  test('a large reply is paged and the page stays responsive', async () => {
    const { page } = await openPlayground(browser())
    const total = 100_000
    await fillList(page, 'big', total)
    expect(await exec(page, 'LLEN big')).toBe(`(integer) ${total}`)

    const longest = await recordLongTasks(page)
    await submit(page, 'LRANGE big 0 -1')
    const more = page.getByRole('button', { name: 'Show more' })
    await more.waitFor()
    const output = (await outputOf(page, 'LRANGE big 0 -1')) ?? ''
    // redis-cli pads the indexes to the width of the largest one shown.
    expect(output).toMatch(/^ *1\) "item:1"\n *2\) "item:2"\n/)
    // Only a first page is in the page, not the 100,000 lines.
    const shown = output.split('\n').filter((line) => /^\s*\d+\) "item:\d+"$/.test(line)).length
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(total / 10)
    expect(output).not.toContain(`) "item:${total}"`)
    expect(output).toMatch(new RegExp(`${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} lines shown`))

    // Show more adds the next page.
    await more.click()
    await expect
      .poll(async () => (await outputOf(page, 'LRANGE big 0 -1')) ?? '')
      .toMatch(new RegExp(`^ *${shown + 1}\\) "item:${shown + 1}"$`, 'm'))

    // The page answers at once: typing works and the next command runs.
    await run(page, 'PING', 'PONG')
    expect(await longest()).toBeLessThan(500)
  })

  test('typing stays fluid while the worker runs a long command', async () => {
    const { page } = await openPlayground(browser())
    await fillList(page, 'long', 300_000)
    const longest = await recordLongTasks(page)
    const gaps = await frameGaps(page)
    // SORT ... ALPHA over 300,000 elements keeps the worker busy for a while.
    await submit(page, 'SORT long ALPHA DESC')
    await typeLine(page, 'GET typed-while-busy')
    await expect.poll(() => commandText(page)).toBe('GET typed-while-busy')
    await expectOutput(page, 'SORT long ALPHA DESC', /^ *1\) "item:99999"\n *2\) "item:99998"\n/)
    expect(await gaps()).toBeLessThan(500)
    expect(await longest()).toBeLessThan(500)
    await page.keyboard.press('Enter')
    await expectOutput(page, 'GET typed-while-busy', '(nil)')
  })

  test('screenshots at 1280x800, on a narrow window and in the dark theme', async () => {
    const { page } = await openPlayground(browser(), { viewport: { width: 1280, height: 800 } })
    await run(page, 'SET greeting "hello"', 'OK')
    await run(page, 'HSET user:1 name Ada lang en', '(integer) 2')
    await run(page, 'GET nope x', "(error) ERR wrong number of arguments for 'get' command")
    await run(page, 'LRANGE queue 0 -1', '(empty array)')
    await typeLine(page, 'SET key ')
    const wide = await screenshot(page, 'playground-1280x800')
    // Nothing scrolls sideways at this width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)

    await page.setViewportSize({ width: 390, height: 844 })
    await commandBox(page).waitFor({ state: 'visible' })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const narrow = await screenshot(page, 'playground-390x844')
    // The console is usable at that width: the log and the command line are on screen.
    const box = await consoleLog(page).boundingBox()
    expect(box?.width ?? 0).toBeGreaterThan(300)
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Backspace')
    await run(page, 'GET greeting', '"hello"')

    // The dark theme follows the system's.
    await page.setViewportSize({ width: 1280, height: 800 })
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(light)
    const dark = await screenshot(page, 'playground-1280x800-dark')
    expect([wide, narrow, dark]).toHaveLength(3)
  })
})
