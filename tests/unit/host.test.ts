// The worker host over a MessageChannel, as the page talks to it: commands, clients, paged
// replies, events, the key browser's listing and the visualizers' windows. Storage is memory here;
// tests/unit/persist.test.ts covers IndexedDB.
import { afterEach, describe, expect, it } from 'vitest'
import { EngineFault, splitCommandLine } from '../../src/lib/engine-client.ts'
import { manualClock, openTab, sleep, type Tab } from '../helpers/host.ts'

const tabs: Tab[] = []
function tab(options: Parameters<typeof openTab>[0] = {}): Tab {
  const opened = openTab({ storage: 'memory', ...options })
  tabs.push(opened)
  return opened
}
afterEach(async () => {
  for (const opened of tabs.splice(0)) await opened.close()
})

describe('exec', () => {
  it('answers with the reply and its redis-cli text', async () => {
    const { engine } = tab()
    const client = await engine.createClient()
    expect(await engine.exec(client, ['SET', 'k', 'v'])).toMatchObject({
      client, reply: { type: 'simple', value: 'OK' }, kind: 'simple', text: 'OK', lines: 1, closed: false,
    })
    const list = await engine.exec(client, ['RPUSH', 'l', 'a', '\xc3\xa9'])
    expect(list.text).toBe('(integer) 2')
    expect((await engine.exec(client, ['LRANGE', 'l', '0', '-1'])).text).toBe('1) "a"\n2) "\\xc3\\xa9"')
    const error = await engine.exec(client, ['LPUSH', 'k', 'x'])
    expect(error).toMatchObject({ kind: 'error', text: '(error) WRONGTYPE Operation against a key holding the wrong kind of value' })
    expect((await engine.exec(client, ['NOSUCH'])).text).toBe("(error) ERR unknown command 'NOSUCH', with args beginning with: ")
  })

  it('prints replies as the client protocol shows them', async () => {
    const { engine, host } = tab()
    const client = await engine.createClient()
    await engine.exec(client, ['HSET', 'h', 'f', 'v'])
    expect((await engine.exec(client, ['HGETALL', 'h'])).text).toBe('1) "f"\n2) "v"')
    const resp3 = host.engine.clients.get(client)
    if (resp3 === undefined) throw new Error('client missing')
    resp3.resp = 3
    expect((await engine.exec(client, ['HGETALL', 'h'])).text).toBe('1# "f" => "v"')
  })

  it('splits a typed line as redis-cli does', () => {
    expect(splitCommandLine('SET "a b" \'c\' é')).toEqual(['SET', 'a b', 'c', '\xc3\xa9'])
    expect(splitCommandLine('SET "open')).toBeUndefined()
    expect(splitCommandLine('   ')).toEqual([])
  })

  it('waits with requests sent before the workspace has loaded', async () => {
    const { engine } = tab()
    const [client, other] = await Promise.all([engine.createClient(), engine.createClient()])
    expect(client).not.toBe(other)
  })

  it('gives each client its own connection state and reports changes to it', async () => {
    const t = tab()
    const first = await t.engine.createClient()
    const second = await t.engine.createClient('checker')
    const selected = t.next('clientState', (event) => event.client === first)
    await t.engine.exec(first, ['SELECT', '5'])
    expect(await selected).toEqual({ type: 'clientState', client: first, db: 5, resp: 2, name: '' })
    await t.engine.exec(first, ['SET', 'k', 'five'])
    expect((await t.engine.exec(second, ['GET', 'k'])).text).toBe('(nil)')
    expect((await t.engine.exec(first, ['GET', 'k'])).text).toBe('"five"')
    const status = await t.engine.status()
    expect(status.clients).toEqual([
      { client: first, db: 5, resp: 2, name: '' },
      { client: second, db: 0, resp: 2, name: 'checker' },
    ])
  })

  it('closes a client on QUIT and refuses commands for it afterwards', async () => {
    const { engine } = tab()
    const client = await engine.createClient()
    expect(await engine.exec(client, ['QUIT'])).toMatchObject({ text: 'OK', closed: true })
    await expect(engine.exec(client, ['PING'])).rejects.toThrow(EngineFault)
    await expect(engine.exec(client, ['PING'])).rejects.toThrow(`There is no client ${client} (it was closed).`)
    const other = await engine.createClient()
    await engine.closeClient(other)
    await expect(engine.exec(other, ['PING'])).rejects.toThrow('it was closed')
  })

  it('keeps each client\'s replies in order', async () => {
    const { engine } = tab()
    const client = await engine.createClient()
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => engine.exec(client, ['INCR', 'n']).then((r) => [i, r.text])))
    expect(replies).toEqual(Array.from({ length: 50 }, (_, i) => [i, `(integer) ${i + 1}`]))
  })
})

describe('large replies', () => {
  it('sends the first page of lines with a handle; page() fetches the rest', async () => {
    const { engine } = tab({ pageLines: 10 })
    const client = await engine.createClient()
    const elements = Array.from({ length: 25 }, (_, i) => `e${i}`)
    await engine.exec(client, ['RPUSH', 'l', ...elements])
    const result = await engine.exec(client, ['LRANGE', 'l', '0', '-1'])
    const all = elements.map((element, i) => `${String(i + 1).padStart(2)}) "${element}"`)
    expect(result.reply).toBeNull()
    expect(result.kind).toBe('array')
    expect(result.lines).toBe(25)
    expect(result.text).toBe(all.slice(0, 10).join('\n'))
    const handle = result.more?.handle ?? -1
    expect(result.more).toEqual({ handle, shownLines: 10 })
    expect(await engine.page(handle, 10, 10)).toEqual({ handle, start: 10, end: 20, lines: 25, text: all.slice(10, 20).join('\n') })
    expect(await engine.page(handle, 20, 10)).toMatchObject({ start: 20, end: 25, text: all.slice(20).join('\n') })
    expect(await engine.page(handle, 30, 10)).toMatchObject({ start: 25, end: 25, text: '' })
    await engine.releasePage(handle)
    await expect(engine.page(handle, 0, 10)).rejects.toThrow('That reply is no longer available; run the command again.')
  })

  it('gives the whole text and the reply when asked for it', async () => {
    const { engine } = tab({ pageLines: 10 })
    const client = await engine.createClient()
    await engine.exec(client, ['RPUSH', 'l', ...Array.from({ length: 25 }, (_, i) => `e${i}`)])
    const result = await engine.exec(client, ['LRANGE', 'l', '0', '-1'], { full: true })
    expect(result.more).toBeUndefined()
    expect(result.lines).toBe(25)
    expect(result.text.split('\n')).toHaveLength(25)
    expect(result.reply?.type).toBe('array')
  })

  it('pages a reply of few but very long lines, cutting what no console shows', async () => {
    const { engine } = tab()
    const client = await engine.createClient()
    await engine.exec(client, ['SET', 'big', 'x'.repeat(300_000)])
    await engine.exec(client, ['SET', 'small', 'y'])
    const result = await engine.exec(client, ['MGET', 'big', 'small'])
    expect(result.lines).toBe(2)
    const [first, second] = result.text.split('\n')
    expect(first).toBe(`1) "${'x'.repeat(65_536 - 4)}…`)
    expect(second).toBe('2) "y"')
    expect(result.more?.shownLines).toBe(2)
    const again = await engine.page(result.more?.handle ?? -1, 1, 10)
    expect(again.text).toBe('2) "y"')
    const full = await engine.exec(client, ['GET', 'big'], { full: true })
    expect(full.text.length).toBe(300_002)
  })

  it('posts a reply of hundreds of thousands of lines as one bounded page', async () => {
    const { engine } = tab()
    const client = await engine.createClient()
    for (let batch = 0; batch < 20; batch++) {
      await engine.exec(client, ['RPUSH', 'big', ...Array.from({ length: 10_000 }, (_, i) => String(batch * 10_000 + i))])
    }
    const result = await engine.exec(client, ['LRANGE', 'big', '0', '-1'])
    expect(result.lines).toBe(200_000)
    expect(result.text.split('\n')).toHaveLength(1000)
    expect(result.text.startsWith('     1) "0"\n')).toBe(true)
    const last = await engine.page(result.more?.handle ?? -1, 199_999, 5)
    expect(last.text).toBe('200000) "199999"')
  })
})

describe('events', () => {
  it('reports changed keys in batches, per database', async () => {
    const t = tab()
    // Loading the workspace changed every database; that news comes first.
    await t.next('changed', (event) => event.db === 15 && event.all)
    const client = await t.engine.createClient()
    const changed = t.next('changed', (event) => event.db === 0 && !event.all)
    await t.engine.exec(client, ['SET', 'a', '1'])
    await t.engine.exec(client, ['SET', 'b', '2'])
    await t.engine.exec(client, ['DEL', 'a'])
    expect(await changed).toEqual({ type: 'changed', db: 0, keys: ['a', 'b'], all: false })
    const other = t.next('changed', (event) => event.db === 2)
    await t.engine.exec(client, ['SELECT', '2'])
    await t.engine.exec(client, ['FLUSHDB'])
    expect(await other).toEqual({ type: 'changed', db: 2, keys: [], all: true })
  })

  it('says a whole database changed rather than listing thousands of keys', async () => {
    const t = tab()
    const client = await t.engine.createClient()
    const changed = t.next('changed', (event) => event.db === 0)
    const args = Array.from({ length: 3000 }, (_, i) => [`k${i}`, 'v']).flat()
    await t.engine.exec(client, ['MSET', ...args])
    expect(await changed).toEqual({ type: 'changed', db: 0, keys: [], all: true })
  })

  it('runs the active expiry ten times a second and reports expired keys', async () => {
    const clock = manualClock()
    const t = tab({ clock: clock.now, tickInterval: 10 })
    const client = await t.engine.createClient()
    await t.engine.exec(client, ['SET', 'short', 'v', 'PX', '100'])
    await t.engine.exec(client, ['SET', 'long', 'v', 'EX', '100'])
    await sleep(50)
    const expired = t.next('changed', (event) => event.keys.includes('short'))
    clock.advance(101)
    expect(await expired).toEqual({ type: 'changed', db: 0, keys: ['short'], all: false })
    expect(t.host.engine.databases[0].size).toBe(1)
  })
})

describe('key browser and visualizer windows', () => {
  it('lists keys with their types and TTLs, filtered, in bounded steps', async () => {
    const clock = manualClock()
    const { engine } = tab({ clock: clock.now })
    const client = await engine.createClient()
    await engine.exec(client, ['SET', 'user:1', 'a', 'PX', '5000'])
    await engine.exec(client, ['RPUSH', 'user:list', 'x'])
    await engine.exec(client, ['SADD', 'other', 'm'])
    clock.advance(1000)
    const everything = await engine.keys(0, { count: 10 })
    expect(everything.cursor).toBe('0')
    expect(everything.total).toBe(3)
    expect(everything.keys).toEqual([
      { name: 'user:1', type: 'string', ttl: 4000 },
      { name: 'user:list', type: 'list', ttl: -1 },
      { name: 'other', type: 'set', ttl: -1 },
    ])
    expect((await engine.keys(0, { pattern: 'user:*' })).keys.map((key) => key.name)).toEqual(['user:1', 'user:list'])
    expect((await engine.keys(0, { keyType: 'set' })).keys.map((key) => key.name)).toEqual(['other'])
    expect((await engine.keys(1, {})).keys).toEqual([])
    await expect(engine.keys(16, {})).rejects.toThrow('There is no database 16.')
  })

  it('walks a large database with a cursor, every key once', async () => {
    const { engine } = tab()
    const client = await engine.createClient()
    await engine.exec(client, ['MSET', ...Array.from({ length: 2500 }, (_, i) => [`k${i}`, 'v']).flat()])
    const seen: string[] = []
    let cursor = '0'
    let steps = 0
    do {
      const page = await engine.keys(0, { cursor, count: 100 })
      expect(page.keys.length).toBeLessThanOrEqual(100)
      seen.push(...page.keys.map((key) => key.name))
      cursor = page.cursor
      steps++
    } while (cursor !== '0')
    expect(steps).toBe(25)
    expect(new Set(seen).size).toBe(2500)
    const few = await engine.keys(0, { count: 10, pattern: 'k249*' })
    expect(few.keys.length).toBeLessThanOrEqual(10)
  })

  it('inspects a key: type, encoding, TTL, size and a window of elements', async () => {
    const clock = manualClock()
    const { engine } = tab({ clock: clock.now })
    const client = await engine.createClient()
    await engine.exec(client, ['RPUSH', 'list', ...Array.from({ length: 500 }, (_, i) => `e${i}`)])
    await engine.exec(client, ['PEXPIRE', 'list', '9000'])
    expect(await engine.inspect(0, 'list', { start: 10, count: 3 })).toEqual({
      db: 0, key: 'list', encoding: 'quicklist', ttl: 9000, expireAt: clock.now() + 9000, size: 500, start: 10,
      window: { type: 'list', elements: ['e10', 'e11', 'e12'] },
    })
    expect((await engine.inspect(0, 'list'))?.window).toMatchObject({ type: 'list', elements: expect.any(Array) })
    expect(((await engine.inspect(0, 'list'))?.window as { elements: string[] }).elements).toHaveLength(200)
    expect(((await engine.inspect(0, 'list', { start: 499 }))?.window as { elements: string[] }).elements).toEqual(['e499'])
    expect(((await engine.inspect(0, 'list', { start: 900 }))?.window as { elements: string[] }).elements).toEqual([])
    await engine.exec(client, ['SET', 'n', '42'])
    expect(await engine.inspect(0, 'n')).toMatchObject({ encoding: 'int', size: 2, ttl: -1, expireAt: null, window: { type: 'string', value: '42' } })
    await engine.exec(client, ['SADD', 's', '3', '1', '2'])
    expect(await engine.inspect(0, 's', { start: 1, count: 5 })).toMatchObject({ encoding: 'intset', size: 3, window: { type: 'set', members: ['2', '3'] } })
    await engine.exec(client, ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'])
    expect(await engine.inspect(0, 'h', { count: 2 })).toMatchObject({ encoding: 'listpack', window: { type: 'hash', entries: [['a', '1'], ['b', '2']] } })
    expect(await engine.inspect(0, 'missing')).toBeNull()
  })

  it('inspects sorted sets by rank', async () => {
    const { engine, host } = tab()
    const client = await engine.createClient()
    await engine.exec(client, ['PING'])
    const zset = await import('../../worker/types/zset.ts')
    const value = new zset.ZSetValue()
    for (let i = 0; i < 300; i++) value.set(`m${i}`, 300 - i, zset.listpackLimits(host.engine.config))
    host.engine.databases[0].set('z', value)
    expect(await engine.inspect(0, 'z', { start: 0, count: 3 })).toMatchObject({
      encoding: 'skiplist', size: 300, window: { type: 'zset', entries: [['m299', 1], ['m298', 2], ['m297', 3]] },
    })
  })
})
