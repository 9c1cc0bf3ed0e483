// Client administration called on the engine directly, with a fake clock: CLIENT KILL, PAUSE,
// UNPAUSE, REPLY, NO-EVICT, MONITOR, and what CLIENT LIST and INFO show of them. Expected
// replies are Redis 7.0.15's (tests/diff/client-admin.test.ts holds them to a real server).
import { afterEach, describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { openTab, sleep, type Tab } from '../helpers/host.ts'
import { BLOCKED } from '../../worker/blocking.ts'
import { NO_REPLY } from '../../worker/reply-mode.ts'
import { array, bulk, bulks, error, int, NIL, OK, push, simple, type Reply } from '../../worker/reply.ts'
import type { Client, Engine } from '../../worker/engine.ts'

/** A connection whose delivered replies and pushes are collected. */
function connect(engine: Engine, addr: string, laddr = '127.0.0.1:6379'): { client: Client; got: Array<[Reply, string]>; kills: number[] } {
  const client = engine.createClient(addr, laddr)
  const got: Array<[Reply, string]> = []
  const kills: number[] = []
  client.deliver = (reply, kind) => got.push([reply, kind])
  client.killed = () => kills.push(client.id)
  return { client, got, kills }
}

const text = (reply: Reply): string => (reply.type === 'verbatim' || reply.type === 'bulk' ? reply.value : '')
const field = (line: string, name: string): string | undefined => new RegExp(`(?:^| )${name}=(\\S*)`).exec(line)?.[1]
/** A reply and the MONITOR lines after it, without the time. */
const shown = (reply: Reply): string[] =>
  (reply.type === 'sequence' ? reply.value : [reply]).map((item) => textOf(item).replace(/^\d+\.\d{6} /, ''))
const textOf = (reply: Reply): string => (reply.type === 'simple' || reply.type === 'bulk' ? reply.value : JSON.stringify(reply))
/** The pushed MONITOR lines, without the time. */
const lines = (got: Array<[Reply, string]>): string[] =>
  got.map(([reply, kind]) => `${kind} ${reply.type === 'simple' ? reply.value.replace(/^\d+\.\d{6} /, '') : JSON.stringify(reply)}`)

describe('CLIENT KILL', () => {
  it('answers errors as Redis does', () => {
    const { run } = testEngine()
    expect(run('CLIENT KILL')).toEqual(error("ERR wrong number of arguments for 'client|kill' command"))
    expect(run('CLIENT KILL 1.2.3.4:5')).toEqual(error('ERR No such client'))
    expect(run('CLIENT KILL ID')).toEqual(error('ERR No such client'))
    expect(run('CLIENT KILL ID 0')).toEqual(error('ERR client-id should be greater than 0'))
    expect(run('CLIENT KILL ID abc')).toEqual(error('ERR client-id should be greater than 0'))
    expect(run('CLIENT KILL ID 99999')).toEqual(int(0))
    expect(run('CLIENT KILL ID 9 TYPE')).toEqual(error('ERR syntax error'))
    expect(run('CLIENT KILL TYPE foo')).toEqual(error("ERR Unknown client type 'foo'"))
    expect(run('CLIENT KILL USER nobody')).toEqual(error("ERR No such user 'nobody'"))
    expect(run('CLIENT KILL USER default SKIPME maybe')).toEqual(error('ERR syntax error'))
    expect(run('CLIENT KILL FOO bar')).toEqual(error('ERR syntax error'))
    expect(run('CLIENT KILL MAXAGE 1')).toEqual(error('ERR syntax error'))
    expect(run('CLIENT KILL TYPE master')).toEqual(int(0))
    expect(run('CLIENT KILL TYPE slave')).toEqual(int(0))
  })

  it('closes the matching connections through their transport and counts them', () => {
    const { run, engine, client: me } = testEngine()
    const b = connect(engine, '127.0.0.1:50002')
    const c = connect(engine, '127.0.0.1:50003', '127.0.0.1:7000')
    const d = connect(engine, '127.0.0.1:50004')
    expect(run('CLIENT KILL 127.0.0.1:50002')).toEqual(OK)
    expect(b.kills).toEqual([b.client.id])
    expect(engine.clients.has(b.client.id)).toBe(false)
    expect(run('CLIENT KILL ADDR 127.0.0.1:50002')).toEqual(int(0))
    expect(run('CLIENT KILL LADDR 127.0.0.1:7000')).toEqual(int(1))
    expect(c.kills).toEqual([c.client.id])
    expect(run(['CLIENT', 'KILL', 'ID', String(d.client.id), 'TYPE', 'pubsub'])).toEqual(int(0))
    expect(run(['CLIENT', 'KILL', 'ID', String(d.client.id)])).toEqual(int(1))
    expect(me.closing).toBe(false)
  })

  it('spares the caller unless SKIPME no or the old form names it; the caller closes after its reply', () => {
    const { run, engine, client: me } = testEngine()
    const other = connect(engine, '127.0.0.1:50002')
    expect(run('CLIENT KILL TYPE normal')).toEqual(int(1))
    expect(other.kills.length).toBe(1)
    expect(me.closing).toBe(false)
    expect(run('CLIENT KILL TYPE normal SKIPME no')).toEqual(int(1))
    expect(me.closing).toBe(true)
    const { run: run2, client: me2 } = testEngine()
    expect(run2(['CLIENT', 'KILL', me2.addr])).toEqual(OK)
    expect(me2.closing).toBe(true)
  })

  it('tells subscribed connections (type pubsub) from normal ones; a monitor is normal', () => {
    const { run, engine } = testEngine()
    const subscriber = connect(engine, '127.0.0.1:50002')
    const monitor = connect(engine, '127.0.0.1:50003')
    run('SUBSCRIBE ch', subscriber.client)
    run('MONITOR', monitor.client)
    expect(field(text(run('CLIENT LIST TYPE pubsub')), 'id')).toBe(String(subscriber.client.id))
    expect(run('CLIENT KILL TYPE normal')).toEqual(int(1))
    expect(monitor.kills.length).toBe(1)
    expect(run('CLIENT KILL TYPE pubsub')).toEqual(int(1))
    expect(subscriber.kills.length).toBe(1)
    expect(engine.monitors.size).toBe(0)
  })
})

describe('CLIENT PAUSE and UNPAUSE', () => {
  it('checks the mode, then the timeout', () => {
    const { run } = testEngine()
    expect(run('CLIENT PAUSE')).toEqual(error("ERR wrong number of arguments for 'client|pause' command"))
    expect(run('CLIENT PAUSE abc')).toEqual(error('ERR timeout is not an integer or out of range'))
    expect(run('CLIENT PAUSE 1.5')).toEqual(error('ERR timeout is not an integer or out of range'))
    expect(run('CLIENT PAUSE -1')).toEqual(error('ERR timeout is negative'))
    expect(run('CLIENT PAUSE 10 foo')).toEqual(error('ERR CLIENT PAUSE mode must be WRITE or ALL'))
    expect(run('CLIENT PAUSE abc foo')).toEqual(error('ERR CLIENT PAUSE mode must be WRITE or ALL'))
    expect(run('CLIENT PAUSE 10 write extra')).toEqual(
      error("ERR unknown subcommand or wrong number of arguments for 'PAUSE'. Try CLIENT HELP."))
    expect(run('CLIENT UNPAUSE x')).toEqual(error("ERR wrong number of arguments for 'client|unpause' command"))
    expect(run('CLIENT UNPAUSE')).toEqual(OK)
  })

  it('WRITE holds writes and may-replicate commands, not reads; UNPAUSE runs them in order', () => {
    const { run, engine } = testEngine()
    const writer = connect(engine, '127.0.0.1:50002')
    const publisher = connect(engine, '127.0.0.1:50003')
    const scripter = connect(engine, '127.0.0.1:50004')
    expect(run('CLIENT PAUSE 100000 WRITE')).toEqual(OK)
    expect(run('SET k 1', writer.client)).toBe(BLOCKED)
    expect(run('PUBLISH ch x', publisher.client)).toBe(BLOCKED)
    expect(run(['EVAL', 'return 1', '0'], scripter.client)).toBe(BLOCKED)
    expect(run('GET k')).toEqual(NIL)
    const list = text(run('CLIENT LIST'))
    expect(list.split('\n').filter((line) => field(line, 'flags') === 'b').map((line) => field(line, 'cmd')))
      .toEqual(['set', 'publish', 'eval'])
    expect(text(run('INFO clients'))).toContain('blocked_clients:3\r\n')
    expect(run('CLIENT UNPAUSE')).toEqual(OK)
    expect(writer.got).toEqual([[OK, 'reply']])
    expect(publisher.got).toEqual([[int(0), 'reply']])
    expect(scripter.got).toEqual([[int(1), 'reply']])
    expect(run('GET k')).toEqual(bulk('1'))
    expect(text(run('INFO clients'))).toContain('blocked_clients:0\r\n')
  })

  it('WRITE holds a write queued in MULTI, and EXEC when a write was queued before the pause', () => {
    const { run, engine } = testEngine()
    const tx = connect(engine, '127.0.0.1:50002')
    const reader = connect(engine, '127.0.0.1:50003')
    run('MULTI', tx.client)
    expect(run('SET a 1', tx.client)).toEqual(simple('QUEUED'))
    run('MULTI', reader.client)
    run('GET a', reader.client)
    run('CLIENT PAUSE 100000 WRITE')
    expect(run('EXEC', reader.client)).toEqual(array([NIL]))
    expect(run('EXEC', tx.client)).toBe(BLOCKED)
    run('MULTI', reader.client)
    expect(run('INCR a', reader.client)).toBe(BLOCKED)
    run('CLIENT UNPAUSE')
    expect(tx.got).toEqual([[array([OK]), 'reply']])
    expect(reader.got).toEqual([[simple('QUEUED'), 'reply']])
  })

  it('ALL holds every command, the pausing client too, until the time is up', () => {
    const { run, engine, advance, client: me } = testEngine()
    const got: Array<[Reply, string]> = []
    me.deliver = (reply, kind) => got.push([reply, kind])
    const other = connect(engine, '127.0.0.1:50002')
    expect(run('CLIENT PAUSE 500')).toEqual(OK)
    expect(engine.nextTimeout()).toBe(engine.now() + 500)
    expect(run('PING')).toBe(BLOCKED)
    expect(run('CLIENT UNPAUSE', other.client)).toBe(BLOCKED)
    advance(500)
    engine.tick()
    expect(got).toEqual([])
    advance(1)
    engine.tick()
    expect(got).toEqual([[simple('PONG'), 'reply']])
    expect(other.got).toEqual([[OK, 'reply']])
    expect(engine.nextTimeout()).toBeUndefined()
  })

  it('a later pause never ends sooner, but can turn WRITE into ALL; a timeout of 0 pauses nothing', () => {
    const { run, engine, advance } = testEngine()
    const other = connect(engine, '127.0.0.1:50002')
    expect(run('CLIENT PAUSE 0 WRITE')).toEqual(OK)
    expect(run('SET z 1', other.client)).toEqual(OK)
    run('CLIENT PAUSE 1000 WRITE')
    run('CLIENT PAUSE 10 ALL')
    expect(run('GET z', other.client)).toBe(BLOCKED)
    advance(11)
    engine.tick()
    expect(other.got).toEqual([])
    advance(990)
    engine.tick()
    expect(other.got).toEqual([[bulk('1'), 'reply']])
  })

  it('a released command may block again; the active expiry cycle waits during a pause', () => {
    const { run, engine, advance } = testEngine()
    const popper = connect(engine, '127.0.0.1:50002')
    run('SET e v PX 10')
    run('CLIENT PAUSE 100 WRITE')
    expect(run('BLPOP q 0', popper.client)).toBe(BLOCKED)
    advance(50)
    expect(engine.tick()).toBe(0)
    expect(run('DBSIZE')).toEqual(int(1))
    run('CLIENT UNPAUSE')
    expect(popper.got).toEqual([])
    expect(popper.client.blocked).toBeDefined()
    run('RPUSH q x')
    expect(popper.got).toEqual([[bulks(['q', 'x']), 'reply']])
  })

  it('forgets a postponed client that closes; CLIENT UNBLOCK does not release it', () => {
    const { run, engine } = testEngine()
    const gone = connect(engine, '127.0.0.1:50002')
    const held = connect(engine, '127.0.0.1:50003')
    run('CLIENT PAUSE 100000 WRITE')
    run('SET a 1', gone.client)
    run('SET b 1', held.client)
    expect(run(['CLIENT', 'UNBLOCK', String(held.client.id)])).toEqual(int(0))
    engine.closeClient(gone.client)
    expect(engine.pause.size).toBe(1)
    run('CLIENT UNPAUSE')
    expect(gone.got).toEqual([])
    expect(run('MGET a b')).toEqual(array([NIL, bulk('1')]))
  })
})

describe('CLIENT REPLY', () => {
  it('OFF drops every reply until ON; SKIP drops the next one', () => {
    const { run } = testEngine()
    expect(run('CLIENT REPLY')).toEqual(error("ERR wrong number of arguments for 'client|reply' command"))
    expect(run('CLIENT REPLY foo')).toEqual(error('ERR syntax error'))
    expect(run('CLIENT REPLY OFF')).toBe(NO_REPLY)
    expect(run('SET a 1')).toBe(NO_REPLY)
    expect(run('NOSUCH')).toBe(NO_REPLY)
    expect(run('CLIENT REPLY SKIP')).toBe(NO_REPLY)
    expect(run('CLIENT REPLY ON')).toEqual(OK)
    expect(run('CLIENT REPLY SKIP')).toBe(NO_REPLY)
    expect(run('SET b 1')).toBe(NO_REPLY)
    expect(run('GET b')).toEqual(bulk('1'))
    run('CLIENT REPLY SKIP')
    expect(run('CLIENT REPLY SKIP')).toBe(NO_REPLY)
    expect(run('ECHO e1')).toBe(NO_REPLY)
    expect(run('ECHO e2')).toEqual(bulk('e2'))
    run('CLIENT REPLY SKIP')
    expect(run('CLIENT REPLY ON')).toEqual(OK)
  })

  it('applies to a blocked command when it is answered, and RESET turns replies back on', () => {
    const { run, engine, client } = testEngine()
    const got: Array<[Reply, string]> = []
    client.deliver = (reply, kind) => got.push([reply, kind])
    run('CLIENT REPLY SKIP')
    expect(run('BLPOP q 0')).toBe(BLOCKED)
    run('RPUSH q x', engine.createClient())
    expect(got).toEqual([[NO_REPLY, 'reply']])
    expect(run('ECHO after')).toEqual(bulk('after'))
    run('CLIENT REPLY OFF')
    expect(run('RESET')).toEqual(simple('RESET'))
    expect(run('ECHO on')).toEqual(bulk('on'))
  })

  it('inside EXEC adds nothing to the array; subscribe confirmations still arrive', () => {
    const { run } = testEngine()
    run('MULTI')
    run('CLIENT REPLY SKIP')
    run('ECHO m')
    expect(run('EXEC')).toEqual(array([bulk('m')]))
    expect(run('ECHO skipped')).toBe(NO_REPLY)
    run('CLIENT REPLY OFF')
    expect(run('SUBSCRIBE ch')).toEqual(push([bulk('subscribe'), bulk('ch'), int(1)]))
    expect(run('CLIENT REPLY ON')).toBe(NO_REPLY)
  })
})

describe('CLIENT NO-EVICT, CLIENT LIST and INFO', () => {
  it('NO-EVICT accepts ON and OFF and shows flag e', () => {
    const { run } = testEngine()
    expect(run('CLIENT NO-EVICT')).toEqual(error("ERR wrong number of arguments for 'client|no-evict' command"))
    expect(run('CLIENT NO-EVICT maybe')).toEqual(error('ERR syntax error'))
    expect(run('CLIENT NO-EVICT on')).toEqual(OK)
    expect(field(text(run('CLIENT INFO')), 'flags')).toBe('e')
    run('MULTI')
    run('PING')
    expect(field(text(run('EXEC')), 'flags')).toBeUndefined()
    expect(run('CLIENT NO-EVICT off')).toEqual(OK)
    expect(field(text(run('CLIENT INFO')), 'flags')).toBe('N')
  })

  it('CLIENT LIST has Redis 7.0 fields in order, with flags O, P, x, b', () => {
    const { run, engine } = testEngine()
    const monitor = connect(engine, '127.0.0.1:50002')
    const subscriber = connect(engine, '127.0.0.1:50003')
    const blocked = connect(engine, '127.0.0.1:50004')
    run('MONITOR', monitor.client)
    run('SUBSCRIBE a b', subscriber.client)
    run('BLPOP q 5', blocked.client)
    run('MULTI')
    run('PING')
    const rows = text(run('CLIENT LIST', engine.createClient())).trimEnd().split('\n')
    expect(rows[0].split(' ').map((pair) => pair.split('=')[0])).toEqual([
      'id', 'addr', 'laddr', 'fd', 'name', 'age', 'idle', 'flags', 'db', 'sub', 'psub', 'ssub', 'multi', 'qbuf',
      'qbuf-free', 'argv-mem', 'multi-mem', 'rbs', 'rbp', 'obl', 'oll', 'omem', 'tot-mem', 'events', 'cmd', 'user',
      'redir', 'resp',
    ])
    expect(rows.map((row) => [field(row, 'flags'), field(row, 'multi'), field(row, 'sub'), field(row, 'cmd')])).toEqual([
      ['x', '1', '0', 'ping'], ['O', '-1', '0', 'monitor'], ['P', '-1', '2', 'subscribe'], ['b', '-1', '0', 'blpop'],
      ['N', '-1', '0', 'client|list'],
    ])
    expect(text(run('INFO clients', engine.createClient())))
      .toContain('blocked_clients:1\r\ntracking_clients:0\r\nclients_in_timeout_table:1\r\n')
  })
})

describe('MONITOR', () => {
  it('shows each command once it has run, as Redis formats it, with admin commands left out', () => {
    const { run, engine, advance } = testEngine(1_700_000_000_123)
    const monitor = connect(engine, '127.0.0.1:50002')
    const other = connect(engine, '127.0.0.1:50003')
    expect(run('MONITOR', monitor.client)).toEqual(OK)
    run(['SET', 'a b', 'q"uo\\te\n\r\t\x07\x08\x01\xff end'])
    advance(0.5)
    run('SELECT 3')
    run('SELECT 0')
    run('NOSUCH x')
    run('GET')
    run('CONFIG GET maxmemory')
    run('CLIENT KILL 1.1.1.1:1')
    run('CLIENT ID', other.client)
    run('HELLO 2 AUTH default secret SETNAME x')
    run('BLPOP q 0', other.client)
    run('RPUSH q v')
    expect(monitor.got[0]).toEqual([simple('1700000000.123000 [0 127.0.0.1:0] "SET" "a b" "q\\"uo\\\\te\\n\\r\\t\\a\\b\\x01\\xff end"'), 'push'])
    expect(monitor.got[1][0]).toEqual(simple('1700000000.123500 [3 127.0.0.1:0] "SELECT" "3"'))
    expect(lines(monitor.got).slice(2)).toEqual([
      'push [0 127.0.0.1:0] "SELECT" "0"',
      'push [0 127.0.0.1:50003] "CLIENT" "ID"',
      'push [0 127.0.0.1:0] "HELLO" "2" "AUTH" "(redacted)" "(redacted)" "SETNAME" "x"',
      'push [0 127.0.0.1:50003] "BLPOP" "q" "0"',
      'push [0 127.0.0.1:0] "RPUSH" "q" "v"',
    ])
  })

  it('shows EXEC after the commands it ran, and a script before its commands, as lua', () => {
    const { run, engine } = testEngine()
    const monitor = connect(engine, '127.0.0.1:50002')
    run('MONITOR', monitor.client)
    run('MULTI')
    run('SET x 1')
    run('INCR x')
    run('EXEC')
    run('MULTI')
    run('SET x')
    run('EXEC')
    run(['EVAL', "redis.call('select', '2') return redis.call('set', 'a', 'b')", '0'])
    run(['EVAL', 'return +', '0'])
    expect(lines(monitor.got)).toEqual([
      'push [0 127.0.0.1:0] "MULTI"',
      'push [0 127.0.0.1:0] "SET" "x" "1"',
      'push [0 127.0.0.1:0] "INCR" "x"',
      'push [0 127.0.0.1:0] "EXEC"',
      'push [0 127.0.0.1:0] "MULTI"',
      'push [0 127.0.0.1:0] "EXEC"',
      'push [0 127.0.0.1:0] "EVAL" "redis.call(\'select\', \'2\') return redis.call(\'set\', \'a\', \'b\')" "0"',
      'push [2 lua] "select" "2"',
      'push [2 lua] "set" "a" "b"',
      'push [0 127.0.0.1:0] "EVAL" "return +" "0"',
    ])
  })

  it('leaves the monitor only QUIT, RESET and commands that do not touch keys; a second MONITOR has no reply', () => {
    const { run, engine } = testEngine()
    const monitor = connect(engine, '127.0.0.1:50002')
    const m = monitor.client
    run('MONITOR', m)
    expect(run('MONITOR', m)).toBe(NO_REPLY)
    // Its own commands' lines follow their replies, as Redis writes them after the reply.
    expect(shown(run('PING', m))).toEqual(['PONG', '[0 127.0.0.1:50002] "PING"'])
    expect(run('GET a', m)).toEqual(error("ERR Replica can't interact with the keyspace"))
    expect(run('SET a 1', m)).toEqual(error("ERR Replica can't interact with the keyspace"))
    expect(run('CLIENT PAUSE 100000 ALL')).toEqual(OK)
    expect(shown(run('ECHO x', m))).toEqual(['x', '[0 127.0.0.1:50002] "ECHO" "x"'])
    run('CLIENT UNPAUSE', m)
    expect(run('RESET', m)).toEqual(simple('RESET'))
    expect(run('GET a', m)).toEqual(NIL)
    expect(monitor.got).toEqual([])
  })

  it('is refused inside EXEC, and a monitor under CLIENT REPLY OFF gets no lines', () => {
    const { run, engine } = testEngine()
    run('MULTI')
    run('MONITOR')
    expect(run('EXEC')).toEqual(array([error("ERR MONITOR isn't allowed for DENY BLOCKING client")]))
    const monitor = connect(engine, '127.0.0.1:50002')
    run('MONITOR', monitor.client)
    run('CLIENT REPLY OFF', monitor.client)
    run('ECHO x')
    // Its own CLIENT REPLY OFF line comes once OFF holds, so it is dropped too.
    expect(shown(run('CLIENT REPLY ON', monitor.client))).toEqual(['OK', '[0 127.0.0.1:50002] "CLIENT" "REPLY" "ON"'])
    run('ECHO y')
    expect(lines(monitor.got)).toEqual(['push [0 127.0.0.1:0] "ECHO" "y"'])
  })
})

describe('through the worker host', () => {
  const tabs: Tab[] = []
  afterEach(async () => {
    for (const opened of tabs.splice(0)) await opened.close()
  })
  const open = () => {
    const tab = openTab({ storage: 'memory' })
    tabs.push(tab)
    return tab
  }

  it('tells the page a client was killed, and faults what it waited for', async () => {
    const { engine } = open()
    const killer = await engine.createClient()
    const victim = await engine.createClient()
    const closed: number[] = []
    engine.on('clientClosed', ({ client }) => closed.push(client))
    const blocked = engine.exec(victim, ['BLPOP', 'q', '0']).catch((thrown: Error) => thrown.message)
    expect((await engine.exec(killer, ['CLIENT', 'KILL', 'ID', String(victim)])).text).toBe('(integer) 1')
    expect(await blocked).toBe(`There is no client ${victim} (it was closed).`)
    await sleep(0)
    expect(closed).toEqual([victim])
    await expect(engine.exec(victim, ['PING'])).rejects.toThrow('it was closed')
  })

  it('gives each page client an address of its own; a self-kill closes like QUIT', async () => {
    const { engine } = open()
    const first = await engine.createClient()
    const second = await engine.createClient()
    const addr = async (id: number) => /addr=(\S+)/.exec((await engine.exec(id, ['CLIENT', 'INFO'])).text)?.[1]
    expect(await addr(first)).not.toBe(await addr(second))
    const result = await engine.exec(first, ['CLIENT', 'KILL', 'ID', String(first), 'SKIPME', 'no'])
    expect([result.text, result.closed]).toEqual(['(integer) 1', true])
  })

  it('answers a suppressed reply with noReply and no text', async () => {
    const { engine } = open()
    const client = await engine.createClient()
    const off = await engine.exec(client, ['CLIENT', 'REPLY', 'OFF'])
    expect([off.noReply, off.text]).toEqual([true, ''])
    expect((await engine.exec(client, ['SET', 'a', '1'])).noReply).toBe(true)
    expect((await engine.exec(client, ['CLIENT', 'REPLY', 'ON'])).text).toBe('OK')
  })

  it("keeps a paused client's later requests behind its held command until UNPAUSE", async () => {
    const { engine } = open()
    const admin = await engine.createClient()
    const writer = await engine.createClient()
    const reader = await engine.createClient()
    await engine.exec(admin, ['CLIENT', 'PAUSE', '100000', 'WRITE'])
    const order: string[] = []
    const set = engine.exec(writer, ['SET', 'k', 'v']).then((result) => order.push(`set ${result.text}`))
    const echo = engine.exec(writer, ['ECHO', 'after']).then((result) => order.push(`echo ${result.text}`))
    expect((await engine.exec(reader, ['GET', 'k'])).text).toBe('(nil)')
    await sleep(20)
    expect(order).toEqual([])
    await engine.exec(admin, ['CLIENT', 'UNPAUSE'])
    await Promise.all([set, echo])
    expect(order).toEqual(['set OK', 'echo "after"'])
  })

  it('posts MONITOR lines as pushes with their redis-cli text', async () => {
    const { engine } = open()
    const monitor = await engine.createClient()
    const other = await engine.createClient()
    const texts: string[] = []
    engine.on('push', (event) => {
      if (event.client === monitor) texts.push(event.text.replace(/^\d+\.\d{6} /, ''))
    })
    expect((await engine.exec(monitor, ['MONITOR'])).text).toBe('OK')
    await engine.exec(other, ['SET', 'k', 'x y'])
    await sleep(0)
    expect(texts).toEqual([expect.stringMatching(/^\[0 127\.0\.0\.1:\d+\] "SET" "k" "x y"$/)])
  })
})
