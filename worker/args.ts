// Parsing of command arguments the way Redis parses them (string2ll, strtod), so that the
// same inputs are accepted and rejected with the same errors.
import { fail, NOT_FLOAT, NOT_INTEGER } from './errors.ts'

export const INT64_MAX = 9223372036854775807n
export const INT64_MIN = -9223372036854775808n

const DECIMAL_INT = /^(0|-?[1-9][0-9]*)$/

/**
 * Redis's string2ll: optional '-', no '+', no spaces, no leading zeros, within int64.
 * Returns undefined when the text is not such an integer.
 */
export function toInt64(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 20 || !DECIMAL_INT.test(text)) return undefined
  const value = BigInt(text)
  return value > INT64_MAX || value < INT64_MIN ? undefined : value
}

/** An int64 argument as a JS number (exact up to 2^53; beyond, close enough for counts and indexes). */
export function toIntNumber(text: string): number | undefined {
  if (text.length < 16) return DECIMAL_INT.test(text) ? Number(text) : undefined
  const value = toInt64(text)
  return value === undefined ? undefined : Number(value)
}

/** An int64 argument as a number, or the given error (Redis's "value is not an integer or out of range"). */
export function parseInteger(text: string, error = NOT_INTEGER): number {
  const value = toIntNumber(text)
  return value === undefined ? fail(error) : value
}

/** An exact int64 argument, or the given error. */
export function parseInt64(text: string, error = NOT_INTEGER): bigint {
  const value = toInt64(text)
  return value === undefined ? fail(error) : value
}

const DECIMAL_FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/
const INFINITY = /^[+-]?inf(?:inity)?$/i

/**
 * C's strtod over the whole text, as Redis's getDoubleFromObject uses it: no leading space,
 * nothing left over, NaN rejected, overflow and underflow to zero rejected (ERANGE).
 */
export function toDouble(text: string): number | undefined {
  if (text.length === 0) return undefined
  let value: number
  if (DECIMAL_FLOAT.test(text)) {
    value = Number(text)
    if (!Number.isFinite(value)) return undefined
    if (value === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ''))) return undefined
  } else if (INFINITY.test(text)) {
    value = text[0] === '-' ? -Infinity : Infinity
  } else {
    const hex = HEX_FLOAT.exec(text)
    if (!hex || (hex[2] === '' && (hex[3] ?? '') === '')) return undefined
    value = hexFloat(hex[1], hex[2], hex[3] ?? '', hex[4] ?? '0')
    if (!Number.isFinite(value)) return undefined
  }
  return value
}

function hexFloat(sign: string, whole: string, fraction: string, exponent: string): number {
  const mantissa = parseInt((whole + fraction) || '0', 16)
  const value = mantissa * Math.pow(2, Number(exponent) - 4 * fraction.length)
  return sign === '-' ? -value : value
}

/** A float argument (NaN never accepted), or the given error. */
export function parseDouble(text: string, error = NOT_FLOAT): number {
  const value = toDouble(text)
  return value === undefined ? fail(error) : value
}

/** Case-insensitive comparison of an argument with an option token. */
export function isToken(arg: string, token: string): boolean {
  return arg.length === token.length && arg.toUpperCase() === token
}
