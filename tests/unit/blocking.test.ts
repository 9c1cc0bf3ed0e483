import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { BLOCKED, parseTimeout } from '../../worker/blocking.ts'
import { array, bulk, bulks, double, error, int, NIL, NIL_ARRAY, OK, type Reply } from '../../worker/reply.ts'
import type { Client } from '../../worker/engine.ts'

/** A client whose delivered replies are collected. */
function collecting(client: Client): Array<[Reply, string]> {
  const got: Array<[Reply, string]> = []
  client.deliver = (reply, kind) => got.push([reply, kind])
  return got
}

describe('parseTimeout', () => {
  it('reads seconds as Redis does', () => {
    expect(parseTimeout('0', 'seconds')).toBe(0)
    expect(parseTimeout('1.5', 'seconds')).toBe(1500)
    expect(parseTimeout('0x10', 'seconds')).toBe(16000)
    expect(parseTimeout('-0.0001', 'seconds')).toBe(0)
    expect(() => parseTimeout('-1', 'seconds')).toThrow('ERR timeout is negative')
    expect(() => parseTimeout('1e400', 'seconds')).toThrow('ERR timeout is negative')
    expect(() => parseTimeout('inf', 'seconds')).toThrow('ERR timeout is negative')
    expect(() => parseTimeout('nan', 'seconds')).toThrow('ERR timeout is not a float or out of range')
    expect(() => parseTimeout(' 1', 'seconds')).toThrow('ERR timeout is not a float or out of range')
    expect(parseTimeout('250', 'milliseconds')).toBe(250)
    expect(() => parseTimeout('1.5', 'milliseconds')).toThrow('ERR timeout is not an integer or out of range')
  })
})

describe('blocking pops', () => {
  it('serves a blocked BLPOP when another client pushes', () => {
    const { run, engine } = testEngine()
    const waiter = engine.createClient()
    const got = collecting(waiter)
    expect(run('BLPOP q1 q2 0', waiter)).toBe(BLOCKED)
    expect(run('RPUSH q2 a b')).toEqual(int(2))
    expect(got).toEqual([[bulks(['q2', 'a']), 'reply']])
    expect(waiter.blocked).toBeUndefined()
    expect(run('LRANGE q2 0 -1')).toEqual(bulks(['b']))
  })

  it('serves clients first-come first-served and leaves the rest waiting', () => {
    const { run, engine } = testEngine()
    const first = engine.createClient()
    const second = engine.createClient()
    const a = collecting(first)
    const b = collecting(second)
    run('BRPOP q 0', first)
    run('BRPOP q 0', second)
    run('RPUSH q x')
    expect(a).toEqual([[bulks(['q', 'x']), 'reply']])
    expect(b).toEqual([])
    run('RPUSH q y')
    expect(b).toEqual([[bulks(['q', 'y']), 'reply']])
    expect(run('EXISTS q')).toEqual(int(0))
  })

  it('times out from tick with a null array', () => {
    const { run, engine, advance } = testEngine()
    const waiter = engine.createClient()
    const got = collecting(waiter)
    run('BLPOP q 1.5', waiter)
    expect(engine.nextTimeout()).toBe(engine.now() + 1500)
    advance(1499)
    engine.tick()
    expect(got).toEqual([])
    advance(1)
    engine.tick()
    expect(got).toEqual([[NIL_ARRAY, 'reply']])
    expect(engine.nextTimeout()).toBeUndefined()
  })

  it('keeps a client waiting when the key gets the wrong type, and forgets closed clients', () => {
    const { run, engine } = testEngine()
    const waiter = engine.createClient()
    const got = collecting(waiter)
    run('BLPOP q 0', waiter)
    run('SET q x')
    expect(got).toEqual([])
    run('DEL q')
    engine.closeClient(waiter)
    run('RPUSH q a')
    expect(got).toEqual([])
    expect(run('LLEN q')).toEqual(int(1))
  })

  it('BLMOVE serves and pushes to the destination, which can serve another client', () => {
    const { run, engine } = testEngine()
    const mover = engine.createClient()
    const popper = engine.createClient()
    const m = collecting(mover)
    const p = collecting(popper)
    run('BLMOVE src dst RIGHT LEFT 0', mover)
    run('BLPOP dst 0', popper)
    run('LPUSH src v')
    expect(m).toEqual([[bulk('v'), 'reply']])
    expect(p).toEqual([[bulks(['dst', 'v']), 'reply']])
  })

  it('BLMPOP, BZPOPMIN and BZMPOP reply shapes', () => {
    const { run } = testEngine()
    run('RPUSH l a b c')
    expect(run('BLMPOP 0 2 none l RIGHT COUNT 2')).toEqual(array([bulk('l'), bulks(['c', 'b'])]))
    run('ZADD z 1 a 2 b 3 c')
    expect(run('BZPOPMIN z 0')).toEqual(array([bulk('z'), bulk('a'), double(1)]))
    expect(run('BZPOPMAX z 0')).toEqual(array([bulk('z'), bulk('c'), double(3)]))
    expect(run('BZMPOP 0 1 z MIN COUNT 5')).toEqual(array([bulk('z'), array([array([bulk('b'), double(2)])])]))
    expect(run('BLMPOP x 1 l LEFT')).toEqual(error('ERR timeout is not a float or out of range'))
    expect(run('BZMPOP 0 0 z MIN')).toEqual(error('ERR numkeys should be greater than 0'))
    expect(run('BLMPOP 0 1 l UP')).toEqual(error('ERR syntax error'))
    run('SET s x')
    expect(run('BLPOP none s 0')).toEqual(error('WRONGTYPE Operation against a key holding the wrong kind of value'))
  })

  it('CLIENT UNBLOCK-like unblocking through the register', () => {
    const { run, engine } = testEngine()
    const waiter = engine.createClient()
    const got = collecting(waiter)
    run('BZPOPMIN z 0', waiter)
    expect(engine.blocking.unblock(waiter, true)).toBe(true)
    expect(got).toEqual([[error('UNBLOCKED client unblocked via CLIENT UNBLOCK'), 'reply']])
    expect(engine.blocking.unblock(waiter, false)).toBe(false)
    expect(run('SET k v')).toEqual(OK)
    expect(run('GET none')).toEqual(NIL)
  })
})
