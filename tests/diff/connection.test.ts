import { describe, expect, it } from 'vitest'
import {
  describeMismatches, diffLines, EnginePeer, REDIS_SERVER, show, startRedis, type Compare, type ScriptLine, useRedis,
} from '../helpers/redis-server.ts'
import type { Reply } from '../../worker/reply.ts'

/** Replaces the values that follow the given field names (in a map or a flat RESP2 array). */
function mask(reply: Reply, fields: string[]): Reply {
  const isField = (r: Reply) => r.type === 'bulk' && fields.includes(r.value)
  if (reply.type === 'map') return { type: 'map', value: reply.value.map(([k, v]) => [k, isField(k) ? { type: 'null' } : v]) }
  if (reply.type === 'array') {
    return { type: 'array', value: reply.value.map((item, i) => (i > 0 && isField(reply.value[i - 1]) ? { type: 'null' } : item)) }
  }
  return reply
}

/** HELLO replies compared with the connection id left out (the two servers number clients differently). */
const hello = (cmd: string, connection = 0): ScriptLine => ({
  cmd, connection, compare: (redis, engine) => show(mask(redis, ['id'])) === show(mask(engine, ['id'])),
})

/** CLIENT LIST fields whose values do not depend on timing, addresses or allocation. */
const STABLE_FIELDS = new Set([
  'name', 'flags', 'db', 'sub', 'psub', 'ssub', 'multi', 'qbuf', 'qbuf-free', 'argv-mem', 'multi-mem', 'rbs', 'rbp',
  'obl', 'oll', 'omem', 'events', 'cmd', 'user', 'redir', 'resp',
])

function clientLines(reply: Reply): string[][] {
  const text = reply.type === 'bulk' || reply.type === 'verbatim' ? reply.value : ''
  return text.split('\n').filter((line) => line !== '').map((line) =>
    line.split(' ').map((pair) => {
      const field = pair.slice(0, pair.indexOf('='))
      return STABLE_FIELDS.has(field) ? pair : field
    }))
}

/** CLIENT INFO/LIST: same fields in the same order, same stable values, same number of lines. */
const clientList = (cmd: string, connection = 0): ScriptLine => ({
  cmd, connection,
  compare: (redis, engine) => redis.type === engine.type && JSON.stringify(clientLines(redis)) === JSON.stringify(clientLines(engine)),
})

/** HELP replies: our explanations are our own, the frame is Redis's. */
const helpShape: Compare = (redis, engine) =>
  redis.type === 'array' && engine.type === 'array' &&
  show(redis.value[0]) === show(engine.value[0]) &&
  show({ type: 'array', value: redis.value.slice(-2) }) === show({ type: 'array', value: engine.value.slice(-2) }) &&
  engine.value.every((line) => line.type === 'simple')

const sameType: Compare = 'type'

describe.skipIf(!REDIS_SERVER)('connection commands against redis-server', () => {
  const { check } = useRedis()

  it('PING, ECHO, unknown commands', async () => {
    await check(['PING', 'PING hello', 'PING a b', 'ECHO "x y"', 'ECHO', 'ECHO a b', 'NOSUCH a b', '"" x'])
  })

  it('SELECT', async () => {
    await check([
      'FLUSHALL', 'SET k zero', 'SELECT 15', 'GET k', 'SET k fifteen', 'SELECT 0', 'GET k', 'SELECT 15', 'GET k', 'SELECT 0',
      'SELECT 16', 'SELECT -1', 'SELECT x', 'SELECT 1.0', 'SELECT 01', 'SELECT +1', 'SELECT " 1"', 'SELECT 2147483648',
      'SELECT -2147483649', 'SELECT 99999999999999999999', 'SELECT', 'SELECT 1 2', 'GET k', 'FLUSHALL',
    ])
  })

  it('HELLO: protocol versions, errors, AUTH with the default user, SETNAME', async () => {
    await check([
      hello('HELLO'), hello('HELLO 2'), hello('HELLO 3'), hello('HELLO'), 'PING', hello('HELLO 2'),
      'HELLO 4', 'HELLO 1', 'HELLO 0', 'HELLO -1', 'HELLO abc', 'HELLO 03', 'HELLO 3.0', 'HELLO ""',
      'HELLO 3 FOO', 'HELLO 2 AUTH', 'HELLO 2 AUTH default', 'HELLO 2 SETNAME', 'HELLO 3 setname', 'HELLO 2 SETNAME x extra',
      'HELLO 3 AUTH foo bar', 'HELLO 3 AUTH Default x', 'HELLO 2 AUTH a b AUTH default x', 'HELLO 3 AUTH foo bar SETNAME "a b"',
      'HELLO 3 SETNAME "a b" AUTH foo bar', 'HELLO 2 SETNAME "a\\nb"',
      'CLIENT GETNAME', hello('HELLO 3 AUTH default anything SETNAME n1 SETNAME n2'), 'CLIENT GETNAME',
      hello('hello 2 setname n3 auth default x'), 'CLIENT GETNAME', hello('HELLO 2 SETNAME ""'), 'CLIENT GETNAME',
      'HELLO 4 SETNAME "a b"', 'HELLO x SETNAME "a b"',
    ])
  })

  it('RESET', async () => {
    await check([
      { cmd: 'SELECT 3', connection: 1 }, { cmd: 'CLIENT SETNAME conn1', connection: 1 }, hello('HELLO 3', 1),
      { cmd: 'RESET', connection: 1 }, { cmd: 'CLIENT GETNAME', connection: 1 }, { cmd: 'SET k v', connection: 1 },
      { cmd: 'DBSIZE', connection: 1 }, hello('HELLO', 1), 'DBSIZE', 'RESET x', 'RESET', 'DEL k',
    ])
  })

  it('QUIT', async () => {
    await check([{ cmd: 'QUIT', connection: 2 }, { cmd: ['QUIT', 'x'], connection: 3 }])
  })

  it('CLIENT ID, SETNAME, GETNAME and errors', async () => {
    await check([
      { cmd: 'CLIENT ID', compare: sameType }, 'CLIENT GETNAME', 'CLIENT SETNAME worker-1', 'CLIENT GETNAME',
      'CLIENT SETNAME "a b"', 'CLIENT SETNAME "a\\nb"', 'CLIENT SETNAME "\\xc3\\xa9"', 'CLIENT SETNAME "\\x7f"',
      'CLIENT SETNAME ~!{}', 'CLIENT GETNAME', 'CLIENT SETNAME ""', 'CLIENT GETNAME',
      'CLIENT', 'CLIENT foo', 'CLIENT ID x', 'CLIENT SETNAME', 'CLIENT SETNAME a b', 'CLIENT GETNAME x', 'CLIENT INFO x',
      'client help x', { cmd: 'CLIENT HELP', compare: helpShape },
    ])
  })

  it('CLIENT INFO and LIST', async () => {
    // A server of its own, so no connection from the other tests shows in CLIENT LIST.
    const own = await startRedis()
    const mismatches = await diffLines(own, new EnginePeer(), [
      clientList('CLIENT INFO'), { cmd: 'CLIENT SETNAME other', connection: 1 }, { cmd: 'SELECT 3', connection: 1 },
      clientList('CLIENT INFO', 1), clientList('CLIENT LIST'), clientList('CLIENT LIST TYPE normal'),
      clientList('client list type NORMAL'), clientList('CLIENT INFO'), hello('HELLO 3'), clientList('CLIENT INFO'),
      hello('HELLO 2'),
      'CLIENT LIST TYPE pubsub', 'CLIENT LIST TYPE master', 'CLIENT LIST TYPE replica', 'CLIENT LIST TYPE slave',
      'CLIENT LIST ID 0', 'CLIENT LIST ID -1 0 999999', 'CLIENT LIST TYPE foo', 'CLIENT LIST ID 1 x', 'CLIENT LIST ID',
      'CLIENT LIST TYPE', 'CLIENT LIST TYPE normal ID 1', 'CLIENT LIST foo', 'CLIENT LIST ID 99999999999999999999',
    ])
    await own.stop()
    expect(mismatches, describeMismatches(mismatches)).toEqual([])
  })
})
