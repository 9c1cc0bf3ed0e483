import { describe, expect, it } from 'vitest'
import { testEngine } from '../helpers/engine.ts'
import { array, bulk, error, int, NIL, OK, simple, type Reply } from '../../worker/reply.ts'
import { Engine } from '../../worker/engine.ts'
import { isBlocked } from '../../worker/blocking.ts'
import { sha1hex } from '../../worker/scripting/sha1.ts'
import { formatLuaNumber, luaNumberToInteger } from '../../worker/scripting/numbers.ts'

describe('sha1hex', () => {
  it('names scripts as Redis does', () => {
    expect(sha1hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709')
    expect(sha1hex('return 1')).toBe('e0e1f9fabfc9d4800c877a703b823ac0578ff8db')
    expect(sha1hex('a'.repeat(1000))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba')
  })
})

describe('Lua 5.1 numbers', () => {
  it('formats with %.14g and truncates to integers like a C cast', () => {
    expect(formatLuaNumber(3)).toBe('3')
    expect(formatLuaNumber(1 / 3)).toBe('0.33333333333333')
    expect(formatLuaNumber(1e15)).toBe('1e+15')
    expect(formatLuaNumber(-Infinity)).toBe('-inf')
    expect(luaNumberToInteger(-2.5)).toBe(-2)
    expect(luaNumberToInteger(1e20)).toBe(-9223372036854775808n)
  })
})

describe('Lua 5.1 library behaviour (values as redis-server 7.0 gives them)', () => {
  const value = (run: (line: string) => Reply, lua: string): Reply => run(`EVAL "${lua}" 0`)
  const failure = (run: (line: string) => Reply, lua: string): string => {
    const reply = value(run, lua)
    return reply.type === 'error' ? reply.value.replace(/ script: .*$/, '') : `not an error: ${JSON.stringify(reply)}`
  }

  it('formats as C printf does', () => {
    const { run } = testEngine()
    expect(value(run, "return {string.format('%e', 12345.678), string.format('%g', 12345.678), string.format('%.0f', 2.5), string.format('%x', -1), string.format('[%5.1s]', 'hello'), string.format('%d', 3.7), string.format('%5.1f|%-8.3e|%+d|%#x|%#o', 3.14159, 1234.5, 5, 255, 8)}"))
      .toEqual(array([bulk('1.234568e+04'), bulk('12345.7'), bulk('2'), bulk('ffffffffffffffff'), bulk('[    h]'), bulk('3'), bulk('  3.1|1.234e+03|+5|0xff|010')]))
    expect(failure(run, "return string.format('%y', 1)")).toBe("ERR user_script:1: invalid option '%y' to 'format'")
    expect(failure(run, "return string.format('%d')")).toBe("ERR user_script:1: bad argument #2 to 'format' (no value)")
  })

  it('converts numbers, truncates integer arguments and names the function in errors', () => {
    const { run } = testEngine()
    expect(value(run, "local z = 0 return {tostring(tonumber('inf')), tostring(tonumber('nan')), tostring('-inf' + 1), tostring(tonumber('1.5', 10)), tostring(z/z), tostring(-(z/z)), ('x'):rep(2.9, ','), string.sub('hello', 2.5)}"))
      .toEqual(array([bulk('inf'), bulk('nan'), bulk('-inf'), bulk('1.5'), bulk('-nan'), bulk('nan'), bulk('xx'), bulk('ello')]))
    expect(value(run, "local t = {1,2,3} table.insert(t, 5, 'x') return {t[5], table.remove(t, 9)}")).toEqual(array([bulk('x')]))
    expect(failure(run, 'return math.random(0)')).toBe("ERR user_script:1: bad argument #1 to 'random' (interval is empty)")
    expect(failure(run, 'return math.max()')).toBe("ERR user_script:1: bad argument #1 to 'max' (number expected, got no value)")
    expect(failure(run, 'return tonumber()')).toBe("ERR user_script:1: bad argument #1 to 'tonumber' (value expected)")
    expect(value(run, "return getmetatable('').__index == string")).toEqual(int(1))
    expect(failure(run, "getmetatable('').__index = nil")).toBe('ERR user_script:1: Attempt to modify a readonly table')
  })

  it('words runtime errors about variables as Lua 5.1 does', () => {
    const { run } = testEngine()
    expect(failure(run, "local x return 'a' .. x")).toBe("ERR user_script:1: attempt to concatenate local 'x' (a nil value)")
    expect(failure(run, 'local t = {} t:m()')).toBe("ERR user_script:1: attempt to call method 'm' (a nil value)")
    expect(failure(run, "return ('x')()")).toBe('ERR user_script:1: attempt to call a string value')
  })
})

describe('EVAL and friends', () => {
  it('runs scripts with KEYS and ARGV and converts replies', () => {
    const { run } = testEngine()
    expect(run(`EVAL "return {KEYS[1], ARGV[1], 3.9, false, 'x'}" 1 k v`)).toEqual(array([bulk('k'), bulk('v'), int(3), NIL, bulk('x')]))
    expect(run(`EVAL "return redis.call('set', KEYS[1], 6/2)" 1 k`)).toEqual(OK)
    expect(run('GET k')).toEqual(bulk('3'))
    expect(run(`EVAL "return redis.status_reply('FINE')" 0`)).toEqual(simple('FINE'))
    expect(run(`EVAL "return redis.call('get', 'missing')" 0`)).toEqual(NIL)
    expect(run(`EVAL "return tostring(10/4) .. ' ' .. 2^31 * 2" 0`)).toEqual(bulk('2.5 4294967296'))
  })

  it('releases a lock only for its owner', () => {
    const { run } = testEngine()
    const release = 'if redis.call("get",KEYS[1]) == ARGV[1] then return redis.call("del",KEYS[1]) else return 0 end'
    run('SET lock me')
    expect(run(['EVAL', release, '1', 'lock', 'you'])).toEqual(int(0))
    expect(run(['EVAL', release, '1', 'lock', 'me'])).toEqual(int(1))
  })

  it('formats script errors as Redis 7.0', () => {
    const { run } = testEngine()
    const sha = sha1hex('x = 1')
    expect(run('EVAL "x = 1" 0')).toEqual(error(`ERR user_script:1: Attempt to modify a readonly table script: ${sha}, on @user_script:1.`))
    expect(run(`EVAL "return redis.pcall('incr','a','b')" 0`)).toEqual(error('ERR Wrong number of args calling Redis command from script'))
    expect(run(`EVAL_RO "return redis.call('del','a')" 0`)).toEqual(
      error(`ERR Write commands are not allowed from read-only scripts. script: ${sha1hex("return redis.call('del','a')")}, on @user_script:1.`))
  })

  it('caches scripts by SHA1', () => {
    const { run } = testEngine()
    expect(run('EVALSHA e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0')).toEqual(error('NOSCRIPT No matching script. Please use EVAL.'))
    expect(run('SCRIPT LOAD "return 1"')).toEqual(bulk('e0e1f9fabfc9d4800c877a703b823ac0578ff8db'))
    expect(run('EVALSHA E0E1F9FABFC9D4800C877A703B823AC0578FF8DB 0')).toEqual(int(1))
    expect(run('SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db 00')).toEqual(array([int(1), int(0)]))
    expect(run('SCRIPT FLUSH')).toEqual(OK)
    expect(run('SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db')).toEqual(array([int(0)]))
    expect(run('SCRIPT KILL')).toEqual(error('NOTBUSY No scripts in execution right now.'))
  })

  it('keeps SELECT inside the script', () => {
    const { run, client } = testEngine()
    expect(run(`EVAL "redis.call('select','2') return redis.call('set','a','1')" 0`)).toEqual(OK)
    expect(client.db).toBe(0)
    expect(run('EXISTS a')).toEqual(int(0))
  })
})

describe('long scripts', () => {
  /** An engine whose clock moves 1 ms at each look and whose slices run only when the test says. */
  function busyEngine() {
    let time = 0
    const slices: Array<() => void> = []
    const engine = new Engine({ clock: () => (time += 1), schedule: (task) => slices.push(task) })
    const caller = engine.createClient()
    const answers: Reply[] = []
    caller.deliver = (reply, kind) => {
      if (kind === 'reply') answers.push(reply)
    }
    const other = engine.createClient()
    const run = (argv: string[], client = other) => engine.exec(client, argv)
    run(['CONFIG', 'SET', 'busy-reply-threshold', '100'])
    return { engine, caller, answers, run, slices, nextSlice: () => slices.shift()?.() }
  }

  it('answers the caller later, others with BUSY, and stops at SCRIPT KILL', () => {
    const { engine, caller, answers, run, slices, nextSlice } = busyEngine()
    expect(isBlocked(run(['EVAL', 'while true do end', '0'], caller))).toBe(true)
    expect(engine.busyScript).toBeDefined()
    expect(run(['GET', 'x'])).toEqual(error('BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.'))
    expect(run(['FUNCTION', 'KILL'])).toEqual(error('BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.'))
    nextSlice()
    expect(answers).toEqual([])
    expect(slices).toHaveLength(1)
    expect(run(['SCRIPT', 'KILL'])).toEqual(OK)
    nextSlice()
    expect(answers).toEqual([error(`ERR Script killed by user with SCRIPT KILL... script: ${sha1hex('while true do end')}, on @user_script:1.`)])
    expect(slices).toHaveLength(0)
    expect(engine.busyScript).toBeUndefined()
    expect(run(['SCRIPT', 'KILL'])).toEqual(error('NOTBUSY No scripts in execution right now.'))
  })

  it('cannot kill a script that wrote; blocked clients are served once it ends', () => {
    const { answers, run, caller, engine, nextSlice } = busyEngine()
    const waiting = engine.createClient()
    const served: Reply[] = []
    waiting.deliver = (reply) => served.push(reply)
    expect(isBlocked(run(['BLPOP', 'q', '0'], waiting))).toBe(true)
    const script = "redis.call('rpush', 'q', 'a') local n = 0 while n < 1000000 do n = n + 1 end return n"
    expect(isBlocked(run(['EVAL', script, '0'], caller))).toBe(true)
    expect(run(['SCRIPT', 'KILL'])).toEqual(error(
      'UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.'))
    while (answers.length === 0) {
      expect(served).toEqual([])
      nextSlice()
    }
    expect(answers).toEqual([int(1000000)])
    expect(served).toEqual([array([bulk('q'), bulk('a')])])
  })

  it('inside MULTI/EXEC: BUSY for others, then the rest of the transaction before anything else', () => {
    const { engine, caller, answers, run, nextSlice } = busyEngine()
    const waiting = engine.createClient()
    const served: Reply[] = []
    waiting.deliver = (reply) => served.push(reply)
    expect(isBlocked(run(['BLPOP', 'q', '0'], waiting))).toBe(true)
    run(['MULTI'], caller)
    run(['RPUSH', 'q', 'a'], caller)
    run(['EVAL', 'while true do end', '0'], caller)
    run(['EVAL', "return redis.call('lpop', 'q')", '0'], caller)
    run(['RPUSH', 'q', 'b'], caller)
    expect(isBlocked(run(['EXEC'], caller))).toBe(true)
    expect(run(['LLEN', 'q'])).toEqual(error('BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.'))
    nextSlice()
    expect(answers).toEqual([])
    expect(run(['SCRIPT', 'KILL'])).toEqual(OK)
    nextSlice()
    expect(answers).toEqual([array([
      int(1),
      error(`ERR Script killed by user with SCRIPT KILL... script: ${sha1hex('while true do end')}, on @user_script:1.`),
      bulk('a'),
      int(1),
    ])])
    // The blocked client was served after EXEC, with what EXEC left.
    expect(served).toEqual([array([bulk('q'), bulk('b')])])
    expect(engine.busyScript).toBeUndefined()
  })

  it('a second long script in the same transaction makes the engine busy again', () => {
    const { engine, caller, answers, run, nextSlice } = busyEngine()
    // The clock moves 1 ms at each look: each script looks more than 10 times.
    run(['CONFIG', 'SET', 'busy-reply-threshold', '10'])
    run(['MULTI'], caller)
    run(['EVAL', 'local n = 0 while n < 300000 do n = n + 1 end return n', '0'], caller)
    run(['EVAL', 'while true do end', '0'], caller)
    expect(isBlocked(run(['EXEC'], caller))).toBe(true)
    // Enough slices for the first script to end; the second one keeps the engine busy.
    for (let i = 0; i < 200; i++) nextSlice()
    expect(answers).toEqual([])
    expect(run(['PING'])).toEqual(error('BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.'))
    expect(run(['SCRIPT', 'KILL'])).toEqual(OK)
    nextSlice()
    expect(answers).toEqual([array([
      int(300000),
      error(`ERR Script killed by user with SCRIPT KILL... script: ${sha1hex('while true do end')}, on @user_script:1.`),
    ])])
    expect(engine.busyScript).toBeUndefined()
  })

  it('runs to the end where it cannot answer later: a client without a transport', () => {
    const { engine, run } = busyEngine()
    const local = engine.createClient()
    run(['MULTI'], local)
    run(['EVAL', 'local n = 0 while n < 1000000 do n = n + 1 end return n', '0'], local)
    expect(run(['EXEC'], local)).toEqual(array([int(1000000)]))
    expect(run(['EVAL', 'local n = 0 while n < 1000000 do n = n + 1 end return n', '0'], local)).toEqual(int(1000000))
  })
})

describe('the Lua libraries Redis loads', () => {
  it('has struct, cmsgpack, bit and cjson', () => {
    const { run } = testEngine()
    expect(run(`EVAL "return {struct.unpack('>i2', struct.pack('>i2', -2))}" 0`)).toEqual(array([int(-2), int(3)]))
    expect(run(`EVAL "return cmsgpack.unpack(cmsgpack.pack({1, 2, 3}))[3]" 0`)).toEqual(int(3))
    expect(run(`EVAL "return cjson.encode({})" 0`)).toEqual(bulk('{}'))
    expect(run(`EVAL "return cjson.encode(1/0)" 0`)).toEqual(
      error(`ERR user_script:1: Cannot serialise number: must not be NaN or Inf script: ${sha1hex('return cjson.encode(1/0)')}, on @user_script:1.`))
  })
})
