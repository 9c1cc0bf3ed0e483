// Lua run once when the interpreter starts: Lua 5.1's names, doubles for numbers, Redis's sandbox
// (read-only globals and libraries, no file or OS access) and Redis's error handler.
// It gets redis.register_function and returns the script environment, the environment of
// function libraries, the two protected-call wrappers runs start with, and the switch that
// gives libraries their load-time globals.
export const PRELUDE = `
local register_function, set_string_metatable = ...
local rawG, setmetatable, error, type, next, rawset0 = _G, setmetatable, error, type, next, rawset
loadstring = loadstring
math.mod = math.fmod
string.gfind = string.gmatch
table.getn = function(t) return #t end
table.maxn = function(t) local n = 0 for k in next, t do if type(k) == 'number' and k > n then n = k end end return n end
_VERSION = 'Lua 5.1'
local dbg = debug
debug = nil
-- tonumber, tostring, string.format and other functions 5.1 has otherwise are lua51-natives.ts's.
string.pack, string.unpack, string.packsize = nil, nil, nil
-- Lua 5.2 and 5.3 additions that 5.1 has not.
rawlen, table.pack, table.unpack, table.move = nil, nil, nil, nil
math.tointeger, math.type, math.ult, math.maxinteger, math.mininteger = nil, nil, nil, nil, nil
dofile, loadfile, load, require, print, module = nil, nil, nil, nil, nil, nil
local tostring0 = tostring

local readonly = setmetatable({}, { __mode = 'k' })
local function deny() error('Attempt to modify a readonly table', 2) end
local function protect(t)
  local proxy = setmetatable({}, { __index = t, __newindex = deny, __pairs = function() return next, t, nil end,
    __len = function() return #t end, __metatable = false })
  readonly[proxy] = true
  return proxy
end
rawset = function(t, k, v)
  if readonly[t] then error('Attempt to modify a readonly table', 0) end
  return rawset0(t, k, v)
end
for _, name in next, { 'string', 'table', 'math', 'coroutine', 'redis', 'bit', 'cjson', 'struct', 'cmsgpack' } do rawG[name] = protect(rawG[name]) end
-- Strings index the (read-only) string library, and getmetatable('') is a read-only view, as in Redis.
local string_metatable = dbg.getmetatable('')
string_metatable.__index = rawG.string
set_string_metatable(protect(string_metatable))

local function nonexistent(k)
  error("Script attempted to access nonexistent global variable '" .. tostring0(k) .. "'", 3)
end
local env = setmetatable({}, {
  __index = function(_, k)
    local v = rawG[k]
    if v == nil then nonexistent(k) end
    return v
  end,
  __newindex = deny, __pairs = function() return next, rawG, nil end, __metatable = false,
})
readonly[env] = true
rawG._G = env

-- While FUNCTION LOAD runs a library's code its globals are only this small redis table (Redis's
-- library API); the functions it registers see the script globals when they are called later.
local rredis = rawG.redis
local load_api = { register_function = register_function, log = rredis.log, LOG_DEBUG = rredis.LOG_DEBUG,
  LOG_VERBOSE = rredis.LOG_VERBOSE, LOG_NOTICE = rredis.LOG_NOTICE, LOG_WARNING = rredis.LOG_WARNING,
  REDIS_VERSION = rredis.REDIS_VERSION, REDIS_VERSION_NUM = rredis.REDIS_VERSION_NUM }
local load_redis = setmetatable({}, {
  __index = function(_, k)
    local v = load_api[k]
    if v == nil then nonexistent(k) end
    return v
  end,
  __newindex = deny, __metatable = false,
})
readonly[load_redis] = true
local loading = false
local function_env = setmetatable({}, {
  __index = function(_, k)
    local v
    if loading then
      if k == 'redis' then v = load_redis end
    else
      v = rawG[k]
    end
    if v == nil then nonexistent(k) end
    return v
  end,
  __newindex = deny, __metatable = false,
})
readonly[function_env] = true
local function set_loading(flag) loading = flag end

local function error_handler(err)
  -- The frame that failed, skipping library functions (JS, or this prelude's sandbox helpers).
  local level = 2
  local i = dbg.getinfo(level, 'nSl')
  while i and (i.what == 'C' or i.what == 'J' or i.source == '=prelude') do
    level = level + 1
    i = dbg.getinfo(level, 'nSl')
  end
  if type(err) ~= 'table' then err = { err = 'ERR ' .. tostring(err) } end
  if i then
    err['source'] = i.source
    err['line'] = i.currentline
  end
  return err
end
local xpcall, pcall = xpcall, pcall
local function protected_call(f, ...)
  local ok, result = xpcall(f, error_handler, ...)
  return ok, result
end
-- FUNCTION LOAD runs a library without the error handler: its errors are plain messages.
local function load_call(f)
  local ok, result = pcall(f)
  return ok, result
end
return env, function_env, protected_call, load_call, set_loading
`
