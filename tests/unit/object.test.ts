import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { bulk, error, int, NIL, simple } from '../../worker/reply.ts'

const LFU_OFF = error(
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.')
const LFU_ON = error(
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.')

describe('OBJECT ENCODING', () => {
  it('strings: int up to 20 chars, embstr up to 44 bytes, raw beyond', () => {
    const { run } = testEngine()
    const cases: Array<[string, string]> = [
      ['123', 'int'], ['-9223372036854775808', 'int'], ['9223372036854775808', 'embstr'], ['-0', 'embstr'],
      ['007', 'embstr'], [' 1', 'embstr'], ['1.5', 'embstr'], ['', 'embstr'], ['x'.repeat(44), 'embstr'],
      ['x'.repeat(45), 'raw'],
    ]
    for (const [value, encoding] of cases) {
      run(['SET', 'k', value])
      expect(run('OBJECT ENCODING k'), value).toEqual(bulk(encoding))
    }
  })

  it('collections answer for themselves', () => {
    const { run } = testEngine()
    run('RPUSH l a')
    expect(run('OBJECT ENCODING l')).toEqual(bulk('quicklist'))
    run('SADD s 1 2')
    expect(run('OBJECT ENCODING s')).toEqual(bulk('intset'))
    run('SADD s x')
    expect(run('OBJECT ENCODING s')).toEqual(bulk('hashtable'))
    run('HSET h f v')
    expect(run('OBJECT ENCODING h')).toEqual(bulk('listpack'))
  })

  it('missing keys are nil; subcommand arity and unknown subcommands are errors', () => {
    const { run } = testEngine()
    expect(run('OBJECT ENCODING nosuch')).toEqual(NIL)
    expect(run('OBJECT REFCOUNT nosuch')).toEqual(NIL)
    expect(run('OBJECT IDLETIME nosuch')).toEqual(NIL)
    expect(run('OBJECT FREQ nosuch')).toEqual(NIL)
    expect(run('OBJECT ENCODING')).toEqual(error("ERR wrong number of arguments for 'object|encoding' command"))
    expect(run('OBJECT ENCODING a b')).toEqual(error("ERR wrong number of arguments for 'object|encoding' command"))
    expect(run('OBJECT HELP x')).toEqual(error("ERR wrong number of arguments for 'object|help' command"))
    expect(run('OBJECT foo k')).toEqual(error("ERR unknown subcommand 'foo'. Try OBJECT HELP."))
    expect(run('OBJECT')).toEqual(error("ERR wrong number of arguments for 'object' command"))
  })
})

describe('OBJECT REFCOUNT', () => {
  it('integers 0..9999 are shared objects unless an LRU/LFU policy with maxmemory is set', () => {
    const { run, engine } = testEngine()
    run('SET a 9999')
    run('SET b 10000')
    run('SET c -1')
    run('SET d hello')
    run('RPUSH l x')
    expect(run('OBJECT REFCOUNT a')).toEqual(int(2147483647))
    expect(run('OBJECT REFCOUNT b')).toEqual(int(1))
    expect(run('OBJECT REFCOUNT c')).toEqual(int(1))
    expect(run('OBJECT REFCOUNT d')).toEqual(int(1))
    expect(run('OBJECT REFCOUNT l')).toEqual(int(1))
    engine.config.set('maxmemory-policy', 'allkeys-lru')
    expect(run('OBJECT REFCOUNT a')).toEqual(int(2147483647))
    engine.config.set('maxmemory', '1000000')
    expect(run('OBJECT REFCOUNT a')).toEqual(int(1))
    engine.config.set('maxmemory-policy', 'allkeys-random')
    expect(run('OBJECT REFCOUNT a')).toEqual(int(2147483647))
  })
})

describe('OBJECT IDLETIME and FREQ', () => {
  it('IDLETIME counts whole seconds of the LRU clock since the last access', () => {
    const { run, advance } = testEngine(1_700_000_000_000)
    run('SET k v')
    expect(run('OBJECT IDLETIME k')).toEqual(int(0))
    advance(10_999)
    expect(run('OBJECT IDLETIME k')).toEqual(int(10))
    // TYPE, EXISTS, TTL, OBJECT and SCAN do not count as accesses...
    run('TYPE k')
    run('EXISTS k')
    run('TTL k')
    run('SCAN 0')
    expect(run('OBJECT IDLETIME k')).toEqual(int(10))
    // ...reads and TOUCH do.
    run('GET k')
    expect(run('OBJECT IDLETIME k')).toEqual(int(0))
    advance(5000)
    run('TOUCH k')
    expect(run('OBJECT IDLETIME k')).toEqual(int(0))
  })

  it('RENAME and MOVE carry the access record (after their own access); COPY makes a fresh one', () => {
    const { run, advance, engine } = testEngine(1_700_000_000_000)
    run('SET k v')
    advance(20_000)
    run('RENAME k r')
    expect(run('OBJECT IDLETIME r')).toEqual(int(0))
    engine.config.set('maxmemory-policy', 'allkeys-lfu')
    // With lfu-log-factor 0 every access adds one to the counter.
    engine.config.set('lfu-log-factor', '0')
    run('SET n v')
    run('RENAME n r')
    expect(run('OBJECT FREQ r')).toEqual(int(6))
    run('MOVE r 1')
    run('SELECT 1')
    run('COPY r c DB 2')
    expect(run('OBJECT FREQ r')).toEqual(int(8))
    run('SELECT 2')
    expect(run('OBJECT FREQ c')).toEqual(int(5))
  })

  it('FREQ needs an LFU policy and IDLETIME must not have one', () => {
    const { run, engine, advance } = testEngine(1_700_000_000_000)
    run('SET k v')
    expect(run('OBJECT FREQ k')).toEqual(LFU_OFF)
    engine.config.set('maxmemory-policy', 'allkeys-lfu')
    expect(run('OBJECT IDLETIME k')).toEqual(LFU_ON)
    run('SET n v')
    expect(run('OBJECT FREQ n')).toEqual(int(5))
    run('GET n')
    expect(run('OBJECT FREQ n')).toEqual(int(6))
    // The counter decays by one per lfu-decay-time minutes.
    advance(3 * 60_000)
    expect(run('OBJECT FREQ n')).toEqual(int(3))
    engine.config.set('lfu-decay-time', '0')
    expect(run('OBJECT FREQ n')).toEqual(int(6))
  })
})

describe('OBJECT HELP', () => {
  it('lists the subcommands as status lines', () => {
    const { run } = testEngine()
    const reply = run('object help')
    expect(reply.type).toBe('array')
    if (reply.type !== 'array') return
    expect(reply.value).toHaveLength(15)
    expect(reply.value[0]).toEqual(simple('OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:'))
    expect(reply.value.slice(13)).toEqual([simple('HELP'), simple('    Prints this help.')])
  })
})
