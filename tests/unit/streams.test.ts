// Stream commands on the engine alone, with a fake clock: ids, ranges, trimming, groups, claims,
// XINFO and blocking reads, expected replies written out.
import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { BLOCKED } from '../../worker/blocking.ts'
import { array, bulk, bulks, error, int, NIL, NIL_ARRAY, OK, type Reply } from '../../worker/reply.ts'
import type { Client } from '../../worker/engine.ts'

const entry = (id: string, ...fields: string[]): Reply => array([bulk(id), bulks(fields)])

function collecting(client: Client): Reply[] {
  const got: Reply[] = []
  client.deliver = (reply) => got.push(reply)
  return got
}

describe('XADD ids', () => {
  it('makes time-based ids that stay monotonic when the clock goes back', () => {
    const t = testEngine(1000)
    expect(t.run('XADD s * a 1')).toEqual(bulk('1000-0'))
    expect(t.run('XADD s * a 2')).toEqual(bulk('1000-1'))
    t.advance(-500)
    expect(t.run('XADD s * a 3')).toEqual(bulk('1000-2'))
    t.advance(600)
    expect(t.run('XADD s * a 4')).toEqual(bulk('1100-0'))
    expect(t.run('XADD s 1100-* a 5')).toEqual(bulk('1100-1'))
    expect(t.run('XADD s 1200-* a 6')).toEqual(bulk('1200-0'))
    expect(t.run('XADD s 5-5 a 1')).toEqual(error('ERR The ID specified in XADD is equal or smaller than the target stream top item'))
    expect(t.run('XADD s 0-0 a 1')).toEqual(error('ERR The ID specified in XADD must be greater than 0-0'))
    expect(t.run('XADD s * a')).toEqual(error("ERR wrong number of arguments for 'xadd' command"))
    expect(t.run('XADD none NOMKSTREAM * a 1')).toEqual(NIL)
    expect(t.run('XLEN s')).toEqual(int(6))
    expect(t.run('TYPE s')).toEqual({ type: 'simple', value: 'stream' })
    expect(t.run('OBJECT ENCODING s')).toEqual(bulk('stream'))
  })

  it('refuses to go past the last possible id', () => {
    const t = testEngine()
    t.run('XADD s 18446744073709551615-18446744073709551615 a 1')
    expect(t.run('XADD s * a 1')).toEqual(error('ERR The stream has exhausted the last possible ID, unable to add more items'))
  })
})

describe('ranges, deletion and trimming', () => {
  it('reads ranges with exclusive bounds and COUNT, and keeps an emptied stream', () => {
    const t = testEngine()
    for (const id of ['1-1', '1-2', '2-0', '3-5']) t.run(`XADD s ${id} f ${id}`)
    expect(t.run('XRANGE s (1-1 (3-5')).toEqual(array([entry('1-2', 'f', '1-2'), entry('2-0', 'f', '2-0')]))
    expect(t.run('XREVRANGE s + - COUNT 1')).toEqual(array([entry('3-5', 'f', '3-5')]))
    expect(t.run('XRANGE s - + COUNT 0')).toEqual(NIL_ARRAY)
    expect(t.run('XRANGE s - (0-0')).toEqual(error('ERR invalid end ID for the interval'))
    expect(t.run('XDEL s 1-1 1-1 9-9')).toEqual(int(1))
    expect(t.run('XTRIM s MAXLEN 1')).toEqual(int(2))
    expect(t.run('XRANGE s - +')).toEqual(array([entry('3-5', 'f', '3-5')]))
    expect(t.run('XTRIM s MINID 4')).toEqual(int(1))
    expect(t.run('XLEN s')).toEqual(int(0))
    expect(t.run('EXISTS s')).toEqual(int(1))
  })

  it('trims approximately by whole nodes of stream-node-max-entries', () => {
    const t = testEngine()
    for (let i = 1; i <= 250; i++) t.run(`XADD s ${i}-0 f ${i}`)
    expect(t.run('XTRIM s MAXLEN ~ 120')).toEqual(int(100))
    expect(t.run('XTRIM s MAXLEN ~ 120')).toEqual(int(0))
    expect(t.run('XTRIM s MAXLEN = 120')).toEqual(int(30))
  })
})

describe('consumer groups', () => {
  it('delivers, records pending entries, acknowledges and claims', () => {
    const t = testEngine(10_000)
    t.run('XADD s 1-1 a 1')
    t.run('XADD s 2-1 b 2')
    expect(t.run('XGROUP CREATE s g 0')).toEqual(OK)
    expect(t.run('XREADGROUP GROUP g alice COUNT 1 STREAMS s >')).toEqual(array([array([bulk('s'), array([entry('1-1', 'a', '1')])])]))
    t.advance(100)
    expect(t.run('XREADGROUP GROUP g bob STREAMS s >')).toEqual(array([array([bulk('s'), array([entry('2-1', 'b', '2')])])]))
    expect(t.run('XREADGROUP GROUP g bob STREAMS s >')).toEqual(NIL_ARRAY)
    t.advance(50)
    expect(t.run('XPENDING s g')).toEqual(array([int(2), bulk('1-1'), bulk('2-1'),
      array([bulks(['alice', '1']), bulks(['bob', '1'])])]))
    expect(t.run('XPENDING s g IDLE 100 - + 10')).toEqual(array([array([bulk('1-1'), bulk('alice'), int(150), int(1)])]))
    expect(t.run('XCLAIM s g bob 120 1-1 JUSTID')).toEqual(bulks(['1-1']))
    expect(t.run('XPENDING s g - + 10 bob')).toEqual(array([
      array([bulk('1-1'), bulk('bob'), int(0), int(1)]), array([bulk('2-1'), bulk('bob'), int(50), int(1)])]))
    t.advance(1000)
    expect(t.run('XAUTOCLAIM s g carol 500 0 COUNT 1')).toEqual(array([bulk('2-1'), array([entry('1-1', 'a', '1')]), array([])]))
    expect(t.run('XACK s g 1-1 2-1 3-1')).toEqual(int(2))
    expect(t.run('XPENDING s g')).toEqual(array([int(0), NIL, NIL, NIL_ARRAY]))
    expect(t.run('XINFO GROUPS s')).toEqual(array([{ type: 'map', value: [
      [bulk('name'), bulk('g')], [bulk('consumers'), int(3)], [bulk('pending'), int(0)],
      [bulk('last-delivered-id'), bulk('2-1')], [bulk('entries-read'), int(2)], [bulk('lag'), int(0)],
    ] }]))
    expect(t.run('XREADGROUP GROUP nog c STREAMS s >'))
      .toEqual(error("NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with GROUP option"))
  })
})

describe('blocking reads', () => {
  it('serves XREAD BLOCK with $ when another client adds, and answers nil at the timeout', () => {
    const t = testEngine()
    t.run('XADD s 1-1 a 1')
    const waiter = t.engine.createClient()
    const got = collecting(waiter)
    expect(t.run('XREAD BLOCK 0 STREAMS s $', waiter)).toBe(BLOCKED)
    t.run('XADD s 2-1 b 2')
    expect(got).toEqual([array([array([bulk('s'), array([entry('2-1', 'b', '2')])])])])
    expect(t.run('XREAD BLOCK 100 STREAMS s $', waiter)).toBe(BLOCKED)
    t.advance(150)
    t.engine.tick()
    expect(got[1]).toEqual(NIL_ARRAY)
  })

  it('serves XREADGROUP BLOCK with > and records the delivery as pending', () => {
    const t = testEngine()
    t.run('XGROUP CREATE s g $ MKSTREAM')
    const waiter = t.engine.createClient()
    const got = collecting(waiter)
    expect(t.run('XREADGROUP GROUP g c BLOCK 0 STREAMS s >', waiter)).toBe(BLOCKED)
    t.run('XADD s 5-1 x 1')
    expect(got).toEqual([array([array([bulk('s'), array([entry('5-1', 'x', '1')])])])])
    expect(t.run('XPENDING s g')).toEqual(array([int(1), bulk('5-1'), bulk('5-1'), array([bulks(['c', '1'])])]))
  })
})
