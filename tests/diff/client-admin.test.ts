// Client administration with several connections, against redis-server and the engine behind
// the RESP server: CLIENT KILL and the killed connection, CLIENT PAUSE and UNPAUSE, CLIENT REPLY,
// MONITOR's lines (times and ports masked) and what CLIENT LIST shows.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { REDIS_SERVER } from '../helpers/redis-server.ts'
import { encodeCommand } from '../../worker/resp.ts'
import { int, type Reply } from '../../worker/reply.ts'
import { expectSameScenario, sleep, SETTLE_MS, startSides, type Session, type Sides } from '../helpers/multi-client.ts'

const textOf = (reply: Reply): string => (reply.type === 'bulk' || reply.type === 'verbatim' || reply.type === 'simple' ? reply.value : '')
const field = (line: string, name: string): string => new RegExp(`(?:^| )${name}=(\\S*)`).exec(line)?.[1] ?? '?'

/** CLIENT INFO of connection n, not recorded (ids, ports and memory differ between the servers). */
async function infoOf(s: Session, n: number): Promise<string> {
  return textOf(await (await s.connection(n)).call(['CLIENT', 'INFO']))
}

/** Runs a command whose text holds ids or addresses (they differ between the servers), recorded under a label. */
async function runAs(s: Session, n: number, label: string, argv: string[]): Promise<Reply> {
  const reply = await (await s.connection(n)).call(argv)
  s.record(`${n}> ${label}`, reply)
  return reply
}

/** Records whether connection n is closed by now. */
async function recordClosed(s: Session, n: number): Promise<void> {
  const c = await s.connection(n)
  const closed = await Promise.race([c.closed.then(() => true), sleep(SETTLE_MS * 3).then(() => false)])
  s.transcript.push(`${n} closed: ${closed}`)
}

/** Sends commands without waiting for replies (they may never come: CLIENT REPLY OFF). */
async function sendRaw(s: Session, n: number, ...commands: string[][]): Promise<void> {
  const c = await s.connection(n)
  for (const argv of commands) c.writeRaw(encodeCommand(argv))
  await sleep(SETTLE_MS)
}

/** MONITOR lines connection n received, with the time cut and addresses named by connection. */
async function recordMonitor(s: Session, n: number, addresses: Map<string, number>): Promise<void> {
  await sleep(SETTLE_MS)
  const c = await s.connection(n)
  for (const reply of c.unsolicited) {
    const line = textOf(reply).replace(/^\d+\.\d{6} \[(\d+) ([^\]]+)\]/, (_all, db: string, from: string) =>
      `[${db} ${addresses.has(from) ? `conn${addresses.get(from)}` : from}]`)
    s.transcript.push(`${n} monitor (${reply.type}): ${line}`)
  }
  c.unsolicited.length = 0
}

describe.skipIf(!REDIS_SERVER)('client administration against redis-server', () => {
  let sides: Sides
  beforeAll(async () => {
    sides = await startSides()
    // Only the scenario's own connections may exist: CLIENT KILL TYPE counts them.
    sides.redis.client.close()
  })
  afterAll(async () => {
    await sides?.stop()
  })

  it('CLIENT KILL errors', async () => {
    await expectSameScenario(sides, async (s) => {
      for (const line of [
        'CLIENT KILL', 'CLIENT KILL 1.2.3.4:5', 'CLIENT KILL ID', 'CLIENT KILL ID 0', 'CLIENT KILL ID -1',
        'CLIENT KILL ID abc', 'CLIENT KILL ID 99999', 'CLIENT KILL ID 9 TYPE', 'CLIENT KILL TYPE foo',
        'CLIENT KILL USER nobody', 'CLIENT KILL USER default SKIPME maybe', 'CLIENT KILL FOO bar',
        'CLIENT KILL TYPE normal TYPE pubsub', 'CLIENT KILL TYPE master', 'CLIENT KILL TYPE slave',
        'CLIENT KILL TYPE replica', 'CLIENT KILL MAXAGE 1', 'CLIENT KILL LADDR 127.0.0.1:1',
      ]) await s.run(0, line)
    })
  })

  it('CLIENT KILL by ID, ADDR and TYPE closes the connections, a blocked one too; SKIPME and the old form', async () => {
    await expectSameScenario(sides, async (s) => {
      const infos = new Map<number, string>()
      for (const n of [1, 2, 3, 4, 5, 6]) infos.set(n, await infoOf(s, n))
      const id = (n: number) => field(infos.get(n) ?? '', 'id')
      const addr = (n: number) => field(infos.get(n) ?? '', 'addr')
      await runAs(s, 0, 'CLIENT KILL ID <1>', ['CLIENT', 'KILL', 'ID', id(1)])
      await recordClosed(s, 1)
      await runAs(s, 0, 'CLIENT KILL ID <1>', ['CLIENT', 'KILL', 'ID', id(1)])
      await runAs(s, 0, 'CLIENT KILL <addr 2>', ['CLIENT', 'KILL', addr(2)])
      await recordClosed(s, 2)
      await runAs(s, 0, 'CLIENT KILL <addr 2>', ['CLIENT', 'KILL', addr(2)])
      await runAs(s, 0, 'CLIENT KILL ADDR <addr 3> SKIPME yes', ['CLIENT', 'KILL', 'ADDR', addr(3), 'SKIPME', 'yes'])
      await recordClosed(s, 3)
      const blocked = await s.send(4, 'BLPOP q 0')
      await s.run(5, 'SUBSCRIBE ch')
      await s.run(0, 'CLIENT KILL TYPE pubsub')
      await recordClosed(s, 5)
      await s.run(6, 'CLIENT KILL TYPE normal')
      await recordClosed(s, 4)
      await s.answer('blocked', blocked)
      await recordClosed(s, 0)
      await recordClosed(s, 6)
      await runAs(s, 6, 'CLIENT KILL ID <6> SKIPME no', ['CLIENT', 'KILL', 'ID', id(6), 'SKIPME', 'no'])
      await recordClosed(s, 6)
      const list = await (await s.connection(7)).call(['CLIENT', 'LIST', 'TYPE', 'normal'])
      s.record('connections left', int(textOf(list).split('\n').length - 1))
    })
  })

  it('CLIENT PAUSE WRITE holds a SET but not a GET; UNPAUSE releases it, then the commands behind it', async () => {
    await expectSameScenario(sides, async (s) => {
      for (const line of [
        'CLIENT PAUSE', 'CLIENT PAUSE abc', 'CLIENT PAUSE -1', 'CLIENT PAUSE 1.5', 'CLIENT PAUSE 10 foo',
        'CLIENT PAUSE abc foo', 'CLIENT PAUSE 10 write extra', 'CLIENT UNPAUSE x',
      ]) await s.run(0, line)
      const infos = new Map<number, string>()
      for (const n of [1, 3]) infos.set(n, await infoOf(s, n))
      await s.run(0, 'CLIENT PAUSE 100000 WRITE')
      const set = await s.send(1, 'SET k v')
      const after = { reply: (await s.connection(1)).call(['GET', 'k']) }
      const script = await s.send(3, 'EVAL "return 1" 0')
      await s.run(2, 'GET k')
      await s.run(2, 'EVAL_RO "return 2" 0')
      await s.run(2, 'MULTI')
      await s.run(2, 'GET k')
      await s.run(2, 'EXEC')
      const list = textOf(await (await s.connection(2)).call(['CLIENT', 'LIST']))
      for (const n of [1, 3]) {
        const line = list.split('\n').find((row) => field(row, 'id') === field(infos.get(n) ?? '', 'id')) ?? ''
        s.transcript.push(`${n} flags=${field(line, 'flags')} cmd=${field(line, 'cmd')}`)
      }
      const clients = textOf(await (await s.connection(2)).call(['INFO', 'clients']))
      s.transcript.push(`info: ${/blocked_clients:\d+/.exec(clients)?.[0]}`)
      await s.answer('set before', set)
      await s.run(0, 'CLIENT UNPAUSE')
      await s.answer('set', set)
      await s.answer('after', after)
      await s.answer('script', script)
      await s.run(2, 'GET k')
    })
  })

  it('CLIENT PAUSE ends by itself, holding the pausing client too', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.run(0, 'SET k 1')
      await s.run(0, 'CLIENT PAUSE 600')
      const own = await s.send(0, 'PING')
      const other = await s.send(1, 'INCR k')
      const unpause = await s.send(2, 'CLIENT UNPAUSE')
      await s.answer('own before', own)
      await s.answer('other before', other)
      await s.answer('unpause before', unpause)
      await s.answer('own', own, 1500)
      await s.answer('other', other, 1500)
      await s.answer('unpause', unpause, 1500)
      await s.run(0, 'CLIENT PAUSE 0 WRITE')
      await s.run(1, 'INCR k')
    })
  })

  it('CLIENT REPLY OFF and SKIP: the replies that do not come, and those that do', async () => {
    await expectSameScenario(sides, async (s) => {
      for (const line of ['CLIENT REPLY', 'CLIENT REPLY foo', 'CLIENT REPLY on', 'CLIENT NO-EVICT', 'CLIENT NO-EVICT maybe', 'CLIENT NO-EVICT on', 'CLIENT NO-EVICT off']) {
        await s.run(0, line)
      }
      await sendRaw(s, 1, ['CLIENT', 'REPLY', 'OFF'], ['SET', 'a', '1'], ['NOSUCH'], ['CLIENT', 'REPLY', 'SKIP'])
      await s.pushes(1)
      await s.run(1, 'CLIENT REPLY ON')
      await sendRaw(s, 1, ['CLIENT', 'REPLY', 'SKIP'], ['SET', 'b', '1'])
      await s.run(1, 'GET b')
      await sendRaw(s, 1, ['CLIENT', 'REPLY', 'SKIP'], ['CLIENT', 'REPLY', 'SKIP'], ['ECHO', 'e1'])
      await s.run(1, 'ECHO e2')
      await sendRaw(s, 1, ['CLIENT', 'REPLY', 'SKIP'], ['BLPOP', 'q', '0'])
      await s.run(0, 'RPUSH q x')
      await s.run(1, 'ECHO after-blpop')
      await sendRaw(s, 1, ['CLIENT', 'REPLY', 'OFF'], ['SUBSCRIBE', 'ch'])
      await s.run(0, 'PUBLISH ch hello')
      await s.pushes(1)
      await sendRaw(s, 2, ['CLIENT', 'REPLY', 'SKIP'], ['MULTI'])
      await s.run(2, 'ECHO m')
      await s.run(2, 'EXEC')
      await sendRaw(s, 2, ['CLIENT', 'REPLY', 'OFF'])
      await s.run(2, 'RESET')
      await s.run(2, 'ECHO after-reset')
      await s.pushes(2)
    })
  })

  it('MONITOR shows what every client runs, as Redis writes it', async () => {
    await expectSameScenario(sides, async (s) => {
      const addresses = new Map<string, number>()
      for (const n of [1, 2, 3]) addresses.set(field(await infoOf(s, n), 'addr'), n)
      await s.run(3, 'MONITOR')
      await s.run(1, ['SET', 'a b', 'q"uo\\te\n\r\t\x07\x08\x01\xff\xc3\xa9 end'])
      await s.run(1, 'SELECT 3')
      await s.run(1, 'SET k 12345')
      await s.run(1, 'SELECT 0')
      await s.run(1, 'NOSUCH x')
      await s.run(1, 'GET')
      await s.run(1, 'LPUSH a x')
      await s.run(1, ['EVAL', "redis.call('set','k','v') return redis.call('get','k')", '0'])
      await s.run(1, ['EVAL', "redis.call('select', '2') return redis.call('set', 'a', 'b')", '0'])
      await s.run(1, ['EVAL', 'return 1', '5'])
      await s.run(1, 'MULTI')
      await s.run(1, 'SET x 1')
      await s.run(1, 'INCR x')
      await s.run(1, 'EXEC')
      await s.run(1, 'MULTI')
      await s.run(1, 'SET x')
      await s.run(1, 'EXEC')
      await s.run(1, 'CONFIG GET maxmemory')
      await s.run(1, 'CLIENT SETNAME foo')
      await s.run(1, 'CLIENT GETNAME')
      // HELLO's reply holds the connection id: sent unrecorded, only its MONITOR line is compared.
      await (await s.connection(1)).call(['HELLO', '2', 'AUTH', 'default', 'secret', 'SETNAME', 'x'])
      const blocked = await s.send(2, 'BLPOP q 0')
      await s.run(1, 'RPUSH q v')
      await s.answer('blocked', blocked)
      await recordMonitor(s, 3, addresses)
      await s.run(3, 'PING')
      await s.run(3, 'GET a')
      await recordMonitor(s, 3, addresses)
      await (await s.connection(2)).call(['HELLO', '3'])
      await s.run(2, 'MONITOR')
      await s.run(1, 'ECHO x')
      await recordMonitor(s, 2, addresses)
      await s.run(2, 'RESET')
      await s.run(2, 'GET a')
      await s.run(1, 'MULTI')
      await s.run(1, 'MONITOR')
      await s.run(1, 'EXEC')
      await recordMonitor(s, 2, addresses)
      await recordMonitor(s, 3, addresses)
    })
  })

  it('MONITOR shows commands a pause held when they run', async () => {
    await expectSameScenario(sides, async (s) => {
      const addresses = new Map<string, number>()
      for (const n of [0, 1, 2]) addresses.set(field(await infoOf(s, n), 'addr'), n)
      await s.run(3, 'MONITOR')
      await s.run(0, 'CLIENT PAUSE 100000 WRITE')
      const set = await s.send(1, 'SET k 1')
      await s.run(2, 'GET k')
      await s.run(0, 'CLIENT UNPAUSE')
      await s.answer('set', set)
      await recordMonitor(s, 3, addresses)
    })
  })

  it('CLIENT LIST shows every Redis 7.0 field and the flags of monitors, subscribers, MULTI and blocked clients', async () => {
    await expectSameScenario(sides, async (s) => {
      await s.run(1, 'MONITOR')
      await s.run(2, 'SUBSCRIBE a b')
      await s.run(3, 'MULTI')
      await s.run(3, 'PING')
      await s.send(4, 'BLPOP q 5')
      await s.run(5, 'CLIENT NO-EVICT on')
      const list = textOf(await (await s.connection(0)).call(['CLIENT', 'LIST']))
      for (const line of list.trimEnd().split('\n')) {
        const names = line.split(' ').map((pair) => pair.split('=')[0]).join(' ')
        const shown = ['flags', 'db', 'sub', 'psub', 'ssub', 'multi', 'cmd', 'user', 'redir', 'resp'].map((name) => `${name}=${field(line, name)}`)
        s.transcript.push(`${names} | ${shown.join(' ')}`)
      }
      const clients = textOf(await (await s.connection(0)).call(['INFO', 'clients']))
      s.transcript.push(clients.replace(/client_recent_max_input_buffer:\d+/, 'client_recent_max_input_buffer:?'))
    })
  })
})
