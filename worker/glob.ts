// Redis's glob matching (stringmatchlen): `*`, `?`, `[abc]`, `[^a-z]`, `\x` escapes, on bytes.
// Ported rule for rule so KEYS, SCAN MATCH and PSUBSCRIBE accept exactly what Redis accepts,
// including its quirks (an unclosed `[` matches to the end; ranges compare C signed chars).

export function globMatch(pattern: string, text: string, nocase = false): boolean {
  const skipLonger = { value: false }
  return matchFrom(pattern, 0, text, 0, nocase, skipLonger, 0)
}

const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c)
const signed = (c: number) => (c >= 128 ? c - 256 : c)

function matchFrom(
  p: string, pi: number, s: string, si: number, nocase: boolean, skipLonger: { value: boolean }, nesting: number,
): boolean {
  if (nesting > 1000) return false
  const pEnd = p.length
  const sEnd = s.length
  while (pi < pEnd && si < sEnd) {
    const c = p.charCodeAt(pi)
    if (c === 42 /* * */) {
      while (pi + 1 < pEnd && p.charCodeAt(pi + 1) === 42) pi++
      if (pi + 1 === pEnd) return true
      while (si < sEnd) {
        if (matchFrom(p, pi + 1, s, si, nocase, skipLonger, nesting + 1)) return true
        if (skipLonger.value) return false
        si++
      }
      skipLonger.value = true
      return false
    } else if (c === 63 /* ? */) {
      si++
    } else if (c === 91 /* [ */) {
      pi++
      const not = p.charCodeAt(pi) === 94 /* ^ */
      if (not) pi++
      let match = false
      const sc = s.charCodeAt(si)
      for (;;) {
        const pc = p.charCodeAt(pi)
        if (pc === 92 /* \ */ && pEnd - pi >= 2) {
          pi++
          if (p.charCodeAt(pi) === sc) match = true
        } else if (pc === 93 /* ] */) {
          break
        } else if (pi >= pEnd) {
          pi--
          break
        } else if (pEnd - pi >= 3 && p.charCodeAt(pi + 1) === 45 /* - */) {
          let start = signed(pc)
          let end = signed(p.charCodeAt(pi + 2))
          let ch = signed(sc)
          if (start > end) [start, end] = [end, start]
          if (nocase) {
            start = lower(start)
            end = lower(end)
            ch = lower(ch)
          }
          pi += 2
          if (ch >= start && ch <= end) match = true
        } else if (nocase ? lower(pc) === lower(sc) : pc === sc) {
          match = true
        }
        pi++
      }
      if (not) match = !match
      if (!match) return false
      si++
    } else {
      if (c === 92 /* \ */ && pEnd - pi >= 2) pi++
      const pc = p.charCodeAt(pi)
      const sc = s.charCodeAt(si)
      if (nocase ? lower(pc) !== lower(sc) : pc !== sc) return false
      si++
    }
    pi++
    if (si === sEnd) {
      while (pi < pEnd && p.charCodeAt(pi) === 42) pi++
      break
    }
  }
  return pi === pEnd && si === sEnd
}
