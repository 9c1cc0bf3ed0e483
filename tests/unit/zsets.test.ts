import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import {
  array, bulk, bulks, double, EMPTY_ARRAY, error, int, NIL, NIL_ARRAY, type Reply,
} from '../../worker/reply.ts'
import type { ZSetValue } from '../../worker/types/zset.ts'

const pairs = (...items: Array<[string, number]>): Reply => array(items.flatMap(([m, s]) => [bulk(m), double(s)]))
const nested = (...items: Array<[string, number]>): Reply => array(items.map(([m, s]) => array([bulk(m), double(s)])))
const SYNTAX = error('ERR syntax error')
const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value')

describe('ZADD and ZINCRBY', () => {
  it('adds, updates, and counts what changed', () => {
    const { run } = testEngine()
    expect(run('ZADD z 1 a 2 b 3 c')).toEqual(int(3))
    expect(run('ZADD z 1 a 5 b 4 d')).toEqual(int(1))
    expect(run('ZADD z CH 1 a 6 b 4 d 0 e')).toEqual(int(2))
    expect(run('ZRANGE z 0 -1 WITHSCORES')).toEqual(pairs(['e', 0], ['a', 1], ['c', 3], ['d', 4], ['b', 6]))
    expect(run('ZCARD z')).toEqual(int(5))
  })

  it('NX, XX, GT, LT and their combinations', () => {
    const { run } = testEngine()
    run('ZADD z 5 a')
    expect(run('ZADD z NX 1 a 2 b')).toEqual(int(1))
    expect(run('ZADD z XX 1 a 2 c')).toEqual(int(0))
    expect(run('ZSCORE z a')).toEqual(double(1))
    expect(run('EXISTS c')).toEqual(int(0))
    expect(run('ZADD z GT CH 0 a 3 b')).toEqual(int(1))
    expect(run('ZADD z LT CH 0 a 9 b 7 new')).toEqual(int(2))
    expect(run('ZRANGE z 0 -1 WITHSCORES')).toEqual(pairs(['a', 0], ['b', 3], ['new', 7]))
    expect(run('ZADD z XX GT CH 10 a 1 b 1 nope')).toEqual(int(1))
    expect(run('ZADD z NX XX 1 a')).toEqual(error('ERR XX and NX options at the same time are not compatible'))
    const gtLtNx = error('ERR GT, LT, and/or NX options at the same time are not compatible')
    expect(run('ZADD z GT LT 1 a')).toEqual(gtLtNx)
    expect(run('ZADD z NX GT 1 a')).toEqual(gtLtNx)
    expect(run('ZADD z lt nx 1 a')).toEqual(gtLtNx)
  })

  it('INCR replies with the new score, or nil when an option prevents the change', () => {
    const { run } = testEngine()
    expect(run('ZADD z INCR 1.1 a')).toEqual(double(1.1))
    expect(run('ZADD z INCR NX 1 a')).toEqual(NIL)
    expect(run('ZADD z INCR XX 1 nope')).toEqual(NIL)
    expect(run('ZADD nokey XX INCR 1 a')).toEqual(NIL)
    expect(run('EXISTS nokey')).toEqual(int(0))
    expect(run('ZADD z INCR GT -1 a')).toEqual(NIL)
    expect(run('ZADD z INCR LT -1 a')).toEqual(double(0.10000000000000009))
    expect(run('ZADD z INCR LT 0 a')).toEqual(NIL)
    expect(run('ZADD z INCR 1 a 2 b')).toEqual(error('ERR INCR option supports a single increment-element pair'))
    expect(run('ZINCRBY z 2 b')).toEqual(double(2))
    expect(run('ZINCRBY z inf b')).toEqual(double(Infinity))
    expect(run('ZINCRBY z -inf b')).toEqual(error('ERR resulting score is not a number (NaN)'))
    expect(run('ZADD z INCR -inf b')).toEqual(error('ERR resulting score is not a number (NaN)'))
    expect(run('ZSCORE z b')).toEqual(double(Infinity))
  })

  it('parses scores strictly and checks everything before changing anything', () => {
    const { run } = testEngine()
    const notFloat = error('ERR value is not a valid float')
    for (const score of ['x', ' 1', '1 ', '1e400', 'nan', '', '1e-400']) {
      expect(run(['ZADD', 'z', score, 'a'])).toEqual(notFloat)
    }
    expect(run('ZADD z 1 a x b')).toEqual(notFloat)
    expect(run('EXISTS z')).toEqual(int(0))
    expect(run('ZADD z 0x10 hex inf up -Infinity down 1e-310 tiny')).toEqual(int(4))
    expect(run('ZSCORE z hex')).toEqual(double(16))
    expect(run('ZADD z 1 a 2')).toEqual(SYNTAX)
    expect(run('ZADD z NX 1')).toEqual(SYNTAX)
    expect(run('ZADD z 1')).toEqual(error("ERR wrong number of arguments for 'zadd' command"))
    // ZINCRBY reads options too, so an option word where the increment goes is a syntax error.
    expect(run('ZINCRBY z nx a')).toEqual(SYNTAX)
    expect(run('ZINCRBY z x a')).toEqual(notFloat)
    run('SET str v')
    expect(run('ZADD str 1 a')).toEqual(WRONGTYPE)
    expect(run('ZADD str x a')).toEqual(notFloat)
  })
})

describe('reads', () => {
  it('ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCARD', () => {
    const { run } = testEngine()
    run('ZADD z 3 c 1 a 2 b 2 bb')
    expect(run('ZSCORE z c')).toEqual(double(3))
    expect(run('ZSCORE z x')).toEqual(NIL)
    expect(run('ZMSCORE z a x bb')).toEqual(array([double(1), NIL, double(2)]))
    expect(run('ZMSCORE nokey a b')).toEqual(array([NIL, NIL]))
    expect(run('ZRANK z b')).toEqual(int(1))
    expect(run('ZRANK z bb')).toEqual(int(2))
    expect(run('ZREVRANK z a')).toEqual(int(3))
    expect(run('ZRANK z x')).toEqual(NIL)
    expect(run('ZRANK nokey x')).toEqual(NIL)
    expect(run('ZCARD nokey')).toEqual(int(0))
  })

  it('members order by score, then by bytes', () => {
    const { run } = testEngine()
    run(['ZADD', 'z', '1', 'b', '1', 'a', '1', '\xff', '1', '', '0', 'z', '1', 'B'])
    expect(run('ZRANGE z 0 -1')).toEqual(bulks(['z', '', 'B', 'a', 'b', '\xff']))
  })
})

describe('ranges', () => {
  it('by rank, with negative indexes and clipping', () => {
    const { run } = testEngine()
    run('ZADD z 1 a 2 b 3 c 4 d')
    expect(run('ZRANGE z 1 2')).toEqual(bulks(['b', 'c']))
    expect(run('ZRANGE z -2 -1')).toEqual(bulks(['c', 'd']))
    expect(run('ZRANGE z -100 100')).toEqual(bulks(['a', 'b', 'c', 'd']))
    expect(run('ZRANGE z 3 1')).toEqual(EMPTY_ARRAY)
    expect(run('ZRANGE z 0 1 REV')).toEqual(bulks(['d', 'c']))
    expect(run('ZREVRANGE z 0 0 WITHSCORES')).toEqual(pairs(['d', 4]))
    expect(run('ZRANGE z a 1')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('ZRANGE z 0 -1 LIMIT 0 1')).toEqual(
      error('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX'))
    // Redis recognises LIMIT by its count: -1 means none given.
    expect(run('ZRANGE z 0 -1 LIMIT 3 -1')).toEqual(bulks(['a', 'b', 'c', 'd']))
  })

  it('by score: exclusive ends, infinities, LIMIT with negative offset and count', () => {
    const { run } = testEngine()
    run('ZADD z 1 a 2 b 3 c 4 d 5 e')
    expect(run('ZRANGEBYSCORE z (1 3')).toEqual(bulks(['b', 'c']))
    expect(run('ZRANGE z (1 (3 BYSCORE')).toEqual(bulks(['b']))
    expect(run('ZRANGE z -inf +inf BYSCORE LIMIT 1 2')).toEqual(bulks(['b', 'c']))
    expect(run('ZRANGE z -inf +inf BYSCORE LIMIT 3 -1')).toEqual(bulks(['d', 'e']))
    expect(run('ZRANGE z -inf +inf BYSCORE LIMIT -1 2')).toEqual(EMPTY_ARRAY)
    expect(run('ZRANGE z -inf +inf BYSCORE LIMIT 0 0')).toEqual(EMPTY_ARRAY)
    expect(run('ZRANGE z 4 2 BYSCORE REV WITHSCORES')).toEqual(pairs(['d', 4], ['c', 3], ['b', 2]))
    expect(run('ZREVRANGEBYSCORE z +inf -inf LIMIT 1 2')).toEqual(bulks(['d', 'c']))
    expect(run('ZCOUNT z (1 5')).toEqual(int(4))
    expect(run('ZCOUNT z 3 1')).toEqual(int(0))
    // strtod's rules: leading blanks, "" and "(" as 0, overflow to infinity.
    expect(run('ZCOUNT z " 2" 3')).toEqual(int(2))
    expect(run('ZCOUNT z "" 1')).toEqual(int(1))
    expect(run('ZCOUNT z ( 1')).toEqual(int(1))
    expect(run('ZCOUNT z -1e400 1e400')).toEqual(int(5))
    const notFloat = error('ERR min or max is not a float')
    for (const bad of ['x', '1 ', 'nan', '((1', '[1', '-', ' ', '0x']) expect(run(['ZCOUNT', 'z', bad, '5'])).toEqual(notFloat)
    expect(run('ZRANGEBYSCORE z 1 5 REV')).toEqual(SYNTAX)
  })

  it('by lex', () => {
    const { run } = testEngine()
    run('ZADD l 0 a 0 b 0 c 0 d')
    expect(run('ZRANGEBYLEX l [b (d')).toEqual(bulks(['b', 'c']))
    expect(run('ZRANGE l + - BYLEX REV LIMIT 1 2')).toEqual(bulks(['c', 'b']))
    expect(run('ZREVRANGEBYLEX l (c -')).toEqual(bulks(['b', 'a']))
    expect(run('ZLEXCOUNT l - +')).toEqual(int(4))
    expect(run('ZLEXCOUNT l + -')).toEqual(int(0))
    expect(run('ZLEXCOUNT l [a (a')).toEqual(int(0))
    expect(run('ZLEXCOUNT l a +')).toEqual(error('ERR min or max not valid string range item'))
    expect(run('ZRANGEBYLEX l - + WITHSCORES')).toEqual(
      error('ERR syntax error, WITHSCORES not supported in combination with BYLEX'))
  })

  it('ZRANGESTORE stores, and an empty result deletes the destination', () => {
    const { run } = testEngine()
    run('ZADD z 1 a 2 b 3 c')
    expect(run('ZRANGESTORE d z 1 -1')).toEqual(int(2))
    expect(run('ZRANGE d 0 -1 WITHSCORES')).toEqual(pairs(['b', 2], ['c', 3]))
    expect(run('ZRANGESTORE d z 5 1 BYSCORE REV LIMIT 1 1')).toEqual(int(1))
    expect(run('ZRANGE d 0 -1')).toEqual(bulks(['b']))
    expect(run('ZRANGESTORE d z 10 20')).toEqual(int(0))
    expect(run('EXISTS d')).toEqual(int(0))
    run('SET d x')
    expect(run('ZRANGESTORE d nokey 0 -1')).toEqual(int(0))
    expect(run('EXISTS d')).toEqual(int(0))
    expect(run('ZRANGESTORE d z 0 -1 WITHSCORES')).toEqual(SYNTAX)
  })

  it('ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX', () => {
    const { run } = testEngine()
    run('ZADD z 1 a 2 b 3 c 4 d 5 e')
    expect(run('ZREMRANGEBYRANK z 0 1')).toEqual(int(2))
    expect(run('ZREMRANGEBYSCORE z (3 4')).toEqual(int(1))
    expect(run('ZRANGE z 0 -1')).toEqual(bulks(['c', 'e']))
    expect(run('ZREMRANGEBYRANK z -1 -1')).toEqual(int(1))
    run('ZADD z 0 x')
    expect(run('ZREMRANGEBYLEX z - +')).toEqual(int(2))
    expect(run('EXISTS z')).toEqual(int(0))
    expect(run('ZREMRANGEBYRANK nokey 0 -1')).toEqual(int(0))
  })
})

describe('pops', () => {
  it('ZPOPMIN and ZPOPMAX, RESP2 and RESP3 shapes', () => {
    const { run, client } = testEngine()
    run('ZADD z 1 a 2 b 3 c 4 d')
    expect(run('ZPOPMIN z')).toEqual(pairs(['a', 1]))
    expect(run('ZPOPMAX z 2')).toEqual(pairs(['d', 4], ['c', 3]))
    expect(run('ZPOPMIN z 0')).toEqual(EMPTY_ARRAY)
    expect(run('ZPOPMIN z -1')).toEqual(error('ERR value is out of range, must be positive'))
    expect(run('ZPOPMIN z 1 2')).toEqual(SYNTAX)
    client.resp = 3
    expect(run('ZPOPMIN z')).toEqual(array([bulk('b'), double(2)]))
    expect(run('EXISTS z')).toEqual(int(0))
    run('ZADD z 1 a')
    expect(run('ZPOPMIN z 1')).toEqual(nested(['a', 1]))
    expect(run('ZPOPMIN nokey')).toEqual(EMPTY_ARRAY)
  })

  it('ZMPOP takes from the first non-empty key', () => {
    const { run } = testEngine()
    run('ZADD y 1 a 2 b 3 c')
    expect(run('ZMPOP 2 nokey y MAX COUNT 2')).toEqual(array([bulk('y'), nested(['c', 3], ['b', 2])]))
    expect(run('ZMPOP 1 y MIN COUNT 10')).toEqual(array([bulk('y'), nested(['a', 1])]))
    expect(run('ZMPOP 1 y MIN')).toEqual(NIL_ARRAY)
    expect(run('ZMPOP 0 y MIN')).toEqual(error('ERR numkeys should be greater than 0'))
    expect(run('ZMPOP 1 y MIN COUNT 0')).toEqual(error('ERR count should be greater than 0'))
    expect(run('ZMPOP 2 y MIN')).toEqual(SYNTAX)
    expect(run('ZMPOP 1 y MID')).toEqual(SYNTAX)
  })
})

describe('the algebra', () => {
  it('ZUNION, ZINTER, ZDIFF with weights, aggregates and plain sets as inputs', () => {
    const { run } = testEngine()
    run('ZADD z1 1 a 2 b 3 c')
    run('ZADD z2 10 b 20 c 30 d')
    run('SADD s x a')
    expect(run('ZUNION 3 z1 z2 s WITHSCORES')).toEqual(
      pairs(['x', 1], ['a', 2], ['b', 12], ['c', 23], ['d', 30]))
    expect(run('ZINTER 2 z1 z2 WEIGHTS 2 0.5 AGGREGATE MAX WITHSCORES')).toEqual(pairs(['b', 5], ['c', 10]))
    expect(run('ZINTER 2 z1 z2 AGGREGATE MIN')).toEqual(bulks(['b', 'c']))
    expect(run('ZDIFF 2 z1 z2 WITHSCORES')).toEqual(pairs(['a', 1]))
    expect(run('ZDIFF 2 s z1 WITHSCORES')).toEqual(pairs(['x', 1]))
    // inf + -inf adds up to 0 here, where ZINCRBY would refuse NaN.
    expect(run('ZUNION 2 z1 z2 WEIGHTS inf -inf WITHSCORES')).toEqual(
      pairs(['d', -Infinity], ['b', 0], ['c', 0], ['a', Infinity]))
    expect(run('ZUNION 1 z1 WEIGHTS 0 WITHSCORES')).toEqual(pairs(['a', 0], ['b', 0], ['c', 0]))
  })

  it('option and numkeys errors', () => {
    const { run } = testEngine()
    run('ZADD z1 1 a')
    expect(run('ZUNION 0 z1')).toEqual(error("ERR at least 1 input key is needed for 'zunion' command"))
    expect(run('ZINTERSTORE d 0 z1')).toEqual(error("ERR at least 1 input key is needed for 'zinterstore' command"))
    expect(run('ZINTERCARD 0 z1')).toEqual(error("ERR at least 1 input key is needed for 'zintercard' command"))
    expect(run('ZUNION x z1')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('ZUNION 2 z1')).toEqual(SYNTAX)
    expect(run('ZUNION 1 z1 WEIGHTS')).toEqual(SYNTAX)
    expect(run('ZUNION 1 z1 WEIGHTS 1 2')).toEqual(SYNTAX)
    expect(run('ZUNION 1 z1 WEIGHTS x')).toEqual(error('ERR weight value is not a float'))
    expect(run('ZUNION 1 z1 AGGREGATE AVG')).toEqual(SYNTAX)
    expect(run('ZDIFF 1 z1 WEIGHTS 1')).toEqual(SYNTAX)
    expect(run('ZUNIONSTORE d 1 z1 WITHSCORES')).toEqual(SYNTAX)
    expect(run('ZINTERCARD 1 z1 LIMIT -1')).toEqual(error("ERR LIMIT can't be negative"))
    run('SET str v')
    // Input types are checked before the options.
    expect(run('ZUNION 2 z1 str WEIGHTS x y')).toEqual(WRONGTYPE)
  })

  it('STORE forms and ZINTERCARD', () => {
    const { run } = testEngine()
    run('ZADD z1 1 a 2 b 3 c')
    run('ZADD z2 1 b 1 c')
    expect(run('ZINTERSTORE d 2 z1 z2')).toEqual(int(2))
    expect(run('ZRANGE d 0 -1 WITHSCORES')).toEqual(pairs(['b', 3], ['c', 4]))
    expect(run('ZDIFFSTORE d 2 z2 z1')).toEqual(int(0))
    expect(run('EXISTS d')).toEqual(int(0))
    expect(run('ZUNIONSTORE z1 2 z1 z2')).toEqual(int(3))
    expect(run('ZINTERCARD 2 z1 z2')).toEqual(int(2))
    expect(run('ZINTERCARD 2 z1 z2 LIMIT 1')).toEqual(int(1))
  })
})

describe('random picks and scans', () => {
  it('ZRANDMEMBER: distinct for positive counts, repeats allowed for negative ones', () => {
    const { run, client } = testEngine()
    run('ZADD z 1 a 2 b 3 c 4 d 5 e 6 f 7 g 8 h 9 i 10 j')
    const members = (reply: Reply) => (reply.type === 'array' ? reply.value.map((r) => (r.type === 'bulk' ? r.value : '?')) : [])
    for (const count of [1, 3, 4, 9, 10, 20]) {
      const picked = members(run(`ZRANDMEMBER z ${count}`))
      expect(picked.length).toBe(Math.min(count, 10))
      expect(new Set(picked).size).toBe(picked.length)
      expect(picked.every((m) => 'abcdefghij'.includes(m) && m.length === 1)).toBe(true)
    }
    expect(members(run('ZRANDMEMBER z -30')).length).toBe(30)
    const withScores = run('ZRANDMEMBER z -3 WITHSCORES')
    expect(withScores.type === 'array' && withScores.value.length).toBe(6)
    client.resp = 3
    const resp3 = run('ZRANDMEMBER z 2 WITHSCORES')
    expect(resp3.type === 'array' && resp3.value.every((item) => item.type === 'array' && item.value[1].type === 'double')).toBe(true)
    expect(run('ZRANDMEMBER z 0')).toEqual(EMPTY_ARRAY)
    expect(run('ZRANDMEMBER nokey')).toEqual(NIL)
    expect(run('ZRANDMEMBER z 1 WITHSCORES x')).toEqual(SYNTAX)
    expect(run('ZRANDMEMBER z -9223372036854775808')).toEqual(
      error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'))
    expect(run('ZRANDMEMBER z 4611686018427387904 WITHSCORES')).toEqual(error('ERR value is out of range'))
    expect(run('ZRANDMEMBER z -2000000')).toEqual(error('ERR the reply would be too large for the playground'))
  })

  it('ZSCAN: a listpack comes back whole, with its integer-looking scores', () => {
    const { run } = testEngine()
    run('ZADD z 1 a 1e17 b 1.5 c -0 d')
    expect(run('ZSCAN z 0 COUNT 1')).toEqual(array([bulk('0'), bulks(['d', '0', 'a', '1', 'c', '1.5', 'b', '100000000000000000'])]))
    expect(run('ZSCAN z 0 MATCH [ab]')).toEqual(array([bulk('0'), bulks(['a', '1', 'b', '100000000000000000'])]))
    expect(run('ZSCAN z 0 COUNT 0')).toEqual(SYNTAX)
    expect(run('ZSCAN z x')).toEqual(error('ERR invalid cursor'))
    expect(run('ZSCAN nokey 0')).toEqual(array([bulk('0'), EMPTY_ARRAY]))
  })

  it('ZSCAN: a skiplist comes back in pages that cover every member', () => {
    const { run } = testEngine()
    const args = ['ZADD', 'z']
    for (let i = 0; i < 300; i++) args.push(String(i), `m${i}`)
    run(args)
    run('ZADD z 1e17 big')
    const seen = new Map<string, string>()
    let cursor = '0'
    let calls = 0
    do {
      const reply = run(['ZSCAN', 'z', cursor, 'COUNT', '25'])
      if (reply.type !== 'array' || reply.value[0].type !== 'bulk' || reply.value[1].type !== 'array') throw new Error('bad reply')
      cursor = reply.value[0].value
      const items = reply.value[1].value.map((r) => (r.type === 'bulk' ? r.value : '?'))
      for (let i = 0; i < items.length; i += 2) seen.set(items[i], items[i + 1])
      calls++
    } while (cursor !== '0')
    expect(calls).toBeGreaterThan(10)
    expect(seen.size).toBe(301)
    expect(seen.get('m7')).toBe('7')
    expect(seen.get('big')).toBe('1e+17')
  })
})

describe('RESP3 and the reply shapes', () => {
  it('WITHSCORES nests [member, score] pairs', () => {
    const { run, client } = testEngine()
    run('ZADD z 1 a 2.5 b')
    client.resp = 3
    expect(run('ZRANGE z 0 -1 WITHSCORES')).toEqual(nested(['a', 1], ['b', 2.5]))
    expect(run('ZUNION 1 z WITHSCORES')).toEqual(nested(['a', 1], ['b', 2.5]))
    expect(run('ZRANGEBYSCORE z -inf +inf WITHSCORES LIMIT 1 1')).toEqual(nested(['b', 2.5]))
    expect(run('ZRANGE z 0 -1')).toEqual(bulks(['a', 'b']))
  })
})

describe('keyspace events', () => {
  it('are the ones Redis sends, once per command, and only on change', () => {
    const { run, engine } = testEngine()
    const events: string[] = []
    engine.onKeyChange((change) => events.push(`${change.event}:${change.key}`))
    run('ZADD k 1 a')
    run('ZADD k 1 a')
    run('ZINCRBY k 0 a')
    run('ZINCRBY k 1 a')
    run('ZADD k INCR 1 a')
    run('ZADD k 1 b 2 c 3 d')
    run('ZREM k nope')
    run('ZREM k a')
    run('ZREMRANGEBYSCORE k 2 2')
    run('ZREMRANGEBYRANK k 0 0')
    run('ZREMRANGEBYLEX k - +')
    run('ZADD k 1 a 2 b')
    run('ZPOPMIN k 0')
    run('ZPOPMIN k')
    run('ZMPOP 1 k MAX')
    run('ZADD k 1 a')
    run('ZRANGESTORE d k 0 -1')
    run('ZUNIONSTORE d 1 k')
    run('ZINTERSTORE d 1 k')
    run('ZDIFFSTORE d 2 k k')
    expect(events).toEqual([
      'zadd:k', 'zincr:k', 'zincr:k', 'zadd:k', 'zrem:k', 'zremrangebyscore:k', 'zremrangebyrank:k',
      'zremrangebylex:k', 'del:k', 'zadd:k', 'zpopmin:k', 'zpopmax:k', 'del:k', 'zadd:k', 'zrangestore:d',
      'zunionstore:d', 'zinterstore:d', 'del:d',
    ])
  })
})

describe('encodings', () => {
  it('listpack while small, skiplist once a write outgrows it, never back', () => {
    const { run } = testEngine()
    run('CONFIG SET zset-max-listpack-entries 2')
    run('ZADD z 1 a 2 b')
    expect(run('OBJECT ENCODING z')).toEqual(bulk('listpack'))
    run('ZADD z 3 c')
    expect(run('OBJECT ENCODING z')).toEqual(bulk('skiplist'))
    run('ZREM z c b')
    expect(run('OBJECT ENCODING z')).toEqual(bulk('skiplist'))
    run('ZUNIONSTORE u 1 z')
    expect(run('OBJECT ENCODING u')).toEqual(bulk('listpack'))
    run('CONFIG SET zset-max-listpack-entries 128')
    run(['ZADD', 'long', '1', 'x'.repeat(65)])
    expect(run('OBJECT ENCODING long')).toEqual(bulk('skiplist'))
  })

  it('a listpack loses the sign of -0, a skiplist keeps it', () => {
    const { run, engine } = testEngine()
    run('ZADD packed -0 a')
    expect(run('ZSCORE packed a')).toEqual(double(0))
    expect(run('ZADD packed INCR -0 b')).toEqual(double(-0))
    expect(run('ZSCORE packed b')).toEqual(double(0))
    run('CONFIG SET zset-max-listpack-entries 0')
    run('ZADD skip -0 a')
    const zset = engine.databases[0].get('skip') as ZSetValue
    expect(Object.is(zset.score('a'), -0)).toBe(true)
  })
})

describe('a large set', () => {
  it('keeps ranks and ranges right at 200,000 members', () => {
    const { run } = testEngine()
    const batch = 10_000
    for (let start = 0; start < 200_000; start += batch) {
      const args = ['ZADD', 'big']
      for (let i = start; i < start + batch; i++) args.push(String(i % 1000), `m${String(i).padStart(6, '0')}`)
      run(args)
    }
    expect(run('ZCARD big')).toEqual(int(200_000))
    // Score s holds members m(s), m(s+1000), ... : 200 of them, in member order.
    expect(run('ZRANK big m000000')).toEqual(int(0))
    expect(run('ZRANK big m001000')).toEqual(int(1))
    expect(run('ZRANK big m000001')).toEqual(int(200))
    expect(run('ZREVRANK big m199999')).toEqual(int(0))
    expect(run('ZCOUNT big 10 (20')).toEqual(int(2000))
    expect(run('ZRANGE big 100000 100001 WITHSCORES')).toEqual(pairs(['m000500', 500], ['m001500', 500]))
    expect(run('ZRANGE big 7 7 BYSCORE LIMIT 199 5')).toEqual(bulks(['m199007']))
    expect(run('ZREMRANGEBYSCORE big 0 499')).toEqual(int(100_000))
    expect(run('ZRANK big m000500')).toEqual(int(0))
    expect(run('ZREMRANGEBYRANK big 1 -2')).toEqual(int(99_998))
    expect(run('ZRANGE big 0 -1')).toEqual(bulks(['m000500', 'm199999']))
  })
})
