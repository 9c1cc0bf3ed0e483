// SHUTDOWN in the browser: the engine starts again from what is stored, as a restarted Redis
// loads its files; every connection is closed, and the console's next command opens a new one.
import { afterEach, describe, expect, it } from 'vitest'
import { openTab, sleep, type Tab } from '../helpers/host.ts'

const tabs: Tab[] = []
afterEach(async () => {
  for (const opened of tabs.splice(0)) await opened.close()
})

describe('SHUTDOWN in the host', () => {
  it('stores what is pending, closes every connection and starts again from what is stored', async () => {
    const tab = openTab({ storage: 'memory', flushDelay: 60_000 })
    tabs.push(tab)
    const { engine } = tab
    const first = await engine.createClient()
    const other = await engine.createClient()
    await engine.exec(first, ['SET', 'kept', '1'])
    await engine.exec(first, ['SCRIPT', 'LOAD', 'return 1'])
    await engine.exec(first, ['CONFIG', 'SET', 'busy-reply-threshold', '100'])
    const shut = await engine.exec(other, ['SHUTDOWN'])
    expect(shut.closed).toBe(true)
    expect(shut.noReply).toBe(true)
    await expect(engine.exec(first, ['PING'])).rejects.toThrow(/closed/)
    const next = await engine.createClient()
    expect((await engine.exec(next, ['GET', 'kept'])).text).toBe('"1"')
    expect((await engine.exec(next, ['SCRIPT', 'EXISTS', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db'])).text).toBe('1) (integer) 0')
    expect((await engine.exec(next, ['CONFIG', 'GET', 'busy-reply-threshold'])).text).toBe('1) "busy-reply-threshold"\n2) "5000"')
  })

  it('NOSAVE stops a script that wrote, and what it wrote is gone', async () => {
    const tab = openTab({ storage: 'memory', flushDelay: 5 })
    tabs.push(tab)
    const { engine } = tab
    const caller = await engine.createClient()
    const other = await engine.createClient()
    await engine.exec(other, ['SET', 'before', '1'])
    await engine.exec(other, ['CONFIG', 'SET', 'busy-reply-threshold', '50'])
    await sleep(30)
    const running = engine.exec(caller, ['EVAL', "redis.call('set', 'written', 'x') while true do end", '0'])
      .then(() => 'answered', (fault: unknown) => String(fault))
    let busy = ''
    for (let i = 0; i < 100 && !busy.startsWith('(error) BUSY'); i++) {
      busy = (await engine.exec(other, ['GET', 'before'])).text
      await sleep(10)
    }
    expect(busy).toMatch(/^\(error\) BUSY/)
    expect((await engine.exec(other, ['SCRIPT', 'KILL'])).text).toMatch(/^\(error\) UNKILLABLE/)
    expect((await engine.exec(other, ['SHUTDOWN'])).text).toMatch(/^\(error\) BUSY/)
    const shut = await engine.exec(other, ['SHUTDOWN', 'NOSAVE'])
    expect(shut.closed).toBe(true)
    expect(await running).toMatch(/closed/)
    const next = await engine.createClient()
    expect((await engine.exec(next, ['GET', 'before'])).text).toBe('"1"')
    expect((await engine.exec(next, ['EXISTS', 'written'])).text).toBe('(integer) 0')
    expect((await engine.exec(next, ['PING'])).text).toBe('PONG')
  })
})
