import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { Engine, type KeyChange } from '../../worker/engine.ts'
import { array, bulk, bulks, EMPTY_ARRAY, error, int, NIL, set, type Reply } from '../../worker/reply.ts'
import { splitArgs } from '../../worker/split-args.ts'
import type { SetValue } from '../../worker/types/set.ts'

const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value')
const SYNTAX = error('ERR syntax error')
const members = (...values: string[]): Reply => set(values.map((v) => bulk(v)))
const ints = (...values: number[]): Reply => array(values.map((v) => int(v)))

/** Members of an array or set reply, sorted, for replies whose order is Redis's hash order. */
function sorted(reply: Reply): string[] {
  if (reply.type !== 'array' && reply.type !== 'set') throw new Error(`not a collection: ${reply.type}`)
  return reply.value.map((r) => (r.type === 'bulk' ? r.value : '?')).sort()
}

/** An engine whose random source always answers 0, so random picks are the first position. */
function firstPickEngine() {
  const engine = new Engine({ random: () => 0 })
  const client = engine.createClient()
  return (line: string) => engine.exec(client, splitArgs(line) as string[])
}

describe('set commands', () => {
  it('SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS', () => {
    const { run } = testEngine()
    expect(run('SADD s 3 1 2 1')).toEqual(int(3))
    expect(run('SMEMBERS s')).toEqual(members('1', '2', '3'))
    expect(run('SADD s -7 2')).toEqual(int(1))
    expect(run('SMEMBERS s')).toEqual(members('-7', '1', '2', '3'))
    expect(run('SCARD s')).toEqual(int(4))
    expect(run('SISMEMBER s 2')).toEqual(int(1))
    expect(run('SISMEMBER s 02')).toEqual(int(0))
    expect(run('SMISMEMBER s 1 9 3')).toEqual(ints(1, 0, 1))
    expect(run('SMISMEMBER nokey 1')).toEqual(ints(0))
    expect(run('SREM s 1 9 2')).toEqual(int(2))
    expect(run('SREM s -7 3')).toEqual(int(2))
    expect(run('EXISTS s')).toEqual(int(0))
    expect(run('SMEMBERS s')).toEqual(members())
    expect(run('SCARD s')).toEqual(int(0))
    run('SET str x')
    expect(run('SADD str a')).toEqual(WRONGTYPE)
    expect(run('SMISMEMBER str a')).toEqual(WRONGTYPE)
  })

  it('tracks the intset and hashtable encodings', () => {
    const { run, engine } = testEngine()
    const encoding = (key: string) => (engine.databases[0].get(key) as SetValue).encoding(engine.config)
    run('SADD a 1 2')
    run('SADD b x 1')
    run('SADD c 1 01')
    expect([encoding('a'), encoding('b'), encoding('c')]).toEqual(['intset', 'hashtable', 'hashtable'])
    engine.config.set('set-max-intset-entries', '2')
    run('SADD a 3')
    expect(encoding('a')).toBe('hashtable')
    run('SREM a 3')
    expect(encoding('a')).toBe('hashtable')
    run('SINTERSTORE d a')
    expect(encoding('d')).toBe('intset')
  })

  it('SPOP and SRANDMEMBER picks follow the random source', () => {
    const run = firstPickEngine()
    run('SADD h a b c d')
    expect(run('SPOP h')).toEqual(bulk('a'))
    expect(run('SPOP h')).toEqual(bulk('d'))
    expect(run('SRANDMEMBER h')).toEqual(bulk('c'))
    expect(run('SRANDMEMBER h -3')).toEqual(bulks(['c', 'c', 'c']))
    expect(run('SPOP h 1')).toEqual(members('c'))
    expect(run('SPOP h 5')).toEqual(members('b'))
    expect(run('EXISTS h')).toEqual(int(0))
  })

  it('SPOP and SRANDMEMBER with counts', () => {
    const { run } = testEngine()
    run('SADD s 1 2 3 4 5 6 7 8 9 10')
    const popped = run('SPOP s 3')
    expect(popped.type).toBe('set')
    expect(sorted(popped)).toHaveLength(3)
    expect(run('SCARD s')).toEqual(int(7))
    const rest = sorted(run('SMEMBERS s')).sort((a, b) => Number(a) - Number(b))
    expect([...sorted(popped), ...rest].sort()).toEqual(['1', '10', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(new Set(sorted(run('SRANDMEMBER s 5'))).size).toBe(5)
    expect(sorted(run('SRANDMEMBER s -20'))).toHaveLength(20)
    expect(run('SRANDMEMBER s 100')).toEqual(bulks(rest))
    expect(run('SRANDMEMBER s 0')).toEqual(EMPTY_ARRAY)
    expect(run('SRANDMEMBER nokey 3')).toEqual(EMPTY_ARRAY)
    expect(run('SRANDMEMBER nokey')).toEqual(NIL)
    expect(run('SPOP nokey 3')).toEqual(members())
    expect(run('SPOP s 0')).toEqual(members())
    expect(run('SPOP s -1')).toEqual(error('ERR value is out of range, must be positive'))
    expect(run('SPOP s 1 2')).toEqual(SYNTAX)
    expect(run('SRANDMEMBER s 1 2')).toEqual(SYNTAX)
    expect(run('SRANDMEMBER s -9223372036854775808')).toEqual(
      error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'),
    )
    expect(run('SRANDMEMBER s -9223372036854775807')).toEqual(error('ERR the reply would be too large for the playground'))
    expect(run('SPOP s 100')).toEqual(members(...rest))
    expect(run('EXISTS s')).toEqual(int(0))
  })

  it('SMOVE', () => {
    const { run } = testEngine()
    run('SADD a 1 2')
    expect(run('SMOVE a b 1')).toEqual(int(1))
    expect(run('SMOVE a b 9')).toEqual(int(0))
    expect(run('SMOVE a a 2')).toEqual(int(1))
    expect(run('SMOVE a b 2')).toEqual(int(1))
    expect(run('EXISTS a')).toEqual(int(0))
    expect(run('SMEMBERS b')).toEqual(members('1', '2'))
    run('SET str x')
    expect(run('SMOVE nokey str 1')).toEqual(int(0))
    expect(run('SMOVE b str 1')).toEqual(WRONGTYPE)
  })

  it('SINTER, SINTERCARD, SINTERSTORE', () => {
    const { run } = testEngine()
    run('SADD a 1 2 3 4')
    run('SADD b 2 3 4 5')
    run('SADD c 3 4 x')
    expect(run('SINTER a b')).toEqual(members('2', '3', '4'))
    expect(sorted(run('SINTER a b c'))).toEqual(['3', '4'])
    expect(run('SINTER a nokey')).toEqual(members())
    expect(run('SINTERCARD 2 a b')).toEqual(int(3))
    expect(run('SINTERCARD 2 a b LIMIT 2')).toEqual(int(2))
    expect(run('SINTERCARD 0 a')).toEqual(error('ERR numkeys should be greater than 0'))
    expect(run('SINTERCARD 3 a b')).toEqual(error("ERR Number of keys can't be greater than number of args"))
    expect(run('SINTERCARD 1 a LIMIT -1')).toEqual(error("ERR LIMIT can't be negative"))
    expect(run('SINTERCARD 1 a LIMIT')).toEqual(SYNTAX)
    expect(run('SINTERSTORE d a b')).toEqual(int(3))
    expect(run('SMEMBERS d')).toEqual(members('2', '3', '4'))
    expect(run('SINTERSTORE d a nokey')).toEqual(int(0))
    expect(run('EXISTS d')).toEqual(int(0))
    run('SET str x')
    expect(run('SINTER nokey str')).toEqual(WRONGTYPE)
    expect(run('SINTERSTORE str a')).toEqual(int(4))
    expect(run('TYPE str')).toEqual({ type: 'simple', value: 'set' })
  })

  it('SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE', () => {
    const { run } = testEngine()
    run('SADD a 1 2 3')
    run('SADD b 3 4')
    expect(run('SUNION a b nokey')).toEqual(members('1', '2', '3', '4'))
    expect(run('SDIFF a b')).toEqual(members('1', '2'))
    expect(run('SDIFF nokey a')).toEqual(members())
    expect(run('SDIFF a a')).toEqual(members())
    expect(run('SUNIONSTORE u a b')).toEqual(int(4))
    expect(run('SDIFFSTORE u b a')).toEqual(int(1))
    expect(run('SMEMBERS u')).toEqual(members('4'))
    expect(run('SDIFFSTORE u a a')).toEqual(int(0))
    expect(run('EXISTS u')).toEqual(int(0))
    run('SET str x')
    expect(run('SDIFF str nokey')).toEqual(WRONGTYPE)
    expect(run('SUNIONSTORE d a str')).toEqual(WRONGTYPE)
  })

  it('SSCAN', () => {
    const { run } = testEngine()
    run('SADD s 10 2 33')
    expect(run('SSCAN s 0 COUNT 1')).toEqual(array([bulk('0'), bulks(['2', '10', '33'])]))
    expect(run('SSCAN s 0 MATCH 3*')).toEqual(array([bulk('0'), bulks(['33'])]))
    expect(run('SSCAN nokey 0 COUNT 0')).toEqual(array([bulk('0'), EMPTY_ARRAY]))
    expect(run('SSCAN s 0 COUNT 0')).toEqual(SYNTAX)
    expect(run('SSCAN s 0 COUNT x')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('SSCAN s x')).toEqual(error('ERR invalid cursor'))
    run('SADD h a b c d e')
    const first = run('SSCAN h 0 COUNT 2')
    expect(first).toEqual(array([bulk('1'), bulks(['a', 'b'])]))
    run('SREM h c')
    expect(run('SSCAN h 1 COUNT 10')).toEqual(array([bulk('0'), bulks(['d', 'e'])]))
  })

  it('emits the keyspace events Redis emits', () => {
    const { run, engine } = testEngine()
    const events: string[] = []
    engine.onKeyChange((change: KeyChange) => events.push(`${change.event} ${change.key}`))
    run('SADD a 1 2')
    run('SADD a 1')
    run('SMOVE a b 1')
    run('SREM a 2')
    run('SINTERSTORE d b')
    run('SUNIONSTORE d nokey')
    run('SPOP b 4')
    expect(events).toEqual(['sadd a', 'srem a', 'sadd b', 'srem a', 'del a', 'sinterstore d', 'del d', 'spop b', 'del b'])
  })
})
