// Redis 7 functions, the Lua libraries Redis loads, and long scripts (BUSY, SCRIPT KILL,
// FUNCTION KILL) against a real redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  argvOf, EnginePeer, normalizeUnordered, REDIS_SERVER, show, type ScriptLine, useRedis,
} from '../helpers/redis-server.ts'
import { expectSameScenario, sleep, startSides, type Session, type Sides } from '../helpers/multi-client.ts'
import type { Reply } from '../../worker/reply.ts'

const load = (code: string, replace = false): string[] => ['FUNCTION', 'LOAD', ...(replace ? ['REPLACE'] : []), code]
const lib = (name: string, body: string) => `#!lua name=${name}\n${body}`
const register = (name: string, body = 'return 1') => `redis.register_function('${name}', function(keys, args) ${body} end)`
const unordered = (cmd: string | string[]): ScriptLine => ({ cmd, compare: 'unordered' })
const evalLine = (script: string, ...rest: string[]): string[] => ['EVAL', script, '0', ...rest]

describe.skipIf(!REDIS_SERVER)('functions against redis-server', () => {
  const { redis, check } = useRedis([['FLUSHALL'], ['FUNCTION', 'FLUSH']])

  it('reads the metadata line as Redis does', () => check([
    load('return 1'), load('#!lua'), load(`#!lua\n${register('f')}`), load(`#!lua name=\n${register('f')}`),
    load(`#!lua name=a b\n${register('f')}`), load(`#!lua name=a name=b\n${register('f')}`), load(`#!js name=a\n${register('f')}`),
    load(`#!LUA name=bad-name!\n${register('f')}`), load(`#! name=x\n${register('f')}`), load(`#!\n${register('f')}`),
    load(`#!lua name="q x"\n${register('f')}`), load(`#!lua name="unbalanced\n${register('f')}`), load('#!lua name=nonewline'),
    load(`#!lua NAME=Lib1\n${register('f1')}`), unordered('FUNCTION LIST WITHCODE'),
  ]))

  it('registers functions in both forms, with Redis\'s errors', () => check([
    load(lib('l1', register('f'))), load(lib('l1', register('g'))), load(lib('l2', register('F'))),
    load(lib('l3', `${register('g')}\n${register('g')}`)), load(lib('l3', register('g-x'))), load(lib('l3', "redis.call('ping')")),
    load(lib('l3', 'return 1')), load(lib('l3', 'local x = 1')), load(lib('l3', "error('boom')")), load(lib('l3', 'x = 1')),
    load(lib('l3', "redis.register_function('g')")), load(lib('l3', 'redis.register_function()')),
    load(lib('l3', 'redis.register_function(1, 2)')), load(lib('l3', "redis.register_function('h', 2)")),
    load(lib('l3', "redis.register_function('h', function() end, 'extra')")),
    load(lib('l3', "redis.register_function{function_name='h', callback=function() end, flags={'bad'}}")),
    load(lib('l3', "redis.register_function{function_name='h', callback=function() end, flags='no-writes'}")),
    load(lib('l3', "redis.register_function{function_name='h', callback=function() end, extra=1}")),
    load(lib('l3', 'redis.register_function{callback=function() end}')),
    load(lib('l3', "redis.register_function{function_name='h'}")),
    load(lib('l3', "redis.register_function{function_name='h', callback=5}")),
    load(lib('l3', "redis.register_function{function_name={}, callback=function() end}")),
    load(lib('l3', "redis.register_function{function_name='h', callback=function() end, description={}}")),
    load(lib('l3', "redis.register_function{function_name='h', callback=function() end, flags={5}}")),
    load(lib('l3', 'redis.register_function{[1]=2}')),
    load(lib('l4', "redis.register_function{function_name='h', callback=function() return 2 end, description='d', flags={'no-writes', 'ALLOW-OOM'}}")),
    load(lib('l5', "redis.register_function{function_name=5, callback=function() return 5 end, flags={'allow-stale','no-cluster','allow-cross-slot-keys','no-writes'}}")),
    load(lib('l6', 'syntax error here')), load(lib('l6', "local v = redis.REDIS_VERSION .. redis.LOG_WARNING\nredis.log(redis.LOG_WARNING, 'x')\n" + register('v', 'return v'))),
    load(lib('l7', `local r = redis\n${register('late', "r.register_function('z', function() end)")}`)),
    load(lib('l8', "return redis.setresp")), load(lib('l8', 'return redis.log()')), load(lib('l8', 'return string.len("x")')),
    unordered('FUNCTION LIST'), unordered('FUNCTION LIST WITHCODE LIBRARYNAME l*'), unordered('FUNCTION LIST libraryname L? withcode'),
    'FUNCTION LIST LIBRARYNAME', 'FUNCTION LIST WITHCODE x', 'FUNCTION LIST bad', 'FUNCTION LIST LIBRARYNAME nomatch',
    'FCALL v 0', 'FCALL late 0', 'FCALL 5 0',
  ]))

  it('replaces, deletes and flushes libraries', () => check([
    load(lib('a', register('fa'))), load(lib('b', register('fb'))), load(lib('A', register('FA'))),
    'FUNCTION STATS', load(lib('a', register('FB')), true), 'FUNCTION STATS', load(lib('a', register('fa2')), true), 'FUNCTION STATS',
    load(lib('a', `${register('fa3')}\n${register('fa4')}`), true), 'FUNCTION STATS', load(lib('a', 'return 1'), true), 'FUNCTION STATS',
    ['FUNCTION', 'LOAD', 'bad', lib('c', register('fc'))],
    ['FUNCTION', 'LOAD', 'replace', 'REPLACE', lib('c', register('fc'))], 'FUNCTION LOAD REPLACE', 'FCALL fa 0', 'FCALL fa2 0',
    unordered('FUNCTION LIST'), 'FUNCTION DELETE nosuch', 'FUNCTION STATS', 'FUNCTION DELETE A', 'FUNCTION DELETE A', 'FUNCTION STATS',
    unordered('FUNCTION LIST'), 'FUNCTION FLUSH bad', 'FUNCTION FLUSH SYNC extra', 'FUNCTION STATS', 'FUNCTION FLUSH async',
    'FUNCTION STATS', 'FUNCTION LIST', load(lib('d', register('fd'))), 'FUNCTION FLUSH', 'FUNCTION STATS',
    'FUNCTION HELP', 'FUNCTION KILL', 'FUNCTION RESTORE garbage', 'FUNCTION RESTORE "garbage that is longer than ten bytes"',
    'FUNCTION RESTORE garbage bad', 'FUNCTION RESTORE a b c', 'FUNCTION NOSUCH', 'FUNCTION',
  ]))

  it('calls functions with FCALL and FCALL_RO', () => check([
    load(lib('rt', [
      "redis.register_function('w', function(keys, args) return redis.call('set', keys[1], args[1]) end)",
      "redis.register_function{function_name='wro', callback=function(keys, args) return redis.call('set', keys[1], args[1]) end, flags={'no-writes'}}",
      "redis.register_function{function_name='ro', callback=function(keys, args) return redis.call('get', keys[1]) end, flags={'no-writes'}}",
      "redis.register_function('e', function(keys, args) error('boom') end)",
      "redis.register_function('e2', function(keys, args) return redis.call('nosuch') end)",
      "redis.register_function('e3', function(keys, args) x = 1 end)",
      "redis.register_function('r', function(keys, args) return type(redis.register_function) end)",
      "redis.register_function('kv', function(keys, args) return {keys, args, #keys, #args} end)",
      "redis.register_function('globals', function() return KEYS end)",
      "redis.register_function('libs', function() return {type(string), type(cjson), type(struct), type(cmsgpack), type(bit), type(redis.setresp), type(loadstring)} end)",
      "redis.register_function('pc', function() return redis.pcall('incr', 'w') end)",
    ].join('\n'))),
    'FCALL nosuch 0', 'FCALL w x', 'FCALL w -1', 'FCALL w 5 a', 'FCALL w 1 k v', 'FCALL W 1 k v2', 'GET k',
    'FCALL wro 1 k v', 'FCALL_RO w 1 k v', 'FCALL_RO ro 1 k', 'FCALL ro 1 k', 'FCALL e 0', 'FCALL e2 0', 'FCALL e3 0', 'FCALL r 0',
    'FCALL kv 2 a b c', 'FCALL kv 0', 'FCALL globals 0', 'FCALL libs 0', 'SET w notanumber', 'FCALL pc 0',
    evalLine('return 1'), 'FCALL globals 0', 'FUNCTION STATS',
    'MULTI', 'FCALL w 1 m 1', 'FCALL_RO ro 1 m', 'EXEC',
  ]))

  it('round-trips FUNCTION DUMP and FUNCTION RESTORE on each side', async () => {
    const peer = new EnginePeer()
    const sides = [
      { call: (argv: string[]) => redis().client.call(argv) },
      { call: async (argv: string[]) => peer.exec(argv) },
    ]
    const transcripts: string[][] = []
    await redis().client.call(['FUNCTION', 'FLUSH'])
    for (const side of sides) {
      const transcript: string[] = []
      let payload = ''
      // The payloads differ (ours is a format of our own); the transcript names them alike.
      const run = async (cmd: string | string[]): Promise<Reply> => {
        const reply = await side.call(argvOf(cmd))
        // Which clashing library RESTORE names follows Redis's dict order (seeded per process): any one of them.
        const text = show(reply).replace(/Library \w+ already exists/, 'Library <name> already exists')
        // The counts FUNCTION STATS gives after each step, failed ones included.
        const stats = show(await side.call(['FUNCTION', 'STATS']))
        transcript.push(`${argvOf(cmd).join(' ').replace(payload, '<payload>')}: ${text} / ${stats}`)
        return reply
      }
      await run(load(lib('one', `${register('f1')}\n${register('f2', 'return 2')}`)))
      await run(load(lib('two', "redis.register_function{function_name='g', callback=function() return 'g' end, flags={'no-writes'}, description='a g'}")))
      const dump = await side.call(['FUNCTION', 'DUMP'])
      payload = dump.type === 'bulk' ? dump.value : ''
      // With one library left, APPEND collides on that one alone (Redis checks them in hash order).
      await run('FUNCTION DELETE one')
      await run(['FUNCTION', 'RESTORE', payload])
      await run(['FUNCTION', 'RESTORE', payload, 'APPEND'])
      await run(['FUNCTION', 'RESTORE', payload, 'REPLACE'])
      await run(['FUNCTION', 'RESTORE', `${payload}x`])
      await run('FUNCTION DELETE two')
      await run(load(lib('three', register('g'))))
      await run(['FUNCTION', 'RESTORE', payload, 'REPLACE'])
      await run('FUNCTION DELETE three')
      await run('FUNCTION FLUSH')
      await run(['FUNCTION', 'RESTORE', payload])
      await run('FCALL f2 0')
      await run('FCALL_RO g 0')
      await run(load(lib('other', register('x'))))
      await run(['FUNCTION', 'RESTORE', payload, 'FLUSH'])
      await run('FUNCTION DELETE other')
      await run(load(lib('one', register('g'))))
      await run(['FUNCTION', 'RESTORE', payload, 'REPLACE'])
      await run(['FUNCTION', 'RESTORE', payload, 'FLUSH'])
      const listed = await side.call(['FUNCTION', 'LIST', 'WITHCODE'])
      transcript.push(show(normalizeUnordered(listed)))
      transcripts.push(transcript)
    }
    expect(transcripts[1]).toEqual(transcripts[0])
  })
})

describe.skipIf(!REDIS_SERVER)('the Lua libraries against redis-server', () => {
  const { check } = useRedis()

  it('struct packs, unpacks and sizes as Redis\'s does', () => check([
    "return struct.pack('>I2', 258)", "return {struct.unpack('>I2', '\\1\\2')}", "return struct.size('>iHd')",
    "return struct.pack('<i4 b B h H l L', -2, -1, 255, -300, 65535, -5, 7)",
    "return {struct.unpack('<i4bBhHlL', struct.pack('<i4bBhHlL', -2, -1, 255, -300, 65535, -5, 7))}",
    "return struct.pack('s', 'abc')", "return struct.pack('c3', 'abcdef')", "return struct.pack('c0', 'abc')",
    "return {struct.unpack('c0', struct.pack('B c0', 3, 'abc'))}", "return {struct.unpack('Bc0', struct.pack('Bc0', 3, 'abc'))}",
    "return struct.pack('f', 1.5)", "return struct.pack('>d', 1.5)", "return {struct.unpack('d', struct.pack('d', 1.5))}",
    "return struct.pack('!4 b i', 1, 2)", "return struct.pack('!2 b d', 1, 2)", "return struct.pack('x b', 1)", "return struct.pack('z')",
    "return struct.pack('i17', 1)", "return {struct.unpack('>I2', '\\1')}", "return {struct.unpack('z', 'ab\\0cd')}",
    "return {struct.unpack('s', 'ab\\0cd')}", "return {struct.unpack('>I2', '\\0\\0\\0\\1', 3)}", "return struct.pack('I', -1)",
    "return struct.pack('i', 2^40)", "return struct.pack('b', 'x')", "return struct.size('s')", "return struct.size('c0')",
    "return struct.pack('>i8', 2^53)", "return {struct.unpack('>i8', struct.pack('>i8', -3))}", "return struct.size('!3 i')",
    "return struct.pack('i33', 1)", "return {struct.unpack('c0', 'abc')}", "return {struct.unpack('>I2', 'ab', 4)}",
    "return {struct.unpack('s', 'ab')}", "return struct.pack('c5', 'ab')", "return struct.pack('i99999999999', 1)",
    "return struct.size('!8 b d')", "return struct.size('!8 b c3 d')", 'return struct.pack()', 'return struct.pack(5)',
    "return {struct.unpack('b')}", "return {struct.unpack('<f', struct.pack('<f', 0.1))}", "return struct.pack('>I8', -1)",
    "return {struct.unpack('>i9', '\\255\\255\\255\\255\\255\\255\\255\\255\\255')}", "return {struct.unpack('>I3', '\\255\\255\\255')}",
    "return {struct.unpack('>l', '\\255\\255\\255\\255\\255\\255\\255\\255')}", "return struct.pack('i', 1.9) .. struct.pack('i', -1.9)",
    "return {struct.unpack('c2c1', 'abc', 1.7)}", "return {struct.unpack('>h', struct.pack('>h', 40000))}",
    "return tostring(({struct.unpack('>d', struct.pack('>d', 0.1))})[1])",
  ].map((script) => evalLine(script))))

  it('cmsgpack packs and unpacks as Redis\'s does', () => check([
    'return cmsgpack.pack(1, -1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649)',
    'return cmsgpack.pack(1.5, 0.1, 1e300, -0.0, 2^63, -2^63)', 'return cmsgpack.pack(1/0, -1/0, 0/0, -(0/0), math.huge, 1e39, -1e39)',
    "return cmsgpack.pack('', 'abc', string.rep('x', 31), string.rep('x', 32), string.rep('x', 256), string.rep('y', 65536))",
    'return cmsgpack.pack(true, false, nil)', 'return cmsgpack.pack({})', 'return cmsgpack.pack({1, 2, 3})', "return cmsgpack.pack({a = 1})",
    'return cmsgpack.pack({[1] = 1, [3] = 3})', "return cmsgpack.pack({1, 2, x = 'y'})", 'local t = {} for i = 1, 20 do t[i] = i end return cmsgpack.pack(t)',
    'local t = {} for i = 1, 70000 do t[i] = 1 end return #cmsgpack.pack(t)', 'local t = {} t[1] = t return cmsgpack.pack(t)',
    "return {cmsgpack.unpack(cmsgpack.pack(1, 'a', {1, 2}, true, 1.5))}", "local t = cmsgpack.unpack(cmsgpack.pack({a = 'b'})) return t.a",
    "return cmsgpack.unpack('\\196\\1')", "return cmsgpack.unpack('\\205\\1')", "return cmsgpack.unpack('')",
    "return {cmsgpack.unpack_one(cmsgpack.pack(1, 2, 3))}", "return {cmsgpack.unpack_one(cmsgpack.pack(1, 2, 3), 2)}",
    "return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2)}", "return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 5, 1)}",
    "return {cmsgpack.unpack_one('\\1', 5)}", "return {cmsgpack.unpack_limit('\\1', -1)}", 'return cmsgpack.pack()',
    "return {cmsgpack.unpack(cmsgpack.pack(-1.5, 2^40, -2^40, 2^64))}", "return cmsgpack.unpack('\\207\\255\\255\\255\\255\\255\\255\\255\\255') == 2^64",
    'return cmsgpack.unpack(cmsgpack.pack(0.1)) == 0.1', "return cmsgpack.pack(function() end)",
  ].map((script) => evalLine(script))))

  // A map's entries come in Lua 5.1's lua_next order, which depends on the hash of each key and
  // on how the table was built (a constructor, or cmsgpack.unpack growing it from {}).
  it('cmsgpack packs mixed tables in the order Redis\'s does', () => check([
    'return cmsgpack.pack({1/0, -1/0, 0/0})', 'return cmsgpack.pack({x = 1/0, y = -1/0, z = 0/0})',
    "return cmsgpack.pack({name = 'alice', age = 30, city = 'paris'})",
    "return cmsgpack.pack({id = 1, name = 'x', tags = {'a', 'b'}, meta = {created = 1, updated = 2}})",
    "return cmsgpack.pack({1, 2, x = 'y', z = 'w'})", 'return cmsgpack.pack({1, 2, 3, [10] = 10, [20] = 20})',
    'return cmsgpack.pack({[1.5] = 1, [2.5] = 2, a = 3})', 'return cmsgpack.pack({[0.5] = 1, [0.25] = 2, [0.125] = 3, [-0.5] = 4})',
    'return cmsgpack.pack({[true] = 1, [false] = 2, [0] = 3, [-1] = 4})', 'return cmsgpack.pack({[-1/0] = 1, [2^31] = 2, [2^53] = 3})',
    "return cmsgpack.pack({[string.rep('k', 40)] = 1, [string.rep('long_key_', 5)] = 2, a = 3, bb = 4})",
    // 60 positional fields among keyed ones: OP_SETLIST stores them 50 at a time.
    "local src = 'return {' for i = 1, 60 do src = src .. i .. ', k' .. i .. ' = ' .. i .. ', ' end return cmsgpack.pack(loadstring(src .. '}')())",
    'local t = {} for i = 10, 1, -1 do t[i * 2] = i end return cmsgpack.pack(t)',
    "local t = {} for i = 1, 10 do t['k' .. i] = i end return cmsgpack.pack(t)",
    "local t = cmsgpack.unpack(cmsgpack.pack({name = 'alice', age = 30, city = 'paris'})) t.email = 'a@b' return cmsgpack.pack(t)",
    'return cmsgpack.pack(cmsgpack.unpack(cmsgpack.pack({k1 = 1, k2 = 2, k3 = 3, k4 = 4, k5 = 5, k6 = 6, k7 = 7, k8 = 8, k9 = 9})))',
    'local t = {a = 1, b = 2, c = 3, d = 4} t.b = nil t.e = 5 return cmsgpack.pack(t)',
    'local t = {1, 2, 3} t.x = 1 t[2] = nil return cmsgpack.pack(t)',
  ].map((script) => evalLine(script))))

  it('cjson encodes and decodes as Redis\'s does', () => check([
    'return cjson.encode({})', 'return cjson.encode({1, 2, 3})', "return cjson.encode({a = 1})", 'return cjson.encode(1/3)',
    'return cjson.encode(1e20)', 'return cjson.encode(123456789012345)', 'return cjson.encode(-0.0)', 'return cjson.encode(0.1)',
    'return cjson.encode(1/0)', 'return cjson.encode(0/0)', "return cjson.encode('a/b\\1\"\\\\')", "return cjson.encode(true)",
    'return cjson.encode(nil)', 'return cjson.encode(cjson.null)', 'return cjson.encode({[1]=1,[2]=2,[4]=4})',
    'return cjson.encode({[1]=1,[20]=2})', 'return cjson.encode({[0]=1})', 'return cjson.encode({[-1]=1})', "return cjson.encode({[1.5]=1})",
    'return cjson.encode(function() end)', 'return cjson.encode()', 'return cjson.encode(1, 2)', "return cjson.encode({[true]=1})",
    "return cjson.decode('[1,2,3]')[2]", "return cjson.decode('{\"a\":[1,{\"b\":2}]}').a[2].b", "return cjson.decode('\"\\\\u00e9\"')",
    "return cjson.decode('1e2')", "return cjson.decode(' 12 ')", "return type(cjson.decode('null'))", "return cjson.decode('[1,]')",
    "return cjson.decode('{1:2}')", "return cjson.decode('{\"a\" 1}')", "return cjson.decode('[1 2]')", "return cjson.decode('')",
    "return cjson.decode('\"abc')", "return cjson.decode('tru')", "return cjson.decode('01')", "return cjson.decode('-')",
    "return cjson.decode('\"\\\\x\"')", "return cjson.decode('[1] x')", "return cjson.decode()", "return cjson.decode('{}')",
    "return cjson.encode(cjson.decode('{\"a\":{},\"b\":[]}'))", "return cjson.decode('0.1') == 0.1", "return cjson.decode('-0')",
    'return cjson.encode(2^53)', "return cjson.encode('\\127')", "return cjson.decode('\"\\\\ud83d\\\\ude00\"')",
    "return cjson.decode('\"\\\\ud83d\"')", "return cjson.decode('0x10')", "return cjson.decode('+1')", "return cjson.decode({})", 'return cjson.encode(12345678901234567)',
  ].map((script) => evalLine(script))))
})

/** Polls connection n with PING until it is answered BUSY (that is, until the script runs long). */
async function untilBusy(s: Session, n: number): Promise<void> {
  const connection = await s.connection(n)
  for (let attempt = 0; attempt < 500; attempt++) {
    const reply = await connection.call(['PING'])
    if (reply.type === 'error' && reply.value.startsWith('BUSY')) return
    await sleep(20)
  }
  throw new Error('the script never made the server busy')
}

/** FUNCTION STATS with its duration, which differs from run to run, left out. */
async function stats(s: Session, n: number): Promise<void> {
  const reply = await (await s.connection(n)).call(['FUNCTION', 'STATS'])
  s.record(`${n}> FUNCTION STATS`, reply)
  s.transcript[s.transcript.length - 1] = s.transcript[s.transcript.length - 1].replace(/"duration_ms"\},\{"type":"integer","value":\d+/, '"duration_ms"},(ms)')
}

describe.skipIf(!REDIS_SERVER)('long scripts against redis-server', () => {
  let sides: Sides
  beforeAll(async () => {
    sides = await startSides()
  })
  afterAll(() => sides?.stop())

  const waitForReply = 10_000

  it('answers BUSY while a script runs and lets SCRIPT KILL stop it', () => expectSameScenario(sides, async (s) => {
    await s.run(0, 'CONFIG SET busy-reply-threshold 100')
    await s.run(1, 'CONFIG GET lua-time-limit')
    const looping = await s.send(0, evalLine('while true do end'))
    await untilBusy(s, 1)
    await s.run(1, 'GET x')
    await s.run(1, 'SET x 1')
    await s.run(1, 'nosuchcommand')
    await s.run(1, 'GET')
    await s.run(1, 'SCRIPT KILL x')
    await s.run(1, 'FUNCTION STATS')
    await s.run(1, 'FUNCTION KILL')
    await s.run(1, 'MULTI')
    await s.run(1, 'GET x')
    await s.run(1, 'EXEC')
    await s.run(1, 'SCRIPT KILL')
    await s.answer('0 EVAL', looping, waitForReply)
    await s.run(1, 'SCRIPT KILL')
    await s.run(0, 'PING')
    await s.run(1, 'EXISTS x')
    // A kill caught by pcall comes back at the next line.
    const caught = await s.send(0, evalLine("local n = 0\nwhile true do\n  pcall(function() while true do end end)\n  n = n + 1\nend"))
    await untilBusy(s, 1)
    await s.run(1, 'SCRIPT KILL')
    await s.answer('0 EVAL pcall', caught, waitForReply)
  }))

  it('slices and kills a loop inside a coroutine, a comparator or a replacement function', () => expectSameScenario(sides, async (s) => {
    await s.run(0, 'CONFIG SET busy-reply-threshold 100')
    for (const script of [
      'return {coroutine.resume(coroutine.create(function() while true do end end))}',
      'local f = coroutine.wrap(function() local co = coroutine.create(function() while true do end end) return coroutine.resume(co) end) return {f()}',
      'local n = 0 local co = coroutine.create(function() while true do n = n + 1 if n % 1000 == 0 then coroutine.yield(n) end end end) while true do coroutine.resume(co) end',
      'table.sort({3, 2, 1, 5, 4}, function(a, b) while true do end end)',
      "string.gsub('abc', '%w', function(c) while true do end end)",
      "for w in string.gmatch('abc', '%w') do while true do end end",
      'table.foreach({1}, function() while true do end end)',
    ]) {
      const looping = await s.send(0, evalLine(script))
      await untilBusy(s, 1)
      await s.run(1, 'SCRIPT KILL')
      await s.answer('0 EVAL', looping, waitForReply)
      await s.run(1, 'PING')
    }
  }))

  it('inside MULTI/EXEC: BUSY for others, SCRIPT KILL, then the rest of the transaction', () => expectSameScenario(sides, async (s) => {
    await s.run(0, 'CONFIG SET busy-reply-threshold 100')
    const blocked = await s.send(2, 'BLPOP q 0')
    await s.run(0, 'MULTI')
    await s.run(0, 'RPUSH q a')
    await s.run(0, evalLine('while true do end'))
    await s.run(0, evalLine("return redis.call('lpop', 'q')"))
    await s.run(0, 'RPUSH q b c')
    const exec = await s.send(0, 'EXEC')
    await untilBusy(s, 1)
    await s.run(1, 'LLEN q')
    await s.run(1, 'SCRIPT KILL')
    await s.answer('0 EXEC', exec, waitForReply)
    await s.answer('2 BLPOP', blocked, waitForReply)
    await s.run(1, 'LRANGE q 0 -1')
  }))

  it('refuses to kill a script that wrote, and serves its client when it ends', () => expectSameScenario(sides, async (s) => {
    await s.run(0, 'CONFIG SET busy-reply-threshold 100')
    const blocked = await s.send(2, 'BLPOP queue 0')
    const script = [
      "redis.call('rpush', 'queue', 'job')",
      "local t0 = redis.call('time')",
      'while true do',
      "  local t = redis.call('time')",
      '  if (t[1] - t0[1]) * 1000000 + (t[2] - t0[2]) > 600000 then break end',
      'end',
      "return redis.call('llen', 'queue')",
    ].join('\n')
    const writing = await s.send(0, evalLine(script))
    await untilBusy(s, 1)
    await s.answer('2 BLPOP while busy', blocked)
    await s.run(1, 'SCRIPT KILL')
    await s.run(1, 'FUNCTION KILL')
    await s.answer('0 EVAL', writing, waitForReply)
    await s.answer('2 BLPOP', blocked, waitForReply)
  }))

  it('answers BUSY while a function runs and lets FUNCTION KILL stop it', () => expectSameScenario(sides, async (s) => {
    await s.run(0, 'FUNCTION FLUSH')
    await s.run(0, 'CONFIG SET busy-reply-threshold 100')
    await s.run(0, load(lib('busy', [
      "redis.register_function('spin', function(keys, args)\n  while true do end\nend)",
      "redis.register_function{function_name='spin_ro', callback=function() while true do end end, flags={'no-writes'}}",
    ].join('\n'))))
    const spinning = await s.send(0, 'FCALL spin 1 a b')
    await untilBusy(s, 1)
    await s.run(1, 'GET x')
    await s.run(1, 'SCRIPT KILL')
    await stats(s, 1)
    await s.run(1, 'FUNCTION KILL')
    await s.answer('0 FCALL', spinning, waitForReply)
    await s.run(1, 'FUNCTION KILL')
    await stats(s, 1)
    const readOnly = await s.send(0, 'FCALL_RO spin_ro 0')
    await untilBusy(s, 1)
    await stats(s, 1)
    await s.run(1, 'FUNCTION KILL')
    await s.answer('0 FCALL_RO', readOnly, waitForReply)
    await s.run(0, 'FUNCTION FLUSH')
  }))
})
