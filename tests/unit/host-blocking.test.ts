// Blocking commands through the worker host: the exec answer waits until another client's
// write serves it (or its time is up), and that client's later requests wait behind it.
import { afterEach, describe, expect, it } from 'vitest'
import { openTab, sleep, type Tab } from '../helpers/host.ts'

const tabs: Tab[] = []
afterEach(async () => {
  for (const opened of tabs.splice(0)) await opened.close()
})

describe('blocking commands in the host', () => {
  it('answers BLPOP once another client pushes, then runs the requests that waited', async () => {
    const tab = openTab({ storage: 'memory' })
    tabs.push(tab)
    const { engine } = tab
    const waiter = await engine.createClient()
    const writer = await engine.createClient()
    let answered = false
    const blocked = engine.exec(waiter, ['BLPOP', 'q', '0']).then((result) => {
      answered = true
      return result
    })
    const after = engine.exec(waiter, ['ECHO', 'after'])
    await sleep(20)
    expect(answered).toBe(false)
    await engine.exec(writer, ['RPUSH', 'q', 'a'])
    expect((await blocked).text).toBe('1) "q"\n2) "a"')
    expect((await after).text).toBe('"after"')
  })

  it('answers a timeout with a null array', async () => {
    const tab = openTab({ storage: 'memory' })
    tabs.push(tab)
    const waiter = await tab.engine.createClient()
    const result = await tab.engine.exec(waiter, ['BRPOP', 'q', '0.05'])
    expect(result.reply).toEqual({ type: 'nullArray' })
    expect(result.text).toBe('(nil)')
  })
})
