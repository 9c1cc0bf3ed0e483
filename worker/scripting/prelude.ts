// Lua run once when the interpreter starts: Lua 5.1's names, doubles for numbers, Redis's sandbox
// (read-only globals and libraries, no file or OS access) and Redis's error handler.
// It returns the script environment and the error handler.
export const PRELUDE = `
local rawG, setmetatable, error, type, next, rawset0 = _G, setmetatable, error, type, next, rawset
unpack = table.unpack
loadstring = loadstring
math.pow = function(x, y) return x ^ y end
math.mod = math.fmod
math.ldexp = function(m, e) return m * 2.0 ^ e end
string.gfind = string.gmatch
table.getn = function(t) return #t end
table.maxn = function(t) local n = 0 for k in next, t do if type(k) == 'number' and k > n then n = k end end return n end
_VERSION = 'Lua 5.1'
local tonumber0, floor, ceil, random, len = tonumber, math.floor, math.ceil, math.random, string.len
tonumber = function(...) local n = tonumber0(...) if n then return n + 0.0 end return n end
math.floor = function(x) return floor(x) + 0.0 end
math.ceil = function(x) return ceil(x) + 0.0 end
math.random = function(...) return random(...) + 0.0 end
string.len = function(s) return len(s) + 0.0 end
string.pack, string.unpack, string.packsize = nil, nil, nil
dofile, loadfile, load, require, print, module = nil, nil, nil, nil, nil, nil
local tostring0, format0, gmatch, select, unpack = tostring, string.format, string.gmatch, select, table.unpack
-- Numbers print through concatenation, which follows Lua 5.1's "%.14g".
tostring = function(v) if type(v) == 'number' then return v .. '' end return tostring0(v) end
string.format = function(fmt, ...)
  local args, n, i = { ... }, select('#', ...), 0
  for spec in gmatch(fmt, '%%[-+ #0-9.]*([%a%%])') do
    if spec ~= '%' then
      i = i + 1
      if spec == 's' and type(args[i]) == 'number' then args[i] = args[i] .. '' end
    end
  end
  return format0(fmt, unpack(args, 1, n))
end
local dbg = debug
debug = nil

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
for _, name in next, { 'string', 'table', 'math', 'coroutine', 'redis', 'bit', 'cjson' } do rawG[name] = protect(rawG[name]) end

local env = setmetatable({}, {
  __index = function(_, k)
    local v = rawG[k]
    if v == nil then error("Script attempted to access nonexistent global variable '" .. tostring0(k) .. "'", 2) end
    return v
  end,
  __newindex = deny, __pairs = function() return next, rawG, nil end, __metatable = false,
})
readonly[env] = true
rawG._G = env

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
return env, error_handler
`
