// Reload the page and find the data: every type, every database, TTLs counted from absolute
// expiry times (still counting down after the reload; gone when they passed meanwhile).
import { setTimeout as sleep } from 'node:timers/promises'
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { describeBrowser, exec, load, openPlayground, run, useChromium } from './playground.ts'

/** The integer of a redis-cli "(integer) N" text. */
function integer(text: string): number {
  const match = /^\(integer\) (-?\d+)$/.exec(text)
  if (match === null) throw new Error(`not an integer reply: ${text}`)
  return Number(match[1])
}

/** Waits until every write so far is committed to IndexedDB (what the page asks for when it is hidden). */
function saved(page: Page): Promise<void> {
  return page.evaluate(() => window.playground.engine.flush())
}

describeBrowser('persistence', () => {
  const browser = useChromium()

  test('the data typed in the console is there after a reload, with its TTL still counting down', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'SET k v EX 100', 'OK')
    await run(page, 'HSET user:1 name Ada lang en', '(integer) 2')
    await run(page, 'RPUSH queue a b c', '(integer) 3')
    await run(page, 'SADD tags x y', '(integer) 2')
    await run(page, 'ZADD board 1 one 2 two', '(integer) 2')
    await run(page, 'SELECT 2', 'OK')
    await run(page, 'SET in-db-2 yes', 'OK')
    // appendfsync everysec: wait for the batch to be written, as the page does when it is hidden.
    await saved(page)

    await load(page, 'reload')

    // The console starts in db 0 again, as a new redis-cli connection does.
    expect(await exec(page, 'GET k')).toBe('"v"')
    const ttl = integer(await exec(page, 'TTL k'))
    expect(ttl).toBeGreaterThanOrEqual(1)
    expect(ttl).toBeLessThanOrEqual(100)
    expect(await exec(page, 'HGETALL user:1')).toBe('1) "name"\n2) "Ada"\n3) "lang"\n4) "en"')
    expect(await exec(page, 'LRANGE queue 0 -1')).toBe('1) "a"\n2) "b"\n3) "c"')
    expect(await exec(page, 'SMEMBERS tags')).toMatch(/^1\) "[xy]"\n2\) "[xy]"$/)
    expect(await exec(page, 'ZRANGE board 0 -1 WITHSCORES')).toBe('1) "one"\n2) "1"\n3) "two"\n4) "2"')
    expect(await exec(page, 'TTL queue')).toBe('(integer) -1')
    expect(await exec(page, 'SELECT 2\nGET in-db-2\nSELECT 0')).toBe('OK\n"yes"\nOK')

    // The TTL keeps counting down (the wait lets it move by at least a second).
    const before = integer(await exec(page, 'PTTL k'))
    await sleep(1_100)
    const after = integer(await exec(page, 'PTTL k'))
    expect(after).toBeLessThanOrEqual(before - 1_000)
    expect(after).toBeGreaterThan(0)
  })

  test('a key whose TTL ran out while the page was away is gone after the reload', async () => {
    const { context, page } = await openPlayground(browser())
    expect(await exec(page, 'SET short v PX 1500')).toBe('OK')
    expect(await exec(page, 'SET long v EX 1000')).toBe('OK')
    await saved(page)
    await page.close()
    // Let the short TTL run out while no page is open.
    await sleep(2_000)
    const { page: again } = await openPlayground(browser(), { context })
    expect(await exec(again, 'EXISTS short long')).toBe('(integer) 1')
    expect(await exec(again, 'GET short')).toBe('(nil)')
    expect(await exec(again, 'GET long')).toBe('"v"')
  })

  test('a write acknowledged just before a reload is still there after it', async () => {
    // A reload is a clean shutdown, not a crash: the batch waiting for appendfsync everysec must not be lost.
    const { page } = await openPlayground(browser())
    await run(page, 'SET last-words "still here"', 'OK')
    await load(page, 'reload')
    expect(await exec(page, 'GET last-words')).toBe('"still here"')
  })
})
