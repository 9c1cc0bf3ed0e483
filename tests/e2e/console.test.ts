// The console as a user meets it: commands typed and their output, HELP, history, the syntax
// hint, completion, pasting several lines.
import { expect, test } from 'vitest'
import {
  commandBox, commandText, consoleLog, describeBrowser, exec, expectOutput, load, openPlayground, outputOf, run,
  submit, typeLine, useChromium,
} from './playground.ts'

describeBrowser('console', () => {
  const browser = useChromium()

  test('runs typed commands and prints their output as redis-cli does', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'SET greeting "hello world"', 'OK')
    await run(page, 'GET greeting', '"hello world"')
    await run(page, 'GET missing', '(nil)')
    await run(page, 'RPUSH letters a b c', '(integer) 3')
    await run(page, 'LRANGE letters 0 -1', '1) "a"\n2) "b"\n3) "c"')
    // Each entry shows its prompt and command.
    await expect.poll(() => consoleLog(page).innerText()).toContain('127.0.0.1:6379> SET greeting "hello world"')
  })

  test('shows an error reply as an error, distinct from other replies', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'SET counter 1', 'OK')
    await run(page, 'GET', "(error) ERR wrong number of arguments for 'get' command")
    await run(page, 'LPUSH counter x', '(error) WRONGTYPE Operation against a key holding the wrong kind of value')
    const log = consoleLog(page)
    const error = log.getByText("(error) ERR wrong number of arguments for 'get' command", { exact: true })
    const ok = log.getByText('OK', { exact: true })
    const look = (text: typeof ok) =>
      text.evaluate((element) => {
        const style = getComputedStyle(element)
        return `${style.color} ${style.backgroundColor} ${style.borderLeftWidth} ${style.fontWeight}`
      })
    expect(await look(error)).not.toBe(await look(ok))
  })

  test('HELP SET prints the syntax, summary, complexity and since-version', async () => {
    const { page } = await openPlayground(browser())
    await submit(page, 'HELP SET')
    await expectOutput(page, 'HELP SET', /^ {2}SET key value \[NX\|XX\] \[GET\] \[EX seconds\|PX milliseconds/)
    const text = (await outputOf(page, 'HELP SET')) ?? ''
    expect(text).toMatch(/^ {2}summary: \S/m)
    expect(text).toMatch(/^ {2}complexity: O\(1\)$/m)
    expect(text).toMatch(/^ {2}since: 1\.0\.0$/m)
    expect(text).toMatch(/^ {2}group: string$/m)
  })

  test('Up recalls the previous commands, Down comes back to the line being typed', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'SET first 1', 'OK')
    await run(page, 'SET second 2', 'OK')
    await typeLine(page, 'GET dr')
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => commandText(page)).toBe('SET second 2')
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => commandText(page)).toBe('SET first 1')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => commandText(page)).toBe('SET second 2')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => commandText(page)).toBe('GET dr')
    // A recalled command runs again with Enter.
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await consoleLog(page).innerText()).split('> SET first 1\n').length - 1).toBe(2)
  })

  test('the history survives a reload', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'ECHO remembered', '"remembered"')
    await run(page, 'PING', 'PONG')
    await load(page, 'reload')
    await commandBox(page).click()
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => commandText(page)).toBe('PING')
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => commandText(page)).toBe('ECHO remembered')
  })

  test('a syntax hint follows the arguments typed', async () => {
    const { page } = await openPlayground(browser())
    const hint = page.locator('.cm-redis-hint')
    // The hint is drawn by CSS after the text: read what is drawn.
    const drawn = () =>
      hint.evaluateAll((elements) => elements.map((element) => getComputedStyle(element, '::after').content).join(''))
    await typeLine(page, 'SET key ')
    await expect.poll(drawn).toMatch(/NX\|XX|EX seconds/)
    await expect.poll(drawn).toMatch(/^"value \[NX\|XX\]/)
    // It shrinks as arguments are given, and is not part of the command's text.
    await page.keyboard.type('v NX ')
    await expect.poll(drawn).not.toMatch(/NX\|XX/)
    await expect.poll(drawn).toMatch(/EX seconds/)
    expect(await commandText(page)).toBe('SET key v NX')
  })

  test('completes command names', async () => {
    const { page } = await openPlayground(browser())
    await typeLine(page, 'HSE')
    const list = page.getByRole('listbox')
    const hset = list.locator('.cm-completionLabel').getByText('HSET', { exact: true })
    await hset.waitFor()
    await expect.poll(() => list.locator('.cm-completionLabel').allInnerTexts()).toContain('HSETNX')
    await hset.click()
    await expect.poll(() => commandText(page)).toBe('HSET')
    await page.keyboard.type('myhash f v')
    await page.keyboard.press('Enter')
    await expectOutput(page, 'HSET myhash f v', '(integer) 1')
  })

  test('completes existing key names', async () => {
    const { page } = await openPlayground(browser())
    expect(await exec(page, 'SET user:1000:profile x')).toBe('OK')
    expect(await exec(page, 'SET order:7 y')).toBe('OK')
    await typeLine(page, 'GET user:1')
    const list = page.getByRole('listbox')
    const labels = list.locator('.cm-completionLabel')
    await labels.getByText('user:1000:profile', { exact: true }).waitFor()
    expect(await labels.allInnerTexts()).not.toContain('order:7')
    await page.keyboard.press('Tab')
    await expect.poll(() => commandText(page)).toBe('GET user:1000:profile')
    await page.keyboard.press('Enter')
    await expectOutput(page, 'GET user:1000:profile', '"x"')
  })

  test('pasting several lines runs each of them in order', async () => {
    const { context, page } = await openPlayground(browser())
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const lines = ['SET pasted 10', 'INCR pasted', 'INCRBY pasted 5', 'GET pasted']
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${lines.join('\n')}\n`)
    await commandBox(page).click()
    await page.keyboard.press('ControlOrMeta+V')
    await expectOutput(page, 'SET pasted 10', 'OK')
    await expectOutput(page, 'INCR pasted', '(integer) 11')
    await expectOutput(page, 'INCRBY pasted 5', '(integer) 16')
    await expectOutput(page, 'GET pasted', '"16"')
    const log = await consoleLog(page).innerText()
    const order = lines.map((line) => log.indexOf(`> ${line}\n`))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    // The input is empty again: every pasted line was run.
    expect(await commandText(page)).toBe('')
    // Each pasted line is in the history.
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => commandText(page)).toBe('GET pasted')
  })

  test('completes subcommands and option tokens', async () => {
    const { page } = await openPlayground(browser())
    await typeLine(page, 'CLIENT SETN')
    const labels = page.getByRole('listbox').locator('.cm-completionLabel')
    await labels.getByText('SETNAME', { exact: true }).waitFor()
    await page.keyboard.press('Tab')
    await expect.poll(() => commandText(page)).toBe('CLIENT SETNAME')
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Backspace')
    await page.keyboard.type('ZRANGE board 0 -1 WITHS')
    await labels.getByText('WITHSCORES', { exact: true }).waitFor()
    await page.keyboard.press('Tab')
    await expect.poll(() => commandText(page)).toBe('ZRANGE board 0 -1 WITHSCORES')
  })

  test('Ctrl+L clears the output, and HELP @group lists a group\'s commands', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'SET cleared soon', 'OK')
    await commandBox(page).click()
    await page.keyboard.press('Control+l')
    await expect.poll(() => consoleLog(page).innerText()).not.toContain('SET cleared soon')
    await submit(page, 'HELP @list')
    await expect.poll(() => outputOf(page, 'HELP @list')).toMatch(/LPUSH key element \[element \.\.\.\]/)
    const help = (await outputOf(page, 'HELP @list')) ?? ''
    expect(help).toContain('BLPOP')
    expect(help).not.toContain('HSET')
  })
})
