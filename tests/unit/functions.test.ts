import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { Engine } from '../../worker/engine.ts'
import { loadSnapshot, snapshotFromText, snapshotToText, takeSnapshot } from '../../worker/snapshot.ts'
import { array, bulk, error, int, map, NIL, OK, set, simple } from '../../worker/reply.ts'
import { dumpPayload, readPayload } from '../../worker/scripting/function-dump.ts'

const lib = (name: string, body: string) => `#!lua name=${name}\n${body}`

describe('FUNCTION LOAD and FCALL', () => {
  it('loads a library and calls its functions by name, in any case', () => {
    const { run } = testEngine()
    expect(run(['FUNCTION', 'LOAD', lib('counter', [
      "redis.register_function('incr_by', function(keys, args) return redis.call('incrby', keys[1], args[1]) end)",
      "redis.register_function{function_name='peek', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}, description='reads'}",
    ].join('\n'))])).toEqual(bulk('counter'))
    expect(run('FCALL incr_by 1 c 5')).toEqual(int(5))
    expect(run('FCALL INCR_BY 1 c 2')).toEqual(int(7))
    expect(run('FCALL_RO peek 1 c')).toEqual(bulk('7'))
    expect(run('FCALL_RO incr_by 1 c 1')).toEqual(error('ERR Can not execute a script with write flag using *_ro command.'))
    expect(run('FCALL nosuch 0')).toEqual(error('ERR Function not found'))
    expect(run('FUNCTION LIST')).toEqual(array([map([
      [bulk('library_name'), bulk('counter')], [bulk('engine'), bulk('LUA')],
      [bulk('functions'), array([
        map([[bulk('name'), bulk('incr_by')], [bulk('description'), NIL], [bulk('flags'), set([])]]),
        map([[bulk('name'), bulk('peek')], [bulk('description'), bulk('reads')], [bulk('flags'), set([simple('no-writes')])]]),
      ])],
    ])]))
  })

  it('gives Redis\'s errors for bad libraries and leaves the old one on a failed REPLACE', () => {
    const { run } = testEngine()
    expect(run(['FUNCTION', 'LOAD', 'return 1'])).toEqual(error('ERR Missing library metadata'))
    expect(run(['FUNCTION', 'LOAD', lib('x', "redis.call('ping')")])).toEqual(
      error("ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'call'"))
    expect(run(['FUNCTION', 'LOAD', lib('x', 'local y = 1')])).toEqual(error('ERR No functions registered'))
    run(['FUNCTION', 'LOAD', lib('a', "redis.register_function('f', function() return 'a' end)")])
    expect(run(['FUNCTION', 'LOAD', lib('b', "redis.register_function('F', function() end)")])).toEqual(error('ERR Function F already exists'))
    expect(run(['FUNCTION', 'LOAD', 'REPLACE', lib('a', 'error("no")')])).toEqual(
      error("ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'error'"))
    expect(run('FCALL f 0')).toEqual(bulk('a'))
  })

  it('stops a library whose code runs longer than FUNCTION LOAD allows', () => {
    let time = 0
    // A clock that moves on each look, so that the 500 ms pass while the code runs.
    const clocked = new Engine({ clock: () => (time += 1) })
    const client = clocked.createClient()
    expect(clocked.exec(client, ['FUNCTION', 'LOAD', lib('spin', 'while true do end')])).toEqual(
      error('ERR Error registering functions: ERR FUNCTION LOAD timeout'))
  })

  it('round-trips FUNCTION DUMP and FUNCTION RESTORE and refuses other payloads', () => {
    const { run } = testEngine()
    run(['FUNCTION', 'LOAD', lib('one', "redis.register_function('f', function() return 1 end)")])
    const dump = run('FUNCTION DUMP')
    const payload = dump.type === 'bulk' ? dump.value : ''
    expect(readPayload(payload)).toEqual([lib('one', "redis.register_function('f', function() return 1 end)")])
    expect(run(['FUNCTION', 'RESTORE', payload])).toEqual(error('ERR Library one already exists'))
    expect(run('FUNCTION FLUSH')).toEqual(OK)
    expect(run(['FUNCTION', 'RESTORE', payload])).toEqual(OK)
    expect(run('FCALL f 0')).toEqual(int(1))
    expect(run(['FUNCTION', 'RESTORE', payload.slice(0, -1)])).toEqual(error('ERR DUMP payload version or checksum are wrong'))
    expect(run(['FUNCTION', 'RESTORE', dumpPayload(['#!lua name=broken\n'])])).toEqual(error('ERR No functions registered'))
    expect(run('FUNCTION STATS')).toEqual(map([
      [bulk('running_script'), NIL],
      [bulk('engines'), map([[bulk('LUA'), map([[bulk('libraries_count'), int(1)], [bulk('functions_count'), int(1)]])]])],
    ]))
  })
})

describe('cmsgpack in a function', () => {
  // The bytes are redis-server 7.0's: Lua 5.1 walks a map in the order its table layout gives.
  it('packs a map\'s entries in the order Redis\'s Lua walks them', () => {
    const { run } = testEngine()
    run(['FUNCTION', 'LOAD', lib('packing', [
      "redis.register_function('literal', function() return cmsgpack.pack({name = 'alice', age = 30, city = 'paris'}) end)",
      "redis.register_function('unpacked', function() return cmsgpack.pack(cmsgpack.unpack(cmsgpack.pack({name = 'alice', age = 30, city = 'paris'}))) end)",
      "redis.register_function('mixed', function() return cmsgpack.pack({1, 2, x = 'y', z = 'w'}) end)",
    ].join('\n'))])
    expect(run('FCALL literal 0')).toEqual(bulk('\x83\xa4city\xa5paris\xa4name\xa5alice\xa3age\x1e'))
    expect(run('FCALL unpacked 0')).toEqual(bulk('\x83\xa3age\x1e\xa4name\xa5alice\xa4city\xa5paris'))
    expect(run('FCALL mixed 0')).toEqual(bulk('\x84\x01\x01\x02\x02\xa1z\xa1w\xa1x\xa1y'))
  })
})

describe('functions in snapshots', () => {
  it('are carried by a snapshot and loaded back, replacing what was there', () => {
    const { engine, run } = testEngine()
    run(['FUNCTION', 'LOAD', lib('kept', "redis.register_function('f', function() return 'kept' end)")])
    const text = snapshotToText(takeSnapshot(engine))
    const other = testEngine()
    other.run(['FUNCTION', 'LOAD', lib('gone', "redis.register_function('g', function() return 1 end)")])
    loadSnapshot(other.engine, snapshotFromText(text))
    expect(other.run('FCALL f 0')).toEqual(bulk('kept'))
    expect(other.run('FCALL g 0')).toEqual(error('ERR Function not found'))
    run('FUNCTION FLUSH')
    expect(takeSnapshot(engine).functions).toBeUndefined()
  })

  it('refuses malformed function parts before loading anything', () => {
    const { engine } = testEngine()
    const snapshot = { ...takeSnapshot(engine), functions: { version: 2, libraries: [] } }
    expect(() => snapshotFromText(JSON.stringify(snapshot))).toThrow('its function libraries are malformed')
  })
})
