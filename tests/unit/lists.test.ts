import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { array, bulk, bulks, EMPTY_ARRAY, error, int, NIL, NIL_ARRAY, OK, type Reply } from '../../worker/reply.ts'
import type { KeyChange } from '../../worker/engine.ts'

const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value')
const SYNTAX = error('ERR syntax error')
const NOT_INTEGER = error('ERR value is not an integer or out of range')
const ints = (...values: number[]): Reply => array(values.map((v) => int(v)))

/** An engine with a recorder of keyspace events ("event key"). */
function withEvents() {
  const t = testEngine()
  const events: string[] = []
  t.engine.onKeyChange((change: KeyChange) => events.push(`${change.event} ${change.key}`))
  return { ...t, events }
}

describe('list commands', () => {
  it('LPUSH, RPUSH, LPUSHX, RPUSHX and LLEN', () => {
    const { run } = testEngine()
    expect(run('LPUSH l a b')).toEqual(int(2))
    expect(run('RPUSH l c d')).toEqual(int(4))
    expect(run('LRANGE l 0 -1')).toEqual(bulks(['b', 'a', 'c', 'd']))
    expect(run('LPUSHX l x')).toEqual(int(5))
    expect(run('RPUSHX l y z')).toEqual(int(7))
    expect(run('LPUSHX nokey a')).toEqual(int(0))
    expect(run('EXISTS nokey')).toEqual(int(0))
    expect(run('LLEN l')).toEqual(int(7))
    expect(run('LLEN nokey')).toEqual(int(0))
    run('SET s x')
    expect(run('LPUSH s a')).toEqual(WRONGTYPE)
    expect(run('RPUSHX s a')).toEqual(WRONGTYPE)
    expect(run('LLEN s')).toEqual(WRONGTYPE)
    expect(run('LPUSH l')).toEqual(error("ERR wrong number of arguments for 'lpush' command"))
  })

  it('LPOP and RPOP, with count', () => {
    const { run } = testEngine()
    run('RPUSH l a b c d e')
    expect(run('LPOP l')).toEqual(bulk('a'))
    expect(run('RPOP l')).toEqual(bulk('e'))
    expect(run('LPOP l 2')).toEqual(bulks(['b', 'c']))
    expect(run('RPOP l 0')).toEqual(EMPTY_ARRAY)
    expect(run('RPOP l 5')).toEqual(bulks(['d']))
    expect(run('EXISTS l')).toEqual(int(0))
    expect(run('LPOP l')).toEqual(NIL)
    expect(run('LPOP l 1')).toEqual(NIL_ARRAY)
    expect(run('LPOP l 0')).toEqual(NIL_ARRAY)
    expect(run('LPOP l -1')).toEqual(error('ERR value is out of range, must be positive'))
    expect(run('LPOP l x')).toEqual(error('ERR value is out of range, must be positive'))
    expect(run('LPOP l 1 2')).toEqual(error("ERR wrong number of arguments for 'lpop' command"))
    run('SET s x')
    expect(run('RPOP s')).toEqual(WRONGTYPE)
    expect(run('RPOP s -1')).toEqual(error('ERR value is out of range, must be positive'))
  })

  it('LRANGE and LINDEX with negative and out-of-range indexes', () => {
    const { run } = testEngine()
    run('RPUSH l a b c d')
    expect(run('LRANGE l 1 2')).toEqual(bulks(['b', 'c']))
    expect(run('LRANGE l -2 100')).toEqual(bulks(['c', 'd']))
    expect(run('LRANGE l -100 0')).toEqual(bulks(['a']))
    expect(run('LRANGE l 2 1')).toEqual(EMPTY_ARRAY)
    expect(run('LRANGE l 4 9')).toEqual(EMPTY_ARRAY)
    expect(run('LRANGE nokey 0 -1')).toEqual(EMPTY_ARRAY)
    expect(run('LRANGE nokey x 1')).toEqual(NOT_INTEGER)
    expect(run('LINDEX l -1')).toEqual(bulk('d'))
    expect(run('LINDEX l 4')).toEqual(NIL)
    expect(run('LINDEX nokey x')).toEqual(NIL)
    expect(run('LINDEX l x')).toEqual(NOT_INTEGER)
  })

  it('LSET, LINSERT, LREM, LTRIM', () => {
    const { run } = testEngine()
    run('RPUSH l a b a c a')
    expect(run('LSET l -1 z')).toEqual(OK)
    expect(run('LSET l 5 z')).toEqual(error('ERR index out of range'))
    expect(run('LSET nokey x z')).toEqual(error('ERR no such key'))
    expect(run('LSET l x z')).toEqual(NOT_INTEGER)
    expect(run('LINSERT l AFTER a q')).toEqual(int(6))
    expect(run('LINSERT l before c r')).toEqual(int(7))
    expect(run('LINSERT l BEFORE nothing r')).toEqual(int(-1))
    expect(run('LINSERT nokey BEFORE a r')).toEqual(int(0))
    expect(run('LINSERT nokey NEAR a r')).toEqual(SYNTAX)
    expect(run('LRANGE l 0 -1')).toEqual(bulks(['a', 'q', 'b', 'a', 'r', 'c', 'z']))
    expect(run('LREM l -1 a')).toEqual(int(1))
    expect(run('LRANGE l 0 -1')).toEqual(bulks(['a', 'q', 'b', 'r', 'c', 'z']))
    expect(run('LREM l 0 a')).toEqual(int(1))
    expect(run('LREM nokey 0 a')).toEqual(int(0))
    expect(run('LTRIM l 1 -2')).toEqual(OK)
    expect(run('LRANGE l 0 -1')).toEqual(bulks(['b', 'r', 'c']))
    expect(run('LTRIM l 5 1')).toEqual(OK)
    expect(run('EXISTS l')).toEqual(int(0))
    expect(run('LTRIM nokey 0 1')).toEqual(OK)
  })

  it('LPOS with RANK, COUNT and MAXLEN', () => {
    const { run } = testEngine()
    run('RPUSH l a b a c a')
    expect(run('LPOS l a')).toEqual(int(0))
    expect(run('LPOS l a RANK 2')).toEqual(int(2))
    expect(run('LPOS l a RANK -1')).toEqual(int(4))
    expect(run('LPOS l a COUNT 0')).toEqual(ints(0, 2, 4))
    expect(run('LPOS l a RANK -2 COUNT 0')).toEqual(ints(2, 0))
    expect(run('LPOS l a COUNT 0 MAXLEN 3')).toEqual(ints(0, 2))
    expect(run('LPOS l a RANK -9223372036854775808 COUNT 1')).toEqual(ints(4, 2, 0))
    expect(run('LPOS l z')).toEqual(NIL)
    expect(run('LPOS l z COUNT 1')).toEqual(EMPTY_ARRAY)
    expect(run('LPOS nokey a COUNT 1')).toEqual(EMPTY_ARRAY)
    expect(run('LPOS l a RANK 0')).toEqual(error(
      "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
    ))
    expect(run('LPOS l a COUNT -1')).toEqual(error("ERR COUNT can't be negative"))
    expect(run('LPOS l a MAXLEN x')).toEqual(error("ERR MAXLEN can't be negative"))
    expect(run('LPOS l a RANK')).toEqual(SYNTAX)
  })

  it('LMOVE and RPOPLPUSH, including onto the same list', () => {
    const { run } = testEngine()
    run('RPUSH src a b c')
    expect(run('LMOVE src dst LEFT RIGHT')).toEqual(bulk('a'))
    expect(run('LMOVE src dst RIGHT LEFT')).toEqual(bulk('c'))
    expect(run('LRANGE dst 0 -1')).toEqual(bulks(['c', 'a']))
    expect(run('RPOPLPUSH dst dst')).toEqual(bulk('a'))
    expect(run('LRANGE dst 0 -1')).toEqual(bulks(['a', 'c']))
    expect(run('RPOPLPUSH src other')).toEqual(bulk('b'))
    expect(run('EXISTS src')).toEqual(int(0))
    expect(run('LMOVE src dst LEFT LEFT')).toEqual(NIL)
    expect(run('LMOVE src dst UP LEFT')).toEqual(SYNTAX)
    run('SET s x')
    expect(run('LMOVE dst s LEFT LEFT')).toEqual(WRONGTYPE)
    expect(run('LMOVE nokey s LEFT LEFT')).toEqual(NIL)
    expect(run('LRANGE dst 0 -1')).toEqual(bulks(['a', 'c']))
  })

  it('LMPOP', () => {
    const { run } = testEngine()
    run('RPUSH b x y z')
    expect(run('LMPOP 2 a b LEFT')).toEqual(array([bulk('b'), bulks(['x'])]))
    expect(run('LMPOP 2 a b RIGHT COUNT 5')).toEqual(array([bulk('b'), bulks(['z', 'y'])]))
    expect(run('LMPOP 2 a b RIGHT')).toEqual(NIL_ARRAY)
    expect(run('LMPOP 0 a LEFT')).toEqual(error('ERR numkeys should be greater than 0'))
    expect(run('LMPOP x a LEFT')).toEqual(error('ERR numkeys should be greater than 0'))
    expect(run('LMPOP 2 a LEFT')).toEqual(SYNTAX)
    expect(run('LMPOP 1 a LEFT COUNT 0')).toEqual(error('ERR count should be greater than 0'))
    expect(run('LMPOP 1 a LEFT COUNT 1 COUNT 1')).toEqual(SYNTAX)
    run('SET s x')
    expect(run('LMPOP 2 a s LEFT')).toEqual(WRONGTYPE)
  })

  it('replies in RESP3 terms: a missing key with a count is a null, not an empty array', () => {
    const { run, client } = testEngine()
    client.resp = 3
    expect(run('LPOP nokey 2')).toEqual(NIL_ARRAY)
    expect(run('LPOS nokey a')).toEqual(NIL)
  })

  it('emits the keyspace events Redis emits', () => {
    const { run, events } = withEvents()
    run('RPUSH l a b')
    run('LPUSHX nokey a')
    run('LMOVE l d RIGHT LEFT')
    run('LPOP l 5')
    run('LINSERT d AFTER b c')
    run('LSET d 0 x')
    run('LREM d 0 zz')
    run('LTRIM d 0 -1')
    run('LREM d 0 x')
    run('LMPOP 1 d LEFT COUNT 9')
    expect(events).toEqual([
      'rpush l', 'lpush d', 'rpop l', 'lpop l', 'del l', 'linsert d', 'lset d', 'ltrim d', 'lrem d', 'lpop d', 'del d',
    ])
  })
})
