import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { array, bulk, bulks, error, int, map, NIL, OK, set, simple, type Reply } from '../../worker/reply.ts'
import { COMMANDS } from '../../worker/commands/table.ts'
import type { KeyChange } from '../../worker/engine.ts'

const statuses = (...values: string[]) => set(values.map(simple))
const pairs = (...flat: string[]): Reply => {
  const out: Array<[Reply, Reply]> = []
  for (let i = 0; i < flat.length; i += 2) out.push([bulk(flat[i]), bulk(flat[i + 1])])
  return map(out)
}
const textOf = (reply: Reply): string => (reply.type === 'verbatim' || reply.type === 'bulk' ? reply.value : `not text: ${reply.type}`)

describe('databases', () => {
  it('DBSIZE, FLUSHDB and FLUSHALL', () => {
    const { run } = testEngine()
    run('MSET a 1 b 2')
    run('SELECT 1')
    run('SET c 3')
    expect(run('DBSIZE')).toEqual(int(1))
    expect(run('FLUSHDB')).toEqual(OK)
    expect(run('DBSIZE')).toEqual(int(0))
    run('SELECT 0')
    expect(run('DBSIZE')).toEqual(int(2))
    expect(run('FLUSHDB x')).toEqual(error('ERR syntax error'))
    expect(run('FLUSHDB sync x')).toEqual(error('ERR syntax error'))
    expect(run('FLUSHDB async')).toEqual(OK)
    run('SET a 1')
    run('SELECT 9')
    run('SET z 1')
    expect(run('FLUSHALL foo')).toEqual(error('ERR syntax error'))
    expect(run('FLUSHALL SYNC')).toEqual(OK)
    expect(run('DBSIZE')).toEqual(int(0))
    run('SELECT 0')
    expect(run('DBSIZE')).toEqual(int(0))
    expect(run('DBSIZE x')).toEqual(error("ERR wrong number of arguments for 'dbsize' command"))
  })

  it('FLUSHDB sends no per-key events but signals the whole database before emptying it', () => {
    const { run, engine } = testEngine()
    run('SET a 1')
    const events: KeyChange[] = []
    const signals: Array<[number, number | undefined, number]> = []
    engine.onKeyChange((change) => events.push(change))
    engine.onDatabaseReplaced((emptied, replacedWith) => signals.push([emptied.index, replacedWith?.index, emptied.size]))
    run('FLUSHDB')
    expect(events).toEqual([])
    expect(signals).toEqual([[0, undefined, 1]])
    signals.length = 0
    run('FLUSHALL')
    expect(signals.map(([index]) => index)).toEqual([...Array(16).keys()])
  })

  it('SWAPDB exchanges contents, TTLs included, and checks both indexes first', () => {
    const { run, engine, advance } = testEngine()
    run('SET a 1 PX 5000')
    run('SELECT 3')
    run('SET b 2')
    const signals: Array<[number, number | undefined]> = []
    engine.onDatabaseReplaced((emptied, replacedWith) => signals.push([emptied.index, replacedWith?.index]))
    expect(run('SWAPDB 0 3')).toEqual(OK)
    expect(signals).toEqual([[0, 3], [3, 0]])
    expect(run('GET a')).toEqual(bulk('1'))
    expect(run('PTTL a')).toEqual(int(5000))
    expect(run('GET b')).toEqual(NIL)
    run('SELECT 0')
    expect(run('GET b')).toEqual(bulk('2'))
    advance(5001)
    run('SELECT 3')
    expect(run('GET a')).toEqual(NIL)
    expect(run('SWAPDB 2 2')).toEqual(OK)
    expect(run('SWAPDB 0 16')).toEqual(error('ERR DB index is out of range'))
    expect(run('SWAPDB -1 0')).toEqual(error('ERR DB index is out of range'))
    expect(run('SWAPDB x 1')).toEqual(error('ERR invalid first DB index'))
    expect(run('SWAPDB 1 x')).toEqual(error('ERR invalid second DB index'))
    expect(run('SWAPDB 16 x')).toEqual(error('ERR invalid second DB index'))
    expect(run('SWAPDB 99999999999 0')).toEqual(error('ERR invalid first DB index'))
  })

  it('TIME gives seconds and microseconds from the engine clock', () => {
    const { run, advance } = testEngine(1_700_000_000_000)
    expect(run('TIME')).toEqual(bulks(['1700000000', '0']))
    advance(1_234)
    expect(run('TIME')).toEqual(bulks(['1700000001', '234000']))
  })
})

describe('COMMAND', () => {
  it('INFO describes a command with derived flags, key range and categories', () => {
    const { run } = testEngine()
    expect(run('COMMAND INFO get nosuch')).toEqual(array([
      array([
        bulk('get'), int(2), statuses('readonly', 'fast'), int(1), int(1), int(1), statuses('@read', '@string', '@fast'),
        set([]),
        set([map([
          [bulk('flags'), statuses('RO', 'access')],
          [bulk('begin_search'), map([[bulk('type'), bulk('index')], [bulk('spec'), map([[bulk('index'), int(1)]])]])],
          [bulk('find_keys'), map([
            [bulk('type'), bulk('range')],
            [bulk('spec'), map([[bulk('lastkey'), int(0)], [bulk('keystep'), int(1)], [bulk('limit'), int(0)]])],
          ])],
        ])]),
        set([]),
      ]),
      NIL,
    ]))
    expect(run('COMMAND INFO CLIENT|ID')).toEqual(array([array([
      bulk('client|id'), int(2), statuses('noscript', 'loading', 'stale'), int(0), int(0), int(0),
      statuses('@slow', '@connection'), set([]), set([]), set([]),
    ])]))
  })

  it('INFO of a container lists its subcommands', () => {
    const { run } = testEngine()
    const reply = run('COMMAND INFO config')
    expect(reply.type).toBe('array')
    if (reply.type !== 'array' || reply.value[0].type !== 'array') return
    const info = reply.value[0].value
    expect(info.slice(0, 9)).toEqual([
      bulk('config'), int(-2), statuses(), int(0), int(0), int(0), statuses('@slow'), set([]), set([]),
    ])
    const subs = info[9].type === 'array' ? info[9].value.map((sub) => (sub.type === 'array' ? sub.value[0] : sub)) : []
    expect(subs).toEqual(['config|get', 'config|set', 'config|resetstat', 'config|rewrite', 'config|help'].map(bulk))
  })

  it('COUNT, and COMMAND with no subcommand describes everything', () => {
    const { run } = testEngine()
    expect(run('COMMAND COUNT')).toEqual(int(COMMANDS.size))
    const all = run('COMMAND')
    expect(all.type === 'array' && all.value.length).toBe(COMMANDS.size)
    expect(run('COMMAND INFO')).toEqual(all)
    expect(run('COMMAND COUNT x')).toEqual(error("ERR wrong number of arguments for 'command|count' command"))
    expect(run('COMMAND nosuch')).toEqual(error("ERR unknown subcommand 'nosuch'. Try COMMAND HELP."))
  })

  it('DOCS gives Redis fields in order, skipping unknown names', () => {
    const { run } = testEngine()
    const summary = COMMANDS.get('flushdb')?.summary ?? ''
    expect(run('COMMAND DOCS nosuch FLUSHDB')).toEqual(map([[bulk('flushdb'), map([
      [bulk('summary'), bulk(summary)],
      [bulk('since'), bulk('1.0.0')],
      [bulk('group'), bulk('server')],
      [bulk('complexity'), bulk('O(N) where N is the number of keys in the selected database')],
      [bulk('history'), set([
        array([bulk('4.0.0'), bulk('Added the `ASYNC` flushing mode modifier.')]),
        array([bulk('6.2.0'), bulk('Added the `SYNC` flushing mode modifier.')]),
      ])],
      [bulk('arguments'), array([map([
        [bulk('name'), bulk('async')],
        [bulk('type'), bulk('oneof')],
        [bulk('flags'), statuses('optional')],
        [bulk('arguments'), array([
          map([[bulk('name'), bulk('async')], [bulk('type'), bulk('pure-token')], [bulk('token'), bulk('ASYNC')], [bulk('since'), bulk('4.0.0')]]),
          map([[bulk('name'), bulk('sync')], [bulk('type'), bulk('pure-token')], [bulk('token'), bulk('SYNC')], [bulk('since'), bulk('6.2.0')]]),
        ])],
      ])])],
    ])]]))
    expect(run('COMMAND DOCS nosuch')).toEqual(map([]))
    const everything = run('COMMAND DOCS')
    expect(everything.type === 'map' && everything.value.length).toBe(COMMANDS.size)
    const docs = run('COMMAND DOCS client|id')
    expect(docs.type === 'map' && docs.value.map(([name]) => name)).toEqual([bulk('client|id')])
  })

  it('LIST with and without filters', () => {
    const { run } = testEngine()
    expect(run('COMMAND LIST FILTERBY PATTERN client*')).toEqual(bulks([
      'client', 'client|id', 'client|setname', 'client|getname', 'client|info', 'client|list', 'client|unblock',
      'client|kill', 'client|pause', 'client|unpause', 'client|reply', 'client|no-evict', 'client|help',
    ]))
    expect(run('COMMAND LIST FILTERBY pattern CONFIG|?E?')).toEqual(bulks(['config|get', 'config|set']))
    const connection = run('COMMAND LIST FILTERBY ACLCAT Connection')
    expect(connection.type === 'array' && connection.value.slice(0, 6)).toEqual(['ping', 'echo', 'select', 'quit', 'reset', 'hello'].map(bulk))
    expect(run('COMMAND LIST FILTERBY ACLCAT nosuch')).toEqual(array([]))
    expect(run('COMMAND LIST FILTERBY MODULE x')).toEqual(array([]))
    for (const bad of ['COMMAND LIST x', 'COMMAND LIST FILTERBY foo x', 'COMMAND LIST FILTERBY pattern', 'COMMAND LIST FILTERBY pattern a b']) {
      expect(run(bad)).toEqual(error('ERR syntax error'))
    }
    const all = run('COMMAND LIST')
    expect(all.type === 'array' && all.value.length).toBeGreaterThan(COMMANDS.size)
  })

  it('GETKEYS and GETKEYSANDFLAGS find keys through the key specs', () => {
    const { run } = testEngine()
    expect(run('COMMAND GETKEYS get a')).toEqual(bulks(['a']))
    expect(run('COMMAND GETKEYS MSET a 1 b 2')).toEqual(bulks(['a', 'b']))
    expect(run('COMMAND GETKEYS set a b get')).toEqual(bulks(['a']))
    expect(run('COMMAND GETKEYSANDFLAGS set a b get')).toEqual(array([array([bulk('a'), statuses('RW', 'access', 'update')])]))
    expect(run('COMMAND GETKEYSANDFLAGS set a b')).toEqual(array([array([bulk('a'), statuses('OW', 'update')])]))
    expect(run('COMMAND GETKEYSANDFLAGS mset a 1 b 2')).toEqual(array([
      array([bulk('a'), statuses('OW', 'update')]),
      array([bulk('b'), statuses('OW', 'update')]),
    ]))
    expect(run('COMMAND GETKEYS get a b')).toEqual(error('ERR Invalid number of arguments specified for command'))
    expect(run('COMMAND GETKEYS nosuch a')).toEqual(error('ERR Invalid command specified'))
    expect(run('COMMAND GETKEYS client foo')).toEqual(error('ERR Invalid command specified'))
    expect(run('COMMAND GETKEYS client list')).toEqual(error('ERR The command has no key arguments'))
    expect(run('COMMAND GETKEYS ping x')).toEqual(error('ERR The command has no key arguments'))
    expect(run('COMMAND GETKEYS get')).toEqual(error("ERR wrong number of arguments for 'command|getkeys' command"))
  })

  it('HELP', () => {
    const { run } = testEngine()
    const help = run('COMMAND HELP')
    expect(help.type === 'array' && help.value[0]).toEqual(simple('COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:'))
    expect(help.type === 'array' && help.value.slice(-2)).toEqual([simple('HELP'), simple('    Prints this help.')])
  })
})

describe('CONFIG', () => {
  it('GET by name, alias and pattern', () => {
    const { run } = testEngine()
    expect(run('CONFIG GET maxmemory')).toEqual(pairs('maxmemory', '0'))
    expect(run('CONFIG GET Timeout')).toEqual(pairs('Timeout', '0'))
    expect(run('CONFIG GET timeout TIMEOUT time*')).toEqual(pairs('timeout', '0'))
    expect(run('CONFIG GET hash-max-ziplist-entries')).toEqual(pairs('hash-max-ziplist-entries', '512'))
    expect(run('CONFIG GET hash-max-*')).toEqual(pairs(
      'hash-max-listpack-entries', '512', 'hash-max-ziplist-entries', '512',
      'hash-max-listpack-value', '64', 'hash-max-ziplist-value', '64'))
    expect(run('CONFIG GET nosuch')).toEqual(map([]))
    expect(run('CONFIG GET')).toEqual(error("ERR wrong number of arguments for 'config|get' command"))
  })

  it('SET validates every value the way Redis does', () => {
    const { run } = testEngine()
    const failed = (name: string, why: string) => error(`ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`)
    expect(run('CONFIG SET maxmemory 1gb')).toEqual(OK)
    expect(run('CONFIG GET maxmemory')).toEqual(pairs('maxmemory', '1073741824'))
    expect(run('CONFIG SET maxmemory 1k maxmemory-policy ALLKEYS-LRU')).toEqual(OK)
    expect(run('CONFIG GET maxmemory*')).toEqual(pairs(
      'maxmemory', '1000', 'maxmemory-policy', 'allkeys-lru', 'maxmemory-clients', '0', 'maxmemory-samples', '5',
      'maxmemory-eviction-tenacity', '10'))
    expect(run('CONFIG SET maxmemory abc')).toEqual(failed('maxmemory', 'argument must be a memory value'))
    expect(run('CONFIG SET maxmemory -1')).toEqual(failed('maxmemory', 'argument must be a memory value'))
    expect(run('CONFIG SET timeout 1.5')).toEqual(failed('timeout', "argument couldn't be parsed into an integer"))
    expect(run('CONFIG SET timeout -1')).toEqual(failed('timeout', 'argument must be between 0 and 2147483647 inclusive'))
    expect(run('CONFIG SET appendonly maybe')).toEqual(failed('appendonly', "argument must be 'yes' or 'no'"))
    expect(run('CONFIG SET appendfsync foo')).toEqual(failed('appendfsync', 'argument(s) must be one of the following: everysec, always, no'))
    expect(run('CONFIG SET databases 3')).toEqual(failed('databases', "can't set immutable config"))
    expect(run('CONFIG SET dir /tmp')).toEqual(failed('dir', "can't set protected config"))
    expect(run('CONFIG SET proto-max-bulk-len 1')).toEqual(failed('proto-max-bulk-len', 'argument must be between 1048576 and 9223372036854775807 inclusive'))
    expect(run('CONFIG SET maxmemory-clients 101%')).toEqual(failed('maxmemory-clients', 'percentage argument must be less or equal to 100'))
    expect(run('CONFIG SET hash-max-ziplist-entries x')).toEqual(failed('hash-max-ziplist-entries', "argument couldn't be parsed into an integer"))
    expect(run('CONFIG SET foo 1')).toEqual(error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"))
    expect(run('CONFIG SET timeout 1 TIMEOUT 2')).toEqual(failed('TIMEOUT', 'duplicate parameter'))
    expect(run('CONFIG SET maxmemory 1 timeout')).toEqual(error('ERR syntax error'))
    expect(run('CONFIG SET maxmemory')).toEqual(error("ERR wrong number of arguments for 'config|set' command"))
  })

  it('SET changes nothing when any value is refused', () => {
    const { run, engine } = testEngine()
    expect(run('CONFIG SET timeout 5 maxmemory x')).toEqual(
      error("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value"))
    expect(run('CONFIG SET timeout 5 foo 1')).toEqual(error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"))
    expect(engine.config.get('timeout')).toBe('0')
    expect(run('CONFIG SET hash-max-ziplist-entries 1 hash-max-listpack-entries 2')).toEqual(OK)
    expect(engine.config.get('hash-max-listpack-entries')).toBe('2')
  })

  it('keeps values in the form CONFIG GET shows', () => {
    const { run } = testEngine()
    const roundTrip = (name: string, value: string) => {
      expect(run(['CONFIG', 'SET', name, value])).toEqual(OK)
      const reply = run(['CONFIG', 'GET', name])
      return reply.type === 'map' ? reply.value[0][1] : reply
    }
    expect(roundTrip('notify-keyspace-events', 'KEA')).toEqual(bulk('AKE'))
    expect(roundTrip('notify-keyspace-events', 'Kg$')).toEqual(bulk('g$K'))
    expect(roundTrip('notify-keyspace-events', 'g$lshzxetdKn')).toEqual(bulk('AK'))
    expect(roundTrip('notify-keyspace-events', '')).toEqual(bulk(''))
    expect(run('CONFIG SET notify-keyspace-events xyz')).toEqual(error(
      "ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'."))
    expect(roundTrip('appendonly', 'YES')).toEqual(bulk('yes'))
    expect(roundTrip('hz', '0')).toEqual(bulk('1'))
    expect(roundTrip('hz', '600')).toEqual(bulk('500'))
    expect(roundTrip('maxmemory', '5B')).toEqual(bulk('5'))
    expect(roundTrip('maxmemory-clients', '10%')).toEqual(bulk('10%'))
    expect(roundTrip('maxmemory-clients', '0%')).toEqual(bulk('0'))
    expect(roundTrip('save', '100 1 10 5')).toEqual(bulk('100 1 10 5'))
    expect(roundTrip('save', '')).toEqual(bulk(''))
    expect(run(['CONFIG', 'SET', 'save', '100'])).toEqual(
      error("ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters"))
    expect(roundTrip('lua-time-limit', '100')).toEqual(bulk('100'))
    expect(run('CONFIG GET busy-reply-threshold')).toEqual(pairs('busy-reply-threshold', '100'))
  })

  it('RESETSTAT, REWRITE and HELP', () => {
    const { run, engine } = testEngine()
    run('GET a')
    run('GET')
    run('CONFIG RESETSTAT')
    expect(engine.commandStats.get('get')).toBeUndefined()
    expect(engine.errorStats.size).toBe(0)
    expect(run('CONFIG REWRITE')).toEqual(error('ERR The server is running without a config file'))
    expect(run('CONFIG RESETSTAT x')).toEqual(error("ERR wrong number of arguments for 'config|resetstat' command"))
    const help = run('CONFIG HELP')
    expect(help.type === 'array' && help.value[0]).toEqual(simple('CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:'))
  })
})

describe('INFO', () => {
  it('prints the keyspace section', () => {
    const { run } = testEngine()
    expect(textOf(run('INFO keyspace'))).toBe('# Keyspace\r\n')
    run('SET a 1 EX 100')
    run('SET b 1')
    run('SELECT 3')
    run('SET c 1')
    expect(textOf(run('INFO KEYSPACE'))).toBe('# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n')
  })

  it('prints sections in Redis order, whatever order they are asked in', () => {
    const { run } = testEngine()
    expect(textOf(run('INFO keyspace cluster keyspace'))).toBe('# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n')
    expect(textOf(run('INFO nosuch'))).toBe('')
    const headers = (reply: Reply) => textOf(reply).split('\r\n').filter((line) => line.startsWith('#'))
    const defaults = ['# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Modules', '# Errorstats', '# Cluster', '# Keyspace']
    expect(headers(run('INFO'))).toEqual(defaults)
    expect(headers(run('INFO default'))).toEqual(defaults)
    expect(headers(run('INFO everything'))).toEqual([
      '# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Modules',
      '# Commandstats', '# Errorstats', '# Latencystats', '# Cluster', '# Keyspace',
    ])
  })

  it('reports command, error and connection counters', () => {
    const { run } = testEngine()
    run('GET a')
    run('GET a b')
    run('CLIENT')
    run('SELECT x')
    run('HELLO 4')
    expect(textOf(run('INFO commandstats'))).toBe(
      '# Commandstats\r\n' +
      'cmdstat_get:calls=1,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0\r\n' +
      'cmdstat_client:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0\r\n' +
      'cmdstat_select:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1\r\n' +
      'cmdstat_hello:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1\r\n')
    expect(textOf(run('INFO errorstats'))).toBe('# Errorstats\r\nerrorstat_ERR:count=3\r\nerrorstat_NOPROTO:count=1\r\n')
    const stats = textOf(run('INFO stats'))
    expect(stats).toContain('\r\ntotal_connections_received:1\r\ntotal_commands_processed:5\r\n')
    expect(stats).toContain('\r\ntotal_error_replies:4\r\n')
  })

  it('counts expired keys and describes the server', () => {
    const { run, advance } = testEngine(1_700_000_000_000)
    run('SET a 1 PX 10')
    advance(3_000)
    expect(run('GET a')).toEqual(NIL)
    expect(textOf(run('INFO stats'))).toContain('\r\nexpired_keys:1\r\n')
    const server = textOf(run('INFO server'))
    expect(server.startsWith('# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\n')).toBe(true)
    expect(server).toContain('\r\nuptime_in_seconds:3\r\nuptime_in_days:0\r\nhz:10\r\nconfigured_hz:10\r\n')
    expect(server).toContain('\r\nserver_time_usec:1700000003000000\r\n')
    expect(server).toContain('\r\ntcp_port:6379\r\n')
    expect(server.endsWith('\r\nio_threads_active:0\r\n')).toBe(true)
  })
})
