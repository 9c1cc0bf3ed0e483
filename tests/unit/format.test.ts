import { describe, expect, it } from 'vitest'
import { formatReply } from '../../worker/format.ts'
import {
  array, boolean, bulk, bulks, double, EMPTY_ARRAY, error, int, map, NIL, NIL_ARRAY, OK, push, set, simple, verbatim,
  type Reply,
} from '../../worker/reply.ts'
import { testEngine } from '../helpers/engine.ts'

describe('formatReply', () => {
  it('simple replies', () => {
    expect(formatReply(OK)).toBe('OK')
    expect(formatReply(simple('PONG'))).toBe('PONG')
    expect(formatReply(error('ERR unknown command'))).toBe('(error) ERR unknown command')
    expect(formatReply(int(3))).toBe('(integer) 3')
    expect(formatReply(int(-9223372036854775808n))).toBe('(integer) -9223372036854775808')
    expect(formatReply(NIL)).toBe('(nil)')
    expect(formatReply(NIL_ARRAY)).toBe('(nil)')
    expect(formatReply(bulk('value'))).toBe('"value"')
    expect(formatReply(bulk(''))).toBe('""')
    expect(formatReply(double(1.5))).toBe('(double) 1.5')
    expect(formatReply(double(0.1))).toBe('(double) 0.10000000000000001')
    expect(formatReply(double(-Infinity))).toBe('(double) -inf')
    expect(formatReply(boolean(true))).toBe('(true)')
    expect(formatReply(boolean(false))).toBe('(false)')
    expect(formatReply({ type: 'bigNumber', value: '123456789012345678901234567890' }))
      .toBe('(big number) 123456789012345678901234567890')
    expect(formatReply(verbatim('line one\nline two\n'))).toBe('line one\nline two\n')
  })

  it('escapes strings as sdscatrepr does', () => {
    expect(formatReply(bulk('a\n\r\t\x07\x08\\"b'))).toBe('"a\\n\\r\\t\\a\\b\\\\\\"b"')
    expect(formatReply(bulk('\x00\x01\x1b\x7f\x80\xff ~'))).toBe('"\\x00\\x01\\x1b\\x7f\\x80\\xff ~"')
    // UTF-8 bytes of "é" are not printable in the C locale.
    expect(formatReply(bulk('\xc3\xa9'))).toBe('"\\xc3\\xa9"')
    expect(formatReply(bulk("it's"))).toBe('"it\'s"')
  })

  it('status and error texts end at a NUL byte, as C strings do', () => {
    expect(formatReply(simple('OK\x00hidden'))).toBe('OK')
    expect(formatReply(error('ERR x\x00y'))).toBe('(error) ERR x')
  })

  it('numbered and nested arrays', () => {
    expect(formatReply(EMPTY_ARRAY)).toBe('(empty array)')
    expect(formatReply(array([int(1), array([int(2), bulk('x')]), EMPTY_ARRAY]))).toBe([
      '1) (integer) 1',
      '2) 1) (integer) 2',
      '   2) "x"',
      '3) (empty array)',
    ].join('\n'))
    const eleven = array([...Array.from({ length: 10 }, (_, i) => int(i + 1)), array([int(1), array([bulk('deep'), NIL])])])
    expect(formatReply(eleven)).toBe([
      ' 1) (integer) 1', ' 2) (integer) 2', ' 3) (integer) 3', ' 4) (integer) 4', ' 5) (integer) 5',
      ' 6) (integer) 6', ' 7) (integer) 7', ' 8) (integer) 8', ' 9) (integer) 9', '10) (integer) 10',
      '11) 1) (integer) 1',
      '    2) 1) "deep"',
      '       2) (nil)',
    ].join('\n'))
  })

  it('maps, sets and pushes', () => {
    expect(formatReply(map([]))).toBe('(empty hash)')
    expect(formatReply(set([]))).toBe('(empty set)')
    expect(formatReply(push([]))).toBe('(empty push)')
    expect(formatReply(map([[bulk('server'), bulk('redis')], [bulk('proto'), int(3)], [bulk('modules'), EMPTY_ARRAY]])))
      .toBe('1# "server" => "redis"\n2# "proto" => (integer) 3\n3# "modules" => (empty array)')
    expect(formatReply(set([bulk('a'), int(2)]))).toBe('1~ "a"\n2~ (integer) 2')
    expect(formatReply(push([bulk('message'), bulk('ch'), bulk('hi')]))).toBe('1) "message"\n2) "ch"\n3) "hi"')
  })

  it('map values on several lines start on a new line; one-line aggregates stay inline', () => {
    const nested = array([
      map([
        [bulk('a'), array([int(1), int(2)])],
        [bulk('b'), map([[bulk('x'), int(1)]])],
        [bulk('c'), array([array([int(1), int(2)])])],
        [bulk('d'), array([bulk('only')])],
      ]),
      set([bulk('q')]),
    ])
    expect(formatReply(nested)).toBe([
      '1) 1# "a" => ',
      '      1) (integer) 1',
      '      2) (integer) 2',
      '   2# "b" => 1# "x" => (integer) 1',
      '   3# "c" => ',
      '      1) 1) (integer) 1',
      '         2) (integer) 2',
      '   4# "d" => 1) "only"',
      '2) 1~ "q"',
    ].join('\n'))
    expect(formatReply(map([[array([int(1), int(2)]), int(1)]]))).toBe('1# 1) (integer) 1\n   2) (integer) 2 => (integer) 1')
  })

  it('client-side caching invalidations', () => {
    expect(formatReply(push([bulk('invalidate'), bulks(['k', 'other'])]))).toBe("-> invalidate: 'k', 'other'")
    expect(formatReply(push([bulk('invalidate'), NIL]))).toBe('1) "invalidate"\n2) (nil)')
  })

  it('RESP2 shows what a RESP2 client receives', () => {
    const reply: Reply = map([[bulk('f'), double(2.5)], [bulk('t'), boolean(true)]])
    expect(formatReply(reply, 2)).toBe('1) "f"\n2) "2.5"\n3) "t"\n4) (integer) 1')
    expect(formatReply(set([bulk('a')]), 2)).toBe('1) "a"')
    expect(formatReply(verbatim('text\n'), 2)).toBe('"text\\n"')
    expect(formatReply(map([]), 2)).toBe('(empty array)')
    expect(formatReply(NIL, 2)).toBe('(nil)')
    expect(formatReply(NIL_ARRAY, 2)).toBe('(nil)')
  })

  it('engine replies to hash commands', () => {
    const t = testEngine()
    t.run('HSET h name Ada lang "C\\n"')
    expect(formatReply(t.run('HGETALL h'), 2)).toBe('1) "name"\n2) "Ada"\n3) "lang"\n4) "C\\n"')
    expect(formatReply(t.run('HGETALL h'), 3)).toBe('1# "name" => "Ada"\n2# "lang" => "C\\n"')
    expect(formatReply(t.run('HSCAN h 0'), 2)).toBe('1) "0"\n2) 1) "name"\n   2) "Ada"\n   3) "lang"\n   4) "C\\n"')
    expect(formatReply(t.run('HMGET h name nope'), 2)).toBe('1) "Ada"\n2) (nil)')
  })
})
