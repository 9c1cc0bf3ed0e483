// Pub/sub across client tabs: a message published in one tab shows in the subscribed tab as
// redis-cli prints it.
import { expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { consoleLog, describeBrowser, openPlayground, run, screenshot, useChromium } from './playground.ts'

/** Opens another client tab and leaves it active. */
async function newClient(page: Page): Promise<void> {
  const count = await page.getByRole('tab').count()
  await page.getByRole('button', { name: 'New client' }).click()
  await expect.poll(() => page.getByRole('tab').count()).toBe(count + 1)
}

/** A subscribe's output: the confirmations, then the console's remark on subscribed mode. */
const subscribed = (confirmations: string) =>
  `${confirmations}\n\nSubscribed: messages are shown below as they arrive. UNSUBSCRIBE (or PUNSUBSCRIBE, SUNSUBSCRIBE) or RESET ends it.`

async function selectTab(page: Page, index: number): Promise<void> {
  const tab = page.getByRole('tab').nth(index)
  await tab.click()
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true')
}

describeBrowser('pub/sub in the console', () => {
  const browser = useChromium()

  test('SUBSCRIBE in one tab receives what PUBLISH sends in another', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'SUBSCRIBE news', subscribed('1) "subscribe"\n2) "news"\n3) (integer) 1'))
    // Subscribed mode refuses other commands, as Redis does over RESP2.
    await run(page, 'GET k', "(error) ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context")

    await newClient(page)
    await run(page, 'PUBLISH news hello', '(integer) 1')
    await selectTab(page, 0)
    await expect.poll(() => consoleLog(page).innerText()).toContain('1) "message"\n2) "news"\n3) "hello"')
    await screenshot(page, 'pubsub-message')
  })

  test('PSUBSCRIBE with several patterns confirms each, and gets pmessage', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'PSUBSCRIBE news.* sport.*',
      subscribed('1) "psubscribe"\n2) "news.*"\n3) (integer) 1\n1) "psubscribe"\n2) "sport.*"\n3) (integer) 2'))
    await newClient(page)
    await run(page, 'PUBLISH news.tech "new chip"', '(integer) 1')
    await run(page, 'PUBLISH weather rain', '(integer) 0')
    await selectTab(page, 0)
    await expect.poll(() => consoleLog(page).innerText())
      .toContain('1) "pmessage"\n2) "news.*"\n3) "news.tech"\n4) "new chip"')
    expect(await consoleLog(page).innerText()).not.toContain('rain')
    await run(page, 'PUNSUBSCRIBE sport.*', '1) "punsubscribe"\n2) "sport.*"\n3) (integer) 1')
    await run(page, 'PING', '1) "pong"\n2) ""')
    await run(page, 'RESET', 'RESET')
    await run(page, 'GET k', '(nil)')
  })
})
