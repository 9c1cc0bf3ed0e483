// Doubles as Redis 7.0 prints them in replies (addReplyDouble): C's "%.17g", with "inf"/"-inf".
// JS rounds exact halfway cases up where glibc rounds them to even, so those are corrected.

export function formatDouble(d: number): string {
  if (d === Infinity) return 'inf'
  if (d === -Infinity) return '-inf'
  if (Number.isNaN(d)) return 'nan'
  if (d === 0) return Object.is(d, -0) ? '-0' : '0'
  const [digits, exponent] = significantDigits(d, 17)
  const negative = d < 0 ? '-' : ''
  if (exponent < -4 || exponent >= 17) {
    const mantissa = trimZeros(digits[0] + '.' + digits.slice(1))
    const exp = Math.abs(exponent)
    return `${negative}${mantissa}e${exponent < 0 ? '-' : '+'}${exp < 10 ? '0' : ''}${exp}`
  }
  if (exponent < 0) return negative + trimZeros('0.' + '0'.repeat(-exponent - 1) + digits)
  return negative + trimZeros(digits.slice(0, exponent + 1) + '.' + digits.slice(exponent + 1))
}

/** The first `count` significant decimal digits of |d|, correctly rounded half-to-even, and the decimal exponent. */
export function significantDigits(d: number, count: number): [digits: string, exponent: number] {
  const abs = Math.abs(d)
  let text = abs.toExponential(count - 1)
  const longer = abs.toExponential(count)
  if (longer[longer.indexOf('e') - 1] === '5') {
    // Maybe an exact tie: JS rounded it up; glibc rounds to the even digit.
    const exact = abs.toExponential(100)
    const mantissa = exact.slice(0, exact.indexOf('e')).replace('.', '')
    if (/^5?0*$/.test(mantissa.slice(count)) && mantissa[count] === '5') {
      const kept = mantissa.slice(0, count)
      if (Number(kept[count - 1]) % 2 === 0) {
        text = `${kept[0]}.${kept.slice(1)}${exact.slice(exact.indexOf('e'))}`
      }
    }
  }
  const e = text.indexOf('e')
  return [text.slice(0, e).replace('.', ''), Number(text.slice(e + 1))]
}

function trimZeros(text: string): string {
  if (!text.includes('.')) return text
  return text.replace(/0+$/, '').replace(/\.$/, '')
}
