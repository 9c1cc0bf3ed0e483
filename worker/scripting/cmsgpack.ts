// The `cmsgpack` library Redis loads (lua-cmsgpack): pack Lua values as MessagePack and unpack
// them, with its encoding choices (integral numbers as the smallest integer, others as a float
// when that is exact, tables as arrays when their keys are 1..n, maps in the order Redis's Lua 5.1
// walks them) and its error messages.
import fengari, { type LuaState } from 'fengari'
import { fromLua, pushString, toStringAt } from './bytes.ts'
import { lua51Order, type TableKey } from './lua51-table-order.ts'

const { lua, lauxlib } = fengari

/** Tables nested deeper than this are packed as nil (it survives circular references). */
const MAX_NESTING = 16

function error(L: LuaState, message: string): never {
  lauxlib.luaL_error(L, '%s', fengari.to_luastring(message))
  throw new Error('unreachable')
}

const bytes = (...values: number[]) => String.fromCharCode(...values)

function bigEndian(value: bigint, size: number): string {
  let out = ''
  for (let i = size - 1; i >= 0; i--) out += String.fromCharCode(Number((value >> BigInt(i * 8)) & 0xffn))
  return out
}

function encodeInteger(n: number): string {
  const v = BigInt(n)
  if (n >= 0) {
    if (n <= 127) return bytes(n)
    if (n <= 0xff) return bytes(0xcc, n)
    if (n <= 0xffff) return bytes(0xcd) + bigEndian(v, 2)
    if (n <= 0xffffffff) return bytes(0xce) + bigEndian(v, 4)
    return bytes(0xcf) + bigEndian(v, 8)
  }
  if (n >= -32) return bytes(n & 0xff)
  if (n >= -128) return bytes(0xd0, n & 0xff)
  if (n >= -32768) return bytes(0xd1) + bigEndian(BigInt.asUintN(16, v), 2)
  if (n >= -2147483648) return bytes(0xd2) + bigEndian(BigInt.asUintN(32, v), 4)
  return bytes(0xd3) + bigEndian(BigInt.asUintN(64, v), 8)
}

function encodeNumber(n: number): string {
  // An integral value that fits an int64 (lua-cmsgpack's IS_INT64_EQUIVALENT).
  if (Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63) return encodeInteger(n)
  const view = new DataView(new ArrayBuffer(8))
  if (Math.fround(n) === n) {
    view.setFloat32(0, n)
    return bytes(0xca, ...new Uint8Array(view.buffer, 0, 4))
  }
  view.setFloat64(0, n)
  return bytes(0xcb, ...new Uint8Array(view.buffer))
}

function encodeLength(n: number, fix: number, fixMax: number, codes: [number, number, number?]): string {
  if (n <= fixMax) return bytes(fix | n)
  const [c8, c16, c32] = codes
  if (c32 === undefined) return n <= 0xffff ? bytes(c8) + bigEndian(BigInt(n), 2) : bytes(c16) + bigEndian(BigInt(n), 4)
  if (n <= 0xff) return bytes(c8, n)
  return n <= 0xffff ? bytes(c16) + bigEndian(BigInt(n), 2) : bytes(c32) + bigEndian(BigInt(n), 4)
}

/** lua-cmsgpack's table_is_an_array: every key a positive integer, and as many keys as the largest. */
function isArray(L: LuaState, at: number): boolean {
  let count = 0
  let max = 0
  lua.lua_pushnil(L)
  while (lua.lua_next(L, at)) {
    lua.lua_pop(L, 1)
    const n = lua.lua_type(L, -1) === lua.LUA_TNUMBER ? lua.lua_tonumber(L, -1) : 0
    if (!(n > 0) || !Number.isInteger(n) || n > 2147483647) {
      lua.lua_pop(L, 1)
      return false
    }
    max = Math.max(max, n)
    count++
  }
  return max === count
}

function tableKey(L: LuaState, at: number): TableKey {
  switch (lua.lua_type(L, at)) {
    case lua.LUA_TNUMBER: return lua.lua_tonumber(L, at)
    case lua.LUA_TSTRING: return toStringAt(L, at)
    case lua.LUA_TBOOLEAN: return lua.lua_toboolean(L, at)
    default: return undefined
  }
}

/** A table's identity, for `grownFromEmpty`. */
const tableAt = (L: LuaState, at: number): object => lua.lua_topointer(L, at)

/** Tables cmsgpack.unpack made: like Redis's, they grow from {} one key at a time. */
const grownFromEmpty = new WeakSet<object>()

function encode(L: LuaState, at: number, level: number): string {
  const type = lua.lua_type(L, at)
  switch (type) {
    case lua.LUA_TSTRING: {
      const text = toStringAt(L, at)
      return encodeLength(text.length, 0xa0, 31, [0xd9, 0xda, 0xdb]) + text
    }
    case lua.LUA_TBOOLEAN: return bytes(lua.lua_toboolean(L, at) ? 0xc3 : 0xc2)
    case lua.LUA_TNUMBER: return encodeNumber(lua.lua_tonumber(L, at))
    case lua.LUA_TTABLE: {
      if (level === MAX_NESTING) return bytes(0xc0)
      lauxlib.luaL_checkstack(L, 3, 'in function mp_encode_lua_table')
      if (isArray(L, at)) {
        const length = lua.lua_rawlen(L, at)
        let out = encodeLength(length, 0x90, 15, [0xdc, 0xdd])
        for (let i = 1; i <= length; i++) {
          lua.lua_rawgeti(L, at, i)
          out += encode(L, lua.lua_gettop(L), level + 1)
          lua.lua_pop(L, 1)
        }
        return out
      }
      // Redis walks the map with Lua 5.1's lua_next; fengari's walks in insertion order, so the
      // entries are laid out again as Lua 5.1 would have stored them.
      const keys: TableKey[] = []
      const entries: string[] = []
      lua.lua_pushnil(L)
      while (lua.lua_next(L, at)) {
        const top = lua.lua_gettop(L)
        keys.push(tableKey(L, top - 1))
        entries.push(encode(L, top - 1, level + 1) + encode(L, top, level + 1))
        lua.lua_pop(L, 1)
      }
      const body = lua51Order(keys, grownFromEmpty.has(tableAt(L, at))).map((i) => entries[i]).join('')
      return encodeLength(entries.length, 0x80, 15, [0xde, 0xdf]) + body
    }
    default: return bytes(0xc0)
  }
}

function pack(L: LuaState): number {
  const argc = lua.lua_gettop(L)
  if (argc === 0) return lauxlib.luaL_argerror(L, 0, fengari.to_luastring('MessagePack pack needs input.'))
  let out = ''
  for (let i = 1; i <= argc; i++) out += encode(L, i, 0)
  pushString(L, out)
  return 1
}

class Missing extends Error {}
class BadFormat extends Error {}

/** Reads MessagePack values and pushes them as Lua values. */
class Decoder {
  constructor(private readonly L: LuaState, private readonly data: string, public at: number) {}

  get left(): number {
    return this.data.length - this.at
  }

  private take(n: number): string {
    if (this.left < n) throw new Missing()
    const out = this.data.slice(this.at, this.at + n)
    this.at += n
    return out
  }

  private unsigned(n: number): bigint {
    let value = 0n
    for (const c of this.take(n)) value = (value << 8n) | BigInt(c.charCodeAt(0))
    return value
  }

  private float(n: 4 | 8): number {
    const view = new DataView(new ArrayBuffer(n))
    this.take(n).split('').forEach((c, i) => view.setUint8(i, c.charCodeAt(0)))
    return n === 4 ? view.getFloat32(0) : view.getFloat64(0)
  }

  value(): void {
    const L = this.L
    lauxlib.luaL_checkstack(L, 1, 'too many items')
    const code = this.take(1).charCodeAt(0)
    if (code <= 0x7f) return lua.lua_pushnumber(L, code)
    if (code >= 0xe0) return lua.lua_pushnumber(L, code - 256)
    if (code >= 0xa0 && code <= 0xbf) return pushString(L, this.take(code & 0x1f))
    if (code >= 0x90 && code <= 0x9f) return this.array(code & 0x0f)
    if (code >= 0x80 && code <= 0x8f) return this.map(code & 0x0f)
    switch (code) {
      case 0xc0: return lua.lua_pushnil(L)
      case 0xc2: return lua.lua_pushboolean(L, false)
      case 0xc3: return lua.lua_pushboolean(L, true)
      case 0xca: return lua.lua_pushnumber(L, this.float(4))
      case 0xcb: return lua.lua_pushnumber(L, this.float(8))
      case 0xcc: return lua.lua_pushnumber(L, Number(this.unsigned(1)))
      case 0xcd: return lua.lua_pushnumber(L, Number(this.unsigned(2)))
      case 0xce: return lua.lua_pushnumber(L, Number(this.unsigned(4)))
      // Redis's copy reads a uint 64 as a signed 64-bit integer.
      case 0xcf: return lua.lua_pushnumber(L, Number(BigInt.asIntN(64, this.unsigned(8))))
      case 0xd0: return lua.lua_pushnumber(L, Number(BigInt.asIntN(8, this.unsigned(1))))
      case 0xd1: return lua.lua_pushnumber(L, Number(BigInt.asIntN(16, this.unsigned(2))))
      case 0xd2: return lua.lua_pushnumber(L, Number(BigInt.asIntN(32, this.unsigned(4))))
      case 0xd3: return lua.lua_pushnumber(L, Number(BigInt.asIntN(64, this.unsigned(8))))
      case 0xd9: return pushString(L, this.take(Number(this.unsigned(1))))
      case 0xda: return pushString(L, this.take(Number(this.unsigned(2))))
      case 0xdb: return pushString(L, this.take(Number(this.unsigned(4))))
      case 0xdc: return this.array(Number(this.unsigned(2)))
      case 0xdd: return this.array(Number(this.unsigned(4)))
      case 0xde: return this.map(Number(this.unsigned(2)))
      case 0xdf: return this.map(Number(this.unsigned(4)))
      default: throw new BadFormat()
    }
  }

  private newTable(): void {
    lua.lua_newtable(this.L)
    grownFromEmpty.add(tableAt(this.L, -1))
  }

  private array(length: number): void {
    this.newTable()
    for (let i = 1; i <= length; i++) {
      this.value()
      lua.lua_rawseti(this.L, -2, i)
    }
  }

  private map(length: number): void {
    this.newTable()
    for (let i = 0; i < length; i++) {
      this.value()
      this.value()
      // lua_settable would raise on a nil key; such an entry is dropped here.
      if (lua.lua_type(this.L, -2) === lua.LUA_TNIL) lua.lua_pop(this.L, 2)
      else lua.lua_rawset(this.L, -3)
    }
  }
}

/** lua-cmsgpack's mp_unpack_full: up to `limit` values from `offset` (limit 0 and offset 0: all, without the offset result). */
function unpackFull(L: LuaState, limit: number, offset: number): number {
  const data = fromLua(lauxlib.luaL_checklstring(L, 1))
  const all = limit === 0 && offset === 0
  if (offset < 0 || limit < 0) error(L, `Invalid request to unpack with offset of ${offset} and limit of ${data.length}.`)
  if (offset > data.length) error(L, `Start offset ${offset} greater than input length ${data.length}.`)
  const decoder = new Decoder(L, data, offset)
  let count = 0
  for (const max = all ? Infinity : limit; decoder.left > 0 && count < max; count++) {
    const top = lua.lua_gettop(L)
    try {
      decoder.value()
    } catch (thrown) {
      if (!(thrown instanceof Missing) && !(thrown instanceof BadFormat)) throw thrown
      lua.lua_settop(L, top)
      error(L, thrown instanceof Missing ? 'Missing bytes in input.' : 'Bad data format in input.')
    }
  }
  if (all) return count
  lua.lua_pushnumber(L, decoder.left === 0 ? -1 : decoder.at)
  lua.lua_insert(L, 2)
  return count + 1
}

function unpackOne(L: LuaState): number {
  const offset = Math.trunc(lauxlib.luaL_optnumber(L, 2, 0))
  lua.lua_settop(L, 1)
  return unpackFull(L, 1, offset)
}

function unpackLimit(L: LuaState): number {
  const limit = Math.trunc(lauxlib.luaL_checknumber(L, 2))
  const offset = Math.trunc(lauxlib.luaL_optnumber(L, 3, 0))
  lua.lua_settop(L, 1)
  return unpackFull(L, limit, offset)
}

export function openCmsgpack(L: LuaState): void {
  lua.lua_newtable(L)
  for (const [name, f] of [
    ['pack', pack], ['unpack', (S: LuaState) => unpackFull(S, 0, 0)], ['unpack_one', unpackOne], ['unpack_limit', unpackLimit],
  ] as const) {
    lua.lua_pushjsfunction(L, f)
    lua.lua_setfield(L, -2, name)
  }
  lua.lua_setglobal(L, 'cmsgpack')
}
