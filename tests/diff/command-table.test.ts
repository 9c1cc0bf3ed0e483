// Holds the whole command table to Redis's facts: for every command in the table (whatever
// groups have added), COMMAND INFO from redis-server and from the engine must be identical, and
// COMMAND DOCS identical except the summaries (ours are in our own words) and key-spec notes
// (also prose: only their presence is compared). Containers may implement fewer subcommands than
// Redis has; those present must match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnginePeer, REDIS_SERVER, startRedis, type RawClient, type RedisProcess } from '../helpers/redis-server.ts'
import { COMMANDS } from '../../worker/commands/table.ts'
import type { Reply } from '../../worker/reply.ts'

const NAMES = [...COMMANDS.keys()]

/** Commands the groups must have (the checks below hold whatever the table has, so they would not miss a lost one). */
const REQUIRED: Record<string, string[]> = {
  generic: [
    'del', 'unlink', 'exists', 'type', 'rename', 'renamenx', 'copy', 'move', 'keys', 'scan', 'randomkey', 'touch',
    'expire', 'pexpire', 'expireat', 'pexpireat', 'expiretime', 'pexpiretime', 'ttl', 'pttl', 'persist', 'sort',
    'sort_ro', 'object',
  ],
  hash: [
    'hdel', 'hexists', 'hget', 'hgetall', 'hincrby', 'hincrbyfloat', 'hkeys', 'hlen', 'hmget', 'hmset',
    'hrandfield', 'hscan', 'hset', 'hsetnx', 'hstrlen', 'hvals',
  ],
  list: [
    'lpush', 'rpush', 'lpushx', 'rpushx', 'lpop', 'rpop', 'llen', 'lrange', 'lindex', 'lset', 'linsert', 'lrem',
    'ltrim', 'lpos', 'lmove', 'rpoplpush', 'lmpop',
  ],
  set: [
    'sadd', 'srem', 'smembers', 'sismember', 'smismember', 'scard', 'spop', 'srandmember', 'smove', 'sinter',
    'sintercard', 'sinterstore', 'sunion', 'sunionstore', 'sdiff', 'sdiffstore', 'sscan',
  ],
}

/** Containers that must have every subcommand Redis has, not only matching ones. */
const COMPLETE_CONTAINERS = ['object']

/** A reply as nested plain values, so a mismatch shows as a readable diff: '+x' status, 'x' bulk, {set}, {map}. */
function plain(reply: Reply): unknown {
  switch (reply.type) {
    case 'simple': return `+${reply.value}`
    case 'bulk': return reply.value
    case 'integer': return Number(reply.value)
    case 'null': return null
    case 'array': return reply.value.map(plain)
    case 'set': return { set: reply.value.map(plain) }
    case 'map': return { map: reply.value.map(([k, v]) => [plain(k), plain(v)]) }
    default: return reply
  }
}

const text = (reply: Reply): string => (reply.type === 'bulk' || reply.type === 'simple' ? reply.value : '')

/** The subcommands our table has, sorted by name (Redis lists them in hash order). */
function keepOurSubcommands(items: Reply[], ours: Set<string>, nameOf: (item: Reply) => string): Reply[] {
  return items.filter((item) => ours.has(nameOf(item))).sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1))
}

/** COMMAND INFO entry with notes texts masked and subcommands restricted to ours. */
function normalizeInfo(reply: Reply, ours: Set<string>): Reply {
  if (reply.type !== 'array') return reply
  const items = reply.value.map((item, index) => {
    if (index === 8 && item.type === 'set') {
      return { ...item, value: item.value.map(maskNotes) }
    }
    if (index === 9 && item.type === 'array') {
      const subs = keepOurSubcommands(item.value, ours, (sub) => (sub.type === 'array' ? text(sub.value[0]) : ''))
      return { type: 'array' as const, value: subs.map((sub) => normalizeInfo(sub, ours)) }
    }
    return item
  })
  return { type: 'array', value: items }
}

function maskNotes(keySpec: Reply): Reply {
  if (keySpec.type !== 'map') return keySpec
  return {
    type: 'map',
    value: keySpec.value.map(([k, v]): [Reply, Reply] => (text(k) === 'notes' ? [k, { type: 'bulk', value: '(notes)' }] : [k, v])),
  }
}

/** COMMAND DOCS map with summaries masked and subcommands restricted to ours. */
function normalizeDocs(reply: Reply, ours: Set<string>): Reply {
  if (reply.type !== 'map') return reply
  return {
    type: 'map',
    value: reply.value.map(([k, v]): [Reply, Reply] => {
      if (text(k) === 'summary') return [k, { type: 'bulk', value: '(summary)' }]
      if (text(k) === 'subcommands' && v.type === 'map') {
        const pairs = v.value
          .filter(([name]) => ours.has(text(name)))
          .sort((a, b) => (text(a[0]) < text(b[0]) ? -1 : 1))
          .map(([name, docs]): [Reply, Reply] => [name, normalizeDocs(docs, ours)])
        return [k, { type: 'map', value: pairs }]
      }
      return [k, v]
    }),
  }
}

function subcommandNames(name: string): Set<string> {
  const spec = COMMANDS.get(name)
  return new Set(Object.keys(spec?.subcommands ?? {}).map((sub) => `${name}|${sub}`))
}

describe.skipIf(!REDIS_SERVER)('the command table against redis-server', () => {
  let redis: RedisProcess
  let conn: RawClient
  const engine = new EnginePeer()
  beforeAll(async () => {
    redis = await startRedis()
    conn = redis.client
    // RESP3 on both sides, so sets and maps keep their types in the comparison.
    await conn.call(['HELLO', '3'])
    engine.exec(['HELLO', '3'])
  })
  afterAll(() => redis?.stop())

  it('has commands to check', () => {
    expect(NAMES.length).toBeGreaterThan(20)
  })

  it('has every command its groups must have, each in its group', () => {
    const problems: string[] = []
    for (const [group, names] of Object.entries(REQUIRED)) {
      for (const name of names) {
        const spec = COMMANDS.get(name)
        if (spec === undefined) problems.push(`${name}: not in the table`)
        else if (spec.group !== group) problems.push(`${name}: in group ${spec.group}, not ${group}`)
      }
    }
    expect(problems).toEqual([])
  })

  for (const name of COMPLETE_CONTAINERS) {
    it(`${name.toUpperCase()} has every subcommand Redis has`, async () => {
      const reply = await conn.call(['COMMAND', 'INFO', name])
      const info = reply.type === 'array' ? reply.value[0] : reply
      const subcommands = info.type === 'array' && info.value[9].type === 'array' ? info.value[9].value : []
      const theirs = subcommands.map((sub) => (sub.type === 'array' ? text(sub.value[0]) : '')).sort()
      expect(theirs.length).toBeGreaterThan(0)
      expect([...subcommandNames(name)].sort()).toEqual(theirs)
    })
  }

  for (const name of NAMES) {
    it(`COMMAND INFO ${name}`, async () => {
      const ours = subcommandNames(name)
      const expected = await conn.call(['COMMAND', 'INFO', name])
      const actual = engine.exec(['COMMAND', 'INFO', name])
      const pick = (reply: Reply) => (reply.type === 'array' ? normalizeInfo(reply.value[0], ours) : reply)
      expect(plain(pick(actual))).toEqual(plain(pick(expected)))
    })
    it(`COMMAND DOCS ${name}`, async () => {
      const ours = subcommandNames(name)
      const expected = await conn.call(['COMMAND', 'DOCS', name])
      const actual = engine.exec(['COMMAND', 'DOCS', name])
      const pick = (reply: Reply) => (reply.type === 'map' && reply.value.length === 1 ? normalizeDocs(reply.value[0][1], ours) : reply)
      expect(plain(pick(actual))).toEqual(plain(pick(expected)))
    })
  }

  it('every subcommand we have exists in Redis under the same name', async () => {
    const missing: string[] = []
    for (const name of NAMES) {
      for (const full of subcommandNames(name)) {
        const reply = await conn.call(['COMMAND', 'INFO', full])
        if (reply.type !== 'array' || reply.value[0].type === 'null') missing.push(full)
      }
    }
    expect(missing).toEqual([])
  })
})
