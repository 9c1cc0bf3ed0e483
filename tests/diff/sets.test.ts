// Set commands against a real redis-server: every command, option and error, RESP3 shapes,
// keyspace events, encodings (intset vs hashtable, which also fixes reply order), and for the
// random commands the properties Redis guarantees rather than the members it happened to pick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  argvOf, bulkTexts, describeMismatches, diffLines, EnginePeer, expectSameReplies, REDIS_SERVER, resp3, show,
  startRedis, unordered, type RedisProcess, type ScriptLine,
} from '../helpers/redis-server.ts'
import { keyEvents } from '../helpers/keyspace-events.ts'
import { scanAll } from '../helpers/scan.ts'
import type { Reply } from '../../worker/reply.ts'

/**
 * A comparison for random picks: same reply type and length, every member drawn from `universe`,
 * and no repeats when `distinct`.
 */
const randomPick = (universe: string[], distinct: boolean) => (redis: Reply, engine: Reply): boolean => {
  if (redis.type !== engine.type) return false
  if (redis.type === 'bulk' && engine.type === 'bulk') return universe.includes(redis.value) && universe.includes(engine.value)
  const a = bulkTexts(redis)
  const b = bulkTexts(engine)
  if (a === undefined || b === undefined) return show(redis) === show(engine)
  const valid = (members: string[]) =>
    members.every((m) => universe.includes(m)) && (!distinct || new Set(members).size === members.length)
  return a.length === b.length && valid(a) && valid(b)
}

const pick = (cmd: string, universe: string[], distinct = true): ScriptLine => ({ cmd, compare: randomPick(universe, distinct) })

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))

describe.skipIf(!REDIS_SERVER)('set commands against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  const check = (lines: ScriptLine[], peer?: EnginePeer) => expectSameReplies(redis, lines, peer)

  it('SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS', () =>
    check([
      'SADD s 3 1 2', 'SADD s 2 4', 'SADD s 1 1 1', 'SMEMBERS s', 'SCARD s', 'SADD s -5 9223372036854775807',
      'SADD s -9223372036854775808', 'SMEMBERS s', 'SISMEMBER s 1', 'SISMEMBER s 01', 'SISMEMBER s x',
      'SISMEMBER nokey 1', 'SMISMEMBER s 1 9 2 x', 'SMISMEMBER nokey a b', 'SCARD nokey', 'SMEMBERS nokey',
      'SADD h a b c', unordered('SMEMBERS h'), 'SADD h a d', 'SCARD h', 'SISMEMBER h a', 'SMISMEMBER h a z d',
      'SREM s 1 9', 'SREM s 1', 'SMEMBERS s', 'SREM s 2 3 4 -5 9223372036854775807 -9223372036854775808', 'EXISTS s',
      'SREM nokey a', 'SREM h a b c d e', 'EXISTS h',
      'SADD m 1 01 -0 +1 " 1"', unordered('SMEMBERS m'), 'SISMEMBER m 01', 'SISMEMBER m 1',
      { cmd: ['SADD', 'bin', '', '\x00', 'caf\xc3\xa9'] }, unordered('SMEMBERS bin'), { cmd: ['SISMEMBER', 'bin', ''] },
      'SET str x', 'SADD str a', 'SREM str a', 'SCARD str', 'SISMEMBER str a', 'SMISMEMBER str a', 'SMEMBERS str',
      'SADD s', 'SREM s', 'SCARD', 'SISMEMBER s', 'SMISMEMBER s', 'SMEMBERS', 'SMEMBERS a b',
    ]))

  it('intset order, the intset limit and conversion to hashtable', async () => {
    const peer = new EnginePeer()
    await redis.client.call(['CONFIG', 'SET', 'set-max-intset-entries', '4'])
    peer.engine.config.set('set-max-intset-entries', '4')
    try {
      await check([
        'SADD s 40 -1 30 20', 'SMEMBERS s', 'SADD s 10', unordered('SMEMBERS s'), 'SREM s 10 20', unordered('SMEMBERS s'),
        'SADD t 5 4 3 2', 'SMEMBERS t', 'SSCAN t 0', 'SINTER t', 'SUNION t', 'SDIFF t',
      ], peer)
    } finally {
      await redis.client.call(['CONFIG', 'SET', 'set-max-intset-entries', '512'])
    }
  })

  it('OBJECT ENCODING after every way of building a set', async () => {
    await redis.client.call(['FLUSHALL'])
    const peer = new EnginePeer()
    const script = [
      'SADD ints 3 1 2', 'SADD mixed 1 a', 'SADD strfirst a 1', 'SADD big ' + range(1, 513).join(' '),
      'SADD edge ' + range(1, 512).join(' '), 'SADD padded 1 01',
      'SADD h a 1 2 3 4 5 6 7 8 9 10', 'SREM h a',
      'SINTERSTORE inter h', 'SUNIONSTORE union h', 'SUNIONSTORE union2 h mixed', 'SMOVE h moved 3', 'SMOVE mixed moved2 a',
      'SADD da a 1 2 3 4 5 6 7 8 9 10', 'SADD db a', 'SADD dc x', 'SADD dd y',
      'SDIFFSTORE algo2 da db dc dd', 'SDIFFSTORE algo1 da db', 'COPY h hcopy', 'COPY ints icopy',
      'SADD spopped a 1 2 3 4 5 6 7 8 9 10', 'SREM spopped a', 'SPOP spopped 9',
      'SADD spopped2 a 1 2 3 4 5 6 7 8 9 10', 'SREM spopped2 a', 'SPOP spopped2 1',
    ]
    for (const line of script) {
      await redis.client.call(argvOf(line))
      peer.exec(argvOf(line))
    }
    const differences: string[] = []
    const keys = ['ints', 'mixed', 'strfirst', 'big', 'edge', 'padded', 'h', 'inter', 'union', 'union2', 'moved', 'moved2',
      'algo1', 'algo2', 'spopped', 'spopped2', 'hcopy', 'icopy']
    for (const key of keys) {
      const expected = await redis.client.call(['OBJECT', 'ENCODING', key])
      const value = peer.engine.databases[0].get(key)
      const actual = typeof value === 'object' && value.kind === 'set' ? value.encoding(peer.engine.config) : 'missing'
      const wanted = expected.type === 'bulk' ? expected.value : show(expected)
      if (actual !== wanted) differences.push(`${key}: redis ${wanted}, engine ${actual}`)
    }
    expect(differences).toEqual([])
    const orders = await diffLines(redis, peer, [
      'SMEMBERS ints', 'SMEMBERS inter', 'SMEMBERS union', 'SMEMBERS algo1', unordered('SMEMBERS algo2'),
      unordered('SDIFF da db dc dd'), 'SDIFF da db', 'SMEMBERS edge', unordered('SMEMBERS big'),
    ])
    expect(orders, describeMismatches(orders)).toEqual([])
  })

  it('SPOP without and with count', () =>
    check([
      'SADD s 1 2 3 4 5', pick('SPOP s', range(1, 5)), 'SCARD s', pick('SPOP s 2', range(1, 5)), 'SCARD s',
      'SPOP s 0', 'SCARD s', 'DEL s',
      'SADD s 1 2 3', 'SPOP s 3', 'EXISTS s', 'SADD s 3 1 2', 'SPOP s 10', 'SADD s 1', 'SPOP s', 'EXISTS s',
      'SADD h a b c d e f g h i j', pick('SPOP h 1', [...'abcdefghij']), pick('SPOP h 8', [...'abcdefghij']), 'SCARD h',
      pick('SPOP h', [...'abcdefghij']), 'EXISTS h',
      'SADD big ' + range(1, 100).join(' '), pick('SPOP big 90', range(1, 100)), 'SCARD big', 'DEL big',
      'SADD big ' + range(1, 100).join(' '), pick('SPOP big 10', range(1, 100)), 'SCARD big', 'DEL big',
      'SADD hs ' + range(1, 30).join(' ') + ' x', pick('SPOP hs 29', [...range(1, 30), 'x']), 'SCARD hs', 'DEL hs',
      'SPOP nokey', 'SPOP nokey 0', 'SPOP nokey 5', 'SPOP nokey -1', 'SPOP nokey x',
      'SADD s a', 'SPOP s -1', 'SPOP s x', 'SPOP s 1.5', 'SPOP s 9223372036854775808', 'SPOP s 1 2', 'SPOP s 1 2 3',
      'SPOP s 9223372036854775807', 'EXISTS s',
      'SET str x', 'SPOP str', 'SPOP str 1', 'SPOP str 0', 'SPOP str -1', 'SPOP str x', 'SPOP',
    ]))

  it('SRANDMEMBER without and with count', () =>
    check([
      'SADD s 1 2 3 4 5', pick('SRANDMEMBER s', range(1, 5)),
      pick('SRANDMEMBER s 1', range(1, 5)), pick('SRANDMEMBER s 2', range(1, 5)), pick('SRANDMEMBER s 4', range(1, 5)),
      'SRANDMEMBER s 5', 'SRANDMEMBER s 6', 'SRANDMEMBER s 9223372036854775807',
      pick('SRANDMEMBER s -1', range(1, 5), false), pick('SRANDMEMBER s -20', range(1, 5), false),
      'SRANDMEMBER s 0', 'SCARD s',
      'SADD big ' + range(1, 100).join(' '), pick('SRANDMEMBER big 10', range(1, 100)), pick('SRANDMEMBER big 40', range(1, 100)),
      pick('SRANDMEMBER big 99', range(1, 100)), pick('SRANDMEMBER big -200', range(1, 100), false),
      'SADD h a b c', unordered('SRANDMEMBER h 3'), unordered('SRANDMEMBER h 30'), pick('SRANDMEMBER h 2', ['a', 'b', 'c']),
      'SADD one x', 'SRANDMEMBER one', 'SRANDMEMBER one -3', 'SRANDMEMBER one 3',
      'SRANDMEMBER nokey', 'SRANDMEMBER nokey 5', 'SRANDMEMBER nokey -5', 'SRANDMEMBER nokey 0', 'SRANDMEMBER nokey x',
      'SRANDMEMBER s x', 'SRANDMEMBER s 1.5', 'SRANDMEMBER s 9223372036854775808', 'SRANDMEMBER s -9223372036854775808',
      'SRANDMEMBER nokey -9223372036854775808', 'SRANDMEMBER s 1 2', 'SRANDMEMBER s 1 2 3',
      'SET str x', 'SRANDMEMBER str', 'SRANDMEMBER str 1', 'SRANDMEMBER str 0', 'SRANDMEMBER str x',
      'SRANDMEMBER str -9223372036854775808', 'SRANDMEMBER',
    ]))

  it('SMOVE', () =>
    check([
      'SADD a 1 2 3', 'SADD b x',
      'SMOVE a b 1', 'SMEMBERS a', unordered('SMEMBERS b'), 'SMOVE a b 9', 'SMOVE a b x', 'SMOVE a new 2', 'SMEMBERS new',
      'SMOVE a b 3', 'EXISTS a', 'SMOVE b b x', 'SMOVE b b nothing', 'SMOVE new b 2', 'EXISTS new',
      'SADD c 5', 'SMOVE b c 5', 'SMOVE nokey b x', 'SMOVE nokey nokey x',
      'SET str x', 'SMOVE nokey str a', 'SMOVE str b a', 'SMOVE b str x', 'SMOVE b str nothing', 'SMOVE str str a',
      'SMOVE b c', 'SMOVE',
    ]))

  it('SINTER, SINTERCARD, SINTERSTORE', () =>
    check([
      'SADD a 1 2 3 4 5', 'SADD b 2 3 4 9', 'SADD c 3 4 8', 'SADD h 3 4 x', 'SADD g x y z',
      'SINTER a', 'SINTER a b', 'SINTER a b c', 'SINTER b a', 'SINTER a a', unordered('SINTER a b h'), 'SINTER a nokey',
      unordered('SINTER h g'), 'SINTER g a', unordered('SINTER g g'),
      'SINTERCARD 1 a', 'SINTERCARD 2 a b', 'SINTERCARD 3 a b c', 'SINTERCARD 2 a nokey', 'SINTERCARD 2 a b LIMIT 0',
      'SINTERCARD 2 a b LIMIT 1', 'SINTERCARD 2 a b LIMIT 2', 'SINTERCARD 2 a b LIMIT 100', 'SINTERCARD 2 a b limit 1 LIMIT 3',
      'SINTERCARD 1 a LIMIT 9223372036854775807',
      'SINTERCARD 0 a', 'SINTERCARD -1 a', 'SINTERCARD x a', 'SINTERCARD 3 a b', 'SINTERCARD 2 a', 'SINTERCARD 1 a LIMIT',
      'SINTERCARD 1 a LIMIT -1', 'SINTERCARD 1 a LIMIT x', 'SINTERCARD 1 a FOO', 'SINTERCARD 1 a FOO 1',
      'SINTERCARD 9223372036854775807 a', 'SINTERCARD 1 str LIMIT -1', 'SINTERCARD 2 nokey str',
      'SINTERSTORE d a b', 'SMEMBERS d', 'SINTERSTORE d a b c', 'SMEMBERS d', 'SINTERSTORE d a g', 'EXISTS d',
      'SINTERSTORE d a b', 'SINTERSTORE d a nokey', 'EXISTS d', 'SINTERSTORE d nokey', 'SINTERSTORE a a b', 'SMEMBERS a',
      'SET str x', 'SINTERSTORE str a b', 'TYPE str', 'SINTERSTORE d a str', 'SINTERSTORE d nokey str',
      'SET str2 y', 'SINTERSTORE str2 nokey', 'EXISTS str2', 'SINTERSTORE d h g', unordered('SMEMBERS d'),
      'SINTER nokey str', 'SINTER str nokey', 'SINTER a str', 'SINTERCARD 2 a str',
      'SINTER', 'SINTERSTORE d', 'SINTERCARD', 'SINTERCARD 1',
    ]))

  it('SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE', () =>
    check([
      'SADD a 1 2 3', 'SADD b 3 4 5', 'SADD h x y 1', 'SADD g y z',
      'SUNION a', 'SUNION a b', 'SUNION a nokey b', unordered('SUNION a h'), unordered('SUNION h g'), 'SUNION nokey',
      'SDIFF a', 'SDIFF a b', 'SDIFF b a', 'SDIFF a nokey', 'SDIFF nokey a', 'SDIFF a a', 'SDIFF a h', unordered('SDIFF h a'),
      unordered('SDIFF h g a'), 'SDIFF a b h g',
      'SUNIONSTORE d a b', 'SMEMBERS d', 'SUNIONSTORE d nokey', 'EXISTS d', 'SUNIONSTORE d a h', unordered('SMEMBERS d'),
      'SDIFFSTORE d a b', 'SMEMBERS d', 'SDIFFSTORE d a a', 'EXISTS d', 'SDIFFSTORE d nokey a', 'SDIFFSTORE a a b',
      'SMEMBERS a', 'SUNIONSTORE b b a', 'SMEMBERS b',
      'SET str x', 'SUNIONSTORE str a', 'TYPE str', 'SUNION a str', 'SUNION nokey str', 'SDIFF nokey str',
      'SDIFF str nokey', 'SDIFF a str', 'SUNIONSTORE d a str', 'SDIFFSTORE d str', 'SDIFFSTORE d nokey str',
      'SUNION', 'SDIFF', 'SUNIONSTORE d', 'SDIFFSTORE d',
    ]))

  it('STORE commands replace the destination and its TTL', () =>
    check([
      'SADD a 1 2', 'SET d x', 'EXPIRE d 100', 'SUNIONSTORE d a', 'TTL d', 'TYPE d',
      'EXPIRE d 100', 'SINTERSTORE d a', 'TTL d', 'EXPIRE d 100', 'SDIFFSTORE d a', 'TTL d',
      'EXPIRE a 100', pick('SPOP a 1', ['1', '2']), 'TTL a',
    ]))

  it('SSCAN on intsets, arguments and errors', () =>
    check([
      'SADD s 5 3 1 10 22', 'SSCAN s 0', 'SSCAN s 0 COUNT 1', 'SSCAN s 7 COUNT 1', 'SSCAN s 0 MATCH 1*',
      'SSCAN s 0 match *2 count 100', 'SSCAN s 0 MATCH x', 'SSCAN s 0 MATCH * COUNT 1',
      'SSCAN s 18446744073709551615', 'SSCAN s 00', 'SSCAN nokey 0', 'SSCAN nokey 5 COUNT 0', 'SSCAN nokey 0 FOO',
      'SSCAN s 18446744073709551616', 'SSCAN s x', 'SSCAN s 1x', 'SSCAN s " 1"', 'SSCAN s 0x1', 'SSCAN nokey x',
      'SSCAN s 0 COUNT 0', 'SSCAN s 0 COUNT -1', 'SSCAN s 0 COUNT x', 'SSCAN s 0 COUNT', 'SSCAN s 0 MATCH',
      'SSCAN s 0 TYPE string', 'SSCAN s 0 FOO bar', 'SSCAN s 0 COUNT 1 FOO',
      'SET str x', 'SSCAN str 0', 'SSCAN str x', 'SSCAN str 0 COUNT 0', 'SSCAN s', 'SSCAN',
    ]))

  it('SSCAN MATCH * returns the empty member: Redis skips the pattern "*", which would not match it', () =>
    check([
      'SADD s "" a b', unordered('SSCAN s 0 MATCH *'), unordered('SSCAN s 0 MATCH * COUNT 1000'), unordered('SSCAN s 0 MATCH **'),
      unordered('SSCAN s 0 MATCH ?'), unordered('SSCAN s 0 MATCH ""'), unordered('SSCAN s 0 MATCH a* MATCH *'),
      unordered('SSCAN s 0 MATCH * MATCH a*'),
    ]))

  it('SSCAN cursors the way strtoul reads them', () =>
    check(['SADD s 1 2', 'SSCAN s -1', 'SSCAN s +1', 'SSCAN s -0', 'SSCAN s ""', 'SSCAN s -18446744073709551615',
      'SSCAN s -18446744073709551616', 'SSCAN s -']))

  it('SSCAN on hashtables returns every member over a full iteration', async () => {
    await redis.client.call(['FLUSHALL'])
    const peer = new EnginePeer()
    const members = [...range(1, 300).map((n) => `m${n}`), 'x', 'xy', 'axb']
    for (const argv of [['SADD', 'h', ...members], ['SADD', 'small', 'a', 'b', 'c']]) {
      await redis.client.call(argv)
      peer.exec(argv)
    }
    for (const [key, options] of [['h', []], ['h', ['COUNT', '7']], ['h', ['MATCH', 'm1*', 'COUNT', '3']], ['h', ['MATCH', '*x*']],
      ['small', []], ['small', ['COUNT', '1']]] as Array<[string, string[]]>) {
      const fromRedis = await scanAll((argv) => redis.client.call(argv), ['SSCAN', key], options)
      const fromEngine = await scanAll((argv) => peer.exec(argv), ['SSCAN', key], options)
      expect(new Set(fromEngine), `${key} ${options.join(' ')}`).toEqual(new Set(fromRedis))
      expect(fromEngine.length).toBe(new Set(fromEngine).size)
    }
  })

  it('replies have the same RESP3 shapes', () =>
    check(resp3([
      'SADD s 3 1 2', 'SADD one x', 'SMEMBERS s', 'SMEMBERS nokey', 'SINTER s', 'SINTER s nokey', 'SUNION s', 'SDIFF s',
      'SPOP nokey', 'SPOP nokey 2', 'SPOP s 0', 'SRANDMEMBER nokey', 'SRANDMEMBER nokey 2', 'SRANDMEMBER s 0',
      'SRANDMEMBER s 10', 'SRANDMEMBER one -2', 'SRANDMEMBER one 1', 'SSCAN s 0', 'SSCAN nokey 0', 'SMISMEMBER s 1 9',
      'SISMEMBER s 1', 'SINTERCARD 1 s', 'SPOP one 1', 'SADD one x', 'SPOP one', 'SPOP s 10',
    ])))

  it('writes emit the keyspace events Redis emits', async () => {
    await redis.client.call(['FLUSHALL'])
    const events = await keyEvents(redis, [
      'SADD s 1 2 3', 'SADD s 1', 'SREM s 9', 'SREM s 1', 'SPOP s', 'SPOP s 0', 'SPOP s 5', 'SADD s a b', 'SPOP s 1',
      'SREM s a b', 'SADD a 1 2', 'SADD b 2', 'SMOVE a b 1', 'SMOVE a b 9', 'SMOVE a b 2', 'SMOVE b b 2',
      'SMOVE b c 1', 'SINTERSTORE d b c', 'SINTERSTORE d b nokey', 'SINTERSTORE d b nokey', 'SUNIONSTORE d b c',
      'SDIFFSTORE d b c', 'SDIFFSTORE d c b', 'SADD big 1 2 3 4 5 6 7 8 9 10', 'SPOP big 9', 'SPOP big 1',
    ])
    expect(events.redis.length).toBeGreaterThan(20)
    expect(events.engine).toEqual(events.redis)
  })
})
