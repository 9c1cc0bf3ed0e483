import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { bulk, error, int, NIL } from '../../worker/reply.ts'
import type { KeyChange } from '../../worker/engine.ts'

const START = 1_700_000_000_000

function withEvents() {
  const t = testEngine(START)
  const events: string[] = []
  t.engine.onKeyChange((change: KeyChange) => events.push(`${change.event}:${change.key}`))
  return { ...t, events }
}

describe('EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT', () => {
  it('set a TTL, emit expire, and the key goes when the clock passes it', () => {
    const { run, advance, events } = withEvents()
    run('SET k v')
    events.length = 0
    expect(run('EXPIRE k 10')).toEqual(int(1))
    expect(events).toEqual(['expire:k'])
    expect(run('TTL k')).toEqual(int(10))
    expect(run('PTTL k')).toEqual(int(10000))
    advance(9999)
    expect(run('GET k')).toEqual(bulk('v'))
    expect(run('PTTL k')).toEqual(int(1))
    advance(1)
    expect(run('PTTL k')).toEqual(int(0))
    expect(run('GET k')).toEqual(bulk('v'))
    advance(1)
    expect(run('GET k')).toEqual(NIL)
    expect(run('TTL k')).toEqual(int(-2))
    expect(events).toEqual(['expire:k', 'expired:k'])
  })

  it('all four forms give the same absolute time', () => {
    const { run } = testEngine(START)
    run('MSET a 1 b 1 c 1 d 1')
    expect(run('EXPIRE a 100')).toEqual(int(1))
    expect(run('PEXPIRE b 100000')).toEqual(int(1))
    expect(run(`EXPIREAT c ${START / 1000 + 100}`)).toEqual(int(1))
    expect(run(`PEXPIREAT d ${START + 100000}`)).toEqual(int(1))
    for (const key of 'abcd') {
      expect(run(`PEXPIRETIME ${key}`)).toEqual(int(START + 100000))
      expect(run(`EXPIRETIME ${key}`)).toEqual(int(START / 1000 + 100))
    }
  })

  it('a time in the past deletes the key and emits del', () => {
    const { run, events } = withEvents()
    run('SET k v')
    events.length = 0
    expect(run('EXPIRE k 0')).toEqual(int(1))
    expect(events).toEqual(['del:k'])
    expect(run('EXISTS k')).toEqual(int(0))
    run('SET k v')
    expect(run('PEXPIREAT k 1')).toEqual(int(1))
    expect(run('EXISTS k')).toEqual(int(0))
    run('SET k v')
    expect(run('EXPIRE k -5')).toEqual(int(1))
    expect(run('EXISTS k')).toEqual(int(0))
  })

  it('replies 0 for a missing key, after validating the arguments', () => {
    const { run } = testEngine(START)
    expect(run('EXPIRE nosuch 10')).toEqual(int(0))
    expect(run('EXPIRE nosuch x')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('EXPIRE nosuch 1.5')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('EXPIRE nosuch 10 foo')).toEqual(error('ERR Unsupported option foo'))
  })

  it('NX, XX, GT, LT', () => {
    const { run } = testEngine(START)
    run('SET k v')
    expect(run('EXPIRE k 100 XX')).toEqual(int(0))
    expect(run('EXPIRE k 100 GT')).toEqual(int(0))
    expect(run('EXPIRE k 100 LT')).toEqual(int(1))
    expect(run('EXPIRE k 200 NX')).toEqual(int(0))
    expect(run('EXPIRE k 50 GT')).toEqual(int(0))
    expect(run('EXPIRE k 100 GT')).toEqual(int(0))
    expect(run('EXPIRE k 150 GT')).toEqual(int(1))
    expect(run('EXPIRE k 150 LT')).toEqual(int(0))
    expect(run('EXPIRE k 120 lt xx')).toEqual(int(1))
    expect(run('TTL k')).toEqual(int(120))
    expect(run('PERSIST k')).toEqual(int(1))
    expect(run('EXPIRE k 30 nx nx')).toEqual(int(1))
    expect(run('TTL k')).toEqual(int(30))
  })

  it('incompatible options and unknown options', () => {
    const { run } = testEngine(START)
    run('SET k v')
    const nxError = error('ERR NX and XX, GT or LT options at the same time are not compatible')
    expect(run('EXPIRE k 10 NX XX')).toEqual(nxError)
    expect(run('EXPIRE k 10 GT NX')).toEqual(nxError)
    expect(run('PEXPIRE k 10 NX LT')).toEqual(nxError)
    expect(run('EXPIRE k 10 GT LT')).toEqual(error('ERR GT and LT options at the same time are not compatible'))
    expect(run('EXPIRE k x NX XX')).toEqual(nxError)
    expect(run('EXPIRE k x foo')).toEqual(error('ERR Unsupported option foo'))
    expect(run(['EXPIRE', 'k', '10', 'a\nb\r\n'])).toEqual(error('ERR Unsupported option a b'))
    expect(run(['EXPIRE', 'k', '10', 'a\0b'])).toEqual(error('ERR Unsupported option a'))
  })

  it('overflow is an invalid expire time', () => {
    const { run } = testEngine(START)
    run('SET k v')
    expect(run('EXPIRE k 9223372036854775807')).toEqual(error("ERR invalid expire time in 'expire' command"))
    expect(run('EXPIRE k 9223372036854775')).toEqual(error("ERR invalid expire time in 'expire' command"))
    expect(run('EXPIRE k -9223372036854776')).toEqual(error("ERR invalid expire time in 'expire' command"))
    expect(run('PEXPIRE k 9223372036854775807')).toEqual(error("ERR invalid expire time in 'pexpire' command"))
    expect(run('EXPIREAT k 9223372036854775807')).toEqual(error("ERR invalid expire time in 'expireat' command"))
    expect(run('EXPIRE k 9223372036854775808')).toEqual(error('ERR value is not an integer or out of range'))
    expect(run('PEXPIREAT k 9223372036854775807')).toEqual(int(1))
    expect(run('EXPIRE k -9223372036854775')).toEqual(int(1))
    expect(run('EXISTS k')).toEqual(int(0))
  })
})

describe('TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST', () => {
  it('-2 for missing keys and -1 without a TTL', () => {
    const { run } = testEngine(START)
    for (const command of ['TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME']) {
      expect(run(`${command} nosuch`)).toEqual(int(-2))
    }
    run('SET k v')
    for (const command of ['TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME']) {
      expect(run(`${command} k`)).toEqual(int(-1))
    }
  })

  it('TTL and EXPIRETIME round to the nearest second', () => {
    const { run, advance } = testEngine(START)
    run('SET k v')
    run('PEXPIRE k 1499')
    expect(run('TTL k')).toEqual(int(1))
    run('PEXPIRE k 1500')
    expect(run('TTL k')).toEqual(int(2))
    advance(1001)
    expect(run('TTL k')).toEqual(int(0))
    expect(run('PTTL k')).toEqual(int(499))
    run(`PEXPIREAT k ${START + 10_000_499}`)
    expect(run('EXPIRETIME k')).toEqual(int(START / 1000 + 10000))
    run(`PEXPIREAT k ${START + 10_000_500}`)
    expect(run('EXPIRETIME k')).toEqual(int(START / 1000 + 10001))
    expect(run('PEXPIRETIME k')).toEqual(int(START + 10_000_500))
  })

  it('PERSIST removes a TTL once and emits persist', () => {
    const { run, events } = withEvents()
    run('SET k v')
    expect(run('PERSIST k')).toEqual(int(0))
    run('EXPIRE k 100')
    events.length = 0
    expect(run('PERSIST k')).toEqual(int(1))
    expect(events).toEqual(['persist:k'])
    expect(run('TTL k')).toEqual(int(-1))
    expect(run('PERSIST k')).toEqual(int(0))
    expect(run('PERSIST nosuch')).toEqual(int(0))
  })

  it('SET drops the TTL; the expiry commands do not touch other keys', () => {
    const { run } = testEngine(START)
    run('SET k v')
    run('EXPIRE k 100')
    run('SET k w')
    expect(run('TTL k')).toEqual(int(-1))
  })
})
