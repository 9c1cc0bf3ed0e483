// Sorted set commands against a real redis-server: every command, option and error, score and
// range parsing, RESP2 and RESP3 reply shapes, keyspace events, encodings, big (skiplist) sets,
// a seeded fuzzer, and for the random commands the properties Redis guarantees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  argvOf, describeMismatches, diffLines, EnginePeer, expectSameReplies, REDIS_SERVER, resp3, show, startRedis,
  type RedisProcess, type ScriptLine,
} from '../helpers/redis-server.ts'
import { seededRandom } from '../helpers/engine.ts'
import { keyEvents } from '../helpers/keyspace-events.ts'
import { pairsOf, scanAll } from '../helpers/scan.ts'
import type { Reply } from '../../worker/reply.ts'

/** How many random sequences, and the first seed (`npm run test:long` asks for more). */
const FUZZ_SEQUENCES = Math.max(4, Math.floor(Number(process.env.FUZZ_SEQUENCES ?? 0) / 250))
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 2024)

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

const text = (reply: Reply): string | undefined => (reply.type === 'bulk' ? reply.value : undefined)

/** [member, score text] pairs of a WITHSCORES reply, flat (RESP2) or nested (RESP3); undefined when malformed. */
function scoredPairs(reply: Reply): Array<[string, string]> | undefined {
  if (reply.type !== 'array') return undefined
  const pairs: Array<[string, string]> = []
  const items = reply.value
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    if (item.type === 'array' && item.value.length === 2) {
      const [member, score] = item.value
      const value = score.type === 'double' ? String(score.value) : text(score)
      if (member.type !== 'bulk' || value === undefined) return undefined
      pairs.push([member.value, value])
    } else {
      const member = text(item)
      const score = items[++i]
      if (member === undefined || score === undefined || text(score) === undefined) return undefined
      pairs.push([member, text(score) as string])
    }
  }
  return pairs
}

/**
 * ZRANDMEMBER by property: both replies have the same shape and length, every member is one of
 * `scores` (with its score when WITHSCORES), and there are no repeats when `distinct`.
 */
const randomMembers = (scores: Record<string, string>, withScores: boolean, distinct: boolean) =>
  (redis: Reply, engine: Reply): boolean => {
    if (redis.type !== engine.type) return false
    if (redis.type === 'bulk' || redis.type === 'null') return engine.type === 'null' || (text(engine) ?? '') in scores
    if (redis.type !== 'array' || engine.type !== 'array') return show(redis) === show(engine)
    const valid = (reply: Reply): Array<[string, string]> | undefined => {
      const pairs = withScores
        ? scoredPairs(reply)
        : (reply.type === 'array' ? reply.value.map((item): [string, string] => [text(item) ?? '\0?', '']) : undefined)
      if (pairs === undefined) return undefined
      if (!pairs.every(([m, s]) => m in scores && (!withScores || Number(s) === Number(scores[m])))) return undefined
      if (distinct && new Set(pairs.map(([m]) => m)).size !== pairs.length) return undefined
      return pairs
    }
    const a = valid(redis)
    const b = valid(engine)
    const nested = (reply: Reply) => reply.type === 'array' && reply.value.some((item) => item.type === 'array')
    return a !== undefined && b !== undefined && a.length === b.length && nested(redis) === nested(engine)
  }

/** One ZSCAN page from a skiplist, where Redis's order is its hash table's: same cursor, same pairs in any order. */
const samePairs = (redis: Reply, engine: Reply): boolean => {
  const pairs = (reply: Reply) => {
    if (reply.type !== 'array' || reply.value.length !== 2) return undefined
    const found = scoredPairs(reply.value[1])
    return found === undefined ? undefined : JSON.stringify([text(reply.value[0]), found.map((p) => p.join(' ')).sort()])
  }
  const a = pairs(redis)
  return a !== undefined && a === pairs(engine)
}

/** A full ZSCAN iteration (cursor back to 0): member -> score text, and how many members came back in all. */
async function zscanAll(call: (argv: string[]) => Promise<Reply> | Reply, key: string, options: string[]) {
  const pairs = pairsOf(await scanAll(call, ['ZSCAN', key], options))
  return { found: new Map(pairs), returned: pairs.length }
}

describe.skipIf(!REDIS_SERVER)('sorted set commands against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  const check = (lines: ScriptLine[], peer?: EnginePeer) => expectSameReplies(redis, lines, peer)

  /** Runs lines on both sides without comparing (setup), on connection 0. */
  const setup = async (peer: EnginePeer, lines: Array<string | string[]>) => {
    for (const line of lines) {
      await redis.client.call(argvOf(line))
      peer.exec(argvOf(line))
    }
  }

  it('ZADD: options, their combinations and errors', () =>
    check([
      'ZADD z 1 a 2 b 3 c', 'ZADD z 1 a', 'ZADD z CH 1 a', 'ZADD z CH 5 a 6 b 4 d', 'ZRANGE z 0 -1 WITHSCORES',
      'ZADD z NX 100 a 7 e', 'ZADD z XX 100 a 8 f', 'ZADD z XX CH 100 a 8 f', 'ZRANGE z 0 -1 WITHSCORES',
      'ZADD z GT 50 a 200 b', 'ZADD z GT CH 50 a 200 b 1 g', 'ZADD z LT CH 1 a 300 b 2 h', 'ZRANGE z 0 -1 WITHSCORES',
      'ZADD z XX GT CH 0 a 1000 b 1 nope', 'ZADD z XX LT 0 a', 'zadd z xx lt ch 0 a', 'ZRANGE z 0 -1 WITHSCORES',
      'ZADD z INCR 1 a', 'ZADD z INCR 1.5 new', 'ZADD z INCR NX 1 a', 'ZADD z INCR NX 1 new2', 'ZADD z INCR XX 1 nope',
      'ZADD z INCR XX 2 a', 'ZADD z INCR GT -1 a', 'ZADD z INCR GT 1 a', 'ZADD z INCR LT 1 a', 'ZADD z INCR LT -1 a',
      'ZADD z INCR LT 0 a', 'ZADD z INCR CH 0 a', 'ZADD z CH INCR 1 a', 'ZADD z INCR -inf a', 'ZADD z INCR inf a',
      'ZADD z INCR 5 a', 'ZSCORE z a',
      'ZADD z NX XX 1 a', 'ZADD z XX NX 1 a', 'ZADD z GT LT 1 a', 'ZADD z NX GT 1 a', 'ZADD z LT NX 1 a',
      'ZADD z NX XX GT 1 a', 'ZADD z INCR 1 a 2 b', 'ZADD z NX XX INCR 1 a 2 b', 'ZADD z GT LT INCR 1 a 2 b',
      'ZADD z 1 a 2', 'ZADD z NX 1', 'ZADD z NX', 'ZADD z', 'ZADD z 1', 'ZADD z CH CH 1 a', 'ZADD z ch nx ch 9 a',
      'ZADD z x a', 'ZADD z 1 a x b', 'ZADD z NX XX x a', 'ZADD z INCR x a', 'ZADD z 1 a 2',
      'ZADD z " 1" a', 'ZADD z "1 " a', 'ZADD z 1e400 a', 'ZADD z -1e400 a', 'ZADD z 1e-400 a', 'ZADD z nan a',
      'ZADD z -nan a', 'ZADD z "" a', 'ZADD z inf i1 -inf i2 +inf i3 Infinity i4 -INF i5', 'ZADD z 0x10 hx 1e-310 tiny',
      'ZADD z .5 p1 5. p2 +3 p3 1E2 p4 -0 p5', 'ZRANGE z 0 -1 WITHSCORES',
      'ZADD nokey XX 1 a', 'EXISTS nokey', 'ZADD nokey XX INCR 1 a', 'EXISTS nokey', 'ZADD nokey GT 1 a', 'ZRANGE nokey 0 -1',
      'ZADD nokey2 NX LT 1 a', 'ZADD nk3 LT 5 a 3 a 4 a', 'ZSCORE nk3 a', 'ZADD nk4 1 a 2 a 0 a', 'ZSCORE nk4 a',
      'SET str x', 'ZADD str 1 a', 'ZADD str x a', 'ZADD str XX 1 a', 'ZADD str NX XX 1 a',
      { cmd: ['ZADD', 'bin', '0', '', '0', '\x00', '0', '\xff', '0', 'caf\xc3\xa9', '0', 'a\x00b'] },
      'ZRANGE bin 0 -1', { cmd: ['ZSCORE', 'bin', ''] }, { cmd: ['ZRANK', 'bin', 'a\x00b'] },
    ]))

  it('ZINCRBY and the scores it prints', () =>
    check([
      'ZINCRBY z 1 a', 'ZINCRBY z 1.1 a', 'ZINCRBY z -0.1 a', 'ZINCRBY z 0.1 b', 'ZINCRBY z 1e300 b', 'ZINCRBY z 1e308 b',
      'ZINCRBY z 1e308 b', 'ZINCRBY z -inf b', 'ZINCRBY z inf b', 'ZINCRBY z 0 b', 'ZSCORE z b', 'ZINCRBY z 0 a',
      'ZINCRBY z 1e-320 c', 'ZINCRBY z 123456789012345678 d', 'ZINCRBY z 0.000001 e', 'ZINCRBY z 1e-5 f',
      'ZINCRBY z 3.0 g', 'ZINCRBY z 1e17 h', 'ZINCRBY z -1e-300 i', 'ZRANGE z 0 -1 WITHSCORES',
      'ZINCRBY z x a', 'ZINCRBY z " 1" a', 'ZINCRBY z nan a', 'ZINCRBY z "" a', 'ZINCRBY z 1e400 a',
      'ZINCRBY z nx a', 'ZINCRBY z xx 1', 'ZINCRBY z incr 1', 'ZINCRBY z ch 5', 'ZINCRBY z 1', 'ZINCRBY z 1 a b',
      'SET str x', 'ZINCRBY str 1 a', 'ZINCRBY str x a', 'ZINCRBY nokey -5 m', 'ZSCORE nokey m',
    ]))

  it('ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK', () =>
    check([
      'ZADD z 3 c 1 a 2 b 2 bb 0 z', 'ZCARD z', 'ZSCORE z a', 'ZSCORE z nope', 'ZMSCORE z a nope c', 'ZMSCORE z nope',
      'ZRANK z z', 'ZRANK z bb', 'ZRANK z c', 'ZRANK z nope', 'ZREVRANK z z', 'ZREVRANK z c', 'ZREVRANK z nope',
      'ZREM z a nope', 'ZREM z a', 'ZREM z b b bb', 'ZCARD z', 'ZREM z c z', 'EXISTS z', 'ZCARD z', 'ZREM z c',
      'ZCARD nokey', 'ZSCORE nokey a', 'ZMSCORE nokey a b', 'ZRANK nokey a', 'ZREVRANK nokey a', 'ZREM nokey a',
      'SET str x', 'ZCARD str', 'ZSCORE str a', 'ZMSCORE str a', 'ZRANK str a', 'ZREVRANK str a', 'ZREM str a',
      'ZCARD', 'ZCARD a b', 'ZSCORE z', 'ZMSCORE z', 'ZRANK z', 'ZRANK z a WITHSCORE', 'ZREVRANK z', 'ZREM z',
    ]))

  it('score range ends are parsed as strtod reads them', () =>
    check([
      'ZADD z 1 a 2 b 3 c 4 d 5 e', 'ZCOUNT z -inf +inf', 'ZCOUNT z 2 4', 'ZCOUNT z (2 4', 'ZCOUNT z 2 (4',
      'ZCOUNT z (2 (4', 'ZCOUNT z (2 (2', 'ZCOUNT z 2 2', 'ZCOUNT z (2 2', 'ZCOUNT z 4 2', 'ZCOUNT z ( 3', 'ZCOUNT z "" 3',
      'ZCOUNT z " 1" 3', 'ZCOUNT z "\t2" 3', 'ZCOUNT z "\n2" 3', 'ZCOUNT z "( 2" 3', 'ZCOUNT z "(\t2" 3',
      'ZCOUNT z "1 " 3', 'ZCOUNT z "( " 3', 'ZCOUNT z " " 3', 'ZCOUNT z "(" "("', 'ZCOUNT z 1e400 inf',
      'ZCOUNT z -1e400 1e400', 'ZCOUNT z (1e400 inf', 'ZCOUNT z 1e-400 3', 'ZCOUNT z (1e-400 3', 'ZCOUNT z 2.5e-324 1',
      'ZCOUNT z nan 1', 'ZCOUNT z (nan 1', 'ZCOUNT z -nan 1', 'ZCOUNT z nan(1) 1', 'ZCOUNT z ((1 3', 'ZCOUNT z [1 3',
      'ZCOUNT z 0x1 0x3', 'ZCOUNT z 0X1P1 3', 'ZCOUNT z 0x1p 3', 'ZCOUNT z 0x 3', 'ZCOUNT z 0x.8p1 5', 'ZCOUNT z 0x1.8 3',
      'ZCOUNT z +inF -Infinity', 'ZCOUNT z -infinity +INFINITY', 'ZCOUNT z infinit 3', 'ZCOUNT z 1.5e 3',
      'ZCOUNT z .5 3', 'ZCOUNT z 5. 5', 'ZCOUNT z +1 3', 'ZCOUNT z ++1 3', 'ZCOUNT z -(1 3', 'ZCOUNT z 00012 3',
      'ZCOUNT z 1_0 100', 'ZCOUNT z - +', 'ZCOUNT z 1E0 3e0', 'ZCOUNT z "\\x00\\xff" 3', 'ZCOUNT z "2\\x00x" 3',
      'ZCOUNT z "(\\x00" 3', 'ZCOUNT z "(2\\x00" "3\\x00 "', 'ZCOUNT z " \\x00" 3',
      'ZCOUNT nokey 1 2', 'ZCOUNT nokey x 1', 'SET str x', 'ZCOUNT str 1 2', 'ZCOUNT str x 1', 'ZCOUNT z 1', 'ZCOUNT z 1 2 3',
      'ZADD inf -inf lo +inf hi 0 mid', 'ZCOUNT inf -inf -inf', 'ZCOUNT inf (-inf +inf', 'ZCOUNT inf +inf +inf',
      'ZCOUNT inf (+inf +inf', 'ZRANGEBYSCORE inf -inf (-inf', 'ZRANGEBYSCORE inf -inf +inf WITHSCORES',
    ]))

  it('lex range ends and ZLEXCOUNT', () =>
    check([
      'ZADD l 0 a 0 b 0 c 0 d 0 e 0 "" 0 aa', 'ZLEXCOUNT l - +', 'ZLEXCOUNT l + -', 'ZLEXCOUNT l - -', 'ZLEXCOUNT l + +',
      'ZLEXCOUNT l [a [a', 'ZLEXCOUNT l (a [a', 'ZLEXCOUNT l [a (a', 'ZLEXCOUNT l [b (d', 'ZLEXCOUNT l (b [d',
      'ZLEXCOUNT l [ +', 'ZLEXCOUNT l ( +', 'ZLEXCOUNT l - [', 'ZLEXCOUNT l - (', 'ZLEXCOUNT l [a [aa',
      'ZLEXCOUNT l [e [a', 'ZLEXCOUNT l [z +', 'ZLEXCOUNT l - [0', 'ZLEXCOUNT l a b', 'ZLEXCOUNT l -a +',
      'ZLEXCOUNT l "" +', 'ZLEXCOUNT l - ++', 'ZLEXCOUNT l {a +', 'ZLEXCOUNT l "-\\x00x" "+\\x00"', 'ZLEXCOUNT l "[a\\x00" +',
      'ZLEXCOUNT l "\\x00" +', 'ZLEXCOUNT nokey - +', 'ZLEXCOUNT nokey a b',
      'SET str x', 'ZLEXCOUNT str - +', 'ZLEXCOUNT str a b', 'ZLEXCOUNT l -',
      { cmd: ['ZADD', 'bin', '0', '\x00', '0', '\xff', '0', 'b', '0', '\x7f\x80'] },
      { cmd: ['ZLEXCOUNT', 'bin', '[\x00', '(\xff'] }, { cmd: ['ZRANGEBYLEX', 'bin', '(\x00', '+'] },
    ]))

  it('ZRANGE by rank, BYSCORE, BYLEX, REV, LIMIT and WITHSCORES', () =>
    check([
      'ZADD z 1 a 2 b 3 c 4 d 5 e 5 f 1.5 g', 'ZRANGE z 0 -1', 'ZRANGE z 0 -1 WITHSCORES', 'ZRANGE z 2 3',
      'ZRANGE z -2 -1', 'ZRANGE z -100 100', 'ZRANGE z 3 1', 'ZRANGE z 10 20', 'ZRANGE z -1 -1', 'ZRANGE z -1 0',
      'ZRANGE z 0 9223372036854775807', 'ZRANGE z -9223372036854775808 0', 'ZRANGE z 0 9223372036854775808',
      'ZRANGE z 0 -1 REV', 'ZRANGE z 0 1 REV WITHSCORES', 'ZRANGE z -2 -1 REV', 'zrange z 0 -1 rev withscores',
      'ZRANGE z 0 -1 WITHSCORES WITHSCORES', 'ZRANGE z 0 -1 LIMIT 0 -1', 'ZRANGE z 0 -1 LIMIT 5 -1',
      'ZRANGE z 0 -1 LIMIT 0 1', 'ZRANGE z 0 -1 LIMIT 0 -2', 'ZRANGE z a b', 'ZRANGE z 0 b', 'ZRANGE z 1.5 3',
      'ZRANGE z 2 4 BYSCORE', 'ZRANGE z (2 4 BYSCORE WITHSCORES', 'ZRANGE z -inf +inf BYSCORE LIMIT 1 3',
      'ZRANGE z -inf +inf BYSCORE LIMIT 1 -1', 'ZRANGE z -inf +inf BYSCORE LIMIT -1 3', 'ZRANGE z -inf +inf BYSCORE LIMIT 0 0',
      'ZRANGE z -inf +inf BYSCORE LIMIT 7 1', 'ZRANGE z -inf +inf BYSCORE LIMIT 6 5', 'ZRANGE z -inf +inf BYSCORE LIMIT 100 1',
      'ZRANGE z 5 1 BYSCORE REV', 'ZRANGE z 5 1 BYSCORE REV WITHSCORES LIMIT 1 2', 'ZRANGE z 1 5 BYSCORE REV',
      'ZRANGE z +inf -inf BYSCORE REV LIMIT 2 -5', 'ZRANGE z (5 (1 BYSCORE REV', 'ZRANGE z 5 5 BYSCORE REV',
      'ZRANGE z (1 5 BYSCORE LIMIT 1 1 LIMIT 0 2', 'ZRANGE z x 5 BYSCORE', 'ZRANGE z 1 5 BYSCORE LIMIT x 1',
      'ZRANGE z 1 5 BYSCORE LIMIT 1', 'ZRANGE z 1 5 BYSCORE LIMIT', 'ZRANGE z 1 5 BYSCORE LIMIT 0 9223372036854775808',
      'ZRANGE z 0 -1 BYLEX', 'ZRANGE z - + BYLEX', 'ZRANGE z - + BYLEX LIMIT 0 2', 'ZRANGE z + - BYLEX REV LIMIT 0 2',
      'ZRANGE z 0 -1 BYLEX BYSCORE', 'ZRANGE z 0 -1 BYSCORE BYSCORE', 'ZRANGE z 0 -1 REV REV', 'ZRANGE z 0 1 foo',
      'ZRANGE z a b LIMIT 0 1', 'ZRANGE z a b LIMIT 0 1 BYLEX WITHSCORES', 'ZRANGE z - + WITHSCORES BYLEX',
      'ZRANGE z - + BYLEX LIMIT x y', 'ZRANGE z a + BYLEX LIMIT x 1', 'ZRANGE z a + BYLEX', 'ZRANGE z 0 -1 LIMIT x y',
      'ZRANGE nokey 0 -1', 'ZRANGE nokey 0 1 foo', 'ZRANGE nokey a b', 'ZRANGE nokey - + BYLEX', 'ZRANGE nokey x y BYSCORE',
      'SET str x', 'ZRANGE str 0 1', 'ZRANGE str a b', 'ZRANGE str x y BYSCORE', 'ZRANGE z 0', 'ZRANGE z',
    ]))

  it('ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX', () =>
    check([
      'ZADD z 1 a 2 b 3 c 4 d 5 e', 'ZADD l 0 a 0 b 0 c 0 d 0 e 0 f',
      'ZREVRANGE z 0 1', 'ZREVRANGE z 0 1 WITHSCORES', 'ZREVRANGE z -2 -1', 'ZREVRANGE z 0 -1 withscores',
      'ZREVRANGE z 0 1 LIMIT 0 1', 'ZREVRANGE z 0 1 REV', 'ZREVRANGE z 0 1 BYSCORE', 'ZREVRANGE z a 1', 'ZREVRANGE z 5 1',
      'ZRANGEBYSCORE z 1 5', 'ZRANGEBYSCORE z (1 5 WITHSCORES', 'ZRANGEBYSCORE z -inf +inf LIMIT 1 2',
      'ZRANGEBYSCORE z 1 5 LIMIT 10 1', 'ZRANGEBYSCORE z 1 5 LIMIT 4 1', 'ZRANGEBYSCORE z 1 5 LIMIT -1 1',
      'ZRANGEBYSCORE z 1 5 LIMIT 0 -1 WITHSCORES', 'ZRANGEBYSCORE z 1 5 WITHSCORES LIMIT 0 -1 WITHSCORES',
      'ZRANGEBYSCORE z 1 5 REV', 'ZRANGEBYSCORE z 1 5 BYSCORE', 'ZRANGEBYSCORE z 1 5 BYLEX', 'ZRANGEBYSCORE z 5 1',
      'ZRANGEBYSCORE z x 5', 'ZRANGEBYSCORE z 1 5 LIMIT 1', 'ZRANGEBYSCORE z 1 5 LIMIT a 1',
      'ZREVRANGEBYSCORE z 5 1', 'ZREVRANGEBYSCORE z 5 1 LIMIT 1 2', 'ZREVRANGEBYSCORE z (5 (1 WITHSCORES',
      'ZREVRANGEBYSCORE z 1 5', 'ZREVRANGEBYSCORE z +inf -inf LIMIT 3 10', 'ZREVRANGEBYSCORE z 5 1 REV',
      'ZRANGEBYLEX l - +', 'ZRANGEBYLEX l [b (e', 'ZRANGEBYLEX l - + LIMIT 1 2', 'ZRANGEBYLEX l - + LIMIT -1 2',
      'ZRANGEBYLEX l - + LIMIT 1 -1', 'ZRANGEBYLEX l - + LIMIT 1 0', 'ZRANGEBYLEX l - + LIMIT 10 1',
      'ZRANGEBYLEX l - + WITHSCORES', 'ZRANGEBYLEX l - + LIMIT 1', 'ZRANGEBYLEX l - + LIMIT x 1', 'ZRANGEBYLEX l a + LIMIT x 1',
      'ZRANGEBYLEX l - + REV', 'ZRANGEBYLEX l a +', 'ZRANGEBYLEX l + -',
      'ZREVRANGEBYLEX l + -', 'ZREVRANGEBYLEX l + - LIMIT 1 2', 'ZREVRANGEBYLEX l (e [b', 'ZREVRANGEBYLEX l - +',
      'ZREVRANGEBYLEX l [c [c', 'ZREVRANGEBYLEX l + - LIMIT 2 -1',
      'ZRANGEBYSCORE nokey 1 2', 'ZRANGEBYLEX nokey - + LIMIT 0 1 foo', 'ZRANGEBYLEX nokey a + LIMIT 0 1',
      'SET str x', 'ZREVRANGE str 0 1', 'ZRANGEBYSCORE str 1 2', 'ZRANGEBYLEX str - +', 'ZREVRANGEBYSCORE str x 1',
      'ZREVRANGE z 0', 'ZRANGEBYSCORE z 1', 'ZRANGEBYLEX l -',
    ]))

  it('ZRANGESTORE', () =>
    check([
      'ZADD z 1 a 2 b 3 c 4 d 5 e', 'ZRANGESTORE d z 0 1', 'ZRANGE d 0 -1 WITHSCORES', 'ZRANGESTORE d z 0 1 WITHSCORES',
      'ZRANGESTORE d z 5 1 BYSCORE REV LIMIT 1 2', 'ZRANGE d 0 -1 WITHSCORES', 'ZRANGESTORE d z (1 +inf BYSCORE',
      'ZRANGE d 0 -1 WITHSCORES', 'ZRANGESTORE d z - + BYLEX', 'ZRANGE d 0 -1', 'ZRANGESTORE d z 0 -1 REV', 'ZRANGE d 0 -1',
      'ZRANGESTORE d z 10 20', 'EXISTS d', 'SET d x', 'ZRANGESTORE d nokey 0 1', 'EXISTS d', 'SET d x', 'EXPIRE d 100',
      'ZRANGESTORE d z 0 0', 'TYPE d', 'TTL d', 'ZRANGESTORE z z 1 2', 'ZRANGE z 0 -1 WITHSCORES',
      'SET str x', 'ZRANGESTORE d str 0 1', 'ZRANGESTORE d str a b', 'ZRANGESTORE str z 0 -1', 'TYPE str',
      'ZRANGESTORE d z 0', 'ZRANGESTORE d z a b', 'ZRANGESTORE d z 0 -1 LIMIT 0 1', 'ZRANGESTORE d z - + BYLEX LIMIT 0',
      'ZRANGESTORE d z 0 -1 foo',
    ]))

  it('ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX', () =>
    check([
      'ZADD z 1 a 2 b 3 c 4 d 5 e 6 f', 'ZREMRANGEBYRANK z 0 0', 'ZREMRANGEBYRANK z -1 -1', 'ZREMRANGEBYRANK z 5 10',
      'ZREMRANGEBYRANK z 2 1', 'ZRANGE z 0 -1', 'ZREMRANGEBYRANK z -100 1', 'ZRANGE z 0 -1', 'ZREMRANGEBYRANK z 0 100',
      'EXISTS z', 'ZADD z 1 a 2 b 3 c 4 d 5 e 6 f', 'ZREMRANGEBYSCORE z (1 2', 'ZREMRANGEBYSCORE z 10 20',
      'ZREMRANGEBYSCORE z 5 3', 'ZREMRANGEBYSCORE z -inf (4', 'ZRANGE z 0 -1', 'ZREMRANGEBYSCORE z -inf +inf', 'EXISTS z',
      'ZADD l 0 a 0 b 0 c 0 d 0 e', 'ZREMRANGEBYLEX l [b (d', 'ZREMRANGEBYLEX l (e +', 'ZREMRANGEBYLEX l + -',
      'ZRANGE l 0 -1', 'ZREMRANGEBYLEX l - +', 'EXISTS l',
      'ZREMRANGEBYRANK z x 1', 'ZREMRANGEBYRANK nokey 0 1', 'ZREMRANGEBYSCORE nokey 0 1', 'ZREMRANGEBYLEX nokey - +',
      'ZREMRANGEBYSCORE nokey x 1', 'ZREMRANGEBYLEX nokey x 1', 'SET str x', 'ZREMRANGEBYRANK str 0 1',
      'ZREMRANGEBYRANK str x 1', 'ZREMRANGEBYSCORE str x 1', 'ZREMRANGEBYSCORE str 0 1', 'ZREMRANGEBYLEX str x 1',
      'ZREMRANGEBYLEX str - +', 'ZREMRANGEBYRANK z 0', 'ZREMRANGEBYSCORE z 0 1 2',
    ]))

  it('ZPOPMIN, ZPOPMAX, ZMPOP', () =>
    check([
      'ZADD z 1 a 2 b 3 c 4 d 5 e 6 f', 'ZPOPMIN z', 'ZPOPMAX z', 'ZPOPMIN z 2', 'ZPOPMAX z 1', 'ZPOPMIN z 0',
      'ZPOPMIN z 100', 'EXISTS z', 'ZPOPMIN z', 'ZPOPMIN z 2', 'ZPOPMIN z 0', 'ZPOPMIN z -1', 'ZPOPMIN z x', 'ZPOPMIN z 1.5',
      'ZPOPMIN z 99999999999999999999', 'ZPOPMIN z 1 2', 'ZPOPMAX z 1 2 3', 'SET str x', 'ZPOPMIN str', 'ZPOPMIN str -1',
      'ZPOPMIN str 0', 'ZPOPMAX str 2',
      'ZADD z 1 a 2 b 3 c 4 d', 'ZADD y 10 x', 'ZMPOP 1 z MIN', 'ZMPOP 1 z MAX', 'ZMPOP 2 nokey z max COUNT 5', 'EXISTS z',
      'ZMPOP 1 nokey MIN', 'ZMPOP 2 nokey y MIN COUNT 1', 'ZMPOP 1 y MIN', 'ZADD z 1 a 2 b', 'ZMPOP 2 z str MIN',
      'ZMPOP 0 z MIN', 'ZMPOP -1 z MIN', 'ZMPOP x z MIN', 'ZMPOP 99999999999999999999 z MIN', 'ZMPOP 3 z MIN',
      'ZMPOP 2 z MIN', 'ZMPOP 2 a b', 'ZMPOP 1 z MID', 'ZMPOP 1 z MIN COUNT 0', 'ZMPOP 1 z MIN COUNT -1',
      'ZMPOP 1 z MIN COUNT x', 'ZMPOP 1 z MIN COUNT 99999999999999999999', 'ZMPOP 1 z MIN COUNT 1 COUNT 2',
      'ZMPOP 1 z MIN LIMIT 1', 'ZMPOP 1 z MIN COUNT', 'ZMPOP 1 z MIN COUNT 1 foo', 'ZMPOP 1 str MIN', 'ZMPOP 2 nokey str MIN',
      'ZMPOP 1 str MIN COUNT 0', 'ZMPOP 1 nokey MIN COUNT 0', 'zmpop 1 z max count 1', 'ZMPOP 1 z', 'ZPOPMIN',
    ]))

  it('ZUNION, ZINTER, ZDIFF with WEIGHTS, AGGREGATE, WITHSCORES and sets as inputs', () =>
    check([
      'ZADD z1 1 a 2 b 3 c', 'ZADD z2 10 b 20 c 30 d', 'SADD s1 a d x', 'SADD s2 1 2', 'ZADD z3 -0 a 1.1 b inf c',
      'ZUNION 2 z1 z2', 'ZUNION 2 z1 z2 WITHSCORES', 'ZUNION 3 z1 z2 s1 WITHSCORES', 'ZUNION 2 z1 nokey WITHSCORES',
      'ZUNION 2 z1 z2 WEIGHTS 2 0.5 WITHSCORES', 'ZUNION 2 z1 z2 AGGREGATE MIN WITHSCORES', 'ZUNION 2 z1 z2 AGGREGATE max WITHSCORES',
      'ZUNION 2 z1 z2 WEIGHTS 1 -1 AGGREGATE SUM WITHSCORES', 'ZUNION 2 z1 z2 WEIGHTS inf -inf WITHSCORES',
      'ZUNION 1 z1 WEIGHTS 0 WITHSCORES', 'ZUNION 2 z1 z3 WITHSCORES', 'ZUNION 2 z3 z3 WEIGHTS 1 -1 WITHSCORES',
      'ZUNION 1 z3 WEIGHTS -1 WITHSCORES', 'ZUNION 2 z3 z3 AGGREGATE MIN WEIGHTS 0 1 WITHSCORES', 'ZUNION 2 s1 s2 WITHSCORES',
      'ZUNION 2 z1 z2 WITHSCORES WITHSCORES', 'ZUNION 2 z1 z2 AGGREGATE MIN AGGREGATE MAX WITHSCORES',
      'ZUNION 2 z1 z2 WEIGHTS 1 2 WEIGHTS 3 4 WITHSCORES',
      'ZINTER 2 z1 z2', 'ZINTER 2 z1 z2 WITHSCORES', 'ZINTER 3 z1 z2 s1 WITHSCORES', 'ZINTER 2 z1 s1 WITHSCORES',
      'ZINTER 2 z1 z2 WEIGHTS 2 0.5 AGGREGATE MAX WITHSCORES', 'ZINTER 2 z1 z2 AGGREGATE MIN', 'ZINTER 2 z1 nokey',
      'ZINTER 2 z1 z2 WEIGHTS inf -inf WITHSCORES', 'ZINTER 2 z3 z3 WEIGHTS 0 1 AGGREGATE MAX WITHSCORES',
      'ZINTER 2 z3 z1 WEIGHTS 0 1 AGGREGATE MIN WITHSCORES', 'ZINTER 1 z1 WITHSCORES', 'ZINTER 2 z1 z1 WITHSCORES',
      'ZDIFF 2 z1 z2', 'ZDIFF 2 z1 z2 WITHSCORES', 'ZDIFF 1 z1 WITHSCORES', 'ZDIFF 2 s1 z1 WITHSCORES', 'ZDIFF 2 z1 s1',
      'ZDIFF 3 z2 z1 s1 WITHSCORES', 'ZDIFF 2 nokey z1', 'ZDIFF 2 z1 nokey WITHSCORES', 'ZDIFF 2 z1 z1',
      'ZUNION 2 z1 z2 WEIGHTS 1', 'ZUNION 2 z1 z2 WEIGHTS 1 2 3', 'ZUNION 2 z1 z2 WEIGHTS a b', 'ZUNION 2 z1 z2 WEIGHTS 1 b',
      'ZUNION 2 z1 z2 WEIGHTS " 1" 1', 'ZUNION 2 z1 z2 WEIGHTS nan 1', 'ZUNION 2 z1 z2 AGGREGATE foo', 'ZUNION 2 z1 z2 AGGREGATE',
      'ZUNION 2 z1 z2 foo', 'ZUNION 0 z1', 'ZUNION -1 z1', 'ZUNION x z1', 'ZUNION 3 z1 z2', 'ZUNION 99999999999999999999 z1',
      'ZINTER 0 z1', 'ZDIFF 0 z1', 'ZDIFF 2 z1 z2 WEIGHTS 1 2', 'ZDIFF 2 z1 z2 AGGREGATE SUM', 'ZDIFF 3 z1 z2',
      'SET str x', 'ZUNION 2 z1 str', 'ZUNION 2 z1 str WEIGHTS x y', 'ZINTER 2 nokey str', 'ZDIFF 2 z1 str',
      'ZINTER 2 z1 str WITHSCORES', 'HSET h f v', 'ZUNION 1 h', 'ZUNION 1 z1 WITHSCORES extra', 'ZUNION 1', 'ZINTER',
    ]))

  it('ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE, ZINTERCARD', () =>
    check([
      'ZADD z1 1 a 2 b 3 c', 'ZADD z2 10 b 20 c 30 d', 'SADD s1 a d x',
      'ZUNIONSTORE d 2 z1 z2', 'ZRANGE d 0 -1 WITHSCORES', 'ZUNIONSTORE d 3 z1 z2 s1 WEIGHTS 1 2 3 AGGREGATE MAX',
      'ZRANGE d 0 -1 WITHSCORES', 'ZINTERSTORE d 2 z1 z2 WEIGHTS 1 0.5', 'ZRANGE d 0 -1 WITHSCORES',
      'ZINTERSTORE d 2 z1 z2 AGGREGATE MIN', 'ZRANGE d 0 -1 WITHSCORES', 'ZDIFFSTORE d 2 z1 z2', 'ZRANGE d 0 -1 WITHSCORES',
      'ZDIFFSTORE d 2 s1 z1', 'ZRANGE d 0 -1 WITHSCORES', 'ZINTERSTORE d 2 z1 nokey', 'EXISTS d', 'SET d x', 'EXPIRE d 100',
      'ZUNIONSTORE d 1 z1', 'TYPE d', 'TTL d', 'ZDIFFSTORE d 1 nokey', 'EXISTS d', 'ZUNIONSTORE z1 2 z1 z2', 'ZRANGE z1 0 -1 WITHSCORES',
      'ZUNIONSTORE d 2 z1 z2 WITHSCORES', 'ZINTERSTORE d 2 z1 z2 WITHSCORES', 'ZDIFFSTORE d 2 z1 z2 WITHSCORES',
      'ZDIFFSTORE d 2 z1 z2 WEIGHTS 1 1', 'ZUNIONSTORE d 0 z1', 'ZINTERSTORE d 0 z1', 'ZDIFFSTORE d 0 z1', 'ZUNIONSTORE d x z1',
      'ZUNIONSTORE d 3 z1 z2', 'SET str x', 'ZUNIONSTORE d 2 z1 str', 'ZINTERSTORE str 1 z1', 'TYPE str', 'ZUNIONSTORE d 1',
      'ZINTERCARD 2 z1 z2', 'ZINTERCARD 2 z1 z2 LIMIT 1', 'ZINTERCARD 2 z1 z2 LIMIT 0', 'ZINTERCARD 2 z1 z2 LIMIT 100',
      'ZINTERCARD 2 z1 s1', 'ZINTERCARD 1 nokey', 'ZINTERCARD 2 z1 z2 LIMIT -1', 'ZINTERCARD 2 z1 z2 LIMIT x',
      'ZINTERCARD 2 z1 z2 LIMIT', 'ZINTERCARD 2 z1 z2 WITHSCORES', 'ZINTERCARD 2 z1 z2 WEIGHTS 1 2', 'ZINTERCARD 3 z1 z2',
      'ZINTERCARD 0 z1', 'ZINTERCARD x z1', 'ZINTERCARD 1 str', 'ZINTERCARD 2 z1 z2 LIMIT 1 LIMIT 2',
    ]))

  it('ZRANDMEMBER, checked by the properties of its picks', async () => {
    const scores: Record<string, string> = { a: '1', b: '2', c: '3.5', d: '-1', e: '1e+17' }
    const big: Record<string, string> = Object.fromEntries(range(1, 200).map((n) => [`m${n}`, String(n)]))
    const pick = (cmd: string, universe: Record<string, string>, withScores: boolean, distinct: boolean): ScriptLine =>
      ({ cmd, compare: randomMembers(universe, withScores, distinct) })
    const bigLines = ['ZADD big ' + range(1, 200).map((n) => `${n} m${n}`).join(' ')]
    await check([
      'ZADD z 1 a 2 b 3.5 c -1 d 1e17 e', ...bigLines,
      pick('ZRANDMEMBER z', scores, false, true), pick('ZRANDMEMBER z 3', scores, false, true),
      pick('ZRANDMEMBER z 5', scores, false, true), pick('ZRANDMEMBER z 10', scores, false, true),
      pick('ZRANDMEMBER z -10', scores, false, false), pick('ZRANDMEMBER z 3 WITHSCORES', scores, true, true),
      pick('ZRANDMEMBER z -7 withscores', scores, true, false), pick('ZRANDMEMBER z 9223372036854775807', scores, false, true),
      pick('ZRANDMEMBER z 4611686018427387903 WITHSCORES', scores, true, true),
      pick('ZRANDMEMBER big 10', big, false, true), pick('ZRANDMEMBER big 150 WITHSCORES', big, true, true),
      pick('ZRANDMEMBER big 199', big, false, true), pick('ZRANDMEMBER big -300', big, false, false),
      pick('ZRANDMEMBER big 66', big, false, true), pick('ZRANDMEMBER big 67', big, false, true),
      'ZRANDMEMBER z 0', 'ZRANDMEMBER z 0 WITHSCORES', 'ZRANDMEMBER nokey', 'ZRANDMEMBER nokey 5', 'ZRANDMEMBER nokey -5 WITHSCORES',
      'ZRANDMEMBER z x', 'ZRANDMEMBER nokey x', 'ZRANDMEMBER z 1 2', 'ZRANDMEMBER z x y', 'ZRANDMEMBER z 1 WITHSCORE',
      'ZRANDMEMBER z 1 WITHSCORES x', 'ZRANDMEMBER z -9223372036854775808', 'ZRANDMEMBER z 9223372036854775808',
      'ZRANDMEMBER z 4611686018427387904 WITHSCORES', 'ZRANDMEMBER z -4611686018427387904 WITHSCORES',
      'ZRANDMEMBER nokey 4611686018427387904 WITHSCORES',
      'SET str x', 'ZRANDMEMBER str', 'ZRANDMEMBER str 0', 'ZRANDMEMBER str 1', 'ZRANDMEMBER',
      ...resp3([
        pick('ZRANDMEMBER z 2 WITHSCORES', scores, true, true), pick('ZRANDMEMBER z -3 WITHSCORES', scores, true, false),
        pick('ZRANDMEMBER z 2', scores, false, true), 'ZRANDMEMBER nokey', 'ZRANDMEMBER nokey 1 WITHSCORES',
      ]),
    ])
  })

  it('ZSCAN on listpacks: everything at once, in order, scores as a listpack keeps them', () =>
    check([
      'ZADD z 1 a 2 b 1.5 c -0 d 1e17 e 123456789012345678 f 1e300 g inf h -inf i 4611686018427387904 j 0.1 k',
      'ZSCAN z 0', 'ZSCAN z 0 COUNT 1', 'ZSCAN z 5', 'ZSCAN z 0 MATCH ?', 'ZSCAN z 0 MATCH *', 'ZSCAN z 0 MATCH [a-c] COUNT 2',
      'ZSCAN z 0 match nomatch', 'ZSCAN z -1', 'ZSCAN z +0', 'ZSCAN z 007', 'ZSCAN z ""', 'ZSCAN z " 1"', 'ZSCAN z x',
      'ZSCAN z 18446744073709551616', 'ZSCAN z 0 COUNT 0', 'ZSCAN z 0 COUNT -1', 'ZSCAN z 0 COUNT x', 'ZSCAN z 0 MATCH',
      'ZSCAN z 0 TYPE zset', 'ZSCAN z 0 NOVALUES', 'ZSCAN z 0 COUNT 1 FOO', 'ZSCAN nokey 5', 'ZSCAN nokey 0 COUNT 0',
      'SET str x', 'ZSCAN str 0', 'ZSCAN str x', 'ZSCAN str 0 COUNT 0', 'ZSCAN z', 'ZSCAN',
    ]))

  it('ZSCAN MATCH * returns the empty member: Redis skips the pattern "*", which would not match it', () =>
    check([
      'ZADD small 1 "" 2 a', 'ZSCAN small 0 MATCH *', 'ZSCAN small 0 MATCH **', 'ZSCAN small 0 MATCH ?',
      'ZSCAN small 0 MATCH a* MATCH *',
      'ZADD big 1 "" 2 a 3 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'OBJECT ENCODING big',
      { cmd: 'ZSCAN big 0 MATCH *', compare: samePairs }, { cmd: 'ZSCAN big 0 MATCH **', compare: samePairs },
      { cmd: 'ZSCAN big 0 MATCH * COUNT 1000', compare: samePairs },
    ]))

  it('ZSCAN on skiplists returns every member once over a full iteration', async () => {
    await redis.client.call(['FLUSHALL'])
    const peer = new EnginePeer()
    const members = range(1, 300).flatMap((n) => [String(n % 7 === 0 ? n + 0.25 : n), `m${n}`])
    await setup(peer, [['ZADD', 'big', ...members, '-0', 'negzero', '1e17', 'x', '0.1', 'xy'], 'ZADD small 1 a 2 b'])
    for (const [key, options] of [['big', []], ['big', ['COUNT', '7']], ['big', ['MATCH', 'm1*', 'COUNT', '3']],
      ['big', ['MATCH', '*x*']], ['small', ['COUNT', '1']]] as Array<[string, string[]]>) {
      const fromRedis = await zscanAll((argv) => redis.client.call(argv), key, options)
      const fromEngine = await zscanAll((argv) => peer.exec(argv), key, options)
      expect([...fromEngine.found].sort(), `${key} ${options.join(' ')}`).toEqual([...fromRedis.found].sort())
      expect(fromEngine.returned).toBe(fromEngine.found.size)
    }
  })

  it('replies have the same RESP3 shapes', () =>
    check(resp3([
      'ZADD z 1 a 2 b 3.5 c 1e17 d', 'ZADD z INCR 1.1 a', 'ZADD z XX INCR 1 nope', 'ZINCRBY z 1 b', 'ZSCORE z a',
      'ZSCORE z nope', 'ZMSCORE z a nope', 'ZRANK z nope', 'ZRANGE z 0 -1 WITHSCORES', 'ZRANGE z 0 -1', 'ZRANGE nokey 0 -1 WITHSCORES',
      'ZREVRANGE z 0 1 WITHSCORES', 'ZRANGEBYSCORE z -inf +inf WITHSCORES LIMIT 1 2', 'ZREVRANGEBYSCORE z +inf -inf WITHSCORES',
      'ZUNION 1 z WITHSCORES', 'ZINTER 1 z WITHSCORES', 'ZDIFF 1 z WITHSCORES', 'ZUNION 1 z', 'ZSCAN z 0',
      'ZPOPMIN z', 'ZPOPMAX z 1', 'ZPOPMIN z 0', 'ZPOPMIN nokey', 'ZPOPMIN nokey 2', 'ZMPOP 1 z MAX', 'ZMPOP 1 nokey MIN',
      'ZADD w 1 a 2 b 3 c', 'ZPOPMIN w 5', 'ZADD w 1 a', 'ZPOPMAX w', 'ZRANDMEMBER nokey', 'ZRANDMEMBER nokey 2 WITHSCORES',
      'ZADD one 7 x', 'ZRANDMEMBER one 1 WITHSCORES', 'ZRANDMEMBER one -2 WITHSCORES', 'ZRANDMEMBER one',
      'ZADD inf inf p -inf n', 'ZRANGE inf 0 -1 WITHSCORES', 'ZSCORE inf p', 'ZSCORE inf n', 'ZINCRBY inf 1 p',
    ])))

  it('writes emit the keyspace events Redis emits', async () => {
    await redis.client.call(['FLUSHALL'])
    const events = await keyEvents(redis, [
      'ZADD k 1 a', 'ZADD k 1 a', 'ZADD k CH 1 a', 'ZADD k INCR 0 a', 'ZADD k XX 1 b', 'ZADD k NX 5 a', 'ZINCRBY k 1 a',
      'ZINCRBY k 0 a', 'ZADD k GT 0 a', 'ZADD k INCR 1 a', 'ZADD k GT 9 a', 'ZREM k nope', 'ZREM k a',
      'ZADD k 1 a 2 b 3 c 4 d', 'ZREMRANGEBYSCORE k 10 20', 'ZREMRANGEBYSCORE k 1 1', 'ZREMRANGEBYRANK k 5 6',
      'ZREMRANGEBYRANK k 0 0', 'ZREMRANGEBYLEX k + -', 'ZREMRANGEBYLEX k - +', 'ZADD k 1 a 2 b 3 c', 'ZPOPMIN k 0',
      'ZPOPMIN k', 'ZPOPMAX k 5', 'ZPOPMIN k', 'ZADD k 1 a 2 b', 'ZMPOP 1 k MAX', 'ZMPOP 1 k MAX COUNT 5', 'ZMPOP 1 k MIN',
      'ZADD k 1 a', 'ZRANGESTORE d k 0 0', 'ZRANGESTORE d k 5 6', 'ZRANGESTORE d k 5 6', 'ZUNIONSTORE d2 1 k',
      'ZINTERSTORE d2 1 k', 'ZDIFFSTORE d2 1 k', 'ZDIFFSTORE d2 2 k k', 'ZDIFFSTORE d2 2 k k', 'ZRANGESTORE d2 nokey 0 -1',
      'SET d3 x', 'ZUNIONSTORE d3 1 nokey', 'ZADD k x a', 'ZADD k 1 a 2', 'ZINCRBY k inf a', 'ZINCRBY k -inf a',
    ])
    expect(events.redis.length).toBeGreaterThan(25)
    expect(events.engine).toEqual(events.redis)
  })

  it('OBJECT ENCODING: listpack until a write outgrows it, then skiplist for good', () =>
    check([
      'CONFIG SET zset-max-listpack-entries 3', 'ZADD a 1 x 2 y 3 z', 'OBJECT ENCODING a', 'ZADD a 4 w', 'OBJECT ENCODING a',
      'ZREM a w z', 'OBJECT ENCODING a', 'ZUNIONSTORE b 1 a', 'OBJECT ENCODING b', 'ZUNIONSTORE b2 2 a a', 'OBJECT ENCODING b2',
      'ZADD c 1 a 2 b 3 c 4 d 5 e', 'OBJECT ENCODING c', 'ZRANGESTORE c2 c 0 1', 'OBJECT ENCODING c2',
      'ZRANGESTORE c3 c 0 -1', 'OBJECT ENCODING c3', 'ZRANGESTORE c4 c -inf +inf BYSCORE LIMIT 0 3', 'OBJECT ENCODING c4',
      'ZINTERSTORE c5 1 c', 'OBJECT ENCODING c5', 'ZDIFFSTORE c6 2 c a', 'OBJECT ENCODING c6', 'COPY c c7', 'OBJECT ENCODING c7',
      'ZADD d 1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'OBJECT ENCODING d',
      'ZADD e 1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'OBJECT ENCODING e',
      'ZADD f 1 a', 'ZADD f 2 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'OBJECT ENCODING f',
      'ZINCRBY g 1 a', 'OBJECT ENCODING g', 'CONFIG SET zset-max-listpack-entries 0', 'ZADD h 1 a', 'OBJECT ENCODING h',
      'ZUNIONSTORE h2 1 a', 'OBJECT ENCODING h2', 'CONFIG SET zset-max-listpack-entries 128',
      'CONFIG SET zset-max-listpack-value 2', 'ZADD i 1 ab', 'OBJECT ENCODING i', 'ZADD i 1 abc', 'OBJECT ENCODING i',
      'CONFIG SET zset-max-listpack-value 64', 'OBJECT ENCODING i',
    ]))

  it('-0 keeps its sign only in a skiplist, and ZSCAN prints scores per encoding', () =>
    check([
      'CONFIG SET zset-max-listpack-entries 2', 'ZADD src 1 b 2 c 3 d', 'ZADD src -0 a', 'ZSCORE src a', { cmd: 'ZSCAN src 0', compare: samePairs },
      'ZRANGESTORE dst src 0 -1', 'ZSCORE dst a', 'ZRANGESTORE dst src -inf inf BYSCORE', 'ZSCORE dst a',
      'ZRANGESTORE dst src - + BYLEX', 'ZSCORE dst a', 'ZUNIONSTORE dst 1 src', 'ZSCORE dst a', 'ZRANGESTORE dst src 0 1',
      'ZSCORE dst a', 'COPY src src2', 'ZSCORE src2 a', 'ZADD src INCR 0 a', 'ZINCRBY src 0 a', 'ZADD src 0 a', 'ZSCORE src a',
      'ZUNION 1 src WEIGHTS -1 WITHSCORES', 'CONFIG SET zset-max-listpack-entries 128', 'ZADD lp -0 a', 'ZSCORE lp a',
      'ZADD lp INCR -0 b', 'ZSCORE lp b', 'ZUNION 1 lp WEIGHTS -1 WITHSCORES', 'ZUNIONSTORE lp2 1 lp WEIGHTS -1',
      'ZSCORE lp2 a', 'ZINTER 2 lp lp WEIGHTS -1 -1 WITHSCORES', 'ZINTERSTORE lp3 2 lp lp WEIGHTS -1 -1', 'ZSCORE lp3 a',
    ]))

  it('large sets (skiplist encoded) agree on every range, rank and removal', async () => {
    await redis.client.call(['FLUSHALL'])
    const peer = new EnginePeer()
    const random = seededRandom(42)
    const args: string[] = []
    for (let i = 0; i < 2000; i++) args.push(String(Math.floor(random() * 500) - 250), `m${i}`)
    const lex = range(0, 999).map((n) => `0 w${String(n).padStart(4, '0')}`).join(' ')
    await setup(peer, [['ZADD', 'big', ...args], `ZADD lex ${lex}`])
    const lines: ScriptLine[] = ['ZCARD big', 'OBJECT ENCODING big', 'ZRANGE big 0 20 WITHSCORES', 'ZRANGE big -30 -1',
      'ZRANGE big 995 1010 REV WITHSCORES', 'ZCOUNT big -100 (100', 'ZLEXCOUNT lex [w0100 (w0900']
    for (let i = 0; i < 60; i++) {
      const a = Math.floor(random() * 600) - 300
      const b = a + Math.floor(random() * 200)
      const offset = Math.floor(random() * 50)
      const count = Math.floor(random() * 60) - 5
      const w = (n: number) => `w${String(Math.max(0, n)).padStart(4, '0')}`
      const lo = Math.floor(random() * 1000)
      lines.push(
        `ZRANGE big ${a} ${b} BYSCORE LIMIT ${offset} ${count} WITHSCORES`, `ZRANGE big (${b} ${a} BYSCORE REV LIMIT ${offset} ${count}`,
        `ZCOUNT big (${a} ${b}`, `ZRANK big m${Math.floor(random() * 2000)}`, `ZREVRANK big m${Math.floor(random() * 2000)}`,
        `ZRANGE big ${a * 3} ${b * 5}`, `ZRANGE lex [${w(lo)} (${w(lo + 50)} BYLEX LIMIT ${offset} ${count}`,
        `ZRANGE lex (${w(lo + 50)} [${w(lo)} BYLEX REV`, `ZLEXCOUNT lex (${w(lo)} +`,
      )
      if (i % 10 === 0) {
        lines.push(`ZREMRANGEBYSCORE big ${a} ${a + 3}`, `ZREMRANGEBYRANK big ${lo} ${lo + 20}`,
          `ZREMRANGEBYLEX lex [${w(lo)} [${w(lo + 10)}`, `ZPOPMIN big 3`, `ZPOPMAX lex 2`, 'ZCARD big', 'ZCARD lex')
      }
    }
    lines.push('ZRANGE big 0 -1 WITHSCORES', 'ZRANGE lex 0 -1', 'ZUNIONSTORE u 2 big lex WEIGHTS 2 3', 'ZRANGE u 0 -1 WITHSCORES',
      'ZINTER 2 big u WITHSCORES', 'ZDIFF 2 big lex WITHSCORES', 'ZRANGESTORE r big 0 -1', 'OBJECT ENCODING r',
      'ZRANGESTORE r big 100 150', 'OBJECT ENCODING r')
    const mismatches = await diffLines(redis, peer, lines)
    expect(mismatches, describeMismatches(mismatches)).toEqual([])
  })

  it('seeded random sequences agree reply for reply', async () => {
    for (let sequence = 0; sequence < FUZZ_SEQUENCES; sequence++) {
      const mismatches = await fuzzSequence(FUZZ_SEED + sequence)
      expect(mismatches.slice(0, 5), `seed ${FUZZ_SEED + sequence}\n${describeMismatches(mismatches.slice(0, 5))}`).toEqual([])
    }
  })

  /** One random sequence of sorted-set commands (lex commands only on a set whose scores are all 0). */
  async function fuzzSequence(seed: number) {
    const random = seededRandom(seed)
    const members = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '', 'é', 'a\x00']
    const scores = ['0', '1', '-1', '2', '2.5', '-0', '10', 'inf', '-inf', '1e17', '0.1', '3']
    const keys = ['z1', 'z2', 'z3', 's1']
    const bounds = ['-inf', '+inf', '0', '(0', '1', '(1', '2.5', '(2.5', '10', '(10', '-1']
    const lexBounds = ['-', '+', '[a', '(a', '[c', '(d', '[', '(h', '[é']
    const one = <T>(items: T[]): T => items[Math.floor(random() * items.length)]
    const int = (lo: number, hi: number) => String(lo + Math.floor(random() * (hi - lo + 1)))
    const generators: Array<() => string[]> = [
      () => ['ZADD', one(keys), ...(random() < 0.3 ? [one(['NX', 'XX', 'GT', 'LT', 'CH', 'GT CH', 'XX LT'])] : []).flatMap((o) => o.split(' ')),
        one(scores), one(members), ...(random() < 0.5 ? [one(scores), one(members)] : [])],
      () => ['ZADD', one(keys), 'INCR', ...(random() < 0.3 ? [one(['NX', 'XX', 'GT', 'LT'])] : []), one(scores), one(members)],
      () => ['ZINCRBY', one(keys), one(scores), one(members)],
      () => ['ZREM', one(keys), one(members), one(members)],
      () => ['ZSCORE', one(keys), one(members)],
      () => ['ZMSCORE', one(keys), one(members), one(members)],
      () => [one(['ZRANK', 'ZREVRANK']), one(keys), one(members)],
      () => ['ZCARD', one(keys)],
      () => ['ZCOUNT', one(keys), one(bounds), one(bounds)],
      () => ['ZRANGE', one(keys), int(-5, 5), int(-5, 5), ...(random() < 0.5 ? ['WITHSCORES'] : []), ...(random() < 0.3 ? ['REV'] : [])],
      () => ['ZRANGE', one(keys), one(bounds), one(bounds), 'BYSCORE', ...(random() < 0.5 ? ['REV'] : []),
        ...(random() < 0.5 ? ['LIMIT', int(-1, 4), int(-2, 4)] : []), ...(random() < 0.5 ? ['WITHSCORES'] : [])],
      () => ['ZRANGEBYSCORE', one(keys), one(bounds), one(bounds), 'WITHSCORES'],
      () => ['ZREVRANGEBYSCORE', one(keys), one(bounds), one(bounds), 'LIMIT', int(0, 3), int(-1, 3)],
      () => ['ZPOPMIN', one(keys), ...(random() < 0.5 ? [int(0, 3)] : [])],
      () => ['ZPOPMAX', one(keys), ...(random() < 0.5 ? [int(0, 3)] : [])],
      () => ['ZMPOP', '2', one(keys), one(keys), one(['MIN', 'MAX']), 'COUNT', int(1, 3)],
      () => ['ZREMRANGEBYRANK', one(keys), int(-4, 4), int(-4, 4)],
      () => ['ZREMRANGEBYSCORE', one(keys), one(bounds), one(bounds)],
      () => [one(['ZUNION', 'ZINTER', 'ZDIFF']), '2', one(keys), one(keys), 'WITHSCORES'],
      () => [one(['ZUNIONSTORE', 'ZINTERSTORE']), one(keys), '2', one(keys), one(keys), 'WEIGHTS', one(scores), one(scores),
        'AGGREGATE', one(['SUM', 'MIN', 'MAX'])],
      () => ['ZDIFFSTORE', one(keys), '2', one(keys), one(keys)],
      () => ['ZINTERCARD', '2', one(keys), one(keys), 'LIMIT', int(0, 3)],
      () => ['ZRANGESTORE', one(keys), one(keys), int(-3, 3), int(-3, 3)],
      () => ['SADD', 's1', one(members)],
      () => ['ZADD', 'lex', '0', one(members)],
      () => [one(['ZRANGEBYLEX', 'ZREVRANGEBYLEX', 'ZLEXCOUNT', 'ZREMRANGEBYLEX']), 'lex', one(lexBounds), one(lexBounds)],
      () => ['ZRANGE', 'lex', one(lexBounds), one(lexBounds), 'BYLEX', ...(random() < 0.5 ? ['REV'] : []),
        ...(random() < 0.5 ? ['LIMIT', int(-1, 3), int(-1, 3)] : [])],
      // Now and then a bulk add that turns a set into a skiplist.
      () => random() < 0.1
        ? ['ZADD', one(keys), ...range(1, 140).flatMap((n) => [int(-20, 20), `k${Math.floor(random() * 400)}`])]
        : ['ZCARD', one(keys)],
    ]
    await redis.client.call(['FLUSHALL'])
    const lines: ScriptLine[] = []
    for (let i = 0; i < 1500; i++) lines.push({ cmd: one(generators)() })
    for (const key of [...keys, 'lex']) lines.push(`ZRANGE ${key} 0 -1 WITHSCORES`, `OBJECT ENCODING ${key}`)
    return diffLines(redis, new EnginePeer(), lines)
  }
})
