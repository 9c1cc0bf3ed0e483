import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { array, bulk, error, int, map, NIL, OK, PONG, simple, verbatim, type Reply } from '../../worker/reply.ts'

const NAME_ERROR = error('ERR Client names cannot contain spaces, newlines or special characters.')

function helloMap(proto: number, id: number): Reply {
  return map([
    [bulk('server'), bulk('redis')],
    [bulk('version'), bulk('7.0.15')],
    [bulk('proto'), int(proto)],
    [bulk('id'), int(id)],
    [bulk('mode'), bulk('standalone')],
    [bulk('role'), bulk('master')],
    [bulk('modules'), array([])],
  ])
}

describe('connection', () => {
  it('PING and ECHO', () => {
    const { run } = testEngine()
    expect(run('PING')).toEqual(PONG)
    expect(run('ping "hello world"')).toEqual(bulk('hello world'))
    expect(run('PING a b')).toEqual(error("ERR wrong number of arguments for 'ping' command"))
    expect(run('ECHO x')).toEqual(bulk('x'))
  })

  it('unknown commands', () => {
    const { run } = testEngine()
    expect(run('FOO a b')).toEqual(error("ERR unknown command 'FOO', with args beginning with: 'a' 'b' "))
  })

  it('SELECT switches databases and checks the index', () => {
    const { run, client } = testEngine()
    expect(run('SET k zero')).toEqual(OK)
    expect(run('SELECT 15')).toEqual(OK)
    expect(client.db).toBe(15)
    expect(run('GET k')).toEqual(NIL)
    expect(run('SELECT 0')).toEqual(OK)
    expect(run('GET k')).toEqual(bulk('zero'))
    expect(run('SELECT 16')).toEqual(error('ERR DB index is out of range'))
    expect(run('SELECT -1')).toEqual(error('ERR DB index is out of range'))
    expect(run('SELECT x')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('SELECT 01')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('SELECT 1.0')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('SELECT 2147483648')).toEqual(error('ERR value is out of range, value must between -2147483648 and 2147483647'))
    expect(run('SELECT 99999999999999999999')).toEqual(error('ERR value is not an integer or out of range'))
    expect(client.db).toBe(0)
  })

  it('QUIT replies OK and marks the connection for closing', () => {
    const { run, client } = testEngine()
    expect(run('QUIT')).toEqual(OK)
    expect(client.closing).toBe(true)
    expect(testEngine().run('QUIT now')).toEqual(OK)
  })

  it('RESET returns to database 0, RESP2 and no name', () => {
    const { run, client } = testEngine()
    run('SELECT 3')
    run('HELLO 3 SETNAME me')
    expect(run('RESET')).toEqual(simple('RESET'))
    expect([client.db, client.resp, client.name]).toEqual([0, 2, ''])
    expect(run('CLIENT GETNAME')).toEqual(NIL)
    expect(run('RESET x')).toEqual(error("ERR wrong number of arguments for 'reset' command"))
  })

  it('HELLO describes the server and switches protocol', () => {
    const { run, client } = testEngine()
    expect(run('HELLO')).toEqual(helloMap(2, 1))
    expect(run('HELLO 3')).toEqual(helloMap(3, 1))
    expect(client.resp).toBe(3)
    expect(run('HELLO')).toEqual(helloMap(3, 1))
    expect(run('HELLO 2')).toEqual(helloMap(2, 1))
    expect(client.resp).toBe(2)
  })

  it('HELLO errors', () => {
    const { run, client } = testEngine()
    expect(run('HELLO 4')).toEqual(error('NOPROTO unsupported protocol version'))
    expect(run('HELLO 1')).toEqual(error('NOPROTO unsupported protocol version'))
    expect(run('HELLO -1')).toEqual(error('NOPROTO unsupported protocol version'))
    expect(run('HELLO abc')).toEqual(error('ERR Protocol version is not an integer or out of range'))
    expect(run('HELLO 03')).toEqual(error('ERR Protocol version is not an integer or out of range'))
    expect(run('HELLO 3 FOO')).toEqual(error("ERR Syntax error in HELLO option 'FOO'"))
    expect(run('HELLO 3 AUTH default')).toEqual(error("ERR Syntax error in HELLO option 'AUTH'"))
    expect(run('HELLO 3 setname')).toEqual(error("ERR Syntax error in HELLO option 'setname'"))
    expect(run('HELLO 3 SETNAME x extra')).toEqual(error("ERR Syntax error in HELLO option 'extra'"))
    expect(run('HELLO 3 AUTH foo bar')).toEqual(error('WRONGPASS invalid username-password pair or user is disabled.'))
    expect(run('HELLO 3 SETNAME "a b" AUTH foo bar')).toEqual(NAME_ERROR)
    expect(run('HELLO 3 AUTH foo bar SETNAME "a b"')).toEqual(error('WRONGPASS invalid username-password pair or user is disabled.'))
    // The protocol never changed; only 'SETNAME x extra' named the connection before failing.
    expect([client.resp, client.name]).toEqual([2, 'x'])
  })

  it('HELLO applies options as it reads them, as Redis 7.0 does', () => {
    const { run, client } = testEngine()
    expect(run('HELLO 3 SETNAME early extra')).toEqual(error("ERR Syntax error in HELLO option 'extra'"))
    expect([client.resp, client.name]).toEqual([2, 'early'])
    expect(run('HELLO 3 SETNAME later AUTH foo bar')).toEqual(error('WRONGPASS invalid username-password pair or user is disabled.'))
    expect([client.resp, client.name]).toEqual([2, 'later'])
  })

  it('HELLO AUTH with the default user (no password set) and SETNAME', () => {
    const { run, client } = testEngine()
    expect(run('HELLO 3 AUTH default anything SETNAME n1 SETNAME n2')).toEqual(helloMap(3, 1))
    expect(client.name).toBe('n2')
    expect(run('HELLO 2 SETNAME ""')).toEqual(helloMap(2, 1))
    expect(client.name).toBe('')
    expect(run('HELLO 3 AUTH foo bar SETNAME ok')).toEqual(error('WRONGPASS invalid username-password pair or user is disabled.'))
    expect(client.name).toBe('')
  })
})

describe('CLIENT', () => {
  it('ID, SETNAME and GETNAME', () => {
    const { run, engine } = testEngine()
    expect(run('CLIENT ID')).toEqual(int(1))
    expect(run('CLIENT ID', engine.createClient())).toEqual(int(2))
    expect(run('CLIENT GETNAME')).toEqual(NIL)
    expect(run('CLIENT SETNAME worker-1')).toEqual(OK)
    expect(run('CLIENT GETNAME')).toEqual(bulk('worker-1'))
    expect(run('CLIENT SETNAME "a b"')).toEqual(NAME_ERROR)
    expect(run('CLIENT SETNAME "a\\nb"')).toEqual(NAME_ERROR)
    expect(run('CLIENT SETNAME "\\xc3\\xa9"')).toEqual(NAME_ERROR)
    expect(run('CLIENT GETNAME')).toEqual(bulk('worker-1'))
    expect(run('CLIENT SETNAME ""')).toEqual(OK)
    expect(run('CLIENT GETNAME')).toEqual(NIL)
  })

  it('subcommand and arity errors', () => {
    const { run } = testEngine()
    expect(run('CLIENT')).toEqual(error("ERR wrong number of arguments for 'client' command"))
    expect(run('CLIENT foo')).toEqual(error("ERR unknown subcommand 'foo'. Try CLIENT HELP."))
    expect(run('CLIENT ID x')).toEqual(error("ERR wrong number of arguments for 'client|id' command"))
    expect(run('CLIENT SETNAME')).toEqual(error("ERR wrong number of arguments for 'client|setname' command"))
  })

  it('INFO and LIST describe connections with Redis 7.0 fields', () => {
    const { run, engine, advance } = testEngine()
    const other = engine.createClient('127.0.0.1:50002', '127.0.0.1:6379')
    run('CLIENT SETNAME other', other)
    run('SELECT 3', other)
    advance(5_500)
    expect(run('CLIENT INFO')).toEqual(verbatim(
      'id=1 addr=127.0.0.1:0 laddr=127.0.0.1:6379 fd=8 name= age=5 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 ' +
      'multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 ' +
      'tot-mem=37658 events=r cmd=client|info user=default redir=-1 resp=2\n'))
    const otherLine =
      'id=2 addr=127.0.0.1:50002 laddr=127.0.0.1:6379 fd=9 name=other age=5 idle=5 flags=N db=3 sub=0 psub=0 ssub=0 ' +
      'multi=-1 qbuf=0 qbuf-free=20474 argv-mem=0 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 ' +
      'tot-mem=37632 events=r cmd=select user=default redir=-1 resp=2\n'
    expect(run('CLIENT LIST ID 2')).toEqual(verbatim(otherLine))
    const list = run('client list')
    expect(list.type === 'verbatim' && list.value.split('\n').map((line) => line.split(' ')[0])).toEqual(['id=1', 'id=2', ''])
    expect(list.type === 'verbatim' && list.value.endsWith(otherLine)).toBe(true)
  })

  it('LIST filters and their errors', () => {
    const { run, engine } = testEngine()
    engine.createClient()
    const ids = (reply: Reply) => (reply.type === 'verbatim' ? reply.value.match(/^id=\d+/gm) : reply)
    expect(ids(run('CLIENT LIST TYPE normal'))).toEqual(['id=1', 'id=2'])
    expect(run('CLIENT LIST TYPE pubsub')).toEqual(verbatim(''))
    expect(run('CLIENT LIST TYPE replica')).toEqual(verbatim(''))
    expect(ids(run('CLIENT LIST ID 2 7 1 2'))).toEqual(['id=2', 'id=1', 'id=2'])
    expect(run('CLIENT LIST ID -1 0')).toEqual(verbatim(''))
    expect(run('CLIENT LIST TYPE foo')).toEqual(error("ERR Unknown client type 'foo'"))
    expect(run('CLIENT LIST ID 1 x')).toEqual(error('ERR Invalid client ID'))
    expect(run('CLIENT LIST ID')).toEqual(error('ERR syntax error'))
    expect(run('CLIENT LIST TYPE')).toEqual(error('ERR syntax error'))
    expect(run('CLIENT LIST TYPE normal ID 1')).toEqual(error('ERR syntax error'))
    expect(run('CLIENT LIST foo')).toEqual(error('ERR syntax error'))
  })

  it('HELP lists the subcommands in Redis help format', () => {
    const { run } = testEngine()
    const help = run('CLIENT HELP')
    expect(help.type).toBe('array')
    if (help.type !== 'array') return
    expect(help.value[0]).toEqual(simple('CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:'))
    expect(help.value.slice(-2)).toEqual([simple('HELP'), simple('    Prints this help.')])
    const names = help.value.slice(1).filter((line) => line.type === 'simple' && !line.value.startsWith(' '))
      .map((line) => (line.type === 'simple' ? line.value.split(' ')[0] : ''))
    expect(names).toEqual(['GETNAME', 'ID', 'INFO', 'KILL', 'KILL', 'LIST', 'UNPAUSE', 'PAUSE', 'REPLY', 'SETNAME', 'UNBLOCK', 'NO-EVICT', 'HELP'])
  })
})
