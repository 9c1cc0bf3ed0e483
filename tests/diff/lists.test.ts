// List commands against a real redis-server: every command, option and error, the RESP3 shapes,
// the keyspace events each write emits, and the command table's facts (for lists and sets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  describeMismatches, diffLines, EnginePeer, REDIS_SERVER, show, startRedis, type RawClient, type RedisProcess,
  type ScriptLine,
} from '../helpers/redis-server.ts'
import { argvOf } from '../helpers/redis-server.ts'
import { encodeReply, ReplyParser } from '../../worker/resp.ts'
import type { Reply } from '../../worker/reply.ts'
import { COMMANDS } from '../../worker/commands/table.ts'
import type { Arg, CommandSpec, KeySpec } from '../../worker/commands/spec.ts'

/** The engine as a client sees it: replies go through the RESP encoder and back (sets become arrays in RESP2). */
class WirePeer extends EnginePeer {
  override exec(argv: string[], connection = 0): Reply {
    const reply = super.exec(argv, connection)
    const parser = new ReplyParser()
    parser.feed(encodeReply(reply, this.clients[connection].resp))
    return parser.next() as Reply
  }
}

/** Runs lines on a RESP3 connection and an engine client switched to RESP3; compares the RESP3 bytes. */
async function diffResp3(redis: RedisProcess, lines: string[]): Promise<string[]> {
  const connection = await redis.connect()
  await connection.call(['HELLO', '3'])
  const peer = new WirePeer()
  peer.clients[0].resp = 3
  const mismatches: string[] = []
  for (const line of lines) {
    const argv = argvOf(line)
    const expected = encodeReply(await connection.call(argv), 3)
    const actual = encodeReply(peer.exec(argv), 3)
    if (expected !== actual) mismatches.push(`> ${line}\n  redis:  ${JSON.stringify(expected)}\n  engine: ${JSON.stringify(actual)}`)
  }
  return mismatches
}

/** Runs lines on both sides and returns the keyspace events (event:key) each side emitted, in order. */
async function eventsOf(redis: RedisProcess, lines: string[]): Promise<{ redis: string[]; engine: string[] }> {
  const subscriber: RawClient = await redis.connect()
  await redis.client.call(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'])
  await subscriber.call(['PSUBSCRIBE', '__keyevent@0__:*'])
  const peer = new WirePeer()
  const engineEvents: string[] = []
  peer.engine.onKeyChange((change) => engineEvents.push(`${change.event}:${change.key}`))
  for (const line of lines) {
    await redis.client.call(argvOf(line))
    peer.exec(argvOf(line))
  }
  // Events reach the subscriber asynchronously: wait until they stop arriving.
  let seen = -1
  while (seen !== subscriber.unsolicited.length) {
    seen = subscriber.unsolicited.length
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await redis.client.call(['CONFIG', 'SET', 'notify-keyspace-events', ''])
  const redisEvents = subscriber.unsolicited.flatMap((message) => {
    if (message.type !== 'array' || message.value.length !== 4) return []
    const [, , channel, key] = message.value
    if (channel.type !== 'bulk' || key.type !== 'bulk') return []
    return [`${channel.value.replace('__keyevent@0__:', '')}:${key.value}`]
  })
  subscriber.close()
  return { redis: redisEvents, engine: engineEvents }
}

// ---- Command table facts (lists and sets) against COMMAND INFO and COMMAND DOCS ----

type Plain = string | number | bigint | null | Plain[]

function plain(reply: Reply): Plain {
  switch (reply.type) {
    case 'simple': case 'bulk': case 'error': return reply.value
    case 'integer': return Number(reply.value)
    case 'array': case 'set': return reply.value.map(plain)
    default: return null
  }
}

/** A flat [k1, v1, k2, v2] array as a Map. */
function pairs(list: Plain): Map<string, Plain> {
  const out = new Map<string, Plain>()
  const items = list as Plain[]
  for (let i = 0; i < items.length; i += 2) out.set(items[i] as string, items[i + 1])
  return out
}

/** A key spec the way COMMAND INFO words it (lists and sets only begin at an index). */
function keySpecText(spec: KeySpec): Plain {
  if (!('index' in spec.begin)) return `unexpected begin_search ${JSON.stringify(spec.begin)}`
  const begin = ['type', 'index', 'spec', ['index', spec.begin.index]]
  const find = 'range' in spec.find
    ? ['type', 'range', 'spec', ['lastkey', spec.find.range[0], 'keystep', spec.find.range[1], 'limit', spec.find.range[2]]]
    : 'keynum' in spec.find
      ? ['type', 'keynum', 'spec', ['keynumidx', spec.find.keynum[0], 'firstkey', spec.find.keynum[1], 'keystep', spec.find.keynum[2]]]
      : `unexpected find_keys ${JSON.stringify(spec.find)}`
  return ['flags', spec.flags, 'begin_search', begin, 'find_keys', find]
}

/** The argument tree the way COMMAND DOCS words it. */
function argText(arg: Arg): Plain {
  const out: Plain[] = ['name', arg.name, 'type', arg.type]
  if (arg.display !== undefined) out.push('display_text', arg.display)
  if (arg.keySpec !== undefined) out.push('key_spec_index', arg.keySpec)
  if (arg.token !== undefined) out.push('token', arg.token)
  if (arg.since !== undefined) out.push('since', arg.since)
  const flags = [arg.optional && 'optional', arg.multiple && 'multiple', arg.multipleToken && 'multiple_token'].filter(
    (f): f is string => typeof f === 'string',
  )
  if (flags.length > 0) out.push('flags', flags)
  if (arg.args !== undefined) out.push('arguments', arg.args.map(argText))
  return out
}

function aclCategories(spec: CommandSpec): string[] {
  const derived: string[] = []
  if (spec.flags.includes('write')) derived.push('@write')
  if (spec.flags.includes('readonly')) derived.push('@read')
  derived.push(spec.flags.includes('fast') ? '@fast' : '@slow')
  return [...derived, ...spec.acl].sort()
}

/** The differences between our table entry and what the server reports, as readable lines. */
async function tableDifferences(client: RawClient, name: string): Promise<string[]> {
  const spec = COMMANDS.get(name)
  if (spec === undefined) return [`${name}: not in the table`]
  const info = (plain(await client.call(['COMMAND', 'INFO', name])) as Plain[])[0] as Plain[]
  const docs = pairs((plain(await client.call(['COMMAND', 'DOCS', name])) as Plain[])[1])
  const ours: Record<string, Plain> = {
    arity: spec.arity,
    flags: [...spec.flags].sort(),
    acl: aclCategories(spec),
    tips: spec.tips ?? [],
    keySpecs: spec.keySpecs.map(keySpecText),
    since: spec.since,
    group: spec.group,
    complexity: spec.complexity,
    docFlags: spec.docFlags ?? null,
    deprecatedSince: spec.deprecatedSince ?? null,
    replacedBy: spec.replacedBy ?? null,
    history: spec.history ?? null,
    arguments: spec.args.map(argText),
  }
  const theirs: Record<string, Plain> = {
    arity: info[1],
    flags: [...(info[2] as string[])].sort(),
    acl: [...(info[6] as string[])].sort(),
    tips: info[7],
    keySpecs: info[8],
    since: docs.get('since') ?? null,
    group: docs.get('group') ?? null,
    complexity: docs.get('complexity') ?? null,
    docFlags: docs.get('doc_flags') ?? null,
    deprecatedSince: docs.get('deprecated_since') ?? null,
    replacedBy: docs.get('replaced_by') ?? null,
    history: docs.get('history') ?? null,
    arguments: docs.get('arguments') ?? [],
  }
  return Object.keys(ours)
    .filter((field) => JSON.stringify(ours[field]) !== JSON.stringify(theirs[field]))
    .map((field) => `${name}.${field}\n  ours:   ${JSON.stringify(ours[field])}\n  redis:  ${JSON.stringify(theirs[field])}`)
}

const LIST_COMMANDS = [
  'lpush', 'rpush', 'lpushx', 'rpushx', 'lpop', 'rpop', 'llen', 'lrange', 'lindex', 'lset', 'linsert', 'lrem',
  'ltrim', 'lpos', 'lmove', 'rpoplpush', 'lmpop',
]
const SET_COMMANDS = [
  'sadd', 'srem', 'smembers', 'sismember', 'smismember', 'scard', 'spop', 'srandmember', 'smove', 'sinter',
  'sintercard', 'sinterstore', 'sunion', 'sunionstore', 'sdiff', 'sdiffstore', 'sscan',
]

describe.skipIf(!REDIS_SERVER)('list commands against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  const check = async (lines: ScriptLine[]) => {
    await redis.client.call(['FLUSHALL'])
    const mismatches = await diffLines(redis, new WirePeer(), lines)
    expect(mismatches, describeMismatches(mismatches)).toEqual([])
  }

  it('the table entries for lists and sets match COMMAND INFO and COMMAND DOCS', async () => {
    const differences: string[] = []
    for (const name of [...LIST_COMMANDS, ...SET_COMMANDS]) differences.push(...(await tableDifferences(redis.client, name)))
    expect(differences.join('\n')).toBe('')
  })

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

  it('replies have the same RESP3 shapes', async () => {
    await redis.client.call(['FLUSHALL'])
    const mismatches = await diffResp3(redis, [
      'RPUSH l a b c', 'LPOP nokey', 'LPOP nokey 1', 'RPOP nokey 0', 'LPOP l 0', 'LPOP l 1', 'RPOP l',
      'LINDEX nokey 0', 'LINDEX l 10', 'LPOS nokey a', 'LPOS nokey a COUNT 0', 'LPOS l z', 'LPOS l z COUNT 0',
      'LMOVE nokey l LEFT LEFT', 'RPOPLPUSH nokey l', 'LMPOP 1 nokey LEFT', 'LMPOP 1 l LEFT', 'LRANGE nokey 0 -1',
    ])
    expect(mismatches.join('\n')).toBe('')
  })

  it('writes emit the keyspace events Redis emits', async () => {
    await redis.client.call(['FLUSHALL'])
    const events = await eventsOf(redis, [
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
    const mismatches = await diffLines(redis, new WirePeer(), lines)
    expect(mismatches.slice(0, 3), describeMismatches(mismatches.slice(0, 3))).toEqual([])
  })

  it('OBJECT ENCODING of small and large lists', async () => {
    await redis.client.call(['FLUSHALL'])
    const peer = new WirePeer()
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
