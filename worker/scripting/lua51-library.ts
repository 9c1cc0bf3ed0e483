// Library functions whose Lua 5.3 versions (fengari's) behave differently from Redis's Lua 5.1,
// written in Lua so that they also run a script's callbacks (a comparator, a replacement
// function) on Lua's own stack, where a long script can still be sliced (coroutines.ts):
// - table.sort with 5.1's quicksort, so that elements the comparator finds equal end up in the
//   same order as in Redis, and 5.1's errors;
// - string.gsub and string.gmatch with 5.1's empty matches ("abc":gsub("%w*", "-") is "--"),
//   '%' before a non-digit in a replacement string, and a fractional maximum;
// - table.foreach and table.foreachi, which 5.3 dropped;
// - coroutine.wrap on top of coroutines.ts's resume.
// Each is wrapped as a JS function (asC, vm.ts) so that it sits on the stack as a C function
// does: error levels here count that frame (3 is the caller), and errors read as the C
// functions' would: "bad argument #n to 'name' (...)" with the caller's position, named as the
// caller called the function. The chunk is named like the prelude, so that Redis's error
// handler (prelude.ts) looks past it for the script's line.
export const LUA51_LIBRARY = `
local lessThan, asC = ...
local type, select, error, pcall, rawget, rawset, rawlen, next, tonumber = type, select, error, pcall, rawget, rawset, rawlen, next, tonumber
local floor, ceil = math.floor, math.ceil
local find, sub, concat, pack, unpack = string.find, string.sub, table.concat, table.pack, table.unpack
local gsub0, gmatch0, sort0, getinfo, getmetatable = string.gsub, string.gmatch, table.sort, debug.getinfo, getmetatable
local create, resume = coroutine.create, coroutine.resume

-- luaL_argerror: 'depth' is how far above this function the library function is.
local function badArgument(depth, i, message)
  local info = getinfo(depth + 2, 'n')
  local name = info and info.name or '?'
  if info and info.namewhat == 'method' then
    i = i - 1
    if i == 0 then error("calling '" .. name .. "' on bad self (" .. message .. ')', depth + 3) end
  end
  error('bad argument #' .. i .. " to '" .. name .. "' (" .. message .. ')', depth + 3)
end

local function typeError(depth, i, expected, n, v)
  badArgument(depth + 1, i, expected .. ' expected, got ' .. (i > n and 'no value' or type(v)))
end

-- luaL_checklstring: numbers become their text.
local function checkText(i, n, v)
  local kind = type(v)
  if kind == 'string' then return v end
  if kind == 'number' then return v .. '' end
  typeError(2, i, 'string', n, v)
end

table.sort = asC(function(...)
  local n = select('#', ...)
  local t, comp = ...
  if type(t) ~= 'table' then typeError(1, 1, 'table', n, t) end
  if n >= 2 and comp ~= nil and type(comp) ~= 'function' then typeError(1, 2, 'function', n, comp) end
  local lt = comp or lessThan
  if comp == nil and getmetatable(t) == nil then
    -- Numbers alone or strings alone: equal elements are alike, so any correct sort gives 5.1's result.
    local kind = nil
    for i = 1, rawlen(t) do
      local v = rawget(t, i)
      local k = type(v)
      if (k ~= 'number' and k ~= 'string') or v ~= v or (kind and k ~= kind) then kind = false break end
      kind = k
    end
    if kind ~= false then return sort0(t) end
  end
  -- ltablib.c's auxsort; its recursion on the smaller part becomes this stack of larger parts.
  local pending, l, u = {}, 1, rawlen(t)
  while true do
    while l < u do
      local a, b = rawget(t, l), rawget(t, u)
      if lt(b, a) then rawset(t, l, b) rawset(t, u, a) end
      if u - l == 1 then break end
      local i = floor((l + u) / 2)
      a, b = rawget(t, i), rawget(t, l)
      if lt(a, b) then
        rawset(t, i, b) rawset(t, l, a)
      else
        b = rawget(t, u)
        if lt(b, a) then rawset(t, i, b) rawset(t, u, a) end
      end
      if u - l == 2 then break end
      local pivot = rawget(t, i)
      rawset(t, i, rawget(t, u - 1))
      rawset(t, u - 1, pivot)
      local j = u - 1
      i = l
      while true do
        i = i + 1
        a = rawget(t, i)
        while lt(a, pivot) do
          if i > u then error('invalid order function for sorting', 3) end
          i = i + 1
          a = rawget(t, i)
        end
        j = j - 1
        b = rawget(t, j)
        while lt(pivot, b) do
          if j < l then error('invalid order function for sorting', 3) end
          j = j - 1
          b = rawget(t, j)
        end
        if j < i then break end
        rawset(t, i, b) rawset(t, j, a)
      end
      a, b = rawget(t, u - 1), rawget(t, i)
      rawset(t, u - 1, b) rawset(t, i, a)
      if i - l < u - i then
        j = l i = i - 1 l = i + 2
      else
        j = i + 1 i = u u = j - 2
      end
      pending[#pending + 1] = l
      pending[#pending + 1] = u
      l, u = j, i
    end
    local top = #pending
    if top == 0 then return end
    l, u = pending[top - 1], pending[top]
    pending[top] = nil
    pending[top - 1] = nil
  end
end)

-- The arguments of foreach and foreachi: a table and a function.
local function checkTableAndFunction(...)
  local n = select('#', ...)
  local t, f = ...
  if type(t) ~= 'table' then typeError(2, 1, 'table', n, t) end
  if type(f) ~= 'function' then typeError(2, 2, 'function', n, f) end
  return t, f
end

table.foreach = asC(function(...)
  local t, f = checkTableAndFunction(...)
  for k, v in next, t do
    local r = f(k, v)
    if r ~= nil then return r end
  end
end)

table.foreachi = asC(function(...)
  local t, f = checkTableAndFunction(...)
  for i = 1, rawlen(t) do
    local r = f(i, rawget(t, i))
    if r ~= nil then return r end
  end
end)

-- string.find's error, worded as 5.1 words it (5.3 adds the index to "invalid capture index").
local function findError(message)
  if type(message) == 'string' then message = gsub0(message, '^invalid capture index %%%d+', 'invalid capture index') end
  return message
end

-- Whether fengari's own gsub and gmatch give Lua 5.1's results: they differ only where the
-- pattern matches the empty string right after a match. Returns the pattern's number of captures
-- when it surely cannot match the empty string; nil when it might, or when in doubt (a malformed
-- pattern, a back-reference), which the Lua versions below handle exactly.
local function capturesIfNeverEmpty(p)
  local i, len, captures, depth, required = 1, #p, 0, 0, false
  if sub(p, 1, 1) == '^' then i = 2 end
  while i <= len do
    local c = sub(p, i, i)
    if c == '(' then
      if sub(p, i + 1, i + 1) == ')' then i = i + 2 else depth = depth + 1 i = i + 1 end
      captures = captures + 1
    elseif c == ')' then
      if depth == 0 then return nil end
      depth = depth - 1
      i = i + 1
    elseif c == '$' and i == len then
      i = i + 1
    elseif c == '%' and sub(p, i + 1, i + 1) == 'b' then
      if i + 3 > len then return nil end
      required = true
      i = i + 4
    elseif c == '%' and (sub(p, i + 1, i + 1) == 'f' or find(sub(p, i + 1, i + 1), '^%d')) then
      return nil
    else
      -- One character class, then perhaps a quantifier.
      local j = i + 1
      if c == '%' then
        if i == len then return nil end
        j = i + 2
      elseif c == '[' then
        if sub(p, j, j) == '^' then j = j + 1 end
        repeat
          if j > len then return nil end
          local d = sub(p, j, j)
          j = j + 1
          if d == '%' then j = j + 1 end
        until sub(p, j, j) == ']'
        j = j + 1
      end
      local q = sub(p, j, j)
      if q == '*' or q == '-' or q == '?' then j = j + 1 else required = true end
      if q == '+' then j = j + 1 end
      i = j
    end
  end
  if depth ~= 0 or not required then return nil end
  return captures
end

-- Whether a replacement string reads the same in 5.1 and 5.3: '%' only before a digit of a
-- capture the pattern has (or 1 with none) and before '%'.
local function sameReplacement(repl, captures)
  for c in gmatch0(repl, '%%(.?)') do
    if c ~= '%' then
      local k = tonumber(c)
      if k == nil or (k > captures and not (k == 1 and captures == 0)) then return false end
    end
  end
  return true
end

-- A replacement string split into text and capture numbers (0 to 9); nil when it has no '%'.
local function replacementParts(repl)
  if not find(repl, '%', 1, true) then return nil end
  local parts, i = {}, 1
  while true do
    local at = find(repl, '%', i, true)
    if not at then parts[#parts + 1] = sub(repl, i) return parts end
    parts[#parts + 1] = sub(repl, i, at - 1)
    local c = sub(repl, at + 1, at + 1)
    -- After a final '%', C reads the string's terminating zero.
    if c == '' then parts[#parts + 1] = '\\0'
    elseif find(c, '^%d') then parts[#parts + 1] = tonumber(c)
    else parts[#parts + 1] = c end
    i = at + 2
  end
end

string.gsub = asC(function(...)
  local n = select('#', ...)
  local s, p, repl, max = ...
  s = checkText(1, n, s)
  p = checkText(2, n, p)
  local kind = type(repl)
  if kind == 'number' then
    repl, kind = repl .. '', 'string'
  elseif kind ~= 'string' and kind ~= 'function' and kind ~= 'table' then
    badArgument(1, 3, 'string/function/table expected')
  end
  local len = #s
  if max == nil then
    max = len + 1
  else
    local m = tonumber(max)
    if m == nil then typeError(1, 4, 'number', n, max) end
    max = m >= 0 and floor(m) or ceil(m)
  end
  local known = capturesIfNeverEmpty(p)
  if kind == 'string' and known and sameReplacement(repl, known) then return gsub0(s, p, repl, max) end
  local parts = kind == 'string' and replacementParts(repl) or nil
  local anchor = sub(p, 1, 1) == '^'
  local out, count, src = {}, 0, 1
  while count < max do
    local r, st, en
    if known == 0 then
      -- A well-formed pattern without captures: find cannot fail, and there is nothing to pack.
      st, en = find(s, p, src)
    else
      r = pack(pcall(find, s, p, src))
      if not r[1] then error(findError(r[2]), 3) end
      st, en = r[2], r[3]
    end
    if st == nil then break end
    count = count + 1
    if st > src then out[#out + 1] = sub(s, src, st - 1) end
    local whole, captures = sub(s, st, en), r and r.n - 3 or 0
    local value
    if kind == 'string' then
      value = repl
      if parts then
        local pieces = {}
        for k = 1, #parts do
          local part = parts[k]
          if type(part) == 'number' then
            if part == 0 or (part == 1 and captures == 0) then part = whole
            elseif part <= captures then part = r[part + 3]
            else error('invalid capture index', 3) end
          end
          pieces[k] = part
        end
        value = concat(pieces)
      end
    else
      if kind == 'function' then
        if captures == 0 then value = repl(whole) else value = repl(unpack(r, 4, r.n)) end
      else
        value = repl[captures == 0 and whole or r[4]]
      end
      if not value then
        value = whole
      elseif type(value) ~= 'string' and type(value) ~= 'number' then
        error('invalid replacement value (a ' .. type(value) .. ')', 3)
      end
    end
    out[#out + 1] = value
    if en >= st then
      src = en + 1
    else
      if st <= len then out[#out + 1] = sub(s, st, st) end
      src = st + 1
    end
    if anchor then break end
  end
  if src <= len then out[#out + 1] = sub(s, src) end
  return concat(out), count
end)

string.gmatch = asC(function(...)
  local n = select('#', ...)
  local s, p = ...
  s = checkText(1, n, s)
  p = checkText(2, n, p)
  -- In gmatch '^' is an ordinary character, which string.find would take as an anchor.
  if sub(p, 1, 1) == '^' or capturesIfNeverEmpty(p) then return gmatch0(s, p) end
  local src, len = 1, #s
  return function()
    if src > len + 1 then return nil end
    local r = pack(pcall(find, s, p, src))
    if not r[1] then error(findError(r[2]), 2) end
    local st, en = r[2], r[3]
    if st == nil then
      src = len + 2
      return nil
    end
    src = en >= st and en + 1 or st + 1
    if r.n == 3 then return sub(s, st, en) end
    return unpack(r, 4, r.n)
  end
end)

coroutine.wrap = asC(function(...)
  local f = ...
  local what = type(f) == 'function' and getinfo(f, 'S').what
  if what ~= 'Lua' and what ~= 'main' then badArgument(1, 1, 'Lua function expected') end
  local co = create(f)
  return asC(function(...)
    local r = pack(resume(co, ...))
    if r[1] then return unpack(r, 2, r.n) end
    error(r[2], 3)
  end)
end)
`
