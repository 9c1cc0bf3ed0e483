// String commands against a real redis-server: every command, option, error and edge case,
// replies compared as a client sees them on the wire (RESP2, and RESP3 where shapes differ).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EnginePeer, expectSameReplies, near, REDIS_SERVER, resp3, startRedis, type RedisProcess, type ScriptLine,
} from '../helpers/redis-server.ts'
import { seededRandom } from '../helpers/engine.ts'
import { recordKeyEvents } from '../helpers/keyspace-events.ts'

describe.skipIf(!REDIS_SERVER)('string commands against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  const expectSame = (lines: ScriptLine[], engine?: EnginePeer) => expectSameReplies(redis, lines, engine)

  it('GET, SET, GETSET, GETDEL, SETNX, MSET, MSETNX, MGET, STRLEN, APPEND', async () => {
    await expectSame([
      'GET nosuch', 'SET k v', 'GET k', 'SET k ""', 'GET k', 'STRLEN k', 'STRLEN nosuch',
      'SET k "hello world"', 'STRLEN k', 'GETSET k new', 'GETSET fresh one', 'GET fresh', 'GETDEL k', 'GETDEL k', 'GET k',
      'SETNX k a', 'SETNX k b', 'GET k',
      'MSET a 1 b 2 c 3', 'MGET a b c nosuch', 'MSET a x a y', 'GET a', 'MSET a', 'MSET a 1 b', 'MSET',
      'MSETNX a 1 z 2', 'MGET a z', 'MSETNX y 1 z 2', 'MGET y z', 'MSETNX q 1 q 2', 'GET q', 'MSETNX q', 'MSETNX q 1 r',
      'APPEND ap hello', 'APPEND ap " world"', 'GET ap', 'APPEND ap ""', 'APPEND empty ""', 'GET empty', 'STRLEN ap',
      'GET', 'GET a b', 'SET k', 'GETSET k', 'GETDEL', 'SETNX k', 'STRLEN', 'APPEND k', 'MGET',
    ])
  })

  it('binary values and UTF-8 text', async () => {
    await expectSame([
      'SET bin "\\xff\\x00\\x01\\r\\n"', 'GET bin', 'STRLEN bin', 'APPEND bin "\\x00\\xfe"', 'GET bin', 'STRLEN bin',
      'GETRANGE bin 1 3', 'GETRANGE bin -2 -1', 'SETRANGE bin 2 "\\x00\\x00"', 'GET bin',
      'SET "\\x00key" "\\x00"', 'GET "\\x00key"', 'MGET "\\x00key" bin',
      'SET utf "héllo wörld ✓"', 'STRLEN utf', 'GETRANGE utf 1 2', 'APPEND utf 日本', 'GET utf',
      'SET n "\\xff1"', 'INCR n', 'INCRBYFLOAT n 1', 'SET n "1\\x00"', 'INCR n', 'INCRBYFLOAT n 1',
      'INCRBYFLOAT nf "1\\x00"', 'INCRBY nf "1\\x00"',
      'SET l1 "\\xff\\x00abc\\x80"', 'SET l2 "ab\\x00\\xffc\\x80"', 'LCS l1 l2', 'LCS l1 l2 IDX WITHMATCHLEN',
    ])
  })

  it('SET options: NX, XX, GET, KEEPTTL and their conflicts', async () => {
    await expectSame([
      'SET k v NX', 'SET k w NX', 'GET k', 'SET k w XX', 'GET k', 'SET nosuch v XX', 'GET nosuch',
      'SET k a GET', 'SET k b get', 'SET missing x GET', 'GET missing',
      'SET k c NX GET', 'GET k', 'SET newk c NX GET', 'GET newk', 'SET k d XX GET', 'SET absent d XX GET', 'GET absent',
      'SET k v NX XX', 'SET k v XX NX', 'SET k v nx nx', 'SET k v xx xx', 'SET k v GET GET',
      'SET k v KEEPTTL KEEPTTL', 'SET k v KEEPTTL EX 10', 'SET k v EX 10 KEEPTTL', 'SET k v PX 10 KEEPTTL',
      'SET k v EX 10 PX 10', 'SET k v PX 10 EX 10', 'SET k v EXAT 10 PXAT 10', 'SET k v EX 10 EXAT 10',
      'SET k v EX', 'SET k v PX', 'SET k v EXAT', 'SET k v PXAT', 'SET k v PERSIST', 'SET k v FOO', 'SET k v 10',
      'SET k v EX 10 EX 20', 'SET k v EX 10 NX', 'SET k v NX EX 10 GET',
      ['SET', 'k', 'v', 'nx\x00junk'], ['SET', 'k', 'v', 'XX\x00', 'GET'], ['SET', 'k', 'v', 'keepttl\x00x'],
      ['SET', 'k', 'v', 'NXX'], ['SET', 'k', 'v', 'N'],
    ])
  })

  it('SET expiry options: errors and the TTL they set', async () => {
    const ttl = (key: string): ScriptLine => ({ cmd: `TTL ${key}`, compare: near(1) })
    const pttl = (key: string): ScriptLine => ({ cmd: `PTTL ${key}`, compare: near(100) })
    await expectSame([
      'SET k v EX 0', 'SET k v EX -1', 'SET k v PX 0', 'SET k v PX -5', 'SET k v EXAT 0', 'SET k v PXAT -1',
      'SET k v EX abc', 'SET k v EX 1.5', 'SET k v PX " 1"', 'SET k v EX 01', 'SET k v EX 9223372036854775808',
      'SET k v EX 9223372036854775', 'SET k v EX 9223372036854776', 'SET k v PX 9223372036854775807',
      // Expiry times are kept as JS numbers: exact to the ms up to 2^53 (year 287396), so not read back here.
      'SET k v EXAT 9223372036854776', 'SET k v PXAT 9223372036854775807', 'GET k',
      'SET k v EXAT 9223372036854775', 'PEXPIRETIME k',
      'SET k v EX 100', ttl('k'), 'SET k v PX 100000', pttl('k'), 'SET k v ex 50 ex 70', ttl('k'),
      'SET k v EXAT 4102444800', 'PEXPIRETIME k', 'SET k v PXAT 4102444800123', 'PEXPIRETIME k',
      'SET k w KEEPTTL', 'PEXPIRETIME k', 'GET k', 'SET k w', 'PTTL k',
      'SET k v EX 100', 'SET k w XX KEEPTTL GET', ttl('k'), 'SET k x NX EX 5', ttl('k'),
      'SET past v EXAT 1', 'GET past', 'SET past v PXAT 1', 'GET past',
      'SET k v EX 100', 'SETEX k 10 v', ttl('k'), 'SET k v EX 100', 'SET k v2', 'TTL k',
      'SETEX k 0 v', 'SETEX k -10 v', 'SETEX k abc v', 'SETEX k 9223372036854776 v', 'PSETEX k 0 v', 'PSETEX k abc v',
      'PSETEX k 9223372036854775807 v', 'SETEX k 100 v', ttl('k'), 'GET k', 'PSETEX k 100000 v', pttl('k'),
      'SETEX k 10', 'PSETEX k 10', 'SETEX k 10 v extra',
    ])
  })

  it('GETEX options', async () => {
    const ttl = (key: string): ScriptLine => ({ cmd: `TTL ${key}`, compare: near(1) })
    await expectSame([
      'GETEX nosuch', 'GETEX nosuch EX 10', 'GETEX nosuch EX abc', 'GETEX nosuch EX 0', 'GETEX nosuch FOO',
      'SET k v', 'GETEX k', 'TTL k', 'GETEX k EX 100', ttl('k'), 'GETEX k PX 50000', ttl('k'), 'GETEX k PERSIST', 'TTL k',
      'GETEX k PERSIST', 'GETEX k EXAT 4102444800', 'PEXPIRETIME k', 'GETEX k PXAT 4102444800999', 'PEXPIRETIME k',
      'GETEX k EX 0', 'GETEX k PX -1', 'GETEX k EXAT 0', 'GETEX k EX abc', 'GETEX k EX 9223372036854776',
      'GETEX k PX 9223372036854775807', 'GETEX k EX', 'GETEX k PERSIST EX 10', 'GETEX k EX 10 PERSIST',
      'GETEX k EX 10 PX 10', 'GETEX k KEEPTTL', 'GETEX k NX', 'GETEX k GET', 'GETEX k PERSIST PERSIST',
      'GETEX k EX 10 EX 20', ttl('k'), ['GETEX', 'k', 'persist\x00x'], 'TTL k',
      'GETEX k EXAT 1', 'GET k', 'SET k v', 'GETEX k PXAT 1', 'GET k',
      'RPUSH list a', 'GETEX list', 'GETEX list EX abc', 'GETEX list FOO', 'GETEX',
    ])
  })

  it('wrong types', async () => {
    await expectSame([
      'RPUSH l a',
      'GET l', 'GETSET l v', 'GETDEL l', 'GETEX l PERSIST', 'SET l v GET', 'SET l v NX GET', 'SET l v XX GET',
      'SET l v EX 0 GET', 'SET l v EX abc GET', 'MGET l nosuch', 'STRLEN l', 'APPEND l x', 'INCR l', 'DECR l',
      'INCRBY l 1', 'INCRBY l abc', 'DECRBY l 1', 'DECRBY l -9223372036854775808', 'INCRBYFLOAT l 1', 'INCRBYFLOAT l abc',
      'GETRANGE l 0 1', 'GETRANGE l a 1', 'SUBSTR l 0 1', 'SETRANGE l 0 x', 'SETRANGE l 0 ""', 'SETRANGE l -1 x',
      'SETRANGE l a x', 'LCS l nosuch', 'LCS nosuch l', 'LCS l l LEN', 'LCS l nosuch BADOPTION',
      'MSETNX l 1 m 2', 'GET m', 'SETNX l v', 'SET l v NX', 'LRANGE l 0 -1', 'SET l v XX', 'GET l',
      'RPUSH l2 a', 'MSET l2 v', 'GET l2', 'RPUSH l3 a', 'SETEX l3 10 v', 'GET l3', 'RPUSH l4 a', 'SET l4 v', 'GET l4',
    ])
  })

  it('INCR, DECR, INCRBY, DECRBY', async () => {
    await expectSame([
      'INCR n', 'INCR n', 'DECR n', 'DECR n', 'DECR n', 'INCRBY n 10', 'INCRBY n -25', 'DECRBY n 5', 'DECRBY n -100', 'GET n',
      'INCRBY m 9007199254740991', 'INCR m', 'INCR m', 'GET m', 'DECRBY m 18014398509481984', 'DECR m', 'GET m',
      'SET n 9223372036854775806', 'INCR n', 'INCR n', 'GET n', 'INCRBY n 0', 'INCRBY n -9223372036854775807', 'INCRBY n -1',
      'SET n -9223372036854775807', 'DECR n', 'DECR n', 'DECRBY n 1', 'INCRBY n -1', 'INCRBY n 9223372036854775807',
      'SET n 1', 'INCRBY n 9223372036854775807', 'DECRBY n -9223372036854775807', 'SET n -1',
      'INCRBY n -9223372036854775808', 'DECRBY n 9223372036854775807', 'DECRBY n 9223372036854775808',
      'DECRBY n -9223372036854775808', 'DECRBY nosuch -9223372036854775808', 'INCRBY x -9223372036854775808', 'DECR x',
      'SET n 01', 'INCR n', 'SET n " 1"', 'INCR n', 'SET n "1 "', 'INCR n', 'SET n +1', 'INCR n', 'SET n 1.0', 'INCR n',
      'SET n -0', 'INCR n', 'SET n ""', 'INCR n', 'SET n -', 'INCR n', 'SET n 1e3', 'INCR n', 'SET n 0x10', 'INCR n',
      'SET n 9223372036854775808', 'INCR n', 'SET n -9223372036854775809', 'DECR n', 'SET n 123456789012345678901', 'INCR n',
      'SET n 00', 'INCR n', 'SET n 99999999999999', 'INCR n', 'SET n 999999999999999', 'INCR n', 'SET n -99999999999999',
      'DECR n', 'SET n 9007199254740993', 'INCR n', 'INCRBY n -9007199254740993', 'INCRBY n 9007199254740992',
      'INCRBY n 01', 'INCRBY n " 1"', 'INCRBY n 1.5', 'INCRBY n ""', 'INCRBY n +5', 'DECRBY n abc', 'INCRBY n -0',
      'INCRBY n 9223372036854775808', 'INCRBY n -9223372036854775809', 'GET n',
      'SET t v EX 100', 'SET t 5 KEEPTTL', 'INCR t', { cmd: 'TTL t', compare: near(1) },
      'INCR', 'INCR a b', 'INCRBY a', 'DECRBY a', 'DECR',
    ])
  })

  it('INCRBYFLOAT: long double arithmetic and formatting', async () => {
    await expectSame([
      'SET k 10.5', 'INCRBYFLOAT k 0.1', 'INCRBYFLOAT k -5', 'INCRBYFLOAT k 2.0e2', 'SET k 3.0e3', 'INCRBYFLOAT k 5.0e3',
      'SET k 5.0e3', 'INCRBYFLOAT k 2.0e2', 'INCRBYFLOAT f 0.1', 'INCRBYFLOAT f 0.1', 'INCRBYFLOAT f 0.1',
      'INCRBYFLOAT f -0.3', 'INCRBYFLOAT z -0', 'INCRBYFLOAT z -1e-20', 'INCRBYFLOAT z 1e-17', 'INCRBYFLOAT z 5e-18',
      'INCRBYFLOAT z 4e-18', 'INCRBYFLOAT y 1.5e-17', 'INCRBYFLOAT y2 2.5e-17', 'INCRBYFLOAT y3 -2.5e-17',
      'SET big 1e308', 'INCRBYFLOAT big 1e308', 'INCRBYFLOAT big 1e4000', 'INCRBYFLOAT big -1e4000',
      'SET big 1e4932', 'INCRBYFLOAT big 1e4932', 'INCRBYFLOAT big 0', 'SET big 1.18973149535723176502e4932',
      'INCRBYFLOAT big 1', 'INCRBYFLOAT big 1e4913', 'INCRBYFLOAT k inf', 'INCRBYFLOAT k -inf', 'INCRBYFLOAT k +Infinity',
      'INCRBYFLOAT k nan', 'INCRBYFLOAT k -nan', 'INCRBYFLOAT k abc', 'INCRBYFLOAT k ""', 'INCRBYFLOAT k " 1"',
      'INCRBYFLOAT k "1 "', 'INCRBYFLOAT k 1e', 'INCRBYFLOAT k .', 'INCRBYFLOAT k 1.', 'INCRBYFLOAT k .5', 'INCRBYFLOAT k +.5e1',
      'INCRBYFLOAT k 0x10', 'INCRBYFLOAT k 0X1P-3', 'INCRBYFLOAT k 0x.8', 'INCRBYFLOAT k 0x', 'INCRBYFLOAT k 0x1p',
      'INCRBYFLOAT k 1e-5000', 'INCRBYFLOAT k 1e5000', 'INCRBYFLOAT k 0e999999999999', 'INCRBYFLOAT k 1e-4951',
      'INCRBYFLOAT k 1.9e-4951', 'INCRBYFLOAT k 0x1p-16445', 'INCRBYFLOAT k 0x1p-16446', 'INCRBYFLOAT k 0x1p16384',
      'INCRBYFLOAT k 00012.500', 'INCRBYFLOAT k 1_0',
      'SET s inf', 'INCRBYFLOAT s 1', 'SET s abc', 'INCRBYFLOAT s 1', 'SET s ""', 'INCRBYFLOAT s 1', 'SET s " 2"',
      'INCRBYFLOAT s 1', 'SET s 2.5e3', 'INCRBYFLOAT s 1', 'SET s 0x1p4', 'INCRBYFLOAT s 0', 'GET s',
      'SET i 9223372036854775807', 'INCRBYFLOAT i 1', 'INCR i', 'SET i 123', 'INCRBYFLOAT i 0.5', 'INCR i',
      'INCRBYFLOAT neg -123.456', 'INCRBYFLOAT neg 123.456', 'INCRBYFLOAT neg -0.000000000000000001',
      'SET t 1 EX 100', 'INCRBYFLOAT t 1.5', { cmd: 'TTL t', compare: near(1) },
      'INCRBYFLOAT k', 'INCRBYFLOAT k 1 2',
      ['INCRBYFLOAT', 'k', '1.' + '0'.repeat(5117)], ['INCRBYFLOAT', 'k', '1.' + '0'.repeat(5118)],
      ['SET', 'long', '2.' + '0'.repeat(5117)], 'INCRBYFLOAT long 1', ['SET', 'long', '2.' + '0'.repeat(5118)],
      'INCRBYFLOAT long 1',
    ])
  })

  it('INCRBYFLOAT: seeded random sums and chains', async () => {
    const random = seededRandom(7)
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]
    const number = (): string => {
      const sign = pick(['', '-', '', '+'])
      const roll = random()
      if (roll < 0.3) return sign + String(Math.floor(random() * 10 ** Math.floor(random() * 19)))
      if (roll < 0.6) return sign + (random() * 10 ** Math.floor(random() * 12 - 6)).toFixed(Math.floor(random() * 21))
      if (roll < 0.85) return sign + pick(['1', '2.5', '3.3', '9.999', '0.1', '7', '123456789.123456789']) + 'e' + Math.floor(random() * 80 - 40)
      return sign + '0x' + Math.floor(random() * 1e9).toString(16) + '.' + Math.floor(random() * 1e6).toString(16) + 'p' + Math.floor(random() * 60 - 30)
    }
    const lines: string[][] = []
    for (let i = 0; i < 300; i++) lines.push(['SET', 'k', number()], ['INCRBYFLOAT', 'k', number()])
    for (let i = 0; i < 300; i++) lines.push(['INCRBYFLOAT', 'chain', pick(['0.1', '-0.1', '1.1', '0.01', '3.3333', '1e-5', '-2.2'])])
    lines.push(['GET', 'chain'])
    await expectSame(lines)
  })

  it('GETRANGE and SUBSTR over every kind of range', async () => {
    const offsets = ['-100', '-12', '-11', '-10', '-5', '-1', '0', '1', '5', '10', '11', '12', '100',
      '9223372036854775807', '-9223372036854775807', '-9223372036854775808', '9007199254740993', '-9007199254740993']
    const lines: ScriptLine[] = ['SET s "Hello World"', 'SET e ""', 'SET b "\\xff\\x00ab"', 'SET n 12345']
    for (const key of ['s', 'e', 'b', 'n', 'nosuch']) {
      for (const start of offsets) for (const end of offsets) lines.push(['GETRANGE', key, start, end])
    }
    lines.push('SUBSTR s 0 4', 'SUBSTR s -5 -1', 'SUBSTR nosuch 0 1', 'GETRANGE s a 1', 'GETRANGE s 1 b',
      'GETRANGE s 9223372036854775808 1', 'GETRANGE s 1.5 2', 'GETRANGE nosuch a 1', 'GETRANGE s 0', 'SUBSTR s 0')
    await expectSame(lines)
  })

  it('SETRANGE', async () => {
    await expectSame([
      'SETRANGE k 0 hello', 'GET k', 'SETRANGE k 6 world', 'GET k', 'STRLEN k', 'SETRANGE k 1 ELL', 'GET k',
      'SETRANGE k 3 ""', 'SETRANGE k 100 ""', 'GET k', 'SETRANGE empty 5 ""', 'GET empty', 'SETRANGE pad 3 x', 'GET pad',
      'SETRANGE k -1 x', 'SETRANGE nosuch -1 ""', 'SETRANGE k abc x', 'SETRANGE k 1.5 x', 'SETRANGE k 9223372036854775808 x',
      'SETRANGE k 536870912 x', 'SETRANGE k 536870912 ""', 'SETRANGE nosuch2 536870912 x', 'GET nosuch2',
      'SETRANGE k 9223372036854775807 x', 'SETRANGE k 9223372036854775806 xy',
      'SET n 12345', 'SETRANGE n 2 9', 'GET n', 'INCR n', 'SET t v EX 100', 'SETRANGE t 1 x', { cmd: 'TTL t', compare: near(1) },
      'SETRANGE k 0', 'SETRANGE k',
    ])
  })

  it('proto-max-bulk-len limits APPEND and SETRANGE', async () => {
    const engine = new EnginePeer()
    await redis.client.call(['CONFIG', 'SET', 'proto-max-bulk-len', '1048576'])
    engine.engine.config.set('proto-max-bulk-len', '1048576')
    try {
      const half = 'x'.repeat(600_000)
      await expectSame([
        ['APPEND', 'k', half], ['APPEND', 'k', half], 'STRLEN k', ['APPEND', 'k', 'x'.repeat(448_576)], 'STRLEN k',
        'APPEND k y', 'SETRANGE k 1048575 z', 'SETRANGE k 1048576 z', 'SETRANGE k 1048570 1234567',
        'SETRANGE new 1048575 z', 'STRLEN new', 'SETRANGE new2 1048576 z', 'GET new2',
        ['APPEND', 'big', 'x'.repeat(1_048_576)], 'APPEND big ""', 'APPEND big y',
      ], engine)
    } finally {
      await redis.client.call(['CONFIG', 'SET', 'proto-max-bulk-len', '536870912'])
    }
  })

  it('LCS: options, errors and the memory limit', async () => {
    await expectSame([
      'MSET key1 ohmytext key2 mynewtext', 'LCS key1 key2', 'LCS key1 key2 LEN', 'LCS key1 key2 IDX',
      'LCS key1 key2 IDX MINMATCHLEN 4', 'LCS key1 key2 IDX MINMATCHLEN 4 WITHMATCHLEN', 'LCS key1 key2 IDX WITHMATCHLEN',
      'LCS key1 key2 WITHMATCHLEN', 'LCS key1 key2 MINMATCHLEN 4', 'LCS key1 key2 LEN MINMATCHLEN 100',
      'LCS key1 key2 idx minmatchlen -5 withmatchlen', 'LCS key1 key2 IDX MINMATCHLEN 0', 'LCS key1 key2 IDX IDX LEN',
      'LCS key1 key2 LEN IDX', 'LCS key1 key2 MINMATCHLEN', 'LCS key1 key2 MINMATCHLEN abc', 'LCS key1 key2 FOO',
      'LCS key1 key2 MINMATCHLEN 9223372036854775808', 'LCS key1 key2 MINMATCHLEN 2 MINMATCHLEN 5 IDX',
      ['LCS', 'key1', 'key2', 'len\x00x'], ['LCS', 'key1', 'key2', 'IDX\x00', 'WITHMATCHLEN'],
      'LCS key1 nosuch', 'LCS nosuch key1 IDX', 'LCS nosuch nosuch2 LEN', 'LCS key1 key1', 'LCS key1 key1 IDX WITHMATCHLEN',
      'SET n1 123456', 'SET n2 2345', 'LCS n1 n2 IDX WITHMATCHLEN', 'LCS key1', 'LCS',
      'SET a1 "ABCBDAB"', 'SET a2 "BDCABA"', 'LCS a1 a2', 'LCS a1 a2 IDX WITHMATCHLEN',
      ['SET', 'huge1', 'a'.repeat(12_000)], ['SET', 'huge2', 'b'.repeat(12_000)], 'LCS huge1 huge2', 'LCS huge1 huge2 LEN',
      ['SET', 'mid1', 'ab'.repeat(600)], ['SET', 'mid2', 'ba'.repeat(600)], 'LCS mid1 mid2 LEN',
    ])
  })

  it('LCS: seeded random strings, every option combination', async () => {
    const random = seededRandom(11)
    const text = (length: number, alphabet: string) =>
      Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
    const options = [[], ['LEN'], ['IDX'], ['IDX', 'WITHMATCHLEN'], ['IDX', 'MINMATCHLEN', '2'],
      ['IDX', 'MINMATCHLEN', '3', 'WITHMATCHLEN']]
    const lines: string[][] = []
    for (let i = 0; i < 60; i++) {
      const alphabet = i % 3 === 0 ? 'ab' : i % 3 === 1 ? 'abcd' : 'abcdefghij\x00\xff'
      lines.push(['SET', 'x', text(Math.floor(random() * 40), alphabet)], ['SET', 'y', text(Math.floor(random() * 40), alphabet)])
      for (const option of options) lines.push(['LCS', 'x', 'y', ...option])
    }
    await expectSame(lines)
  })

  it('RESP3 replies', async () => {
    await expectSame(resp3([
      ['GET', 'nosuch'], ['SET', 'k', 'v', 'GET'], ['SET', 'k', 'w', 'NX'], ['GETDEL', 'nosuch'], ['GETEX', 'nosuch'],
      ['MGET', 'k', 'nosuch'], ['INCRBYFLOAT', 'f', '1.5'], ['INCRBY', 'i', '9223372036854775807'],
      ['MSET', 'key1', 'ohmytext', 'key2', 'mynewtext'], ['LCS', 'key1', 'key2', 'IDX'],
      ['LCS', 'key1', 'key2', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN'], ['LCS', 'key1', 'key2', 'LEN'],
      ['LCS', 'nosuch', 'nosuch2', 'IDX'],
    ]))
  })

  it('keyspace events', async () => {
    const engine = new EnginePeer()
    const events = await recordKeyEvents(redis, engine, () =>
      expectSame([
        'SET k v', 'SET k v EX 100', 'SET k v NX', 'SET k v XX KEEPTTL', 'SET k v PXAT 4102444800000 GET', 'SETNX k v',
        'SETNX k2 v', 'SETEX k3 10 v', 'PSETEX k4 10000 v', 'GETSET k v2', 'GETDEL k', 'GETDEL k',
        'MSET a 1 b 2 a 3', 'MSETNX a 1 c 2', 'MSETNX c 1 d 2', 'APPEND a x', 'INCR i', 'DECR i', 'INCRBY i 5', 'DECRBY i 2',
        'INCR a', 'INCRBYFLOAT f 1.5', 'SETRANGE s 2 x', 'SETRANGE s 2 ""', 'SETRANGE s2 2 ""',
        'GETEX k2', 'GETEX k2 EX 100', 'GETEX k2 PERSIST', 'GETEX k2 PERSIST', 'GETEX k2 PXAT 4102444800000',
        'GETEX k2 EXAT 1', 'GETEX k3 PX 1000', 'SET p v EXAT 1', 'GET p', 'GET k', 'LCS a b', 'MGET a b', 'STRLEN a',
      ], engine))
    expect(events.redis.length).toBeGreaterThan(25)
    expect(events.engine).toEqual(events.redis)
  })
})
