import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { array, bulk, error, int, map, NIL, OK, type Reply } from '../../worker/reply.ts'
import { ListValue } from '../../worker/types/list.ts'
import {
  addLongDouble, formatLongDouble, incrementByFloat, isFiniteLongDouble, parseLongDouble, type LongDouble,
} from '../../worker/longdouble.ts'

const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value')
const SYNTAX = error('ERR syntax error')
const NOT_INTEGER = error('ERR value is not an integer or out of range')
const NOT_FLOAT = error('ERR value is not a valid float')
const OVERFLOW = error('ERR increment or decrement would overflow')
const NAN_OR_INFINITY = error('ERR increment would produce NaN or Infinity')
const TOO_LONG = error('ERR string exceeds maximum allowed size (proto-max-bulk-len)')
const invalidExpire = (name: string) => error(`ERR invalid expire time in '${name}' command`)
const range = (a: number, b: number, c: number, d: number, length?: number): Reply =>
  array([array([int(a), int(b)]), array([int(c), int(d)]), ...(length === undefined ? [] : [int(length)])])

/** An engine with a list at 'list' (for WRONGTYPE) and a log of keyspace events. */
function setup() {
  const t = testEngine()
  const db = t.engine.databases[0]
  db.set('list', new ListValue())
  const events: string[] = []
  t.engine.onKeyChange((change) => events.push(`${change.event} ${change.key}`))
  return { ...t, db, events }
}

describe('GET, SET, GETSET, GETDEL, SETNX', () => {
  it('stores and reads strings', () => {
    const { run, events } = setup()
    expect(run('GET k')).toEqual(NIL)
    expect(run('SET k hello')).toEqual(OK)
    expect(run('GET k')).toEqual(bulk('hello'))
    expect(run('SET k ""')).toEqual(OK)
    expect(run('GET k')).toEqual(bulk(''))
    expect(run('GETSET k new')).toEqual(bulk(''))
    expect(run('GETSET other v')).toEqual(NIL)
    expect(run('GETDEL k')).toEqual(bulk('new'))
    expect(run('GETDEL k')).toEqual(NIL)
    expect(run('GET k')).toEqual(NIL)
    expect(run('SETNX k a')).toEqual(int(1))
    expect(run('SETNX k b')).toEqual(int(0))
    expect(run('GET k')).toEqual(bulk('a'))
    expect(events).toEqual(['set k', 'set k', 'set k', 'set other', 'del k', 'set k'])
  })

  it('keeps bytes as bytes', () => {
    const { run } = setup()
    expect(run('SET bin "\\xff\\x00\\r\\n"')).toEqual(OK)
    expect(run('GET bin')).toEqual(bulk('\xff\x00\r\n'))
    expect(run('STRLEN bin')).toEqual(int(4))
    expect(run('SET utf é')).toEqual(OK)
    expect(run('STRLEN utf')).toEqual(int(2))
    expect(run('GET utf')).toEqual(bulk('\xc3\xa9'))
  })

  it('answers WRONGTYPE for other types', () => {
    const { run } = setup()
    for (const line of ['GET list', 'GETSET list v', 'GETDEL list', 'GETEX list', 'SET list v GET', 'STRLEN list',
      'APPEND list x', 'INCR list', 'DECRBY list 1', 'INCRBYFLOAT list 1', 'GETRANGE list 0 1', 'SUBSTR list 0 1',
      'SETRANGE list 0 x', 'SETRANGE list 0 ""']) {
      expect(run(line), line).toEqual(WRONGTYPE)
    }
    expect(run('LCS list k')).toEqual(error('ERR The specified keys must contain string values'))
    expect(run('SET list v')).toEqual(OK)
    expect(run('GET list')).toEqual(bulk('v'))
  })

  it('checks arity', () => {
    const { run } = setup()
    expect(run('GET')).toEqual(error("ERR wrong number of arguments for 'get' command"))
    expect(run('SET k')).toEqual(error("ERR wrong number of arguments for 'set' command"))
    expect(run('GETSET k')).toEqual(error("ERR wrong number of arguments for 'getset' command"))
    expect(run('SETEX k 10')).toEqual(error("ERR wrong number of arguments for 'setex' command"))
    expect(run('LCS a')).toEqual(error("ERR wrong number of arguments for 'lcs' command"))
  })
})

describe('SET options', () => {
  it('NX, XX and GET', () => {
    const { run } = setup()
    expect(run('SET k v XX')).toEqual(NIL)
    expect(run('SET k v NX')).toEqual(OK)
    expect(run('SET k w NX')).toEqual(NIL)
    expect(run('SET k w XX')).toEqual(OK)
    expect(run('SET k x GET')).toEqual(bulk('w'))
    expect(run('SET k y NX GET')).toEqual(bulk('x'))
    expect(run('GET k')).toEqual(bulk('x'))
    expect(run('SET fresh y NX GET')).toEqual(NIL)
    expect(run('GET fresh')).toEqual(bulk('y'))
    expect(run('SET absent z XX GET')).toEqual(NIL)
    expect(run('GET absent')).toEqual(NIL)
    expect(run('set k z gEt get')).toEqual(bulk('x'))
  })

  it('refuses contradicting options, allows repeating one', () => {
    const { run } = setup()
    for (const line of ['SET k v NX XX', 'SET k v XX NX', 'SET k v KEEPTTL EX 10', 'SET k v EX 10 KEEPTTL',
      'SET k v EX 10 PX 10', 'SET k v PXAT 10 EXAT 10', 'SET k v EX', 'SET k v PERSIST', 'SET k v FOO', 'SET k v NXX']) {
      expect(run(line), line).toEqual(SYNTAX)
    }
    expect(run('SET k v NX NX')).toEqual(OK)
    expect(run('SET k v KEEPTTL KEEPTTL')).toEqual(OK)
    expect(run('SET k v EX 10 EX 20')).toEqual(OK)
  })

  it('reads option names as C strings, up to a NUL byte', () => {
    const { run } = setup()
    expect(run(['SET', 'k', 'v', 'nx\x00junk'])).toEqual(OK)
    expect(run(['SET', 'k', 'w', 'NX\x00'])).toEqual(NIL)
    expect(run(['SET', 'k', 'w', 'xx\x00', 'get\x00x'])).toEqual(bulk('v'))
  })

  it('EX, PX, EXAT, PXAT and KEEPTTL set absolute expiry times', () => {
    const { run, db, now, advance, events } = setup()
    expect(run('SET k v EX 10')).toEqual(OK)
    expect(db.expireAt('k')).toBe(now() + 10_000)
    expect(run('SET k v PX 1500')).toEqual(OK)
    expect(db.expireAt('k')).toBe(now() + 1500)
    expect(run('SET k v EXAT 4102444800')).toEqual(OK)
    expect(db.expireAt('k')).toBe(4102444800000)
    expect(run('SET k v PXAT 4102444800123')).toEqual(OK)
    expect(db.expireAt('k')).toBe(4102444800123)
    expect(run('SET k w KEEPTTL')).toEqual(OK)
    expect(db.expireAt('k')).toBe(4102444800123)
    expect(run('SET k w')).toEqual(OK)
    expect(db.expireAt('k')).toBeUndefined()
    expect(run('SET k v PX 100')).toEqual(OK)
    advance(100) // Redis expires a key once the clock is past its time, not at it
    expect(run('GET k')).toEqual(bulk('v'))
    advance(1)
    expect(run('GET k')).toEqual(NIL)
    expect(events).toEqual([
      'set k', 'expire k', 'set k', 'expire k', 'set k', 'expire k', 'set k', 'expire k', 'set k', 'set k',
      'set k', 'expire k', 'expired k',
    ])
  })

  it('an absolute time in the past sets a key that is already gone', () => {
    const { run, events } = setup()
    expect(run('SET k v EXAT 1')).toEqual(OK)
    expect(run('GET k')).toEqual(NIL)
    expect(events).toEqual(['set k', 'expire k', 'expired k'])
  })

  it('expire times: invalid values and overflow', () => {
    const { run, db } = setup()
    for (const line of ['SET k v EX 0', 'SET k v EX -1', 'SET k v PX 0', 'SET k v EXAT 0', 'SET k v PXAT -5',
      'SET k v EX 9223372036854775', 'SET k v EXAT 9223372036854776', 'SET k v PX 9223372036854775807']) {
      expect(run(line), line).toEqual(invalidExpire('set'))
    }
    for (const line of ['SET k v EX abc', 'SET k v EX 1.5', 'SET k v PX 01', 'SET k v EX 9223372036854775808']) {
      expect(run(line), line).toEqual(NOT_INTEGER)
    }
    expect(run('SET k v PXAT 9223372036854775807')).toEqual(OK)
    expect(db.expireAt('k')).toBe(9223372036854775807)
    expect(run('SET k v EXAT 9223372036854775')).toEqual(OK)
    expect(db.expireAt('k')).toBe(9223372036854775000)
  })

  it('checks the expire time before the type, the type before NX/XX', () => {
    const { run } = setup()
    expect(run('SET list v EX 0 GET')).toEqual(invalidExpire('set'))
    expect(run('SET list v EX x GET')).toEqual(NOT_INTEGER)
    expect(run('SET list v NX GET')).toEqual(WRONGTYPE)
    expect(run('SET list v XX GET')).toEqual(WRONGTYPE)
    expect(run('SET list v NX')).toEqual(NIL)
  })

  it('SETEX and PSETEX', () => {
    const { run, db, now } = setup()
    expect(run('SETEX k 100 v')).toEqual(OK)
    expect(db.expireAt('k')).toBe(now() + 100_000)
    expect(run('PSETEX k 100 v')).toEqual(OK)
    expect(db.expireAt('k')).toBe(now() + 100)
    expect(run('SETEX k 0 v')).toEqual(invalidExpire('setex'))
    expect(run('PSETEX k -1 v')).toEqual(invalidExpire('psetex'))
    expect(run('SETEX k abc v')).toEqual(NOT_INTEGER)
    expect(run('SETEX list 10 v')).toEqual(OK)
    expect(run('GET list')).toEqual(bulk('v'))
  })
})

describe('GETEX', () => {
  it('sets, replaces and removes the TTL', () => {
    const { run, db, now, events } = setup()
    expect(run('GETEX nosuch EX 10')).toEqual(NIL)
    expect(run('SET k v')).toEqual(OK)
    expect(run('GETEX k')).toEqual(bulk('v'))
    expect(db.expireAt('k')).toBeUndefined()
    expect(run('GETEX k EX 100')).toEqual(bulk('v'))
    expect(db.expireAt('k')).toBe(now() + 100_000)
    expect(run('GETEX k PX 100')).toEqual(bulk('v'))
    expect(db.expireAt('k')).toBe(now() + 100)
    expect(run('GETEX k PXAT 4102444800999')).toEqual(bulk('v'))
    expect(db.expireAt('k')).toBe(4102444800999)
    expect(run('GETEX k PERSIST')).toEqual(bulk('v'))
    expect(db.expireAt('k')).toBeUndefined()
    expect(run('GETEX k PERSIST')).toEqual(bulk('v'))
    expect(run('GETEX k EXAT 1')).toEqual(bulk('v'))
    expect(run('GET k')).toEqual(NIL)
    expect(events).toEqual(['set k', 'expire k', 'expire k', 'expire k', 'persist k', 'del k'])
  })

  it('errors, in Redis order: options, then the key, then the expire value', () => {
    const { run } = setup()
    expect(run('GETEX nosuch FOO')).toEqual(SYNTAX)
    expect(run('GETEX nosuch EX abc')).toEqual(NIL)
    expect(run('GETEX list EX abc')).toEqual(WRONGTYPE)
    run('SET k v')
    expect(run('GETEX k EX abc')).toEqual(NOT_INTEGER)
    expect(run('GETEX k EX 0')).toEqual(invalidExpire('getex'))
    expect(run('GETEX k PXAT 0')).toEqual(invalidExpire('getex'))
    for (const line of ['GETEX k PERSIST EX 10', 'GETEX k EX 10 PERSIST', 'GETEX k EX 1 PX 1', 'GETEX k KEEPTTL',
      'GETEX k NX', 'GETEX k GET', 'GETEX k EX']) {
      expect(run(line), line).toEqual(SYNTAX)
    }
    expect(run(['GETEX', 'k', 'persist\x00x'])).toEqual(bulk('v'))
  })
})

describe('MSET, MSETNX, MGET', () => {
  it('sets and reads several keys', () => {
    const { run, events, db } = setup()
    run('SET t v EX 100')
    expect(run('MSET a 1 b 2 t 3')).toEqual(OK)
    expect(db.expireAt('t')).toBeUndefined()
    expect(run('MGET a b nosuch list t')).toEqual(array([bulk('1'), bulk('2'), NIL, NIL, bulk('3')]))
    expect(run('MSET a x a y')).toEqual(OK)
    expect(run('GET a')).toEqual(bulk('y'))
    expect(run('MSET a 1 b')).toEqual(error("ERR wrong number of arguments for 'mset' command"))
    expect(run('MSETNX a 1 c 2')).toEqual(int(0))
    expect(run('MSETNX list 1 c 2')).toEqual(int(0))
    expect(run('GET c')).toEqual(NIL)
    expect(run('MSETNX c 1 d 2')).toEqual(int(1))
    expect(run('MSETNX q 1 q 2')).toEqual(int(1))
    expect(run('GET q')).toEqual(bulk('2'))
    expect(run('MSETNX q')).toEqual(error("ERR wrong number of arguments for 'msetnx' command"))
    expect(events.slice(2)).toEqual(['set a', 'set b', 'set t', 'set a', 'set a', 'set c', 'set d', 'set q', 'set q'])
  })
})

describe('APPEND, STRLEN, SETRANGE, GETRANGE', () => {
  it('APPEND creates or extends, keeping the TTL', () => {
    const { run, db, events } = setup()
    expect(run('APPEND k hello')).toEqual(int(5))
    expect(run('APPEND k " world"')).toEqual(int(11))
    expect(run('GET k')).toEqual(bulk('hello world'))
    expect(run('APPEND k ""')).toEqual(int(11))
    expect(run('APPEND e ""')).toEqual(int(0))
    expect(run('GET e')).toEqual(bulk(''))
    expect(run('STRLEN k')).toEqual(int(11))
    expect(run('STRLEN nosuch')).toEqual(int(0))
    run('PSETEX t 1000 a')
    const at = db.expireAt('t')
    expect(run('APPEND t b')).toEqual(int(2))
    expect(db.expireAt('t')).toBe(at)
    expect(events).toEqual(['append k', 'append k', 'append k', 'append e', 'set t', 'expire t', 'append t'])
  })

  it('SETRANGE writes at an offset, padding with zero bytes', () => {
    const { run, events } = setup()
    expect(run('SETRANGE k 0 hello')).toEqual(int(5))
    expect(run('SETRANGE k 6 world')).toEqual(int(11))
    expect(run('GET k')).toEqual(bulk('hello\x00world'))
    expect(run('SETRANGE k 1 ELL')).toEqual(int(11))
    expect(run('GET k')).toEqual(bulk('hELLo\x00world'))
    expect(run('SETRANGE k 100 ""')).toEqual(int(11))
    expect(run('SETRANGE nosuch 5 ""')).toEqual(int(0))
    expect(run('GET nosuch')).toEqual(NIL)
    expect(run('SETRANGE pad 3 x')).toEqual(int(4))
    expect(run('GET pad')).toEqual(bulk('\x00\x00\x00x'))
    expect(run('SETRANGE k -1 x')).toEqual(error('ERR offset is out of range'))
    expect(run('SETRANGE list -1 x')).toEqual(error('ERR offset is out of range'))
    expect(run('SETRANGE k x x')).toEqual(NOT_INTEGER)
    expect(run('SETRANGE k 536870912 x')).toEqual(TOO_LONG)
    expect(run('SETRANGE k 9223372036854775807 x')).toEqual(TOO_LONG)
    expect(run('SETRANGE k 536870912 ""')).toEqual(int(11))
    expect(events).toEqual(['setrange k', 'setrange k', 'setrange k', 'setrange pad'])
  })

  it('APPEND and SETRANGE respect proto-max-bulk-len', () => {
    const { run, engine } = setup()
    engine.config.set('proto-max-bulk-len', '10')
    expect(run('APPEND k 0123456789')).toEqual(int(10))
    expect(run('APPEND k x')).toEqual(TOO_LONG)
    expect(run('APPEND k ""')).toEqual(int(10))
    expect(run('SETRANGE k 9 x')).toEqual(int(10))
    expect(run('SETRANGE k 10 x')).toEqual(TOO_LONG)
    expect(run('SETRANGE new 10 x')).toEqual(TOO_LONG)
  })

  it('GETRANGE and SUBSTR', () => {
    const { run } = setup()
    run('SET s "Hello World"')
    expect(run('GETRANGE s 0 4')).toEqual(bulk('Hello'))
    expect(run('GETRANGE s -5 -1')).toEqual(bulk('World'))
    expect(run('GETRANGE s -1 -5')).toEqual(bulk(''))
    expect(run('GETRANGE s 5 3')).toEqual(bulk(''))
    expect(run('GETRANGE s -100 2')).toEqual(bulk('Hel'))
    expect(run('GETRANGE s 6 100')).toEqual(bulk('World'))
    expect(run('GETRANGE s 0 -100')).toEqual(bulk('H'))
    expect(run('GETRANGE s 11 20')).toEqual(bulk(''))
    expect(run('GETRANGE s 9223372036854775807 -9223372036854775808')).toEqual(bulk(''))
    expect(run('GETRANGE s -9223372036854775807 -9223372036854775808')).toEqual(bulk(''))
    expect(run('GETRANGE s -9223372036854775808 -9223372036854775807')).toEqual(bulk('H'))
    expect(run('SUBSTR s 0 -1')).toEqual(bulk('Hello World'))
    expect(run('GETRANGE nosuch 0 -1')).toEqual(bulk(''))
    expect(run('GETRANGE nosuch a 1')).toEqual(NOT_INTEGER)
    run('SET e ""')
    expect(run('GETRANGE e 0 -1')).toEqual(bulk(''))
  })
})

describe('INCR, DECR, INCRBY, DECRBY', () => {
  it('counts in int64', () => {
    const { run, events } = setup()
    expect(run('INCR n')).toEqual(int(1))
    expect(run('INCRBY n 10')).toEqual(int(11))
    expect(run('DECR n')).toEqual(int(10))
    expect(run('DECRBY n 15')).toEqual(int(-5))
    expect(run('DECRBY n -5')).toEqual(int(0))
    expect(run('GET n')).toEqual(bulk('0'))
    expect(run('INCRBY big 9007199254740991')).toEqual(int(9007199254740991))
    expect(run('INCR big')).toEqual(int(9007199254740992n))
    expect(run('INCR big')).toEqual(int(9007199254740993n))
    expect(run('GET big')).toEqual(bulk('9007199254740993'))
    expect(run('INCRBY big -9007199254740993')).toEqual(int(0))
    expect(events).toEqual(Array(9).fill(0).map((_, i) => (i < 5 ? 'incrby n' : 'incrby big')))
  })

  it('detects overflow at both ends', () => {
    const { run } = setup()
    run('SET n 9223372036854775806')
    expect(run('INCR n')).toEqual(int(9223372036854775807n))
    expect(run('INCR n')).toEqual(OVERFLOW)
    expect(run('INCRBY n 0')).toEqual(int(9223372036854775807n))
    expect(run('GET n')).toEqual(bulk('9223372036854775807'))
    run('SET n -9223372036854775807')
    expect(run('DECR n')).toEqual(int(-9223372036854775808n))
    expect(run('DECR n')).toEqual(OVERFLOW)
    expect(run('INCRBY n -1')).toEqual(OVERFLOW)
    expect(run('INCRBY n 9223372036854775807')).toEqual(int(-1))
    expect(run('DECRBY n -9223372036854775808')).toEqual(error('ERR decrement would overflow'))
    expect(run('DECRBY nosuch -9223372036854775808')).toEqual(error('ERR decrement would overflow'))
    expect(run('INCRBY m -9223372036854775808')).toEqual(int(-9223372036854775808n))
  })

  it('accepts only canonical int64 text', () => {
    const { run } = setup()
    for (const value of ['01', ' 1', '1 ', '+1', '1.0', '-0', '', '-', '1e3', '0x10', '9223372036854775808',
      '-9223372036854775809', '123456789012345678901', '00', '1\x00']) {
      run(['SET', 'n', value])
      expect(run('INCR n'), JSON.stringify(value)).toEqual(NOT_INTEGER)
    }
    run('SET n 5')
    for (const increment of ['01', ' 1', '+1', '1.5', '', '-0', '9223372036854775808']) {
      expect(run(['INCRBY', 'n', increment]), JSON.stringify(increment)).toEqual(NOT_INTEGER)
    }
    expect(run('INCRBY list abc')).toEqual(NOT_INTEGER)
  })

  it('keeps the TTL', () => {
    const { run, db } = setup()
    run('SET n 1 PXAT 4102444800000')
    expect(run('INCR n')).toEqual(int(2))
    expect(db.expireAt('n')).toBe(4102444800000)
  })
})

describe('INCRBYFLOAT', () => {
  it('adds in long double precision and prints like %.17Lf', () => {
    const { run, events } = setup()
    run('SET k 10.5')
    expect(run('INCRBYFLOAT k 0.1')).toEqual(bulk('10.6'))
    expect(run('INCRBYFLOAT k -5')).toEqual(bulk('5.6'))
    run('SET k 3.0e3')
    expect(run('INCRBYFLOAT k 5.0e3')).toEqual(bulk('8000'))
    expect(run('INCRBYFLOAT f 0.1')).toEqual(bulk('0.1'))
    expect(run('INCRBYFLOAT f 0.2')).toEqual(bulk('0.3'))
    expect(run('INCRBYFLOAT f -0.3')).toEqual(bulk('0'))
    expect(run('INCRBYFLOAT z -0')).toEqual(bulk('0'))
    expect(run('INCRBYFLOAT z -1e-20')).toEqual(bulk('0'))
    expect(run('INCRBYFLOAT y 1.5e-17')).toEqual(bulk('0.00000000000000002'))
    expect(run('INCRBYFLOAT x 2.5e-17')).toEqual(bulk('0.00000000000000002'))
    run('SET big 1e308')
    expect(run('INCRBYFLOAT big 1e308')).toEqual(bulk(
      '199999999999999999993371759311691291321120199694831134415594095989843469737676123744200253843777078640893494450108026446304269499187921167194841628860392837535918200039206381557326219209014213335878306791577877829121087126122536729803237260434173178506889763247582601711514636284849020905456510092687857156096',
    ))
    expect(events).toEqual([
      'set k', 'incrbyfloat k', 'incrbyfloat k', 'set k', 'incrbyfloat k', 'incrbyfloat f', 'incrbyfloat f',
      'incrbyfloat f', 'incrbyfloat z', 'incrbyfloat z', 'incrbyfloat y', 'incrbyfloat x', 'set big', 'incrbyfloat big',
    ])
  })

  it('parses what strtold parses and refuses the rest', () => {
    const { run } = setup()
    expect(run('INCRBYFLOAT a 0x10')).toEqual(bulk('16'))
    expect(run('INCRBYFLOAT a 0X1P-3')).toEqual(bulk('16.125'))
    expect(run('INCRBYFLOAT a .5')).toEqual(bulk('16.625'))
    expect(run('INCRBYFLOAT a 1.')).toEqual(bulk('17.625'))
    expect(run('INCRBYFLOAT a +.5e1')).toEqual(bulk('22.625'))
    expect(run('INCRBYFLOAT a 0e999999999999')).toEqual(bulk('22.625'))
    for (const increment of ['abc', '', ' 1', '1 ', '1e', '.', '0x', '0x1p', 'nan', '-nan', '1e-5000', '1e5000',
      '1e-4951', '0x1p16384', '1_0', '1\x00', '1.' + '0'.repeat(5118)]) {
      expect(run(['INCRBYFLOAT', 'a', increment]), JSON.stringify(increment)).toEqual(NOT_FLOAT)
    }
    expect(run(['INCRBYFLOAT', 'a', '1.' + '0'.repeat(5117)])).toEqual(bulk('23.625'))
    for (const increment of ['inf', '-inf', '+Infinity', 'INF']) {
      expect(run(['INCRBYFLOAT', 'a', increment]), increment).toEqual(NAN_OR_INFINITY)
    }
    run('SET s abc')
    expect(run('INCRBYFLOAT s 1')).toEqual(NOT_FLOAT)
    run('SET s inf')
    expect(run('INCRBYFLOAT s 1')).toEqual(NAN_OR_INFINITY)
    run('SET s 1e4932')
    expect(run('INCRBYFLOAT s 1e4932')).toEqual(NAN_OR_INFINITY)
  })

  it('keeps the TTL', () => {
    const { run, db } = setup()
    run('SET n 1 PXAT 4102444800000')
    expect(run('INCRBYFLOAT n 1.5')).toEqual(bulk('2.5'))
    expect(db.expireAt('n')).toBe(4102444800000)
  })
})

describe('longdouble module', () => {
  const parse = (text: string): LongDouble => {
    const value = parseLongDouble(text)
    if (value === undefined) throw new Error(`not a long double: ${text}`)
    return value
  }

  it('rounds decimal input to a 64-bit mantissa, ties to even', () => {
    expect(parse('0.1')).toEqual({ kind: 'finite', negative: false, mantissa: 0xcccccccccccccccdn, exponent: -67 })
    expect(parse('18446744073709551615')).toEqual({ kind: 'finite', negative: false, mantissa: (1n << 64n) - 1n, exponent: 0 })
    // 2^64 + 1 and 2^64 + 3 sit halfway between neighbours: ties go to the even mantissa.
    expect(parse('18446744073709551617')).toEqual({ kind: 'finite', negative: false, mantissa: 1n << 63n, exponent: 1 })
    expect(parse('18446744073709551619')).toEqual({ kind: 'finite', negative: false, mantissa: (1n << 63n) + 2n, exponent: 1 })
    expect(formatLongDouble(parse('18446744073709551619'))).toBe('18446744073709551620')
    expect(parse('-0x1p-16445')).toEqual({ kind: 'finite', negative: true, mantissa: 1n, exponent: -16445 })
    expect(parse('-inf')).toEqual({ kind: 'infinity', negative: true })
  })

  it('adds with IEEE rules and prints %.17Lf', () => {
    expect(formatLongDouble(addLongDouble(parse('10.5'), parse('0.1')))).toBe('10.6')
    expect(formatLongDouble(addLongDouble(parse('-0'), parse('-0')))).toBe('0')
    expect(formatLongDouble(parse('-0.5'))).toBe('-0.5')
    expect(formatLongDouble(parse('123456789.123456789123'))).toBe('123456789.12345678912242875')
    expect(isFiniteLongDouble(addLongDouble(parse('inf'), parse('-inf')))).toBe(false)
    expect(formatLongDouble(addLongDouble(parse('inf'), parse('-inf')))).toBe('nan')
    expect(formatLongDouble(addLongDouble(parse('inf'), parse('1')))).toBe('inf')
  })

  it('incrementByFloat serves HINCRBYFLOAT with its own error text', () => {
    expect(incrementByFloat(undefined, parse('2.5'))).toBe('2.5')
    expect(incrementByFloat('1', parse('2.5'))).toBe('3.5')
    expect(() => incrementByFloat('x', parse('1'), 'ERR hash value is not a float')).toThrow('ERR hash value is not a float')
    expect(() => incrementByFloat('1', parse('inf'))).toThrow('ERR increment would produce NaN or Infinity')
  })
})

describe('LCS', () => {
  it('the subsequence, its length and where it matches', () => {
    const { run } = setup()
    run('MSET key1 ohmytext key2 mynewtext')
    expect(run('LCS key1 key2')).toEqual(bulk('mytext'))
    expect(run('LCS key1 key2 LEN')).toEqual(int(6))
    expect(run('LCS key1 key2 IDX')).toEqual(map([
      [bulk('matches'), array([range(4, 7, 5, 8), range(2, 3, 0, 1)])],
      [bulk('len'), int(6)],
    ]))
    expect(run('LCS key1 key2 IDX MINMATCHLEN 4 WITHMATCHLEN')).toEqual(map([
      [bulk('matches'), array([range(4, 7, 5, 8, 4)])],
      [bulk('len'), int(6)],
    ]))
    expect(run('LCS key1 key2 IDX MINMATCHLEN -3 WITHMATCHLEN')).toEqual(map([
      [bulk('matches'), array([range(4, 7, 5, 8, 4), range(2, 3, 0, 1, 2)])],
      [bulk('len'), int(6)],
    ]))
    expect(run('LCS key1 nosuch')).toEqual(bulk(''))
    expect(run('LCS nosuch nosuch2 IDX')).toEqual(map([[bulk('matches'), array([])], [bulk('len'), int(0)]]))
    run('SET a1 ABCBDAB')
    run('SET a2 BDCABA')
    expect(run('LCS a1 a2')).toEqual(bulk('BDAB'))
  })

  it('errors', () => {
    const { run, engine } = setup()
    run('MSET a x b y')
    expect(run('LCS a b LEN IDX')).toEqual(error('ERR If you want both the length and indexes, please just use IDX.'))
    expect(run('LCS a b MINMATCHLEN')).toEqual(SYNTAX)
    expect(run('LCS a b MINMATCHLEN x')).toEqual(NOT_INTEGER)
    expect(run('LCS a b FOO')).toEqual(SYNTAX)
    expect(run('LCS list b FOO')).toEqual(error('ERR The specified keys must contain string values'))
    engine.config.set('proto-max-bulk-len', '15')
    expect(run('LCS a b')).toEqual(error('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len'))
    engine.config.set('proto-max-bulk-len', '16')
    expect(run('LCS a b LEN')).toEqual(int(0))
  })
})
