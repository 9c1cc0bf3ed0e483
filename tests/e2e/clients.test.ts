// Client tabs: each a connection of its own, with its own SELECT, blocked commands and WATCH.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { consoleLog, describeBrowser, exec, expectOutput, openPlayground, run, submit, useChromium } from './playground.ts'

/** Opens a second client tab and leaves it active. */
async function newClient(page: Page): Promise<void> {
  const count = await page.getByRole('tab').count()
  await page.getByRole('button', { name: 'New client' }).click()
  await expect.poll(() => page.getByRole('tab').count()).toBe(count + 1)
}

describeBrowser('client tabs', () => {
  const browser = useChromium()

  test('two client tabs keep their own SELECT', async () => {
    const { page } = await openPlayground(browser())
    const tabs = page.getByRole('tab')
    await expect.poll(() => tabs.count()).toBe(1)
    await run(page, 'SET where db0', 'OK')

    await page.getByRole('button', { name: 'New client' }).click()
    await expect.poll(() => tabs.count()).toBe(2)
    const [first, second] = [tabs.nth(0), tabs.nth(1)]
    await expect.poll(() => second.getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('false')
    // The new tab has an output of its own, and its own connection.
    await expect.poll(() => consoleLog(page).innerText()).not.toContain('SET where db0')
    await run(page, 'SELECT 1', 'OK')
    await run(page, 'SET where db1', 'OK')
    // The prompt of the next command shows the database, as redis-cli's does.
    await run(page, 'GET where', '"db1"')
    expect(await consoleLog(page).innerText()).toContain('127.0.0.1:6379[1]> GET where')

    await first.click()
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true')
    await run(page, 'GET where', '"db0"')
    const log = await consoleLog(page).innerText()
    expect(log).toContain('127.0.0.1:6379> GET where')
    expect(log).not.toContain('127.0.0.1:6379[1]>')
    // window.playground.exec runs on the active tab.
    expect(await exec(page, 'GET where')).toBe('"db0"')

    await second.click()
    await expect.poll(() => second.getAttribute('aria-selected')).toBe('true')
    await submit(page, 'DBSIZE')
    await expectOutput(page, 'DBSIZE', '(integer) 1')
    expect(await exec(page, 'GET where')).toBe('"db1"')
  })

  test('a new tab is a separate connection', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'CLIENT SETNAME first-tab', 'OK')
    await page.getByRole('button', { name: 'New client' }).click()
    await expect.poll(() => page.getByRole('tab').count()).toBe(2)
    // Its own name (none, or one the console gave it), not the first tab's.
    await run(page, 'CLIENT GETNAME', /^(\(nil\)|"(?!first-tab")[^"]*")$/)
    await run(page, 'CLIENT SETNAME second-tab', 'OK')
    await page.getByRole('tab').nth(0).click()
    await run(page, 'CLIENT GETNAME', '"first-tab"')
    await page.getByRole('tab').nth(1).click()
    await run(page, 'CLIENT GETNAME', '"second-tab"')
  })

  test('BLPOP waits visibly in one tab and is released by RPUSH from another', async () => {
    const { page } = await openPlayground(browser())
    await submit(page, 'BLPOP jobs 0')
    // It waits, as redis-cli does, with a way to cancel.
    await expect.poll(() => consoleLog(page).getByText('running…').count()).toBe(1)
    await expect.poll(() => consoleLog(page).getByRole('button', { name: 'Cancel' }).count()).toBe(1)
    await newClient(page)
    await run(page, 'RPUSH jobs email', '(integer) 1')
    await page.getByRole('tab').nth(0).click()
    await expectOutput(page, 'BLPOP jobs 0', '1) "jobs"\n2) "email"')
    expect(await exec(page, 'LLEN jobs')).toBe('(integer) 0')
  })

  test('Ctrl+C ends a wait, and the tab goes on with a new connection', async () => {
    const { page } = await openPlayground(browser())
    await submit(page, 'BRPOP never 0')
    await expect.poll(() => consoleLog(page).getByText('running…').count()).toBe(1)
    await page.keyboard.press('Control+c')
    await expectOutput(page, 'BRPOP never 0', '(interrupted)')
    await run(page, 'PING', 'PONG')
    // The interrupted connection no longer waits: a push to the key stays in the list.
    await run(page, 'RPUSH never x', '(integer) 1')
    await run(page, 'LLEN never', '(integer) 1')
  })

  test('WATCH in one tab and a write in another make EXEC return nil', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'SET balance 100', 'OK')
    await run(page, 'WATCH balance', 'OK')
    await run(page, 'MULTI', 'OK')
    await run(page, 'DECRBY balance 30', 'QUEUED')
    expect(await consoleLog(page).innerText()).toContain('127.0.0.1:6379(TX)> DECRBY balance 30')
    await newClient(page)
    await run(page, 'INCRBY balance 5', '(integer) 105')
    await page.getByRole('tab').nth(0).click()
    await run(page, 'EXEC', '(nil)')
    await run(page, 'GET balance', '"105"')
    // Without a write in between, the same transaction goes through.
    await run(page, 'WATCH balance', 'OK')
    await run(page, 'MULTI', 'OK')
    await run(page, 'DECRBY balance 30', 'QUEUED')
    await run(page, 'EXEC', '1) (integer) 75')
  })

  test('MONITOR in one tab shows what another tab runs; CLIENT PAUSE WRITE holds a write until it ends', async () => {
    const { page } = await openPlayground(browser())
    const tabs = page.getByRole('tab')
    await run(page, 'MONITOR', 'OK')
    await newClient(page)
    await run(page, 'SET watched 1', 'OK')
    await run(page, 'GET watched', '"1"')
    await tabs.nth(0).click()
    await expect.poll(() => consoleLog(page).innerText()).toMatch(/\[0 127\.0\.0\.1:\d+\] "SET" "watched" "1"/)
    await expect.poll(() => consoleLog(page).innerText()).toMatch(/\[0 127\.0\.0\.1:\d+\] "GET" "watched"/)

    await tabs.nth(1).click()
    await run(page, 'CLIENT PAUSE 1500 WRITE', 'OK')
    const started = Date.now()
    await run(page, 'GET watched', '"1"')
    await run(page, 'SET watched 2', 'OK')
    // The write waited for the pause to end; the read before it did not.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    await run(page, 'GET watched', '"2"')
  })
})
