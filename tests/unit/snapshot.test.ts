// Snapshots: every type, every database, absolute expiry times, through the JSON file format and back.
import { describe, expect, it } from 'vitest'
import { Engine } from '../../worker/engine.ts'
import { ZSetValue, listpackLimits } from '../../worker/types/zset.ts'
import {
  loadSnapshot, snapshotFromText, storeKey, snapshotToText, SnapshotError, SNAPSHOT_FORMAT, takeSnapshot, type Snapshot,
} from '../../worker/snapshot.ts'
import { bulk, int } from '../../worker/reply.ts'
import { testEngine, type TestEngine } from '../helpers/engine.ts'

/** Every key of every database as plain data, read from the structures directly. */
function contents(engine: Engine): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const db of engine.databases) {
    for (const key of db.keys()) {
      const value = db.peek(key)
      let data: unknown
      if (typeof value === 'string') data = value
      else if (value === undefined) continue
      else if (value.kind === 'list') data = [...value.values()]
      else if (value.kind === 'set') data = [...value.values()].sort()
      else if (value.kind === 'hash') data = [...value]
      else if (value.kind === 'stream') data = storeKey(db, key)?.[2]
      else data = [...value.entries()].map(({ member, score }) => [member, Object.is(score, -0) ? '-0' : score])
      out.set(`${db.index}/${key}`, { type: typeof value === 'string' ? 'string' : value.kind, data, expireAt: db.expireAt(key) })
    }
  }
  return out
}

function putZSet(t: TestEngine, dbIndex: number, key: string, entries: Array<[string, number]>): void {
  const zset = new ZSetValue()
  for (const [member, score] of entries) zset.set(member, score, listpackLimits(t.engine.config))
  t.engine.databases[dbIndex].set(key, zset)
}

/** A keyspace with every type, binary data, odd key names, several databases and TTLs. */
function sample(): TestEngine {
  const t = testEngine()
  t.run(['SET', 'plain', 'hello'])
  t.run(['SET', 'binary', '\x00\xff\r\n"\\\x7f\xc3\xa9'])
  t.run(['SET', '__proto__', 'constructor'])
  t.run(['SET', 'number', '12345'])
  t.run(['SET', 'ttl-string', 'soon', 'PX', '5000'])
  t.run(['RPUSH', 'list', 'a', 'b', '\x00', 'a'])
  t.run(['SADD', 'intset', '3', '1', '-2'])
  t.run(['SADD', 'words', 'x', 'y', '\xff'])
  t.run(['HSET', 'hash', 'f1', 'v1', 'f2', '', '\x01', '\x02'])
  t.run(['EXPIRE', 'hash', '100'])
  putZSet(t, 0, 'zset', [['a', 1.5], ['b', -Infinity], ['c', Infinity], ['d', 0]])
  // Big enough to stay a skiplist on load, which keeps -0 (a listpack stores it as 0).
  putZSet(t, 0, 'negative-zero', [['z', -0], ['y', 1e-300], ...Array.from({ length: 128 }, (_, i): [string, number] => [`m${i}`, i / 7])])
  t.run('SELECT 3')
  t.run(['SET', 'in-db-3', 'three'])
  t.run(['LPUSH', 'list', 'db3'])
  t.run(['PEXPIRE', 'list', '1234'])
  t.run('SELECT 15')
  t.run(['HSET', 'h', 'k', 'v'])
  t.run('SELECT 0')
  return t
}

describe('snapshot', () => {
  it('round-trips every type, database and expiry time through the file format', () => {
    const a = sample()
    const text = snapshotToText(takeSnapshot(a.engine, 'My data'))
    const b = testEngine()
    b.run(['SET', 'left-over', 'x'])
    b.run(['SELECT', '7'])
    b.run(['SET', 'other', 'y'])
    b.run(['SELECT', '0'])
    const snapshot = snapshotFromText(text)
    expect(snapshot.name).toBe('My data')
    loadSnapshot(b.engine, snapshot)
    expect(contents(b.engine)).toEqual(contents(a.engine))
    expect(contents(b.engine).size).toBe(14)
    expect(b.run(['GET', 'binary'])).toEqual(bulk('\x00\xff\r\n"\\\x7f\xc3\xa9'))
    expect(b.run(['PTTL', 'ttl-string'])).toEqual(int(5000))
    expect(b.run(['TTL', 'hash'])).toEqual(int(100))
    expect(b.run(['SELECT', '3'])).toEqual({ type: 'simple', value: 'OK' })
    expect(b.run(['PTTL', 'list'])).toEqual(int(1234))
    expect(b.run(['LRANGE', 'list', '0', '-1'])).toEqual({ type: 'array', value: [bulk('db3')] })
  })

  it('keeps absolute expiry times: time that passed while stored counts, an expired key is gone', () => {
    const a = sample()
    const snapshot = snapshotFromText(snapshotToText(takeSnapshot(a.engine)))
    const b = testEngine()
    b.advance(3000)
    loadSnapshot(b.engine, snapshot)
    expect(b.run(['PTTL', 'ttl-string'])).toEqual(int(2000))
    const c = testEngine()
    c.advance(5001)
    loadSnapshot(c.engine, snapshot)
    expect(c.run(['EXISTS', 'ttl-string'])).toEqual(int(0))
    expect(c.engine.databases[0].size).toBe(10)
    expect(c.run(['TTL', 'hash'])).toEqual(int(95))
  })

  it('gives loaded values the encoding Redis gives the same contents on load', () => {
    const a = testEngine()
    a.run(['SADD', 'ints', '1', '2', '3'])
    a.run(['SADD', 'mixed', '1', 'x'])
    a.run(['HSET', 'small', 'f', 'v'])
    a.run(['HSET', 'long', 'f', 'v'.repeat(65)])
    a.run(['RPUSH', 'list', 'x'])
    putZSet(a, 0, 'zsmall', [['m', 1]])
    putZSet(a, 0, 'zbig', Array.from({ length: 129 }, (_, i): [string, number] => [`m${i}`, i]))
    const b = testEngine()
    loadSnapshot(b.engine, takeSnapshot(a.engine))
    const encoding = (key: string) => b.run(['OBJECT', 'ENCODING', key])
    expect(encoding('ints')).toEqual(bulk('intset'))
    expect(encoding('mixed')).toEqual(bulk('hashtable'))
    expect(encoding('small')).toEqual(bulk('listpack'))
    expect(encoding('long')).toEqual(bulk('hashtable'))
    expect(encoding('list')).toEqual(bulk('quicklist'))
    expect(encoding('zsmall')).toEqual(bulk('listpack'))
    expect(encoding('zbig')).toEqual(bulk('skiplist'))
  })

  it('round-trips a stream with its counters, consumer groups and pending entries', () => {
    const a = testEngine()
    for (const line of [
      'XADD s 1-1 a 1', 'XADD s 2-1 b 2 c 3', 'XADD s 3-1 d \xff', 'XDEL s 2-1', 'XGROUP CREATE s g 0',
      'XGROUP CREATE s later $', 'XREADGROUP GROUP g alice COUNT 1 STREAMS s >', 'XGROUP CREATECONSUMER s g bob',
      'XADD empty 5-5 x 1', 'XDEL empty 5-5',
    ]) a.run(line)
    a.advance(250)
    a.run('XREADGROUP GROUP g bob STREAMS s >')
    const b = testEngine()
    b.advance(250)
    loadSnapshot(b.engine, snapshotFromText(snapshotToText(takeSnapshot(a.engine))))
    for (const line of ['XINFO STREAM s FULL', 'XINFO STREAM empty', 'XPENDING s g - + 10', 'XINFO GROUPS s', 'TYPE s', 'XLEN empty']) {
      expect(b.run(line)).toEqual(a.run(line))
    }
    b.run('XADD s 4-1 e 4')
    expect(b.run('XRANGE s - +')).toEqual(a.run('XADD s 4-1 e 4') && a.run('XRANGE s - +'))
  })

  it('stores an empty keyspace as no databases', () => {
    const snapshot = takeSnapshot(testEngine().engine)
    expect(snapshot).toEqual({ format: SNAPSHOT_FORMAT, version: 1, savedAt: 1_700_000_000_000, databases: [] })
  })

  it('stores integers, strings and expiry times compactly', () => {
    const t = testEngine()
    t.run(['SET', 'k', 'v', 'PX', '10'])
    t.run(['RPUSH', 'l', 'a'])
    expect(takeSnapshot(t.engine).databases).toEqual([
      { index: 0, keys: [['string', 'k', 'v', 1_700_000_000_010], ['list', 'l', ['a']]] },
    ])
  })
})

describe('reading a file', () => {
  const valid = (): Snapshot => takeSnapshot(sample().engine)
  const damaged = (change: (data: { databases: Array<{ index: unknown; keys: unknown[] }> }) => void): string => {
    const data = JSON.parse(snapshotToText(valid()))
    change(data)
    return JSON.stringify(data)
  }
  const reason = (text: string): string => {
    try {
      snapshotFromText(text)
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(SnapshotError)
      return (thrown as Error).message
    }
    throw new Error('expected the file to be refused')
  }

  it('refuses what is not JSON, or JSON of another kind', () => {
    expect(reason('PK\x03\x04 not json')).toBe('This is not a Redis Playground workspace file (it is not JSON).')
    expect(reason('{"hello": "world"}')).toBe('This is not a Redis Playground workspace file.')
    expect(reason('[1, 2]')).toBe('This is not a Redis Playground workspace file.')
    expect(reason('null')).toBe('This is not a Redis Playground workspace file.')
  })

  it('refuses a newer format with a message that says so', () => {
    const text = snapshotToText({ ...valid(), version: 2 as 1 })
    expect(reason(text)).toBe(
      'This workspace file was made by a newer version of the playground (format 2; this one reads format 1).',
    )
    expect(reason(snapshotToText({ ...valid(), version: 0 as 1 }))).toBe('This workspace file has no valid format version.')
  })

  it('refuses damaged contents, naming the problem', () => {
    expect(reason(damaged((d) => (d.databases[0].index = 16)))).toBe(
      'This workspace file is damaged: a database index is not between 0 and 15.',
    )
    expect(reason(damaged((d) => d.databases.push({ ...d.databases[0] })))).toBe(
      'This workspace file is damaged: database 0 appears twice.',
    )
    expect(reason(damaged((d) => d.databases[0].keys.push(['string', 'plain', 'again'])))).toBe(
      'This workspace file is damaged: in database 0, the key "plain" appears twice.',
    )
    expect(reason(damaged((d) => d.databases[0].keys.push(['string', 'wide', '\u20ac'])))).toBe(
      'This workspace file is damaged: in database 0, the key "wide" has an invalid value.',
    )
    expect(reason(damaged((d) => d.databases[0].keys.push(['zset', 'z', ['m', 'NaN']])))).toBe(
      'This workspace file is damaged: in database 0, the key "z" has an invalid sorted set.',
    )
    expect(reason(damaged((d) => d.databases[0].keys.push(['set', 's', ['a', 'a']])))).toBe(
      'This workspace file is damaged: in database 0, the key "s" repeats a set member.',
    )
    expect(reason(damaged((d) => d.databases[0].keys.push(['list', 'l', []])))).toBe(
      'This workspace file is damaged: in database 0, the key "l" has an invalid list.',
    )
    expect(reason(damaged((d) => d.databases[0].keys.push(['module', 'x', []])))).toBe(
      'This workspace file is damaged: in database 0, the key "x" has an unknown type "module".',
    )
    expect(reason(damaged((d) => d.databases[0].keys.push(['stream', 'x', []])))).toBe(
      'This workspace file is damaged: in database 0, the key "x" has an invalid stream.',
    )
    const stream = { entries: [['2-0', ['f', 'v']], ['1-0', ['f', 'v']]], lastId: '2-0', maxDeletedId: '0-0', firstId: '1-0', entriesAdded: 2, groups: [] }
    expect(reason(damaged((d) => d.databases[0].keys.push(['stream', 'x', stream] as never)))).toBe(
      'This workspace file is damaged: in database 0, the key "x" has an invalid stream.',
    )
    expect(reason(damaged((d) => d.databases[0].keys.push(['string', 'e', 'v', 1.5])))).toBe(
      'This workspace file is damaged: in database 0, the key "e" has an invalid expiry time.',
    )
  })

  it('reads a file whose non-ASCII bytes went through UTF-8', () => {
    const text = snapshotToText(valid())
    const bytes = new TextEncoder().encode(text)
    const again = snapshotFromText(new TextDecoder().decode(bytes))
    const b = testEngine()
    loadSnapshot(b.engine, again)
    expect(b.run(['GET', 'binary'])).toEqual(bulk('\x00\xff\r\n"\\\x7f\xc3\xa9'))
  })
})
