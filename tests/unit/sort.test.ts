import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { array, bulk, bulks, double, error, int, NIL } from '../../worker/reply.ts'
import type { KeyChange } from '../../worker/engine.ts'

const SCORE_ERROR = error("ERR One or more scores can't be converted into double")

describe('SORT', () => {
  it('sorts numbers, ties by element bytes; DESC; ALPHA', () => {
    const { run } = testEngine()
    run('RPUSH l 10 2 1.5 -3 2.0 1e1 inf')
    expect(run('SORT l')).toEqual(bulks(['-3', '1.5', '2', '2.0', '10', '1e1', 'inf']))
    expect(run('SORT l DESC')).toEqual(bulks(['inf', '1e1', '10', '2.0', '2', '1.5', '-3']))
    expect(run('SORT l ALPHA')).toEqual(bulks(['-3', '1.5', '10', '1e1', '2', '2.0', 'inf']))
    expect(run('SORT l ALPHA DESC ASC')).toEqual(bulks(['-3', '1.5', '10', '1e1', '2', '2.0', 'inf']))
  })

  it('reads weights as strtod does', () => {
    const { run } = testEngine()
    run('RPUSH ok " 5" 0x10 "" -inf 1e-5')
    expect(run('SORT ok')).toEqual(bulks(['-inf', '', '1e-5', ' 5', '0x10']))
    for (const bad of ['abc', '5 ', 'nan', '1e400', ' ', '1e-400']) {
      run('DEL bad')
      run(['RPUSH', 'bad', '1', bad])
      expect(run('SORT bad'), bad).toEqual(SCORE_ERROR)
    }
    expect(run('SORT bad ALPHA')).toEqual(bulks(['1', '1e-400']))
  })

  it('LIMIT offset count, clamped as Redis clamps it', () => {
    const { run } = testEngine()
    run('RPUSH l 5 4 3 2 1')
    expect(run('SORT l LIMIT 1 2')).toEqual(bulks(['2', '3']))
    expect(run('SORT l LIMIT -5 2')).toEqual(bulks(['1', '2']))
    expect(run('SORT l LIMIT 3 -1')).toEqual(bulks(['4', '5']))
    expect(run('SORT l LIMIT 3 100')).toEqual(bulks(['4', '5']))
    expect(run('SORT l LIMIT 5 1')).toEqual(bulks([]))
    expect(run('SORT l LIMIT 0 0')).toEqual(bulks([]))
    expect(run('SORT l LIMIT 1 2 DESC')).toEqual(bulks(['4', '3']))
  })

  it('BY without * keeps the list order (reversed for DESC) with LIMIT', () => {
    const { run } = testEngine()
    run('RPUSH l c a b d')
    expect(run('SORT l BY nosort')).toEqual(bulks(['c', 'a', 'b', 'd']))
    expect(run('SORT l BY nosort DESC')).toEqual(bulks(['d', 'b', 'a', 'c']))
    expect(run('SORT l BY nosort LIMIT 1 2')).toEqual(bulks(['a', 'b']))
    expect(run('SORT l BY nosort LIMIT 1 2 DESC')).toEqual(bulks(['b', 'a']))
    expect(run('SORT l BY nosort LIMIT 9 2')).toEqual(bulks([]))
  })

  it('BY a pattern sorts by other keys and hash fields; missing weights are 0', () => {
    const { run } = testEngine()
    run('RPUSH users 1 2 3 4')
    run('MSET weight_1 30 weight_2 10 weight_3 20')
    expect(run('SORT users BY weight_*')).toEqual(bulks(['4', '2', '3', '1']))
    run('HSET user:1 age 40 name ann')
    run('HSET user:2 age 25 name bob')
    run('HSET user:3 age 33 name cy')
    run('HSET user:4 name dee')
    expect(run('SORT users BY user:*->age')).toEqual(bulks(['4', '2', '3', '1']))
    expect(run('SORT users BY user:*->name ALPHA DESC')).toEqual(bulks(['4', '3', '2', '1']))
    // ALPHA BY with a missing value sorts it first.
    run('HDEL user:3 name')
    expect(run('SORT users BY user:*->name ALPHA')).toEqual(bulks(['3', '1', '2', '4']))
    // Non-numeric BY values fail the numeric sort.
    expect(run('SORT users BY user:*->name')).toEqual(SCORE_ERROR)
    // A BY key of the wrong type counts as missing.
    run('RPUSH weight_4 x')
    expect(run('SORT users BY weight_*')).toEqual(bulks(['4', '2', '3', '1']))
  })

  it('GET # and GET patterns, nil for what is missing', () => {
    const { run } = testEngine()
    run('RPUSH ids 2 1 3')
    run('MSET name_1 one name_2 two')
    run('HSET obj_1 f x')
    expect(run('SORT ids GET # GET name_* GET obj_*->f')).toEqual(array([
      bulk('1'), bulk('one'), bulk('x'),
      bulk('2'), bulk('two'), NIL,
      bulk('3'), NIL, NIL,
    ]))
    // A GET pattern without * never names a key.
    expect(run('SORT ids GET name_1 LIMIT 0 1')).toEqual(array([NIL]))
    // `->` with nothing after it is part of the key name; `->` before the * is too.
    run('SET "obj_1->" k')
    expect(run('SORT ids GET obj_*-> LIMIT 0 1')).toEqual(bulks(['k']))
    run('SET "a->b1" z')
    expect(run('SORT ids GET a->b* LIMIT 0 1')).toEqual(bulks(['z']))
  })

  it('sets are sorted; BY nosort on a set with STORE is sorted as bytes', () => {
    const { run } = testEngine()
    run('SADD s 3 1 2 10')
    expect(run('SORT s')).toEqual(bulks(['1', '2', '3', '10']))
    expect(run('SORT s ALPHA')).toEqual(bulks(['1', '10', '2', '3']))
    expect(run('SORT s BY nosort STORE out')).toEqual(int(4))
    expect(run('LRANGE out 0 -1')).toEqual(bulks(['1', '10', '2', '3']))
  })

  it('sorted sets are sorted by member; BY nosort keeps score order', () => {
    const { run } = testEngine()
    run('ZADD z 1 c 2 a 3 b')
    expect(run('SORT z ALPHA')).toEqual(bulks(['a', 'b', 'c']))
    expect(run('SORT z BY nosort')).toEqual(bulks(['c', 'a', 'b']))
    expect(run('SORT z BY nosort DESC LIMIT 1 5')).toEqual(bulks(['a', 'c']))
    expect(run('SORT z')).toEqual(SCORE_ERROR)
  })

  it('SORT converts a listpack sorted set to a skiplist, as Redis does', () => {
    const { run } = testEngine()
    run('ZADD z 1 a')
    expect(run('OBJECT ENCODING z')).toEqual(bulk('listpack'))
    run('SORT_RO z ALPHA')
    expect(run('OBJECT ENCODING z')).toEqual(bulk('skiplist'))
    expect(run('ZSCORE z a')).toEqual(double(1))
  })

  it('STORE writes a list (GET misses become empty strings), drops the TTL, emits sortstore', () => {
    const { run, engine } = testEngine()
    const events: string[] = []
    engine.onKeyChange((change: KeyChange) => events.push(`${change.event}:${change.key}`))
    run('RPUSH ids 2 1')
    run('SET name_1 one')
    run('SET dest old')
    run('EXPIRE dest 100')
    events.length = 0
    expect(run('SORT ids GET # GET name_* STORE dest')).toEqual(int(4))
    expect(events).toEqual(['sortstore:dest'])
    expect(run('LRANGE dest 0 -1')).toEqual(bulks(['1', 'one', '2', '']))
    expect(run('TTL dest')).toEqual(int(-1))
    events.length = 0
    expect(run('SORT nosuch STORE dest')).toEqual(int(0))
    expect(events).toEqual(['del:dest'])
    expect(run('EXISTS dest')).toEqual(int(0))
    events.length = 0
    expect(run('SORT nosuch STORE dest')).toEqual(int(0))
    expect(events).toEqual([])
  })

  it('errors: syntax first, then the key type', () => {
    const { run } = testEngine()
    run('SET str x')
    run('HSET h f v')
    expect(run('SORT str')).toEqual(error('WRONGTYPE Operation against a key holding the wrong kind of value'))
    expect(run('SORT h')).toEqual(error('WRONGTYPE Operation against a key holding the wrong kind of value'))
    expect(run('SORT str FOO')).toEqual(error('ERR syntax error'))
    expect(run('SORT str LIMIT 1')).toEqual(error('ERR syntax error'))
    expect(run('SORT str LIMIT x 1')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('SORT str LIMIT 1 x FOO')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('SORT str BY')).toEqual(error('ERR syntax error'))
    expect(run('SORT str GET')).toEqual(error('ERR syntax error'))
    expect(run('SORT str STORE')).toEqual(error('ERR syntax error'))
    expect(run('SORT nosuch')).toEqual(bulks([]))
    expect(run('SORT_RO nosuch STORE x')).toEqual(error('ERR syntax error'))
    expect(run('SORT_RO nosuch BY x GET # LIMIT 0 1 DESC ALPHA')).toEqual(bulks([]))
  })
})
