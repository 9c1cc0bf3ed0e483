import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  describeMismatches, diffLines, EnginePeer, normalizeUnordered, REDIS_SERVER, show, startRedis, type Compare,
  type RedisProcess, type ScriptLine,
} from '../helpers/redis-server.ts'
import type { Reply } from '../../worker/reply.ts'
import { COMMANDS } from '../../worker/commands/table.ts'
import { allCommands } from '../../worker/commands/introspection.ts'

const OUR_NAMES = new Set([...allCommands(COMMANDS)].map(([name]) => name))

const text = (reply: Reply): string => (reply.type === 'bulk' || reply.type === 'verbatim' || reply.type === 'simple' ? reply.value : '')

/** Two bulk strings of digits: the clocks differ, the shape must not. */
const timeShape: Compare = (redis, engine) => {
  const digits = (r: Reply) => r.type === 'array' && r.value.length === 2 && r.value.every((x) => x.type === 'bulk' && /^\d+$/.test(x.value))
  return digits(redis) && digits(engine)
}

/** Redis lists every command it has; ours must be exactly those of them our table knows, in any order. */
const namesInOurTable: Compare = (redis, engine) => {
  if (redis.type !== 'array' || engine.type !== 'array') return show(redis) === show(engine)
  const expected = redis.value.map(text).filter((name) => OUR_NAMES.has(name)).sort()
  return JSON.stringify(engine.value.map(text).sort()) === JSON.stringify(expected)
}

/** COMMAND DOCS replies with the summaries (ours are in our own words) left out. */
function withoutSummaries(reply: Reply): Reply {
  if (reply.type === 'array') {
    const out: Reply[] = []
    for (let i = 0; i < reply.value.length; i++) {
      if (text(reply.value[i]) === 'summary' && reply.value[i].type === 'bulk') i++
      else out.push(withoutSummaries(reply.value[i]))
    }
    return { type: 'array', value: out }
  }
  if (reply.type === 'map') {
    return { type: 'map', value: reply.value.filter(([k]) => text(k) !== 'summary').map(([k, v]) => [k, withoutSummaries(v)]) }
  }
  return reply
}
const docs = (cmd: string): ScriptLine => ({ cmd, compare: (redis, engine) => show(withoutSummaries(redis)) === show(withoutSummaries(engine)) })

/** HELP replies: our explanations are our own, the frame is Redis's. */
const helpShape: Compare = (redis, engine) =>
  redis.type === 'array' && engine.type === 'array' &&
  show(redis.value[0]) === show(engine.value[0]) &&
  show({ type: 'array', value: redis.value.slice(-2) }) === show({ type: 'array', value: engine.value.slice(-2) }) &&
  engine.value.every((line) => line.type === 'simple')

/** HELLO with the connection id left out (a map in RESP3, a flat array in RESP2). */
const hello = (cmd: string): ScriptLine => ({
  cmd,
  compare: (redis, engine) => {
    const strip = (r: Reply): Reply =>
      r.type === 'map' ? { type: 'map', value: r.value.filter(([k]) => text(k) !== 'id') }
        : r.type === 'array'
          ? { type: 'array', value: r.value.filter((item, i) => text(item) !== 'id' && (i === 0 || text(r.value[i - 1]) !== 'id')) }
          : r
    return show(strip(redis)) === show(strip(engine))
  },
})

/** INFO text as sections of field names, with the values of the named fields kept. */
function infoShape(reply: Reply, keepValues: Set<string>): string[][] {
  return text(reply).split('\r\n\r\n').map((section) =>
    section.split('\r\n').filter((line) => line !== '').map((line) => {
      const field = line.split(':', 1)[0]
      return line.startsWith('#') || keepValues.has(field) ? line : field
    }))
}

const FIXED_INFO_VALUES = new Set([
  'redis_version', 'redis_git_sha1', 'redis_git_dirty', 'redis_mode', 'arch_bits', 'hz', 'configured_hz', 'config_file',
  'io_threads_active', 'cluster_connections', 'maxclients', 'blocked_clients', 'tracking_clients', 'maxmemory',
  'maxmemory_human', 'maxmemory_policy', 'loading', 'async_loading', 'rdb_bgsave_in_progress', 'rdb_last_bgsave_status',
  'aof_enabled', 'aof_rewrite_in_progress', 'role', 'connected_slaves', 'master_failover_state', 'master_replid2',
  'master_repl_offset', 'second_repl_offset', 'repl_backlog_active', 'repl_backlog_size', 'cluster_enabled',
])

/** INFO with variable sections: the same sections and field names, and the same fixed values. */
const infoFields = (cmd: string): ScriptLine => ({
  cmd,
  compare: (redis, engine) => {
    // Which commands and errors appear in these sections depends on each server's history.
    const stable = (r: Reply) => infoShape(r, FIXED_INFO_VALUES).filter((section) =>
      !['# Commandstats', '# Errorstats', '# Latencystats', '# Keyspace'].includes(section[0]))
    const headers = (r: Reply) => infoShape(r, new Set()).map((section) => section[0])
    return JSON.stringify(stable(redis)) === JSON.stringify(stable(engine)) &&
      JSON.stringify(headers(redis)) === JSON.stringify(headers(engine))
  },
})

/** Redis's avg_ttl is an estimate from its expiry sampling; everything else in the line must agree. */
const keyspaceInfo = (cmd: string): ScriptLine => ({
  cmd, compare: (redis, engine) => text(redis).replace(/avg_ttl=\d+/g, 'avg_ttl') === text(engine).replace(/avg_ttl=\d+/g, 'avg_ttl'),
})

/** INFO commandstats after CONFIG RESETSTAT: same lines in any order, times left out. */
const commandStats = (cmd: string): ScriptLine => ({
  cmd,
  compare: (redis, engine) => {
    const lines = (r: Reply) => text(r).replace(/usec=\d+,usec_per_call=[\d.]+/g, 'usec').split('\r\n').sort()
    return JSON.stringify(lines(redis)) === JSON.stringify(lines(engine))
  },
})

/** Lines whose command our table has (other groups add theirs over time). */
function inTable(lines: string[]): string[] {
  return lines.filter((line) => {
    const words = line.split(' ')
    const index = words[0].toUpperCase() === 'COMMAND' ? 2 : 0
    return words.length <= index || COMMANDS.has(words[index].toLowerCase()) || words[index] === 'nosuch'
  })
}

describe.skipIf(!REDIS_SERVER)('server commands against redis-server', () => {
  let redis: RedisProcess
  const engine = new EnginePeer()
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  const check = async (lines: ScriptLine[]) => {
    const mismatches = await diffLines(redis, engine, lines)
    expect(mismatches, describeMismatches(mismatches)).toEqual([])
  }

  it('DBSIZE, FLUSHDB, FLUSHALL', async () => {
    await check([
      'FLUSHALL', 'DBSIZE', 'SET a 1', 'SET b 2', 'DBSIZE', 'SELECT 1', 'SET c 3', 'DBSIZE', 'FLUSHDB', 'DBSIZE', 'SELECT 0',
      'DBSIZE', 'FLUSHDB x', 'FLUSHDB sync x', 'FLUSHDB async', 'DBSIZE', 'SET a 1', 'FLUSHDB SYNC', 'DBSIZE', 'SET a 1',
      'SELECT 9', 'SET z 1', 'FLUSHALL foo', 'FLUSHALL sync sync', 'DBSIZE', 'FLUSHALL ASYNC', 'DBSIZE', 'SELECT 0',
      'DBSIZE', 'SET a 1', 'FLUSHALL sync', 'GET a', 'DBSIZE x', 'SET a 1 PX 100000', 'FLUSHALL', 'DBSIZE',
    ])
  })

  it('SWAPDB', async () => {
    await check([
      'FLUSHALL', 'SET a 1', 'PEXPIRE a 100000', 'SELECT 3', 'SET b 2', 'SWAPDB 0 3', 'GET a', 'GET b', 'PTTL b', 'SELECT 0',
      'GET b', 'GET a', 'SWAPDB 3 0', 'GET a', 'SWAPDB 2 2', 'SWAPDB 0 16', 'SWAPDB -1 0', 'SWAPDB 0 -1', 'SWAPDB x 1',
      'SWAPDB 1 x', 'SWAPDB 16 x', 'SWAPDB 99999999999 0', 'SWAPDB 0 99999999999', 'SWAPDB 1.5 0', 'SWAPDB 0', 'SWAPDB 0 1 2',
      'SWAPDB 0 15', 'DBSIZE', 'SELECT 15', 'DBSIZE', 'SWAPDB 15 0', 'SELECT 0', 'FLUSHALL',
    ])
  })

  it('TIME', async () => {
    await check([{ cmd: 'TIME', compare: timeShape }, 'TIME x'])
  })

  it('COMMAND INFO, COUNT and errors (RESP2)', async () => {
    await check([
      ...inTable(['COMMAND INFO get', 'COMMAND INFO GET nosuch SET', 'COMMAND INFO client|list CLIENT|ID client|nosuch a|b|c']),
      'COMMAND INFO ping echo select quit reset hello dbsize flushdb flushall swapdb time info',
      'COMMAND INFO client|setname client|getname client|help client|info command|count command|docs command|list',
      'COMMAND INFO command|getkeys command|getkeysandflags command|help command|info config|get config|set',
      'COMMAND INFO config|resetstat config|rewrite config|help nosuch|x', 'COMMAND INFO |', 'COMMAND INFO ""',
      { cmd: 'COMMAND COUNT', compare: 'type' }, 'COMMAND COUNT x', 'COMMAND nosuch', 'COMMAND HELP x',
      { cmd: 'COMMAND HELP', compare: helpShape },
    ])
  })

  it('COMMAND INFO and DOCS in RESP3', async () => {
    await check([
      hello('HELLO 3'), 'COMMAND INFO ping select nosuch', ...inTable(['COMMAND INFO set getex']),
      docs('COMMAND DOCS hello'), docs('COMMAND DOCS client|list nosuch flushall'), docs('COMMAND DOCS CONFIG|SET'),
      hello('HELLO 2'),
    ])
  })

  it('COMMAND DOCS (RESP2)', async () => {
    await check([
      docs('COMMAND DOCS ping'), docs('COMMAND DOCS nosuch'), docs('COMMAND DOCS client|id client|list hello hello'),
      docs('COMMAND DOCS Command|List'), docs('COMMAND DOCS info time swapdb'), ...inTable(['COMMAND DOCS set']).map(docs),
    ])
  })

  it('COMMAND LIST and its filters', async () => {
    await check([
      { cmd: 'COMMAND LIST', compare: namesInOurTable },
      { cmd: 'COMMAND LIST FILTERBY PATTERN client*', compare: namesInOurTable },
      { cmd: 'COMMAND LIST FILTERBY pattern *|?e?', compare: namesInOurTable },
      { cmd: 'COMMAND LIST FILTERBY PATTERN Z*', compare: namesInOurTable },
      { cmd: 'COMMAND LIST FILTERBY ACLCAT connection', compare: namesInOurTable },
      { cmd: 'COMMAND LIST FILTERBY aclcat KEYSPACE', compare: namesInOurTable },
      { cmd: 'COMMAND LIST FILTERBY ACLCAT slow', compare: namesInOurTable },
      { cmd: 'COMMAND LIST FILTERBY ACLCAT dangerous', compare: namesInOurTable },
      { cmd: 'COMMAND LIST FILTERBY ACLCAT read', compare: namesInOurTable },
      { cmd: 'COMMAND LIST FILTERBY ACLCAT write', compare: namesInOurTable },
      'COMMAND LIST FILTERBY ACLCAT nosuch', 'COMMAND LIST FILTERBY MODULE x', 'COMMAND LIST FILTERBY foo x',
      'COMMAND LIST FILTERBY pattern', 'COMMAND LIST FILTERBY pattern a b', 'COMMAND LIST x',
      'COMMAND LIST FILTERBY pattern a FILTERBY aclcat read',
    ])
  })

  it('COMMAND GETKEYS and GETKEYSANDFLAGS', async () => {
    const lines = inTable([
      'COMMAND GETKEYS get a', 'COMMAND GETKEYS get a b', 'COMMAND GETKEYS get', 'COMMAND GETKEYS nosuch a',
      'COMMAND GETKEYS client list', 'COMMAND GETKEYS client foo', 'COMMAND GETKEYS client', 'COMMAND GETKEYS ping x',
      'COMMAND GETKEYS mset a 1 b 2', 'COMMAND GETKEYS mset a 1 b', 'COMMAND GETKEYS msetnx a 1 b 2', 'COMMAND GETKEYS set a b',
      'COMMAND GETKEYS set a b get', 'COMMAND GETKEYS del a b c', 'COMMAND GETKEYS exists a', 'COMMAND GETKEYS touch a b',
      'COMMAND GETKEYS rename a b', 'COMMAND GETKEYS copy a b db 1', 'COMMAND GETKEYS getex a ex 10',
      'COMMAND GETKEYS sort a by x store d', 'COMMAND GETKEYS sort a limit 0 1 store d get # store e',
      'COMMAND GETKEYS sort a store', 'COMMAND GETKEYS sort a get store', 'COMMAND GETKEYS sort_ro a by x',
      'COMMAND GETKEYS object encoding a', 'COMMAND GETKEYS object help', 'COMMAND GETKEYS lmove a b left right',
      'COMMAND GETKEYS blmove a b left right 0', 'COMMAND GETKEYS blpop a b 0', 'COMMAND GETKEYS brpop a 0',
      'COMMAND GETKEYS lmpop 2 a b left', 'COMMAND GETKEYS lmpop 3 a b left', 'COMMAND GETKEYS lmpop 0 a left',
      'COMMAND GETKEYS lmpop x a left', 'COMMAND GETKEYS blmpop 0 2 a b left', 'COMMAND GETKEYS smove a b m',
      'COMMAND GETKEYS sinterstore d a b', 'COMMAND GETKEYS sintercard 2 a b', 'COMMAND GETKEYS sintercard 3 a b',
      'COMMAND GETKEYS zunionstore d 2 a b', 'COMMAND GETKEYS zunionstore d 3 a b', 'COMMAND GETKEYS zunionstore d 0 a',
      'COMMAND GETKEYS zunionstore d x a', 'COMMAND GETKEYS zinterstore d 1 a weights 1', 'COMMAND GETKEYS zunion 2 a b',
      'COMMAND GETKEYS zdiff 2 a b withscores', 'COMMAND GETKEYS zrangestore d s 0 -1', 'COMMAND GETKEYS zmpop 1 a min',
      'COMMAND GETKEYS bzpopmin a b 0', 'COMMAND GETKEYS hset h f v', 'COMMAND GETKEYS hmget h a b',
      'COMMAND GETKEYS zadd z 1 a', 'COMMAND GETKEYS zintercard 2 a b limit 1',
    ])
    await check([...lines, ...lines.map((line) => line.replace('GETKEYS', 'GETKEYSANDFLAGS'))])
  })

  it('CONFIG GET by name, alias and pattern (RESP3 maps, compared as sets of pairs)', async () => {
    await check([
      hello('HELLO 3'),
      ...[
        'maxmemory', 'Timeout', 'timeout TIMEOUT time*', 'hash-max-ziplist-entries', 'hash-max-*', 'maxmemory*', 'list-max-*',
        // Not 'save': the test server starts with --save '' (its default is the playground's), see the CONFIG SET test.
        'zset-max-*', 'notify*', 'nosuch', 'nosuch*', 'lfu-*', 'hz', 'databases', 'appendonly', 'appendfsync',
        'slowlog-*', 'lua-time-limit', 'busy-reply-threshold', 'active-expire-effort', 'set-max-intset-entries',
        'stream-node-*', 'hll-*', 'auto-aof-*', 'appendfilename', 'dbfilename', 'maxclients', 'proto-max-bulk-len',
        'latency-monitor-threshold', 'activerehashing', 'lazyfree-lazy-user-flush', 'rdbcompression', 'rdbchecksum',
        'aof-use-rdb-preamble', 'list-compress-depth', 'maxmemory-clients', '[a]ppendonly', 'hash-max-listpack-?alue',
        'timeout maxmemory hz', 'MAXMEMORY*', 'HZ',
      ].map((names) => ({ cmd: `CONFIG GET ${names}`, compare: 'unordered' as const })),
      'CONFIG GET', hello('HELLO 2'),
    ])
  })

  it('CONFIG SET: values, units, aliases and every kind of refusal', async () => {
    const roundTrips = [
      ['maxmemory', '1gb'], ['maxmemory', '1GB'], ['maxmemory', '1k'], ['maxmemory', '5B'], ['maxmemory', 'kb'], ['maxmemory', '0'],
      ['maxmemory-policy', 'ALLKEYS-LRU'], ['maxmemory-policy', 'noeviction'],
      // Booleans (not appendonly: turning it on makes the test server write files in its directory).
      ['activerehashing', 'NO'], ['activerehashing', 'Yes'], ['lazyfree-lazy-user-flush', 'yes'], ['lazyfree-lazy-user-flush', 'no'],
      ['hz', '0'], ['hz', '600'], ['hz', '10'], ['notify-keyspace-events', 'KEA'], ['notify-keyspace-events', 'Kg$'],
      ['notify-keyspace-events', 'Ex'], ['notify-keyspace-events', 'AKEm'], ['notify-keyspace-events', 'g$lshzxetdKn'],
      ['notify-keyspace-events', '""'], ['save', '"100 1 10 5"'], ['save', '""'], ['maxmemory-clients', '10%'],
      ['maxmemory-clients', '0%'], ['maxmemory-clients', '1kb'], ['maxmemory-clients', '0'], ['list-max-listpack-size', '-7'],
      ['list-max-listpack-size', '-2'], ['hash-max-ziplist-entries', '100'], ['hash-max-listpack-entries', '512'],
      ['lua-time-limit', '100'], ['busy-reply-threshold', '5000'], ['slowlog-log-slower-than', '-1'],
      ['slowlog-log-slower-than', '10000'], ['proto-max-bulk-len', '1mb'], ['proto-max-bulk-len', '512mb'], ['timeout', '0'],
    ].flatMap(([name, value]) => [`CONFIG SET ${name} ${value}`, `CONFIG GET ${name}`])
    await check([
      ...roundTrips,
      'CONFIG SET foo 1', 'CONFIG SET maxmemory', 'CONFIG SET maxmemory 1 timeout', 'CONFIG SET maxmemory abc',
      'CONFIG SET maxmemory 1.5gb', 'CONFIG SET maxmemory -1', 'CONFIG SET maxmemory +5', 'CONFIG SET appendonly maybe',
      'CONFIG SET timeout -1', 'CONFIG SET timeout 1.5', 'CONFIG SET timeout 07', 'CONFIG SET timeout 99999999999',
      'CONFIG SET maxmemory-policy foo', 'CONFIG SET appendfsync foo', 'CONFIG SET databases 3', 'CONFIG SET dir /tmp',
      'CONFIG SET dbfilename x.rdb', 'CONFIG SET appendfilename x.aof', 'CONFIG SET rdbchecksum no',
      'CONFIG SET notify-keyspace-events xyz', 'CONFIG SET proto-max-bulk-len 1', 'CONFIG SET lua-time-limit -1',
      'CONFIG SET hash-max-ziplist-entries x', 'CONFIG SET hash-max-listpack-value -1', 'CONFIG SET maxmemory-clients 101%',
      'CONFIG SET maxmemory-clients -5%', 'CONFIG SET maxmemory-clients 5.5%', 'CONFIG SET maxmemory-samples 0',
      'CONFIG SET maxmemory-eviction-tenacity 101', 'CONFIG SET active-expire-effort 11', 'CONFIG SET maxclients 0',
      'CONFIG SET list-compress-depth -1', 'CONFIG SET slowlog-log-slower-than -5', 'CONFIG SET save 1',
      'CONFIG SET save "100 x"', 'CONFIG SET save "0 1"', 'CONFIG SET save "1 -1"',
      'CONFIG SET timeout 1 timeout 2', 'CONFIG SET timeout 1 TIMEOUT 2', 'CONFIG SET hz 1 hz x',
      'CONFIG SET databases 1 foo 2', 'CONFIG SET foo 1 databases 2', 'CONFIG SET timeout x foo 1',
      'CONFIG SET timeout 1 databases 1 timeout 2', 'CONFIG SET timeout 5 maxmemory x', 'CONFIG GET timeout',
      'CONFIG SET timeout 5 foo 2', 'CONFIG GET timeout', 'CONFIG SET hash-max-ziplist-entries 1 hash-max-listpack-entries 2',
      'CONFIG GET hash-max-listpack-entries', 'CONFIG SET hash-max-listpack-entries 512', 'CONFIG SET timeout 0 hz 10',
    ])
  })

  it('CONFIG RESETSTAT, REWRITE, HELP', async () => {
    await check([
      'CONFIG RESETSTAT', 'CONFIG RESETSTAT x', 'CONFIG REWRITE', 'CONFIG REWRITE x', 'CONFIG', 'CONFIG foo',
      { cmd: 'CONFIG HELP', compare: helpShape },
    ])
  })

  it('INFO sections, fields and fixed values', async () => {
    await check([
      infoFields('INFO'), infoFields('INFO default'), infoFields('INFO all'), infoFields('INFO everything'),
      infoFields('INFO server'), infoFields('INFO Clients'), infoFields('INFO memory'), infoFields('INFO persistence'),
      infoFields('INFO stats'), infoFields('INFO replication'), infoFields('INFO cpu'), infoFields('INFO modules'),
      infoFields('INFO keyspace cluster server'), infoFields('INFO cluster'), 'INFO nosuch', 'INFO cluster', 'INFO modules',
      'INFO cluster cluster',
    ])
  })

  it('SHUTDOWN refuses what Redis refuses (a SHUTDOWN that works ends the server: tests/unit/host-shutdown.test.ts)', async () => {
    await check([
      'SHUTDOWN ABORT', 'SHUTDOWN abort ABORT', 'SHUTDOWN NOSAVE SAVE', 'SHUTDOWN foo', 'SHUTDOWN NOW NOW ABORT', 'SHUTDOWN ABORT FORCE',
      'SHUTDOWN SAVE NOSAVE NOW', 'MULTI', 'SHUTDOWN', 'EXEC', `EVAL "redis.call('shutdown')" 0`, 'COMMAND INFO shutdown',
    ])
  })

  it('INFO stats counts keyspace hits and misses as Redis does', async () => {
    const hitsAndMisses: ScriptLine = { cmd: 'INFO stats', compare: (redis, engine) => {
      const pick = (r: Reply) => text(r).split('\r\n').filter((line) => line.startsWith('keyspace_'))
      return JSON.stringify(pick(redis)) === JSON.stringify(pick(engine))
    } }
    await check([
      'FLUSHALL', 'CONFIG RESETSTAT', 'SET a 1', 'GET a', 'GET b', 'MGET a b c', 'EXISTS a b', 'TYPE a', 'TTL b', 'INCR a', hitsAndMisses,
      'LPUSH l x', 'LRANGE l 0 -1', 'LPOP l', 'LPOP l', 'SADD s a', 'SMEMBERS s', 'SINTER s t', 'SUNIONSTORE d s t', hitsAndMisses,
      'HSET h f v', 'HGET h f', 'HGETALL nope', 'ZADD z 1 a', 'ZRANGE z 0 -1', 'OBJECT ENCODING a', 'OBJECT FREQ nokey', 'DEL a',
      'GETDEL nope', 'SET a 1 GET', 'XLEN y', 'COPY h h2', 'SORT l', `EVAL "return redis.call('get', 'a')" 0`, 'DBSIZE',
      'TOUCH a b', hitsAndMisses, 'CONFIG RESETSTAT', hitsAndMisses,
    ])
  })

  it('INFO keyspace', async () => {
    await check([
      'FLUSHALL', 'INFO keyspace', 'SET a 1', 'SET b 2 EX 100', 'SELECT 5', 'SET c 3', 'SELECT 0', keyspaceInfo('INFO keyspace'),
      keyspaceInfo('INFO KEYSPACE'), 'FLUSHALL', 'INFO keyspace',
    ])
  })

  it('INFO commandstats, errorstats and counters after CONFIG RESETSTAT', async () => {
    await check([
      'CONFIG RESETSTAT', 'GET a', 'GET a b', 'CLIENT', 'SELECT x', 'HELLO 4', 'CLIENT ID x', 'CLIENT nosuch', 'NOSUCH',
      'SET a 1', 'GET a', 'DEL a', 'INFO errorstats', commandStats('INFO commandstats'),
      { cmd: 'INFO stats', compare: (redis, engine) => {
        const pick = (r: Reply) => text(r).split('\r\n').filter((line) => /^(total_commands_processed|total_error_replies|expired_keys|total_connections_received):/.test(line))
        return JSON.stringify(pick(redis)) === JSON.stringify(pick(engine))
      } },
      'CONFIG RESETSTAT', commandStats('INFO commandstats'), 'INFO errorstats',
    ])
  })

  it('unordered replies compare as sets of pairs', () => {
    // A guard on the helper the CONFIG GET lines rely on: different pairings must not compare equal.
    const pairs = (...flat: string[]): Reply => ({
      type: 'map', value: flat.flatMap((_, i) => (i % 2 === 0 ? [[{ type: 'bulk', value: flat[i] }, { type: 'bulk', value: flat[i + 1] }]] : [])) as Array<[Reply, Reply]>,
    })
    expect(show(normalizeUnordered(pairs('a', '1', 'b', '2')))).not.toBe(show(normalizeUnordered(pairs('a', '2', 'b', '1'))))
  })
})
