// List commands against a real redis-server: every command, option and error, the RESP3 shapes,
// and the keyspace events each write emits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  argvOf, describeMismatches, diffLines, EnginePeer, expectSameReplies, REDIS_SERVER, resp3, show, startRedis,
  type RedisProcess, type ScriptLine,
} from '../helpers/redis-server.ts'
import { keyEvents } from '../helpers/keyspace-events.ts'

describe.skipIf(!REDIS_SERVER)('list commands against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  const check = (lines: ScriptLine[]) => expectSameReplies(redis, lines)

  it('LPUSH, RPUSH, LPUSHX, RPUSHX', () =>
    check([
      'LPUSH l a', 'LPUSH l b c d', 'RPUSH l e f', 'LRANGE l 0 -1', 'LLEN l',
      'LPUSHX l x', 'RPUSHX l y z', 'LRANGE l 0 -1', 'LPUSHX nokey a', 'RPUSHX nokey a b', 'EXISTS nokey',
      'RPUSH n 1 2 3 -1 01', 'LRANGE n 0 -1',
      'SET str x', 'LPUSH str a', 'RPUSH str a', 'LPUSHX str a', 'RPUSHX str a',
      'LPUSH l', 'RPUSH', 'LPUSHX l', 'RPUSHX l',
      { cmd: ['RPUSH', 'bin', '', '\x00\xff', 'caf\xc3\xa9'] }, 'LRANGE bin 0 -1',
    ]))

  it('LPOP and RPOP with and without count', () =>
    check([
      'RPUSH l a b c d e f',
      'LPOP l', 'RPOP l', 'LPOP l 2', 'RPOP l 1', 'LPOP l 0', 'RPOP l 0', 'LRANGE l 0 -1',
      'LPOP l 10', 'EXISTS l', 'LPOP l', 'RPOP l', 'LPOP l 1', 'RPOP l 0',
      'RPUSH m a b c', 'RPOP m 100', 'EXISTS m',
      'LPOP l -1', 'RPOP l -1', 'LPOP l x', 'LPOP l 1.5', 'LPOP l 9223372036854775808',
      'RPUSH q a', 'LPOP q 9223372036854775807', 'LPOP l 1 2', 'RPOP l 1 2', 'LPOP',
      'SET str x', 'LPOP str', 'RPOP str 1', 'LPOP str 0', 'LPOP str -1', 'LPOP str x',
    ]))

  it('LLEN, LRANGE, LINDEX', () =>
    check([
      'RPUSH l a b c d e',
      'LLEN l', 'LLEN nokey',
      'LRANGE l 0 -1', 'LRANGE l 1 3', 'LRANGE l -2 -1', 'LRANGE l -100 100', 'LRANGE l 3 1', 'LRANGE l 5 10',
      'LRANGE l -1 -2', 'LRANGE l 0 0', 'LRANGE l -9223372036854775808 9223372036854775807',
      'LRANGE l 9223372036854775807 -9223372036854775808', 'LRANGE l 0 9223372036854775808',
      'LRANGE nokey 0 -1', 'LRANGE l x 1', 'LRANGE l 0 y', 'LRANGE nokey x 1',
      'LINDEX l 0', 'LINDEX l -1', 'LINDEX l 4', 'LINDEX l 5', 'LINDEX l -5', 'LINDEX l -6',
      'LINDEX l 9223372036854775807', 'LINDEX l -9223372036854775808',
      'LINDEX nokey 0', 'LINDEX nokey x', 'LINDEX l x',
      'SET str x', 'LLEN str', 'LRANGE str 0 -1', 'LRANGE str x 0', 'LINDEX str 0', 'LINDEX str x',
      'LLEN', 'LRANGE l 0', 'LINDEX l',
    ]))

  it('LSET', () =>
    check([
      'RPUSH l a b c',
      'LSET l 0 x', 'LSET l -1 z', 'LSET l 1 ""', 'LRANGE l 0 -1',
      'LSET l 3 q', 'LSET l -4 q', 'LSET l x q', 'LSET nokey 0 a', 'LSET nokey x a',
      'SET str x', 'LSET str 0 a', 'LSET str x a', 'LSET l 0',
    ]))

  it('LINSERT', () =>
    check([
      'RPUSH l a b c b',
      'LINSERT l BEFORE b x', 'LINSERT l after b y', 'LINSERT l before a first', 'LINSERT l AFTER b2 z',
      'LINSERT l after c last', 'LRANGE l 0 -1', 'LINSERT l middle a b', 'LINSERT nokey before a b',
      'LINSERT nokey middle a b', 'EXISTS nokey',
      'SET str x', 'LINSERT str before a b', 'LINSERT str middle a b', 'LINSERT l before a',
    ]))

  it('LREM', () =>
    check([
      'RPUSH l a b a c a b a',
      'LREM l 2 a', 'LRANGE l 0 -1', 'LREM l -1 a', 'LRANGE l 0 -1', 'LREM l 0 b', 'LRANGE l 0 -1',
      'LREM l 0 zz', 'LREM l 5 a', 'LRANGE l 0 -1', 'LREM l 0 c', 'EXISTS l',
      'RPUSH m x y x', 'LREM m -9223372036854775808 x', 'LRANGE m 0 -1',
      'LREM nokey 0 a', 'LREM nokey x a', 'LREM m x a', 'LREM m 1.0 a',
      'SET str x', 'LREM str 0 a', 'LREM str x a', 'LREM m 0',
    ]))

  it('LTRIM', () =>
    check([
      'RPUSH l a b c d e f g', 'LTRIM l 1 -2', 'LRANGE l 0 -1', 'LTRIM l -3 -1', 'LRANGE l 0 -1',
      'LTRIM l 0 100', 'LRANGE l 0 -1', 'LTRIM l -100 0', 'LRANGE l 0 -1',
      'LTRIM l 1 0', 'EXISTS l',
      'RPUSH m a b c', 'LTRIM m 5 10', 'EXISTS m', 'RPUSH m a b c', 'LTRIM m -1 -2', 'EXISTS m',
      'RPUSH m a b c', 'LTRIM m -9223372036854775808 9223372036854775807', 'LRANGE m 0 -1',
      'LTRIM nokey 0 1', 'LTRIM nokey x 1', 'LTRIM m x 1', 'LTRIM m 0 y',
      'SET str x', 'LTRIM str 0 1', 'LTRIM str x 1', 'LTRIM m 0',
    ]))

  it('LPOS with RANK, COUNT and MAXLEN', () =>
    check([
      'RPUSH l a b c a b c a d',
      'LPOS l a', 'LPOS l d', 'LPOS l z', 'LPOS l a RANK 2', 'LPOS l a RANK 3', 'LPOS l a RANK 4',
      'LPOS l a RANK -1', 'LPOS l a RANK -3', 'LPOS l a RANK -4',
      'LPOS l a COUNT 0', 'LPOS l a COUNT 2', 'LPOS l a COUNT 10', 'LPOS l z COUNT 0',
      'LPOS l a RANK 2 COUNT 0', 'LPOS l a RANK -1 COUNT 2', 'LPOS l a RANK -2 COUNT 0',
      'LPOS l a MAXLEN 1', 'LPOS l a MAXLEN 3 COUNT 0', 'LPOS l a MAXLEN 4 COUNT 0', 'LPOS l a RANK -1 MAXLEN 1',
      'LPOS l a RANK -1 MAXLEN 2', 'LPOS l a RANK 2 MAXLEN 3', 'LPOS l c RANK -1 MAXLEN 3 COUNT 0',
      'LPOS l a rank 1 count 1 maxlen 0', 'LPOS l a RANK 1 RANK 2', 'LPOS l a COUNT 1 COUNT 2',
      'LPOS l a RANK -9223372036854775808', 'LPOS l a RANK -9223372036854775808 COUNT 1',
      'LPOS l a RANK -9223372036854775807', 'LPOS l a RANK 9223372036854775807 COUNT 0',
      'LPOS l a COUNT 9223372036854775807', 'LPOS l a MAXLEN 9223372036854775807',
      'LPOS l a RANK 0', 'LPOS l a RANK x', 'LPOS l a RANK 9223372036854775808', 'LPOS l a RANK 1.5',
      'LPOS l a COUNT -1', 'LPOS l a COUNT x', 'LPOS l a COUNT 9223372036854775808',
      'LPOS l a MAXLEN -1', 'LPOS l a MAXLEN x',
      'LPOS l a COUNT 0 RANK 0', 'LPOS l a RANK 0 COUNT -1', 'LPOS l a COUNT -1 RANK 0', 'LPOS l a MAXLEN -1 FOO',
      'LPOS l a FOO', 'LPOS l a RANK', 'LPOS l a COUNT', 'LPOS l a MAXLEN', 'LPOS l a RANK 1 COUNT',
      'LPOS nokey a', 'LPOS nokey a COUNT 0', 'LPOS nokey a RANK 2', 'LPOS nokey a RANK 0', 'LPOS nokey a FOO',
      'SET str x', 'LPOS str a', 'LPOS str a COUNT 0', 'LPOS str a RANK 0', 'LPOS str a FOO', 'LPOS l',
    ]))

  it('LMOVE and RPOPLPUSH', () =>
    check([
      'RPUSH src a b c d', 'RPUSH dst x',
      'LMOVE src dst LEFT LEFT', 'LMOVE src dst LEFT RIGHT', 'LMOVE src dst right left', 'LRANGE src 0 -1',
      'LRANGE dst 0 -1', 'LMOVE src dst RIGHT RIGHT', 'EXISTS src', 'LRANGE dst 0 -1',
      'LMOVE dst dst LEFT RIGHT', 'LRANGE dst 0 -1', 'LMOVE dst dst RIGHT LEFT', 'LRANGE dst 0 -1',
      'LMOVE dst new LEFT LEFT', 'LRANGE new 0 -1',
      'RPUSH one z', 'LMOVE one one LEFT LEFT', 'LRANGE one 0 -1', 'RPOPLPUSH one one', 'LRANGE one 0 -1',
      'LMOVE nokey dst LEFT LEFT', 'LMOVE dst dst MIDDLE LEFT', 'LMOVE dst dst LEFT MIDDLE', 'LMOVE nokey x up down',
      'SET str x', 'LMOVE str dst LEFT LEFT', 'LMOVE dst str LEFT LEFT', 'LMOVE nokey str LEFT LEFT',
      'LMOVE str dst foo LEFT', 'LLEN dst',
      'RPOPLPUSH dst other', 'LRANGE other 0 -1', 'RPOPLPUSH nokey other', 'RPOPLPUSH str other',
      'RPOPLPUSH other str', 'RPOPLPUSH nokey str', 'RPOPLPUSH other', 'LMOVE a b LEFT',
    ]))

  it('LMPOP', () =>
    check([
      'RPUSH l1 a b c d', 'RPUSH l2 x y',
      'LMPOP 1 l1 LEFT', 'LMPOP 1 l1 RIGHT COUNT 2', 'LMPOP 2 nokey l2 left count 10', 'EXISTS l2',
      'LMPOP 3 nokey l2 l1 RIGHT', 'LMPOP 2 nokey l2 LEFT', 'LMPOP 1 l1 LEFT COUNT 9223372036854775807',
      'RPUSH l1 a', 'LMPOP 0 l1 LEFT', 'LMPOP -1 l1 LEFT', 'LMPOP x l1 LEFT', 'LMPOP 1.5 l1 LEFT',
      'LMPOP 2 l1 LEFT', 'LMPOP 3 l1 LEFT', 'LMPOP 1 l1 MIDDLE', 'LMPOP 1 l1 LEFT COUNT 0',
      'LMPOP 1 l1 LEFT COUNT -1', 'LMPOP 1 l1 LEFT COUNT x', 'LMPOP 1 l1 LEFT COUNT', 'LMPOP 1 l1 LEFT COUNT 1 COUNT 2',
      'LMPOP 1 l1 LEFT FOO', 'LMPOP 1 l1 LEFT FOO 1', 'LMPOP 9223372036854775807 l1 LEFT',
      'SET str x', 'LMPOP 1 str LEFT', 'LMPOP 2 nokey str LEFT', 'LMPOP 2 l1 str LEFT', 'LMPOP 2 str l1 MIDDLE',
      'LMPOP 1 str LEFT COUNT 0', 'LMPOP 1 l1', 'LRANGE l1 0 -1',
    ]))

  it('replies have the same RESP3 shapes', () =>
    check(resp3([
      'RPUSH l a b c', 'LPOP nokey', 'LPOP nokey 1', 'RPOP nokey 0', 'LPOP l 0', 'LPOP l 1', 'RPOP l',
      'LINDEX nokey 0', 'LINDEX l 10', 'LPOS nokey a', 'LPOS nokey a COUNT 0', 'LPOS l z', 'LPOS l z COUNT 0',
      'LMOVE nokey l LEFT LEFT', 'RPOPLPUSH nokey l', 'LMPOP 1 nokey LEFT', 'LMPOP 1 l LEFT', 'LRANGE nokey 0 -1',
    ])))

  it('writes emit the keyspace events Redis emits', async () => {
    await redis.client.call(['FLUSHALL'])
    const events = await keyEvents(redis, [
      'LPUSH l a b', 'RPUSH l c', 'LPUSHX l d', 'RPUSHX l e', 'LPUSHX nokey a', 'LPOP l', 'RPOP l 2', 'LPOP l 0',
      'LSET l 0 x', 'LINSERT l BEFORE x y', 'LINSERT l BEFORE nothing y', 'LREM l 1 y', 'LREM l 1 nothing',
      'LTRIM l 0 -1', 'LTRIM nokey 0 1', 'RPUSH src a b', 'LMOVE src dst LEFT RIGHT', 'LMOVE src dst RIGHT LEFT',
      'RPOPLPUSH dst dst', 'LMPOP 1 dst LEFT COUNT 5', 'LTRIM l 5 10', 'RPUSH q a', 'LPOP q 5', 'RPUSH r a b',
      'LREM r 0 a', 'LREM r 0 b',
    ])
    expect(events.redis.length).toBeGreaterThan(20)
    expect(events.engine).toEqual(events.redis)
  })

  it('a long random session keeps the same lists', async () => {
    await redis.client.call(['FLUSHALL'])
    const lines: string[] = []
    let seed = 12345
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const keys = ['a', 'b', 'c']
    const values = ['x', 'y', 'z', '1', '']
    for (let i = 0; i < 600; i++) {
      const k = keys[next(3)]
      const v = values[next(5)] || '""'
      const n = next(9) - 4
      const commands = [
        `LPUSH ${k} ${v}`, `RPUSH ${k} ${v} ${v}`, `LPOP ${k}`, `RPOP ${k} ${Math.abs(n)}`, `LINSERT ${k} AFTER ${v} q`,
        `LREM ${k} ${n} ${v}`, `LTRIM ${k} ${n} ${-n}`, `LSET ${k} ${n} w`, `LMOVE ${k} ${keys[next(3)]} LEFT RIGHT`,
        `LPOS ${k} ${v} RANK ${n || 1} COUNT ${Math.abs(n)}`, `LRANGE ${k} ${n} -1`, `LINDEX ${k} ${n}`,
        `LMPOP 2 ${k} ${keys[next(3)]} RIGHT COUNT ${1 + next(3)}`, `LPUSHX ${k} ${v}`,
      ]
      lines.push(commands[next(commands.length)])
    }
    for (const k of keys) lines.push(`LRANGE ${k} 0 -1`)
    const mismatches = await diffLines(redis, new EnginePeer(), lines)
    expect(mismatches.slice(0, 3), describeMismatches(mismatches.slice(0, 3))).toEqual([])
  })

  it('OBJECT ENCODING of small and large lists', async () => {
    await redis.client.call(['FLUSHALL'])
    const peer = new EnginePeer()
    for (const line of ['RPUSH l a', 'RPUSH big ' + 'x '.repeat(200)]) {
      await redis.client.call(argvOf(line))
      peer.exec(argvOf(line))
    }
    for (const key of ['l', 'big']) {
      const expected = await redis.client.call(['OBJECT', 'ENCODING', key])
      const value = peer.engine.databases[0].get(key)
      expect(typeof value === 'object' && value.kind === 'list' ? value.encoding(peer.engine.config) : undefined).toBe(
        expected.type === 'bulk' ? expected.value : show(expected),
      )
    }
  })
})
