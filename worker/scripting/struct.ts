// The `struct` library Redis loads (Roberto Ierusalimschy's lua_struct): pack, unpack and size of
// binary records, as it behaves on x86-64 (little-endian; short 2, int 4, long and size_t 8 bytes;
// integers handled as 64-bit, as its C code does).
import fengari, { type LuaState } from 'fengari'
import { fromLua, pushString } from './bytes.ts'

const { lua, lauxlib } = fengari

const MAXINTSIZE = 32
const MAXALIGN = 8
const U64 = (1n << 64n) - 1n

interface Header { little: boolean; align: number }

/** A format string and a read position in it. */
class Format {
  at = 0
  constructor(private readonly L: LuaState, readonly text: string) {}

  get done(): boolean {
    return this.at >= this.text.length
  }

  next(): string {
    return this.text[this.at++]
  }

  /** A decimal number at the position, or `fallback` when there is none. */
  number(fallback: number): number {
    if (!/[0-9]/.test(this.text[this.at] ?? '')) return fallback
    let n = 0
    while (/[0-9]/.test(this.text[this.at] ?? '')) {
      const digit = this.text.charCodeAt(this.at++) - 48
      if (n > 214748364 || n * 10 > 2147483647 - digit) error(this.L, 'integral size overflow')
      n = n * 10 + digit
    }
    return n
  }
}

function error(L: LuaState, message: string): never {
  lauxlib.luaL_error(L, '%s', fengari.to_luastring(message))
  throw new Error('unreachable')
}

function argError(L: LuaState, arg: number, message: string): never {
  lauxlib.luaL_argerror(L, arg, fengari.to_luastring(message))
  throw new Error('unreachable')
}

/** The size of an option (and its count, read from the format). */
function optionSize(L: LuaState, opt: string, format: Format): number {
  switch (opt) {
    case 'B': case 'b': case 'x': return 1
    case 'H': case 'h': return 2
    case 'L': case 'l': case 'T': case 'd': return 8
    case 'f': return 4
    case 'c': return format.number(1)
    case 'i': case 'I': {
      const size = format.number(4)
      if (size > MAXINTSIZE) error(L, `integral size ${size} is larger than limit of ${MAXINTSIZE}`)
      return size
    }
    default: return 0
  }
}

function padding(length: number, header: Header, opt: string, size: number): number {
  if (size === 0 || opt === 'c') return 0
  const align = Math.min(size, header.align)
  return (align - (length & (align - 1))) & (align - 1)
}

/** Spaces, endianness and alignment options; anything else is an invalid option. */
function control(L: LuaState, opt: string, format: Format, header: Header): void {
  switch (opt) {
    case ' ': return
    case '>': header.little = false; return
    case '<': header.little = true; return
    case '!': {
      const align = format.number(MAXALIGN)
      if (align <= 0 || (align & (align - 1)) !== 0) error(L, `alignment ${align} is not a power of 2`)
      header.align = align
      return
    }
    default: argError(L, 1, `invalid format option '${opt}'`)
  }
}

const isInteger = (opt: string) => 'bBhHlLTiI'.includes(opt)

/** C's conversion of a double to a 64-bit pattern as x86-64 does it (out of range: the sign bit alone). */
function toBits(n: number): bigint {
  if (!Number.isFinite(n) || n >= 2 ** 64 || n < -(2 ** 63)) return 1n << 63n
  return BigInt.asUintN(64, BigInt(Math.trunc(n)))
}

function integerBytes(n: number, size: number, little: boolean): string {
  let value = toBits(n)
  const bytes: number[] = new Array<number>(size)
  for (let i = 0; i < size; i++) {
    bytes[little ? i : size - 1 - i] = Number(value & 0xffn)
    value >>= 8n
  }
  return String.fromCharCode(...bytes)
}

function integerValue(data: string, at: number, size: number, little: boolean, signed: boolean): number {
  let value = 0n
  for (let i = 0; i < size; i++) {
    value = ((value << 8n) | BigInt(data.charCodeAt(little ? at + size - 1 - i : at + i))) & U64
  }
  if (!signed) return Number(value)
  // The C code's sign mask; x86 takes the shift count modulo 64.
  const mask = (U64 << BigInt((size * 8 - 1) % 64)) & U64
  if ((value & mask) !== 0n) value |= mask
  return Number(BigInt.asIntN(64, value))
}

function floatBytes(n: number, size: 4 | 8, little: boolean): string {
  const view = new DataView(new ArrayBuffer(size))
  if (size === 4) view.setFloat32(0, n, little)
  else view.setFloat64(0, n, little)
  return String.fromCharCode(...new Uint8Array(view.buffer))
}

function floatValue(data: string, at: number, size: 4 | 8, little: boolean): number {
  const view = new DataView(new ArrayBuffer(size))
  for (let i = 0; i < size; i++) view.setUint8(i, data.charCodeAt(at + i))
  return size === 4 ? view.getFloat32(0, little) : view.getFloat64(0, little)
}

const checkString = (L: LuaState, arg: number): string => fromLua(lauxlib.luaL_checklstring(L, arg))

function pack(L: LuaState): number {
  const format = new Format(L, checkString(L, 1))
  const header: Header = { little: true, align: 1 }
  let arg = 2
  let out = ''
  while (!format.done) {
    const opt = format.next()
    let size = optionSize(L, opt, format)
    const pad = padding(out.length, header, opt, size)
    out += '\0'.repeat(pad)
    if (isInteger(opt)) out += integerBytes(lauxlib.luaL_checknumber(L, arg++), size, header.little)
    else if (opt === 'x') out += '\0'
    else if (opt === 'f' || opt === 'd') out += floatBytes(lauxlib.luaL_checknumber(L, arg++), size as 4 | 8, header.little)
    else if (opt === 'c' || opt === 's') {
      const value = checkString(L, arg++)
      if (size === 0) size = value.length
      if (value.length < size) argError(L, arg, 'string too short')
      out += value.slice(0, size)
      if (opt === 's') out += '\0'
    } else control(L, opt, format, header)
  }
  pushString(L, out)
  return 1
}

function unpack(L: LuaState): number {
  const format = new Format(L, checkString(L, 1))
  const data = checkString(L, 2)
  // Redis's copy has no offset check: a position outside the data fails as too short (C's size_t wraps).
  let pos = Math.trunc(lauxlib.luaL_optnumber(L, 3, 1)) - 1
  const header: Header = { little: true, align: 1 }
  let results = 0
  while (!format.done) {
    const opt = format.next()
    let size = optionSize(L, opt, format)
    pos += padding(pos, header, opt, size)
    if (pos < 0 || size > data.length || pos > data.length - size) argError(L, 2, 'data string too short')
    lauxlib.luaL_checkstack(L, 2, 'too many results')
    if (isInteger(opt)) {
      lua.lua_pushnumber(L, integerValue(data, pos, size, header.little, opt === opt.toLowerCase()))
      results++
    } else if (opt === 'f' || opt === 'd') {
      lua.lua_pushnumber(L, floatValue(data, pos, size as 4 | 8, header.little))
      results++
    } else if (opt === 'c') {
      if (size === 0) {
        if (results === 0 || !lua.lua_isnumber(L, -1)) error(L, "format 'c0' needs a previous size")
        size = Math.trunc(lua.lua_tonumber(L, -1))
        lua.lua_pop(L, 1)
        results--
        if (size > data.length || pos > data.length - size) argError(L, 2, 'data string too short')
      }
      pushString(L, data.slice(pos, pos + size))
      results++
    } else if (opt === 's') {
      const end = data.indexOf('\0', pos)
      if (end < 0) error(L, 'unfinished string in data')
      size = end - pos + 1
      pushString(L, data.slice(pos, end))
      results++
    } else if (opt !== 'x') control(L, opt, format, header)
    pos += size
  }
  lua.lua_pushnumber(L, pos + 1)
  return results + 1
}

function size(L: LuaState): number {
  const format = new Format(L, checkString(L, 1))
  const header: Header = { little: true, align: 1 }
  let pos = 0
  while (!format.done) {
    const opt = format.next()
    const optSize = optionSize(L, opt, format)
    pos += padding(pos, header, opt, optSize)
    if (opt === 's') argError(L, 1, "option 's' has no fixed size")
    if (opt === 'c' && optSize === 0) argError(L, 1, "option 'c0' has no fixed size")
    if (!/[A-Za-z0-9]/.test(opt)) control(L, opt, format, header)
    pos += optSize
  }
  lua.lua_pushnumber(L, pos)
  return 1
}

export function openStruct(L: LuaState): void {
  lua.lua_newtable(L)
  for (const [name, f] of [['pack', pack], ['unpack', unpack], ['size', size]] as const) {
    lua.lua_pushjsfunction(L, f)
    lua.lua_setfield(L, -2, name)
  }
  lua.lua_setglobal(L, 'struct')
}
