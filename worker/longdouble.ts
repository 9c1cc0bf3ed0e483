// C's `long double` as Redis uses it for INCRBYFLOAT and HINCRBYFLOAT on x86-64: the x87
// extended format (64-bit significand, exponents down to 2^-16445 with subnormals, overflow at
// 2^16384), rounding to nearest with ties to even. Values are exact binary rationals held in
// BigInts, so parsing (glibc strtold), addition and printing ("%.17Lf") round exactly as the C
// library does, and the replies match Redis digit for digit.
import { fail, NAN_OR_INFINITY, NOT_FLOAT } from './errors.ts'

/** A long double: mantissa * 2^exponent (mantissa below 2^64), an infinity, or NaN. */
export type LongDouble =
  | { readonly kind: 'finite'; readonly negative: boolean; readonly mantissa: bigint; readonly exponent: number }
  | { readonly kind: 'infinity'; readonly negative: boolean }
  | { readonly kind: 'nan' }

const MANTISSA_BITS = 64
/** The exponent of the lowest mantissa bit of the smallest subnormal (and of the smallest normal). */
const MIN_EXPONENT = -16445
/** Values at or above 2^MAX_POWER overflow to infinity. */
const MAX_POWER = 16384
/** Redis's string2ld refuses texts of MAX_LONG_DOUBLE_CHARS (5 KiB) or longer. */
const MAX_TEXT_LENGTH = 5 * 1024
/** Decimal exponents beyond these overflow or underflow for any digits (LDBL_MAX ~ 1.19e4932, half the smallest subnormal ~ 1.8e-4951). */
const MAX_DECIMAL_POWER = 4933
const MIN_DECIMAL_POWER = -4952
/** "%.17Lf" prints 17 digits after the point. */
const FRACTION_DIGITS = 17
const FRACTION_SCALE = 10n ** BigInt(FRACTION_DIGITS)

const DECIMAL = /^([+-]?)(?:([0-9]+)(?:\.([0-9]*))?|\.([0-9]+))(?:[eE]([+-]?[0-9]+))?$/
const HEXADECIMAL = /^([+-]?)0[xX](?:([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?|\.([0-9a-fA-F]+))(?:[pP]([+-]?[0-9]+))?$/
const INFINITY = /^([+-]?)inf(?:inity)?$/i

const POSITIVE_ZERO: LongDouble = Object.freeze({ kind: 'finite', negative: false, mantissa: 0n, exponent: 0 })
const NAN: LongDouble = Object.freeze({ kind: 'nan' })

const zero = (negative: boolean): LongDouble =>
  negative ? { kind: 'finite', negative, mantissa: 0n, exponent: 0 } : POSITIVE_ZERO
const infinity = (negative: boolean): LongDouble => ({ kind: 'infinity', negative })

/**
 * Redis's string2ld: the whole text must be what strtold reads (decimal, hexadecimal with a
 * binary exponent, or inf/infinity), with no leading space, shorter than 5 KiB; NaN, and values
 * that overflow or underflow to zero (ERANGE), are refused. Returns undefined when refused.
 */
export function parseLongDouble(text: string): LongDouble | undefined {
  if (text.length === 0 || text.length >= MAX_TEXT_LENGTH) return undefined
  const decimal = DECIMAL.exec(text)
  if (decimal !== null) {
    return fromDecimal(decimal[1] === '-', decimal[2] ?? '', decimal[3] ?? decimal[4] ?? '', decimal[5] ?? '0')
  }
  const hex = HEXADECIMAL.exec(text)
  if (hex !== null) return fromHex(hex[1] === '-', hex[2] ?? '', hex[3] ?? hex[4] ?? '', hex[5] ?? '0')
  const inf = INFINITY.exec(text)
  return inf === null ? undefined : infinity(inf[1] === '-')
}

function fromDecimal(negative: boolean, whole: string, fraction: string, exponentText: string): LongDouble | undefined {
  const digits = (whole + fraction).replace(/^0+/, '')
  if (digits === '') return zero(negative)
  // Number() is exact enough here: huge exponents only need to compare beyond the limits.
  const power = Number(exponentText) - fraction.length
  if (digits.length - 1 + power > MAX_DECIMAL_POWER || digits.length + power < MIN_DECIMAL_POWER) return undefined
  const integer = BigInt(digits)
  return inRange(power >= 0
    ? round(negative, integer * 10n ** BigInt(power), 1n, 0)
    : round(negative, integer, 10n ** BigInt(-power), 0))
}

function fromHex(negative: boolean, whole: string, fraction: string, exponentText: string): LongDouble | undefined {
  const digits = (whole + fraction).replace(/^0+/, '')
  if (digits === '') return zero(negative)
  return inRange(round(negative, BigInt('0x' + digits), 1n, Number(exponentText) - 4 * fraction.length))
}

/** strtold's ERANGE cases Redis refuses: a non-zero input that overflowed or rounded to zero. */
function inRange(value: LongDouble): LongDouble | undefined {
  return value.kind === 'finite' && value.mantissa !== 0n ? value : undefined
}

function bitLength(n: bigint): number {
  const hex = n.toString(16)
  return (hex.length - 1) * 4 + 32 - Math.clz32(parseInt(hex[0], 16))
}

/**
 * The long double nearest to numerator / denominator * 2^power (ties to even), with subnormals,
 * underflow to zero and overflow to infinity. numerator and denominator are positive.
 */
function round(negative: boolean, numerator: bigint, denominator: bigint, power: number): LongDouble {
  // The value lies in (2^(log2 - 1), 2^(log2 + 1)).
  const log2 = bitLength(numerator) - bitLength(denominator) + power
  if (log2 - 1 >= MAX_POWER) return infinity(negative)
  if (log2 + 1 <= MIN_EXPONENT - 1) return zero(negative) // below half the smallest subnormal
  // Divide at two bits below the result's last bit, so at least two bits decide the rounding.
  const scale = Math.max(log2 - MANTISSA_BITS, MIN_EXPONENT) - 2
  const shifted = power - scale >= 0 ? numerator << BigInt(power - scale) : numerator
  const divisor = power - scale >= 0 ? denominator : denominator << BigInt(scale - power)
  const quotient = shifted / divisor
  const inexact = quotient * divisor !== shifted
  const drop = Math.max(bitLength(quotient) - MANTISSA_BITS, MIN_EXPONENT - scale)
  const dropBig = BigInt(drop)
  let mantissa = quotient >> dropBig
  const rest = quotient & ((1n << dropBig) - 1n)
  const half = 1n << (dropBig - 1n)
  if (rest > half || (rest === half && (inexact || (mantissa & 1n) === 1n))) mantissa++
  let exponent = scale + drop
  if (mantissa === 1n << BigInt(MANTISSA_BITS)) {
    mantissa >>= 1n
    exponent++
  }
  if (exponent + MANTISSA_BITS > MAX_POWER) return infinity(negative)
  if (mantissa === 0n) return zero(negative)
  return { kind: 'finite', negative, mantissa, exponent }
}

export function isFiniteLongDouble(value: LongDouble): boolean {
  return value.kind === 'finite'
}

/** a + b rounded to a long double, with IEEE rules for zeros, infinities and NaN. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN
  if (a.kind === 'infinity') return b.kind === 'infinity' && b.negative !== a.negative ? NAN : a
  if (b.kind === 'infinity') return b
  const exponent = Math.min(a.exponent, b.exponent)
  const sum = aligned(a, exponent) + aligned(b, exponent)
  if (sum === 0n) return zero(a.negative && b.negative)
  return round(sum < 0n, sum < 0n ? -sum : sum, 1n, exponent)
}

/** The signed mantissa of a finite value, rescaled to a lower exponent. */
function aligned(value: { negative: boolean; mantissa: bigint; exponent: number }, exponent: number): bigint {
  const scaled = value.mantissa << BigInt(value.exponent - exponent)
  return value.negative ? -scaled : scaled
}

/**
 * Redis's ld2string in LD_STR_HUMAN mode: "%.17Lf" (the exact value rounded half to even at the
 * 17th decimal), trailing zeros and a trailing point removed, "-0" written as "0".
 */
export function formatLongDouble(value: LongDouble): string {
  if (value.kind === 'nan') return 'nan'
  if (value.kind === 'infinity') return value.negative ? '-inf' : 'inf'
  let scaled: bigint
  if (value.exponent >= 0) {
    scaled = (value.mantissa << BigInt(value.exponent)) * FRACTION_SCALE
  } else {
    const shift = BigInt(-value.exponent)
    const exact = value.mantissa * FRACTION_SCALE
    scaled = exact >> shift
    const rest = exact - (scaled << shift)
    const half = 1n << (shift - 1n)
    if (rest > half || (rest === half && (scaled & 1n) === 1n)) scaled++
  }
  const whole = (scaled / FRACTION_SCALE).toString()
  const fraction = (scaled % FRACTION_SCALE).toString().padStart(FRACTION_DIGITS, '0').replace(/0+$/, '')
  const text = (value.negative ? '-' : '') + whole + (fraction === '' ? '' : '.' + fraction)
  return text === '-0' ? '0' : text
}

/**
 * INCRBYFLOAT's arithmetic on a stored text (undefined when the key or field is missing: 0):
 * returns the new text. Throws `notFloat` when the stored text is not a long double, and
 * "increment would produce NaN or Infinity" when the sum is not finite.
 */
export function incrementByFloat(current: string | undefined, increment: LongDouble, notFloat = NOT_FLOAT): string {
  const value = current === undefined ? POSITIVE_ZERO : parseLongDouble(current) ?? fail(notFloat)
  const sum = addLongDouble(value, increment)
  if (sum.kind !== 'finite') fail(NAN_OR_INFINITY)
  return formatLongDouble(sum)
}
