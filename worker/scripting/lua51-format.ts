// Lua 5.1's string.format (lstrlib.c's str_format), which hands each item to C's sprintf: the
// flags "-+ #0", two digits of width and precision at most, %d/%i as a C long (a double is cast,
// truncating), %o/%u/%x/%X as an unsigned long, %e/%f/%g as glibc prints them (rounding the exact
// binary value half to even), %q with 5.1's escapes, and %s/%c cut at a NUL as sprintf's output
// is. Written in JS, as the C function is, so errors name 'format' and the caller's line.
import fengari, { type LuaState } from 'fengari'
import { fromLua, pushString } from './bytes.ts'
import { nanIsNegative } from './numbers.ts'

const { lua, lauxlib, to_luastring } = fengari

const FLAGS = '-+ #0'
const TWO_63 = 9223372036854775808
const INT64_MIN = -(2n ** 63n)

interface Spec { left: boolean; plus: boolean; space: boolean; alt: boolean; zero: boolean; width: number; precision: number | undefined }

export function stringFormat(L: LuaState): number {
  const top = lua.lua_gettop(L)
  const fmt = fromLua(lauxlib.luaL_checklstring(L, 1))
  let arg = 1
  let out = ''
  let i = 0
  while (i < fmt.length) {
    const at = fmt.indexOf('%', i)
    if (at === -1) {
      out += fmt.slice(i)
      break
    }
    out += fmt.slice(i, at)
    i = at + 1
    if (fmt[i] === '%') {
      out += '%'
      i++
      continue
    }
    if (++arg > top) lauxlib.luaL_argerror(L, arg, to_luastring('no value'))
    // scanformat
    let p = i
    while (p < fmt.length && FLAGS.includes(fmt[p])) p++
    if (p - i >= FLAGS.length + 1) lauxlib.luaL_error(L, to_luastring('invalid format (repeated flags)'))
    const flags = fmt.slice(i, p)
    const widthStart = p
    if (isDigit(fmt[p])) p++
    if (isDigit(fmt[p])) p++
    const width = p > widthStart ? Number(fmt.slice(widthStart, p)) : 0
    let precision: number | undefined
    if (fmt[p] === '.') {
      p++
      const precisionStart = p
      if (isDigit(fmt[p])) p++
      if (isDigit(fmt[p])) p++
      precision = p > precisionStart ? Number(fmt.slice(precisionStart, p)) : 0
    }
    if (isDigit(fmt[p])) lauxlib.luaL_error(L, to_luastring('invalid format (width or precision too long)'))
    const conversion = fmt[p] ?? ''
    i = p + 1
    const spec: Spec = {
      left: flags.includes('-'), plus: flags.includes('+'), space: flags.includes(' '),
      alt: flags.includes('#'), zero: flags.includes('0'), width, precision,
    }
    switch (conversion) {
      case 'c': {
        const code = Number(BigInt.asUintN(8, cvttsd2si(lauxlib.luaL_checknumber(L, arg))))
        out += cutAtNul(pad(String.fromCharCode(code), spec, false))
        break
      }
      case 'd': case 'i': {
        const n = lauxlib.luaL_checknumber(L, arg)
        const t = Math.trunc(n)
        if (Number.isSafeInteger(t) && flags === '' && width === 0 && precision === undefined) out += String(t)
        else out += formatInteger(cvttsd2si(n), 10, false, true, spec)
        break
      }
      case 'o': case 'u': case 'x': case 'X':
        out += formatInteger(toUnsigned(lauxlib.luaL_checknumber(L, arg)), conversion === 'o' ? 8 : conversion === 'u' ? 10 : 16, conversion === 'X', false, spec)
        break
      case 'e': case 'E': case 'f': case 'g': case 'G':
        out += formatFloat(lauxlib.luaL_checknumber(L, arg), conversion, spec)
        break
      case 'q':
        out += quoted(fromLua(lauxlib.luaL_checklstring(L, arg)))
        break
      case 's': {
        const s = fromLua(lauxlib.luaL_checklstring(L, arg))
        // A long string without precision is kept whole; sprintf's output ends at a NUL.
        if (precision === undefined && s.length >= 100) out += s
        else out += pad(cutAtNul(precision === undefined ? s : cutAtNul(s).slice(0, precision)), spec, false)
        break
      }
      default:
        lauxlib.luaL_error(L, to_luastring("invalid option '%%%s' to 'format'"), to_luastring(conversion))
    }
  }
  pushString(L, out)
  return 1
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}

function cutAtNul(s: string): string {
  const at = s.indexOf('\0')
  return at === -1 ? s : s.slice(0, at)
}

/** x86-64's double to long conversion: truncation; NaN and out of range give the least long. */
function cvttsd2si(d: number): bigint {
  if (Number.isNaN(d) || d >= TWO_63 || d < -TWO_63) return INT64_MIN
  return BigInt(Math.trunc(d))
}

/** gcc's double to unsigned long on x86-64: below 2^63 the signed conversion, else offset by 2^63. */
function toUnsigned(d: number): bigint {
  if (d >= TWO_63) return BigInt.asUintN(64, cvttsd2si(d - TWO_63) ^ INT64_MIN)
  return BigInt.asUintN(64, cvttsd2si(d))
}

function pad(body: string, spec: Spec, zeroAfter: number | false, prefixLength = 0): string {
  if (body.length >= spec.width) return body
  const fill = spec.width - body.length
  if (spec.left) return body + ' '.repeat(fill)
  if (zeroAfter !== false) return body.slice(0, prefixLength) + '0'.repeat(fill) + body.slice(prefixLength)
  return ' '.repeat(fill) + body
}

/** sprintf's %d, %o, %u, %x, %X; only signed conversions take '+' and ' '. */
function formatInteger(value: bigint, base: number, upper: boolean, signed: boolean, spec: Spec): string {
  const negative = value < 0n
  let digits = (negative ? -value : value).toString(base)
  if (upper) digits = digits.toUpperCase()
  if (spec.precision !== undefined) {
    digits = spec.precision === 0 && value === 0n ? '' : digits.padStart(spec.precision, '0')
  }
  let prefix = ''
  if (negative) prefix = '-'
  else if (signed && spec.plus) prefix = '+'
  else if (signed && spec.space) prefix = ' '
  if (spec.alt && base === 16 && value !== 0n) prefix = upper ? '0X' : '0x'
  if (spec.alt && base === 8 && !digits.startsWith('0')) digits = '0' + digits
  const zero = spec.zero && !spec.left && spec.precision === undefined
  return pad(prefix + digits, spec, zero ? 0 : false, prefix.length)
}

function formatFloat(d: number, conversion: string, spec: Spec): string {
  const upper = conversion === 'E' || conversion === 'G'
  const negative = d < 0 || Object.is(d, -0) || (Number.isNaN(d) && nanIsNegative(d))
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : ''
  if (!Number.isFinite(d)) {
    const text = Number.isNaN(d) ? 'nan' : 'inf'
    return pad(sign + (upper ? text.toUpperCase() : text), spec, false)
  }
  const precision = spec.precision ?? 6
  const [int, frac] = exactDecimal(Math.abs(d))
  let body: string
  if (conversion === 'f') {
    body = fixed(int, frac, precision, spec.alt)
  } else if (conversion === 'e' || conversion === 'E') {
    body = exponential(int, frac, precision, spec.alt)
  } else {
    const p = precision === 0 ? 1 : precision
    const exponent = exponentAfterRounding(int, frac, p - 1)
    if (exponent < p && exponent >= -4) body = fixed(int, frac, p - 1 - exponent, spec.alt)
    else body = exponential(int, frac, p - 1, spec.alt)
    if (!spec.alt && body.includes('.')) {
      const e = body.indexOf('e')
      const mantissa = e === -1 ? body : body.slice(0, e)
      body = mantissa.replace(/0+$/, '').replace(/\.$/, '') + (e === -1 ? '' : body.slice(e))
    }
  }
  if (upper) body = body.toUpperCase()
  return pad(sign + body, spec, spec.zero && !spec.left ? 0 : false, sign.length)
}

/** The exact decimal expansion of a finite non-negative double: integer and fraction digits. */
function exactDecimal(d: number): [string, string] {
  if (Number.isInteger(d)) return [d < 2 ** 53 ? String(d) : BigInt(d).toString(), '']
  let m = d
  let k = 0
  while (!Number.isInteger(m)) {
    m *= 2
    k++
  }
  const digits = (BigInt(m) * 5n ** BigInt(k)).toString().padStart(k + 1, '0')
  return [digits.slice(0, -k), digits.slice(-k)]
}

/** Rounds a digit string keeping `keep` digits, half to even on what is cut; returns the kept digits (maybe one longer). */
function roundDigits(digits: string, keep: number): string {
  if (keep >= digits.length) return digits.padEnd(keep, '0')
  if (keep < 0) return ''
  const kept = digits.slice(0, keep)
  const first = digits[keep]
  let up = first > '5'
  if (first === '5') {
    const rest = digits.slice(keep + 1)
    up = /[1-9]/.test(rest) || (keep > 0 ? Number(kept[keep - 1]) % 2 === 1 : false)
  }
  if (!up) return kept
  return increment(kept)
}

function increment(digits: string): string {
  if (digits === '') return '1'
  let i = digits.length - 1
  while (i >= 0 && digits[i] === '9') i--
  if (i < 0) return '1' + '0'.repeat(digits.length)
  return digits.slice(0, i) + String(Number(digits[i]) + 1) + '0'.repeat(digits.length - i - 1)
}

function fixed(int: string, frac: string, precision: number, alt: boolean): string {
  const rounded = roundDigits(int + frac, int.length + precision)
  const intLength = rounded.length - precision
  const intPart = intLength > 0 ? rounded.slice(0, intLength).replace(/^0+(?=\d)/, '') : '0'
  const fracPart = rounded.slice(Math.max(intLength, 0)).padStart(precision, '0')
  return intPart + (precision > 0 || alt ? '.' : '') + fracPart
}

/** The significant digits and decimal exponent of int.frac (zero: '', 0). */
function significant(int: string, frac: string): [string, number] {
  const all = int + frac
  const lead = all.search(/[1-9]/)
  if (lead === -1) return ['', 0]
  return [all.slice(lead), int.length - lead - 1]
}

function exponentAfterRounding(int: string, frac: string, precision: number): number {
  const [digits, exponent] = significant(int, frac)
  if (digits === '') return 0
  return roundDigits(digits, precision + 1).length > precision + 1 ? exponent + 1 : exponent
}

function exponential(int: string, frac: string, precision: number, alt: boolean): string {
  const [digits, exponent0] = significant(int, frac)
  let exponent = exponent0
  let rounded = digits === '' ? '0'.repeat(precision + 1) : roundDigits(digits, precision + 1)
  if (rounded.length > precision + 1) {
    rounded = rounded.slice(0, precision + 1)
    exponent++
  }
  const e = Math.abs(exponent)
  return rounded[0] + (precision > 0 || alt ? '.' : '') + rounded.slice(1) + 'e' + (exponent < 0 ? '-' : '+') + (e < 10 ? '0' : '') + e
}

/** 5.1's addquoted: '"', '\\' and newline escaped with a backslash, "\\r", "\\000". */
function quoted(s: string): string {
  let out = '"'
  for (const c of s) {
    if (c === '"' || c === '\\' || c === '\n') out += '\\' + c
    else if (c === '\r') out += '\\r'
    else if (c === '\0') out += '\\000'
    else out += c
  }
  return out + '"'
}
