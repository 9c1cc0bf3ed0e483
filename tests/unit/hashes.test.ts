import { describe, expect, it } from 'vitest'
import { seededRandom, testEngine } from '../helpers/engine.ts'
import { array, bulk, bulks, EMPTY_ARRAY, error, int, map, NIL, OK, type Reply } from '../../worker/reply.ts'
import { HashValue } from '../../worker/types/hash.ts'
import { defaultConfig } from '../../worker/config.ts'
import type { KeyChange } from '../../worker/engine.ts'

const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value')
const NOT_INTEGER = error('ERR value is not an integer or out of range')
const SYNTAX = error('ERR syntax error')

const pairs = (...items: string[]): Reply => map(
  Array.from({ length: items.length / 2 }, (_, i) => [bulk(items[2 * i]), bulk(items[2 * i + 1])]),
)

/** The string values of a flat bulk-array reply. */
function texts(reply: Reply): string[] {
  if (reply.type !== 'array') throw new Error(`not an array: ${JSON.stringify(reply)}`)
  return reply.value.map((item) => {
    if (item.type !== 'bulk') throw new Error(`not a bulk: ${JSON.stringify(item)}`)
    return item.value
  })
}

function hashAt(t: ReturnType<typeof testEngine>, key: string): HashValue {
  const value = t.engine.databases[0].get(key)
  if (!(value instanceof HashValue)) throw new Error(`no hash at ${key}`)
  return value
}

describe('HashValue', () => {
  it('keeps insertion order through updates and removals', () => {
    const h = new HashValue()
    expect(h.set('a', '1')).toBe(true)
    expect(h.set('b', '2')).toBe(true)
    expect(h.set('c', '3')).toBe(true)
    expect(h.set('a', '10')).toBe(false)
    expect([...h]).toEqual([['a', '10'], ['b', '2'], ['c', '3']])
    expect(h.delete('a')).toBe(true)
    expect(h.delete('a')).toBe(false)
    h.set('a', 'again')
    expect([...h.fields()]).toEqual(['b', 'c', 'a'])
    expect([...h.valuesInOrder()]).toEqual(['2', '3', 'again'])
    expect(h.get('c')).toBe('3')
    expect(h.has('z')).toBe(false)
    expect(h.size).toBe(3)
  })

  it('converts to hashtable on write past the limits, never back', () => {
    const config = defaultConfig()
    config.set('hash-max-listpack-entries', '3')
    config.set('hash-max-listpack-value', '5')
    const h = new HashValue()
    h.set('a', '1')
    h.set('b', '12345')
    h.set('c', '3')
    expect(h.encoding(config)).toBe('listpack')
    h.set('d', '4')
    expect(h.encoding(config)).toBe('hashtable')
    h.delete('d')
    h.delete('c')
    expect(h.encoding(config)).toBe('hashtable')

    const long = new HashValue()
    long.set('abcdef', 'x')
    expect(long.encoding(config)).toBe('hashtable')
  })

  it('checks only what was written since the last check, with the config of that moment', () => {
    const config = defaultConfig()
    const h = new HashValue()
    h.set('a', 'x'.repeat(10))
    h.set('b', '2')
    expect(h.encoding(config)).toBe('listpack')
    // A stricter config converts nothing until the next write.
    config.set('hash-max-listpack-value', '3')
    expect(h.encoding(config)).toBe('listpack')
    h.set('c', '3')
    expect(h.encoding(config)).toBe('listpack')
    config.set('hash-max-listpack-entries', '2')
    h.set('c', '4')
    expect(h.encoding(config)).toBe('hashtable')
  })

  it('clones contents, order and encoding', () => {
    const config = defaultConfig()
    config.set('hash-max-listpack-entries', '1')
    const h = new HashValue()
    h.set('b', '1')
    h.set('a', '2')
    expect(h.encoding(config)).toBe('hashtable')
    const copy = h.clone()
    expect([...copy]).toEqual([['b', '1'], ['a', '2']])
    expect(copy.encoding(defaultConfig())).toBe('hashtable')
    copy.set('c', '3')
    expect(h.has('c')).toBe(false)
  })

  it('picks random entries uniformly and distinct ones without repeats', () => {
    const h = new HashValue()
    for (let i = 0; i < 10; i++) h.set(`f${i}`, `v${i}`)
    h.delete('f3')
    const random = seededRandom(7)
    const seen = new Map<string, number>()
    for (let i = 0; i < 9000; i++) {
      const [field, value] = h.randomEntry(random)
      expect(value).toBe(`v${field.slice(1)}`)
      seen.set(field, (seen.get(field) ?? 0) + 1)
    }
    expect(seen.size).toBe(9)
    for (const n of seen.values()) expect(n).toBeGreaterThan(800)
    for (const count of [1, 2, 5, 8]) {
      const picked = h.randomDistinct(count, random)
      expect(picked).toHaveLength(count)
      expect(new Set(picked.map(([f]) => f)).size).toBe(count)
      for (const [f, v] of picked) expect(h.get(f)).toBe(v)
    }
  })
})

describe('hash commands', () => {
  it('HSET, HMSET, HSETNX, HGET, HMGET', () => {
    const { run } = testEngine()
    expect(run('HSET h a 1 b 2')).toEqual(int(2))
    expect(run('HSET h a 10 c 3')).toEqual(int(1))
    expect(run('HSET h a')).toEqual(error("ERR wrong number of arguments for 'hset' command"))
    expect(run('HSET h a 1 b')).toEqual(error("ERR wrong number of arguments for 'hset' command"))
    expect(run('HMSET h d 4')).toEqual(OK)
    expect(run('HMSET h d 4 e')).toEqual(error("ERR wrong number of arguments for 'hmset' command"))
    expect(run('HSETNX h a 99')).toEqual(int(0))
    expect(run('HSETNX h z 26')).toEqual(int(1))
    expect(run('HSETNX fresh f v')).toEqual(int(1))
    expect(run('HGET h a')).toEqual(bulk('10'))
    expect(run('HGET h nope')).toEqual(NIL)
    expect(run('HGET nokey a')).toEqual(NIL)
    expect(run('HMGET h a nope z')).toEqual(array([bulk('10'), NIL, bulk('26')]))
    expect(run('HMGET nokey a b')).toEqual(array([NIL, NIL]))
    expect(run('HGETALL h')).toEqual(pairs('a', '10', 'b', '2', 'c', '3', 'd', '4', 'z', '26'))
  })

  it('HGETALL, HKEYS, HVALS in insertion order, empty for a missing key', () => {
    const { run } = testEngine()
    run('HSET h z 1 y 2 x 3')
    run('HDEL h y')
    run('HSET h y 4')
    expect(run('HKEYS h')).toEqual(bulks(['z', 'x', 'y']))
    expect(run('HVALS h')).toEqual(bulks(['1', '3', '4']))
    expect(run('HGETALL h')).toEqual(pairs('z', '1', 'x', '3', 'y', '4'))
    expect(run('HGETALL nokey')).toEqual(map([]))
    expect(run('HKEYS nokey')).toEqual(EMPTY_ARRAY)
    expect(run('HVALS nokey')).toEqual(EMPTY_ARRAY)
  })

  it('HDEL, HLEN, HEXISTS, HSTRLEN; the emptied hash is removed', () => {
    const t = testEngine()
    const { run } = t
    run('HSET h a 1 b 22 c 333')
    expect(run('HLEN h')).toEqual(int(3))
    expect(run('HSTRLEN h c')).toEqual(int(3))
    expect(run('HSTRLEN h nope')).toEqual(int(0))
    expect(run('HSTRLEN nokey a')).toEqual(int(0))
    expect(run('HEXISTS h a')).toEqual(int(1))
    expect(run('HEXISTS h nope')).toEqual(int(0))
    expect(run('HDEL h a a nope')).toEqual(int(1))
    expect(run('HDEL nokey a')).toEqual(int(0))
    expect(run('HDEL h b c')).toEqual(int(2))
    expect(t.engine.databases[0].get('h')).toBeUndefined()
    expect(run('HLEN h')).toEqual(int(0))
    expect(run('HEXISTS h a')).toEqual(int(0))
  })

  it('wrong types', () => {
    const t = testEngine()
    t.engine.databases[0].set('s', 'text')
    for (const line of [
      'HSET s a 1', 'HMSET s a 1', 'HSETNX s a 1', 'HGET s a', 'HMGET s a', 'HGETALL s', 'HKEYS s', 'HVALS s',
      'HDEL s a', 'HLEN s', 'HEXISTS s a', 'HSTRLEN s a', 'HINCRBY s a 1', 'HINCRBYFLOAT s a 1', 'HRANDFIELD s',
      'HRANDFIELD s 2', 'HRANDFIELD s 0', 'HSCAN s 0',
    ]) {
      expect(t.run(line), line).toEqual(WRONGTYPE)
    }
    // Argument errors come first.
    expect(t.run('HINCRBY s a x')).toEqual(NOT_INTEGER)
    expect(t.run('HINCRBYFLOAT s a x')).toEqual(error('ERR value is not a valid float'))
    expect(t.run('HSCAN s x')).toEqual(error('ERR invalid cursor'))
    expect(t.run('HRANDFIELD s 1 x')).toEqual(SYNTAX)
  })

  it('HINCRBY: int64 arithmetic, overflow and non-integer values', () => {
    const { run } = testEngine()
    expect(run('HINCRBY h n 5')).toEqual(int(5))
    expect(run('HINCRBY h n -7')).toEqual(int(-2))
    run('HSET h big 9223372036854775806')
    expect(run('HINCRBY h big 1')).toEqual(int(9223372036854775807n))
    expect(run('HINCRBY h big 1')).toEqual(error('ERR increment or decrement would overflow'))
    run('HSET h small -9223372036854775807')
    expect(run('HINCRBY h small -1')).toEqual(int(-9223372036854775808n))
    expect(run('HINCRBY h small -1')).toEqual(error('ERR increment or decrement would overflow'))
    for (const stored of ['abc', '1.0', '007', ' 1', '+1', '9223372036854775808', '']) {
      run(['HSET', 'h', 'x', stored])
      expect(run('HINCRBY h x 1'), stored).toEqual(error('ERR hash value is not an integer'))
    }
    expect(run('HINCRBY h n 9223372036854775808')).toEqual(NOT_INTEGER)
    expect(run('HINCRBY h n 01')).toEqual(NOT_INTEGER)
    expect(run('HGET h n')).toEqual(bulk('-2'))
  })

  it('HINCRBYFLOAT: long double sums, errors in Redis order', () => {
    const { run } = testEngine()
    expect(run('HINCRBYFLOAT h f 10.5')).toEqual(bulk('10.5'))
    expect(run('HINCRBYFLOAT h f 0.1')).toEqual(bulk('10.6'))
    expect(run('HINCRBYFLOAT h f -5.0e3')).toEqual(bulk('-4989.39999999999999991'))
    run('HSET h i 3')
    expect(run('HINCRBYFLOAT h i 1.5')).toEqual(bulk('4.5'))
    expect(run('HINCRBYFLOAT h f inf')).toEqual(error('ERR value is NaN or Infinity'))
    expect(run('HINCRBYFLOAT h f nan')).toEqual(error('ERR value is not a valid float'))
    expect(run('HINCRBYFLOAT h f abc')).toEqual(error('ERR value is not a valid float'))
    run('HSET h s abc')
    expect(run('HINCRBYFLOAT h s 1')).toEqual(error('ERR hash value is not a float'))
    run('HSET h e 1e4932')
    expect(run('HINCRBYFLOAT h e 1e4932')).toEqual(error('ERR increment would produce NaN or Infinity'))
    expect(run('HGET h e')).toEqual(bulk('1e4932'))
  })

  it('HRANDFIELD without count, with counts, WITHVALUES in RESP2 and RESP3', () => {
    const t = testEngine()
    const { run } = t
    expect(run('HRANDFIELD nokey')).toEqual(NIL)
    expect(run('HRANDFIELD nokey 5')).toEqual(EMPTY_ARRAY)
    expect(run('HRANDFIELD nokey -5 WITHVALUES')).toEqual(EMPTY_ARRAY)
    run('HSET h a 1 b 2 c 3 d 4 e 5')
    const one = run('HRANDFIELD h')
    expect(one.type).toBe('bulk')
    expect(['a', 'b', 'c', 'd', 'e']).toContain(one.type === 'bulk' ? one.value : '')
    expect(run('HRANDFIELD h 0')).toEqual(EMPTY_ARRAY)
    // A count of at least the size returns the whole hash in order.
    expect(run('HRANDFIELD h 5')).toEqual(bulks(['a', 'b', 'c', 'd', 'e']))
    expect(run('HRANDFIELD h 100 WITHVALUES')).toEqual(bulks(['a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5']))
    const three = texts(run('HRANDFIELD h 3'))
    expect(new Set(three).size).toBe(3)
    const repeated = texts(run('HRANDFIELD h -20'))
    expect(repeated).toHaveLength(20)
    for (const field of repeated) expect(['a', 'b', 'c', 'd', 'e']).toContain(field)
    const flat = texts(run('HRANDFIELD h -3 withvalues'))
    expect(flat).toHaveLength(6)
    for (let i = 0; i < 6; i += 2) expect(run(['HGET', 'h', flat[i]])).toEqual(bulk(flat[i + 1]))
    t.client.resp = 3
    const nested = run('HRANDFIELD h 2 WITHVALUES')
    expect(nested.type).toBe('array')
    if (nested.type === 'array') {
      expect(nested.value).toHaveLength(2)
      for (const pair of nested.value) {
        const [field, value] = texts(pair)
        expect(run(['HGET', 'h', field])).toEqual(bulk(value))
      }
    }
    expect(run('HRANDFIELD h 9 WITHVALUES')).toEqual(array([
      bulks(['a', '1']), bulks(['b', '2']), bulks(['c', '3']), bulks(['d', '4']), bulks(['e', '5']),
    ]))
  })

  it('HRANDFIELD argument errors', () => {
    const { run } = testEngine()
    run('HSET h a 1')
    expect(run('HRANDFIELD h x')).toEqual(NOT_INTEGER)
    expect(run('HRANDFIELD h 1 WITHVALUE')).toEqual(SYNTAX)
    expect(run('HRANDFIELD h 1 WITHVALUES x')).toEqual(SYNTAX)
    expect(run('HRANDFIELD h -9223372036854775808')).toEqual(
      error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'),
    )
    expect(run('HRANDFIELD h 4611686018427387904 WITHVALUES')).toEqual(error('ERR value is out of range'))
    expect(run('HRANDFIELD h -4611686018427387904 WITHVALUES')).toEqual(error('ERR value is out of range'))
    expect(run('HRANDFIELD h 4611686018427387903 WITHVALUES')).toEqual(bulks(['a', '1']))
    expect(run('HRANDFIELD h -2000000')).toEqual(error('ERR the reply would be too large for the playground'))
  })

  it('HSCAN: a listpack in one page, a hashtable by cursor, MATCH and COUNT', () => {
    const t = testEngine()
    const { run } = t
    expect(run('HSCAN nokey 0')).toEqual(array([bulk('0'), EMPTY_ARRAY]))
    run('HSET h a 1 b 2 ab 3')
    expect(run('HSCAN h 0')).toEqual(array([bulk('0'), bulks(['a', '1', 'b', '2', 'ab', '3'])]))
    expect(run('HSCAN h 0 COUNT 1')).toEqual(array([bulk('0'), bulks(['a', '1', 'b', '2', 'ab', '3'])]))
    expect(run('HSCAN h 0 MATCH a*')).toEqual(array([bulk('0'), bulks(['a', '1', 'ab', '3'])]))
    expect(run('HSCAN h 0 match x* count 5 match b')).toEqual(array([bulk('0'), bulks(['b', '2'])]))
    expect(run('HSCAN h 0 COUNT 0')).toEqual(SYNTAX)
    expect(run('HSCAN h 0 COUNT x')).toEqual(NOT_INTEGER)
    expect(run('HSCAN h 0 MATCH')).toEqual(SYNTAX)
    expect(run('HSCAN h 0 NOVALUES')).toEqual(SYNTAX)
    expect(run('HSCAN h 1.5')).toEqual(error('ERR invalid cursor'))

    for (let i = 0; i < 600; i++) run(`HSET big f${i} v${i}`)
    expect(hashAt(t, 'big').encoding(t.engine.config)).toBe('hashtable')
    const seen = new Map<string, string>()
    let cursor = '0'
    let calls = 0
    do {
      const reply = run(`HSCAN big ${cursor} COUNT 25`)
      if (reply.type !== 'array') throw new Error('not an array')
      const [next, items] = reply.value
      cursor = next.type === 'bulk' ? next.value : 'bad'
      const flat = texts(items)
      expect(flat.length).toBeLessThanOrEqual(50)
      for (let i = 0; i < flat.length; i += 2) seen.set(flat[i], flat[i + 1])
      calls++
    } while (cursor !== '0' && calls < 100)
    expect(cursor).toBe('0')
    expect(seen.size).toBe(600)
    expect(seen.get('f42')).toBe('v42')
  })

  it('encodings follow the config at write time', () => {
    const t = testEngine()
    const { run } = t
    run('HSET h a 1')
    expect(hashAt(t, 'h').encoding(t.engine.config)).toBe('listpack')
    run(['HSET', 'h', 'b', 'x'.repeat(65)])
    expect(hashAt(t, 'h').encoding(t.engine.config)).toBe('hashtable')
    run(['HINCRBY', 'g', 'f'.repeat(65), '1'])
    expect(hashAt(t, 'g').encoding(t.engine.config)).toBe('hashtable')
    run(['HSET', 'k', 'a', '1'])
    run(['HSETNX', 'k', 'a', 'x'.repeat(65)])
    expect(hashAt(t, 'k').encoding(t.engine.config)).toBe('listpack')
    t.engine.config.set('hash-max-listpack-entries', '1')
    run('HSET k b 2')
    expect(hashAt(t, 'k').encoding(t.engine.config)).toBe('hashtable')
  })

  it('keyspace events', () => {
    const t = testEngine()
    const events: KeyChange[] = []
    t.engine.onKeyChange((change) => events.push(change))
    t.run('HSET h a 1 b 2')
    t.run('HMSET h c 3')
    t.run('HSETNX h c 3')
    t.run('HSETNX h d 4')
    t.run('HINCRBY h n 1')
    t.run('HINCRBYFLOAT h n 1.5')
    t.run('HDEL h zz')
    t.run('HDEL h a b c d')
    t.run('HDEL h n')
    expect(events.map((e) => `${e.event}:${e.key}`)).toEqual([
      'hset:h', 'hset:h', 'hset:h', 'hincrby:h', 'hincrbyfloat:h', 'hdel:h', 'hdel:h', 'del:h',
    ])
    expect(t.engine.databases[0].get('h')).toBeUndefined()
  })
})
