// Stream commands against a real redis-server: entries, ranges, trimming, reads, consumer groups,
// pending entries, claims and XINFO, replies compared as a client sees them (RESP2 and RESP3).
// Times (idle, delivery and seen times, `*` ids) are compared within a tolerance.
import { afterAll, beforeAll, describe, it } from 'vitest'
import {
  expectSameReplies, REDIS_SERVER, resp3, show, startRedis, type Compare, type RedisProcess, type ScriptLine,
} from '../helpers/redis-server.ts'
import type { Reply } from '../../worker/reply.ts'

const TOLERANCE = 1500

/** Same shape; integers and `<ms>-<seq>` id texts may differ by up to TOLERANCE ms (time passes between the sides). */
function close(redis: Reply, engine: Reply): boolean {
  if (redis.type !== engine.type) return false
  switch (redis.type) {
    case 'integer':
      return Math.abs(Number(redis.value) - Number((engine as typeof redis).value)) <= TOLERANCE
    case 'bulk': {
      const other = (engine as typeof redis).value
      const a = /^(\d{13})-(\d+)$/.exec(redis.value)
      const b = /^(\d{13})-(\d+)$/.exec(other)
      // Different milliseconds on the two sides give different sequence numbers, so only the time is compared.
      if (a && b) return Math.abs(Number(a[1]) - Number(b[1])) <= TOLERANCE
      return redis.value === other
    }
    case 'array':
    case 'set':
    case 'push': {
      const other = (engine as typeof redis).value
      return redis.value.length === other.length && redis.value.every((item, i) => close(item, other[i]))
    }
    case 'map': {
      const other = (engine as typeof redis).value
      return redis.value.length === other.length &&
        redis.value.every(([k, v], i) => close(k, other[i][0]) && close(v, other[i][1]))
    }
    default:
      return show(redis) === show(engine)
  }
}

const timed = (cmd: string): ScriptLine => ({ cmd, compare: close as Compare })

describe.skipIf(!REDIS_SERVER)('stream commands against redis-server', () => {
  let redis: RedisProcess
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  const expectSame = (lines: ScriptLine[], resp: 2 | 3 = 2) => expectSameReplies(redis, resp === 3 ? resp3(lines) : lines)

  it('XADD ids: explicit, <ms>-*, *, monotonic, errors', async () => {
    await expectSame([
      'XADD s 1-1 a 1', 'XADD s 1-1 a 1', 'XADD s 1-0 a 1', 'XADD s 1-* b 2', 'XADD s 1 c 3', 'XADD s 2-* d 4',
      'XADD s 0-0 a 1', 'XADD s 0-* a 1', 'XADD s 5 a', 'XADD s 5', 'XADD s bad a 1', 'XADD s - a 1', 'XADD s + a 1',
      'XADD s 05-+1 a 1', 'XADD s 18446744073709551616 a 1', 'XADD s 1-18446744073709551616 a 1',
      'XADD s 3-18446744073709551615 a 1', 'XADD s 3-* a 1', 'XADD s 4-* a 1',
      'XADD t 5-18446744073709551615 a 1', 'XADD t 5-* a 1', 'XADD t 6-* a 1',
      'XADD m 18446744073709551615-18446744073709551615 a 1', 'XADD m * a 1', 'XADD m 1-1 a 1',
      'XADD n 18446744073709551615-18446744073709551614 a 1', 'XADD n 18446744073709551615-* a 1',
      'XADD n * a 1',
      'XLEN s', 'XLEN nokey', 'XRANGE s - +', 'TYPE s', 'OBJECT ENCODING s',
      'XADD nokey NOMKSTREAM * a 1', 'EXISTS nokey', 'XADD s NOMKSTREAM 9-1 a 1', 'XADD s nomkstream 10-1 a 1 b 2 c 3',
      'SET str x', 'XADD str * a 1', 'XADD str bad a 1', 'XLEN str', 'XRANGE str - +',
      timed('XADD t * a 1'), timed('XADD t * b 2'), 'XLEN t', timed('XADD t 99999999999999-* a 1'), timed('XADD t * a 1'),
    ])
  })

  it('XADD and XTRIM trimming: MAXLEN, MINID, =, ~, LIMIT and their errors', async () => {
    const adds = Array.from({ length: 250 }, (_, i) => `XADD big ${i + 1}-0 f ${i}`)
    await expectSame([
      ...adds,
      'XTRIM big MAXLEN ~ 200', 'XLEN big', 'XTRIM big MAXLEN ~ 120', 'XLEN big', 'XTRIM big MAXLEN ~ 120 LIMIT 10',
      'XTRIM big MAXLEN 120 LIMIT 10', 'XTRIM big MAXLEN = 120', 'XLEN big', 'XRANGE big - + COUNT 2',
      'XTRIM big MINID ~ 190', 'XLEN big', 'XTRIM big MINID 195', 'XRANGE big - + COUNT 1', 'XTRIM big MINID = 195-0',
      'XADD s 1-1 a 1', 'XADD s 2-1 a 1', 'XADD s MAXLEN 1 3-1 a 1', 'XRANGE s - +', 'XADD s MINID 5 4-1 a 1', 'XLEN s',
      'XADD s MAXLEN -1 5-1 a 1', 'XADD s MAXLEN x 5-1 a 1', 'XADD s MINID x 5-1 a 1', 'XADD s MAXLEN 1 MINID 1 5-1 a 1',
      'XADD s LIMIT 5 5-1 a 1', 'XADD s LIMIT 0 5-1 a 1', 'XADD s MAXLEN 5 LIMIT 1 5-1 a 1', 'XADD s MAXLEN ~ 5 LIMIT -1 5-1 a 1',
      'XADD s MAXLEN ~ 5 LIMIT 1 5-1 a 1', 'XADD s maxlen = 0 6-1 a 1', 'XLEN s', 'EXISTS s', 'XINFO STREAM s',
      'XTRIM s', 'XTRIM s foo', 'XTRIM s LIMIT 5', 'XTRIM s MAXLEN 1 foo', 'XTRIM s MAXLEN', 'XTRIM nokey MAXLEN 1',
      'XTRIM s MINID -', 'XTRIM s MAXLEN ~ 1 LIMIT 5 MINID 4', 'XTRIM str MAXLEN 1', 'SET str x', 'XTRIM str MAXLEN 1',
    ])
  })

  it('XRANGE and XREVRANGE: bounds, exclusive bounds, COUNT, errors', async () => {
    await expectSame([
      'XADD s 1-1 a 1', 'XADD s 1-2 b 2', 'XADD s 2-0 c 3 d 4', 'XADD s 3-5 e 5',
      'XRANGE s - +', 'XREVRANGE s + -', 'XRANGE s 1 1', 'XRANGE s 1-2 +', 'XRANGE s (1-1 +', 'XRANGE s - (2-0',
      'XREVRANGE s (3-5 (1-1', 'XRANGE s (1 +', 'XRANGE s - (2', 'XRANGE s - + COUNT 2', 'XREVRANGE s + - COUNT 1',
      'XRANGE s - + COUNT 0', 'XRANGE s - + COUNT -1', 'XRANGE nokey - + COUNT 0', 'XRANGE nokey - +',
      'XRANGE s - + COUNT x', 'XRANGE s - + COUNT', 'XRANGE s - + foo', 'XRANGE s ( +', 'XRANGE s (- +', 'XRANGE s - (+',
      'XRANGE s (18446744073709551615-18446744073709551615 +', 'XRANGE s - (0-0', 'XRANGE s 05 +', 'XRANGE s +5 +',
      'XRANGE s 0x5 +', 'XRANGE s -5 +', 'XRANGE s 5- +', 'XRANGE s 1-2-3 +', 'XRANGE s " 1" +', 'XRANGE s 3 1',
      'XREVRANGE s - +', 'XRANGE s 18446744073709551615 +', 'XRANGE s - 0-18446744073709551615',
      'XRANGE s - + COUNT 1 COUNT 3',
    ])
    await expectSame(['XADD s 1-1 a 1 b 2', 'XRANGE s - +', 'XREVRANGE s + -', 'XRANGE s 5 +'], 3)
  })

  it('XDEL, XSETID and the stream counters in XINFO STREAM', async () => {
    await expectSame([
      'XADD s 1-1 a 1', 'XADD s 2-1 b 2', 'XADD s 3-1 c 3', 'XDEL s 2-1 2-1 9-9', 'XDEL s bad', 'XDEL nokey bad',
      'XINFO STREAM s', 'XDEL s 1-1', 'XINFO STREAM s', 'XDEL s 3-1', 'XINFO STREAM s', 'XLEN s', 'EXISTS s',
      'XADD s 4-1 d 4', 'XINFO STREAM s',
      'XSETID s 3-0', 'XSETID s 4-0', 'XSETID s 5-0', 'XSETID s 5-0 ENTRIESADDED -1', 'XSETID s 5 MAXDELETEDID 6',
      'XSETID s 5 ENTRIESADDED 0', 'XSETID s 6 ENTRIESADDED 10 MAXDELETEDID 5', 'XINFO STREAM s', 'XSETID s 5 foo',
      'XSETID s -', 'XSETID nokey 1-1', 'XSETID s 4-5', 'XDEL s 4-1', 'XSETID s 5-1', 'XSETID s 7', timed('XADD s * a 1'),
      'SET str x', 'XDEL str bad', 'XSETID str 1',
    ])
  })

  it('XREAD: several streams, $, COUNT, errors, RESP3 map', async () => {
    const lines: ScriptLine[] = [
      'XADD s 1-1 a 1', 'XADD s 2-1 b 2', 'XADD t 5-0 c 3',
      'XREAD STREAMS s 0', 'XREAD COUNT 1 STREAMS s t 0 0', 'XREAD STREAMS s t 1-1 5-0', 'XREAD STREAMS s $',
      'XREAD STREAMS nokey s 0 0', 'XREAD COUNT -5 STREAMS s 0', 'XREAD STREAMS s 2-1', 'XREAD STREAMS s +',
      'XREAD STREAMS s', 'XREAD STREAMS s t 0', 'XREAD BLOCK -1 STREAMS s 0', 'XREAD BLOCK x STREAMS s 0',
      'XREAD GROUP g c STREAMS s 0', 'XREAD NOACK STREAMS s 0', 'XREAD foo STREAMS s 0', 'XREAD COUNT 1',
      'XREAD STREAMS s >', 'XREAD STREAMS s -', 'XREAD COUNT 1 COUNT 2 STREAMS s 0', 'XREAD BLOCK 0 STREAMS s 0',
      'SET str x', 'XREAD STREAMS str 0', 'XREAD STREAMS s str 0 0',
    ]
    await expectSame(lines)
    await expectSame(lines, 3)
  })

  it('XGROUP CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP', async () => {
    await expectSame([
      'XADD s 1-1 a 1', 'XADD s 2-1 b 2',
      'XGROUP CREATE s g 0', 'XGROUP CREATE s g 0', 'XGROUP CREATE nokey g 0', 'XGROUP CREATE made g $ MKSTREAM',
      'XLEN made', 'TYPE made', 'XGROUP CREATE s g2 $ ENTRIESREAD 1', 'XGROUP CREATE s g3 0 ENTRIESREAD -2',
      'XGROUP CREATE s g3 0 ENTRIESREAD x', 'XGROUP CREATE s g3 0 foo', 'XGROUP CREATE s g3 bad', 'XGROUP CREATE s g3 +',
      'XGROUP CREATE s g3', 'XGROUP CREATE s g4 0 MKSTREAM ENTRIESREAD 2', 'XGROUP CREATE s g5 0 ENTRIESREAD -1 MKSTREAM',
      'XGROUP CREATE nokey g 0 ENTRIESREAD', 'XINFO GROUPS s',
      'XGROUP SETID s g 5 ENTRIESREAD 3', 'XGROUP SETID s nog 0', 'XGROUP SETID nokey g 0', 'XGROUP SETID s g $',
      'XGROUP SETID s g 0 foo', 'XGROUP SETID s g 0 ENTRIESREAD -5', 'XGROUP SETID s g -', 'XGROUP SETID s g +',
      'XGROUP SETID s g 0 MKSTREAM', 'XINFO GROUPS s',
      'XGROUP CREATECONSUMER s g c', 'XGROUP CREATECONSUMER s g c', 'XGROUP CREATECONSUMER s nog c',
      'XGROUP CREATECONSUMER nokey g c', 'XGROUP DELCONSUMER s g zz', 'XGROUP DELCONSUMER s nog c',
      'XGROUP DESTROY s nog', 'XGROUP DESTROY nokey g', 'XGROUP DESTROY s g2', 'XGROUP DESTROY s g2',
      'XGROUP HELP', 'XGROUP HELP x', 'XGROUP foo', 'XGROUP', 'XGROUP CREATE str g 0', 'SET str x',
      'XGROUP CREATE str g 0', 'XGROUP CREATE str g 0 MKSTREAM', 'XGROUP DESTROY str g',
      timed('XINFO CONSUMERS s g'), 'XGROUP DELCONSUMER s g c', 'XINFO CONSUMERS s g',
    ])
  })

  it('XREADGROUP, XACK, XPENDING: new entries, history, NOACK, COUNT, summary and extended forms', async () => {
    const lines: ScriptLine[] = [
      'XADD s 1-1 a 1', 'XADD s 2-1 b 2', 'XADD s 3-1 c 3', 'XGROUP CREATE s g 0',
      'XREADGROUP STREAMS s 0', 'XREADGROUP GROUP g c STREAMS s $', 'XREADGROUP GROUP nog c STREAMS s >',
      'XREADGROUP GROUP g c STREAMS nokey >', 'XREADGROUP GROUP g STREAMS s >', 'XREAD GROUP g c STREAMS s >',
      'XREADGROUP GROUP g c1 COUNT 1 STREAMS s >', 'XREADGROUP GROUP g c2 STREAMS s >', 'XREADGROUP GROUP g c2 STREAMS s >',
      'XREADGROUP GROUP g c1 STREAMS s 0', 'XREADGROUP GROUP g c2 COUNT 1 STREAMS s 0', 'XREADGROUP GROUP g c2 STREAMS s 2-1',
      'XREADGROUP GROUP g c3 STREAMS s 0',
      'XPENDING s g', timed('XPENDING s g - + 10'), timed('XPENDING s g - + 10 c2'), 'XPENDING s g - + 10 nobody',
      timed('XPENDING s g (1-1 + 1'), 'XPENDING s g - + 0', 'XPENDING s g - + -3', timed('XPENDING s g IDLE 0 - + 10'),
      'XPENDING s g IDLE 100000 - + 10', 'XPENDING s g IDLE 5 - +', 'XPENDING s g IDLE x - + 10', 'XPENDING s g - +',
      'XPENDING s g - + x', 'XPENDING s g bad + 1', 'XPENDING s g - + 1 c 1 2 3', 'XPENDING s nog', 'XPENDING nokey g',
      'XPENDING s g 3-1 1-1 10',
      'XACK s g 1-1 9-9', 'XACK s g bad', 'XACK s nog 1-1', 'XACK nokey g bad', 'XACK s g 1-1', 'XPENDING s g',
      'XADD s 4-1 d 4', 'XREADGROUP GROUP g c1 NOACK STREAMS s >', 'XPENDING s g', 'XINFO GROUPS s',
      'XDEL s 2-1', 'XREADGROUP GROUP g c2 STREAMS s 0', timed('XPENDING s g - + 10'),
      'XGROUP SETID s g 0', 'XREADGROUP GROUP g c1 COUNT 2 STREAMS s >', 'XPENDING s g', 'XINFO GROUPS s',
      'XADD t 1-1 x 1', 'XGROUP CREATE t g $', 'XREADGROUP GROUP g c STREAMS s t > >', 'XADD t 2-1 y 2',
      'XREADGROUP GROUP g c STREAMS s t > >', 'XREADGROUP GROUP g fresh STREAMS t >', timed('XINFO CONSUMERS t g'),
      'SET str x', 'XREADGROUP GROUP g c STREAMS str >', 'XACK str g 1-1', 'XPENDING str g',
    ]
    await expectSame(lines)
    await expectSame(lines, 3)
  })

  it('XCLAIM and XAUTOCLAIM: idle filters, TIME, RETRYCOUNT, FORCE, JUSTID, LASTID, deleted entries', async () => {
    await expectSame([
      'XADD s 1-1 a 1', 'XADD s 2-1 b 2', 'XADD s 3-1 c 3', 'XADD s 4-1 d 4', 'XGROUP CREATE s g 0',
      'XREADGROUP GROUP g c1 STREAMS s >',
      'XCLAIM s g c2 0 1-1', timed('XPENDING s g - + 10'), 'XCLAIM s g c2 100000 2-1', 'XCLAIM s g c2 0 2-1 JUSTID',
      timed('XPENDING s g - + 10'), 'XCLAIM s g c3 0 3-1 RETRYCOUNT 7', timed('XPENDING s g - + 10'),
      'XCLAIM s g c3 0 3-1 IDLE 5000 JUSTID', timed('XPENDING s g - + 10'), 'XCLAIM s g c3 0 4-1 TIME 1000 JUSTID',
      timed('XPENDING s g - + 10'), 'XCLAIM s g c3 0 9-9', 'XCLAIM s g c3 0 9-9 FORCE', 'XADD s 5-1 e 5',
      'XCLAIM s g c4 0 5-1 FORCE', timed('XPENDING s g - + 10'), 'XCLAIM s g c4 0 5-1 LASTID 5-1 JUSTID', 'XINFO GROUPS s',
      'XCLAIM s g c2 x 1-1', 'XCLAIM s g c2 0 1-1 IDLE x', 'XCLAIM s g c2 0 1-1 TIME x', 'XCLAIM s g c2 0 1-1 RETRYCOUNT x',
      'XCLAIM s g c2 0 1-1 LASTID x', 'XCLAIM s g c2 0 1-1 foo', 'XCLAIM s g c2 0 1-1 IDLE', 'XCLAIM s nog c 0 1-1',
      'XCLAIM nokey g c 0 1-1', 'XCLAIM s g c2 0 bad', 'XCLAIM s g c2 -5 1-1 JUSTID',
      'XDEL s 1-1', 'XCLAIM s g c2 0 1-1', timed('XPENDING s g - + 10'),
      'XAUTOCLAIM s g c5 0 0', timed('XPENDING s g - + 10'), 'XAUTOCLAIM s g c6 0 0 COUNT 1', 'XAUTOCLAIM s g c6 0 (2-1 COUNT 1 JUSTID',
      'XAUTOCLAIM s g c6 100000 0', 'XDEL s 3-1', 'XAUTOCLAIM s g c7 0 0 JUSTID', 'XPENDING s g',
      'XAUTOCLAIM s g c7 x 0', 'XAUTOCLAIM s g c7 0 bad', 'XAUTOCLAIM s g c7 0 0 COUNT 0', 'XAUTOCLAIM s g c7 0 0 COUNT x',
      'XAUTOCLAIM s g c7 0 0 foo', 'XAUTOCLAIM s nog c 0 0', 'XAUTOCLAIM nokey g c 0 0', 'XAUTOCLAIM s g c7 0 (18446744073709551615-18446744073709551615',
      'XAUTOCLAIM s g c7 0 0 COUNT 9223372036854775807', 'XAUTOCLAIM s g c7 0 0 COUNT 576460752303423487',
      timed('XINFO CONSUMERS s g'), 'SET str x', 'XCLAIM str g c 0 1-1', 'XAUTOCLAIM str g c 0 0',
      ['XCLAIM', 'no\x00key', 'g\x00x', 'c', '0', '1-1'], ['XAUTOCLAIM', 's', 'g\r\n', 'c', '0', '0'],
      ['XCLAIM', 's', 'g', 'c', '0', '1-1', 'bad\x00option'], ['XINFO', 'CONSUMERS', 's', 'no\x00group'],
      ['XREADGROUP', 'GROUP', 'n\x00g', 'c', 'STREAMS', 's', '>'],
    ])
  })

  it('XINFO STREAM (FULL), GROUPS, CONSUMERS, HELP', async () => {
    const lines: ScriptLine[] = [
      'XINFO STREAM nokey', 'XINFO GROUPS nokey', 'XINFO CONSUMERS nokey g', 'XINFO HELP', 'XINFO HELP x', 'XINFO foo',
      'XADD s 1-1 a 1', 'XADD s 2-1 b 2', 'XADD s 3-1 c 3', 'XINFO STREAM s', 'XINFO STREAM s FULL',
      'XGROUP CREATE s g 0', 'XGROUP CREATE s a $', 'XREADGROUP GROUP g c1 COUNT 1 STREAMS s >',
      'XREADGROUP GROUP g c0 STREAMS s >', timed('XINFO STREAM s FULL'), timed('XINFO STREAM s FULL COUNT 1'),
      timed('XINFO STREAM s FULL COUNT 0'), timed('XINFO STREAM s FULL COUNT -1'), 'XINFO STREAM s FULL COUNT x',
      'XINFO STREAM s FULL x', 'XINFO STREAM s FOO', 'XINFO STREAM s FULL COUNT', 'XINFO GROUPS s', timed('XINFO CONSUMERS s g'),
      'XINFO CONSUMERS s nog', 'XINFO GROUPS s x', 'XDEL s 2-1', 'XINFO GROUPS s', 'XINFO STREAM s',
      'SET str x', 'XINFO STREAM str', 'XINFO GROUPS str',
    ]
    await expectSame(lines)
    await expectSame(lines, 3)
  })

  it('the tutorial stream examples', async () => {
    await expectSame([
      timed('XADD events * type "order" user_id "1001" amount "59.99"'),
      timed('XADD events * type "payment" user_id "1001" status "completed"'),
      timed('XREVRANGE events + - COUNT 10'),
      'XGROUP CREATE events order-processors $ MKSTREAM',
      'XREADGROUP GROUP order-processors worker-1 COUNT 1 STREAMS events >',
      timed('XADD events * type "order" user_id "1002" amount "12.50"'),
      timed('XREADGROUP GROUP order-processors worker-1 COUNT 1 STREAMS events >'),
      'XACK events order-processors 1677000000000-0',
      timed('XPENDING events order-processors - + 10'),
      'XPENDING events order-processors',
    ].map((line) => (typeof line === 'string' ? { cmd: line, compare: close as Compare } : line)))
  })
})
