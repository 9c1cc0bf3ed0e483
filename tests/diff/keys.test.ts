// Generic (keyspace) commands against a real redis-server: every command, option and error, the
// RESP3 shapes, the keyspace events and SCAN's guarantees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  describeMismatches, diffLines, EnginePeer, near, REDIS_SERVER, resp3, startRedis, unordered, type Compare,
  type RedisProcess, type ScriptLine,
} from '../helpers/redis-server.ts'
import { setTimeout as sleep } from 'node:timers/promises'
import { keyEvents, type Pause } from '../helpers/keyspace-events.ts'
import { scanAll } from '../helpers/scan.ts'
import { encodeReply } from '../../worker/resp.ts'
import type { Reply } from '../../worker/reply.ts'

/** The keys a full SCAN iteration returns, once each, sorted. */
const scanKeys = async (call: (argv: string[]) => Promise<Reply> | Reply, options: string[]) =>
  [...new Set(await scanAll(call, ['SCAN'], options))].sort()

describe.skipIf(!REDIS_SERVER)('generic commands against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  /** Runs the lines on a flushed server and a new engine, connection 0 in db 0; a Pause lets real time pass. */
  async function check(lines: Array<ScriptLine | Pause>): Promise<void> {
    await resetErrno()
    await redis.client.call(['FLUSHALL'])
    await redis.client.call(['SELECT', '0'])
    const peer = new EnginePeer()
    const mismatches = []
    let segment: ScriptLine[] = []
    for (const line of [...lines, { pause: 0 }]) {
      if (typeof line === 'object' && 'pause' in line) {
        mismatches.push(...(await diffLines(redis, peer, segment)))
        segment = []
        await sleep(line.pause)
      } else {
        segment.push(line)
      }
    }
    expect(mismatches, describeMismatches(mismatches)).toEqual([])
  }

  /**
   * Redis's SORT reads weights with strtod and checks errno == ERANGE without clearing errno
   * first, so after one out-of-range weight every later numeric SORT fails until some other call
   * changes errno. Accepting a connection does (accept ends with EAGAIN).
   */
  async function resetErrno(): Promise<void> {
    const connection = await redis.connect()
    await connection.call(['PING'])
    connection.close()
  }

  it('DEL, UNLINK, EXISTS, TOUCH, TYPE', async () => {
    await check([
      'MSET a 1 b 2 c 3', 'RPUSH l x', 'SADD s x', 'HSET h f v',
      'DEL a nosuch a', 'DEL a', 'UNLINK b c d', 'UNLINK b', 'DEL', 'UNLINK',
      'EXISTS l l s nosuch', 'EXISTS nosuch', 'EXISTS', 'TOUCH l s h nosuch l', 'TOUCH',
      'TYPE l', 'TYPE s', 'TYPE h', 'TYPE nosuch', 'ZADD z 1 m', 'TYPE z', 'DEL z', 'SET str v', 'TYPE str', 'TYPE', 'TYPE a b',
      'DEL l s h str', 'DBSIZE',
    ])
  })

  it('RENAME and RENAMENX', async () => {
    await check([
      'RENAME nosuch x', 'RENAME nosuch nosuch', 'RENAMENX nosuch x', 'RENAMENX nosuch nosuch',
      'SET a hello', 'RENAME a a', 'RENAMENX a a', 'RENAME a b', 'GET a', 'GET b',
      'SET c other', 'RENAMENX b c', 'GET b', 'RENAME b c', 'GET c', 'EXISTS b', 'RENAMENX c d', 'GET d',
      'RPUSH list 1 2', 'RENAME list d', 'TYPE d', 'LRANGE d 0 -1',
      { cmd: 'PEXPIRE d 50000' }, { cmd: 'RENAME d e' }, { cmd: 'PTTL e', compare: near(100) },
      'SET f 1', 'EXPIRE f 100', 'SET g 2', 'RENAME g f', 'TTL f',
      'RENAME a', 'RENAME a b c', 'RENAMENX a',
    ])
  })

  it('COPY with DB and REPLACE, and its errors in Redis order', async () => {
    await check([
      'COPY a a', 'COPY a a DB 0', 'COPY nosuch nosuch', 'COPY a b DB 16', 'COPY a b DB -1', 'COPY a b DB x',
      'COPY a b DB 2147483648', 'COPY a b DB 4294967296', 'COPY a b DB', 'COPY a b foo', 'COPY a b REPLACE foo',
      'COPY a b DB 99 foo', 'COPY a b foo DB 99', 'COPY a b DB 1 DB 99', 'COPY a', 'COPY',
      'COPY nosuch b', 'COPY nosuch b REPLACE',
      'SET a v', 'COPY a b', 'GET b', 'COPY a b', 'SET a w', 'COPY a b replace REPLACE', 'GET b',
      'COPY a a DB 1', 'COPY a a db 1', 'SELECT 1', 'GET a', 'SELECT 0',
      'RPUSH l 1 2 3', 'COPY l l2', 'RPUSH l 4', 'LRANGE l2 0 -1', 'LRANGE l 0 -1',
      'SADD s 1 2 x', 'COPY s s2', 'SREM s x', 'SCARD s2', 'OBJECT ENCODING s2',
      'SADD i 1 2', 'COPY i i2', 'OBJECT ENCODING i2',
      'HSET h f v g w', 'COPY h h2', 'HDEL h f', 'HGETALL h2', 'OBJECT ENCODING h2',
      'ZADD z 1 a 2 b', 'COPY z z2', 'ZADD z 3 c', 'ZRANGE z2 0 -1 WITHSCORES', 'OBJECT ENCODING z2', 'TYPE z2',
      'ZADD big 1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'COPY big big2',
      'OBJECT ENCODING big2', 'ZSCORE big2 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'PEXPIRE a 40000', 'COPY a c', { cmd: 'PTTL c', compare: near(100) },
      'SET d x', 'EXPIRE d 100', 'COPY a d REPLACE', { cmd: 'PTTL d', compare: near(100) },
      'SET e x', 'EXPIRE e 100', 'COPY b e REPLACE', 'TTL e',
    ])
  })

  it('MOVE', async () => {
    await check([
      'MOVE a 0', 'MOVE nosuch 0', 'MOVE a 16', 'MOVE a -1', 'MOVE a x', 'MOVE a 4294967296', 'MOVE a 2147483648',
      'MOVE a -2147483649', 'MOVE a 1.0', 'MOVE a', 'MOVE a 1 2',
      'MOVE nosuch 1', 'SET a 1', 'MOVE a 1', 'EXISTS a', 'SET a 2', 'MOVE a 1', 'GET a',
      'SELECT 1', 'GET a', 'MOVE a 0', 'MOVE a 2', 'EXISTS a', 'SELECT 2', 'GET a',
      'PEXPIRE a 30000', 'MOVE a 3', 'SELECT 3', { cmd: 'PTTL a', compare: near(100) }, 'SELECT 0',
    ])
  })

  it('KEYS with tricky patterns', async () => {
    const keys = [
      'hello', 'hallo', 'hxllo', 'hllo', 'heeeello', 'h]llo', 'h-llo', 'h\\llo', 'h*llo', 'h?llo', 'h[llo',
      'a', 'b', 'z', '', '-', ']', '^', '\\', '[', '*', '?', 'user:1', 'user:12', 'user:abc', 'A', 'Z', '\xe9', '\x80',
    ]
    const patterns = [
      '*', '**', '?', '??', '', 'h?llo', 'h*llo', 'h[ae]llo', 'h[^e]llo', 'h[a-b]llo', 'h[b-a]llo', 'h[z-a]llo',
      '[a-z]', '[z-a]', '[^a-z]', '[^x]', '[', '[a', '[^', '[a-', 'h[', 'h[a', '\\*', '\\?', '\\[', '\\', 'h\\',
      'h\\*llo', 'h\\[llo', 'h[\\]]llo', 'h[\\-]llo', 'h[]]llo', '[]]', '[]', '[-]', '[a-]', '[---]', '[!a]',
      'user:[0-9]*', 'user:[^0-9]*', 'user:*[0-9]', '*[', '*\\', '[\\', '[A-Z]', '[a-Z]', '[\x80-\xff]', '[\xe9-a]',
      '[^\x01-\x7f]', 'h[a-z]*', '*l*l*o', '*?*?*?*?*?*', 'h[^]llo', 'h[^]]llo',
    ]
    await check([
      ...keys.map((key) => ({ cmd: ['SET', key, '1'] })),
      ...patterns.map((pattern) => unordered(['KEYS', pattern])),
      'KEYS', 'KEYS a b',
    ])
  })

  it('KEYS gives up beyond 1000 nested stars, as Redis does', async () => {
    await check([
      { cmd: ['SET', 'a'.repeat(1100), '1'] },
      ...[998, 1000, 1001, 1002].map((n) => unordered(['KEYS', '*a'.repeat(n)])),
      ...[1000, 1001].map((n) => unordered(['KEYS', `${'*a'.repeat(n)}*`])),
    ])
  })

  it('expired keys are not listed', async () => {
    await check([
      'SET gone 1', 'PEXPIRE gone 1', 'SET stay 1',
      { pause: 20 },
      unordered('KEYS *'), 'EXISTS gone', 'RANDOMKEY', 'DBSIZE',
    ])
  })

  it('RANDOMKEY', async () => {
    await check(['RANDOMKEY', 'SET only 1', 'RANDOMKEY', 'RANDOMKEY x', 'DEL only', 'RANDOMKEY'])
  })

  it('SCAN options, cursor parsing and errors', async () => {
    await check([
      'MSET a 1 b 2 c 3', 'RPUSH l 1', 'SADD s 1', 'HSET h f v', 'ZADD z 1 m',
      unordered(['SCAN', '']), unordered('SCAN +0'), unordered('SCAN -0'), unordered('SCAN 00'), unordered('SCAN 0'),
      { cmd: ['SCAN', ' 0'] }, 'SCAN 0x', 'SCAN x', 'SCAN +', 'SCAN -', 'SCAN 1.5', 'SCAN 18446744073709551616',
      'SCAN -18446744073709551616', 'SCAN x COUNT 0',
      'SCAN 0 COUNT 0', 'SCAN 0 COUNT -1', 'SCAN 0 COUNT x', 'SCAN 0 COUNT', 'SCAN 0 MATCH', 'SCAN 0 TYPE',
      'SCAN 0 FOO', 'SCAN 0 FOO bar', 'SCAN 0 count 0 foo', 'SCAN 0 foo count 0', 'SCAN 0 COUNT 9223372036854775808',
      'SCAN',
      unordered('SCAN 0 COUNT 9223372036854775807'), unordered('SCAN 0 COUNT 1 COUNT 100'),
      unordered('SCAN 0 MATCH x MATCH ?'), unordered('SCAN 0 MATCH * COUNT 100'), unordered('SCAN 0 MATCH [ab] COUNT 100'),
      unordered('SCAN 0 TYPE string COUNT 100'), unordered('SCAN 0 TYPE STRING COUNT 100'), unordered('SCAN 0 TYPE List'),
      unordered('SCAN 0 TYPE set'), unordered('SCAN 0 TYPE hash'), unordered('SCAN 0 TYPE zset'), unordered('SCAN 0 TYPE none'),
      unordered('SCAN 0 TYPE nosuchtype'), unordered('SCAN 0 TYPE stream'), unordered(['SCAN', '0', 'TYPE', 'string\0x']),
      unordered('SCAN 0 TYPE string MATCH [a-b] COUNT 50'),
    ])
  })

  it('SCAN MATCH * returns the empty key: Redis skips the pattern "*", which would not match it', async () => {
    await check([
      'SET "" x', 'SET a 1', 'RPUSH l x', unordered('SCAN 0 MATCH * COUNT 100'), unordered('SCAN 0 MATCH ** COUNT 100'),
      unordered('SCAN 0 MATCH * TYPE string COUNT 100'), unordered('SCAN 0 MATCH a* MATCH * COUNT 100'),
      unordered('KEYS *'), unordered('KEYS **'),
    ])
  })

  it('a full SCAN returns the same keys as Redis, with every COUNT, MATCH and TYPE', async () => {
    await redis.client.call(['FLUSHALL'])
    const peer = new EnginePeer()
    const setup: string[][] = []
    for (let i = 0; i < 300; i++) setup.push(['SET', `key:${i}`, String(i)])
    for (let i = 0; i < 40; i++) setup.push(['RPUSH', `list:${i}`, 'x'], ['HSET', `hash:${i}`, 'f', 'v'])
    for (const argv of setup) {
      await redis.client.call(argv)
      peer.exec(argv)
    }
    const redisCall = (argv: string[]) => redis.client.call(argv)
    const engineCall = (argv: string[]) => peer.exec(argv)
    for (const options of [[], ['COUNT', '1'], ['COUNT', '7'], ['COUNT', '1000'], ['MATCH', 'key:1*'], ['TYPE', 'list'],
      ['MATCH', '*:3?', 'TYPE', 'hash', 'COUNT', '3']]) {
      expect(await scanKeys(engineCall, options), options.join(' ')).toEqual(await scanKeys(redisCall, options))
    }
  })

  it('SCAN returns every key present for the whole iteration while keys are added and deleted', async () => {
    const peer = new EnginePeer()
    for (let i = 0; i < 200; i++) peer.exec(['SET', `stay:${i}`, 'x'])
    for (let i = 0; i < 200; i++) peer.exec(['SET', `churn:${i}`, 'x'])
    // Between calls: delete some keys, add new ones, rewrite stay keys (no effect on their presence).
    const seen = new Set(await scanAll((argv) => peer.exec(argv), ['SCAN'], ['COUNT', '3'], (round) => {
      peer.exec(['DEL', `churn:${(round * 7) % 200}`])
      peer.exec(['SET', `added:${round}`, 'x'])
      peer.exec(['SET', `stay:${(round * 13) % 200}`, 'y'])
      if (round % 10 === 0) peer.exec(['RENAME', `churn:${(round * 3 + 1) % 200}`, `renamed:${round}`])
    }))
    for (let i = 0; i < 200; i++) expect(seen.has(`stay:${i}`), `stay:${i}`).toBe(true)
    expect(seen.size).toBeLessThan(1000)
  })

  it('EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX/XX/GT/LT and their errors', async () => {
    const future = Math.floor(Date.now() / 1000) + 1000
    await check([
      'EXPIRE nosuch 10', 'EXPIRE nosuch x', 'EXPIRE nosuch 10 foo', 'EXPIRE nosuch 10 NX XX',
      'SET k v', 'EXPIRE k 10 NX XX', 'EXPIRE k 10 xx nx', 'EXPIRE k 10 GT NX', 'EXPIRE k 10 NX LT',
      'EXPIRE k 10 GT LT', 'EXPIRE k 10 lt gt', 'EXPIRE k 10 foo', 'EXPIRE k x foo', 'EXPIRE k x NX XX', 'EXPIRE k x',
      'EXPIRE k 1.5', 'EXPIRE k ""', 'EXPIRE k 10 NX foo', 'EXPIRE k 10 foo NX XX',
      { cmd: ['EXPIRE', 'k', '10', 'a\nb\r\n'] }, { cmd: ['EXPIRE', 'k', '10', '\r\na'] }, { cmd: ['EXPIRE', 'k', '10', 'a\0b'] },
      'EXPIRE k', 'PEXPIRE k', 'EXPIREAT k', 'PEXPIREAT k',
      'TTL k', 'EXPIRE k 100 XX', 'EXPIRE k 100 GT', 'TTL k', 'EXPIRE k 100 LT', 'TTL k', 'EXPIRE k 200 NX',
      'EXPIRE k 50 GT', 'EXPIRE k 99 GT', 'EXPIRE k 150 GT', 'TTL k', 'EXPIRE k 150 LT', 'EXPIRE k 120 lt xx', 'TTL k',
      'EXPIRE k 130 NX', 'EXPIRE k 100 xx', 'TTL k', 'PERSIST k', 'EXPIRE k 30 nx nx', 'TTL k',
      'PEXPIRE k 100000 GT', 'TTL k', 'PEXPIRE k 5000 LT', 'TTL k',
      `EXPIREAT k ${future}`, { cmd: 'TTL k', compare: near(1) }, 'EXPIRETIME k', `EXPIREAT k ${future - 10} GT`, `EXPIREAT k ${future + 10} GT`,
      'EXPIRETIME k', `PEXPIREAT k ${future * 1000 + 1234}`, 'PEXPIRETIME k', 'EXPIRETIME k',
      `PEXPIREAT k ${future * 1000 + 500}`, 'EXPIRETIME k', `PEXPIREAT k ${future * 1000 + 499}`, 'EXPIRETIME k',
      `PEXPIREAT k ${future * 1000 + 2000} LT`, `PEXPIREAT k ${future * 1000} LT`, 'PEXPIRETIME k',
    ])
  })

  it('expire times that overflow, and times in the past', async () => {
    await check([
      'SET k v',
      'EXPIRE k 9223372036854775807', 'EXPIRE k 9223372036854775', 'EXPIRE k 9223372036854774',
      'EXPIRE k -9223372036854775808', 'EXPIRE k -9223372036854776', 'EXPIRE k 9223372036854775808',
      'PEXPIRE k 9223372036854775807', 'PEXPIRE k 9223372036854775806', 'EXPIREAT k 9223372036854775807',
      'EXPIREAT k 9223372036854776', 'EXPIREAT k -9223372036854776', 'PEXPIREAT k -9223372036854775808',
      'TTL k', 'EXPIREAT k 9223372036854775', { cmd: 'TTL k', compare: near(2) }, 'PERSIST k',
      // Expiry times are kept as doubles: exact to 2^53 ms, then as written up to 17 significant digits, and INT64_MAX.
      'PEXPIREAT k 9223372036854775807', 'PEXPIRETIME k', 'EXPIRETIME k', { cmd: 'TTL k', compare: near(1) },
      'PEXPIREAT k 9007199254740991', 'PEXPIRETIME k', 'EXPIRETIME k', { cmd: 'TTL k', compare: near(1) },
      'PEXPIREAT k 9223372036854775000', 'PEXPIRETIME k', 'EXPIRETIME k', 'EXPIREAT k 9223372036854775', 'PEXPIRETIME k',
      'PEXPIREAT k 1234567890123456700', 'PEXPIRETIME k', 'PERSIST k',
      'EXPIRE k -9223372036854775', 'EXISTS k',
      'SET k v', 'EXPIRE k 0', 'EXISTS k', 'SET k v', 'EXPIRE k -1', 'EXISTS k',
      'SET k v', 'PEXPIRE k 0', 'EXISTS k', 'SET k v', 'EXPIREAT k 1', 'EXISTS k', 'SET k v', 'PEXPIREAT k 0', 'EXISTS k',
      'SET k v', 'PEXPIREAT k -5', 'EXISTS k',
      'SET k v', 'EXPIRE k 100', 'EXPIRE k -1 GT', 'EXPIRE k -1 LT', 'EXISTS k',
      'SET k v', 'EXPIRE k -1 XX', 'EXISTS k', 'EXPIRE k -1 NX', 'EXISTS k',
      'SET k v', 'EXPIRE k -1 GT', 'EXPIRE k -1 LT', 'EXISTS k',
    ])
  })

  it('TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST', async () => {
    await check([
      'TTL nosuch', 'PTTL nosuch', 'EXPIRETIME nosuch', 'PEXPIRETIME nosuch', 'PERSIST nosuch',
      'SET k v', 'TTL k', 'PTTL k', 'EXPIRETIME k', 'PEXPIRETIME k', 'PERSIST k',
      'PEXPIRE k 1499', 'TTL k', 'PEXPIRE k 1600', 'TTL k', { cmd: 'PTTL k', compare: near(50) },
      'EXPIRE k 100', { cmd: 'PTTL k', compare: near(50) }, { cmd: 'EXPIRETIME k', compare: near(1) },
      { cmd: 'PEXPIRETIME k', compare: near(50) },
      'PERSIST k', 'TTL k', 'PERSIST k', 'TTL', 'TTL a b', 'PERSIST', 'EXPIRETIME', 'PEXPIRETIME a b',
      'PEXPIRE k 5', { pause: 20 }, 'TTL k', 'PTTL k', 'EXPIRETIME k', 'PERSIST k',
      'SET k v', 'EXPIRE k 100', 'SET k w', 'TTL k', 'SET k v EX 100', 'SET k w KEEPTTL', 'TTL k',
      'RPUSH l a', 'EXPIRE l 100', 'RPUSH l b', 'TTL l', 'LPOP l 2', 'TTL l',
    ])
  })

  it('keyspace events: del, rename, copy, move, expire, persist, sortstore', async () => {
    await redis.client.call(['FLUSHALL'])
    await redis.client.call(['SELECT', '0'])
    const { redis: expected, engine: actual } = await keyEvents(redis, [
      'SET a 1', 'DEL a nosuch', 'SET a 1', 'UNLINK a', 'SET b 1', 'RENAME b c', 'RENAMENX c d', 'RENAME d d',
      'COPY d e', 'COPY d e DB 3', 'COPY d e REPLACE', 'MOVE e 1', 'EXPIRE d 100', 'PEXPIRE d 100 NX', 'PERSIST d',
      'PERSIST d', 'EXPIRE d 0', 'SET f 1', 'EXPIREAT f 1', 'SET g 1', 'PEXPIRE g -1',
      'RPUSH l 3 1 2', 'SORT l STORE out', 'SORT l LIMIT 0 0 STORE out', 'SORT l LIMIT 0 0 STORE out',
      'SORT_RO l', 'SET h 1', 'PEXPIRE h 1', { pause: 20 }, 'GET h',
    ])
    expect(expected.length).toBeGreaterThan(25)
    expect(actual).toEqual(expected)
  })

  it('OBJECT ENCODING, REFCOUNT, IDLETIME, FREQ, HELP', async () => {
    await check([
      'OBJECT ENCODING nosuch', 'OBJECT REFCOUNT nosuch', 'OBJECT IDLETIME nosuch', 'OBJECT FREQ nosuch',
      'OBJECT HELP', 'object help', 'OBJECT HELP x', 'OBJECT', 'OBJECT foo', 'OBJECT foo k', 'OBJECT ENCODING',
      'OBJECT ENCODING a b', 'OBJECT REFCOUNT', 'OBJECT IDLETIME', 'OBJECT FREQ',
      ...['123', '-9223372036854775808', '9223372036854775807', '9223372036854775808', '-0', '007', ' 1', '1.5', '',
        '+1', 'x'.repeat(44), 'x'.repeat(45), '12345678901234567890', '\xe9'].flatMap((value) => [
        { cmd: ['SET', 'k', value] }, 'OBJECT ENCODING k', 'OBJECT REFCOUNT k',
      ]),
      'SET a 0', 'OBJECT REFCOUNT a', 'SET a 9999', 'OBJECT REFCOUNT a', 'SET a 10000', 'OBJECT REFCOUNT a',
      'SET a -1', 'OBJECT REFCOUNT a', 'MSET m 5', 'OBJECT ENCODING m', 'SETNX n 5', 'OBJECT ENCODING n',
      'RPUSH l a', 'OBJECT ENCODING l', 'OBJECT REFCOUNT l', 'SADD si 1 2', 'OBJECT ENCODING si', 'SADD ss x',
      'OBJECT ENCODING ss', 'HSET h f v', 'OBJECT ENCODING h',
      'OBJECT FREQ k', { cmd: 'OBJECT IDLETIME k', compare: near(1) },
      'CONFIG SET maxmemory-policy allkeys-lfu', 'OBJECT IDLETIME k', 'OBJECT FREQ nosuch',
      'SET f v', 'OBJECT FREQ f', 'GET f', 'OBJECT FREQ f', 'OBJECT IDLETIME f',
      'CONFIG SET maxmemory-policy volatile-lfu', 'OBJECT IDLETIME f',
      'CONFIG SET maxmemory-policy allkeys-lru', 'OBJECT FREQ f', 'OBJECT REFCOUNT a', 'SET a 5', 'OBJECT REFCOUNT a',
      'CONFIG SET maxmemory 100mb', 'SET b 5', 'OBJECT REFCOUNT b', 'OBJECT ENCODING b', 'CONFIG SET maxmemory 0',
      'CONFIG SET maxmemory-policy noeviction',
    ])
  })

  it('SORT on lists: numbers, ALPHA, DESC, LIMIT, BY nosort', async () => {
    await check([
      'RPUSH l 10 2 1.5 -3 2.0 1e1 inf " 5" 0x10 "" -inf 1e-5',
      'SORT l', 'SORT l DESC', 'SORT l ALPHA', 'SORT l ALPHA DESC', 'SORT l desc asc', 'SORT l alpha alpha',
      'SORT l LIMIT 1 2', 'SORT l LIMIT -5 2', 'SORT l LIMIT 3 -1', 'SORT l LIMIT 3 100', 'SORT l LIMIT 12 1',
      'SORT l LIMIT 11 1', 'SORT l LIMIT 0 0', 'SORT l LIMIT 1 2 DESC', 'SORT l LIMIT 0 1 LIMIT 2 3',
      'SORT l BY nosort', 'SORT l BY nosort DESC', 'SORT l BY nosort LIMIT 1 2', 'SORT l BY nosort LIMIT 1 2 DESC',
      'SORT l BY nosort LIMIT 20 2', 'SORT l BY nosort LIMIT 20 2 DESC', 'SORT l BY nosort LIMIT -3 -3 DESC',
      'SORT l BY nosort ALPHA', 'SORT l BY # ', 'SORT l BY nosort GET #', 'SORT l BY nosort BY w_*', 'SORT l BY w_* BY nosort',
      'RPUSH dup b a b a', 'SORT dup ALPHA', 'SORT dup ALPHA DESC',
      // ALPHA without STORE compares as C strings (strcoll), with STORE as bytes.
      { cmd: ['RPUSH', 'nul', 'a\0c', 'b', 'a\0b', 'a'] }, 'SORT nul ALPHA', 'SORT nul ALPHA DESC', 'SORT nul ALPHA STORE o',
      'LRANGE o 0 -1', { cmd: ['MSET', 'w_a\0c', 'x\0z', 'w_a\0b', 'x\0y'] }, 'SORT nul BY w_* ALPHA', 'SORT nul BY w_* ALPHA STORE o',
      'LRANGE o 0 -1',
      // Out-of-range weights last: they leave errno at ERANGE in Redis (see resetErrno).
      ...['abc', '5 ', 'nan', ' ', '0x', '1e', '--1', '\t7', 'infinity', '-nan', '1.5.5', '1e400', '1e-400'].flatMap((bad) => [
        'DEL bad', { cmd: ['RPUSH', 'bad', '1', bad] }, 'SORT bad', 'SORT bad ALPHA', 'SORT_RO bad', 'SORT bad BY nosort',
      ]),
    ])
  })

  it('SORT BY and GET patterns with strings and hash fields', async () => {
    await check([
      'RPUSH users 1 2 3 4', 'MSET weight_1 30 weight_2 10 weight_3 20',
      'SORT users BY weight_*', 'SORT users BY weight_* DESC', 'SORT users BY weight_* LIMIT 1 2',
      'HSET user:1 age 40 name ann', 'HSET user:2 age 25 name bob', 'HSET user:3 age 33 name cy', 'HSET user:4 name dee',
      'SORT users BY user:*->age', 'SORT users BY user:*->age DESC', 'SORT users BY user:*->name ALPHA',
      'SORT users BY user:*->name ALPHA DESC', 'SORT users BY user:*->name', 'SORT users BY user:*->nofield',
      'SORT users BY user:*->age GET # GET user:*->name GET weight_* GET nosuch_*',
      'SORT users BY user:*->age GET user:*->', 'SORT users GET # GET #', 'SORT users GET weight_1',
      'SORT users BY weight_*->x', 'SORT users BY user:*', 'SORT users GET user:*',
      'RPUSH weight_4 x', 'SORT users BY weight_*', 'SORT users GET weight_*',
      'SET "obj_1->" k', 'SORT users GET obj_*->', 'SET "a->b1" z', 'SORT users GET a->b*',
      'SET pre1post v1', 'SORT users GET pre*post', 'SORT users GET pre**', 'HSET "h*1" "f->g" x', 'SORT users GET h**->f->g',
      'SET k1 a', 'SET k2 b', 'SORT users BY k* ALPHA', 'SORT users BY k* ALPHA DESC LIMIT 0 2',
      { cmd: ['SORT', 'users', 'GET', '#\0x'] }, { cmd: ['SORT', 'users', 'GET', 'weight_*\0x'] },
      { cmd: ['SORT', 'users', 'BY', 'nosort\0*'] }, { cmd: ['SORT', 'users', 'GET', 'user:*-\0>name'] },
      'SORT users BY weight_* GET #', 'SORT users BY weight_* STORE dest', 'LRANGE dest 0 -1',
      'SORT users BY weight_* GET # GET user:*->name STORE dest', 'LRANGE dest 0 -1',
    ])
  })

  it('SORT on sets; BY nosort with STORE sorts as bytes', async () => {
    await check([
      'SADD s 3 1 2 10 -5', 'SORT s', 'SORT s ALPHA', 'SORT s DESC LIMIT 1 2', unordered('SORT s BY nosort'),
      'SORT s BY nosort STORE out', 'LRANGE out 0 -1', 'SORT s BY nosort DESC STORE out', 'LRANGE out 0 -1',
      'SORT s BY nosort LIMIT 1 2 STORE out', 'LRANGE out 0 -1',
      'SADD t b a c', 'SORT t', 'SORT t ALPHA', 'SORT t ALPHA LIMIT 0 2', 'SORT t BY nosort STORE out2', 'LRANGE out2 0 -1',
    ])
  })

  it('SORT on sorted sets: by member, BY nosort keeps score order, and converts the encoding', async () => {
    await check([
      'ZADD z 1 c 2 a 3 b 4 d', 'OBJECT ENCODING z', 'SORT z ALPHA', 'OBJECT ENCODING z', 'SORT z',
      'SORT z BY nosort', 'SORT z BY nosort DESC', 'SORT z BY nosort LIMIT 1 2', 'SORT z BY nosort DESC LIMIT 1 2',
      'SORT z BY nosort DESC LIMIT 3 5', 'SORT z BY nosort LIMIT 9 1', 'SORT z BY nosort STORE out', 'LRANGE out 0 -1',
      'ZADD n 1 10 2 9 3 8', 'SORT_RO n BY nosort', 'OBJECT ENCODING n', 'SORT n', 'ZRANGE n 0 -1 WITHSCORES',
    ])
  })

  it('SORT STORE, SORT_RO and errors', async () => {
    await check([
      'SET str x', 'HSET h f v', 'SORT str', 'SORT h', 'SORT str FOO', 'SORT str LIMIT 1', 'SORT str LIMIT x 1',
      'SORT str LIMIT 1 x FOO', 'SORT str FOO LIMIT x 1', 'SORT str BY', 'SORT str GET', 'SORT str STORE',
      'SORT nosuch', 'SORT', 'SORT_RO', 'SORT_RO nosuch STORE x', 'SORT_RO str STORE x', 'SORT_RO nosuch BY x GET # LIMIT 0 1 DESC ALPHA',
      'SORT str LIMIT 9223372036854775808 1', 'SORT str ASC DESC ALPHA BY nosort GET # LIMIT 0 1 STORE',
      'RPUSH l 2 1', 'SET dest old', 'EXPIRE dest 100', 'SORT l STORE dest', 'TYPE dest', 'TTL dest', 'LRANGE dest 0 -1',
      'SORT l GET nosuch_* STORE dest', 'LRANGE dest 0 -1', 'SORT nosuch STORE dest', 'EXISTS dest',
      'SORT l LIMIT 5 5 STORE dest', 'EXISTS dest', 'SORT l STORE l', 'LRANGE l 0 -1', 'SORT l STORE a STORE b',
      'EXISTS a b', 'SORT_RO l', 'SORT_RO l DESC LIMIT 0 1', 'SORT l alpha store dest2', 'OBJECT ENCODING dest2',
    ])
  })

  it('RESP3 shapes', async () => {
    // The random key is Redis's choice: compare its size.
    const sameSize: Compare = (redis, engine) => encodeReply(redis, 3).length === encodeReply(engine, 3).length
    await check(resp3([
      'SET a 1', 'RPUSH l 2 1', 'OBJECT ENCODING nosuch', 'OBJECT ENCODING a', 'OBJECT HELP', unordered('SCAN 0'),
      'SORT l GET nosuch_* GET #', unordered('KEYS *'), { cmd: 'RANDOMKEY', compare: sameSize }, 'TYPE a', 'TTL a',
      'DEL nosuch', 'SORT l STORE x', 'COPY a b',
    ]))
  })
})
