// Patches to fengari's internals (through their module objects, which fengari's own modules call
// through) so that what Lua 5.3 does differently from Redis's Lua 5.1 behaves as 5.1 does:
// - strings convert to numbers as C's strtod reads them (5.1's luaO_str2d): also "inf", "nan",
//   "infinity" in any case, with a sign and surrounding spaces;
// - library functions that take an integer truncate a fractional number (5.1's luaL_checkint is
//   a C cast), rather than failing with "number has no integer representation";
// - runtime errors name the variable as 5.1 does: "attempt to call global 'f' (a nil value)",
//   where 5.3 says "attempt to call a nil value (global 'f')".
import fengari from 'fengari'
import lobject0, { type TValue } from 'fengari/src/lobject.js'
import lvm from 'fengari/src/lvm.js'

const { to_luastring } = fengari as unknown as { to_luastring(s: string, cache?: boolean): Uint8Array }
const lobject = lobject0 as typeof lobject0 & {
  luaO_pushvfstring: (L: unknown, fmt: Uint8Array, argp: unknown[]) => Uint8Array
}

// Numerals in scripts and numeric strings read as floats: 5.1 has only doubles, so arithmetic
// never wraps around fengari's 32-bit integers. Returns the size fengari expects (length + 1).
const str2num = lobject.luaO_str2num
const SPECIAL = /^[ \t\n\v\f\r]*([+-]?)(inf|infinity|nan(\([0-9A-Za-z_]*\))?)[ \t\n\v\f\r]*$/i
lobject.luaO_str2num = (s, o) => {
  const size = str2num(s, o)
  if (size !== 0) {
    if (o.ttisinteger()) o.setfltvalue(o.value as number)
    // 5.1 reads a C string: a number followed by a NUL is that number.
    return size <= s.length && s[size - 1] === 0 ? s.length + 1 : size
  }
  // What fengari rejects and strtod accepts: infinities and NaNs (never a partial parse).
  if (s.length > 40) return 0
  let text = ''
  for (let i = 0; i < s.length && s[i] !== 0; i++) text += String.fromCharCode(s[i])
  const match = SPECIAL.exec(text)
  if (match === null) return 0
  const negative = match[1] === '-'
  o.setfltvalue(match[2][0] === 'i' || match[2][0] === 'I' ? (negative ? -Infinity : Infinity) : signedNaN(negative))
  return s.length + 1
}

const bits = new Float64Array(1)
const bytes = new Uint8Array(bits.buffer)
/** A NaN with its sign bit: glibc prints "-nan" for one that has it (numbers.ts). */
export function signedNaN(negative: boolean): number {
  bits[0] = NaN
  bytes[7] = negative ? 0xff : 0x7f
  return bits[0]
}

// lua_tointegerx, under luaL_checkinteger and luaL_optinteger of every library function: a
// number truncates toward zero, clamped to fengari's 32-bit integers (a NaN gives the least, as
// x86's conversion does). Fengari's VM calls its own local tointeger, which stays exact.
const MIN = -2147483648
const MAX = 2147483647
lvm.tointeger = (o: TValue) => {
  if (o.ttisinteger()) return o.value as number
  const n = lvm.tonumber(o)
  if (n === false) return false
  if (Number.isNaN(n)) return MIN
  return n >= MAX ? MAX : n <= MIN ? MIN : Math.trunc(n)
}

// luaG_typeerror's message, "attempt to %s a %s value%s" with varinfo " (kind 'name')", in 5.1's
// words. 5.1 names globals, locals, upvalues, fields and methods; 5.3's other kinds ("constant",
// "for iterator") it does not name.
const TYPE_ERROR = to_luastring('attempt to %s a %s value%s', true)
const TYPE_ERROR_51 = to_luastring("attempt to %s %s '%s' (a %s value)", true)
const VARINFO = /^ \((global|local|method|field|upvalue|constant|for iterator) '(.*)'\)$/s
const pushvfstring = lobject.luaO_pushvfstring
lobject.luaO_pushvfstring = (L, fmt, argp) => {
  const varinfo = argp[2] as Uint8Array
  if (fmt === TYPE_ERROR && varinfo.length > 0) {
    const info = String.fromCharCode(...varinfo)
    const match = VARINFO.exec(info)
    if (match !== null) {
      if (match[1] === 'constant' || match[1] === 'for iterator') return pushvfstring(L, fmt, [argp[0], argp[1], new Uint8Array(0)])
      return pushvfstring(L, TYPE_ERROR_51, [argp[0], to_luastring(match[1]), varinfo.subarray(match[1].length + 4, -2), argp[1]])
    }
  }
  return pushvfstring(L, fmt, argp)
}
