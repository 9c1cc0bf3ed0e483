// Hash commands against a real redis-server: every command, option, error and edge case, replies
// compared as a client sees them on the wire (RESP2, and RESP3 where shapes differ). Small hashes
// are listpacks in both, so their order is compared exactly; large ones are compared unordered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bulkTexts, EnginePeer, expectSameReplies, REDIS_SERVER, resp3, show, startRedis, type RedisProcess,
  type ScriptLine,
} from '../helpers/redis-server.ts'
import { seededRandom } from '../helpers/engine.ts'
import { pairsOf, scanAll } from '../helpers/scan.ts'
import type { Reply } from '../../worker/reply.ts'
import { HashValue } from '../../worker/types/hash.ts'

/**
 * HRANDFIELD replies that hold random picks: both sides must have the same shape and length,
 * and every pick must be a field (with its value) of the hash, distinct when `distinct`.
 */
function randomPicks(hash: Map<string, string>, options: { distinct: boolean; withValues: boolean; nested: boolean }) {
  const valid = (reply: Reply): string[] | undefined => {
    let flat: string[] | undefined
    if (options.nested) {
      if (reply.type !== 'array') return undefined
      flat = []
      for (const pair of reply.value) {
        const texts = bulkTexts(pair)
        if (texts === undefined || texts.length !== 2) return undefined
        flat.push(...texts)
      }
    } else {
      flat = bulkTexts(reply)
    }
    if (flat === undefined) return undefined
    const step = options.withValues ? 2 : 1
    const fields: string[] = []
    for (let i = 0; i < flat.length; i += step) {
      if (!hash.has(flat[i])) return undefined
      if (options.withValues && hash.get(flat[i]) !== flat[i + 1]) return undefined
      fields.push(flat[i])
    }
    if (options.distinct && new Set(fields).size !== fields.length) return undefined
    return fields
  }
  return (redis: Reply, engine: Reply): boolean => {
    const a = valid(redis)
    const b = valid(engine)
    return a !== undefined && b !== undefined && a.length === b.length
  }
}

describe.skipIf(!REDIS_SERVER)('hash commands against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  /** Runs the lines on a flushed redis-server and a new engine, in RESP2 (or RESP3). */
  const expectSame = (lines: ScriptLine[], resp: 2 | 3 = 2) => expectSameReplies(redis, resp === 3 ? resp3(lines) : lines)

  it('HSET, HMSET, HSETNX, HGET, HMGET, HLEN, HEXISTS, HSTRLEN', async () => {
    await expectSame([
      'HSET h a 1', 'HSET h a 2 b 3 c 4', 'HSET h a 2 a 5', 'HGET h a', 'HGET h nope', 'HGET nokey a',
      'HMSET h d 6 e 7', 'HMSET fresh x 1', 'HGETALL fresh',
      'HSETNX h a 100', 'HSETNX h f 8', 'HSETNX newkey f 1', 'HGETALL newkey',
      'HMGET h a b nope c', 'HMGET nokey a b', 'HMGET h a a',
      'HLEN h', 'HLEN nokey', 'HEXISTS h a', 'HEXISTS h nope', 'HEXISTS nokey a',
      'HSTRLEN h a', 'HSTRLEN h nope', 'HSTRLEN nokey a', 'HSET h long "hello world"', 'HSTRLEN h long',
      'HSET h int 12345', 'HSTRLEN h int', 'HSET h neg -99', 'HSTRLEN h neg',
      'HSET h "" ""', 'HGET h ""', 'HSTRLEN h ""', 'HEXISTS h ""',
      'HGETALL h', 'HKEYS h', 'HVALS h',
    ])
  })

  it('order of small hashes through updates, deletes and re-adds', async () => {
    await expectSame([
      'HSET h z 1 y 2 x 3 w 4', 'HSET h y 20', 'HDEL h x', 'HSET h x 30 v 5', 'HSETNX h u 6', 'HINCRBY h z 5',
      'HINCRBYFLOAT h y 0.5', 'HINCRBY h new 1', 'HMSET h w 40 t 7',
      'HGETALL h', 'HKEYS h', 'HVALS h', 'HSCAN h 0', 'HRANDFIELD h 100', 'HRANDFIELD h 100 WITHVALUES',
    ])
  })

  it('HDEL and removal of the emptied hash', async () => {
    await expectSame([
      'HSET h a 1 b 2 c 3', 'HDEL h a', 'HDEL h a', 'HDEL h nope other', 'HDEL nokey a', 'HDEL h b c c d',
      'EXISTS h', 'HLEN h', 'HGETALL h', 'TYPE h',
      'HSET h a 1', 'HDEL h a a a', 'EXISTS h',
    ])
  })

  it('binary and UTF-8 fields and values', async () => {
    await expectSame([
      'HSET bin "\\x00\\xff" "\\r\\n\\x00" "héllo" "wörld ✓"', 'HGET bin "\\x00\\xff"', 'HGET bin héllo',
      'HSTRLEN bin héllo', 'HSTRLEN bin "\\x00\\xff"', 'HGETALL bin', 'HKEYS bin', 'HVALS bin',
      'HSCAN bin 0 MATCH h*', 'HSCAN bin 0 MATCH "\\x00*"', 'HEXISTS bin "\\x00\\xff"',
      'HSET bin n "1\\x00"', 'HINCRBY bin n 1', 'HINCRBYFLOAT bin n 1', 'HINCRBY bin n "1\\x00"',
      'HINCRBYFLOAT bin n "1\\x00"', 'HDEL bin "\\x00\\xff" héllo', 'HGETALL bin',
    ])
  })

  it('arity and wrong types, in Redis order of checks', async () => {
    await expectSame([
      'HSET', 'HSET h', 'HSET h a', 'HSET h a 1 b', 'HMSET h a', 'HMSET h a 1 b', 'HSETNX h a', 'HSETNX h a 1 2',
      'HGET h', 'HGET h a b', 'HMGET h', 'HGETALL', 'HGETALL h x', 'HDEL h', 'HLEN', 'HLEN h x', 'HEXISTS h',
      'HKEYS', 'HVALS h x', 'HSTRLEN h', 'HINCRBY h a', 'HINCRBY h a 1 2', 'HINCRBYFLOAT h a', 'HRANDFIELD',
      'HSCAN h', 'EXISTS h',
      'SET s text', 'RPUSH l x',
      'HSET s a 1', 'HSET s a 1 b', 'HMSET s a 1', 'HSETNX s a 1', 'HGET s a', 'HMGET s a b', 'HGETALL l', 'HKEYS s',
      'HVALS s', 'HDEL s a', 'HLEN s', 'HEXISTS s a', 'HSTRLEN s a', 'HINCRBY s a 1', 'HINCRBY s a x',
      'HINCRBYFLOAT s a 1', 'HINCRBYFLOAT s a x', 'HINCRBYFLOAT s a inf', 'HRANDFIELD s', 'HRANDFIELD s 0',
      'HRANDFIELD s 3 WITHVALUES', 'HRANDFIELD s x', 'HRANDFIELD s 1 x', 'HRANDFIELD s -9223372036854775808',
      'HSCAN s 0', 'HSCAN s x', 'HSCAN s 0 COUNT 0', 'HSCAN l 0 bad',
      'GET s',
    ])
  })

  it('HINCRBY: increments, stored values and overflow', async () => {
    await expectSame([
      'HINCRBY h n 1', 'HINCRBY h n -5', 'HINCRBY h n 0', 'HINCRBY h n 9223372036854775807', 'HGET h n',
      'HINCRBY h m 9223372036854775807', 'HINCRBY h m 1', 'HINCRBY h m -1', 'HGET h m',
      'HINCRBY h k -9223372036854775808', 'HINCRBY h k -1', 'HINCRBY h k 1', 'HINCRBY h k 9223372036854775807',
      'HINCRBY h n 9223372036854775808', 'HINCRBY h n -9223372036854775809', 'HINCRBY h n 1.5', 'HINCRBY h n 01',
      'HINCRBY h n +1', 'HINCRBY h n " 1"', 'HINCRBY h n ""', 'HINCRBY h n -0', 'HINCRBY h n 0x10', 'HINCRBY h n 1e3',
      'HSET h s abc', 'HINCRBY h s 1', 'HSET h s 1.0', 'HINCRBY h s 1', 'HSET h s 007', 'HINCRBY h s 1',
      'HSET h s " 7"', 'HINCRBY h s 1', 'HSET h s +7', 'HINCRBY h s 1', 'HSET h s -0', 'HINCRBY h s 1',
      'HSET h s ""', 'HINCRBY h s 1', 'HSET h s 9223372036854775808', 'HINCRBY h s 1',
      'HSET h s -9223372036854775808', 'HINCRBY h s 0', 'HINCRBY h s -1', 'HGETALL h',
      'HINCRBY fresh f 0', 'HGETALL fresh', 'HINCRBY fresh2 f x', 'EXISTS fresh2',
    ])
  })

  it('HINCRBYFLOAT: long double arithmetic, formats and errors', async () => {
    await expectSame([
      'HINCRBYFLOAT h f 10.5', 'HINCRBYFLOAT h f 0.1', 'HINCRBYFLOAT h f -5.0e3', 'HINCRBYFLOAT h f 1e-20',
      'HINCRBYFLOAT h g 3', 'HINCRBYFLOAT h g .5', 'HINCRBYFLOAT h g 5.', 'HINCRBYFLOAT h g +1.5', 'HINCRBYFLOAT h g -0',
      'HINCRBYFLOAT h g 0x1p3', 'HINCRBYFLOAT h g 1E2', 'HINCRBYFLOAT h g 1e', 'HINCRBYFLOAT h g " 1"',
      'HINCRBYFLOAT h g "1 "', 'HINCRBYFLOAT h g ""', 'HINCRBYFLOAT h g abc', 'HINCRBYFLOAT h g inf',
      'HINCRBYFLOAT h g -inf', 'HINCRBYFLOAT h g infinity', 'HINCRBYFLOAT h g nan', 'HINCRBYFLOAT h g 1e5000',
      'HINCRBYFLOAT h g 1e-5000', 'HINCRBYFLOAT h g 0.0', 'HGETALL h',
      'HINCRBYFLOAT h big 1e300', 'HINCRBYFLOAT h big 1e300', 'HINCRBYFLOAT h tiny 1e-30',
      'HINCRBYFLOAT h third 0.333333333333333333333', 'HINCRBYFLOAT h third 0.666666666666666666667',
      'HSET h i 5', 'HINCRBYFLOAT h i 1', 'HINCRBYFLOAT h i -6', 'HGET h i',
      'HSET h s abc', 'HINCRBYFLOAT h s 1', 'HSET h s 1e4932', 'HINCRBYFLOAT h s 1e4932', 'HGET h s',
      'HINCRBYFLOAT h s -1e4932', 'HSET h s inf', 'HINCRBYFLOAT h s 1', 'HSET h s nan', 'HINCRBYFLOAT h s 1',
      'HSET h s "  2"', 'HINCRBYFLOAT h s 1', 'HSET h s 0x10', 'HINCRBYFLOAT h s 1', 'HSET h s 1.5e3', 'HINCRBYFLOAT h s 1',
      'HINCRBYFLOAT fresh f x', 'EXISTS fresh', 'HINCRBYFLOAT fresh f inf', 'EXISTS fresh',
      // 'big' holds a value longer than 64 bytes: the hash is a hashtable, its order Redis's own.
      { cmd: 'HGETALL h', compare: 'unordered' },
    ])
  })

  it('HRANDFIELD: fixed cases exactly, random picks by their shape', async () => {
    const small = new Map([['a', '1'], ['b', '2'], ['c', '3'], ['d', '4'], ['e', '5']])
    const picks = (distinct: boolean, withValues: boolean, nested = false) =>
      randomPicks(small, { distinct, withValues, nested })
    const lines: ScriptLine[] = [
      'HRANDFIELD nokey', 'HRANDFIELD nokey 3', 'HRANDFIELD nokey -3 WITHVALUES', 'HRANDFIELD nokey 0',
      'HSET h a 1 b 2 c 3 d 4 e 5',
      'HRANDFIELD h 0', 'HRANDFIELD h 0 WITHVALUES', 'HRANDFIELD h 5', 'HRANDFIELD h 6 withvalues',
      'HRANDFIELD h 9223372036854775807', 'HRANDFIELD h 4611686018427387903 WITHVALUES',
      'HRANDFIELD h x', 'HRANDFIELD h 1.5', 'HRANDFIELD h 1 WITHVALUE', 'HRANDFIELD h 1 WITHVALUES x',
      'HRANDFIELD h 1 x WITHVALUES', 'HRANDFIELD h -9223372036854775808', 'HRANDFIELD h 9223372036854775808',
      'HRANDFIELD h 4611686018427387904 WITHVALUES', 'HRANDFIELD h -4611686018427387904 WITHVALUES',
      'HRANDFIELD nokey -4611686018427387904 WITHVALUES',
      { cmd: 'HRANDFIELD h', compare: (r, e) => r.type === 'bulk' && e.type === 'bulk' && small.has(r.value) && small.has(e.value) },
      { cmd: 'HRANDFIELD h 1', compare: picks(true, false) },
      { cmd: 'HRANDFIELD h 1 WITHVALUES', compare: picks(true, true) },
      { cmd: 'HRANDFIELD h 2', compare: picks(true, false) },
      { cmd: 'HRANDFIELD h 4', compare: picks(true, false) },
      { cmd: 'HRANDFIELD h 3 WITHVALUES', compare: picks(true, true) },
      { cmd: 'HRANDFIELD h -1', compare: picks(false, false) },
      { cmd: 'HRANDFIELD h -30', compare: picks(false, false) },
      { cmd: 'HRANDFIELD h -7 WITHVALUES', compare: picks(false, true) },
    ]
    await expectSame(lines)
  })

  it('HRANDFIELD on a hashtable-encoded hash', async () => {
    const big = new Map<string, string>()
    const setup: string[][] = []
    for (let i = 0; i < 300; i++) big.set(`f${i}`, `v${i}`)
    setup.push(['HSET', 'big', ...[...big].flat()])
    const picks = (distinct: boolean, withValues: boolean) => randomPicks(big, { distinct, withValues, nested: false })
    await expectSame([
      ...setup,
      { cmd: 'HRANDFIELD big', compare: (r, e) => r.type === 'bulk' && e.type === 'bulk' && big.has(r.value) && big.has(e.value) },
      { cmd: 'HRANDFIELD big 10', compare: picks(true, false) },
      { cmd: 'HRANDFIELD big 150 WITHVALUES', compare: picks(true, true) },
      { cmd: 'HRANDFIELD big 299', compare: picks(true, false) },
      { cmd: 'HRANDFIELD big 300', compare: 'unordered' },
      { cmd: 'HRANDFIELD big 1000', compare: 'unordered' },
      { cmd: 'HRANDFIELD big -500 WITHVALUES', compare: picks(false, true) },
    ])
  })

  it('RESP3: HGETALL as a map, HRANDFIELD WITHVALUES as pairs', async () => {
    const small = new Map([['a', '1'], ['b', '2'], ['c', '3'], ['f', '1.5']])
    await expectSame([
      'HGETALL nokey', 'HKEYS nokey', 'HSET h a 1 b 2 c 3', 'HGETALL h', 'HKEYS h', 'HVALS h', 'HMGET h a x',
      'HGET h x', 'HRANDFIELD nokey', 'HRANDFIELD nokey 2 WITHVALUES',
      'HRANDFIELD h 3 WITHVALUES', 'HRANDFIELD h 10 WITHVALUES', 'HRANDFIELD h 0 WITHVALUES', 'HRANDFIELD h 5',
      'HSCAN h 0', 'HSCAN nokey 0', 'HINCRBYFLOAT h f 1.5',
      { cmd: 'HRANDFIELD h 1 WITHVALUES', compare: randomPicks(small, { distinct: true, withValues: true, nested: true }) },
      { cmd: 'HRANDFIELD h 2 WITHVALUES', compare: randomPicks(small, { distinct: true, withValues: true, nested: true }) },
      { cmd: 'HRANDFIELD h -5 WITHVALUES', compare: randomPicks(small, { distinct: false, withValues: true, nested: true }) },
    ], 3)
  })

  it('HSCAN: cursors, MATCH, COUNT and errors on a listpack', async () => {
    await expectSame([
      'HSCAN nokey 0', 'HSCAN nokey 123', 'HSCAN nokey x', 'HSCAN nokey 0 COUNT 0',
      'HSET h a 1 b 2 ab 3 ba 4 "a*" 5',
      'HSCAN h 0', 'HSCAN h 0 COUNT 1', 'HSCAN h 0 COUNT 100', 'HSCAN h 7', 'HSCAN h 18446744073709551615',
      'HSCAN h -1', 'HSCAN h +0', 'HSCAN h ""', 'HSCAN h -18446744073709551615', 'HSCAN h 007',
      'HSCAN h 18446744073709551616', 'HSCAN h " 1"', 'HSCAN h "1 "', 'HSCAN h 1.0', 'HSCAN h 0x1', 'HSCAN h -',
      'HSCAN h 0 MATCH a*', 'HSCAN h 0 match *a', 'HSCAN h 0 MATCH "a\\\\*"', 'HSCAN h 0 MATCH [ab]?',
      'HSCAN h 0 MATCH *', 'HSCAN h 0 MATCH **', 'HSCAN h 0 MATCH nothing', 'HSET h "" empty', 'HSCAN h 0 MATCH *',
      'HSCAN h 0 MATCH **', 'HSCAN h 0 MATCH ""', 'HSCAN h 0 MATCH a* MATCH *', 'HSCAN h 0 MATCH a* MATCH b*',
      'HSCAN h 0 COUNT 5 MATCH a COUNT 2',
      'HSCAN h 0 COUNT 0', 'HSCAN h 0 COUNT -1', 'HSCAN h 0 COUNT x', 'HSCAN h 0 COUNT 9223372036854775808',
      'HSCAN h 0 COUNT', 'HSCAN h 0 MATCH', 'HSCAN h 0 TYPE hash', 'HSCAN h 0 NOVALUES', 'HSCAN h 0 foo bar',
      'HSCAN h x COUNT 0', 'HSCAN h 0 COUNT 0 MATCH', 'HSCAN h 0 MATCH a COUNT 0',
    ])
  })

  it('HSCAN walks a hashtable-encoded hash completely', async () => {
    await redis.client.call(['FLUSHALL'])
    const engine = new EnginePeer()
    const fields: string[] = []
    for (let i = 0; i < 500; i++) fields.push(`field:${i}`, `value:${i}`)
    for (const side of [(argv: string[]) => redis.client.call(argv), async (argv: string[]) => engine.exec(argv)]) {
      await side(['HSET', 'big', ...fields])
    }
    /** The fields and values a full HSCAN iteration returns on one side. */
    const walk = async (call: (argv: string[]) => Promise<Reply> | Reply, options: string[]) =>
      new Map(pairsOf(await scanAll(call, ['HSCAN', 'big'], options)))
    for (const options of [[], ['COUNT', '7'], ['COUNT', '1000'], ['MATCH', 'field:1*', 'COUNT', '20'], ['MATCH', 'none*']]) {
      const expected = await walk((argv) => redis.client.call(argv), options)
      const actual = await walk((argv) => engine.exec(argv), options)
      expect([...actual].sort(), options.join(' ')).toEqual([...expected].sort())
    }
  })

  it('encodings match OBJECT ENCODING through writes and config changes', async () => {
    await redis.client.call(['FLUSHALL'])
    const engine = new EnginePeer()
    const problems: string[] = []
    const long = 'x'.repeat(65)
    const script: string[][] = [
      ['HSET', 'a', 'f', 'v'], ['CHECK', 'a'],
      ['HSET', 'a', 'g', 'x'.repeat(64)], ['CHECK', 'a'],
      ['HSET', 'a', 'h', long], ['CHECK', 'a'], ['HDEL', 'a', 'h'], ['CHECK', 'a'],
      ['HSET', 'b', long, '1'], ['CHECK', 'b'],
      ['HSET', 'c', 'f', '1'], ['HSETNX', 'c', 'f', long], ['CHECK', 'c'], ['HSETNX', 'c', 'g', long], ['CHECK', 'c'],
      ['HINCRBY', 'd', long, '1'], ['CHECK', 'd'],
      ['HSET', 'e', 'f', '1'], ['HINCRBYFLOAT', 'e', 'f', '1e60'], ['CHECK', 'e'], ['HINCRBYFLOAT', 'e', 'f', '1e70'], ['CHECK', 'e'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '3'],
      ['HSET', 'g', 'a', '1', 'b', '2', 'c', '3'], ['CHECK', 'g'], ['HSET', 'g', 'd', '4'], ['CHECK', 'g'],
      ['HDEL', 'g', 'a', 'b'], ['CHECK', 'g'],
      ['HMSET', 'i', 'a', '1', 'b', '2', 'c', '3', 'd', '4'], ['CHECK', 'i'],
      ['HSET', 'j', 'a', '1', 'b', '2'], ['CONFIG', 'SET', 'hash-max-listpack-entries', '1'], ['CHECK', 'j'],
      ['HGET', 'j', 'a'], ['HDEL', 'j', 'zz'], ['CHECK', 'j'], ['HSETNX', 'j', 'a', '1'], ['CHECK', 'j'],
      ['HSET', 'j', 'a', '1'], ['CHECK', 'j'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '128'], ['CONFIG', 'SET', 'hash-max-listpack-value', '3'],
      ['HSET', 'k', 'abc', 'def'], ['CHECK', 'k'], ['HSET', 'k', 'abcd', '1'], ['CHECK', 'k'],
      ['CONFIG', 'SET', 'hash-max-listpack-value', '64'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '0'], ['HSET', 'l', 'a', '1'], ['CHECK', 'l'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '128'],
    ]
    for (const argv of script) {
      if (argv[0] === 'CONFIG') {
        await redis.client.call(argv)
        engine.engine.config.set(argv[2], argv[3])
      } else if (argv[0] === 'CHECK') {
        const expected = await redis.client.call(['OBJECT', 'ENCODING', argv[1]])
        const value = engine.engine.databases[0].get(argv[1])
        const actual = value instanceof HashValue ? value.encoding(engine.engine.config) : 'missing'
        if (expected.type !== 'bulk' || expected.value !== actual) problems.push(`${argv[1]}: redis ${show(expected)}, engine ${actual}`)
      } else {
        const expected = await redis.client.call(argv)
        const actual = engine.exec(argv)
        if (show(expected) !== show(actual)) problems.push(`${argv.join(' ')}: redis ${show(expected)}, engine ${show(actual)}`)
      }
    }
    expect(problems, problems.join('\n')).toEqual([])
  })

  it('a seeded random sequence of hash commands on small hashes', async () => {
    const random = seededRandom(20240607)
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]
    const keys = ['h1', 'h2', 's']
    const fields = ['a', 'b', 'c', 'd', 'e', '', 'long field', '7']
    const values = ['1', '-3', '2.5', 'x', '', '9223372036854775807', '10e2', '007']
    const lines: ScriptLine[] = ['SET s str']
    for (let i = 0; i < 600; i++) {
      const key = pick(keys)
      const field = pick(fields)
      const value = pick(values)
      const line = pick([
        ['HSET', key, field, value, pick(fields), pick(values)], ['HSETNX', key, field, value], ['HMSET', key, field, value],
        ['HGET', key, field], ['HMGET', key, field, pick(fields)], ['HDEL', key, field, pick(fields)], ['HLEN', key],
        ['HEXISTS', key, field], ['HSTRLEN', key, field], ['HINCRBY', key, field, pick(['1', '-1', '100', 'x'])],
        ['HINCRBYFLOAT', key, field, pick(['1.5', '-0.25', '1e3', 'x'])], ['HGETALL', key], ['HKEYS', key],
        ['HVALS', key], ['HSCAN', key, '0', 'MATCH', pick(['*', 'a*', '?', '[a-c]'])], ['HRANDFIELD', key, '50'],
        ['EXISTS', key],
      ])
      lines.push(line)
    }
    await expectSame(lines)
  })
})
