import { describe, expect, it } from 'vitest'
import { isIntsetMember, maxIntsetEntries, SetValue } from '../../worker/types/set.ts'
import { seededRandom } from '../helpers/engine.ts'

const config = new Map<string, string>()
const members = (s: SetValue) => [...s.values()]

describe('SetValue', () => {
  it('keeps an intset in ascending numeric order', () => {
    const s = new SetValue()
    for (const m of ['10', '-3', '2', '-9223372036854775808', '9223372036854775807', '0', '-20', '2']) s.add(m, 512)
    expect(members(s)).toEqual(['-9223372036854775808', '-20', '-3', '0', '2', '10', '9223372036854775807'])
    expect(s.encoding(config)).toBe('intset')
    expect(s.delete('0')).toBe(true)
    expect(s.delete('0')).toBe(false)
    expect(s.has('10')).toBe(true)
    expect(members(s)).toEqual(['-9223372036854775808', '-20', '-3', '2', '10', '9223372036854775807'])
  })

  it('recognises only canonical int64 texts as intset members', () => {
    for (const m of ['0', '-1', '9223372036854775807', '-9223372036854775808']) expect(isIntsetMember(m)).toBe(true)
    for (const m of ['01', '-0', '+1', ' 1', '1.0', '9223372036854775808', '', 'a']) expect(isIntsetMember(m)).toBe(false)
  })

  it('becomes a hashtable on a non-integer or past the limit, and never goes back', () => {
    const s = new SetValue()
    s.add('1', 2)
    s.add('2', 2)
    expect(s.encoding(config)).toBe('intset')
    s.add('3', 2)
    expect(s.encoding(config)).toBe('hashtable')
    s.delete('3')
    s.delete('2')
    expect(s.encoding(config)).toBe('hashtable')
    const t = SetValue.forMember('5')
    t.add('5', 512)
    t.add('x', 512)
    expect(t.encoding(config)).toBe('hashtable')
    expect(SetValue.forMember('abc').encoding(config)).toBe('hashtable')
  })

  it('removes from a hashtable by swapping the last member into the gap', () => {
    const s = new SetValue('hashtable')
    for (const m of ['a', 'b', 'c', 'd']) s.add(m, 512)
    s.delete('a')
    expect(members(s)).toEqual(['b', 'c', 'd'])
    expect(s.random(() => 0)).toBe('d')
    expect(s.has('d') && s.has('b') && s.has('c') && !s.has('a')).toBe(true)
    s.delete('c')
    s.add('e', 512)
    expect(members(s)).toEqual(['b', 'd', 'e'])
    expect([s.random(() => 0), s.random(() => 0.4), s.random(() => 0.9)]).toEqual(['d', 'b', 'e'])
  })

  it('iterates a hashtable safely while it changes (what SSCAN needs)', () => {
    const s = new SetValue('hashtable')
    for (let i = 0; i < 100; i++) s.add(`m${i}`, 512)
    const seen = new Set<string>()
    let added = 0
    for (const member of s.values()) {
      seen.add(member)
      // Delete odd members once seen (the last member moves into their slot); add a few.
      if (/^m\d*[13579]$/.test(member)) s.delete(member)
      if (added < 10) s.add(`new${added++}`, 512)
    }
    for (let i = 0; i < 100; i += 2) expect(seen.has(`m${i}`)).toBe(true)
  })

  it('picks random members uniformly by position', () => {
    const s = new SetValue('hashtable')
    for (const m of ['a', 'b', 'c']) s.add(m, 512)
    expect(s.random(() => 0)).toBe('a')
    expect(s.random(() => 0.5)).toBe('b')
    expect(s.random(() => 0.999)).toBe('c')
  })

  it('clones with the same encoding and contents', () => {
    const s = new SetValue()
    s.add('2', 512)
    s.add('1', 512)
    const copy = s.clone()
    copy.add('x', 512)
    expect(members(s)).toEqual(['1', '2'])
    expect(s.encoding(config)).toBe('intset')
    expect(copy.encoding(config)).toBe('hashtable')
    expect(copy.size).toBe(3)
    expect([...s]).toEqual(['1', '2'])
  })

  it('reads the intset limit from the configuration, capped at 2^30', () => {
    expect(maxIntsetEntries(new Map([['set-max-intset-entries', '512']]))).toBe(512)
    expect(maxIntsetEntries(new Map([['set-max-intset-entries', '4000000000']]))).toBe(1 << 30)
  })

  it('agrees with a JS Set under random operations', () => {
    const random = seededRandom(11)
    const s = new SetValue()
    const model = new Set<string>()
    for (let step = 0; step < 20000; step++) {
      const member = random() < 0.9 ? String(Math.floor(random() * 200) - 100) : `m${Math.floor(random() * 50)}`
      if (random() < 0.55) {
        expect(s.add(member, 150)).toBe(!model.has(member))
        model.add(member)
      } else {
        expect(s.delete(member)).toBe(model.delete(member))
      }
      if (s.encoding(config) === 'intset') {
        const sorted = members(s)
        for (let i = 1; i < sorted.length; i++) expect(BigInt(sorted[i - 1]) < BigInt(sorted[i])).toBe(true)
      }
      expect(s.size).toBe(model.size)
      if (s.size > 0) expect(model.has(s.random(random))).toBe(true)
    }
    expect(new Set(members(s))).toEqual(model)
  })
})
