import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { array, bulk, bulks, error, int, NIL, OK, type Reply, simple } from '../../worker/reply.ts'
import type { KeyChange } from '../../worker/engine.ts'

/** A test engine that records key-change events. */
function withEvents() {
  const t = testEngine()
  const events: string[] = []
  t.engine.onKeyChange((change: KeyChange) => events.push(`${change.db}:${change.event}:${change.key}`))
  return { ...t, events }
}

/** KEYS and SCAN list keys in no defined order: sort them for comparison. */
const sorted = (reply: Reply): Reply =>
  reply.type === 'array' ? bulks(reply.value.map((r) => (r.type === 'bulk' ? r.value : '?')).sort()) : reply

describe('DEL, UNLINK, EXISTS, TOUCH, TYPE', () => {
  it('DEL and UNLINK count the keys they removed and emit del', () => {
    const { run, events } = withEvents()
    run('SET a 1')
    run('SET b 2')
    events.length = 0
    expect(run('DEL a nosuch a')).toEqual(int(1))
    expect(run('UNLINK b c')).toEqual(int(1))
    expect(run('DEL a')).toEqual(int(0))
    expect(events).toEqual(['0:del:a', '0:del:b'])
    expect(run('DEL')).toEqual(error("ERR wrong number of arguments for 'del' command"))
  })

  it('EXISTS counts a key named twice twice; TOUCH counts existing keys', () => {
    const { run } = testEngine()
    run('SET a 1')
    expect(run('EXISTS a a b')).toEqual(int(2))
    expect(run('EXISTS b')).toEqual(int(0))
    expect(run('TOUCH a b a')).toEqual(int(2))
  })

  it('TYPE names the type as a status reply', () => {
    const { run } = testEngine()
    run('SET s x')
    expect(run('TYPE s')).toEqual(simple('string'))
    expect(run('TYPE nosuch')).toEqual(simple('none'))
  })

  it('expired keys do not exist (lazy expiry on the fake clock)', () => {
    const { run, advance, events } = withEvents()
    run('SET a 1')
    run('PEXPIRE a 100')
    advance(100)
    // As in Redis, a key expires once the clock is past its time, not at it.
    expect(run('EXISTS a')).toEqual(int(1))
    expect(run('PTTL a')).toEqual(int(0))
    advance(1)
    expect(run('EXISTS a')).toEqual(int(0))
    expect(run('TYPE a')).toEqual(simple('none'))
    expect(events).toContain('0:expired:a')
  })
})

describe('RENAME and RENAMENX', () => {
  it('moves the value and keeps the TTL', () => {
    const { run, events } = withEvents()
    run('SET a hello')
    run('PEXPIRE a 5000')
    events.length = 0
    expect(run('RENAME a b')).toEqual(OK)
    expect(run('GET a')).toEqual(NIL)
    expect(run('GET b')).toEqual(bulk('hello'))
    expect(run('PTTL b')).toEqual(int(5000))
    expect(events).toEqual(['0:rename_from:a', '0:rename_to:b'])
  })

  it('RENAME replaces the target and its TTL; a target TTL does not survive', () => {
    const { run } = testEngine()
    run('SET a 1')
    run('SET b 2')
    run('EXPIRE b 100')
    expect(run('RENAME a b')).toEqual(OK)
    expect(run('GET b')).toEqual(bulk('1'))
    expect(run('TTL b')).toEqual(int(-1))
  })

  it('errors and same-name cases', () => {
    const { run } = testEngine()
    expect(run('RENAME nosuch x')).toEqual(error('ERR no such key'))
    expect(run('RENAME nosuch nosuch')).toEqual(error('ERR no such key'))
    expect(run('RENAMENX nosuch x')).toEqual(error('ERR no such key'))
    run('SET a 1')
    expect(run('RENAME a a')).toEqual(OK)
    expect(run('RENAMENX a a')).toEqual(int(0))
    run('SET b 2')
    expect(run('RENAMENX a b')).toEqual(int(0))
    expect(run('RENAMENX a c')).toEqual(int(1))
    expect(run('GET c')).toEqual(bulk('1'))
  })
})

describe('COPY', () => {
  it('copies strings with their TTL and emits copy_to', () => {
    const { run, events } = withEvents()
    run('SET a v')
    run('PEXPIRE a 3000')
    events.length = 0
    expect(run('COPY a b')).toEqual(int(1))
    expect(run('GET b')).toEqual(bulk('v'))
    expect(run('PTTL b')).toEqual(int(3000))
    expect(run('GET a')).toEqual(bulk('v'))
    expect(events).toEqual(['0:copy_to:b'])
  })

  it('does not overwrite without REPLACE; REPLACE drops the old TTL', () => {
    const { run } = testEngine()
    run('SET a 1')
    run('SET b 2')
    run('EXPIRE b 100')
    expect(run('COPY a b')).toEqual(int(0))
    expect(run('GET b')).toEqual(bulk('2'))
    expect(run('COPY a b REPLACE')).toEqual(int(1))
    expect(run('GET b')).toEqual(bulk('1'))
    expect(run('TTL b')).toEqual(int(-1))
    expect(run('COPY nosuch b REPLACE')).toEqual(int(0))
  })

  it('copies to another database', () => {
    const { run, events } = withEvents()
    run('SET a 1')
    events.length = 0
    expect(run('COPY a a DB 3')).toEqual(int(1))
    expect(events).toEqual(['3:copy_to:a'])
    expect(run('COPY a a DB 3')).toEqual(int(0))
    expect(run('EXISTS a')).toEqual(int(1))
  })

  it('parses options in order and checks them before the key', () => {
    const { run } = testEngine()
    expect(run('COPY a a')).toEqual(error('ERR source and destination objects are the same'))
    expect(run('COPY a a DB 0')).toEqual(error('ERR source and destination objects are the same'))
    expect(run('COPY a b DB 16')).toEqual(error('ERR DB index is out of range'))
    expect(run('COPY a b DB -1')).toEqual(error('ERR DB index is out of range'))
    expect(run('COPY a b DB x')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('COPY a b DB 2147483648')).toEqual(
      error('ERR value is out of range, value must between -2147483648 and 2147483647'))
    expect(run('COPY a b DB')).toEqual(error('ERR syntax error'))
    expect(run('COPY a b REPLACE foo')).toEqual(error('ERR syntax error'))
    expect(run('COPY a b DB 99 foo')).toEqual(error('ERR DB index is out of range'))
    expect(run('COPY a b foo DB 99')).toEqual(error('ERR syntax error'))
    expect(run('copy a b replace replace db 1')).toEqual(int(0))
  })
})

describe('MOVE', () => {
  it('moves a key with its TTL to another database', () => {
    const { run, events } = withEvents()
    run('SET a 1')
    run('PEXPIRE a 7000')
    events.length = 0
    expect(run('MOVE a 1')).toEqual(int(1))
    expect(events).toEqual(['0:move_from:a', '1:move_to:a'])
    expect(run('EXISTS a')).toEqual(int(0))
    run('SELECT 1')
    expect(run('PTTL a')).toEqual(int(7000))
  })

  it('refuses when the target has the key, and reports errors in Redis order', () => {
    const { run } = testEngine()
    run('SET a 1')
    run('MOVE a 1')
    run('SET a 2')
    expect(run('MOVE a 1')).toEqual(int(0))
    expect(run('GET a')).toEqual(bulk('2'))
    expect(run('MOVE nosuch 1')).toEqual(int(0))
    expect(run('MOVE nosuch 0')).toEqual(error('ERR source and destination objects are the same'))
    expect(run('MOVE a 16')).toEqual(error('ERR DB index is out of range'))
    expect(run('MOVE a x')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('MOVE a 4294967296')).toEqual(
      error('ERR value is out of range, value must between -2147483648 and 2147483647'))
  })
})

describe('KEYS and RANDOMKEY', () => {
  it('KEYS matches glob patterns and skips expired keys', () => {
    const { run, advance } = testEngine()
    run('MSET user:1 a user:2 b user:10 c other d')
    run('SET "" empty')
    expect(sorted(run('KEYS user:?'))).toEqual(bulks(['user:1', 'user:2']))
    expect(sorted(run('KEYS user:*'))).toEqual(bulks(['user:1', 'user:10', 'user:2']))
    expect(sorted(run('KEYS *'))).toEqual(bulks(['', 'other', 'user:1', 'user:10', 'user:2']))
    expect(sorted(run('KEYS **'))).toEqual(bulks(['other', 'user:1', 'user:10', 'user:2']))
    expect(sorted(run('KEYS [ou]*[^0-9]'))).toEqual(bulks(['other']))
    run('PEXPIRE other 10')
    advance(11)
    expect(run('KEYS o*')).toEqual(bulks([]))
  })

  it('RANDOMKEY names a live key or nil', () => {
    const { run, advance } = testEngine()
    expect(run('RANDOMKEY')).toEqual(NIL)
    run('SET only 1')
    expect(run('RANDOMKEY')).toEqual(bulk('only'))
    run('PEXPIRE only 1')
    advance(2)
    expect(run('RANDOMKEY')).toEqual(NIL)
  })
})

describe('SCAN', () => {
  it('walks all keys with COUNT, MATCH and TYPE', () => {
    const { run } = testEngine()
    for (let i = 0; i < 25; i++) run(`SET key:${i} ${i}`)
    const seen: string[] = []
    let cursor = '0'
    let calls = 0
    do {
      const reply = run(`SCAN ${cursor} COUNT 7`)
      if (reply.type !== 'array') throw new Error('SCAN replied ' + JSON.stringify(reply))
      const [next, keys] = reply.value
      cursor = next.type === 'bulk' ? next.value : '?'
      if (keys.type === 'array') for (const k of keys.value) if (k.type === 'bulk') seen.push(k.value)
      calls++
    } while (cursor !== '0' && calls < 100)
    expect(calls).toBe(4)
    expect(seen.sort()).toEqual(Array.from({ length: 25 }, (_, i) => `key:${i}`).sort())
    expect(run('SCAN 0 COUNT 100 MATCH key:1?')).toEqual(
      array([bulk('0'), bulks(['key:10', 'key:11', 'key:12', 'key:13', 'key:14', 'key:15', 'key:16', 'key:17', 'key:18', 'key:19'])]))
    expect(run('SCAN 0 COUNT 100 TYPE hash')).toEqual(array([bulk('0'), bulks([])]))
    expect(run('SCAN 0 COUNT 100 TYPE nosuchtype')).toEqual(array([bulk('0'), bulks([])]))
    expect(run('SCAN 0 COUNT 100 MATCH key:2? TYPE STRING')).toEqual(
      array([bulk('0'), bulks(['key:20', 'key:21', 'key:22', 'key:23', 'key:24'])]))
  })

  it('parses the cursor as strtoul and the options as Redis does', () => {
    const { run } = testEngine()
    run('SET a 1')
    const done = array([bulk('0'), bulks(['a'])])
    expect(run(['SCAN', ''])).toEqual(done)
    expect(run('SCAN +0')).toEqual(done)
    expect(run('SCAN -0')).toEqual(done)
    expect(run('SCAN 00')).toEqual(done)
    expect(run(['SCAN', ' 0'])).toEqual(error('ERR invalid cursor'))
    expect(run('SCAN 0x')).toEqual(error('ERR invalid cursor'))
    expect(run('SCAN 18446744073709551616')).toEqual(error('ERR invalid cursor'))
    expect(run('SCAN x COUNT 0')).toEqual(error('ERR invalid cursor'))
    expect(run('SCAN 0 COUNT 0')).toEqual(error('ERR syntax error'))
    expect(run('SCAN 0 COUNT -1')).toEqual(error('ERR syntax error'))
    expect(run('SCAN 0 COUNT x')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('SCAN 0 COUNT')).toEqual(error('ERR syntax error'))
    expect(run('SCAN 0 MATCH')).toEqual(error('ERR syntax error'))
    expect(run('SCAN 0 TYPE')).toEqual(error('ERR syntax error'))
    expect(run('SCAN 0 FOO bar')).toEqual(error('ERR syntax error'))
    expect(run('SCAN 0 MATCH x MATCH a COUNT 1 COUNT 5')).toEqual(done)
  })

  it('returns every key present for the whole iteration while keys come and go', () => {
    const { run } = testEngine()
    for (let i = 0; i < 50; i++) run(`SET stay:${i} x`)
    for (let i = 0; i < 50; i++) run(`SET go:${i} x`)
    const seen = new Set<string>()
    let cursor = '0'
    let round = 0
    do {
      const reply = run(`SCAN ${cursor} COUNT 5`)
      if (reply.type !== 'array') throw new Error('bad reply')
      const [next, keys] = reply.value
      cursor = next.type === 'bulk' ? next.value : '?'
      if (keys.type === 'array') for (const k of keys.value) if (k.type === 'bulk') seen.add(k.value)
      run(`DEL go:${round}`)
      run(`SET new:${round} x`)
      round++
    } while (cursor !== '0' && round < 1000)
    for (let i = 0; i < 50; i++) expect(seen.has(`stay:${i}`)).toBe(true)
    // Keys deleted before the scan reached them are not returned, even the one it had read ahead (go:9).
    for (let i = 0; i < 10; i++) expect(seen.has(`go:${i}`)).toBe(false)
    expect(seen.has('go:10')).toBe(true)
  })
})
