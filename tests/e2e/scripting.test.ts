// A script that loops forever in one client tab: the other tab gets BUSY, SCRIPT KILL ends it,
// and the page stays responsive all along (the engine runs the script in slices in its worker).
// A script that wrote cannot be killed: SHUTDOWN NOSAVE restarts the engine from what is stored.
import { expect, test } from 'vitest'
import { join } from 'node:path'
import { commandText, consoleLog, describeBrowser, expectOutput, openPlayground, run, submit, typeLine, useChromium } from './playground.ts'
import { ARTIFACTS_DIR } from './paths.ts'

const LOOP = 'EVAL "while true do end" 0'

describeBrowser('long scripts in the page', () => {
  const browser = useChromium()

  test('one tab loops, the other gets BUSY and kills the script', async () => {
    const { page } = await openPlayground(browser())
    const tabs = page.getByRole('tab')
    await run(page, 'CONFIG SET busy-reply-threshold 100', 'OK')
    await submit(page, LOOP)

    await page.getByRole('button', { name: 'New client' }).click()
    await expect.poll(() => tabs.count()).toBe(2)
    await expect.poll(() => tabs.nth(1).getAttribute('aria-selected')).toBe('true')
    await run(page, 'GET x', '(error) BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.')
    // The page answers typing while the script runs.
    await typeLine(page, 'typing still works')
    await expect.poll(() => commandText(page)).toBe('typing still works')
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Backspace')
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'scripting-busy.png') })

    await run(page, 'SCRIPT KILL', 'OK')
    await tabs.nth(0).click()
    await expect.poll(() => tabs.nth(0).getAttribute('aria-selected')).toBe('true')
    await expectOutput(page, LOOP, /^\(error\) ERR Script killed by user with SCRIPT KILL\.\.\. script: [0-9a-f]{40}, on @user_script:1\.$/)
    await run(page, 'PING', 'PONG')
  })

  test('a script that wrote is stopped by SHUTDOWN NOSAVE; the engine starts again from what was stored', async () => {
    const { page } = await openPlayground(browser())
    const tabs = page.getByRole('tab')
    await run(page, 'SET kept 1', 'OK')
    await run(page, 'SAVE', 'OK')
    await run(page, 'CONFIG SET busy-reply-threshold 100', 'OK')
    const writing = `EVAL "redis.call('set', 'lost', 1) while true do end" 0`
    await submit(page, writing)

    await page.getByRole('button', { name: 'New client' }).click()
    await expect.poll(() => tabs.count()).toBe(2)
    await run(page, 'SCRIPT KILL', /^\(error\) UNKILLABLE /)
    await run(page, 'SHUTDOWN', '(error) BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.')
    await submit(page, 'SHUTDOWN NOSAVE')
    await expect.poll(() => consoleLog(page).innerText()).toContain('The connection was closed; the next command opens a new one.')
    await run(page, 'GET kept', '"1"')
    await run(page, 'EXISTS lost', '(integer) 0')
    await run(page, 'CONFIG GET busy-reply-threshold', '1) "busy-reply-threshold"\n2) "5000"')
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'scripting-shutdown.png') })

    await page.reload()
    await run(page, 'GET kept', '"1"')
    await run(page, 'EXISTS lost', '(integer) 0')
  })

  test('a long script inside MULTI/EXEC: the other tab gets BUSY, and EXEC answers once the script is killed', async () => {
    const { page } = await openPlayground(browser())
    const tabs = page.getByRole('tab')
    await run(page, 'CONFIG SET busy-reply-threshold 100', 'OK')
    await run(page, 'MULTI', 'OK')
    await run(page, 'SET before 1', 'QUEUED')
    await run(page, LOOP, 'QUEUED')
    await run(page, 'INCR before', 'QUEUED')
    await submit(page, 'EXEC')

    await page.getByRole('button', { name: 'New client' }).click()
    await expect.poll(() => tabs.count()).toBe(2)
    await run(page, 'PING', '(error) BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.')
    await run(page, 'SCRIPT KILL', 'OK')
    await run(page, 'GET before', '"2"')
    await tabs.nth(0).click()
    await expectOutput(page, 'EXEC', /^1\) OK\n2\) \(error\) ERR Script killed by user with SCRIPT KILL\.\.\. script: [0-9a-f]{40}, on @user_script:1\.\n3\) \(integer\) 2$/)
  })
})

