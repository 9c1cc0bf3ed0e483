// Workspaces as a user meets them: two browser tabs on one workspace, the workspace menu (new,
// switch, rename, export, import, a bad file), and the site working offline after a first visit.
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { describeBrowser, exec, load, openPlayground, run, screenshot, useChromium } from './playground.ts'

function saved(page: Page): Promise<void> {
  return page.evaluate(() => window.playground.engine.flush())
}

async function menuItem(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: /^Workspace/ }).click()
  await page.getByRole('button', { name }).click()
}

async function nameWorkspace(page: Page, item: string, name: string): Promise<void> {
  await menuItem(page, item)
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('textbox').fill(name)
  await dialog.getByRole('button', { name: item === 'New workspace…' ? 'Create' : 'Rename' }).click()
}

function currentWorkspace(page: Page): Promise<string> {
  return page.getByRole('button', { name: /^Workspace/ }).innerText()
}

describeBrowser('workspaces', () => {
  const browser = useChromium()

  test('two tabs of one workspace share it: writes from both are there, also after reloading both', async () => {
    const first = await openPlayground(browser())
    const second = await openPlayground(browser(), { context: first.context })
    await run(first.page, 'SET from-first 1', 'OK')
    await run(second.page, 'GET from-first', '"1"')
    await run(second.page, 'SET from-second 2', 'OK')
    await run(second.page, 'INCR counter', '(integer) 1')
    await run(first.page, 'INCR counter', '(integer) 2')
    await saved(first.page)
    await load(second.page, 'reload')
    await load(first.page, 'reload')
    expect(await exec(first.page, 'MGET from-first from-second counter')).toBe('1) "1"\n2) "2"\n3) "2"')
    expect(await exec(second.page, 'MGET from-first from-second counter')).toBe('1) "1"\n2) "2"\n3) "2"')
    // Neither tab was told its changes are not saved.
    expect(await first.page.getByText('Open in another tab').count()).toBe(0)
    expect(await second.page.getByText('Open in another tab').count()).toBe(0)
  })

  test('a new workspace starts empty; switching back finds the data; a renamed one keeps its data', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'SET in-default yes', 'OK')
    await nameWorkspace(page, 'New workspace…', 'Scratch')
    await expect.poll(() => currentWorkspace(page)).toContain('Scratch')
    expect(await exec(page, 'DBSIZE')).toBe('(integer) 0')
    await run(page, 'SET in-scratch yes', 'OK')
    await menuItem(page, /Default/)
    await expect.poll(() => currentWorkspace(page)).toContain('Default')
    expect(await exec(page, 'MGET in-default in-scratch')).toBe('1) "yes"\n2) (nil)')
    await nameWorkspace(page, 'Rename…', 'Main')
    await expect.poll(() => currentWorkspace(page)).toContain('Main')
    await load(page, 'reload')
    expect(await currentWorkspace(page)).toContain('Main')
    expect(await exec(page, 'GET in-default')).toBe('"yes"')
  })

  test('export to a file and import it back; a foreign file gets a clear message and changes nothing', async () => {
    const { page } = await openPlayground(browser())
    await run(page, 'HSET user:1 name Ada', '(integer) 1')
    await run(page, 'SET session abc EX 500', 'OK')
    const download = page.waitForEvent('download')
    await menuItem(page, 'Export to a file')
    const file = join(tmpdir(), `playground-export-${process.pid}.json`)
    await (await download).saveAs(file)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toBeTypeOf('object')

    await run(page, 'FLUSHALL', 'OK')
    const chooser = page.waitForEvent('filechooser')
    await menuItem(page, 'Import a file…')
    await (await chooser).setFiles(file)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported' }).count()).toBe(1)
    expect(await exec(page, 'HGET user:1 name')).toBe('"Ada"')
    expect(Number((await exec(page, 'TTL session')).replace('(integer) ', ''))).toBeGreaterThan(400)

    const foreign = join(tmpdir(), `playground-foreign-${process.pid}.json`)
    writeFileSync(foreign, '{"hello": "this is not a workspace"}')
    const before = await exec(page, 'DBSIZE')
    const workspace = await currentWorkspace(page)
    const second = page.waitForEvent('filechooser')
    await menuItem(page, 'Import a file…')
    await (await second).setFiles(foreign)
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/was not imported/)
    expect(await exec(page, 'DBSIZE')).toBe(before)
    expect(await currentWorkspace(page)).toBe(workspace)
    await screenshot(page, 'workspace-import-refused')
  })

  test('after the first visit the playground opens and keeps its data offline', async () => {
    const { page, context } = await openPlayground(browser())
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await run(page, 'SET offline-key kept', 'OK')
    await saved(page)
    // Once the service worker controls the page, everything it needs is cached.
    await load(page, 'reload')
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await context.setOffline(true)
    await load(page, 'reload')
    expect(await exec(page, 'GET offline-key')).toBe('"kept"')
    await run(page, 'INCR offline-counter', '(integer) 1')
    await context.setOffline(false)
  })
})
