// Library functions as Redis's Lua 5.1 has them, written in JS as its C functions are (so
// errors name the function and the script's line, as luaL_argerror does there):
// - tonumber with strtoul for other bases, and base 10 as the ordinary conversion;
// - tostring, math.floor, math.ceil, string.len giving 5.1's doubles;
// - math.max/min/random/log/pow/ldexp and 5.1's math.log10, atan2, cosh, sinh, tanh, frexp, with
//   glibc's signs of NaN;
// - string.rep without 5.3's separator, string.char's "invalid value", string.find/match
//   with 5.1's clamped init, string.format (lua51-format.ts);
// - table.insert/remove without 5.3's bounds checks, table.concat, unpack and select with C int
//   arguments, pairs/ipairs checking for a table;
// - getmetatable('') giving a read-only view of the string metatable (set by the prelude).
// Fractional integer arguments truncate through lua51-patches.ts's lua_tointegerx.
import fengari, { type LuaFunction, type LuaState } from 'fengari'
import { formatLuaNumber } from './numbers.ts'
import { fromLua, pushString } from './bytes.ts'
import { stringFormat } from './lua51-format.ts'
import { signedNaN } from './lua51-patches.ts'

const { lua, lauxlib, to_luastring } = fengari

/** The original C function at table[name] (or the global name when table is null). */
function original(L: LuaState, table: string | null, name: string): LuaFunction {
  if (table === null) lua.lua_getglobal(L, name)
  else {
    lua.lua_getglobal(L, table)
    lua.lua_getfield(L, -1, name)
    lua.lua_remove(L, -2)
  }
  const f = lua.lua_tocfunction(L, -1)
  lua.lua_pop(L, 1)
  if (f === null) throw new Error(`no C function ${table}.${name}`)
  return f
}

function set(L: LuaState, table: string | null, name: string, f: LuaFunction): void {
  if (table === null) {
    lua.lua_pushjsfunction(L, f)
    lua.lua_setglobal(L, name)
    return
  }
  lua.lua_getglobal(L, table)
  lua.lua_pushjsfunction(L, f)
  lua.lua_setfield(L, -2, name)
  lua.lua_pop(L, 1)
}

const WHITESPACE = /^[ \t\n\v\f\r]*/
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz'

/** C's strtoul over the whole string (spaces around allowed); null when it is not all a number. */
function strtoul(text: string, base: number): number | null {
  let i = WHITESPACE.exec(text)![0].length
  let negative = false
  if (text[i] === '-' || text[i] === '+') negative = text[i++] === '-'
  if (base === 16 && text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && DIGITS.indexOf(text[i + 2]?.toLowerCase()) > -1 && DIGITS.indexOf(text[i + 2].toLowerCase()) < 16) i += 2
  let value = 0n
  const start = i
  for (; i < text.length; i++) {
    const d = DIGITS.indexOf(text[i].toLowerCase())
    if (d === -1 || d >= base) break
    value = value * BigInt(base) + BigInt(d)
  }
  if (i === start) return null
  i += WHITESPACE.exec(text.slice(i))![0].length
  if (i !== text.length) return null
  if (value > 2n ** 64n - 1n) value = 2n ** 64n - 1n
  else if (negative) value = BigInt.asUintN(64, -value)
  return Number(value)
}

function tonumber(L: LuaState): number {
  const base = optInt(L, 2, 10)
  if (base === 10) {
    lauxlib.luaL_checkany(L, 1)
    if (lua.lua_type(L, 1) === lua.LUA_TNUMBER || (lua.lua_type(L, 1) === lua.LUA_TSTRING && lua.lua_isnumber(L, 1))) {
      lua.lua_pushnumber(L, lua.lua_tonumber(L, 1))
      return 1
    }
  } else {
    const text = fromLua(lauxlib.luaL_checklstring(L, 1))
    lauxlib.luaL_argcheck(L, base >= 2 && base <= 36, 2, 'base out of range')
    const n = strtoul(text, base)
    if (n !== null) {
      lua.lua_pushnumber(L, n)
      return 1
    }
  }
  lua.lua_pushnil(L)
  return 1
}

const TWO_63 = 9223372036854775808

/** 5.1's luaL_checkint: the double cast to a C long (NaN and out of range: the least), then to an int. */
function checkInt(L: LuaState, arg: number): number {
  const d = lauxlib.luaL_checknumber(L, arg)
  return d !== d || d >= TWO_63 || d < -TWO_63 ? 0 : d | 0
}

function optInt(L: LuaState, arg: number, def: number): number {
  return lua.lua_isnoneornil(L, arg) ? def : checkInt(L, arg)
}

function pushNumber(L: LuaState, n: number): number {
  lua.lua_pushnumber(L, n)
  return 1
}

const unary = (f: (x: number) => number): LuaFunction => (L) => pushNumber(L, f(lauxlib.luaL_checknumber(L, 1)))
const binary = (f: (x: number, y: number) => number): LuaFunction => (L) => pushNumber(L, f(lauxlib.luaL_checknumber(L, 1), lauxlib.luaL_checknumber(L, 2)))

function extreme(greater: boolean): LuaFunction {
  return (L) => {
    const n = lua.lua_gettop(L)
    let best = lauxlib.luaL_checknumber(L, 1)
    for (let i = 2; i <= n; i++) {
      const d = lauxlib.luaL_checknumber(L, i)
      if (greater ? d > best : d < best) best = d
    }
    return pushNumber(L, best)
  }
}

function random(L: LuaState): number {
  const r = Math.random()
  switch (lua.lua_gettop(L)) {
    case 0: return pushNumber(L, r)
    case 1: {
      const u = checkInt(L, 1)
      lauxlib.luaL_argcheck(L, u >= 1, 1, 'interval is empty')
      return pushNumber(L, Math.floor(r * u) + 1)
    }
    case 2: {
      const l = checkInt(L, 1)
      const u = checkInt(L, 2)
      lauxlib.luaL_argcheck(L, l <= u, 2, 'interval is empty')
      return pushNumber(L, Math.floor(r * (u - l + 1)) + l)
    }
    default:
      return lauxlib.luaL_error(L, to_luastring('wrong number of arguments'))
  }
}

function frexp(L: LuaState): number {
  const x = lauxlib.luaL_checknumber(L, 1)
  if (x === 0 || !Number.isFinite(x)) {
    lua.lua_pushnumber(L, x)
    lua.lua_pushnumber(L, 0)
    return 2
  }
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1)
  let m = x * 2 ** -e
  while (Math.abs(m) < 0.5) { m *= 2; e-- }
  while (Math.abs(m) >= 1) { m /= 2; e++ }
  lua.lua_pushnumber(L, m)
  lua.lua_pushnumber(L, e)
  return 2
}

function ldexp(L: LuaState): number {
  const m = lauxlib.luaL_checknumber(L, 1)
  const e = checkInt(L, 2)
  // In two steps, so that 2^e neither overflows nor underflows where the product would not.
  const half = Math.trunc(e / 2)
  return pushNumber(L, m * 2 ** half * 2 ** (e - half))
}

/** luaL_checktype(L, arg, LUA_TTABLE), worded as luaL_typerror. */
function checkTable(L: LuaState, arg: number): void {
  lauxlib.luaL_checktype(L, arg, lua.LUA_TTABLE)
}

function tinsert(L: LuaState): number {
  checkTable(L, 1)
  let e = lua.lua_rawlen(L, 1) + 1
  let pos: number
  switch (lua.lua_gettop(L)) {
    case 2: pos = e; break
    case 3: {
      pos = checkInt(L, 2)
      if (pos > e) e = pos
      for (let i = e; i > pos; i--) {
        lua.lua_rawgeti(L, 1, i - 1)
        lua.lua_rawseti(L, 1, i)
      }
      break
    }
    default:
      return lauxlib.luaL_error(L, to_luastring("wrong number of arguments to 'insert'"))
  }
  lua.lua_rawseti(L, 1, pos)
  return 0
}

function tremove(L: LuaState): number {
  checkTable(L, 1)
  const e = lua.lua_rawlen(L, 1)
  let pos = optInt(L, 2, e)
  if (!(pos >= 1 && pos <= e)) return 0
  lua.lua_rawgeti(L, 1, pos)
  for (; pos < e; pos++) {
    lua.lua_rawgeti(L, 1, pos + 1)
    lua.lua_rawseti(L, 1, pos)
  }
  lua.lua_pushnil(L)
  lua.lua_rawseti(L, 1, e)
  return 1
}

function unpack(L: LuaState): number {
  checkTable(L, 1)
  const i = optInt(L, 2, 1)
  const e = optInt(L, 3, lua.lua_rawlen(L, 1))
  if (i > e) return 0
  const n = e - i + 1
  if (n <= 0 || n >= 8000 || !lua.lua_checkstack(L, n)) return lauxlib.luaL_error(L, to_luastring('too many results to unpack'))
  for (let k = i; k <= e; k++) lua.lua_rawgeti(L, 1, k)
  return n
}

function select(L: LuaState): number {
  const n = lua.lua_gettop(L)
  if (lua.lua_type(L, 1) === lua.LUA_TSTRING && lauxlib.luaL_checklstring(L, 1)[0] === 35 /* '#' */) {
    lua.lua_pushnumber(L, n - 1)
    return 1
  }
  let i = checkInt(L, 1)
  if (i < 0) i = n + i
  else if (i > n) i = n
  lauxlib.luaL_argcheck(L, i >= 1, 1, 'index out of range')
  return n - i
}

function tconcat(L: LuaState): number {
  const sep = lua.lua_isnoneornil(L, 2) ? '' : fromLua(lauxlib.luaL_checklstring(L, 2))
  checkTable(L, 1)
  let i = optInt(L, 3, 1)
  const last = optInt(L, 4, lua.lua_rawlen(L, 1))
  const parts: string[] = []
  for (; i <= last; i++) {
    lua.lua_rawgeti(L, 1, i)
    if (!lua.lua_isstring(L, -1)) {
      return lauxlib.luaL_error(L, to_luastring("invalid value (%s) at index %d in table for 'concat'"), lua.lua_typename(L, lua.lua_type(L, -1)), i)
    }
    parts.push(fromLua(lua.lua_tolstring(L, -1)!))
    lua.lua_pop(L, 1)
  }
  pushString(L, parts.join(sep))
  return 1
}

function stringChar(L: LuaState): number {
  const n = lua.lua_gettop(L)
  let out = ''
  for (let i = 1; i <= n; i++) {
    const c = checkInt(L, i)
    lauxlib.luaL_argcheck(L, c >= 0 && c <= 255, i, 'invalid value')
    out += String.fromCharCode(c)
  }
  pushString(L, out)
  return 1
}

/** 5.1's find and match clamp init into the string (5.3 finds nothing past its end). */
function clampedInit(f: LuaFunction): LuaFunction {
  return (L) => {
    if (!lua.lua_isnoneornil(L, 3)) {
      const length = lauxlib.luaL_checklstring(L, 1).length
      let init = checkInt(L, 3)
      if (init < 0) init = Math.max(init + length + 1, 0)
      lua.lua_pushinteger(L, Math.min(Math.max(init, 1), length + 1))
      lua.lua_replace(L, 3)
    }
    return f(L)
  }
}

export function openLua51Natives(L: LuaState): void {
  const tostring0 = original(L, null, 'tostring')
  const pairs0 = original(L, null, 'pairs')
  const ipairs0 = original(L, null, 'ipairs')
  const getmetatable0 = original(L, null, 'getmetatable')
  const rep0 = original(L, 'string', 'rep')
  set(L, null, 'tonumber', tonumber)
  set(L, null, 'tostring', (S) => {
    lauxlib.luaL_checkany(S, 1)
    if (lua.lua_type(S, 1) !== lua.LUA_TNUMBER) return tostring0(S)
    pushString(S, formatLuaNumber(lua.lua_tonumber(S, 1)))
    return 1
  })
  set(L, null, 'pairs', (S) => { checkTable(S, 1); return pairs0(S) })
  set(L, null, 'ipairs', (S) => { checkTable(S, 1); return ipairs0(S) })
  set(L, null, 'unpack', unpack)
  set(L, null, 'getmetatable', (S) => {
    lauxlib.luaL_checkany(S, 1)
    if (lua.lua_type(S, 1) !== lua.LUA_TSTRING) return getmetatable0(S)
    lua.lua_rawgetp(S, lua.LUA_REGISTRYINDEX, STRING_META)
    return 1
  })
  set(L, 'math', 'floor', unary(Math.floor))
  set(L, 'math', 'ceil', unary(Math.ceil))
  set(L, 'math', 'max', extreme(true))
  set(L, 'math', 'min', extreme(false))
  set(L, 'math', 'random', random)
  // NaNs as glibc makes them (numbers.ts prints the sign): a NaN argument comes back as it is;
  // a domain error gives "-nan", or "nan" for acos, asin and log10.
  for (const [name, f] of [['log', Math.log], ['log10', Math.log10], ['exp', Math.exp], ['sqrt', Math.sqrt],
    ['sin', Math.sin], ['cos', Math.cos], ['tan', Math.tan], ['asin', Math.asin], ['acos', Math.acos], ['atan', Math.atan],
    ['cosh', Math.cosh], ['sinh', Math.sinh], ['tanh', Math.tanh]] as const) {
    const negative = name !== 'acos' && name !== 'asin' && name !== 'log10'
    set(L, 'math', name, unary((x) => {
      const r = f(x)
      return r === r ? r : x !== x ? x : signedNaN(negative)
    }))
  }
  for (const [name, f] of [['pow', Math.pow], ['atan2', Math.atan2], ['fmod', (x: number, y: number) => x % y]] as const) {
    set(L, 'math', name, binary((x, y) => {
      const r = f(x, y)
      return r === r ? r : x !== x ? x : y !== y ? y : signedNaN(true)
    }))
  }
  set(L, 'math', 'frexp', frexp)
  set(L, 'math', 'ldexp', ldexp)
  set(L, 'string', 'len', (S) => pushNumber(S, lauxlib.luaL_checklstring(S, 1).length))
  set(L, 'string', 'rep', (S) => {
    if (lua.lua_gettop(S) > 2) lua.lua_settop(S, 2)
    return rep0(S)
  })
  set(L, 'string', 'char', stringChar)
  set(L, 'string', 'find', clampedInit(original(L, 'string', 'find')))
  set(L, 'string', 'match', clampedInit(original(L, 'string', 'match')))
  set(L, 'string', 'format', stringFormat)
  set(L, null, 'select', select)
  set(L, 'table', 'concat', tconcat)
  set(L, 'table', 'insert', tinsert)
  set(L, 'table', 'remove', tremove)
  set(L, 'table', 'setn', (S) => {
    checkTable(S, 1)
    return lauxlib.luaL_error(S, to_luastring("'setn' is obsolete"))
  })
  set(L, null, 'gcinfo', (S) => pushNumber(S, Math.trunc(lua.lua_gc(S, lua.LUA_GCCOUNT, 0))))
}

const STRING_META = {}

/** Given to the prelude, which makes the read-only view of the string metatable that getmetatable('') returns. */
export function setStringMetatable(L: LuaState): number {
  lua.lua_settop(L, 1)
  lua.lua_rawsetp(L, lua.LUA_REGISTRYINDEX, STRING_META)
  return 0
}
