import { describe, expect, it } from 'vitest'
import { parseCursor, ScanCursors } from '../../worker/scan.ts'
import { ReplyError } from '../../worker/errors.ts'
import { bulk } from '../../worker/reply.ts'
import { testEngine } from '../helpers/engine.ts'
import { scanAll } from '../helpers/scan.ts'

/** Follows an iteration to its end, calling `between` after each page; returns every name seen. */
function iterate(
  cursors: ScanCursors, source: object, items: () => Iterable<string>, live: boolean, count: number,
  between: (round: number) => void = () => {},
): { names: string[]; calls: number } {
  const names: string[] = []
  let cursor = '0'
  let calls = 0
  do {
    const [next, page] = cursors.page(source, cursor, count, items, live)
    names.push(...page)
    cursor = next
    between(calls++)
  } while (cursor !== '0' && calls < 10_000)
  return { names, calls }
}

describe('ScanCursors', () => {
  it('pages through a source COUNT names at a time and ends with cursor 0', () => {
    const cursors = new ScanCursors()
    const source = new Map([['a', 1], ['b', 2], ['c', 3], ['d', 4], ['e', 5]])
    expect(cursors.page(source, '0', 2, () => source.keys(), true)).toEqual(['1', ['a', 'b']])
    expect(cursors.page(source, '1', 2, () => source.keys(), true)).toEqual(['2', ['c', 'd']])
    expect(cursors.page(source, '2', 2, () => source.keys(), true)).toEqual(['0', ['e']])
    // Exactly COUNT left: the read-ahead sees the end, so there is no empty last page.
    expect(cursors.page(source, '0', 5, () => source.keys(), true)).toEqual(['0', ['a', 'b', 'c', 'd', 'e']])
    expect(cursors.page(new Map(), '0', 5, () => [], true)).toEqual(['0', []])
  })

  it('a live iteration returns every element present throughout, once, while others come and go', () => {
    const cursors = new ScanCursors()
    const source = new Map<string, number>()
    for (let i = 0; i < 100; i++) source.set(`stay:${i}`, i)
    for (let i = 0; i < 100; i++) source.set(`go:${i}`, i)
    const { names } = iterate(cursors, source, () => source.keys(), true, 3, (round) => {
      source.delete(`go:${(round * 7) % 100}`)
      source.set(`new:${round}`, round)
      source.delete(`stay:${round % 100}`)
      source.set(`stay:${round % 100}`, 0)
    })
    const stays = names.filter((name) => name.startsWith('stay:'))
    // Re-added keys may come twice (they were not present throughout); none is missed.
    expect(new Set(stays).size).toBe(100)
  })

  it('a snapshot iteration is safe for sources whose iterators do not survive changes', () => {
    const cursors = new ScanCursors()
    // An array with swap-removal, like a set's member array: a live iterator would skip moved members.
    const members = Array.from({ length: 60 }, (_, i) => `m${i}`)
    const remove = (member: string) => {
      const at = members.indexOf(member)
      if (at >= 0) members[at] = members[members.length - 1]
      if (at >= 0) members.pop()
    }
    const { names } = iterate(cursors, members, () => members.values(), false, 4, (round) => remove(`m${round * 2}`))
    for (let i = 1; i < 60; i += 2) expect(names).toContain(`m${i}`)
    expect(names).toHaveLength(60)
  })

  it('an unknown cursor, or one from another source, starts over', () => {
    const cursors = new ScanCursors()
    const a = new Map([['x', 1], ['y', 2], ['z', 3]])
    const b = new Map([['p', 1], ['q', 2]])
    expect(cursors.page(a, '0', 1, () => a.keys(), true)).toEqual(['1', ['x']])
    expect(cursors.page(b, '1', 1, () => b.keys(), true)).toEqual(['2', ['p']])
    expect(cursors.page(a, '12345', 2, () => a.keys(), true)).toEqual(['3', ['x', 'y']])
  })

  it('keeps a bounded number of cursors, forgetting the oldest', () => {
    const cursors = new ScanCursors()
    const source = new Map([['a', 1], ['b', 2], ['c', 3]])
    const first = cursors.page(source, '0', 1, () => source.keys(), true)[0]
    for (let i = 0; i < 256; i++) cursors.page(source, '0', 1, () => source.keys(), true)
    // The first cursor was evicted: the iteration starts again from the beginning.
    expect(cursors.page(source, first, 1, () => source.keys(), true)[1]).toEqual(['a'])
  })
})

describe('parseCursor (strtoul rules)', () => {
  it.each([
    ['0', '0'], ['', '0'], ['+0', '0'], ['-0', '0'], ['00', '0'], ['17', '17'], ['+17', '17'],
    ['18446744073709551615', '18446744073709551615'], ['-1', '18446744073709551615'],
    ['-18446744073709551615', '1'],
  ])('%j is cursor %s', (text, cursor) => {
    expect(parseCursor(text)).toBe(cursor)
  })

  it.each([' 0', '0 ', '+', '-', '0x1', '1.5', 'x', '18446744073709551616', '-18446744073709551616', '\t1'])(
    '%j is an invalid cursor', (text) => {
      expect(() => parseCursor(text)).toThrow(ReplyError)
      expect(() => parseCursor(text)).toThrow('ERR invalid cursor')
    },
  )
})

describe('SSCAN, HSCAN and ZSCAN while the collection changes', () => {
  /**
   * Fills `key` with 300 members that stay and 300 that go, interleaved, then runs a full
   * iteration at COUNT 5 while, between calls, `remove` deletes two that go, `add` adds a new one
   * and `touch` rewrites one that stays (so the collection shrinks, and a structure that filled
   * gaps from its end would move staying members behind the cursor). Every member present
   * throughout must come back; members added on the way come back too (the iteration reads the
   * collection live), and one call covers about COUNT members.
   */
  async function churn(
    command: string, key: string, encoding: string, fill: (members: string[]) => string[],
    edits: { remove: (member: string) => string[]; add: (member: string) => string[]; touch: (member: string) => string[] },
    step: number,
  ) {
    const { run } = testEngine()
    const stay = Array.from({ length: 300 }, (_, i) => `stay:${i}`)
    const go = Array.from({ length: 300 }, (_, i) => `go:${i}`)
    run(fill(stay.flatMap((member, i) => [go[i], member])))
    expect(run(['OBJECT', 'ENCODING', key])).toEqual(bulk(encoding))
    const added: string[] = []
    const removed = new Set<string>()
    let calls = 0
    const items = await scanAll((argv) => {
      calls++
      return run(argv)
    }, [command, key], ['COUNT', '5'], (round) => {
      for (const gone of [go[(round * 7) % go.length], go[(round * 11 + 3) % go.length]]) {
        run(edits.remove(gone))
        removed.add(gone)
      }
      added.push(`new:${round}`)
      run(edits.add(`new:${round}`))
      run(edits.touch(stay[(round * 13) % stay.length]))
    })
    const names = items.filter((_, i) => i % step === 0)
    const seen = new Set(names)
    for (const member of stay) expect(seen.has(member), member).toBe(true)
    for (const member of added) expect(seen.has(member), member).toBe(true)
    expect(names.filter((name) => name.startsWith('stay:'))).toHaveLength(stay.length)
    expect(calls).toBeLessThanOrEqual(Math.ceil((stay.length + go.length + added.length) / 5) + 1)
    expect(removed.size).toBeGreaterThan(100)
  }

  it('SSCAN on a hashtable set', () =>
    churn('SSCAN', 's', 'hashtable', (members) => ['SADD', 's', ...members], {
      remove: (member) => ['SREM', 's', member],
      add: (member) => ['SADD', 's', member],
      touch: (member) => ['SADD', 's', member],
    }, 1))

  it('HSCAN on a hashtable hash', () =>
    churn('HSCAN', 'h', 'hashtable', (fields) => ['HSET', 'h', ...fields.flatMap((field) => [field, 'v'])], {
      remove: (field) => ['HDEL', 'h', field],
      add: (field) => ['HSET', 'h', field, 'v'],
      touch: (field) => ['HSET', 'h', field, 'changed'],
    }, 2))

  it('ZSCAN on a skiplist sorted set', () =>
    churn('ZSCAN', 'z', 'skiplist', (members) => ['ZADD', 'z', ...members.flatMap((member, i) => [String(i), member])], {
      remove: (member) => ['ZREM', 'z', member],
      add: (member) => ['ZADD', 'z', '-1', member],
      touch: (member) => ['ZINCRBY', 'z', '1000', member],
    }, 2))
})
