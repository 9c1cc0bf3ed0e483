// Client tabs: each a connection of its own, with its own SELECT.
import { expect, test } from 'vitest'
import { consoleLog, describeBrowser, exec, expectOutput, openPlayground, run, submit, useChromium } from './playground.ts'

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
})
