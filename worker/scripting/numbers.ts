// Numbers as Lua 5.1 (Redis's Lua) shows them: tostring and concatenation use "%.14g".
import { significantDigits } from '../double.ts'

const nanBits = new Float64Array(1)
const nanBytes = new Uint8Array(nanBits.buffer)

/** Whether a NaN has its sign bit: x86 makes "-nan" of 0/0 and inf - inf, negation flips it. */
export function nanIsNegative(d: number): boolean {
  nanBits[0] = d
  return (nanBytes[7] & 0x80) !== 0
}

/** C's "%.14g", with glibc's inf/-inf/nan/-nan (Lua 5.1's LUAI_NUMFFORMAT). */
export function formatLuaNumber(d: number): string {
  if (d === Infinity) return 'inf'
  if (d === -Infinity) return '-inf'
  if (Number.isNaN(d)) return nanIsNegative(d) ? '-nan' : 'nan'
  if (d === 0) return Object.is(d, -0) ? '-0' : '0'
  const [digits, exponent] = significantDigits(d, 14)
  const sign = d < 0 ? '-' : ''
  if (exponent < -4 || exponent >= 14) {
    const exp = Math.abs(exponent)
    return `${sign}${trimZeros(digits[0] + '.' + digits.slice(1))}e${exponent < 0 ? '-' : '+'}${exp < 10 ? '0' : ''}${exp}`
  }
  if (exponent < 0) return sign + trimZeros('0.' + '0'.repeat(-exponent - 1) + digits)
  return sign + trimZeros(digits.slice(0, exponent + 1) + '.' + digits.slice(exponent + 1))
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
}

const INT64_MIN = -9223372036854775808n

/** A Lua number as Redis turns it into an integer reply: C's (long long) cast, truncating. */
export function luaNumberToInteger(d: number): number | bigint {
  // Out of range and NaN give x86's "integer indefinite" value, as Redis shows.
  if (!Number.isFinite(d) || d >= 9223372036854775808 || d < -9223372036854775808) return INT64_MIN
  const truncated = Math.trunc(d)
  if (Number.isSafeInteger(truncated)) return truncated === 0 ? 0 : truncated
  return BigInt(truncated)
}
