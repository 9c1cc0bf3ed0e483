import { describe, it } from 'vitest'
import { REDIS_SERVER, useRedis } from '../helpers/redis-server.ts'

const LOCK_RELEASE = 'if redis.call("get",KEYS[1]) == ARGV[1] then return redis.call("del",KEYS[1]) else return 0 end'
const TRANSFER = `local source_balance = tonumber(redis.call("GET", KEYS[1]))
local amount = tonumber(ARGV[1])
if source_balance >= amount then
  redis.call("DECRBY", KEYS[1], amount)
  redis.call("INCRBY", KEYS[2], amount)
  return 1
else
  return 0
end`
const TOKEN_BUCKET = `local key = KEYS[1]
local max_tokens = tonumber(ARGV[1])
local refill_rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local requested = tonumber(ARGV[4])
local data = redis.call("HMGET", key, "tokens", "last_refill")
local tokens = tonumber(data[1]) or max_tokens
local last_refill = tonumber(data[2]) or now
local elapsed = (now - last_refill) / 1000
local new_tokens = math.min(max_tokens, tokens + elapsed * refill_rate)
if new_tokens >= requested then
  new_tokens = new_tokens - requested
  redis.call("HMSET", key, "tokens", new_tokens, "last_refill", now)
  redis.call("EXPIRE", key, math.ceil(max_tokens / refill_rate) * 2)
  return {1, math.floor(new_tokens)}
else
  redis.call("HMSET", key, "tokens", new_tokens, "last_refill", now)
  redis.call("EXPIRE", key, math.ceil(max_tokens / refill_rate) * 2)
  local wait = math.ceil((requested - new_tokens) / refill_rate)
  return {0, wait}
end`

const evalLine = (script: string, ...rest: string[]): string[] => ['EVAL', script, ...rest]

describe.skipIf(!REDIS_SERVER)('scripting against redis-server', () => {
  const { check } = useRedis([['FLUSHALL'], ['SCRIPT', 'FLUSH']])

  it('runs the tutorials\' scripts: lock release, transfer, token bucket', () => check([
    'SET lock owner-1', evalLine(LOCK_RELEASE, '1', 'lock', 'owner-2'), evalLine(LOCK_RELEASE, '1', 'lock', 'owner-1'), 'EXISTS lock',
    'SET acct:a 100', 'SET acct:b 5', evalLine(TRANSFER, '2', 'acct:a', 'acct:b', '30'), evalLine(TRANSFER, '2', 'acct:a', 'acct:b', '300'),
    'MGET acct:a acct:b',
    evalLine(TOKEN_BUCKET, '1', 'bucket', '10', '2', '1700000000000', '4'),
    evalLine(TOKEN_BUCKET, '1', 'bucket', '10', '2', '1700000000500', '7'),
    evalLine(TOKEN_BUCKET, '1', 'bucket', '10', '2', '1700000001750', '3'),
    'HGETALL bucket', 'TTL bucket',
  ]))

  it('converts Lua values to replies', () => check([
    `EVAL "return {1,{2,3},{ok='k'},{err='e'}, 3.7, -2.5, true, false, 'x'}" 0`,
    `EVAL "local t = {} t[1]=1 t[2]=2 t[4]=4 return t" 0`,
    `EVAL "return {a=1}" 0`, `EVAL "return nil" 0`, `EVAL "return false" 0`, `EVAL "return true" 0`,
    `EVAL "return 9007199254740993" 0`, `EVAL "return 1e20" 0`, `EVAL "return -0.5" 0`, `EVAL "return math.huge" 0`,
    `EVAL "return {err=''}" 0`, `EVAL "return {ok=5}" 0`, `EVAL "return {err=5}" 0`, `EVAL "return {err='-x y'}" 0`,
    `EVAL "return redis.error_reply('')" 0`, `EVAL "return redis.error_reply('ab')" 0`, `EVAL "return redis.error_reply('-x')" 0`,
    `EVAL "return redis.error_reply('a b')" 0`, `EVAL "return redis.status_reply('FINE')" 0`,
    `EVAL "return {double=3.5}" 0`, `EVAL "return {map={a=1}}" 0`,
    `EVAL "redis.setresp(3) return true" 0`, `EVAL "redis.setresp(3) return false" 0`, `EVAL "redis.setresp(3) return {set={a=true}}" 0`,
    `EVAL "redis.setresp(3) return {big_number='123'}" 0`,
    `EVAL "return {KEYS[1], ARGV[1], #KEYS, #ARGV}" 2 a b c`,
  ]))

  it('converts replies to Lua values, in RESP2 and RESP3', () => check([
    `EVAL "return redis.call('ping')" 0`, `EVAL "return type(redis.call('get','nokey'))" 0`,
    `EVAL "return redis.call('hset','h','a','1')" 0`, `EVAL "return redis.call('hgetall','h')" 0`,
    `EVAL "redis.setresp(3) return redis.call('hgetall','h')['map']['a']" 0`,
    `EVAL "redis.setresp(3) return type(redis.call('get','nokey'))" 0`,
    `EVAL "redis.call('zadd','z','1.5','m') return redis.call('zscore','z','m')" 0`,
    `EVAL "redis.setresp(3) return redis.call('zscore','z','m')['double']" 0`,
    `EVAL "return redis.pcall('incr','x','y')" 0`, `EVAL "local r = redis.pcall('nosuch') return r['err']" 0`,
    `EVAL "return redis.call('set', 'k', 6/2)" 0`, 'GET k', `EVAL "return redis.call('set', 'k', 1/3)" 0`, 'GET k',
    `EVAL "return redis.call('set', 'k', 1e100)" 0`, 'GET k', `EVAL "return redis.call('set', 'k', -0.0)" 0`, 'GET k',
  ]))

  it('behaves as Lua 5.1 where a script can see it', () => check([
    `EVAL "return tostring(6/2) .. ' ' .. tostring(1/3) .. ' ' .. 2^53" 0`,
    `EVAL "return tostring(1e15) .. ' ' .. tostring(1e14) .. ' ' .. 123456789012345678" 0`,
    `EVAL "return 2147483647 + 1" 0`, `EVAL "return 100000 * 100000" 0`,
    `EVAL "return tostring(1/0) .. tostring(-1/0) .. tostring(0/0)" 0`,
    `EVAL "return math.floor(3.7) .. ' ' .. string.format('%d %5.2f %s', 3, 1.5, 2.0)" 0`,
    `EVAL "return tonumber('0x10') .. ' ' .. tonumber('  12  ') .. ' ' .. tostring(tonumber('1e2'))" 0`,
    `EVAL "return 7 % 3 .. ' ' .. 2^10 .. ' ' .. 10/4 .. ' ' .. -7 % 3" 0`,
    `EVAL "return select('#', unpack({1,2,3}))" 0`, `EVAL "return loadstring('return 5')()" 0`,
    `EVAL "return table.concat({1,2.5,'a'}, ',')" 0`, `EVAL "return _VERSION" 0`,
    `EVAL "return type(math.pow) .. type(string.gfind) .. type(table.getn)" 0`,
    `EVAL "return bit.band(0xff, 0x0f) .. ' ' .. bit.tohex(255) .. ' ' .. bit.bnot(0) .. ' ' .. bit.lshift(1, 31)" 0`,
    `EVAL "return cjson.encode({1,2,{a=1}})" 0`, `EVAL "return cjson.decode('[1,2,{\\"a\\":1.5}]')[3].a" 0`,
    `EVAL "return cjson.encode({[1]=1,[2]=2,[4]=4})" 0`, `EVAL "return cjson.encode(1/3)" 0`, `EVAL "return cjson.decode('bad')" 0`,
    `EVAL "return cjson.encode({1,2,cjson.null})" 0`,
  ]))

  it('has table.sort, gsub, gmatch, foreach and coroutines as Lua 5.1 has them', () => check([
    `EVAL "coroutine.yield()" 0`,
    `EVAL "return table.foreach({5,6}, function(k,v) return nil end)" 0`,
    `EVAL "table.foreach(nil)" 0`,
    `EVAL "table.foreach()" 0`,
    `EVAL "table.foreach({}, 1)" 0`,
    `EVAL "local t = {} for i=1,200 do t[i] = {k=i%7, i=i} end table.sort(t, function(a,b) return a.k < b.k end) local r = {} for i=1,200 do r[i]=t[i].i end return r" 0`,
    `EVAL "local t = {} for i=1,500 do t[i] = {k=(i*7919)%13, i=i} end table.sort(t, function(a,b) return a.k > b.k end) local r = {} for i=1,500 do r[i]=t[i].i end return r" 0`,
    `EVAL "local t = {} for i=1,300 do t[i] = (i*7919)%1000 end table.sort(t) return t" 0`,
    `EVAL "local t = {'b','a','c','B'} table.sort(t) return t" 0`,
    `EVAL "table.sort({3,1,'a'})" 0`,
    `EVAL "table.sort({3,1,2,5,4}, function(a,b) return true end)" 0`,
    `EVAL "local t={} for i=1,50 do t[i]=i end table.sort(t, function(a,b) return true end)" 0`,
    `EVAL "table.sort(nil)" 0`,
    `EVAL "table.sort({}, 3)" 0`,
    `EVAL "local t = {3,2,1} table.sort(t, nil) return t" 0`,
    `EVAL "return string.gsub('hello world', '%w+', {hello={}})" 0`,
    `EVAL "return {string.gsub('hello world', '(o)', function(c) return c:upper() end)}" 0`,
    `EVAL "return {string.gsub('abc', '%w*', function(c) return '<'..c..'>' end)}" 0`,
    `EVAL "return {string.gsub('abc', '%w*', '-')}" 0`,
    `EVAL "return {string.gsub('abc', '', function(c) return '-' end)}" 0`,
    `EVAL "return {string.gsub('hello world', '()o', function(p) return p end)}" 0`,
    `EVAL "return {string.gsub('hello', '^h', function(p) return 'J' end)}" 0`,
    `EVAL "return {string.gsub('hello', 'l', function(p) return 'L' end, 1)}" 0`,
    `EVAL "return {string.gsub('hello', 'l', {l=5.5})}" 0`,
    `EVAL "return {string.gsub('hello', 'l', {l=false})}" 0`,
    `EVAL "return {string.gsub('hello', '(', function() end)}" 0`,
    `EVAL "return {string.gsub('hello', 'l', function() end, 1.5)}" 0`,
    `EVAL "return {string.gsub('hello', 'l', 'x', -1)}" 0`,
    `EVAL "return {string.gsub('hello', 'l', 'x', '1')}" 0`,
    `EVAL "return {string.gsub('hello', 'l', 'x', {})}" 0`,
    `EVAL "return {string.gsub(12345, 3, function() return 9 end)}" 0`,
    `EVAL "return {('x=1, y=2'):gsub('(%w+)=(%w+)', '%2=%1')}" 0`,
    `EVAL "return {('hello'):gsub('l', '%x')}" 0`,
    `EVAL "return {('hello'):gsub('l', '[%0%1]')}" 0`,
    `EVAL "return {('hello'):gsub('(l)', '%2')}" 0`,
    `EVAL "return {('hello'):gsub('l', '%2')}" 0`,
    `EVAL "return {('hello'):gsub('l', '%%')}" 0`,
    `EVAL "return {('hello'):gsub('l', '%')}" 0`,
    `EVAL "return {('hello'):gsub()}" 0`,
    `EVAL "return {('hello'):gsub('l')}" 0`,
    `EVAL "return {string.gsub()}" 0`,
    `EVAL "return {string.gsub('x', 'x', true)}" 0`,
    `EVAL "return {('hello'):gsub('l', true)}" 0`,
    `EVAL "return {string.gsub('hello', '', 'x')}" 0`,
    `EVAL "return {string.gsub('', '', 'x')}" 0`,
    `EVAL "return {string.gsub('', 'a*', 'x')}" 0`,
    `EVAL "return {string.gsub('aaa', '^a', 'x')}" 0`,
    `EVAL "return {string.gsub('aaa', '^', 'x')}" 0`,
    `EVAL "return {string.gsub('a.b.c', '%.', '%%')}" 0`,
    `EVAL "return {string.gsub('hello world from lua', '(%w+) (%w+)', '%2 %1')}" 0`,
    `EVAL "local r = {} for w in string.gmatch('one two  three', '%a+') do r[#r+1] = w end return r" 0`,
    `EVAL "local r = {} for w in string.gmatch('abc', '%w*') do r[#r+1] = '<'..w..'>' end return r" 0`,
    `EVAL "local r = {} for k, v in string.gmatch('a=1, b=2', '(%w+)=(%w+)') do r[#r+1] = k..v end return r" 0`,
    `EVAL "local r = {} for p in string.gmatch('abc', '()') do r[#r+1] = p end return r" 0`,
    `EVAL "local r = {} for p in string.gmatch('^a^b', '^%a') do r[#r+1] = p end return r" 0`,
    `EVAL "local r = {} for w in ('x y'):gfind('%a') do r[#r+1] = w end return r" 0`,
    `EVAL "for w in string.gmatch('abc', '(') do end" 0`,
    `EVAL "string.gmatch()" 0`,
    `EVAL "local co = coroutine.create(function(a) local b = coroutine.yield(a+1) return b*2 end) local r1 = {coroutine.resume(co, 1)} local r2 = {coroutine.resume(co, 10)} local r3 = {coroutine.resume(co)} return {tostring(r1[1]), r1[2], tostring(r2[1]), r2[2], tostring(r3[1]), r3[2]}" 0`,
    `EVAL "local f = coroutine.wrap(function() error('boom') end) f()" 0`,
    `EVAL "local f = coroutine.wrap(function() error({err='boom'}) end) f()" 0`,
    `EVAL "local f = coroutine.wrap(function() coroutine.yield(1) end) f() f() f()" 0`,
    `EVAL "local f = coroutine.wrap(function(a, b) local c = coroutine.yield(a + b) return c * 2 end) return {f(1, 2), f(5)}" 0`,
    `EVAL "coroutine.wrap(print)" 0`,
    `EVAL "coroutine.wrap()" 0`,
    `EVAL "coroutine.create(print)" 0`,
    `EVAL "return coroutine.status(coroutine.create(function() end))" 0`,
    `EVAL "local co co = coroutine.create(function() return coroutine.status(co) end) return {coroutine.resume(co)}" 0`,
    `EVAL "local co co = coroutine.create(function() return coroutine.resume(co) end) local r = {coroutine.resume(co)} return {tostring(r[1]), tostring(r[2]), r[3]}" 0`,
    `EVAL "local outer outer = coroutine.create(function() local inner = coroutine.create(function() return coroutine.resume(outer) end) return coroutine.resume(inner) end) local r = {coroutine.resume(outer)} return {tostring(r[1]), tostring(r[2]), tostring(r[3]), r[4]}" 0`,
    `EVAL "return coroutine.resume(1)" 0`,
    `EVAL "return coroutine.status(1)" 0`,
    `EVAL "return {coroutine.resume(coroutine.running())}" 0`,
    `EVAL "return type(coroutine.running())" 0`,
    `EVAL "return type(coroutine.isyieldable)" 0`,
    `EVAL "local co = coroutine.create(function() return type(coroutine.running()) end) return {coroutine.resume(co)}" 0`,
    `EVAL "local co = coroutine.create(function() error('x') end) return {coroutine.resume(co)}" 0`,
    `EVAL "local co = coroutine.create(function() end) coroutine.resume(co) return {coroutine.resume(co)}" 0`,
    `EVAL "return table.foreachi({5,6}, function(i,v) if v == 6 then return i * 10 end end)" 0`,
    `EVAL "return table.foreach({a=1}, function(k,v) return k..v end)" 0`,
    `EVAL "return table.sort(nil)" 0`,
    `EVAL "return table.sort({1,'x'})" 0`,
    `EVAL "return ('x'):gsub('x', {x={}})" 0`,
    `EVAL "return ('x'):gsub()" 0`,
    `EVAL "local g = string.gsub return g()" 0`,
    `EVAL "return pcall(string.gsub)" 0`,
    `EVAL "local f = coroutine.wrap(function() error('boom') end) return f()" 0`,
    `EVAL "return table.foreach(nil)" 0`,
    `EVAL "local s = 'x' return s.gsub()" 0`,
    `EVAL "return {string.gsub('f(a(b)c) g(d)', '%b()', '[]')}" 0`,
    `EVAL "return {string.gsub('a]]b]', '[%]]+', '!')}" 0`,
    `EVAL "return {string.gsub('xxab yb', '[^a ]*b', '<%0>')}" 0`,
    `EVAL "return {string.gsub('abab', '(a)(b)', '%2%1')}" 0`,
    `EVAL "return {string.gsub('abab', '(a)(b)', '%3')}" 0`,
    `EVAL "return {string.gsub('aXb aYb', 'a-b', '%0%0')}" 0`,
    `EVAL "return {string.gsub('THE (quick) fox', '%f[%a]%a+', function(w) return w:lower() end)}" 0`,
    `EVAL "return {string.gsub('hello', '(l)(l)', function(a, b) return b .. a .. '!' end)}" 0`,
    `EVAL "return {string.gsub('hello', 'l+', {ll='LL'})}" 0`,
    `EVAL "return {string.gsub('abc', '.', {a=1, b=true})}" 0`,
    `EVAL "return {string.gsub('a1b22c333', '%d+', function(d) return #d end)}" 0`,
    `EVAL "return {string.gsub('one two', '(%w+)', '<%1>', 1)}" 0`,
    `EVAL "return {string.gsub('x', '[a', 'y')}" 0`,
    `EVAL "return {string.gsub('x', 'x%', 'y')}" 0`,
    `EVAL "return {string.gsub('x', '%1', 'y')}" 0`,
    `EVAL "return {string.gsub('abc', 'b*', 'X')}" 0`,
    `EVAL "return {string.gsub('abc', '$', '!')}" 0`,
    `EVAL "return {string.gsub('a$c', 'a$', '!')}" 0`,
    `EVAL "local r = {} for a, b in string.gmatch('k1=v1;k2=v2', '(%w+)=(%w+)') do r[#r+1] = b .. a end return r" 0`,
    `EVAL "local r = {} for w in string.gmatch('a,b,,c', '([^,]*)') do r[#r+1] = '<' .. w .. '>' end return r" 0`,
    `EVAL "local r = {} for w in string.gmatch('[x][y]', '%b[]') do r[#r+1] = w end return r" 0`,
    `EVAL "local t = {5, 2, 'x'} table.sort(t, function(a, b) return tostring(a) < tostring(b) end) return t" 0`,
    `EVAL "local t = {3, 1, 0/0, 2} table.sort(t) return #t" 0`,
    `EVAL "local t = setmetatable({3, 1, 2}, {}) table.sort(t) return t" 0`,
    `EVAL "local t = {'b', 'a', 'c'} table.sort(t, function(a, b) return a > b end) return t" 0`,
    `EVAL "local t = {} for i = 1, 120 do t[i] = {v = i % 3, i = i} end table.sort(t, function(a, b) return a.v < b.v end) local r = {} for i = 1, 120 do r[i] = t[i].i end return r" 0`,
    `EVAL "for w in string.gmatch('x', '%1') do end" 0`,
  ]))

  it('converts strings to numbers and prints NaNs as Lua 5.1 on glibc does', () => check([
    `EVAL "return {tostring(tonumber('inf')), tostring(tonumber('-inf')), tostring(tonumber('nan')), tostring(tonumber('infinity')), tostring(tonumber('INF')), tostring(tonumber(' +Infinity ')), tostring(tonumber('-nan')), tostring(tonumber('nan(12)'))}" 0`,
    `EVAL "return tostring('inf' + 1) .. ' ' .. tostring('-inf' * 1) .. ' ' .. tostring('nan' + 0)" 0`,
    `EVAL "return {tostring(tonumber('infin')), tostring(tonumber('in')), tostring(tonumber('nan1')), tostring(tonumber('1e')), tostring(tonumber('0x')), tostring(tonumber('1 2')), tostring(tonumber('0x1p4')), tostring(tonumber(' 0x10 ')), tostring(tonumber('1' .. string.char(0)))}" 0`,
    `EVAL "return {tostring(tonumber('1.5', 10)), tostring(tonumber('10', 10.7)), tostring(tonumber('ff', 16)), tostring(tonumber('0xff', 16)), tostring(tonumber('-ff', 16)), tostring(tonumber('zz', 36)), tostring(tonumber(' 11 ', 2)), tostring(tonumber('12', 2)), tostring(tonumber(12, 16)), tostring(tonumber('1.5', 16))}" 0`,
    `EVAL "return tonumber()" 0`, `EVAL "return tonumber('10', 99)" 0`, `EVAL "return tonumber(nil, 16)" 0`,
    `EVAL "return tostring()" 0`,
    `EVAL "local z = 0 return {tostring(z/z), tostring(-(z/z)), tostring(math.log(-1)), tostring(math.huge - math.huge), tostring(math.sqrt(-1)), tostring(math.huge * 0), tostring(math.fmod(1, 0)), tostring(math.acos(2)), tostring(math.pow(-8, 1/3)), tostring(-(z/z) + 1), tostring((z/z) * -1)}" 0`,
    `EVAL "return {tostring(math.floor(-0.5)), tostring(math.ceil(-0.5)), tostring(math.floor(2^60)), tostring(2^63), tostring(-7 % 3), tostring(7 % -3)}" 0`,
  ]))

  it('truncates fractional numbers where Lua 5.1 takes an integer', () => check([
    `EVAL "return string.format('%d', 3.7)" 0`, `EVAL "return string.sub('hello', 2.5)" 0`, `EVAL "return ('x'):rep(2.9)" 0`,
    `EVAL "return {string.byte('hello', 1.5, 3.9)}" 0`, `EVAL "return string.char(65.7, 66.2)" 0`,
    `EVAL "local t = {1,2,3} table.insert(t, 1.5, 'x') return t" 0`, `EVAL "local t = {1,2,3} return table.remove(t, 1.9)" 0`,
    `EVAL "return table.concat({1,2,3,4}, ',', 1.5, 3.5)" 0`, `EVAL "return {unpack({1,2,3,4}, 1.5, 3.5)}" 0`,
    `EVAL "return math.random(2.5) < 3" 0`, `EVAL "return select(1.5, 'a', 'b')" 0`, `EVAL "return string.find('hello', 'l', 3.9)" 0`,
    `EVAL "return {string.find('abc', 'b', -10), string.find('abc', '', 10), string.find('abc', '', 4)}" 0`,
    `EVAL "return {string.match('abc', '.', 9), string.match('abc', '()', 9)}" 0`,
    `EVAL "return tostring(math.ldexp(0.5, 1.7))" 0`,
  ]))

  it('formats as Lua 5.1\'s string.format does with C\'s printf', () => check([
    `EVAL "return {string.format('%e', 12345.678), string.format('%g', 12345.678), string.format('%E', 0.000123), string.format('%G', 1e20), string.format('%g', 100000), string.format('%g', 1e15)}" 0`,
    `EVAL "return {string.format('%.0f', 0.5), string.format('%.0f', 2.5), string.format('%.2f', 0.125), string.format('%.1e', 0.25), string.format('%g', 0.0001), string.format('%g', 0.00001), string.format('%#g', 1), string.format('%g', 1e100), string.format('%.20f', 0.1), string.format('%f', 1e22), string.format('%.3g', 0.0009995), string.format('%g', 999999.5), string.format('%.17g', 0.1), string.format('%e', 1e-310), string.format('%.99f', 1/3), string.format('%99.2e', -5)}" 0`,
    `EVAL "return {string.format('%5.1f', 1/0), string.format('%05d', -3), string.format('%+.3d', 7), string.format('%.0d', 0), string.format('%#x', 0), string.format('%#o', 0), string.format('%e', 0), string.format('%f', -1/0), string.format('%E', 0/0), string.format('%010f', -1/0), string.format('% f', 1), string.format('%5.1f|%-8.3e|%+d|% d|%#x|%#o', 3.14159, 1234.5, 5, 5, 255, 8)}" 0`,
    `EVAL "return {string.format('%x', -1), string.format('%x', 2^40), string.format('%X', 255.9), string.format('%u', -1), string.format('%i', 42), string.format('%x', 2^64), string.format('%x', 2^63), string.format('%x', 0/0), string.format('%d', 0/0), string.format('%o', -1), string.format('%#X', 255), string.format('%+u', 5), string.format('%-6d|', 42), string.format('%06.2f', -1.5), string.format('%.3x', 1), string.format('%i', -7.9)}" 0`,
    `EVAL "return {('%d'):format(2^31), string.format('%d', 2^53), string.format('%d', 2^63), string.format('%d', -2^63), string.format('%d', 1e100), string.format('%d %s', '12', 13)}" 0`,
    `EVAL "return {string.format('[%5.1s]', 'hello'), string.format('%.2s|%.0s|%10.2s|%-10s|', 'abcdef', 'xyz', 'hello', 'hi'), string.format('%c%c', 65, 66.5), string.format('%-5c|%3c', 65, 66), string.format('%s %s %s', 1, 2.5, 1e100)}" 0`,
    `EVAL "return {string.format('[%s]', 'a' .. string.char(0) .. 'b'), string.format('%c|%5c|', 0, 0), string.format('%s', string.rep('a', 150)) == string.rep('a', 150)}" 0`,
    `EVAL "return {string.format('%q', 'a' .. string.char(10) .. 'b' .. string.char(0) .. 'c' .. string.char(13) .. 'd'), string.format('%q', 1/3), string.format('%10.3q', 'x')}" 0`,
    `EVAL "return string.format('%y', 1)" 0`, `EVAL "return string.format('%a', 1)" 0`, `EVAL "return string.format('%F', 1)" 0`,
    `EVAL "return string.format('%d')" 0`, `EVAL "return string.format('%d', 'x')" 0`, `EVAL "return string.format('%5')" 0`,
    `EVAL "return string.format('%123d', 1)" 0`, `EVAL "return string.format('%.123d', 1)" 0`, `EVAL "return string.format('%-+ #0-d', 1)" 0`,
    `EVAL "return string.format('%-+ #0d', 1)" 0`, `EVAL "return string.format()" 0`, `EVAL "return string.format({})" 0`,
    `EVAL "return string.format('%s', {})" 0`, `EVAL "return string.format('%s', nil)" 0`, `EVAL "return string.format('%s', true)" 0`,
    `EVAL "return string.format('%d', {})" 0`, `EVAL "return {pcall(string.format, '%d', 'x')}" 0`,
  ]))

  it('has Lua 5.1\'s base, string, math and table functions, with their errors', () => check([
    `EVAL "return string.rep('ab', 3, ',')" 0`, `EVAL "return string.rep()" 0`, `EVAL "return string.rep('x')" 0`,
    `EVAL "return string.char(256)" 0`, `EVAL "return string.char(-1)" 0`, `EVAL "return string.len()" 0`, `EVAL "return string.len(123)" 0`,
    `EVAL "return math.max()" 0`, `EVAL "return math.min()" 0`, `EVAL "return math.max('x')" 0`, `EVAL "return math.max(1, 'x')" 0`,
    `EVAL "return {math.max(1, 5, 3), math.min(4, 2, 8)}" 0`,
    `EVAL "return {tostring(math.frexp(8)), tostring(select(2, math.frexp(8))), tostring(math.frexp(0)), tostring(math.frexp(-3))}" 0`,
    `EVAL "return {tostring(math.log(8, 2)), tostring(math.log10(100)), tostring(math.atan2(1, 1)), tostring(math.cosh(1)), tostring(math.sinh(1)), tostring(math.tanh(1)), tostring(math.pow(2, 10)), tostring(math.ldexp(1, 3))}" 0`,
    `EVAL "return math.pow('x', 1)" 0`, `EVAL "return math.pow(2)" 0`, `EVAL "return math.floor('x')" 0`, `EVAL "return math.floor()" 0`,
    `EVAL "return math.ceil()" 0`, `EVAL "return math.random(0)" 0`, `EVAL "return math.random(3, 1)" 0`, `EVAL "return math.random(1, 2, 3)" 0`,
    `EVAL "return math.random('x')" 0`, `EVAL "return {pcall(math.floor)}" 0`, `EVAL "return {pcall(string.rep)}" 0`,
    `EVAL "local t = {1,2,3} table.insert(t, 5, 'x') return t" 0`, `EVAL "local t = {1,2,3} return {table.remove(t, 7)}" 0`,
    `EVAL "local t = {1,2,3} table.insert(t, 0, 'x') return {t[0], t[1], t[2], t[4]}" 0`, `EVAL "local t = {1,2,3} table.insert(t, -1, 'x') return {t[-1], t[0], t[4]}" 0`,
    `EVAL "local t = {1,2,3} return {table.remove(t, 0), table.remove(t, -1), #t}" 0`, `EVAL "return select('#', table.remove({}))" 0`,
    `EVAL "table.insert({}, 1, 2, 3)" 0`, `EVAL "table.insert({})" 0`, `EVAL "table.insert(1, 2)" 0`, `EVAL "table.insert({}, 'x', 1)" 0`,
    `EVAL "return {pcall(table.setn, {}, 1)}" 0`, `EVAL "return type(gcinfo())" 0`,
    `EVAL "return unpack(nil)" 0`, `EVAL "return {unpack({}, 1, 3)}" 0`, `EVAL "return ipairs(nil)" 0`, `EVAL "return ipairs()" 0`, `EVAL "return pairs(nil)" 0`,
    `EVAL "return {type(math.tointeger), type(math.type), type(math.ult), type(math.maxinteger), type(table.pack), type(table.unpack), type(table.move)}" 0`,
    `EVAL "return type(rawlen)" 0`,
    `EVAL "return getmetatable('').__index == string" 0`, `EVAL "return getmetatable('abc') == getmetatable('x')" 0`,
    `EVAL "getmetatable('').x = 1 return 1" 0`, `EVAL "getmetatable('').__index = nil return 1" 0`, `EVAL "getmetatable('').__index.x = 1" 0`,
    `EVAL "rawset(string, 'x', 1)" 0`, `EVAL "return ('abc'):upper() .. ('x'):rep(3) .. #('abc'):sub(2)" 0`, `EVAL "return getmetatable()" 0`,
  ]))

  it('words runtime errors about variables as Lua 5.1 does', () => check([
    `EVAL "local x return 'a' .. x" 0`, `EVAL "local t = {} return t.x .. 'a'" 0`, `EVAL "local t = {} t.x.y = 1" 0`,
    `EVAL "local t = {} return t.x.y" 0`, `EVAL "local x return x + 1" 0`, `EVAL "local t = {} return t.a + 1" 0`,
    `EVAL "local s = 'a' return s.x.y" 0`, `EVAL "local t = {} t.f()" 0`, `EVAL "local t = {} t:m()" 0`, `EVAL "return ('x')()" 0`,
    `EVAL "local x return #x" 0`, `EVAL "local x return -x" 0`, `EVAL "return {} + 1" 0`, `EVAL "return 1 < 'x'" 0`,
    `EVAL "local up = nil local function f() return up.x end local ok, e = pcall(f) return e" 0`,
    `EVAL "local up = nil local function f() return up() end local ok, e = pcall(f) return e" 0`,
    `EVAL "local t = {} local ok, e = pcall(function() return t[1]() end) return e" 0`,
    `EVAL "local ok, e = pcall(function() for i in 5 do end end) return e" 0`,
    `EVAL "local ok, e = pcall(function() local a = 'x' return a + 1 end) return e" 0`,
    `EVAL "local ok, e = pcall(function() return KEYS.x.y end) return e" 0`,
    `EVAL "local ok, e = pcall(function() return string.nope() end) return e" 0`,
  ]))

  it('reads the #!lua line, and words compile errors as Lua 5.1 does', () => check([
    `EVAL "#!lua\\nreturn 1" 0`,
    `EVAL "#!lua flags=no-writes\\nreturn redis.call('set', 'x', 1)" 0`,
    `EVAL "#!lua flags=no-writes\\nreturn redis.call('get', 'x')" 0`,
    `EVAL "#!lua flags=no-writes,allow-oom\\nreturn 2" 0`,
    `EVAL "#!lua flags=bogus\\nreturn 2" 0`,
    `EVAL "#!lua flags=\\nreturn 2" 0`,
    `EVAL "#!lua name=x\\nreturn 2" 0`,
    `EVAL "#!lua foo\\nreturn 2" 0`,
    `EVAL "#!js\\nreturn 2" 0`,
    `EVAL "#!\\nreturn 2" 0`,
    `EVAL "#!lua" 0`,
    `EVAL "#!lua flags=no-writes" 0`,
    `EVAL "#!lua\\nerror('x')" 0`,
    `EVAL "#!lua\\nreturn redis.call('nosuch')" 0`,
    `EVAL "#!lua\\n\\nreturn 1 +" 0`,
    `EVAL "#!lua\\nreturn KEYS[1]" 1 k`,
    `EVAL_RO "#!lua\\nreturn redis.call('set', 'x', 1)" 0`,
    `EVAL "#!lua flags=allow-cross-slot-keys,no-cluster,allow-stale\\nreturn 3" 0`,
    `EVAL "#!lua flags=no-writes, allow-oom\\nreturn 3" 0`,
    `EVAL "#!lua  flags=no-writes\\nreturn 3" 0`,
    `EVAL "#!lua flags=no-writes flags=allow-oom\\nreturn 3" 0`,
    `EVAL "#!LUA\\nreturn 3" 0`,
    `EVAL "#!lua\\r\\nreturn 3" 0`,
    `SCRIPT LOAD "#!lua flags=no-writes\\nreturn 4"`,
    `SCRIPT LOAD "#!lua flags=zz\\nreturn 4"`,
    `EVAL "#!lua\\nreturn redis.setresp(3)" 0`,
    `EVAL "#!lua\\nreturn {err='e'}" 0`,
    `EVAL "#!lua\\nreturn redis.call('time')[5]" 0`,
    `EVAL "#!lua\\nlocal a = 1\\nerror('x')" 0`,
    `EVAL "return 1\\n#!lua" 0`,
    `EVAL "#comment\\nreturn 1" 0`,
    `EVAL " #!lua\\nreturn 1" 0`,
    `EVAL "return" 0`,
    `EVAL "local" 0`,
    `EVAL "return 1 +" 0`,
    `EVAL "local function" 0`,
    `EVAL "x = " 0`,
    `EVAL "return {1, 2" 0`,
    `EVAL "if true then" 0`,
    `EVAL "return loadstring('return +')" 0`,
    `EVAL "return select(2, loadstring('local'))" 0`,
    `EVAL "for i = 1 do end" 0`,
    `EVAL "return 'abc" 0`,
    `EVAL "return 1 2" 0`,
    `EVAL "f(" 0`,
    `EVAL "local t = {} t.x" 0`,
    `EVAL "return @" 0`,
    `EVAL "a, f() = 1" 0`,
    `EVAL "x y" 0`,
    `EVAL "x.y.z 1" 0`,
    `EVAL "x[1]" 0`,
  ]))

  it("refuses Lua 5.3's syntax as Lua 5.1 does (//, <<, >>, ::, &, |, ~; goto is a name)", () => check([
    `EVAL "return 7 // 2" 0`,
    `EVAL "return 1 & 2" 0`,
    `EVAL "return 1 | 2" 0`,
    `EVAL "return ~1" 0`,
    `EVAL "return 1 ~ 2" 0`,
    `EVAL "return 1 << 2" 0`,
    `EVAL "return 1 >> 2" 0`,
    `EVAL "goto x" 0`,
    `EVAL "::x::" 0`,
    `EVAL "local goto = 1 return goto" 0`,
    `EVAL "local x = 1 // 2" 0`,
    `EVAL "x = 1 & 2" 0`,
    `EVAL "return 1 ~= 2" 0`,
    `EVAL "return 'a//b' .. '<<>>::&|~'" 0`,
    `EVAL "-- a // comment\\nreturn 3" 0`,
    `EVAL "return loadstring('return 1 // 2')" 0`,
    `EVAL "return select(2, loadstring('return 1 & 2'))" 0`,
    `EVAL "local t = {goto = 5} return t.goto" 0`,
    `EVAL "return 8 / 2" 0`,
    `EVAL "return 1 < 2 and 2 > 1" 0`,
  ]))

  it('sandboxes scripts and reports errors as Redis 7.0 does', () => check([
    `EVAL "x = 1" 0`, `EVAL "string.x = 1" 0`, `EVAL "_G.x = 1" 0`, `EVAL "rawset(_G, 'x', 1)" 0`,
    `EVAL "return type(os)" 0`, `EVAL "return type(io)" 0`, `EVAL "return type(require)" 0`, `EVAL "return type(loadfile)" 0`,
    `EVAL "return type(dofile)" 0`, `EVAL "return type(print)" 0`, `EVAL "return foo()" 0`,
    `EVAL "error('boom')" 0`, `EVAL "error({err='MY thing'})" 0`, `EVAL "error(redis.error_reply('nope'))" 0`,
    `EVAL "error(5)" 0`, `EVAL "error()" 0`,
    `EVAL "return redis.call('incr', 'x', 'y')" 0`, 'SET s a', `EVAL "return redis.call('incr', KEYS[1])" 1 s`,
    `EVAL "return redis.pcall('incr', KEYS[1])" 1 s`, `EVAL "return redis.call('nosuch')" 0`, `EVAL "return redis.call()" 0`,
    `EVAL "return redis.call('get', {})" 0`, `EVAL "return redis.call('set', 'n', true)" 0`,
    `EVAL "return redis.call('client','id')" 0`, `EVAL "return redis.call('eval','return 1','0')" 0`,
    `EVAL_RO "return redis.call('set','a','b')" 0`, `EVAL_RO "return redis.call('get','a')" 0`,
    `EVAL "redis.setresp(4)" 0`, `EVAL "redis.setresp()" 0`, `EVAL "return redis.sha1hex()" 0`,
    `EVAL "return redis.sha1hex('')" 0`, `EVAL "return redis.REPL_ALL .. redis.REPL_NONE .. redis.REPL_AOF .. redis.REPL_SLAVE .. redis.REPL_REPLICA" 0`,
    `EVAL "return redis.set_repl(redis.REPL_ALL)" 0`, `EVAL "return redis.log(redis.LOG_WARNING, 'hi')" 0`,
    `EVAL "redis.call('select', '3') return redis.call('set','indb3','x')" 0`, 'EXISTS indb3',
    `EVAL "redis.call('select', '3') return redis.call('exists','indb3')" 0`,
  ]))

  it('parses EVAL arguments and manages the script cache', () => check([
    'EVAL "return 1" -1', 'EVAL "return 1" 3 a', 'EVAL "return 1" x', 'EVAL "return 1" 0 extra',
    'EVALSHA ffffffffffffffffffffffffffffffffffffffff 0', 'EVALSHA abc 0', 'EVALSHA abc x',
    'SCRIPT LOAD "return 1"', 'EVALSHA e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0',
    'EVALSHA E0E1F9FABFC9D4800C877A703B823AC0578FF8DB 0', 'EVALSHA_RO e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0',
    'SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db ffff', 'EVAL "return 2" 0',
    'SCRIPT EXISTS 7f923f79fe76194c868d7e1d0820de36700eb649', 'SCRIPT FLUSH', 'SCRIPT FLUSH ASYNC', 'SCRIPT FLUSH bad',
    'SCRIPT FLUSH sync extra', 'SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db', 'SCRIPT KILL',
    { cmd: 'SCRIPT LOAD "syntax error"', compare: (r, e) => r.type === 'error' && e.type === 'error' && e.value.startsWith('ERR Error compiling script (new function): user_script:1:') },
  ]))
})
