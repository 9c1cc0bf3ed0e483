import { describe, expect, it } from 'vitest'
import { globMatch } from '../../worker/glob.ts'

// [pattern, key, matches] - each checked against Redis 7.0.15's KEYS (byte strings: \u00e9 is the byte 0xE9).
const CASES: Array<[string, string, boolean]> = [
  // KEYS * and SCAN MATCH * skip matching (so they list the empty key); the matcher itself says no.
  ["*", "", false],
  ["**", "", false],
  ["*", "anything", true],
  ["", "", true],
  ["", "a", false],
  ["a", "", false],
  ["?", "a", true],
  ["?", "", false],
  ["?", "ab", false],
  ["??", "ab", true],
  ["h?llo", "hello", true],
  ["h?llo", "hllo", false],
  ["h*llo", "hllo", true],
  ["h*llo", "heeeello", true],
  ["h[ae]llo", "hello", true],
  ["h[ae]llo", "hallo", true],
  ["h[ae]llo", "hillo", false],
  ["h[^e]llo", "hallo", true],
  ["h[^e]llo", "hello", false],
  ["h[a-b]llo", "hbllo", true],
  ["h[a-b]llo", "hcllo", false],
  ["[z-a]", "m", true],
  ["[z-a]", "A", false],
  ["[a-]", "-", false],
  ["[a-]", "^", true],
  ["[a-]", "a", true],
  ["[-a]", "-", true],
  ["[]", "]", false],
  ["[]]", "]", false],
  ["[]a]", "a", false],
  ["[]a]", "]a]", false],
  ["[", "a", false],
  ["[", "", false],
  ["[a", "a", true],
  ["[a", "b", false],
  ["[abc", "c", true],
  ["[^a", "b", true],
  ["[^", "x", true],
  ["[a-", "a", true],
  ["a[", "a", false],
  ["a[b", "ab", true],
  ["[a-c", "b", true],
  ["\\*", "*", true],
  ["\\*", "a", false],
  ["\\?", "?", true],
  ["\\?", "a", false],
  ["\\[a]", "[a]", true],
  ["\\", "\\", true],
  ["a\\", "a\\", true],
  ["\\a", "a", true],
  ["[\\]]", "]", true],
  ["[\\-a]", "-", true],
  ["[\\-a]", "b", false],
  ["[a\\]", "\\", false],
  ["[a\\]", "]", true],
  ["[\\", "\\", true],
  ["*\\", "ab\\", true],
  ["*a*b*c", "aXbXc", true],
  ["*a*b*c", "aXbXcX", false],
  ["a*", "a", true],
  ["a**", "a", true],
  ["**a", "a", true],
  ["*?", "", false],
  ["*?", "x", true],
  ["a*b", "ab", true],
  ["a*b", "acb", true],
  ["a*b", "acbd", false],
  ["*.txt", "file.txt", true],
  ["*.txt", "file.txtx", false],
  ["user:[0-9]*", "user:1abc", true],
  ["user:[0-9]*", "user:abc", false],
  ["[^0-9]*", "a1", true],
  ["[^0-9]*", "1a", false],
  ["[!a]", "!", true],
  ["[!a]", "b", false],
  ["[a-z0-9]", "5", true],
  ["[a-z0-9]", "_", false],
  ["[---]", "-", true],
  ["*[", "abc", false],
  ["a[]", "a]", false],
  ["[a-c-e]", "d", false],
  ["[a-c-e]", "-", true],
  ["[a-c-e]", "e", true],
  ["\u00e9", "\u00e9", true],
  ["[\u00e0-\u00ef]", "\u00e9", true],
  ["[a-\u00e9]", "b", false],
  ["[\u00e9-a]", "\u0080", false],
  ["[\u00e9-a]", "\u00f0", true],
  ["[\u00e9-a]", "0", true],
  ["[\u0001-\u00ff]", "a", false],
  ["x*yz", "xyyz", true],
  ["*x*", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaay", false],]

describe('globMatch (Redis stringmatchlen)', () => {
  it.each(CASES)('%j against %j is %s', (pattern, key, matches) => {
    expect(globMatch(pattern, key)).toBe(matches)
  })

  it('nocase folds ASCII letters in literals and ranges, but not in escapes', () => {
    expect(globMatch('HeLLo*', 'hello world', true)).toBe(true)
    expect(globMatch('HeLLo*', 'hello world')).toBe(false)
    expect(globMatch('[A-Z]', 'q', true)).toBe(true)
    expect(globMatch('[a-z]', 'Q', true)).toBe(true)
    expect(globMatch('[abc]', 'B', true)).toBe(true)
    expect(globMatch('[^abc]', 'B', true)).toBe(false)
    expect(globMatch('[\\A]', 'a', true)).toBe(false)
    expect(globMatch('\\A', 'a', true)).toBe(true)
  })

  it('gives up beyond 1000 nested stars, as Redis does', () => {
    const key = 'a'.repeat(1100)
    expect(globMatch('*a'.repeat(1000), key)).toBe(true)
    expect(globMatch('*a'.repeat(1001), key)).toBe(false)
  })

  it('stops early instead of backtracking through every star', () => {
    const key = 'a'.repeat(5000)
    const started = Date.now()
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*a*a*b', key)).toBe(false)
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
